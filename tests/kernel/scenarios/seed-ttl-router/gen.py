#!/usr/bin/python3
"""seed-ttl-router: the seed's TTL module recipes (the compendium's "TTL"
and "IPID" sections, without the out-of-tree IPID).

Proves: answers from the WAN side reach the LAN with TTL 2 whatever they
came with (set 2, then inc 1: 3, minus the hop), so a second-level router
behind could not forward them; everything leaving on the WAN side has TTL
128 (also the host's own packets, after OUTPUT); traceroute probes with
TTL 1 are dropped in INPUT (to the host) and answered with time exceeded
when forwarded (ip_forward decides before FORWARD), TTL 2 probes are
dropped silently by FORWARD (seeing 1).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap, in-eth1.pcap and
local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, CLIENT, UPSTREAM, LOCAL, IP, UDP, ICMP,  # noqa: E402
                    Raw)

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()
for n, ttl in enumerate((64, 1, 255), 1):
    t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=n, ttl=ttl) /
          UDP(sport=53, dport=5000 + n) / Raw(b"answer"))
for n, ttl in enumerate((64, 1, 2, 3), 10):
    t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=n, ttl=ttl) /
          UDP(sport=33434 + n, dport=33434) / Raw(b"probe"))
t.add("eth0", CLIENT / IP(src=C, dst="192.0.2.1", id=20, ttl=1) /
      ICMP(type=8, id=3, seq=1))
t.add("eth0", CLIENT / IP(src=C, dst="192.0.2.1", id=21, ttl=2) /
      ICMP(type=8, id=3, seq=2))
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=22, ttl=64) /
      UDP(sport=4444, dport=53) / Raw(b"query"))
t.write()
