#!/usr/bin/python3
"""The seed's ping knock: an echo request of 78 bytes (ping -s 50) is
logged, accepted (answered) and opens SSH for 15 s; other sizes do not."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()


def ping(src, size, seq, gap=None):
    t.add("eth0", CLIENT / IP(src=src, dst="192.0.2.1", id=seq) /
          ICMP(type=8, id=0x77, seq=seq) / Raw(b"k" * size), gap=gap)


def syn(src, sport, gap=None):
    t.add("eth0", CLIENT / IP(src=src, dst="192.0.2.1", id=sport & 0xffff) /
          TCP(sport=sport, dport=22, flags="S", seq=sport), gap=gap)


syn("192.0.2.2", 40001)
ping("192.0.2.2", 56, 1, gap=0.2)     # 84 bytes: no knock
syn("192.0.2.2", 40002, gap=0.2)
ping("192.0.2.2", 50, 2, gap=0.2)     # 78 bytes: the knock
syn("192.0.2.2", 40003, gap=0.5)
syn("192.0.2.3", 40004, gap=0.1)
ping("192.0.2.3", 49, 3, gap=0.2)     # 77 bytes
syn("192.0.2.3", 40005, gap=0.2)
syn("192.0.2.2", 40006, gap=14.0)     # 14.9 s after the knock
syn("192.0.2.2", 40007, gap=1.0)      # 15.9 s after
t.write()
