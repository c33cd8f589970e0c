#!/usr/bin/python3
"""The SSH knock across two runs (file split: utables runs the first 5 s,
then the rest starting from its /proc/net/xt_recent/sshopen): the knock
in the first run opens port 22 in the second until 15 s after it."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, IP, TCP  # noqa: E402

t = Trace()


def syn(src, sport, dport, gap=None):
    t.add("eth0", CLIENT / IP(src=src, dst="192.0.2.1", id=sport & 0xffff) /
          TCP(sport=sport, dport=dport, flags="S", seq=sport * 7), gap=gap)


syn("192.0.2.2", 40001, 22)                 # closed
syn("192.0.2.2", 40002, 50001, gap=0.5)     # the knock
syn("192.0.2.2", 40003, 22, gap=1.0)        # open (first run)
syn("192.0.2.3", 40004, 50001, gap=1.5)     # another knock at 3.0 s
# the second run, from 5 s on
syn("192.0.2.2", 40005, 22, gap=5.0)        # 8.0 s: open
syn("192.0.2.3", 40006, 22, gap=0.2)        # open
syn("192.0.2.4", 40007, 22, gap=0.2)        # never knocked
syn("192.0.2.2", 40008, 22, gap=8.0)        # 16.4 s: closed
syn("192.0.2.3", 40009, 22, gap=0.1)        # 13.5 s after its knock
t.write()
