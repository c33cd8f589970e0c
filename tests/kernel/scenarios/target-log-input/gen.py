#!/usr/bin/python3
"""target-log-input: packets for the host itself, INPUT rules and LOG.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw, IPOption_RR  # noqa

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
BCAST = Ether(src="02:00:00:00:00:01", dst="ff:ff:ff:ff:ff:ff")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FW1, FAR = "192.0.2.2", "192.0.2.1", "198.51.100.1", "203.0.113.7"

t = Trace()
# ssh from the inside: logged at level 6 and accepted (delivered)
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=1) /
      TCP(sport=41000, dport=22, flags="S", seq=100))
# ssh to the eth1 address, arriving on eth0: still local (weak host model)
t.add("eth0", CLIENT / IP(src=C, dst=FW1, id=2) /
      TCP(sport=41001, dport=22, flags="S", seq=200))
# ssh from outside: policy drop, logged with sequence numbers and options
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=3, ttl=50) /
      TCP(sport=41002, dport=22, flags="S", seq=300, window=64240,
          options=[("MSS", 1460), ("SAckOK", b""),
                   ("Timestamp", (12345, 0)), ("NOP", None),
                   ("WScale", 7)]))
# pings: logged with IP options (record route on one), accepted
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=4) /
      ICMP(type=8, id=7, seq=1) / Raw(b"ping"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=5,
                            options=[IPOption_RR(routers=["0.0.0.0"] * 3)]) /
      ICMP(type=8, id=7, seq=2) / Raw(b"ping"))
# dhcp-like broadcasts: limited and directed broadcast, both local
t.add("eth0", BCAST / IP(src="0.0.0.0", dst="255.255.255.255", id=6) /
      UDP(sport=68, dport=67) / Raw(b"\x01\x01\x06\x00"))
t.add("eth0", BCAST / IP(src=C, dst="192.0.2.255", id=7) /
      UDP(sport=68, dport=67) / Raw(b"\x01\x01\x06\x00"))
# udp to the host: policy drop, logged by the catch-all LOG
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=8, tos=0x28) /
      UDP(sport=5000, dport=53) / Raw(b"q"))
# tcp to another port: in-drop with --log-tcp-sequence
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=9, flags="DF") /
      TCP(sport=41003, dport=80, flags="PA", seq=400, ack=77, urgptr=0) /
      Raw(b"data"))
# an ICMP timestamp request: catch-all drop
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=10) /
      ICMP(type=13, id=9, seq=3, ts_ori=1000, ts_rx=0, ts_tx=0))
t.write()
