#!/usr/bin/python3
"""RST teardowns through a stateful FORWARD: RST from the server after
data (CLOSE), a late ACK after it; an RST outside the window (INVALID) then
a valid one; a refused SYN (RST/ACK in SYN_SENT); an RST in SYN_RECV."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 41000, 1000),
            ("eth1", UPSTREAM, S, 80, 5000))
c.handshake()
c.a("PA", b"hello")
c.b("A")
c.b("R")                  # the server resets: CLOSE
c.a("A", gap=0.02)        # after the reset

d = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 41001, 20000),
            ("eth1", UPSTREAM, S, 80, 30000))
d.handshake()
d.a("PA", b"data")
d.b("A")
d.a("R", seq=d.nxt["a"] + 200000)   # far outside the window: INVALID
d.a("R", seq=d.nxt["a"] + 10)       # in the window, not exact
d.a("RA")                           # exact: CLOSE

e = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 41002, 40000),
            ("eth1", UPSTREAM, S, 81, 0))
e.a("S")
e.b("RA", seq=0)          # connection refused
e.a("S", gap=0.02)        # tried again: a new connection
e.b("RA", seq=0)

f = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 41003, 50000),
            ("eth1", UPSTREAM, S, 80, 60000))
f.a("S")
f.b("SA")
f.a("R")                  # the client resets in SYN_RECV
t.write()
