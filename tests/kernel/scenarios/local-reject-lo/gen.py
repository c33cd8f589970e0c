#!/usr/bin/python3
"""local-reject-lo: REJECT of packets the host sends to itself (raw socket of
root, local.pcap), in INPUT on lo and in OUTPUT towards lo.

Proves: the RST of tcp-reset in INPUT goes back over lo (OUTPUT out=lo,
then INPUT in=lo again, delivered), from the original destination, for
the host's addresses and for 127.0.0.1; icmp-port-unreachable in INPUT
comes from the packet's destination (icmp_send: the route is local, its
source the destination), ten in a row all sent (no ICMP rate limit on
loopback: neither the per-destination one nor the global one for a packet
that came in on lo); admin-prohibited in OUTPUT for a packet towards lo
goes round lo too; only the answers are delivered (local-count).
/usr/bin/python3 gen.py [OUTDIR] writes local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, IP, TCP, UDP, Raw  # noqa: E402

A0, A1, LO = "192.0.2.1", "198.51.100.1", "127.0.0.1"

t = Trace()
t.add(LOCAL, IP(src=A1, dst=A1, id=1) /
      TCP(sport=40000, dport=23, flags="S", seq=100))
t.add(LOCAL, IP(src=LO, dst=LO, id=2) /
      TCP(sport=40001, dport=23, flags="A", seq=200, ack=300))
for i in range(10):
    t.add(LOCAL, IP(src=A0, dst=A0, id=10 + i) /
          UDP(sport=2000 + i, dport=161) / Raw(b"get"))
t.add(LOCAL, IP(src=LO, dst=LO, id=20) / UDP(sport=3000, dport=161))
t.add(LOCAL, IP(src=A0, dst=A1, id=21) / UDP(sport=3001, dport=162))
t.write()
