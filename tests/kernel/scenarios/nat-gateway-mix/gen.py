#!/usr/bin/python3
"""nat-gateway-mix: one gateway doing most kinds of NAT on UDP and ICMP.

Proves: MASQUERADE out of eth1 and the answer back; an upstream ICMP port
unreachable about a masqueraded datagram translated back to the client
(quoted source, outer destination, checksums); ping through masquerade;
REDIRECT to the host's own eth0 address; a port forward (DNAT) in and its
answer out, then the host's own TTL-exceeded about its next packet
translated (RELATED_REPLY at POSTROUTING); hairpin DNAT+MASQUERADE on eth0
(no ICMP redirect: NAT drops redirects about NATed connections); NETMAP
both ways; the host's own datagrams DNATed to the inside (re-routed from
eth1 to eth0) and REDIRECTed to 127.0.0.1 (delivered locally).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap, in-eth1.pcap and
local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, UDP, ICMP, Raw  # noqa: E402

C = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
U = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
t = Trace()
# masquerade out, the answer back
t.add("eth0", C / IP(src="192.0.2.2", dst="203.0.113.10", id=1) / UDP(sport=40000, dport=53) / Raw(b"q1"))
t.add("eth1", U / IP(src="203.0.113.10", dst="198.51.100.1", id=2) / UDP(sport=53, dport=40000) / Raw(b"a1"))
# an ICMP error about a masqueraded datagram
t.add("eth0", C / IP(src="192.0.2.2", dst="203.0.113.10", id=3) / UDP(sport=40001, dport=53) / Raw(b"q2"))
t.add("eth1", U / IP(src="198.51.100.2", dst="198.51.100.1", id=4) / ICMP(type=3, code=3) /
      IP(src="198.51.100.1", dst="203.0.113.10", id=3, ttl=63) / UDP(sport=40001, dport=53) / Raw(b"q2"))
# ping through masquerade and its reply
t.add("eth0", C / IP(src="192.0.2.2", dst="203.0.113.10", id=5) / ICMP(type=8, id=55, seq=1) / Raw(b"ping"))
t.add("eth1", U / IP(src="203.0.113.10", dst="198.51.100.1", id=6) / ICMP(type=0, id=55, seq=1) / Raw(b"ping"))
# REDIRECT to the host itself
t.add("eth0", C / IP(src="192.0.2.2", dst="203.0.113.10", id=7) / UDP(sport=40002, dport=8053) / Raw(b"dns"))
# port forward in, the answer out
t.add("eth1", U / IP(src="203.0.113.20", dst="198.51.100.1", id=8) / UDP(sport=33000, dport=5000) / Raw(b"in"))
t.add("eth0", C / IP(src="192.0.2.2", dst="203.0.113.20", id=9) / UDP(sport=6000, dport=33000) / Raw(b"out"))
# its next packet with TTL 1: the host's time exceeded, translated back
t.add("eth1", U / IP(src="203.0.113.20", dst="198.51.100.1", id=10, ttl=1) / UDP(sport=33000, dport=5000) / Raw(b"ttl"))
# hairpin: a client to the public address, served inside
t.add("eth0", C / IP(src="192.0.2.2", dst="198.51.100.1", id=11) / UDP(sport=41000, dport=5001) / Raw(b"hp"))
t.add("eth0", C / IP(src="192.0.2.3", dst="192.0.2.1", id=12) / UDP(sport=5001, dport=41000) / Raw(b"hpa"))
# NETMAP both ways
t.add("eth1", U / IP(src="203.0.113.30", dst="198.51.100.70", id=13) / UDP(sport=1234, dport=4321) / Raw(b"nm"))
t.add("eth0", C / IP(src="192.0.2.70", dst="203.0.113.30", id=14) / UDP(sport=4321, dport=1234) / Raw(b"nma"))
t.add("eth0", C / IP(src="192.0.2.71", dst="203.0.113.30", id=15) / UDP(sport=999, dport=1234) / Raw(b"nm2"))
# the host's own: DNAT to the inside (re-routed), REDIRECT to itself
t.add(LOCAL, IP(src="198.51.100.1", dst="203.0.113.40", id=16) / UDP(sport=2000, dport=7000) / Raw(b"lo1"))
t.add(LOCAL, IP(src="192.0.2.1", dst="203.0.113.40", id=17) / UDP(sport=2001, dport=7002) / Raw(b"lo2"))
t.write()
