#!/usr/bin/python3
"""path-frag-local: fragments for the host are reassembled before INPUT.

Proves: raw PREROUTING counts every piece (-f the later ones); INPUT sees
only whole datagrams (LEN = the reassembled length, no MF/FRAG in LOG, its
counters count the whole length, -f never matches), each delivered once
(local-count); pieces in order, out of order, interleaved with another
datagram's, and with an exact duplicate (ignored) all reassemble; a piece
that partly overlaps another discards the whole queue (RFC 5722): nothing
reaches INPUT, and the datagram's last piece arriving afterwards starts a
new queue that never completes; a non-last piece whose length is not a
multiple of 8 is cut down to one (the datagram comes out shorter than its
UDP header says); REJECT tcp-reset answers a reassembled segment with
ACK = seq + the whole payload; an ICMP echo in two pieces matches
--icmp-type 8 in INPUT.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FW1, FAR = "192.0.2.2", "192.0.2.1", "198.51.100.1", "203.0.113.90"


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


t = Trace()
# in order: 3 pieces of a 72-byte UDP payload (80 bytes of UDP)
a = cut(IP(src=C, dst=FW0, id=1) / UDP(sport=54001, dport=4000) /
        Raw(pay(72)), [(0, 32), (32, 64), (64, 80)])
for f in a:
    t.add("eth0", CLIENT / f)
# out of order: last, first, middle
b = cut(IP(src=FAR, dst=FW1, id=2) / UDP(sport=54002, dport=4000) /
        Raw(pay(72, 2)), [(0, 32), (32, 64), (64, 80)])
for i in (2, 0, 1):
    t.add("eth1", UPSTREAM / b[i])
# interleaved with another datagram, and an exact duplicate piece
c = cut(IP(src=C, dst=FW1, id=3) / UDP(sport=54003, dport=4000) /
        Raw(pay(40, 3)), [(0, 24), (24, 48)])
d = cut(IP(src=C, dst=FW1, id=4) / UDP(sport=54004, dport=4000) /
        Raw(pay(40, 4)), [(0, 24), (24, 48)])
for f in (c[0], d[0], c[0], d[1], c[1]):
    t.add("eth0", CLIENT / f)
# overlap: [0, 24) then [16, 40): the queue is dropped; [40, 56) alone
e_ip = IP(src=FAR, dst=FW0, id=5) / UDP(sport=54005, dport=4000) / \
    Raw(pay(48, 5))
for f in cut(e_ip, [(0, 24), (16, 40), (40, 56)]):
    t.add("eth1", UPSTREAM / f)
# a first piece of 20 bytes (not a multiple of 8): cut to 16, and the
# second piece starts at 16
for f in cut(IP(src=C, dst=FW0, id=6) / UDP(sport=54006, dport=4000) /
             Raw(pay(32, 6)), [(0, 20), (16, 40)]):
    t.add("eth0", CLIENT / f)
# TCP in two pieces to port 7: the RST acknowledges the whole payload
for f in cut(IP(src=FAR, dst=FW1, id=7) /
             TCP(sport=54007, dport=7, flags="P", seq=1000) /
             Raw(pay(60, 7)), [(0, 40), (40, 80)]):
    t.add("eth1", UPSTREAM / f)
# an echo request in two pieces
for f in cut(IP(src=C, dst=FW0, id=8) / ICMP(type=8, id=8, seq=1) /
             Raw(pay(56, 8)), [(0, 32), (32, 64)]):
    t.add("eth0", CLIENT / f)
t.write()
