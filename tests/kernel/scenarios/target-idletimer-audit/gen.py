#!/usr/bin/python3
"""target-idletimer-audit: IDLETIMER and AUDIT leave packets alone.

Proves (idletimer_tg_target, audit_tg): both continue to the next rule
(counters), IDLETIMER restarts its timer (sysfs, outside the packet path),
AUDIT writes no record while auditing is off (nothing in the kernel log);
the DROP after AUDIT --type drop still drops.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, UPSTREAM, IP, UDP, TCP, Raw  # noqa: E402

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=1) / UDP(sport=1, dport=53) /
      Raw(b"q"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=2) / UDP(sport=53, dport=1) /
      Raw(b"a"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=3) /
      TCP(sport=2, dport=80, flags="S", seq=1))
t.write()
