#!/usr/bin/python3
"""UDP to the host and through it, alternating, 8 within 40 ms: 4 pass
the shared bucket; after 500 ms (5 packets' credit) 5 of 6 more. The
host's own datagrams: 2 by the limit burst, then one every 500 ms until
the 200-byte quota is spent."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, UDP, Raw, CLIENT, LOCAL  # noqa: E402

t = Trace()
n = 0
for i in range(8):
    n += 1
    dst = "192.0.2.1" if i % 2 == 0 else "203.0.113.10"
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=dst, id=n) /
          UDP(sport=4000 + i, dport=9) / Raw(b"a" * 10), gap=0.005)
for i in range(6):
    n += 1
    dst = "192.0.2.1" if i % 2 == 0 else "203.0.113.10"
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=dst, id=n) /
          UDP(sport=5000 + i, dport=9) / Raw(b"b" * 10),
          gap=0.5 if i == 0 else 0.005)
for i in range(6):
    n += 1
    t.add(LOCAL, IP(src="198.51.100.1", dst="203.0.113.50", id=n) /
          UDP(sport=6000, dport=7000) / Raw(b"c" * 32),
          gap=0.01 if i < 3 else 0.5)
t.write()
