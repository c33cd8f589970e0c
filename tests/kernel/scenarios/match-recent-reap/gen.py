#!/usr/bin/python3
"""--reap: a check that finds its entry drops the least recently
used entry of the list when its newest stamp is older than --seconds (one
per packet, the checked one too); with ! --update the entry about to be
refreshed is spared."""
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


udp("192.0.2.2", "192.0.2.1", 7000)
udp("192.0.2.3", "192.0.2.1", 7000, gap=0.5)
udp("192.0.2.4", "192.0.2.1", 7000, gap=0.5)
udp("192.0.2.5", "192.0.2.1", 7000, gap=1.8)     # at 2.8 s
udp("192.0.2.9", "192.0.2.1", 7001, gap=0.4)     # not listed: no reap
udp("192.0.2.4", "192.0.2.1", 7001, gap=0.1)     # 3.3: .2 reaped
udp("192.0.2.4", "192.0.2.1", 7001, gap=0.1)     # 3.4: .3 reaped
udp("192.0.2.4", "192.0.2.1", 7001, gap=0.1)     # 3.5: .4 itself
udp("192.0.2.5", "192.0.2.1", 7001, gap=0.1)     # seen 0.8 s ago
udp("192.0.2.2", "192.0.2.1", 7002, gap=0.1)
udp("192.0.2.3", "192.0.2.1", 7002, gap=0.1)
udp("192.0.2.2", "192.0.2.1", 7003, gap=3.0)     # stale head, refreshed
udp("192.0.2.3", "192.0.2.1", 7003, gap=0.1)     # head now: refreshed
udp("192.0.2.3", "192.0.2.1", 7003, gap=0.1)     # fresh: no match
t.write()
