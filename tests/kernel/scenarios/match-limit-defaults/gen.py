#!/usr/bin/python3
"""limit defaults: 5 of 10 DNS queries pass (3/hour refills nothing in
2 s); 2/min burst 1: one of 4; 4/s burst 2: 2, then one every 250 ms."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, TCP, UDP, ICMP, Raw, CLIENT, UPSTREAM  # noqa: E402

t = Trace()
for i in range(10):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10", id=100 + i) /
          UDP(sport=4000 + i, dport=53) / Raw(b"q" * 20), gap=0.1)
for i in range(4):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10", id=200 + i) /
          UDP(sport=5000 + i, dport=123) / Raw(b"n" * 48), gap=0.2)
# 4/s burst 2: 3 at 20 ms (2 pass), then every 400 ms (each passes),
# then 2 at 100 ms spacing (the first passes on saved credit, 25 jiffies
# is not a packet's 62.5)
for i, gap in enumerate([0.02, 0.02, 0.02, 0.4, 0.4, 0.4, 0.1, 0.1]):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10", id=300 + i) /
          UDP(sport=6000 + i, dport=514) / Raw(b"s" * 30), gap=gap)
t.write()
