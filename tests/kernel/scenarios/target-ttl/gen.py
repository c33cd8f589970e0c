#!/usr/bin/python3
"""target-ttl: the TTL target (--ttl-set/--ttl-inc/--ttl-dec, mangle)
with the ttl match.

Proves (ttl_tg, ttl_mt): --ttl-set 5 on an echo request with TTL 10
(FORWARD sees 4, INPUT 5 for one to the host); --ttl-inc 100 saturating at
255 (FORWARD 254) and not (50 -> 150 -> 149); --ttl-dec 3 (64 -> 61 -> 60
forwarded; 3 and 2 -> 0: time exceeded, the quoted header with TTL 0 and
its incrementally updated checksum); --ttl-set 0 on a packet from eth1;
POSTROUTING --ttl-set 128 and --ttl-dec 64 saturating at 0 (the packet
still leaves, with TTL 0); OUTPUT --ttl-set 1 of the host's own datagram
(leaves with TTL 1); every rewritten header checksum valid.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap, in-eth1.pcap and
local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, UPSTREAM, LOCAL, IP, ICMP, UDP, Raw  # noqa: E402

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()


def udp(ident, ttl, dport, iface="eth0"):
    if iface == "eth0":
        t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=ident, ttl=ttl) /
              UDP(sport=5000 + ident, dport=dport) / Raw(b"ttl-test"))
    else:
        t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=ident, ttl=ttl) /
              UDP(sport=5000 + ident, dport=dport) / Raw(b"ttl-test"))


t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=1, ttl=10) /
      ICMP(type=8, id=0x100, seq=1) / Raw(b"ping"))
t.add("eth0", CLIENT / IP(src=C, dst="192.0.2.1", id=2, ttl=10) /
      ICMP(type=8, id=0x100, seq=2) / Raw(b"ping"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=3, ttl=11) /
      ICMP(type=8, id=0x100, seq=3) / Raw(b"ping"))
udp(4, 200, 1000)
udp(5, 50, 1000)
udp(6, 64, 1001)
udp(7, 3, 1001)
udp(8, 2, 1001)
udp(9, 64, 1002)
udp(10, 64, 1003, iface="eth1")
udp(11, 30, 1005)
udp(12, 100, 1005)
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=13, ttl=64) /
      UDP(sport=4000, dport=1004) / Raw(b"local"))
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=14, ttl=64) /
      UDP(sport=4000, dport=1002) / Raw(b"local"))
t.write()
