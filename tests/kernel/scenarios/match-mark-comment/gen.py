#!/usr/bin/python3
"""match-mark-comment: the mark match without any MARK target, and comments.

Proves (mark_mt, comment_mt): every received packet has mark 0 (--mark 0,
! --mark 1, 0/0xffffffff, 0/0 match; 1/1 does not); the packets REJECT
sends (an RST, a port unreachable) carry mark 0 too (IP4_REPLY_MARK with
fwmark_reflect=0) and are counted by raw and filter OUTPUT; a comment
never changes the verdict, alone or beside other matches, and comes back
from iptables-save with its quotes and backslash escaped.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FAR = "192.0.2.2", "203.0.113.10"

t = Trace()
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=1) /
      TCP(sport=40000, dport=80, flags="S", seq=100))        # accepted
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=2) /
      TCP(sport=40001, dport=23, flags="S", seq=200))        # RST
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=3, ttl=60) /
      UDP(sport=53, dport=33000) / Raw(b"x"))                # unreachable
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=4, ttl=60) /
      TCP(sport=80, dport=40000, flags="SA", seq=300, ack=101))  # policy
t.add("eth0", CLIENT / IP(src=C, dst="192.0.2.1", id=5) /
      TCP(sport=40002, dport=22, flags="S", seq=400))        # local
t.write()
