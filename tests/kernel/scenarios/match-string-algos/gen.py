#!/usr/bin/python3
"""-m string: bm and kmp, --icase (the kernel's toupper: ASCII and
Latin-1), --hex-string, --from/--to (offsets from the IP header, --to
exclusive), !, periodic patterns, a match inside the IP header."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
ids = [0]


def udp(data, dport=5000, gap=None):
    ids[0] += 1
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=ids[0]) /
          UDP(sport=30000 + ids[0], dport=dport) / Raw(data), gap=gap)


udp(b"GET /admin HTTP/1.0")
udp(b"xxGET /ADMIN")
udp(b"my SECRET here")
udp(b"\x01\xde\xad\xbe\xef")
udp(b"\x00zz\xff")
udp(b"abcdef")
udp(b"xxabc")
udp(b"\xc9t\xc9")
udp(b"\xe9")
udp(b"abababcabababcab")
udp(b"aababcababx")
udp(b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxGET /admin")
udp(b"GET /admi")
udp(b"Secret")
t.write()
