#!/usr/bin/python3
"""Rate-match windows: 10 datagrams in 200 ms to two addresses of one /24
(7 = burst + rate pass), a window after it refused whole (it went over
5/s), then a quiet one that lets the next window through; the same for
an above rule keyed by source port. Quiet end (settle) for /proc."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, UDP, Raw, CLIENT  # noqa: E402

t = Trace()
n = 0


def send(dst, dport, sport, gap):
    global n
    n += 1
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=dst, id=n) /
          UDP(sport=sport, dport=dport) / Raw(b"m" * 12), gap=gap)


for i in range(10):
    send("203.0.113.%d" % (10 + i % 2), 53, 5000, 0.020)
    send("203.0.113.99", 123, 6000, 0.002)
for i in range(3):
    send("203.0.113.10", 53, 5000, 0.5 if i == 0 else 0.2)
    send("203.0.113.99", 123, 6000, 0.002)
for i in range(4):
    send("203.0.113.11", 53, 5000, 1.4 if i == 0 else 0.15)
    send("203.0.113.99", 123, 6000, 0.002)
t.write()
