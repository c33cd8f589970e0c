#!/usr/bin/python3
"""--rttl: the TTL kept with the entry (as seen before forwarding:
FORWARD adds one back), --rcheck --rttl against it, --update --rttl
refreshing it, an entry written through /proc (TTL 0) matching any TTL."""
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


udp("192.0.2.2", "203.0.113.10", 5000, ttl=64)   # set in FORWARD: ttl 64
udp("192.0.2.2", "192.0.2.1", 6000, ttl=64)      # same TTL
udp("192.0.2.2", "192.0.2.1", 6000, ttl=50)      # other TTL
udp("192.0.2.2", "203.0.113.10", 6000, ttl=64)   # FORWARD --update --rttl
udp("192.0.2.2", "203.0.113.10", 6000, ttl=30)
udp("192.0.2.4", "192.0.2.1", 5001, ttl=7)       # set in INPUT: ttl 7
udp("192.0.2.4", "192.0.2.1", 6000, ttl=7)
udp("192.0.2.4", "192.0.2.1", 6000, ttl=8)
udp("192.0.2.4", "203.0.113.10", 6000, ttl=6)    # 6 + 1 = 7
udp("192.0.2.6", "192.0.2.1", 6000, ttl=99)      # written: ttl 0
udp("192.0.2.6", "203.0.113.10", 6000, ttl=20)   # updates: ttl 21
udp("192.0.2.6", "192.0.2.1", 6000, ttl=99)
t.write()
