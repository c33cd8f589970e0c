#!/usr/bin/python3
"""Retransmissions through a stateful FORWARD with tcp_max_retrans=3:
a SYN sent three times, a SYN/ACK twice, data retransmitted five times
unanswered (timeout_max_retrans: --ctexpire shows the shorter timer),
duplicate ACKs, then the data acknowledged."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 42000, 1000),
            ("eth1", UPSTREAM, S, 80, 5000))
c.a("S")
c.a("S", seq=1000, gap=0.05)
c.a("S", seq=1000, gap=0.05)
c.b("SA")
c.b("SA", seq=5000)
c.a("A")
seq = c.nxt["a"]
c.a("PA", b"x" * 100)
for i in range(5):
    c.a("PA", b"x" * 100, seq=seq, gap=0.03)
c.b("A", ack=seq)        # duplicate ACKs of nothing new
c.b("A", ack=seq)
c.b("A")                 # everything acknowledged
c.a("PA", b"y" * 10)
c.b("A")
t.write()
