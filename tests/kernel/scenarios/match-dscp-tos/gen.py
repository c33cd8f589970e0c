#!/usr/bin/python3
"""match-dscp-tos: the DS field through the dscp and tos matches.

Proves (dscp_mt, tos_mt rev 1): --dscp compares the upper six bits only
(ECN bits ignored: 0xb9 is still EF); class names (EF=46, AF11=10, CS6=48,
CS1=8, BE=0); the tos names are value/0x3f (the ECN bits count: 0x12 is
not Minimize-Delay, 0x10/0x1c ignores them); value/mask with the ECN bits
only, with everything but them, and a bare value (mask 0xff); inversion;
local (INPUT) and forwarded packets both ways, DROP by class and by one
tos bit (0x04); the ICMP error REJECT sends has TOS (original & 0x1e) |
0xc0: 0xc0 (CS6) for 0x00, 0xc8 (DSCP 50, not CS6) for 0x08 and 0xd2 for
0x13 (bit 0x01 is not copied, 0x02 is).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FAR = "192.0.2.2", "203.0.113.10"

t = Trace()


def out(ident, tos, dst=FAR, dport=9):
    t.add("eth0", CLIENT / IP(src=C, dst=dst, id=ident, tos=tos) /
          UDP(sport=30000 + ident, dport=dport) / Raw(b"ds"))


def inb(ident, tos, dst=C):
    t.add("eth1", UPSTREAM / IP(src=FAR, dst=dst, id=ident, tos=tos, ttl=60) /
          UDP(sport=30000 + ident, dport=9) / Raw(b"ds"))


out(1, 0x00)
out(2, 0x10)        # Minimize-Delay
out(3, 0x12)        # Minimize-Delay + ECT(0)
inb(4, 0xb8)        # EF
inb(5, 0xb9)        # EF + ECT(1)
out(6, 0x28)        # AF11
out(7, 0x20)        # CS1: dropped
out(8, 0x08)        # Maximize-Throughput
out(9, 0x04)        # Maximize-Reliability: dropped by the 0x04 bit
inb(10, 0xc0, dst="198.51.100.1")   # CS6 to the host
out(11, 0x02, dst="192.0.2.1")      # Minimize-Cost (= ECT(0)) to the host
inb(12, 0x03)       # CE only
inb(13, 0xff)
# rejected: port unreachable with TOS 0xc0, 0xc8, 0xd2
out(14, 0x00, dport=7)
out(15, 0x08, dport=7)
out(16, 0x13, dport=7)
t.write()
