#!/usr/bin/python3
"""Input frames of this scenario: /usr/bin/python3 gen.py [OUTDIR]
writes in-IFACE.pcap (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP  # noqa: E402

UP1 = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
UP2 = Ether(src="02:00:00:00:00:04", dst="02:00:00:00:01:02")

t = Trace()
# the same four from each uplink (each from its own source: ICMP's
# per-destination rate limit): a RST, a port unreachable, an
# administratively prohibited for a forwarded packet, a time exceeded
for eth, up, src, base in (("eth1", UP1, "8.8.8.8", 10),
                           ("eth2", UP2, "8.8.4.4", 20)):
    dst = "198.51.100.1" if eth == "eth1" else "203.0.113.1"
    t.add(eth, up / IP(src=src, dst=dst, id=base + 1) /
          TCP(sport=40000, dport=22, flags="S", seq=1000))
    t.add(eth, up / IP(src=src, dst=dst, id=base + 2) /
          UDP(sport=40001, dport=9))
    t.add(eth, up / IP(src=src, dst="192.0.2.2", id=base + 3) /
          UDP(sport=40002, dport=7))
    t.add(eth, up / IP(src=src, dst="192.0.2.2", ttl=1, id=base + 4) /
          UDP(sport=40003, dport=33434))
t.write()
