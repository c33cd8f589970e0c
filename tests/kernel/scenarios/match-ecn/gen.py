#!/usr/bin/python3
"""match-ecn: the ecn match (ecn_mt4) on forwarded packets, both directions.

Proves: --ecn-ip-ect compares the two low bits of the TOS byte (the DSCP
bits are ignored), inverted too; --ecn-tcp-ece (0x40) and --ecn-tcp-cwr
(0x80) of the TCP flags byte, inverted, combined with each other and with
--ecn-ip-ect; DROP by CWR from eth1 and by CE on UDP; a TCP packet with
fewer than 20 bytes of header matches no TCP-bit rule, inverted ones
included, and is NOT dropped (match_tcp returns false, no hot-drop); a
non-first fragment's payload is read as if it were a TCP header (the ECE
bit of its 14th byte matches).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, S = "192.0.2.2", "203.0.113.40"

t = Trace()


def out(ident, l4, tos=0, **kw):
    t.add("eth0", CLIENT / IP(src=C, dst=S, id=ident, tos=tos, **kw) / l4)


def inb(ident, l4, tos=0, **kw):
    t.add("eth1", UPSTREAM / IP(src=S, dst=C, id=ident, tos=tos, ttl=60,
                                **kw) / l4)


def tcp(sport, dport, flags, seq=1000, ack=0):
    return TCP(sport=sport, dport=dport, flags=flags, seq=seq, ack=ack,
               window=1024)


# an ECN-setup SYN (ECE+CWR), its SYN-ACK with ECE, ECT(0) data
out(1, tcp(40000, 80, "SEC"))
inb(2, tcp(80, 40000, "SAE", 5000, 1001))
out(3, tcp(40000, 80, "PA", 1001, 5001) / Raw(b"GET /"), tos=0x02)
# CE-marked data answered with ECE; the sender's CWR from eth1: dropped
inb(4, tcp(80, 40000, "PA", 5001, 1006) / Raw(b"200 OK"), tos=0x03)
out(5, tcp(40000, 80, "AE", 1006, 5007), tos=0xb9)
inb(6, tcp(80, 40000, "AC", 5007, 1006), tos=0x02)
# UDP: ECT(1) forwarded, CE dropped
out(7, UDP(sport=5000, dport=53) / Raw(b"q"), tos=0x01)
out(8, UDP(sport=5000, dport=53) / Raw(b"q"), tos=0xff)
# 16 bytes of TCP header with CWR in the flags byte: no TCP-bit rule
# matches, no drop (forwarded from eth1 despite the CWR DROP rule)
inb(9, Raw(bytes(tcp(80, 40000, "AC"))[:16]), proto=6, tos=0x02)
# a non-first fragment whose payload has 0x40 at byte 13: ECE
out(10, Raw(bytes(13) + b"\x40" + bytes(10)), proto=6, frag=4)
inb(11, Raw(bytes(13) + b"\x80" + bytes(10)), proto=6, frag=4)  # CWR: dropped
t.write()
