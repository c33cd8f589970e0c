#!/usr/bin/python3
"""A SYN to a listening socket that never gets its ACK: the request
socket's timer sends the SYN-ACK again 1 s and 3 s later (1, 2, 4, ...
s apart): /usr/bin/python3 gen.py [OUTDIR]"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, TCP, CLIENT  # noqa: E402

t = Trace()
t.add("eth0", CLIENT / IP(id=1, src="192.0.2.2", dst="192.0.2.1") /
      TCP(sport=42000, dport=22, flags="S", seq=1000, options=[("MSS", 1460)]))
t.write()
