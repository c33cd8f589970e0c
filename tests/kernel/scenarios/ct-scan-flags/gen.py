#!/usr/bin/python3
"""Port scans against --ctstate INVALID LOG+DROP in FORWARD and INPUT:
Xmas, Null, FIN, SYN+FIN, SYN+RST, all flags, SYN/ACK without a SYN (also
against the seed's SYN,ACK + NEW rule), a bare ACK (picked up: NEW), an
RST; forwarded and to the host."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
FLAGS = ("FPU", "", "F", "SF", "SR", "FSRPAUEC", "SA", "A", "R", "S")
port = 60000
for dst in ("203.0.113.10", "192.0.2.1"):
    for fl in FLAGS:
        port += 1
        t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=dst, id=port - 60000) /
              TCP(sport=port, dport=80, flags=fl, seq=4242,
                  ack=99 if "A" in fl else 0, window=1024))
t.write()
