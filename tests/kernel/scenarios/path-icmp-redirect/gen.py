#!/usr/bin/python3
"""path-icmp-redirect: ICMP redirects for packets forwarded back out of the
interface they came in on.

Proves: a packet from an on-link source forwarded back onto the same link
(to the router 192.0.2.3, or straight to a host on that link) gets ICMP
redirect (type 5, code 1: host) naming the better next hop, sent before
FORWARD (also when FORWARD then drops the packet; quoting the packet with
its TTL already decremented, TOS 0xC0, through OUTPUT), and is forwarded
all the same; the redirect back-off per source (ip_rt_send_redirect: the
n-th redirect needs (HZ/50) << n jiffies since the last one): 6 packets at
0, 10, 100, 150, 250, 300 ms get redirects for the 1st, 3rd and 5th; a
second source has its own count; no redirect where send_redirects is off
(eth1: off there AND in conf.all, as the two are ORed), for an off-link
source, or when the packet leaves by another interface.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, Raw  # noqa: E402

FWMAC0, FWMAC1 = "02:00:00:00:01:00", "02:00:00:00:01:01"
C2 = Ether(src="02:00:00:00:00:01", dst=FWMAC0)
C4 = Ether(src="02:00:00:00:00:05", dst=FWMAC0)
UP = Ether(src="02:00:00:00:00:02", dst=FWMAC1)

t = Trace()
n = [0]


def udp(iface, eth, src, dst, gap, dport=4000):
    n[0] += 1
    t.add(iface, eth / IP(src=src, dst=dst, id=n[0]) /
          UDP(sport=59000 + n[0], dport=dport) / Raw(b"r%d" % n[0]),
          gap=gap)


# 192.0.2.2 to a network behind 192.0.2.3: redirects at 0, 100, 250 ms
for gap in (None, 0.010, 0.090, 0.050, 0.100, 0.050):
    udp("eth0", C2, "192.0.2.2", "203.0.113.10", gap)
# 192.0.2.4 straight to 192.0.2.3, then one FORWARD drops: both redirected
udp("eth0", C4, "192.0.2.4", "192.0.2.3", 0.050)
udp("eth0", C4, "192.0.2.4", "203.0.113.20", 0.100, dport=9)
# send_redirects=0 on eth1: forwarded back out, no redirect
udp("eth1", UP, "198.51.100.2", "198.51.100.3", 0.010)
# an off-link source: no redirect
udp("eth0", C2, "203.0.113.200", "203.0.113.11", 0.010)
# out by the other interface: no redirect
udp("eth0", C2, "192.0.2.2", "203.0.113.150", 0.010)
t.write()
