#!/usr/bin/python3
"""Input frames of this scenario: /usr/bin/python3 gen.py [OUTDIR]
writes in-IFACE.pcap and local.pcap (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, TCP, UDP  # noqa: E402

LAN = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
WEB = Ether(src="02:00:00:00:00:03", dst="02:00:00:00:01:00")
UP1 = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
UP2 = Ether(src="02:00:00:00:00:04", dst="02:00:00:00:01:02")

t = Trace()
# the LAN's DNS (mark 0x201): out eth2 as 203.0.113.1; the answer
# restores the mark and finds the LAN in table 100
t.add("eth0", LAN / IP(src="192.0.2.2", dst="8.8.8.8", id=1) /
      UDP(sport=5001, dport=53))
t.add("eth2", UP2 / IP(src="8.8.8.8", dst="203.0.113.1", id=2) /
      UDP(sport=53, dport=5001))
# unmarked and 0x102 (not 0x1 under the mask 0xff): main, out eth1
t.add("eth0", LAN / IP(src="192.0.2.2", dst="8.8.8.8", id=3) /
      UDP(sport=5002, dport=443))
t.add("eth1", UP1 / IP(src="8.8.8.8", dst="198.51.100.1", id=4) /
      UDP(sport=443, dport=5002))
t.add("eth0", LAN / IP(src="192.0.2.2", dst="8.8.8.8", id=5) /
      UDP(sport=5003, dport=54))
# a connection to the web server through eth2: its replies carry the
# restored mark and leave by eth2, although main's default is eth1
t.add("eth2", UP2 / IP(src="8.8.4.4", dst="203.0.113.1", id=6) /
      TCP(sport=40000, dport=80, flags="S", seq=1000))
t.add("eth0", WEB / IP(src="192.0.2.10", dst="8.8.4.4", id=7) /
      TCP(sport=80, dport=40000, flags="SA", seq=5000, ack=1001))
t.add("eth2", UP2 / IP(src="8.8.4.4", dst="203.0.113.1", id=8) /
      TCP(sport=40000, dport=80, flags="A", seq=1001, ack=5001))
t.add("eth0", WEB / IP(src="192.0.2.10", dst="8.8.4.4", id=9) /
      TCP(sport=80, dport=40000, flags="A", seq=5001, ack=1001) / b"hello")
# the same through eth1: no mark, replies by main
t.add("eth1", UP1 / IP(src="8.8.4.4", dst="198.51.100.1", id=10) /
      TCP(sport=40001, dport=80, flags="S", seq=2000))
t.add("eth0", WEB / IP(src="192.0.2.10", dst="8.8.4.4", id=11) /
      TCP(sport=80, dport=40001, flags="SA", seq=6000, ack=2001))
# the host's own NTP: routed by main (source 198.51.100.1), marked in
# mangle OUTPUT, re-routed out eth2 and SNATed; the answer is delivered
t.add(LOCAL, IP(src="0.0.0.0", dst="8.8.8.8", id=12) /
      UDP(sport=1123, dport=123))
t.add("eth2", UP2 / IP(src="8.8.8.8", dst="203.0.113.1", id=13) /
      UDP(sport=123, dport=1123))
# unmarked from the host: main, MASQUERADE on eth1
t.add(LOCAL, IP(src="203.0.113.1", dst="8.8.8.8", id=14) /
      UDP(sport=1124, dport=124))
t.write()
