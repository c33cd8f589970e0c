#!/usr/bin/python3
"""local-reroute-tos: a TOS change in mangle OUTPUT routes the packet
again (ipt_mangle_out, ip_route_me_harder).

Proves: the host's datagrams to 203.0.113.0/24 take the default route
(eth1) until mangle OUTPUT sets TOS 0x10 (TOS, or DSCP 0x04): then the
tos 0x10 route via 192.0.2.3 on eth0 (POSTROUTING's OUT=eth0; OUTPUT's
LOG still shows the first route's device); a mark change re-routes to the
same route (no fwmark rules); TOS 0x10 given by the socket and cleared in
OUTPUT goes back to eth1; in PREROUTING a TOS change is seen by the input
route (forwarded out eth0 again, with a redirect).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, LOCAL, IP, UDP, Raw  # noqa: E402

FAR = "203.0.113.10"
t = Trace()
n = 0
for dport, tos in ((52, 0), (53, 0), (54, 0), (56, 0), (57, 0x10), (58, 0x10)):
    n += 1
    t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=n, tos=tos) /
          UDP(sport=6000 + n, dport=dport) / Raw(b"reroute"))
n += 1
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=FAR, id=n) /
      UDP(sport=6000 + n, dport=55) / Raw(b"forward"))
n += 1
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=FAR, id=n) /
      UDP(sport=6000 + n, dport=59) / Raw(b"forward"))
t.write()
