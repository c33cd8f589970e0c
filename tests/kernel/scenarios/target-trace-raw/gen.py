#!/usr/bin/python3
"""target-trace-raw: raw PREROUTING -j TRACE on forwarded and local packets.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, SRV = "192.0.2.2", "203.0.113.50"

t = Trace()
# a SYN to port 80: traced through raw, chk (RETURN) and FORWARD's ACCEPT
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=1) /
      TCP(sport=45000, dport=80, flags="S", seq=1,
          options=[("MSS", 1460)]))
# an ACK with data: chk falls off its end after the LOG (implicit return)
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=2) /
      TCP(sport=45000, dport=80, flags="PA", seq=2, ack=500) / Raw(b"GET"))
# not traced (port 443)
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=3) /
      TCP(sport=45001, dport=443, flags="S", seq=3))
# from outside to port 80: traced to the REJECT; the RST it sends
t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=4) /
      TCP(sport=45002, dport=80, flags="S", seq=4))
# a ping to the host: traced through INPUT
t.add("eth0", CLIENT / IP(src=C, dst="192.0.2.1", id=5) /
      ICMP(type=8, id=5, seq=1) / Raw(b"trace me"))
# a forwarded echo reply: traced through FORWARD's policy
t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=6) /
      ICMP(type=0, id=5, seq=1) / Raw(b"pong"))
# udp: not traced
t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=7) /
      UDP(sport=53, dport=45003) / Raw(b"x"))
t.write()
