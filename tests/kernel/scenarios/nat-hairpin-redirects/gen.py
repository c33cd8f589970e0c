#!/usr/bin/python3
"""nat-hairpin-redirects: ICMP redirects about forwarded packets that go
back out of the interface they came in on, with a nat table.

Proves: the host's redirect belongs to the offending packet's connection
(nf_ct_attach in icmp_send): for a connection's first packet it is dropped
by NAT (its source binding is not set up yet), for a later packet it is
sent only when the connection is not NATed at all (null bindings); DNAT
and MASQUERADE connections never get one.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, Raw  # noqa: E402

C = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
t = Trace()
# plain hairpin forwarding, no NAT
t.add("eth0", C / IP(src="192.0.2.2", dst="192.0.2.3", id=1) / UDP(sport=40000, dport=53) / Raw(b"a"), gap=0.1)
# DNAT only
t.add("eth0", C / IP(src="192.0.2.4", dst="198.51.100.1", id=2) / UDP(sport=40001, dport=5001) / Raw(b"b"), gap=0.1)
# SNAT only
t.add("eth0", C / IP(src="192.0.2.5", dst="192.0.2.3", id=3) / UDP(sport=40002, dport=53) / Raw(b"c"), gap=0.1)
# second packets of each, later
t.add("eth0", C / IP(src="192.0.2.2", dst="192.0.2.3", id=4) / UDP(sport=40000, dport=53) / Raw(b"a2"), gap=0.5)
t.add("eth0", C / IP(src="192.0.2.4", dst="198.51.100.1", id=5) / UDP(sport=40001, dport=5001) / Raw(b"b2"), gap=0.1)
t.add("eth0", C / IP(src="192.0.2.5", dst="192.0.2.3", id=6) / UDP(sport=40002, dport=53) / Raw(b"c2"), gap=0.1)
t.write()
