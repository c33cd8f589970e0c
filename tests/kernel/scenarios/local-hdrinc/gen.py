#!/usr/bin/python3
"""local-hdrinc: the header of a packet the host sends from a raw socket
(IP_HDRINCL, local.pcap) is sent as given, except what raw_send_hdrinc
fills in.

Proves: a zero source becomes the route's source (eth0's address to the
neighbour, eth1's through the default route, the route's `src` when it
has one), before OUTPUT; a zero ID with DF stays 0; a nonzero ID, the
TTL (even 0), TOS, DF and the fragment fields (MF, offset) are kept; a
wrong total length becomes the datagram's length and a wrong header
checksum is recomputed; IP options are left as they are (a record route
option is not filled in: LOG --log-ip-options shows it untouched, on the
wire too); the transport checksum is not touched (a bad UDP checksum
leaves bad).
/usr/bin/python3 gen.py [OUTDIR] writes local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, IP, TCP, UDP, ICMP, IPOption_RR, Raw  # noqa

C, FAR, FAR2 = "192.0.2.2", "203.0.113.10", "203.0.113.200"

t = Trace()
# zero sources: to the neighbour, through the default route, through the
# route with `src 192.0.2.1`
t.add(LOCAL, IP(src="0.0.0.0", dst=C, id=1) / UDP(sport=1000, dport=53))
t.add(LOCAL, IP(src="0.0.0.0", dst=FAR, id=2) /
      TCP(sport=40000, dport=80, flags="S", seq=1))
t.add(LOCAL, IP(src="0.0.0.0", dst=FAR2, id=3) /
      ICMP(type=8, id=5, seq=1))
# a zero ID with DF: stays 0
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=0, flags="DF") /
      UDP(sport=1001, dport=53) / Raw(b"df"))
# a wrong total length and a wrong header checksum: fixed
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=4, len=999, chksum=0xbeef) /
      UDP(sport=1002, dport=53) / Raw(b"len"))
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=5, len=20) /
      UDP(sport=1003, dport=53) / Raw(b"short"))
# TTL 0, TOS 0xb8 (EF), DF: as they are
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=6, ttl=0, tos=0xb8,
                flags="DF") / UDP(sport=1004, dport=53))
# a first fragment (MF) and a later one (offset 1480)
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=7, flags="MF", proto=17) /
      Raw(b"\x03\xed\x00\x35\x05\xd0\x00\x00" + b"A" * 24))
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=7, frag=185, proto=17) /
      Raw(b"B" * 16))
# a record route option with room: not filled in
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=8,
                options=[IPOption_RR(pointer=4, routers=["0.0.0.0"] * 2)]) /
      UDP(sport=1005, dport=53))
# a bad UDP checksum: left bad
t.add(LOCAL, IP(src="192.0.2.1", dst=C, id=9) /
      UDP(sport=1006, dport=53, chksum=0xdead) / Raw(b"x"))
t.write()
