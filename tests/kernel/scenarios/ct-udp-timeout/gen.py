#!/usr/bin/python3
"""UDP timeouts on the packet clock (nf_conntrack_udp_timeout=1): an answer
within the second is ESTABLISHED, one after it is NEW from the outside
(dropped); a query refreshes its entry; a new query after expiry is NEW
again. Frames for another MAC advance the clock; every entry has expired
by the end (nothing in the table)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
OTHER = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:99:99")


def q(sport, data, ipid, gap=None):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.53", id=ipid) /
          UDP(sport=sport, dport=53) / Raw(data), gap=gap)


def r(dport, data, ipid, gap=None):
    t.add("eth1", UPSTREAM / IP(src="203.0.113.53", dst="192.0.2.2",
                                id=ipid) /
          UDP(sport=53, dport=dport) / Raw(data), gap=gap)


q(34000, b"a1", 1)               # 0.00
r(34000, b"a1-answer", 1, 0.5)   # 0.50: in time
q(34001, b"b1", 2, 0.01)         # 0.51
q(34000, b"a2", 3, 0.5)          # 1.01: refreshes a (replied)
r(34001, b"b1-late", 2, 0.6)     # 1.61: b expired at 1.51: NEW from eth1
r(34000, b"a2-answer", 3, 0.1)   # 1.71: a alive until 2.01
q(34001, b"b2", 4, 0.5)          # 2.21: b again: NEW
r(34001, b"b2-answer", 4, 0.2)   # 2.41
t.add("eth0", OTHER / IP(src="192.0.2.2", dst="192.0.2.1", id=9) /
      UDP(sport=9, dport=9), gap=2.0)   # 4.41: the clock only
t.write()
