#!/usr/bin/python3
"""path-frag-mem: the memory reassembly queues hold, against
net.ipv4.ipfrag_high_thresh (30000 here, ipfrag_low_thresh 0 first so
the kernel takes it).

Proves: each incomplete queue (one first piece of 8 bytes that never
completes) holds memory until it expires; a datagram in two pieces after
each new incomplete queue is reassembled (its memory given back) while
the queues' memory is within the threshold, and once it is above it every
piece is refused, also the second piece of a queue just created: the
log shows how many datagrams got through, which fixes what a queue and a
piece are charged.
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
                               Raw(bytes(16)), [(0, 8)])[0])
    # a datagram in two pieces
    for f in cut(IP(src=C, dst=FW0, id=200 + i) /
                 UDP(sport=51000 + i, dport=4000) / Raw(bytes(8)),
                 [(0, 8), (8, 16)]):
        t.add("eth0", CLIENT / f)
t.write()
