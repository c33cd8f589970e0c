#!/usr/bin/python3
"""UDP timeouts on the packet clock (nf_conntrack_udp_timeout=2): an answer
within the timeout is ESTABLISHED, one after it is NEW from the outside
(dropped, the expired entry destroyed); a query refreshes its entry; a
query after expiry destroys the old entry and starts a new one. Every
expiry is followed by a packet of its flow (so the DESTROY events come in
a fixed order whenever the kernel's collector passes), and the entries
alive at the end have more than 1.5 s left."""
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
          UDP(sport=sport, dport=53) / Raw(data), gap=gap)


def r(dport, data, ipid, gap=None):
    t.add("eth1", UPSTREAM / IP(src="203.0.113.53", dst="192.0.2.2",
                                id=ipid) /
          UDP(sport=53, dport=dport) / Raw(data), gap=gap)


q(34000, b"a1", 1)               # 0.00 a: until 2.00
r(34000, b"a1-answer", 1, 0.5)   # 0.50: in time, until 2.50
q(34001, b"b1", 2, 0.01)         # 0.51 b: until 2.51
q(34000, b"a2", 3, 0.99)         # 1.50: refreshes a until 3.50
r(34000, b"a2-answer", 2, 0.1)   # 1.60: until 3.60
r(34001, b"b1-late", 3, 1.2)     # 2.80: b expired at 2.51: NEW from eth1
q(34001, b"b2", 4, 0.2)          # 3.00: b again: NEW, until 5.00
r(34001, b"b2-answer", 4, 0.4)   # 3.40: until 5.40
q(34000, b"a3", 5, 0.4)          # 3.80: a expired at 3.60: NEW, until 5.80
q(34001, b"b3", 6)               # 3.81: b refreshed until 5.81
t.write()
