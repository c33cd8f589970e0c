#!/usr/bin/python3
"""htable-max: four destination ports fill the table, a fifth is
hot-dropped (with the kernel's "max count" line) until the collector has
freed the expired entries, 3 s later it passes; the end keeps two live
entries for the /proc view (expiry 1.5 s: read before they go)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, TCP, UDP, ICMP, Raw, CLIENT, UPSTREAM  # noqa: E402

t = Trace()
for port in (1001, 1002, 1003, 1004, 1005, 1006):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10", id=port) /
          UDP(sport=7000, dport=port) / Raw(b"x" * 10), gap=0.010)
for port in (1005, 1001):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10", id=port + 10) /
          UDP(sport=7000, dport=port) / Raw(b"x" * 10), gap=3.0)
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10", id=3000) /
      UDP(sport=7000, dport=1005) / Raw(b"x" * 10), gap=0.010)
t.write()
