#!/usr/bin/python3
"""How a datagram conntrack reassembled leaves again (ip_do_fragment with
IPCB frag_max_size): pieces of uneven size go out as they came (the
fragment list); a route MTU below the largest piece cuts anew at that MTU;
DF fragments: the datagram may exceed the MTU when its pieces do not (DF
lost in the pieces sent), an ICMP fragmentation needed when a piece is
larger than the route MTU; DF on a small first piece only; ECN: a CE piece
marks the whole, not-ECT with ECT drops it. Input frames:
/usr/bin/python3 gen.py [OUTDIR]."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")

t = Trace()
NEAR, FAR = "203.0.113.10", "203.0.113.200"   # FAR: route MTU 700


def pieces(dst, ipid, sport, size, cuts, df=(), tos=None):
    """a UDP datagram of `size` payload bytes cut at the byte offsets of
    its IP payload in `cuts` (multiples of 8); df: the pieces sent with
    DF; tos: each piece's TOS (default 0)"""
    whole = IP(src="192.0.2.2", dst=dst, id=ipid) / \
        UDP(sport=sport, dport=9000) / Raw(bytes(range(256)) * (size // 256)
                                           + bytes(size % 256))
    body = bytes(whole)[20:]
    edges = [0] + list(cuts) + [len(body)]
    for i in range(len(edges) - 1):
        flags = (1 if i + 1 < len(edges) - 1 else 0) | \
            (2 if i in df else 0)
        t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=dst, id=ipid,
                                  proto=17, flags=flags,
                                  frag=edges[i] // 8,
                                  tos=(tos[i] if tos else 0)) /
              Raw(body[edges[i]:edges[i + 1]]))


# A: uneven pieces 400/800/400: out as they came
pieces(NEAR, 3001, 38001, 1592, [400, 1200])
# B: 800/800/400 to the 700 route: cut anew at 700 (680-byte pieces)
pieces(FAR, 3002, 38002, 1992, [800, 1600])
# C: DF pieces of 600: a 1520-byte datagram passes the 1500 MTU
pieces(NEAR, 3003, 38003, 1492, [600, 1200], df=(0, 1, 2))
# D: DF pieces of 600 to the 700 route: they fit, out as they came
pieces(FAR, 3004, 38004, 1192, [600], df=(0, 1))
# E: DF pieces of 800 to the 700 route: fragmentation needed
pieces(FAR, 3005, 38005, 1192, [800], df=(0, 1))
# F: DF on the small first piece only: the datagram has no DF
pieces(NEAR, 3006, 38006, 1592, [400, 1200], df=(0,))
# G: ECT(0) pieces and a CE one: CE on every piece out
pieces(NEAR, 3007, 38007, 1592, [800], tos=(0x02, 0x03))
# H: not-ECT and ECT(0): the datagram is dropped
pieces(NEAR, 3008, 38008, 1592, [800], tos=(0x00, 0x02))
t.write()
