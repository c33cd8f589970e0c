#!/usr/bin/python3
"""host-link-down: `link set DEV down|up|mtu N` in HOST.

Proves: with eth2 down, a packet to its subnet and one to a route through
its gateway go out of the default route (eth1) instead; a packet to its
address is still delivered (its local route stays); a frame arriving on
it is not received. eth3 went down and up: its subnet is back, the route
through its gateway is not (default route), a neighbour added after it
came up is used, and the one added before is gone (ARP request). eth1's
MTU of 1400 gets a DF datagram of 1450 bytes a fragmentation needed.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth2.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")


def udp(dst, sport, size=5, flags=0):
    return CLIENT / IP(src="192.0.2.2", dst=dst, id=sport - 30000,
                       flags=flags) / \
        UDP(sport=sport, dport=7) / Raw(b"x" * size)


t = Trace()
t.add("eth0", udp("203.0.113.10", 30001))
t.add("eth0", udp("203.0.113.130", 30002))
t.add("eth0", udp("203.0.113.1", 30003))
t.add("eth2", Ether(src="02:00:00:00:00:03", dst="02:00:00:00:01:02") /
      IP(src="203.0.113.2", dst="192.0.2.2", id=7) /
      UDP(sport=7, dport=30004) / Raw(b"back"))
t.add("eth0", udp("203.0.113.200", 30005))
t.add("eth0", udp("203.0.113.70", 30006))
t.add("eth0", udp("203.0.113.11", 30007, size=1422, flags="DF"))
t.add("eth0", udp("203.0.113.66", 30008))
t.write()
