#!/usr/bin/python3
"""net.ipv4.icmp_echo_ignore_broadcasts=0: an echo request to the
subnet's broadcast is answered (from the address the route back
prefers); a SYN from behind a route with mtu 1300 gets MSS 1260:
/usr/bin/python3 gen.py [OUTDIR]"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, ICMP, Raw, CLIENT, UPSTREAM  # noqa: E402

BCAST = Ether(src="02:00:00:00:00:01", dst="ff:ff:ff:ff:ff:ff")
t = Trace()
t.add("eth0", BCAST / IP(id=1, src="192.0.2.2", dst="192.0.2.255") /
      ICMP(id=5, seq=1) / Raw(b"to all"))
t.add("eth0", BCAST / IP(id=2, src="192.0.2.2", dst="255.255.255.255") /
      ICMP(id=5, seq=2))
t.add("eth1", UPSTREAM / IP(id=3, src="203.0.113.5", dst="198.51.100.1") /
      TCP(sport=46000, dport=22, flags="S", seq=1000, options=[("MSS", 1460)]))
t.add("eth1", UPSTREAM / IP(id=4, src="203.0.113.5", dst="198.51.100.1") /
      TCP(sport=46000, dport=22, flags="R", seq=1001))
t.write()
