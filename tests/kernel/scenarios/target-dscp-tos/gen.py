#!/usr/bin/python3
"""target-dscp-tos: DSCP and TOS rewrite the TOS byte with the kernel's
checksum update.

Proves (dscp_tg, tos_tg, ipv4_change_dsfield): --set-dscp keeps the ECN
bits (TOS 0x01/0x02/0x03 in, DSCP 0x2e on top), the same DSCP again
changes nothing; --set-dscp-class AF41; TOS --set-tos with a mask (ECN
bits kept under 0x3f, 0xfc), by name (Maximize-Throughput = 0x08/0x3f),
--and-tos, --or-tos, --xor-tos (all 8 bits, ECN too); in POSTROUTING;
every header checksum as the kernel's own one's-complement steps leave it
(TOS values picked so that some sums wrap).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, IP, UDP, Raw  # noqa: E402

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()
n = 0
for dport, toses in ((1, (0x00, 0x01, 0x02, 0x03, 0xb8, 0xbb)),
                     (2, (0x00, 0xff)),
                     (3, (0x00, 0xc3, 0xff)),
                     (4, (0x00, 0x12)),
                     (5, (0xff, 0x30)),
                     (6, (0x00, 0x01)),
                     (7, (0x00, 0xa5)),
                     (8, (0x03, 0xff)),
                     (9, (0x00, 0x0b, 0xfe)),
                     (10, (0xff, 0x00))):
    for tos in toses:
        n += 1
        t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=0xff00 + n, tos=tos) /
              UDP(sport=8000 + n, dport=dport) / Raw(b"tos"))
t.write()
