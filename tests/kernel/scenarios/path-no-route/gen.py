#!/usr/bin/python3
"""path-no-route: no default route.

Proves: a packet for an unroutable destination gets ICMP net unreachable
(type 3 code 0) from ip_error, from the inbound interface's address,
through OUTPUT, never reaching FORWARD; ip_error's budget is per source
and shared with icmp_send's own per-destination limit (the same inet_peer
tokens: 5 s burst, 1 s per ip_error, then 1 s per ICMP): 4 unroutable
packets 20 ms apart get 2 answers, one 1.2 s later none, one 2.5 s after
that one; a TTL-1 packet to an unroutable destination gets net unreachable,
not time exceeded (routing comes first); the other source's budget is its
own. Traffic from an unroutable source to a connected host is forwarded,
but what the host would send back to that source (an RST from INPUT, a
port unreachable from FORWARD) has no route and is not sent at all.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, R, FW1, FAR = "192.0.2.2", "198.51.100.2", "198.51.100.1", "203.0.113.70"

t = Trace()
# 4 unroutable packets from the client, 20 ms apart: 2 answers
for i in range(4):
    t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=1 + i) /
          UDP(sport=50001 + i, dport=53) / Raw(b"q%d" % i),
          gap=0.020)
# from the router's address (its own budget): TTL 1, unroutable
t.add("eth1", UPSTREAM / IP(src=R, dst="203.0.113.71", id=5, ttl=1) /
      UDP(sport=50005, dport=33434) / Raw(b"ttl1"))
t.add("eth1", UPSTREAM / IP(src=R, dst="203.0.113.72", id=6) /
      TCP(sport=50006, dport=80, flags="S", seq=6))
# from an unroutable source to the client: forwarded
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=7) /
      UDP(sport=53, dport=50001) / Raw(b"a"))
# ... but REJECT's port unreachable to it has no route
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=8) /
      UDP(sport=50008, dport=9) / Raw(b"discard"))
# ... nor has the RST from INPUT
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=9) /
      TCP(sport=50009, dport=7, flags="S", seq=9))
# the client again 1.2 s after its burst: ip_error's token, not icmp's
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=10) /
      UDP(sport=50010, dport=53) / Raw(b"later"), gap=1.2)
# 2.5 s after that: answered
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=11) /
      UDP(sport=50011, dport=53) / Raw(b"much later"), gap=2.5)
t.write()
