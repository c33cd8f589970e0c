#!/usr/bin/python3
"""match-iprange: address ranges on forwarded and local packets.

Proves (iprange_mt4): inclusive ends; inversion of each side alone and of
both in one rule; a one-address range; a reversed range that never matches
(and whose inversion always does); unsigned comparison across 128.0.0.0
(a signed compare would flip the two 0.0.0.1-127.x / 128.x-223.x rules);
a wide range spanning several networks in INPUT; DROP by a source range
and by an inverted source range on eth1.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")

t = Trace()


def out(ident, src, dst):
    t.add("eth0", CLIENT / IP(src=src, dst=dst, id=ident) /
          UDP(sport=30000 + ident, dport=7) / Raw(b"range"))


def inb(ident, src, dst):
    t.add("eth1", UPSTREAM / IP(src=src, dst=dst, id=ident, ttl=60) /
          UDP(sport=30000 + ident, dport=7) / Raw(b"range"))


out(1, "192.0.2.2", "203.0.113.10")     # both ends of the ranges ...
out(2, "192.0.2.10", "203.0.113.127")
out(3, "192.0.2.11", "203.0.113.128")   # ... and just outside
out(4, "192.0.2.25", "203.0.113.200")   # source range drop
out(5, "192.0.2.100", "203.0.113.255")
inb(6, "203.0.113.10", "192.0.2.2")     # upstream, from the allowed range
inb(7, "198.51.100.7", "192.0.2.3")     # upstream, not: dropped
inb(8, "203.0.113.255", "192.0.2.200")
out(9, "192.0.2.2", "198.51.100.1")     # local (INPUT range)
out(10, "192.0.2.2", "192.0.2.1")
inb(11, "203.0.113.10", "198.51.100.1")
t.write()
