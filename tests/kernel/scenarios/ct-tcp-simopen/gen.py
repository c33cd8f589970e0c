#!/usr/bin/python3
"""Simultaneous open through a stateful FORWARD: SYNs crossing (the
reply-direction SYN: SYN_SENT2), SYN/ACKs both ways, ACKs, data; then a
reply-direction SYN/ACK with a wrong ack in SYN_SENT2 and a SYN retried."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 5000, 1000),
            ("eth1", UPSTREAM, S, 6000, 8000))
c.a("S")
c.b("S", ack=0)           # the other side's SYN, crossing
c.a("SA", seq=1000)       # each side answers the other's SYN
c.b("SA", seq=8000)
c.a("A")
c.b("A")
c.a("PA", b"simultaneous")
c.b("A")
c.b("PA", b"open")
c.a("A")

d = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 5001, 3000),
            ("eth1", UPSTREAM, S, 6001, 9000))
d.a("S")
d.b("S", ack=0)
d.b("SA", seq=9000, ack=77777)      # acks nothing the client sent
d.b("SA", seq=9000)                 # the right one
d.a("A")
t.write()
