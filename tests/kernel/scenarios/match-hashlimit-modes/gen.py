#!/usr/bin/python3
"""hashlimit modes: srcip buckets (two clients, 3 each pass of 5), dstport
above (the 3rd+ SYN to one port in a burst dropped, another port apart),
srcip/24 + srcport (two addresses of one /24 share a bucket), byte mode
per destination (3 kB burst of 2 kB/s). A quiet 2.5 s end refills every
bucket before the /proc views are read."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, TCP, UDP, ICMP, Raw, CLIENT, UPSTREAM  # noqa: E402

t = Trace()
A = "192.0.2.2"
B = "192.0.2.77"
for i in range(5):
    for src in (A, B):
        t.add("eth0", CLIENT / IP(src=src, dst="203.0.113.10", id=10 + i) /
              UDP(sport=3000 + i, dport=53) / Raw(b"d" * 20), gap=0.005)
for i in range(5):
    t.add("eth0", CLIENT / IP(src=A, dst="203.0.113.20", id=40 + i) /
          TCP(sport=41000 + i, dport=443, flags="S", seq=1000), gap=0.005)
    t.add("eth0", CLIENT / IP(src=A, dst="203.0.113.20", id=60 + i) /
          TCP(sport=42000 + i, dport=22, flags="S", seq=1000), gap=0.005)
for i in range(3):
    for src in (A, B):
        t.add("eth0", CLIENT / IP(src=src, dst="203.0.113.30", id=80 + i) /
              TCP(sport=43000, dport=80, flags="S", seq=1000), gap=0.010)
for i in range(8):
    t.add("eth0", CLIENT / IP(src=A, dst="203.0.113.40", id=100 + i) /
          UDP(sport=5000, dport=9000) / Raw(b"b" * 572), gap=0.010)
t.add("eth0", CLIENT / IP(src=A, dst="203.0.113.10", id=200) /
      UDP(sport=3999, dport=53) / Raw(b"d" * 20), gap=0.6)
t.write()
