#!/usr/bin/python3
"""match-rpfilter: the rpfilter match with asymmetric routes (rpfilter_mt,
rpfilter_lookup_reverse of Linux 6.x ipt_rpfilter.c).

Proves: the route back to the source (a FIB lookup of the source from
lo, with the packet's tos) must be unicast and leave through the
interface the packet came in on; --loose only asks for a unicast route;
spoofed sources arriving on the wrong uplink (the client network on
eth1, the default route's sources on eth0) fail strict and pass loose;
a tos-specific route (tos 0x10, also taken by tos 0x12) decides for
packets with that tos only; unreachable and blackhole routes to the
source fail even --loose; the host's own address as source is a LOCAL
route: it fails unless --accept-local, and then only on the interface
that has the address unless --loose; 127.0.0.1 (local route on lo)
passes only --accept-local --loose; a broadcast source never passes;
0.0.0.0 to 255.255.255.255 or 224.0.0.0/24 always matches (no lookup),
0.0.0.0 to a unicast address is looked up (the default route); a
multicast source is looked up like any address; packets the host sends
to itself (via lo) and its own multicast looped back (PACKET_LOOPBACK on
eth1) always match; --invert flips every answer; --validmark changes
nothing without policy rules. Everything is then dropped in mangle
PREROUTING, so nothing answers.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap, in-eth1.pcap and
local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, UDP, Raw  # noqa: E402

FW0, FW1 = "02:00:00:00:01:00", "02:00:00:00:01:01"
BC, ALLHOSTS = "ff:ff:ff:ff:ff:ff", "01:00:5e:00:00:01"
OWN = {"eth0": "192.0.2.1", "eth1": "198.51.100.1"}

t = Trace()


def frame(iface, ident, src, dst=None, dst_mac=None, tos=0):
    src_mac = "02:00:00:00:00:01" if iface == "eth0" else "02:00:00:00:00:02"
    dst_mac = dst_mac or (FW0 if iface == "eth0" else FW1)
    t.add(iface, Ether(src=src_mac, dst=dst_mac) /
          IP(src=src, dst=dst or OWN[iface], id=ident, tos=tos, ttl=64) /
          UDP(sport=30000 + ident, dport=9) / Raw(b"rpf"))


frame("eth0", 1, "192.0.2.2")            # connected on eth0: strict ok
frame("eth1", 2, "192.0.2.2")            # spoofed on the uplink: loose
frame("eth0", 3, "203.0.113.10")         # routed via eth0: strict ok
frame("eth1", 4, "203.0.113.10")         # wrong uplink: loose
frame("eth1", 5, "198.51.100.200")       # default route, eth1: strict ok
frame("eth0", 6, "198.51.100.200")       # default route, on eth0: loose
frame("eth0", 7, "203.0.113.70", tos=0x10)  # tos route via eth0: strict
frame("eth0", 8, "203.0.113.70")            # tos 0: default, eth1: loose
frame("eth0", 9, "203.0.113.70", tos=0x12)  # tos & 0x1c = 0x10: strict
frame("eth1", 10, "203.0.113.70", tos=0x10)  # tos route, wrong iface
frame("eth0", 11, "203.0.113.130")       # unreachable: never
frame("eth0", 12, "203.0.113.200")       # blackhole: never
frame("eth0", 13, "192.0.2.1")           # own address (eth0): local
frame("eth1", 14, "192.0.2.1")           # own eth0 address on eth1
frame("eth1", 15, "198.51.100.1")        # own eth1 address on eth1
frame("eth0", 16, "127.0.0.1")           # local route on lo
frame("eth0", 17, "192.0.2.255", "192.0.2.1")  # broadcast source
frame("eth0", 18, "0.0.0.0", "255.255.255.255", BC)   # DHCP: always
frame("eth0", 19, "0.0.0.0", "224.0.0.1", ALLHOSTS)   # always
frame("eth0", 20, "0.0.0.0", "224.0.1.1", "01:00:5e:00:01:01")  # lookup
frame("eth0", 21, "0.0.0.0")             # 0.0.0.0 to unicast: lookup
frame("eth1", 22, "0.0.0.0")             # the same on the default's side
frame("eth0", 23, "224.0.0.5")           # multicast source: looked up
frame("eth1", 24, "255.255.255.255")     # limited broadcast source
# the host to itself (lo) and its own multicast looped back on eth1
t.add(LOCAL, IP(src="192.0.2.1", dst="192.0.2.1", id=25) /
      UDP(sport=1025, dport=9) / Raw(b"rpf"))
t.add(LOCAL, IP(src="127.0.0.1", dst="127.0.0.1", id=26) /
      UDP(sport=1026, dport=9) / Raw(b"rpf"))
t.add(LOCAL, IP(src="198.51.100.1", dst="224.0.0.1", id=27, ttl=1) /
      UDP(sport=1027, dport=9) / Raw(b"rpf"))
t.write()
