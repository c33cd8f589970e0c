#!/usr/bin/python3
"""The seed's SSH port knock: a SYN to 50001 is logged, answered with a
TCP reset and opens port 22 to its source for 15 s (--rcheck --seconds
15); before the knock, from another source and after 15 s: dropped."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()


def syn(src, sport, dport, gap=None, n=1):
    t.add("eth0", CLIENT / IP(src=src, dst="192.0.2.1", id=sport & 0xffff) /
          TCP(sport=sport, dport=dport, flags="S", seq=sport * 7), gap=gap)


syn("192.0.2.2", 40001, 22)                 # closed
syn("192.0.2.2", 40002, 50001, gap=0.5)     # the knock: RST, logged
syn("192.0.2.2", 40003, 22, gap=1.0)        # open now
syn("192.0.2.3", 40004, 22, gap=0.1)        # not for this source
syn("192.0.2.2", 40005, 22, gap=7.0)        # 8.1 s after: open
syn("192.0.2.2", 40006, 22, gap=8.0)        # 16.1 s after: closed
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=7) /
      TCP(sport=40007, dport=50001, flags="A", seq=1, ack=1))  # no SYN
t.write()
