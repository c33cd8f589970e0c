#!/usr/bin/python3
"""The traffic of ct-tcp-window with nf_conntrack_tcp_be_liberal=1:
out-of-window segments and ACKs pass as ESTABLISHED (only RSTs are still
checked): an RST far outside the window stays INVALID."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 43000, 1000),
            ("eth1", UPSTREAM, S, 80, 5000), win=8000)
c.handshake()
c.a("PA", b"a" * 100)
c.b("A")
base = c.nxt["a"]
c.a("PA", b"e" * 10, seq=base + 7990)
c.a("PA", b"f" * 10, seq=base + 7991)
c.a("PA", b"g" * 10, seq=base + 1000000)
c.a("PA", b"h" * 10, seq=base - 1000000)
c.a("A", ack=c.nxt["b"] + 100000)
c.a("A", ack=c.nxt["b"] - 1000000)
c.b("PA", b"i" * 50)
c.a("A")
c.b("PA", b"j" * 10, seq=c.nxt["b"] + 8000000)
c.a("PA", b"k" * 10)
c.b("A")
c.b("R", seq=c.nxt["b"] + 50000000)          # RST far out
c.b("R")                                     # exact: CLOSE
t.write()
