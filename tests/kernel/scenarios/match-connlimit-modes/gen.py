#!/usr/bin/python3
"""connlimit: ! --connlimit-above with policy DROP (a dropped flow is
not counted, a known flow not twice), --connlimit-upto, untracked packets
(NOTRACK: each counts once, alone), --connlimit-daddr per destination."""
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


udp("192.0.2.2", "192.0.2.1", 5353, sport=1001)
udp("192.0.2.2", "192.0.2.1", 5353, sport=1002)
udp("192.0.2.2", "192.0.2.1", 5353, sport=1003)   # third: dropped
udp("192.0.2.2", "192.0.2.1", 5353, sport=1004)   # third again
udp("192.0.2.2", "192.0.2.1", 5353, sport=1001)   # known flow
udp("192.0.2.2", "192.0.2.1", 7777, sport=1005)
udp("192.0.2.2", "192.0.2.1", 7777, sport=1006)
udp("192.0.2.2", "192.0.2.1", 7777, sport=1005)
udp("192.0.2.2", "203.0.113.10", 53, sport=1007)
udp("192.0.2.3", "203.0.113.10", 53, sport=1008)  # second to .10
udp("192.0.2.3", "203.0.113.11", 53, sport=1009)
udp("192.0.2.2", "203.0.113.10", 53, sport=1007)  # known flow
t.write()
