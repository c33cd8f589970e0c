#!/usr/bin/python3
"""--mask: addresses kept masked (the list's mask is the first rule's:
a later rule's --mask does not change it), --rdest keyed by destination."""
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


udp("192.0.2.2", "192.0.2.1", 9000)
udp("192.0.2.77", "192.0.2.1", 9001)
udp("192.0.2.2", "192.0.2.1", 9001)
udp("192.0.3.2", "192.0.2.1", 9001)
udp("192.0.2.2", "203.0.113.10", 9002)
udp("192.0.2.2", "203.0.200.1", 9003)
udp("192.0.2.2", "198.51.100.9", 9003)
udp("192.0.2.3", "203.0.113.99", 9002)
t.write()
