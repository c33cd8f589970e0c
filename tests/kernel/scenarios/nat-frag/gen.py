#!/usr/bin/python3
"""nat-frag: fragments through NAT.

Proves: conntrack's defragmentation before PREROUTING: a UDP datagram in
three fragments from an inside host is seen whole in FORWARD (one LOG line,
the full length), NATed (ports and the UDP checksum over the whole
datagram), and leaves fragmented again at the largest fragment size received
(same offsets, same IP ID); the answer comes back in fragments out of order
(last first) and reaches the inside host translated and refragmented the
same way; a fragmented ping (two fragments, 1600 bytes of data) likewise,
with its echo reply.
/usr/bin/python3 gen.py [OUTDIR] writes the inputs."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, TCP, UDP, ICMP, Raw  # noqa
from conv import Tcp  # noqa: E402,F401

C1 = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")   # 192.0.2.2
C2 = Ether(src="02:00:00:00:00:03", dst="02:00:00:00:01:00")   # 192.0.2.3
SRV = Ether(src="02:00:00:00:00:0a", dst="02:00:00:00:01:00")  # 192.0.2.10
UP = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")   # 198.51.100.2
PUB = "198.51.100.1"

t = Trace()
from scapy.all import fragment  # noqa: E402

S = "203.0.113.10"
BIG = bytes(range(256)) * 12          # 3072 bytes
q = IP(src="192.0.2.2", dst=S, id=4321) / UDP(sport=40000, dport=5000) / \
    Raw(BIG)
for f in fragment(IP(bytes(q)), fragsize=1480):
    t.add("eth0", C1 / f)
r = IP(src=S, dst=PUB, id=8765) / UDP(sport=5000, dport=40000) / \
    Raw(BIG[::-1])
for f in reversed(fragment(IP(bytes(r)), fragsize=1480)):
    t.add("eth1", UP / f)
p = IP(src="192.0.2.3", dst=S, id=1111) / ICMP(type=8, id=77, seq=1) / \
    Raw(b"p" * 1600)
for f in fragment(IP(bytes(p)), fragsize=1480):
    t.add("eth0", C2 / f)
e = IP(src=S, dst=PUB, id=2222) / ICMP(type=0, id=77, seq=1) / \
    Raw(b"p" * 1600)
for f in fragment(IP(bytes(e)), fragsize=1480):
    t.add("eth1", UP / f)
t.write()
