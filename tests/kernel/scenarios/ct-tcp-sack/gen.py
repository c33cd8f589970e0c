#!/usr/bin/python3
"""SACK in the tracker: with SACK permitted both ways, an ACK whose SACK
block ends beyond what the server sent is INVALID, a SACK block inside is
fine; without SACK permitted the same block is ignored."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 45000, 1000),
            ("eth1", UPSTREAM, S, 80, 5000))
c.handshake(opts_a=[("MSS", 1460), ("SAckOK", b"")],
            opts_b=[("MSS", 1460), ("SAckOK", b"")])
c.a("PA", b"req")
srv = c.nxt["b"]
c.b("A", ack=c.nxt["a"])
c.b("PA", b"x" * 100)                      # srv .. srv+100
c.b("PA", b"y" * 100)                      # srv+100 .. srv+200
c.a("A", ack=srv, opts=[("NOP", None), ("NOP", None),
                        ("SAck", (srv + 100, srv + 200))])
c.a("A", ack=srv, opts=[("NOP", None), ("NOP", None),
                        ("SAck", (srv + 100, srv + 300000))])
c.a("A", ack=srv, opts=[("NOP", None), ("NOP", None),
                        ("SAck", (srv + 100, srv + 200, srv + 500000,
                                  srv + 600000))])
c.a("A")

d = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 45001, 8000),
            ("eth1", UPSTREAM, S, 80, 9000))
d.handshake(opts_a=[("MSS", 1460)], opts_b=[("MSS", 1460)])
d.a("PA", b"req")
srv = d.nxt["b"]
d.b("PA", b"x" * 100)
d.a("A", ack=srv, opts=[("NOP", None), ("NOP", None),
                        ("SAck", (srv + 100, srv + 300000))])
d.a("A")
t.write()
