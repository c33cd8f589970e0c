#!/usr/bin/python3
"""path-ttl: TTL 0, 1, 2 and 255, forwarded and local, with -m ttl at each
hook.

Proves: PREROUTING sees the TTL as received; TTL 0 and 1 expire before
FORWARD (time exceeded, TOS (tos & 0x1E) | 0xC0, quoting at most 576
bytes, the TTL quoted as received); FORWARD and POSTROUTING see the
decremented TTL (2 leaves with 1, 255 with 254); TTL 1 to the host or to
the subnet broadcast is delivered; a later fragment expires without an
ICMP, a first fragment gets one; an echo reply (not an error) with TTL 1
gets one; a packet with TTL 1 whose source lies behind the OTHER
interface gets its error from that interface's address (the error is
routed; icmp_errors_use_inbound_ifaddr is 0); for a destination behind an
unreachable route the routing answer (host unreachable) comes first.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
CBCAST = Ether(src="02:00:00:00:00:01", dst="ff:ff:ff:ff:ff:ff")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FAR = "192.0.2.2", "192.0.2.1", "203.0.113.30"

t = Trace()


def udp(iface, eth, src, dst, ident, ttl, payload=b"ttl", **kw):
    t.add(iface, eth / IP(src=src, dst=dst, id=ident, ttl=ttl, **kw) /
          UDP(sport=51000 + ident, dport=33434) / Raw(payload))


udp("eth0", CLIENT, C, FAR, 1, 1, tos=0x10)
udp("eth0", CLIENT, C, FAR, 2, 0, flags="DF", payload=bytes(range(250)) * 4)
udp("eth0", CLIENT, C, FAR, 3, 2)
udp("eth1", UPSTREAM, FAR, C, 4, 255)
udp("eth0", CLIENT, C, FW0, 5, 1)
udp("eth0", CBCAST, C, "192.0.2.255", 6, 1)
# fragments with TTL 1: a later one (silent), a first one (answered)
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=7, ttl=1, frag=4, proto=17) /
      Raw(b"later piece....."))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=8, ttl=1, flags="MF") /
      UDP(sport=51008, dport=33434, len=48, chksum=0x1111) /
      Raw(b"first piece....."))
# the client's address arriving on eth1: the error leaves by eth0
udp("eth1", UPSTREAM, C, FAR, 9, 1)
# an echo reply with TTL 1 from outside
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=10, ttl=1) /
      ICMP(type=0, id=10, seq=1) / Raw(b"pong"))
# TTL 1 behind an unreachable route: host unreachable
udp("eth1", UPSTREAM, "203.0.113.31", "203.0.113.140", 11, 1)
t.write()
