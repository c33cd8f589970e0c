#!/usr/bin/python3
"""UDP becomes ASSURED only when a replied flow still has traffic 2 s after
its entry was created: packets at 0.0/0.1/1.5 (not yet) and 2.5 s (ASSURED,
stream timeout); a replied flow that stops at 1.5 s stays unassured; a flow
never answered stays UNREPLIED however long it runs."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
def q(sport, data, ipid, gap=None):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.53", id=ipid) /
          UDP(sport=sport, dport=5000) / Raw(data), gap=gap)


def r(dport, data, ipid, gap=None):
    t.add("eth1", UPSTREAM / IP(src="203.0.113.53", dst="192.0.2.2",
                                id=ipid) /
          UDP(sport=5000, dport=dport) / Raw(data), gap=gap)


q(35000, b"a", 1)             # 0.00 flow a
q(35001, b"b", 2)             # 0.01 flow b
q(35002, b"c", 3)             # 0.02 flow c, never answered
r(35000, b"a", 1, 0.08)       # 0.10
r(35001, b"b", 2)             # 0.11
q(35000, b"a", 4, 1.39)       # 1.50
r(35001, b"b", 3)             # 1.51 (b's last)
q(35002, b"c", 5)             # 1.52
r(35000, b"a", 4, 0.98)       # 2.50: a ASSURED
q(35000, b"a", 6)             # 2.51
q(35002, b"c", 7)             # 2.52
t.write()
