#!/usr/bin/python3
"""A burst of 100 pings at 1 ms spacing to the host (20 pass), a slow tail
at 300 ms (each passes: 75 jiffies refill 1.5 packets' credit), then a
second burst of 10 at 2 ms after 1 s idle (the credit saved by then)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, TCP, UDP, ICMP, Raw, CLIENT, UPSTREAM  # noqa: E402

t = Trace()
seq = 1
for i in range(100):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=seq) /
          ICMP(type=8, id=7, seq=seq), gap=0.001)
    seq += 1
for i in range(8):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=seq) /
          ICMP(type=8, id=7, seq=seq), gap=0.300)
    seq += 1
for i in range(10):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=seq) /
          ICMP(type=8, id=7, seq=seq), gap=1.0 if i == 0 else 0.002)
    seq += 1
t.write()
