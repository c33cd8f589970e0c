#!/usr/bin/python3
"""A SYN flood into a table of 8 entries (nf_conntrack_max=8, global on
6.18: set for the run): one assured session first, then 12 SYNs from new
ports: 7 get entries, the rest are dropped with the kernel's table-full
line; the assured session still passes afterwards."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 47000, 1000),
            ("eth1", UPSTREAM, S, 80, 5000))
c.handshake()
c.a("PA", b"hi")
c.b("PA", b"hello")
c.a("A")
for i in range(12):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=100 + i) /
          TCP(sport=50000 + i, dport=80, flags="S", seq=1000 * i,
              window=1024))
c.a("PA", b"still")
c.b("A")
t.write()
