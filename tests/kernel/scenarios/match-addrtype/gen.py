#!/usr/bin/python3
"""match-addrtype: address types from the local routing table, per interface.

Proves (addrtype_mt_v1, inet_dev_addr_type): LOCAL/BROADCAST are looked
up in the local table, anything else there is UNICAST, 0.0.0.0 and
255.255.255.255 are BROADCAST, 224/4 MULTICAST, 127/8 LOCAL (the lo
route); with --limit-iface-in only a route on the inbound interface
counts, so eth1's address (198.51.100.1) and broadcast (198.51.100.255)
arriving on eth0 are UNICAST there and LOCAL/BROADCAST without it;
--limit-iface-out in FORWARD; type lists and inversion of each side; the
martians (source 127.0.0.1, source = the host's own address, destination
127.0.0.5) are seen by PREROUTING and dropped by routing.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, Raw  # noqa: E402

FW0, FW1 = "02:00:00:00:01:00", "02:00:00:00:01:01"
BC, ALLHOSTS = "ff:ff:ff:ff:ff:ff", "01:00:5e:00:00:01"
C, FAR = "192.0.2.2", "203.0.113.10"

t = Trace()


def frame(iface, ident, src, dst, dst_mac=None, ttl=64):
    src_mac = "02:00:00:00:00:01" if iface == "eth0" else "02:00:00:00:00:02"
    dst_mac = dst_mac or (FW0 if iface == "eth0" else FW1)
    t.add(iface, Ether(src=src_mac, dst=dst_mac) /
          IP(src=src, dst=dst, id=ident, ttl=ttl) /
          UDP(sport=30000 + ident, dport=9) / Raw(b"addr"))


frame("eth0", 1, C, "192.0.2.1")                  # LOCAL either way
frame("eth0", 2, C, "198.51.100.1")               # LOCAL / UNICAST on eth0
frame("eth1", 3, FAR, "198.51.100.1")             # LOCAL either way
frame("eth0", 4, C, "192.0.2.255", BC)            # BROADCAST either way
frame("eth0", 5, C, "198.51.100.255", BC)         # BROADCAST / UNICAST
frame("eth0", 6, "0.0.0.0", "255.255.255.255", BC)  # both BROADCAST
frame("eth0", 7, C, "224.0.0.1", ALLHOSTS, ttl=1)   # MULTICAST
frame("eth0", 8, C, FAR)                          # forwarded, UNICAST
frame("eth1", 9, FAR, C)                          # forwarded, UNICAST
frame("eth0", 10, "127.0.0.1", "192.0.2.1")       # martian source
frame("eth0", 11, "192.0.2.1", FAR)               # our own address: martian
frame("eth0", 12, C, "127.0.0.5")                 # martian destination
t.write()
