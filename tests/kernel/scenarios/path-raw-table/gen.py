#!/usr/bin/python3
"""path-raw-table: raw PREROUTING and OUTPUT rules with counters, and TRACE
through raw, mangle and filter with user chains.

Proves: raw PREROUTING counts every packet before routing (also those for
the host), raw OUTPUT the host's own (REJECT's RST); TRACE set in raw
PREROUTING follows a forwarded packet through raw (policy), mangle
PREROUTING, mangle FORWARD and its user chain (rule/return lines), filter
FORWARD, a -j chain, a -g chain (c1 -g c2: falling off c2 returns to
FORWARD, traced as c3:return, c2:return, FORWARD:policy), a nested -j,
and mangle POSTROUTING; a traced packet for the host
through INPUT (mangle then filter) to a REJECT; TRACE set in raw OUTPUT
traces the RST that REJECT sends (raw's own TRACE rule is not traced,
so the first line is raw:OUTPUT's rule after it), and an untraced packet
prints nothing.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, SRV = "192.0.2.2", "192.0.2.1", "203.0.113.140"

t = Trace()
# SYN to 80, forwarded: c1 -g c2 -j c3 ACCEPT
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=1) /
      TCP(sport=60001, dport=80, flags="S", seq=1))
# data to 80: c3 RETURN -> c2 falls off -> back in FORWARD -> policy DROP
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=2) /
      TCP(sport=60001, dport=80, flags="PA", seq=2, ack=9) / Raw(b"GET"))
# the answer from port 80: not traced (its dport is 60001); c2 ACCEPTs
t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=3) /
      TCP(sport=80, dport=60001, flags="SA", seq=8, ack=2))
# a ping both ways: traced through mchain (icmp rule) and FORWARD ACCEPT
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=4) /
      ICMP(type=8, id=4, seq=1) / Raw(b"trace"))
t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=5) /
      ICMP(type=0, id=4, seq=1) / Raw(b"trace"))
# udp: untraced, c1 LOG, policy
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=6) /
      UDP(sport=60006, dport=53) / Raw(b"q"))
# to the host's port 80: traced to REJECT; its RST traced from raw OUTPUT
t.add("eth1", UPSTREAM / IP(src=SRV, dst=FW0, id=7) /
      TCP(sport=60007, dport=80, flags="S", seq=7))
t.write()
