#!/usr/bin/python3
"""path-ttl-expiry: forwarded packets with TTL 0, 1 and 2, both directions.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FAR = "192.0.2.2", "203.0.113.30"

t = Trace()
# traceroute-style UDP out with TTL 1: time exceeded from 192.0.2.1
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=1, ttl=1) /
      UDP(sport=43000, dport=33434) / Raw(b"\0" * 16))
# TTL 2 is forwarded with TTL 1 (FORWARD sees 1)
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=2, ttl=2) /
      UDP(sport=43000, dport=33435) / Raw(b"\0" * 16))
# TTL 0 also expires
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=3, ttl=0) /
      UDP(sport=43000, dport=33436) / Raw(b"\0" * 16))
# from outside, a SYN with TTL 1: time exceeded from 198.51.100.1 out eth1
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=4, ttl=1) /
      TCP(sport=43001, dport=80, flags="S", seq=10))
# an echo request with TTL 1 from outside
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=5, ttl=1) /
      ICMP(type=8, id=1, seq=1) / Raw(b"trace"))
# an ICMP error with TTL 1 expires silently (no error about an error)
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=6, ttl=1) /
      ICMP(type=3, code=3) /
      IP(src=C, dst=FAR, id=99, ttl=60) / UDP(sport=43002, dport=53))
# TTL 1 to the host itself is delivered (no expiry for local packets)
t.add("eth0", CLIENT / IP(src=C, dst="192.0.2.1", id=7, ttl=1) /
      UDP(sport=43003, dport=9) / Raw(b"local"))
# an ordinary packet, both ways
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=8, ttl=64) /
      UDP(sport=53, dport=43004) / Raw(b"ok"))
t.write()
