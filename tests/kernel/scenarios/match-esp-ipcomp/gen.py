#!/usr/bin/python3
"""match-esp-ipcomp: the esp (esp_mt) and ipcomp (comp_mt) matches on
forwarded packets, both directions.

Proves: the ESP SPI (bytes 0-3) against a single value, a range, an
inverted range; the IPComp CPI (bytes 2-3, 16 bits) against a value, a
range, an inverted one and one above 65535 (never matches, always
inverted); --compres does not look at the flags byte; DROP rules by SPI
and by inverted CPI range from eth1; an ESP packet with 7 bytes and an
IPComp packet with 3 bytes are counted by `-p esp`/`-p ipcomp` and
hot-dropped at the first esp/ipcomp rule (no policy counter); non-first
fragments match no esp/ipcomp rule and are forwarded.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, S = "192.0.2.2", "203.0.113.30"

t = Trace()


def esp(spi, seq=1):
    return spi.to_bytes(4, "big") + seq.to_bytes(4, "big") + b"ciphertext"


def comp(cpi, flags=0):
    return bytes([4, flags]) + cpi.to_bytes(2, "big") + b"deflated"


def out(ident, proto, data, **kw):
    t.add("eth0", CLIENT / IP(src=C, dst=S, id=ident, proto=proto, **kw) /
          Raw(data))


def inb(ident, proto, data, **kw):
    t.add("eth1", UPSTREAM / IP(src=S, dst=C, id=ident, proto=proto,
                                ttl=60, **kw) / Raw(data))


out(1, 50, esp(0xdeadbeef))
inb(2, 50, esp(0x00010000))
inb(3, 50, esp(5))                      # dropped by SPI
out(4, 50, esp(7)[:7])                  # 7 bytes: hot-dropped
inb(5, 50, esp(5), frag=2)              # non-first fragment: forwarded
out(6, 108, comp(0x1234))
inb(7, 108, comp(0x1234, 0xff))         # CPI in 0x1000:0x1fff, flags ignored
inb(8, 108, comp(0x2000))               # dropped: CPI outside the range
out(9, 108, comp(0))
out(10, 108, comp(0x1234)[:3])          # 3 bytes: hot-dropped
inb(11, 108, comp(0x2000), frag=1)      # non-first fragment: forwarded
out(12, 108, comp(0x1234) + bytes(8), flags="MF")  # first fragment
t.write()
