#!/usr/bin/python3
"""path-frag-forward: fragments forwarded one by one through FORWARD.

Proves: without conntrack nothing is reassembled: each fragment walks
FORWARD alone and leaves as it came (TTL - 1); -f matches later fragments
only, ! -f first fragments and whole packets; port matches (tcp,
multiport) never match a later fragment, which needs a -f rule; a TCP
fragment at offset 8 bytes (fragoff 1) is hot-dropped by the tcp match
(dropped at once: no later rule and not the policy counts it); a first
fragment too short for the TCP header (8 bytes) or the ports of UDP
(3 bytes) is hot-dropped by tcp/multiport; a first fragment with a whole
header matches ports like any packet; -p icmp alone matches every piece.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, SRV = "192.0.2.2", "203.0.113.80"


def pieces(ip, cuts):
    """Cut IP datagram IP (scapy, whole) at the byte offsets CUTS of its
    payload (multiples of 8): a list of fragment packets."""
    raw = bytes(ip)
    hl = (raw[0] & 15) * 4
    data = raw[hl:]
    bounds = [0] + list(cuts) + [len(data)]
    out = []
    for i in range(len(bounds) - 1):
        a, b = bounds[i], bounds[i + 1]
        f = IP(raw[:hl])
        f.flags = "MF" if b < len(data) else 0
        f.frag = a // 8
        f.len = None
        f.chksum = None
        out.append(IP(bytes(f / Raw(data[a:b]))))
    return out


def pay(n):
    return bytes((i * 13 + 1) & 0xff for i in range(n))


t = Trace()
# TCP to port 80 in three pieces: the first by the tcp rule, the others by
# `-p tcp -f`
for f in pieces(IP(src=C, dst=SRV, id=1) /
                TCP(sport=53000, dport=80, flags="PA", seq=1, ack=1) /
                Raw(pay(40)), [24, 48]):
    t.add("eth0", CLIENT / f)
# the evil TCP fragment at offset 8 bytes: hot-dropped by the tcp match
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=2, frag=1, flags="MF",
                          proto=6) / Raw(pay(16)))
# a first TCP fragment holding 8 bytes of the header: hot-dropped
t.add("eth1", UPSTREAM / pieces(IP(src=SRV, dst=C, id=3) /
                                TCP(sport=80, dport=53001, flags="A",
                                    seq=3, ack=3) / Raw(pay(16)), [8])[0])
# UDP to 53 from outside: the first piece is accepted by multiport, the
# second is not (not from the inside): policy
for f in pieces(IP(src=SRV, dst=C, id=4) / UDP(sport=53002, dport=53) /
                Raw(pay(60)), [32]):
    t.add("eth1", UPSTREAM / f)
# UDP to 5353 from inside: both pieces pass
for f in pieces(IP(src=C, dst=SRV, id=5) / UDP(sport=53003, dport=5353) /
                Raw(pay(60)), [32]):
    t.add("eth0", CLIENT / f)
# a first UDP fragment of 8 bytes: ports readable, dport 7 -> policy
t.add("eth0", CLIENT / pieces(IP(src=C, dst=SRV, id=6) /
                              UDP(sport=53004, dport=7) / Raw(pay(24)),
                              [8])[0])
# a first UDP fragment of 3 bytes (MF, offset 0): multiport cannot read
# the ports: hot-dropped
t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=7, flags="MF", proto=17) /
      Raw(b"\x00\x35\xcf"))
# ICMP echo in two pieces: -p icmp matches both
for f in pieces(IP(src=C, dst=SRV, id=8) / ICMP(type=8, id=8, seq=1) /
                Raw(pay(40)), [16]):
    t.add("eth0", CLIENT / f)
# a whole TCP segment to port 22: policy
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=9) /
      TCP(sport=53005, dport=22, flags="S", seq=9))
t.write()
