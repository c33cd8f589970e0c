#!/usr/bin/python3
"""-m string on TCP: a pattern inside one segment matches (and is
dropped), the same pattern split across two segments matches neither
(each packet is searched alone)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
ids = [0]


def udp(data, dport=5000, gap=None):
    ids[0] += 1
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=ids[0]) /
          UDP(sport=30000 + ids[0], dport=dport) / Raw(data), gap=gap)


S = "203.0.113.10"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 40500, 1000),
            ("eth1", UPSTREAM, S, 80, 5000))
c.handshake()
c.a("PA", b"GET /ad")
c.a("PA", b"min HTTP/1.0\r\n")
c.b("A")
d = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 40501, 3000),
            ("eth1", UPSTREAM, S, 80, 7000))
d.handshake()
d.a("PA", b"GET /admin HTTP/1.0\r\n")
t.write()
