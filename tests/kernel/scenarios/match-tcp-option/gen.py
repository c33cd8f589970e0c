#!/usr/bin/python3
"""match-tcp-option: --tcp-option on well-formed and malformed option lists.

Proves (tcp_mt/tcp_find_option): a segment without options matches only
the inverted test; the scan looks at every byte position it lands on, so a
kind is "present" even when its length runs past the options, an EOL does
not stop the scan, and a length of 0 advances by one byte (which lands on
kinds a real parser would never see); a data offset below 5 or options
running past the end of the packet hot-drop at the first --tcp-option rule
(the rules before it still count, the policy does not); a segment shorter
than a TCP header hot-drops at the first tcp match (not at `-p tcp`); a
fragment at offset 8 bytes is hot-dropped by any tcp match, one further
on matches no tcp rule, not even an inverted one, and is forwarded.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, WEB = "192.0.2.2", "203.0.113.10"

t = Trace()


def seg(sport, dport, flags, seq, opts=b"", doff=None, data=b""):
    """A TCP header with OPTS as raw bytes (DOFF defaults to what they
    need), then DATA."""
    if doff is None:
        doff = (20 + len(opts)) // 4
    return TCP(sport=sport, dport=dport, flags=flags, seq=seq, window=8192,
               dataofs=doff) / Raw(opts + data)


def out(ident, tcp, **ip):
    t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=ident, **ip) / tcp)


MSS = b"\x02\x04\x05\xb4"
# a usual SYN: mss, sackOK, timestamp, nop, wscale (24 bytes)
out(1, seg(40000, 80, "S", 1000, MSS + b"\x04\x02\x08\x0a\x00\x00\x30\x39"
           b"\x00\x00\x00\x00\x01\x03\x03\x07"))
# the answer: mss only
t.add("eth1", UPSTREAM / IP(src=WEB, dst=C, id=2, ttl=60) /
      seg(80, 40000, "SA", 5000, MSS))
# no options at all: only ! --tcp-option 2 and ! --tcp-option 254
out(3, seg(40000, 80, "A", 1001))
# kind 33 with length 0, then timestamp's kind with length 2: the scan
# steps 0 -> 1 (length 0 counts as 1) -> 2 and sees 33, 0 and 8
out(4, seg(40001, 81, "A", 2000, b"\x21\x00\x08\x02"))
# nop nop nop, then an mss kind with no room for its length: 2 is present
out(5, seg(40002, 82, "A", 3000, b"\x01\x01\x01\x02"))
# mss, EOL, then a timestamp kind whose length (10) runs past the 12
# option bytes: the scan goes on after EOL and finds 8
out(6, seg(40003, 83, "A", 4000, MSS + b"\x00\x08\x0a\x00\x00\x00\x01\x00"))
# kind 34 hidden behind a length of 0: 0x30 len 0 -> 1: 0 (EOL) -> 2: 34
out(7, seg(40004, 84, "A", 5000, b"\x30\x00\x22\x02"))
# data offset 4 (< 5): hot-dropped at --tcp-option 2 (rules 1-2 count)
out(8, seg(40005, 85, "A", 6000, doff=4))
# data offset 15 but only 4 option bytes in the packet: hot-drop too
out(9, seg(40006, 86, "A", 7000, MSS, doff=15))
# 12 bytes of TCP header: -p tcp counts it, the tcp match hot-drops it
t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=10, proto=6) /
      Raw(bytes(seg(40007, 87, "A", 8000))[:12]))
# fragments: offset 8 bytes is hot-dropped; offset 16 bytes matches no
# tcp rule (not even the inverted ones) and goes through
t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=11, proto=6, frag=1) /
      Raw(b"\x00\x00\x00\x00\x50\x02\x20\x00" + b"x" * 16))
t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=12, proto=6, frag=2) /
      Raw(b"y" * 24))
t.write()
