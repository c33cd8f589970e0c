#!/usr/bin/python3
"""Mid-stream pickup with nf_conntrack_tcp_loose=1 (the default): an ACK
with data for a connection never seen is NEW (picked up in ESTABLISHED),
the server's answer ESTABLISHED; the same from the outside (NEW from eth1:
dropped, nothing kept); a FIN, an RST, a SYN/ACK and a bare ACK with no
connection."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 46000, 123456),
            ("eth1", UPSTREAM, S, 80, 654321))
c.a("PA", b"mid-stream")
c.b("A")
c.b("PA", b"answer")
c.a("A")
c.a("FA")
c.b("FA")
c.a("A")

d = TcpConv(t, ("eth1", UPSTREAM, S, 22, 1111),
            ("eth0", CLIENT, "192.0.2.2", 46001, 2222))
d.a("PA", b"from outside")     # NEW from eth1: the policy drops it
d.b("A")                       # NEW from eth0: picked up, accepted

for port, flags in ((46002, "FA"), (46003, "R"), (46004, "SA"),
                    (46005, "A"), (46006, "PA")):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=port - 46000) /
          TCP(sport=port, dport=80, flags=flags, seq=777, ack=888,
              window=1000))
t.write()
