#!/usr/bin/python3
"""match-multiport: multiport (revision 1) on tcp and udp, both directions.

Proves (multiport_mt, ports_match_v1): single ports and ranges mixed in one
list, --ports matching either port, inversion of a whole list; DROP rules
for a range (X11) and a source list, an inbound segment from a port not in
the list; multiport reads only the 4 port bytes: a "TCP" packet of 4 bytes
matches by port and is forwarded, one of 3 bytes is hot-dropped at the
first multiport rule; a non-first fragment matches no multiport rule
(inverted ones included); SCTP ports (no sctp match loaded); ports
behind IP options.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, Raw, IPOption_RR  # noqa

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FAR = "192.0.2.2", "203.0.113.10"

t = Trace()


def out(ident, l4):
    t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=ident) / l4)


def inb(ident, l4):
    t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=ident, ttl=60) / l4)


out(1, TCP(sport=40000, dport=80, flags="S", seq=1))
inb(2, TCP(sport=80, dport=40000, flags="SA", seq=2, ack=2))
inb(3, TCP(sport=443, dport=40001, flags="A", seq=3, ack=3))
out(4, TCP(sport=40002, dport=8080, flags="S", seq=4))
out(5, TCP(sport=40003, dport=6010, flags="S", seq=5))       # X11: drop
inb(6, TCP(sport=25, dport=40004, flags="S", seq=6))         # drop
out(7, UDP(sport=33000, dport=53) / Raw(b"q"))
out(8, UDP(sport=123, dport=123) / Raw(b"ntp"))
out(9, UDP(sport=33001, dport=5005) / Raw(b"x"))
out(10, UDP(sport=137, dport=137) / Raw(b"nb"))              # drop
# 4 bytes of TCP (the two ports only): matched by port, forwarded
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=11, proto=6) /
      Raw(b"\x9c\x40\x00\x50"))
# 3 bytes of TCP: hot-dropped at the first multiport rule
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=12, proto=6) /
      Raw(b"\x9c\x40\x00"))
# a non-first udp fragment: matches nothing, forwarded
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=13, proto=17, frag=3) /
      Raw(b"\x00\x89\x00\x89tail"))
# SCTP (common header: ports, verification tag, checksum; no chunks)
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=14, proto=132) /
      Raw(b"\x0b\x59\x0f\x1c" + b"\x00" * 8))            # 2905 -> 3868
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=15, ttl=60, proto=132) /
      Raw(b"\x13\xc4\x9c\x40" + b"\x00" * 8))          # 5060 -> 40000
# https with a record-route option (IHL 8)
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=16,
                          options=[IPOption_RR(routers=["0.0.0.0"] * 2)]) /
      TCP(sport=40005, dport=443, flags="S", seq=16))
t.write()
