#!/usr/bin/python3
"""path-frag-many: datagrams in many pieces, and zero-payload pieces.

Proves: a datagram in 70 pieces of 8 bytes, in order, and one in 100
pieces out of order (odd offsets first), are reassembled and delivered
(no cap on the pieces of a datagram); a piece without payload (offset 8,
MF) between a datagram's first and last pieces discards its queue: the
last piece then starts a new queue that never completes, nothing is
delivered; a piece without payload before any other piece of its
datagram leaves nothing behind: the datagram's two pieces after it
reassemble.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
C, FW0 = "192.0.2.2", "192.0.2.1"


def cut(ip, ranges):
    """Pieces of the whole datagram IP: one per (start, end) byte range of
    its payload (start a multiple of 8); MF unless end is the end."""
    raw = bytes(ip)
    hl = (raw[0] & 15) * 4
    data = raw[hl:]
    out = []
    for a, b in ranges:
        f = IP(raw[:hl])
        f.flags = "MF" if b < len(data) else 0
        f.frag = a // 8
        f.len = None
        f.chksum = None
        out.append(IP(bytes(f / Raw(data[a:b]))))
    return out


def pay(n, k=1):
    return bytes((i * 11 + k) & 0xff for i in range(n))


def empty(src, ident, off):
    """a piece without payload at byte offset off, MF"""
    return IP(src=src, dst=FW0, id=ident, proto=17, flags="MF", frag=off // 8)


t = Trace(step="0.003")
# 70 pieces of 8 bytes: 552 bytes of payload + the UDP header
a = cut(IP(src=C, dst=FW0, id=1) / UDP(sport=54001, dport=4000) /
        Raw(pay(552)), [(8 * i, 8 * i + 8) for i in range(70)])
for f in a:
    t.add("eth0", CLIENT / f)
# 100 pieces, odd offsets first, then even ones
b = cut(IP(src=C, dst=FW0, id=2) / UDP(sport=54002, dport=4000) /
        Raw(pay(792, 2)), [(8 * i, 8 * i + 8) for i in range(100)])
for i in list(range(1, 100, 2)) + list(range(0, 100, 2)):
    t.add("eth0", CLIENT / b[i])
# first piece, a zero-payload piece, last piece: nothing delivered
c = cut(IP(src=C, dst=FW0, id=3) / UDP(sport=54003, dport=4000) /
        Raw(pay(24, 3)), [(0, 16), (16, 32)])
t.add("eth0", CLIENT / c[0])
t.add("eth0", CLIENT / empty(C, 3, 8))
t.add("eth0", CLIENT / c[1])
# a zero-payload piece first, then the datagram's two pieces: delivered
d = cut(IP(src=C, dst=FW0, id=4) / UDP(sport=54004, dport=4000) /
        Raw(pay(24, 4)), [(0, 16), (16, 32)])
t.add("eth0", CLIENT / empty(C, 4, 8))
t.add("eth0", CLIENT / d[0])
t.add("eth0", CLIENT / d[1])
t.write()
