#!/usr/bin/python3
"""path-frag-mem-large: path-frag-mem with 1000-byte pieces (frames of
1034 bytes) and ipfrag_high_thresh 60000.

Proves: what a large piece is charged (its skb's truesize, far more than
its length: 22 datagrams get through where 8-byte pieces would let 50).
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


t = Trace(step="0.003")
for i in range(1, 41):
    # an incomplete queue
    t.add("eth0", CLIENT / cut(IP(src=C, dst=FW0, id=100 + i) /
                               UDP(sport=50000 + i, dport=4000) /
                               Raw(bytes(1600)), [(0, 1000)])[0])
    # a datagram in two pieces
    for f in cut(IP(src=C, dst=FW0, id=200 + i) /
                 UDP(sport=51000 + i, dport=4000) / Raw(bytes(1000)),
                 [(0, 1000), (1000, 1008)]):
        t.add("eth0", CLIENT / f)
t.write()
