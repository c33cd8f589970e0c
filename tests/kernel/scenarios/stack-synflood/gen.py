#!/usr/bin/python3
"""A listener with backlog 2 and tcp_syncookies=0: SYNs beyond its queue
of half-open connections are dropped, and the kernel says so once:
/usr/bin/python3 gen.py [OUTDIR]"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, TCP, CLIENT  # noqa: E402

C = dict(src="192.0.2.2", dst="192.0.2.1")
t = Trace()
for i in range(5):
    t.add("eth0", CLIENT / IP(id=1 + i, **C) /
          TCP(sport=45000 + i, dport=22, flags="S", seq=1000 * (i + 1)))
# the RSTs that end the half-open connections (the others meet the
# listener: nothing), before any SYN-ACK timer runs
for i in range(5):
    t.add("eth0", CLIENT / IP(id=10 + i, **C) /
          TCP(sport=45000 + i, dport=22, flags="R", seq=1000 * (i + 1) + 1))
t.write()
