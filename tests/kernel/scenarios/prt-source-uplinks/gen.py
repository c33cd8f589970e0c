#!/usr/bin/python3
"""Input frames of this scenario: /usr/bin/python3 gen.py [OUTDIR]
writes in-IFACE.pcap (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, ICMP  # noqa: E402

A = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
B = Ether(src="02:00:00:00:00:03", dst="02:00:00:00:01:00")
UP1 = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
UP2 = Ether(src="02:00:00:00:00:04", dst="02:00:00:00:01:02")

t = Trace()
# the lower half leaves by eth1, the upper half by eth2
t.add("eth0", A / IP(src="192.0.2.2", dst="8.8.8.8", id=1) /
      UDP(sport=5001, dport=53))
t.add("eth0", B / IP(src="192.0.2.130", dst="8.8.8.8", id=2) /
      UDP(sport=5002, dport=53))
# eth1's own subnet: main knows it, table 200 does not (out eth2)
t.add("eth0", A / IP(src="192.0.2.2", dst="198.51.100.77", id=3) /
      UDP(sport=5003, dport=53))
t.add("eth0", B / IP(src="192.0.2.130", dst="198.51.100.77", id=4) /
      UDP(sport=5004, dport=53))
# answers come back by main, whatever link they arrive on
t.add("eth2", UP2 / IP(src="8.8.8.8", dst="192.0.2.130", id=5) /
      UDP(sport=53, dport=5002))
t.add("eth1", UP1 / IP(src="8.8.8.8", dst="192.0.2.130", id=6) /
      UDP(sport=53, dport=5002))
# TTL 1 from outside on eth2: the time exceeded comes from 203.0.113.1,
# which rule 110 sends back out eth2; on eth1 from 198.51.100.1 by main
t.add("eth2", UP2 / IP(src="8.8.4.4", dst="192.0.2.130", ttl=1, id=7) /
      UDP(sport=33434, dport=33435))
t.add("eth1", UP1 / IP(src="8.8.4.4", dst="192.0.2.2", ttl=1, id=8) /
      UDP(sport=33434, dport=33436))
# TTL 1 from the upper half: the error from 192.0.2.1 goes by main (the
# rule is about the packet's source, not the error's)
t.add("eth0", B / IP(src="192.0.2.130", dst="8.8.8.8", ttl=1, id=9) /
      UDP(sport=5005, dport=53))
t.write()
