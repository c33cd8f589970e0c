#!/usr/bin/python3
"""connbytes: packets, bytes and avgpkt in each direction and both,
ranges and !, counted as conntrack accounts them (the packet being
matched included); accounting forced on: conntrack -L prints
packets= bytes=."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
ids = [0]


def udp(src, dst, dport, data=b"x", gap=None, sport=None, iface="eth0",
        eth=CLIENT):
    ids[0] += 1
    t.add(iface, eth / IP(src=src, dst=dst, id=ids[0]) /
          UDP(sport=sport or 30000 + ids[0], dport=dport) / Raw(data),
          gap=gap)


S = "203.0.113.10"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 40500, 1000),
            ("eth1", UPSTREAM, S, 80, 5000))
c.handshake()
c.a("PA", b"GET / HTTP/1.0\r\n\r\n")
c.b("A")
c.b("PA", b"y" * 300)
c.a("A")
c.b("PA", b"z" * 120)
c.a("A")
udp("192.0.2.2", "203.0.113.53", 53, b"q" * 20, sport=40600)
udp("192.0.2.2", "203.0.113.53", 53, b"q" * 20, sport=40600)
udp("203.0.113.53", "192.0.2.2", 40600, b"a" * 100, sport=53,
    iface="eth1", eth=UPSTREAM)
t.write()
