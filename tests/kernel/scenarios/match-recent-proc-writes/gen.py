#!/usr/bin/python3
"""Writes to /proc/net/xt_recent/NAME before the traffic (HOST
recent lines): +ADDR adds or refreshes (two stamps), -ADDR removes, /
empties the list; then checks and --hitcount against the written stamps."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
ids = [0]


def udp(src, dst, dport, gap=None, ttl=64, iface="eth0", eth=CLIENT):
    ids[0] += 1
    t.add(iface, eth / IP(src=src, dst=dst, id=ids[0], ttl=ttl) /
          UDP(sport=30000 + ids[0], dport=dport) / Raw(b"x" * 8), gap=gap)


for a in ("192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5", "192.0.2.9"):
    udp(a, "192.0.2.1", 5000)
udp("192.0.2.3", "192.0.2.1", 5001, gap=0.5)
udp("192.0.2.9", "192.0.2.1", 5001)
udp("192.0.2.3", "192.0.2.1", 5001, gap=2.0)
t.write()
