#!/usr/bin/python3
"""path-forward-ports: stateless forwarding by port in both directions.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, WEB, DNS = "192.0.2.2", "203.0.113.10", "203.0.113.53"

t = Trace()
# web: handshake and data, both directions (ACCEPT by port)
t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=100) /
      TCP(sport=40000, dport=80, flags="S", seq=1000,
          options=[("MSS", 1460), ("SAckOK", b""), ("WScale", 7)]))
t.add("eth1", UPSTREAM / IP(src=WEB, dst=C, id=200, ttl=57) /
      TCP(sport=80, dport=40000, flags="SA", seq=9000, ack=1001))
t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=101, flags="DF") /
      TCP(sport=40000, dport=80, flags="PA", seq=1001, ack=9001) /
      Raw(b"GET / HTTP/1.0\r\n\r\n"))
t.add("eth1", UPSTREAM / IP(src=WEB, dst=C, id=201, ttl=57, tos=0x10) /
      TCP(sport=80, dport=40000, flags="PA", seq=9001, ack=1019) /
      Raw(b"HTTP/1.0 200 OK\r\n\r\nhello"))
# https and 8443 through multiport, one answer
t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=102) /
      TCP(sport=40001, dport=443, flags="S", seq=2000))
t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=103) /
      TCP(sport=40002, dport=8443, flags="S", seq=3000))
t.add("eth1", UPSTREAM / IP(src=WEB, dst=C, id=202) /
      TCP(sport=8443, dport=40002, flags="SA", seq=7000, ack=3001))
# ssh: dropped by the explicit rule, both directions
t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=104) /
      TCP(sport=40003, dport=22, flags="S", seq=4000))
t.add("eth1", UPSTREAM / IP(src=WEB, dst=C, id=203) /
      TCP(sport=50000, dport=22, flags="S", seq=4500))
# smtp: the policy drops it
t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=105) /
      TCP(sport=40004, dport=25, flags="S", seq=5000))
# dns to the allowed server and back; to another server: policy
t.add("eth0", CLIENT / IP(src=C, dst=DNS, id=106) /
      UDP(sport=5353, dport=53) / Raw(b"\x12\x34\x01\x00\x00\x01"))
t.add("eth1", UPSTREAM / IP(src=DNS, dst=C, id=204) /
      UDP(sport=53, dport=5353) / Raw(b"\x12\x34\x81\x80\x00\x01"))
t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=107) /
      UDP(sport=5354, dport=53) / Raw(b"\x12\x35\x01\x00\x00\x01"))
# ping out and its reply are accepted; a ping from outside is not
t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=108) /
      ICMP(type=8, id=0x4242, seq=1) / Raw(b"abcdefgh"))
t.add("eth1", UPSTREAM / IP(src=WEB, dst=C, id=205) /
      ICMP(type=0, id=0x4242, seq=1) / Raw(b"abcdefgh"))
t.add("eth1", UPSTREAM / IP(src=WEB, dst=C, id=206) /
      ICMP(type=8, id=0x4343, seq=1) / Raw(b"abcdefgh"))
# a frame for another MAC: the stack never sees it (PACKET_OTHERHOST)
t.add("eth0", Ether(src="02:00:00:00:00:01", dst="02:00:00:00:99:99") /
      IP(src=C, dst=WEB, id=109) / TCP(sport=40005, dport=80, flags="S"))
t.write()
