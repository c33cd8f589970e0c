#!/usr/bin/python3
"""Conntrack zones: raw CT --zone 5 for both directions of port 80 (one
entry, zone=5, replies ESTABLISHED); CT --zone 7 only on the client's side of
port 81 (the reply, zone 0, is NEW from eth1: dropped); the same tuple in
zone 0 and zone 5 as two entries; --zone-orig / --zone-reply."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 39500, 1000),
            ("eth1", UPSTREAM, S, 80, 5000))
c.handshake()
c.a("PA", b"zone five")
c.b("A")
d = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 39501, 3000),
            ("eth1", UPSTREAM, S, 81, 7000))
d.a("S")
d.b("SA")
# the same UDP tuple from eth0 (zone 0) and, via the mark, in zone 5
for i, dp in enumerate((4000, 4001)):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=10 + i) /
          UDP(sport=39502, dport=dp) / Raw(b"z"))
    t.add("eth1", UPSTREAM / IP(src=S, dst="192.0.2.2", id=10 + i) /
          UDP(sport=dp, dport=39502) / Raw(b"z"))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=20, tos=4) /
      UDP(sport=39503, dport=4000) / Raw(b"tos4"))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=21) /
      UDP(sport=39503, dport=4000) / Raw(b"tos0"))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=22) /
      UDP(sport=39504, dport=4002) / Raw(b"orig"))
t.add("eth1", UPSTREAM / IP(src=S, dst="192.0.2.2", id=22) /
      UDP(sport=4002, dport=39504) / Raw(b"reply"))
t.write()
