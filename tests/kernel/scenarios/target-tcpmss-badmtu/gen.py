#!/usr/bin/python3
"""target-tcpmss-badmtu: --clamp-mss-to-pmtu with a path MTU of 40.

Proves (tcpmss_mangle_packet): a route MTU of 40 leaves no room for an
MSS: "xt_TCPMSS: unknown or invalid path-MTU (40)" in the log and the SYN
dropped (twice, below the log's rate limit); MTU 41 gives MSS 1 and the
SYN (44 bytes, no DF) leaves in fragments of 16 data bytes; a SYN to the
default route is clamped to 1460; a non-SYN passes untouched.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, IP, TCP  # noqa: E402

C = "192.0.2.2"
t = Trace()
for n, (dst, flags) in enumerate((("203.0.113.70", "S"),
                                  ("203.0.113.71", "S"),
                                  ("203.0.113.130", "S"),
                                  ("203.0.113.10", "S"),
                                  ("203.0.113.70", "A")), 1):
    t.add("eth0", CLIENT / IP(src=C, dst=dst, id=n) / TCP(
        sport=41000 + n, dport=80, flags=flags, seq=100 * n, window=1000,
        options=[("MSS", 1460)]))
t.write()
