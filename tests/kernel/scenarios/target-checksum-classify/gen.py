#!/usr/bin/python3
"""target-checksum-classify: CHECKSUM and CLASSIFY change nothing a wire
shows.

Proves (checksum_tg, classify_tg): --checksum-fill only completes
checksums the stack left to the NIC (CHECKSUM_PARTIAL), which forwarded
frames and the raw socket's datagrams never have: a UDP datagram with a
wrong checksum leaves with it, one with none (0) leaves with 0, a correct
one unchanged; CLASSIFY sets skb->priority only (a tc class: no qdisc
here, frames unchanged, counters count); both continue.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap, in-eth1.pcap and
local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, UPSTREAM, LOCAL, IP, UDP, TCP, Raw  # noqa: E402

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=1) /
      UDP(sport=1111, dport=53, chksum=0x1234) / Raw(b"bad"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=2) /
      UDP(sport=1111, dport=53, chksum=0) / Raw(b"none"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=3) /
      UDP(sport=1111, dport=53) / Raw(b"good"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=4) /
      TCP(sport=2222, dport=80, flags="S", seq=1))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=5) /
      UDP(sport=53, dport=1111) / Raw(b"answer"))
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=6) /
      UDP(sport=3333, dport=53, chksum=0x4321) / Raw(b"local-bad"))
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=7) /
      UDP(sport=3333, dport=53, chksum=0) / Raw(b"local-none"))
t.write()
