#!/usr/bin/python3
"""Ping through a stateful FORWARD and to the host: echo request/reply
(NEW, ESTABLISHED), a second request with the same id, another id, a reply
without a request (INVALID), timestamp and address mask request/reply, an
unsolicited request from the outside (dropped); a ping to the host answered
by the host itself (local.pcap: ESTABLISHED in OUTPUT)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"


def c2s(typ, ident, seq, ipid, data=b"abcdefgh"):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=ipid) /
          ICMP(type=typ, id=ident, seq=seq) / Raw(data))


def s2c(typ, ident, seq, ipid, data=b"abcdefgh", src=S):
    t.add("eth1", UPSTREAM / IP(src=src, dst="192.0.2.2", id=ipid) /
          ICMP(type=typ, id=ident, seq=seq) / Raw(data))


c2s(8, 0x100, 1, 1)
s2c(0, 0x100, 1, 1)
c2s(8, 0x100, 2, 2)
s2c(0, 0x100, 2, 2)
c2s(8, 0x200, 1, 3)          # another id: another entry, never answered
s2c(0, 0x300, 1, 3)          # a reply without a request
s2c(8, 0x400, 1, 4)          # a request from the outside
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=4) /
      ICMP(type=13, id=0x500, seq=1, ts_ori=1, ts_rx=0, ts_tx=0))
t.add("eth1", UPSTREAM / IP(src=S, dst="192.0.2.2", id=5) /
      ICMP(type=14, id=0x500, seq=1, ts_ori=1, ts_rx=2, ts_tx=3))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=5) /
      ICMP(type=17, id=0x600, seq=1) / Raw(b"\0\0\0\0"))
t.add("eth1", UPSTREAM / IP(src=S, dst="192.0.2.2", id=6) /
      ICMP(type=18, id=0x600, seq=1) / Raw(b"\xff\xff\xff\0"))
# to the host, answered by the host (its own stack is muted)
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=6) /
      ICMP(type=8, id=0x700, seq=1) / Raw(b"local"))
t.add(LOCAL, IP(src="192.0.2.1", dst="192.0.2.2", id=0x4242) /
      ICMP(type=0, id=0x700, seq=1) / Raw(b"local"))
t.add(LOCAL, IP(src="192.0.2.1", dst="192.0.2.2", id=0x4243) /
      ICMP(type=0, id=0x701, seq=1) / Raw(b"unasked"))
t.write()
