#!/usr/bin/python3
"""Fragments with conntrack: reassembled before PREROUTING (raw sees
whole datagrams, -f never matches in any table), forwarded re-fragmented at
the largest fragment size received; in order, out of order, a duplicate,
ICMP echo in fragments and its fragmented reply; a datagram missing its last
piece (held, nothing forwarded)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"


def frags(iface, eth, pkt, size, order=None, dup=None):
    fl = [f for f in __import__("scapy.all", fromlist=["fragment"]).fragment(
        pkt, fragsize=size)]
    idx = range(len(fl)) if order is None else \
        range(len(fl) - 1, -1, -1) if order == "reverse" else order
    for i in idx:
        t.add(iface, eth / fl[i])
    if dup is not None:
        t.add(iface, eth / fl[dup])


u = IP(src="192.0.2.2", dst=S, id=1001) / UDP(sport=37000, dport=9000) / \
    Raw(bytes(range(256)) * 8)
frags("eth0", CLIENT, u, 800)
r = IP(src=S, dst="192.0.2.2", id=2001) / UDP(sport=9000, dport=37000) / \
    Raw(b"R" * 1200)
frags("eth1", UPSTREAM, r, 600, order="reverse")
u2 = IP(src="192.0.2.2", dst=S, id=1002) / UDP(sport=37000, dport=9000) / \
    Raw(b"2" * 1000)
frags("eth0", CLIENT, u2, 504, dup=0)
e = IP(src="192.0.2.2", dst=S, id=1003) / ICMP(type=8, id=0x77, seq=1) / \
    Raw(b"E" * 1400)
frags("eth0", CLIENT, e, 1000)
er = IP(src=S, dst="192.0.2.2", id=2002) / ICMP(type=0, id=0x77, seq=1) / \
    Raw(b"E" * 1400)
frags("eth1", UPSTREAM, er, 704)
part = IP(src="192.0.2.2", dst=S, id=1004) / UDP(sport=37001, dport=9000) / \
    Raw(b"P" * 1000)
frags("eth0", CLIENT, part, 400, order=[0, 1])
t.write()
