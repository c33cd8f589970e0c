#!/usr/bin/python3
"""Nine connections (SYNs) to the service: backends in the order nth
gives them; UDP through the nth and inverted nth counters."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, TCP, UDP, ICMP, Raw, CLIENT, UPSTREAM  # noqa: E402

t = Trace()
for i in range(9):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=10 + i) /
          TCP(sport=40000 + i, dport=80, flags="S", seq=1000 + i))
for i in range(10):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10", id=50 + i) /
          UDP(sport=5000 + i, dport=5353) / Raw(b"u" * 8))
t.write()
