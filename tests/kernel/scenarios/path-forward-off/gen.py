#!/usr/bin/python3
"""path-forward-off: net.ipv4.ip_forward=0.

Proves: nothing is forwarded and nothing is answered for it: no
forwarding in either direction, no time exceeded for TTL 1, no ICMP for a
destination behind an unreachable route (ip_error is silent when the
inbound device does not forward); only raw PREROUTING counts those
packets, FORWARD never sees them. The host's own addresses are still
delivered from both sides (local-count) and REJECT in INPUT still sends
its RST.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FW1, FAR = "192.0.2.2", "192.0.2.1", "198.51.100.1", "203.0.113.40"

t = Trace()
# would be forwarded, both ways
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=1) /
      UDP(sport=49001, dport=53) / Raw(b"out"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=2) /
      UDP(sport=53, dport=49001) / Raw(b"back"))
# TTL 1, both ways: would expire
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=3, ttl=1) /
      UDP(sport=49003, dport=33434) / Raw(b"ttl"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=4, ttl=1) /
      UDP(sport=49004, dport=33434) / Raw(b"ttl"))
# behind the unreachable route, from both sides
t.add("eth0", CLIENT / IP(src=C, dst="203.0.113.130", id=5) /
      UDP(sport=49005, dport=53) / Raw(b"unr"))
t.add("eth1", UPSTREAM / IP(src="203.0.113.41", dst="203.0.113.131", id=6) /
      UDP(sport=49006, dport=53) / Raw(b"unr"))
# the host's addresses, from both sides: delivered
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=7) /
      UDP(sport=49007, dport=53) / Raw(b"local"))
t.add("eth0", CLIENT / IP(src=C, dst=FW1, id=8) /
      UDP(sport=49008, dport=53) / Raw(b"local"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW0, id=9) /
      UDP(sport=49009, dport=53) / Raw(b"local"))
# REJECT in INPUT still answers
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=10) /
      TCP(sport=49010, dport=7, flags="S", seq=10))
t.write()
