#!/usr/bin/python3
"""match-ah: the IPv4 ah match (ah_mt) on forwarded packets, both directions.

Proves: the SPI (bytes 4-7 of the AH header) against a range, a single
value, the largest SPI, an inverted range and an empty range (min > max:
never matches, always matches inverted); the rule DROPs by SPI from eth1;
a first fragment (MF) with the whole header matches; a packet with 11
bytes of AH (or a first fragment cut inside the header) is counted by
`-p ah` and hot-dropped at the first ah rule (no further counter, no
policy counter); a non-first fragment matches no ah rule, inverted ones
included, and is forwarded.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, S = "192.0.2.2", "203.0.113.20"

t = Trace()


def ah(spi, seq=1):
    """next header TCP, length 4 (24 bytes), SPI, sequence, 12 bytes ICV"""
    return bytes([6, 4, 0, 0]) + spi.to_bytes(4, "big") + \
        seq.to_bytes(4, "big") + bytes(12)


def out(ident, data, **kw):
    t.add("eth0", CLIENT / IP(src=C, dst=S, id=ident, proto=51, **kw) /
          Raw(data))


def inb(ident, data, **kw):
    t.add("eth1", UPSTREAM / IP(src=S, dst=C, id=ident, proto=51, ttl=60,
                                **kw) / Raw(data))


out(1, ah(256))
inb(2, ah(256, 2))
out(3, ah(0))
out(4, ah(0xffffffff))
inb(5, ah(0x1234))          # dropped by SPI
inb(6, ah(0x2000))
out(7, ah(200) + bytes(16), flags="MF")   # first fragment, whole header
out(8, ah(256)[:11])        # tinygram: hot-dropped
out(9, ah(256)[:8], flags="MF")           # first fragment cut: hot-dropped
out(10, ah(256), frag=3)    # non-first fragment: no ah rule, forwarded
inb(11, ah(0x1234)[:2], frag=1)           # 2 bytes, non-first: forwarded
t.write()
