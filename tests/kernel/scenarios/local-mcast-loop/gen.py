#!/usr/bin/python3
"""local-mcast-loop: multicast to a group the host is a member of (224.0.0.1:
every interface joins all-hosts), sent from a raw socket of root
(local.pcap).

Proves (ip_mc_output, the route is RTCF_MULTICAST|RTCF_LOCAL and the socket
has IP_MULTICAST_LOOP on): a copy goes through POSTROUTING first and is
looped back (dev_loopback_xmit): PREROUTING and INPUT with IN=eth1 (the
output device) and an empty `MAC=` (no link header), pkttype multicast
(PACKET_LOOPBACK to a multicast address), addrtype MULTICAST, delivered
(local-count) unless INPUT drops it; then the original goes through
POSTROUTING and out eth1 (to 01:00:5e:00:00:01). A group the host has not
joined (224.0.0.2) is only sent.

/usr/bin/python3 gen.py [OUTDIR] writes local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, IP, UDP  # noqa: E402

t = Trace()
t.add(LOCAL, IP(src="198.51.100.1", dst="224.0.0.1", id=1, ttl=1) /
      UDP(sport=1000, dport=1))
t.add(LOCAL, IP(src="198.51.100.1", dst="224.0.0.1", id=2, ttl=1) /
      UDP(sport=1000, dport=2))
t.add(LOCAL, IP(src="198.51.100.1", dst="224.0.0.2", id=3, ttl=1) /
      UDP(sport=1000, dport=3))
t.write()
