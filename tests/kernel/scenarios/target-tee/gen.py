#!/usr/bin/python3
"""target-tee: TEE clones to a gateway (nf_dup_ipv4).

Proves (tee_tg4, nf_dup_ipv4): a copy made in PREROUTING has its TTL
lowered by one (a fresh header checksum) and leaves towards the gateway's
MAC with the original addresses, through OUTPUT and POSTROUTING (LOG
lines; untracked), while the original is dropped in FORWARD or delivered;
a copy made in FORWARD (TTL already lowered) goes to a gateway on the
input link; the copy passing a TEE rule in POSTROUTING is not copied
again (the recursion guard) while the original is; the host's own
datagram copied in OUTPUT; --oif; TTL 1 arriving: the copy leaves with
TTL 0, the original is answered with time exceeded.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, LOCAL, IP, UDP, Raw  # noqa: E402

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=1) /
      UDP(sport=1000, dport=9) / Raw(b"dropped-but-copied"))
t.add("eth0", CLIENT / IP(src=C, dst="192.0.2.1", id=2) /
      UDP(sport=1000, dport=9) / Raw(b"to-the-host"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=3) /
      UDP(sport=1000, dport=10) / Raw(b"forward-copy"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=4) /
      UDP(sport=1000, dport=12) / Raw(b"oif"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=5, ttl=1) /
      UDP(sport=1000, dport=9) / Raw(b"ttl1"))
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=6) /
      UDP(sport=2000, dport=11) / Raw(b"local"))
t.write()
