#!/usr/bin/python3
"""Window scaling in the tracker: both sides offer it (client 7, server
2): data far into the scaled window passes, beyond it INVALID; a second
connection where only the client offers it (scaling off both ways): the
same offsets INVALID; a scale above 14 (treated as 14)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 44000, 1000),
            ("eth1", UPSTREAM, S, 80, 5000), win=20000)
c.handshake(opts_a=[("MSS", 1460), ("WScale", 7)],
            opts_b=[("MSS", 1460), ("WScale", 2)])
c.a("PA", b"a" * 10)
c.b("A")              # window 20000 << 2 = 80000
base = c.nxt["a"]
c.a("PA", b"b" * 10, seq=base + 60000)       # inside the scaled window
c.a("PA", b"c" * 10, seq=base + 79990)       # ends at its edge
c.a("PA", b"d" * 10, seq=base + 90000)       # beyond
c.b("PA", b"e" * 10, seq=c.nxt["b"] + 1000000)  # client window 20000 << 7
c.b("PA", b"f" * 10, seq=c.nxt["b"] + 3000000)  # beyond it
c.a("A")

d = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 44001, 7000),
            ("eth1", UPSTREAM, S, 80, 9000), win=20000)
d.handshake(opts_a=[("MSS", 1460), ("WScale", 7)],
            opts_b=[("MSS", 1460)])
d.a("PA", b"a" * 10)
d.b("A")
base = d.nxt["a"]
d.a("PA", b"b" * 10, seq=base + 19990)       # the unscaled edge
d.a("PA", b"c" * 10, seq=base + 60000)       # beyond: no scaling
d.b("PA", b"e" * 10, seq=d.nxt["b"] + 1000000)

e = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 44002, 11000),
            ("eth1", UPSTREAM, S, 80, 13000), win=1000)
e.handshake(opts_a=[("WScale", 20)], opts_b=[("WScale", 20)])
e.a("PA", b"a" * 10)
e.b("A")
e.a("PA", b"b" * 10, seq=e.nxt["a"] + 1000 * 16384 - 100)
e.a("PA", b"c" * 10, seq=e.nxt["a"] + 1000 * 16384 + 100)
t.write()
