#!/usr/bin/python3
"""A full TCP session through a stateful FORWARD: handshake with MSS,
data both ways, FIN teardown from the client (TIME_WAIT at the end); a
second session closed by the server first; then a SYN to a port from the
outside (NEW from eth1: dropped by the policy)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, TcpConv, CLIENT, UPSTREAM, IP, TCP  # noqa: E402

t = Trace()
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 40000, 1000),
            ("eth1", UPSTREAM, "203.0.113.10", 80, 5000))
c.handshake(opts_a=[("MSS", 1460)], opts_b=[("MSS", 1400)])
c.a("PA", b"GET / HTTP/1.0\r\n\r\n")
c.b("A")
c.b("PA", b"HTTP/1.0 200 OK\r\n\r\nhello")
c.a("A")
c.close()

d = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 40001, 70000),
            ("eth1", UPSTREAM, "203.0.113.10", 25, 90000))
d.handshake()
d.b("PA", b"220 ready\r\n")
d.a("A")
d.b("FA")          # the server closes first: CLOSE_WAIT
d.a("A")
d.a("PA", b"QUIT\r\n")   # data after the peer's FIN
d.b("A")
d.a("FA")          # LAST_ACK
d.b("A")           # TIME_WAIT

# a NEW connection from the outside: logged NEW, dropped by the policy
t.add("eth1", UPSTREAM / IP(src="203.0.113.10", dst="192.0.2.2", id=9) /
      TCP(sport=5555, dport=22, flags="S", seq=1, window=1024))
t.write()
