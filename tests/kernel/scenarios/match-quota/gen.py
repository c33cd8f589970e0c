#!/usr/bin/python3
"""quota: 300-byte datagrams take 300 each (3 pass, 100 left), a
200-byte one does not fit and empties the quota, a 50-byte one fails
too; inverted: 200 + 200 pass, 200 matches the inverted quota (DROP)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, TCP, UDP, ICMP, Raw, CLIENT, UPSTREAM  # noqa: E402

t = Trace()
for i, size in enumerate([300, 300, 300, 200, 50]):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10", id=10 + i) /
          UDP(sport=4000, dport=53) / Raw(b"q" * (size - 28)))
for i, size in enumerate([200, 200, 200, 28]):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10", id=30 + i) /
          UDP(sport=4001, dport=123) / Raw(b"n" * (size - 28)))
t.write()
