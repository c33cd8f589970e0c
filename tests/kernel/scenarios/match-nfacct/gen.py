#!/usr/bin/python3
"""Web packets both ways and DNS queries counted in nfacct objects."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, TCP, UDP, ICMP, Raw, CLIENT, UPSTREAM  # noqa: E402

t = Trace()
for i in range(3):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10", id=10 + i) /
          TCP(sport=40000, dport=80, flags="A", seq=1000, ack=1) / Raw(b"w" * (100 * i)))
    t.add("eth1", UPSTREAM / IP(src="203.0.113.10", dst="192.0.2.2", id=20 + i) /
          TCP(sport=80, dport=40000, flags="A", seq=1, ack=1000))
for i in range(2):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.53", id=30 + i) /
          UDP(sport=5000, dport=53) / Raw(b"d" * 33))
t.write()
