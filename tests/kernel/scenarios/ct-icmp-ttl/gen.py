#!/usr/bin/python3
"""Traceroute-style TTL expiry with conntrack: UDP probes with TTL 1 (the
host's time exceeded, RELATED in OUTPUT; the probe's entry never confirmed),
TTL 2 (forwarded with TTL 1; the upstream router's time exceeded quoting it:
RELATED), TTL 3 (the destination's port unreachable: RELATED); an ICMP echo
with TTL 1."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
ipid = 0
for ttl in (1, 2, 3):
    for k in range(2):
        ipid += 1
        port = 33434 + ipid
        p = IP(src="192.0.2.2", dst=S, id=ipid, ttl=ttl) / \
            UDP(sport=39000, dport=port) / Raw(b"probe")
        t.add("eth0", CLIENT / p)
        if ttl == 1:
            continue
        q = IP(bytes(p))
        q.ttl = ttl - 1
        del q.chksum
        if ttl == 2:
            src, typ, code = "198.51.100.2", 11, 0
        else:
            src, typ, code = S, 3, 3
        t.add("eth1", UPSTREAM / IP(src=src, dst="192.0.2.2", id=100 + ipid) /
              ICMP(type=typ, code=code) / Raw(bytes(IP(bytes(q)))[:28]))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=50, ttl=1) /
      ICMP(type=8, id=0x900, seq=1) / Raw(b"ping"))
t.write()
