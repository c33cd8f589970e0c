#!/usr/bin/python3
"""match-rpfilter-drop: `-t raw -A PREROUTING -m rpfilter --invert -j DROP`,
the usual anti-spoofing rule, on a router with asymmetric routes.

Proves (rpfilter_mt as a drop rule, then routing and forwarding of what
passes): strict on the client side (eth0) drops sources that are not
routed back through eth0 (a spoofed uplink address, the host's own eth1
address, a source whose route has another tos), loose on the uplink (eth1)
drops only sources with no unicast route back (unreachable, blackhole,
broadcast, the host's own address: LOCAL without --accept-local) and
lets the client network through as asymmetric routing needs; mangle's
strict --accept-local --invert DROP then drops that asymmetric packet
(its route back leaves through eth0); what passes is forwarded both ways
or delivered (ICMP echo to the host), and dropped packets leave nothing
but their LOG line. A DHCP discover (0.0.0.0 to the limited broadcast)
passes both without a lookup.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, ICMP, Raw  # noqa: E402

FW0, FW1 = "02:00:00:00:01:00", "02:00:00:00:01:01"
BC = "ff:ff:ff:ff:ff:ff"
C, NET, FAR = "192.0.2.2", "203.0.113.10", "198.51.100.200"

t = Trace()


def frame(iface, ident, src, dst, l4, dst_mac=None, tos=0):
    src_mac = "02:00:00:00:00:01" if iface == "eth0" else "02:00:00:00:00:02"
    dst_mac = dst_mac or (FW0 if iface == "eth0" else FW1)
    t.add(iface, Ether(src=src_mac, dst=dst_mac) /
          IP(src=src, dst=dst, id=ident, tos=tos, ttl=64) / l4)


def udp(ident):
    return UDP(sport=40000 + ident, dport=53) / Raw(b"query")


def ping(ident):
    return ICMP(type=8, id=0x100, seq=ident) / Raw(b"rpf-ping")


frame("eth0", 1, C, FAR, udp(1))            # client out: forwarded
frame("eth1", 2, FAR, C, udp(2))            # answer in: forwarded
frame("eth0", 3, NET, FAR, udp(3))          # routed client net: forwarded
frame("eth1", 4, FAR, NET, udp(4))          # answer: forwarded
frame("eth1", 5, NET, C, udp(5))            # asymmetric: raw ok, mangle no
frame("eth0", 6, FAR, C, udp(6))            # spoofed uplink source: drop
frame("eth0", 7, "198.51.100.1", FAR, udp(7))   # our eth1 address: drop
frame("eth0", 8, "203.0.113.70", FAR, udp(8), tos=0x10)  # tos route: ok
frame("eth0", 9, "203.0.113.70", FAR, udp(9))   # tos 0: default: drop
frame("eth1", 10, "203.0.113.130", C, udp(10))  # unreachable: drop
frame("eth1", 11, "203.0.113.200", C, udp(11))  # blackhole: drop
frame("eth1", 12, "198.51.100.127", C, udp(12))  # eth1's broadcast: drop
frame("eth0", 13, C, "192.0.2.1", ping(13))      # ping the host: delivered
frame("eth1", 14, FAR, "198.51.100.1", ping(14))  # delivered
frame("eth1", 15, "192.0.2.1", "198.51.100.1", ping(15))  # own: LOCAL
frame("eth0", 16, "0.0.0.0", "255.255.255.255",
      UDP(sport=68, dport=67) / Raw(b"discover"), BC)  # DHCP: passes
t.write()
