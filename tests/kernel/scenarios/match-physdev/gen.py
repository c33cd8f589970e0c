#!/usr/bin/python3
"""match-physdev: the physdev match without bridges.

Proves (physdev_mt, its "not bridged" branch): no packet carries bridge
info, so every option used must be inverted for the rule to match:
--physdev-in, --physdev-is-in, --physdev-is-bridged, --physdev-out and
--physdev-is-out fail alone and match with "!"; a mix fails as soon as
one option is not inverted; DROP on "! --physdev-is-bridged" in FORWARD
(everything) after an ACCEPT for the reverse direction.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap, in-eth1.pcap and
local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, TCP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW, FAR = "192.0.2.2", "192.0.2.1", "203.0.113.10"

t = Trace()
# to the host, forwarded both ways, and the host's own packets
t.add("eth0", CLIENT / IP(src=C, dst=FW, id=1) /
      UDP(sport=40000, dport=9) / Raw(b"in"))
t.add("eth0", CLIENT / IP(src=C, dst=FW, id=2) /
      TCP(sport=40001, dport=22, flags="S", seq=1, window=1024))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=3) /
      TCP(sport=40002, dport=80, flags="S", seq=2, window=1024))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=4) /
      TCP(sport=80, dport=40002, flags="SA", seq=3, ack=3, window=1024))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=5) /
      UDP(sport=40003, dport=53) / Raw(b"fwd"))
t.add(LOCAL, IP(src="192.0.2.1", dst=C, id=101) /
      UDP(sport=5353, dport=53) / Raw(b"q"))
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=102) /
      TCP(sport=40010, dport=80, flags="S", seq=7, window=1024))
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=103) /
      UDP(sport=40011, dport=123) / Raw(b"ntp"))
t.write()
