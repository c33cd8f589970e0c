#!/usr/bin/python3
"""Reopening: a SYN on the ports of a connection in TIME_WAIT starts a new
connection (the old entry destroyed); a SYN after an RST (CLOSE) likewise;
a SYN from the server's side in TIME_WAIT; a retransmitted last ACK in
TIME_WAIT."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 43500, 1000),
            ("eth1", UPSTREAM, S, 80, 5000))
c.handshake()
c.a("PA", b"one")
c.b("A")
c.close()
c.a("A", seq=c.nxt["a"])          # the last ACK again, in TIME_WAIT
c.nxt["a"] += 100000
c.nxt["b"] += 300000
c.handshake()                     # the same ports again
c.a("PA", b"two")
c.b("A")
c.b("R")                          # CLOSE
c.nxt["a"] += 100000
c.handshake()                     # and again after the RST
c.a("PA", b"three")
c.b("A")

d = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 43501, 7000),
            ("eth1", UPSTREAM, S, 80, 9000))
d.handshake()
d.close()
d.b("S", seq=d.nxt["b"] + 50000, ack=0)  # the server's side opens: TIME_WAIT
d.a("SA", seq=d.nxt["a"] + 50000, ack=d.nxt["b"] + 50001)
t.write()
