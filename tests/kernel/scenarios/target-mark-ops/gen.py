#!/usr/bin/python3
"""target-mark-ops: MARK's operations and the mark match, in two tables.

Proves (mark_tg, mark_mt): --set-mark (all bits), --set-xmark value/mask
(clear then xor), --set-mark value/mask (only the masked bits), --and-mark,
--or-mark, --xor-mark in sequence, each checked by the next rule's match
(with masks and !); the mark lives with the packet from PREROUTING to
POSTROUTING (LOG's MARK=), a filter-table MARK changes it too, a marked
packet dropped by mark in FORWARD, the host's own datagram marked in
mangle and filter OUTPUT (0x107 in POSTROUTING), marks 0 print nothing.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, LOCAL, IP, UDP, Raw  # noqa: E402

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()
for n, dport in enumerate((1, 2, 3, 4, 5), 1):
    t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=n) /
          UDP(sport=6000 + n, dport=dport) / Raw(b"mark"))
t.add("eth0", CLIENT / IP(src=C, dst="192.0.2.1", id=6) /
      UDP(sport=6006, dport=3) / Raw(b"mark"))
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=7) /
      UDP(sport=6007, dport=7) / Raw(b"mark"))
t.write()
