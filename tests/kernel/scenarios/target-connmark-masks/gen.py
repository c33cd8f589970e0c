#!/usr/bin/python3
"""target-connmark-masks: CONNMARK's masks and shifts, revision 2.

Proves (connmark_tg_shift): --set-xmark value/mask then --or-mark on the
entry (0x105); --save-mark with --nfmask/--ctmask (only packet bits 0xffff
saved, into ct bits 0xff00: (ct & ~ctmask) ^ (mark & nfmask)); --save-mark
--mask (both masks); --restore-mark with --ctmask/--nfmask on replies (the
packet keeps its bits outside nfmask); --left-shift-mark on save, and
--right-shift-mark on restore; --set-mark v/m, --and-mark, --xor-mark on
the entry; LOG's MARK= and conntrack -L's mark= for each flow.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, UPSTREAM, IP, UDP, Raw  # noqa: E402

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()
n = 0
for dport in (1, 2, 3, 4, 5, 6):
    n += 1
    t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=n) /
          UDP(sport=7000 + dport, dport=dport) / Raw(b"request"))
    n += 1
    t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=n) /
          UDP(sport=dport, dport=7000 + dport) / Raw(b"reply"))
t.write()
