#!/usr/bin/python3
"""target-hmark: HMARK's hash of the packet's fields.

Proves (hmark_tg_v4, hmark_hash): jhash_3words over the smaller then the
larger address and the ports with the larger one high, so both directions
of a flow get the same mark; the user's --hmark-rnd as the seed (no
randomness); reciprocal_scale into --hmark-mod plus --hmark-offset;
prefix and port masks, the protocol mixed in by --hmark-proto-mask; the
L3 mode (src,dst) for ICMP; an ICMP error hashed on the datagram it
quotes; fragments hashed without ports; ESP's SPI in place of ports; a
set source port (--hmark-sport); a protocol without ports; LOG's MARK=.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, CLIENT, UPSTREAM, IP, UDP, TCP, ICMP,  # noqa: E402
                    Raw)

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()
n = 0


def out(l4, dst=FAR, **ip):
    global n
    n += 1
    t.add("eth0", CLIENT / IP(src=C, dst=dst, id=n, **ip) / l4)


def back(l4, src=FAR, **ip):
    global n
    n += 1
    t.add("eth1", UPSTREAM / IP(src=src, dst=C, id=n, **ip) / l4)


for sport in (1000, 1001, 1002, 40000):
    out(UDP(sport=sport, dport=53) / Raw(b"q"))
back(UDP(sport=53, dport=1000) / Raw(b"a"))
back(UDP(sport=53, dport=40000) / Raw(b"a"))
out(UDP(sport=1000, dport=53) / Raw(b"q"), dst="203.0.113.11")
out(TCP(sport=0x1234, dport=80, flags="S", seq=1))
out(TCP(sport=0x12ff, dport=80, flags="S", seq=2))
back(TCP(sport=80, dport=0x1234, flags="SA", seq=3, ack=2))
out(ICMP(type=8, id=7, seq=1))
back(ICMP(type=0, id=7, seq=1))
# a port unreachable from the far side quoting the client's datagram
quoted = bytes(IP(src=C, dst=FAR, id=1, ttl=63) / UDP(sport=1000, dport=53) /
               Raw(b"q"))
back(ICMP(type=3, code=3) / Raw(quoted))
back(ICMP(type=3, code=3) / Raw(quoted), src="198.51.100.2")
# fragments of a UDP datagram: no ports
out(Raw(bytes(UDP(sport=1000, dport=53, len=40)) + b"f" * 8), proto=17,
    flags="MF")
out(Raw(b"g" * 24), proto=17, frag=2)
out(Raw(b"\x00\x00\x10\x01" + b"\x00\x00\x00\x01" + b"e" * 16), proto=50)
out(Raw(b"\x00\x00\x10\x02" + b"\x00\x00\x00\x01" + b"e" * 16), proto=50)
out(Raw(b"\x13\x88\x00\x50" + b"\x00" * 8), proto=132)
out(Raw(b"\x13\x89\x00\x51" + b"\x00" * 8), proto=132)
out(Raw(b"whatever"), proto=253)
t.write()
