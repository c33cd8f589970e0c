#!/usr/bin/python3
"""path-policies: policy DROP on every built-in chain (raw, mangle, filter,
security), each reached in turn.

Proves: the hook and table order a packet walks (raw then mangle
PREROUTING; mangle, filter, security INPUT or FORWARD; raw, mangle,
filter, security OUTPUT; mangle POSTROUTING), since a packet dropped by
one chain's policy is counted by no later chain; -j RETURN in a built-in
chain applies its policy; a rule without a target only counts; a packet
that every chain accepts is delivered (local-count) or forwarded; an RST
that REJECT sends walks the OUTPUT chains and mangle POSTROUTING, where
each stage's policy drops the one addressed to 203.0.113.N.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FW1, FAR = "192.0.2.2", "192.0.2.1", "198.51.100.1", "203.0.113.50"

t = Trace()
# stages 1-5 for the host (1, 2: PREROUTING; 3-5: INPUT), then a packet
# every chain accepts: delivered
for n in (1, 2, 3, 4, 5, 53):
    t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=n) /
          UDP(sport=47000 + n, dport=n) / Raw(b"stage %d" % n))
# stages 1, 2 and 6-9 for a forwarded packet, both directions, then one
# that passes
for n in (1, 2, 6, 7, 8, 9, 53):
    t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=100 + n) /
          UDP(sport=47100 + n, dport=n) / Raw(b"fwd %d" % n))
    t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=200 + n) /
          UDP(sport=47200 + n, dport=n) / Raw(b"back %d" % n))
# SYNs to port 7 of the host: REJECT's RSTs to 203.0.113.11-15 die in
# raw/mangle/filter/security OUTPUT and mangle POSTROUTING; .16 passes
for n in (11, 12, 13, 14, 15, 16):
    t.add("eth1", UPSTREAM / IP(src="203.0.113.%d" % n, dst=FW1, id=300 + n) /
          TCP(sport=47300 + n, dport=7, flags="S", seq=1000 * n))
t.write()
