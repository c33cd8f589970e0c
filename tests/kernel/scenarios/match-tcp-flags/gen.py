#!/usr/bin/python3
"""match-tcp-flags: the tcp match's flag and port tests on forwarded segments.

Proves: --tcp-flags MASK COMP compares only the masked bits of byte 13
(ECE/CWR are outside ALL, so a SYN with ECE+CWR is still --syn); ALL/NONE;
a NONE mask matches everything and its inversion nothing; ! --syn matches
every non-SYN (and SYN+ACK); port ranges with open ends and inversion, two
inverted ports in one rule, port 0 and 65535, a service name; the first
matching DROP rule decides (Xmas, NULL, SYN+FIN, an inbound SYN, ssh from
an unexpected source port), the rest is forwarded by the policy; OUTPUT
sees REJECT's RSTs with their flags (RST+ACK for a SYN, RST alone for an
ACK) and the swapped ports.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, WEB = "192.0.2.2", "203.0.113.10"

t = Trace()


def out(ident, sport, dport, flags, seq, ack=0, data=b""):
    seg = TCP(sport=sport, dport=dport, flags=flags, seq=seq, ack=ack,
              window=8192)
    t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=ident) /
          (seg / Raw(data) if data else seg))


def inb(ident, sport, dport, flags, seq, ack=0):
    t.add("eth1", UPSTREAM / IP(src=WEB, dst=C, id=ident, ttl=60) /
          TCP(sport=sport, dport=dport, flags=flags, seq=seq, ack=ack,
              window=8192))


# a web conversation: SYN, SYN/ACK, ACK, data, FIN, RST (all forwarded)
out(1, 40000, 80, "S", 1000)
inb(2, 80, 40000, "SA", 5000, 1001)
out(3, 40000, 80, "A", 1001, 5001)
out(4, 40000, 80, "PA", 1001, 5001, b"GET / HTTP/1.0\r\n\r\n")
out(5, 40000, 80, "FA", 1019, 5001)
out(6, 40000, 80, "R", 1020)
# scans: Xmas (FIN+PSH+URG), NULL, SYN+FIN (dropped by the DROP rules)
out(7, 40001, 8080, "FPU", 2000)
out(8, 40001, 8081, "", 2000)
out(9, 40001, 8082, "SF", 2000)
# every flag, ECE and CWR too: --tcp-flags ALL ALL, then SYN,FIN drop
out(10, 40001, 8083, "FSRPAUEC", 2000)
# SYN with ECE+CWR (ECN setup): still --syn, forwarded
out(11, 40002, 443, "SEC", 3000)
# an inbound SYN: dropped by -i eth1 --syn
inb(12, 50000, 25, "S", 6000)
# ports 0 and 65535 (ACK, forwarded)
out(13, 0, 65535, "A", 4000, 1)
# ssh from an unexpected source port: dropped; from the range: forwarded
out(14, 40100, 22, "S", 7000)
out(15, 40050, 22, "S", 7100)
# telnet: a SYN and an ACK, both REJECTed with an RST
out(16, 40060, 23, "S", 8000)
out(17, 40061, 23, "A", 8100, 777)
t.write()
