#!/usr/bin/python3
"""net.ipv4.icmp_echo_ignore_all=1: no echo replies; closed UDP ports
get port unreachables within icmp_ratelimit (6, then 1 per second):
/usr/bin/python3 gen.py [OUTDIR]"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, UDP, ICMP, Raw, CLIENT  # noqa: E402

C = dict(src="192.0.2.2", dst="192.0.2.1")
t = Trace()
t.add("eth0", CLIENT / IP(id=1, **C) / ICMP(id=1, seq=1))
for i in range(9):
    t.add("eth0", CLIENT / IP(id=2 + i, **C) / UDP(sport=5000 + i, dport=9) / Raw(b"x"))
t.add("eth0", CLIENT / IP(id=20, **C) / ICMP(id=1, seq=2))
t.write()
