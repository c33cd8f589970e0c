#!/usr/bin/python3
"""Pings to two /16s (the third and later to one /16 within 10 ms
dropped by `! --hashlimit-upto`), TCP from one source to two addresses
(`! --hashlimit-above` accepts the first of each pair), UDP fragments:
a first fragment and a later one whose 2 bytes cannot hold ports
(hot-dropped by the dstport table). Quiet end for the /proc views."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, TCP, UDP, ICMP, Raw, CLIENT  # noqa: E402

t = Trace()
for i in range(4):
    for dst in ("203.0.113.10", "203.0.200.20", "203.0.113.77"):
        t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=dst, id=10 + i) /
              ICMP(type=8, id=5, seq=i), gap=0.003)
for i in range(3):
    for dst in ("203.0.113.10", "203.0.113.11"):
        t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=dst, id=30 + i) /
              TCP(sport=40000 + i, dport=80, flags="S", seq=7), gap=0.004)
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10", id=50,
                          flags="MF", proto=17) /
      Raw(bytes.fromhex("13880035001c0000") + b"f" * 16), gap=0.004)
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10", id=50,
                          frag=3, proto=17) / Raw(b"zz"), gap=0.004)
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10", id=51) /
      UDP(sport=5000, dport=53) / Raw(b"x" * 4), gap=0.004)
t.write()
