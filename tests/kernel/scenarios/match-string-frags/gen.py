#!/usr/bin/python3
"""-m string on a datagram reassembled by conntrack's defrag: a pattern
inside the first fragment, inside the second, and across the boundary
(the kernel's data is then in two buffers: what bm and kmp see)."""
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


def frags(payload, ident, dport):
    pkt = IP(src="192.0.2.2", dst="192.0.2.1", id=ident) / \
        UDP(sport=31000 + ident, dport=dport) / Raw(payload)
    raw = bytes(pkt)
    body = raw[20:]
    first, second = body[:32], body[32:]
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=ident,
                              flags="MF", frag=0, proto=17) / Raw(first))
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=ident,
                              frag=4, proto=17) / Raw(second))


frags(b"NEEDLE" + b"a" * 40, 101, 6001)           # in the first
frags(b"a" * 30 + b"NEEDLE" + b"b" * 10, 102, 6002)  # in the second
frags(b"a" * 20 + b"NEEDLE" + b"b" * 20, 103, 6003)  # across
frags(b"b" * 60, 104, 6004)
t.write()
