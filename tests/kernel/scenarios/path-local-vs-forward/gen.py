#!/usr/bin/python3
"""path-local-vs-forward: which packets are delivered, forwarded or dropped
by the routing decision.

Proves: the host's eth1 address reached through eth0 (and eth0's through
eth1) is local; the subnet broadcast of either interface is local from
either side (no directed-broadcast forwarding), 255.255.255.255 too;
the all-zero host of a subnet and 240.0.0.1 are routed like any unicast;
127.0.0.1 from outside is a martian destination (dropped after PREROUTING,
no ICMP) on eth1 but delivered on eth0 (route_localnet=1); martian
sources (127.0.0.1 on eth1, 224.0.0.5, 0.0.0.0 to a unicast address) and
destination 0.0.0.0 are dropped after PREROUTING; 0.0.0.0 to the
broadcast is delivered; the unreachable route sends host unreachable
(code 1), prohibit sends admin prohibited (code 13), both from ip_error
through OUTPUT, blackhole drops silently; none of them reaches FORWARD.
Each ip_error answer goes to a different source (the ip_error budget is
per source: 2 quick answers).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, ICMP, Raw  # noqa: E402

CMAC, UMAC = "02:00:00:00:00:01", "02:00:00:00:00:02"
CLIENT = Ether(src=CMAC, dst="02:00:00:00:01:00")
CBCAST = Ether(src=CMAC, dst="ff:ff:ff:ff:ff:ff")
UPSTREAM = Ether(src=UMAC, dst="02:00:00:00:01:01")
UBCAST = Ether(src=UMAC, dst="ff:ff:ff:ff:ff:ff")
C, FW0, FW1 = "192.0.2.2", "192.0.2.1", "198.51.100.1"

t = Trace()
n = [0]


def udp(eth, src, dst, iface, payload=b"x"):
    n[0] += 1
    t.add(iface, eth / IP(src=src, dst=dst, id=n[0]) /
          UDP(sport=48000 + n[0], dport=4000) / Raw(payload))


# the other interface's address: local
udp(CLIENT, C, FW1, "eth0")
udp(UPSTREAM, "203.0.113.5", FW0, "eth1")
# subnet broadcasts, from both sides, and the limited broadcast
udp(CBCAST, C, "192.0.2.255", "eth0")
udp(CLIENT, C, "198.51.100.255", "eth0")
udp(UPSTREAM, "203.0.113.5", "192.0.2.255", "eth1")
udp(UBCAST, "203.0.113.5", "255.255.255.255", "eth1")
# subnet zero and class E: routed as unicast
udp(CLIENT, C, "198.51.100.0", "eth0")
udp(CLIENT, C, "240.0.0.1", "eth0")
# loopback destination: martian on eth1, local on eth0 (route_localnet)
udp(UPSTREAM, "203.0.113.5", "127.0.0.1", "eth1")
udp(CLIENT, C, "127.0.0.1", "eth0")
# martian sources and destination 0.0.0.0
udp(UPSTREAM, "127.0.0.1", FW1, "eth1")
udp(UPSTREAM, "224.0.0.5", FW1, "eth1")
udp(CLIENT, "0.0.0.0", FW0, "eth0")
udp(CLIENT, C, "0.0.0.0", "eth0")
udp(CBCAST, "0.0.0.0", "255.255.255.255", "eth0")
# routes without a next hop: unreachable, prohibit, blackhole
udp(UPSTREAM, "203.0.113.10", "203.0.113.130", "eth1")
udp(UPSTREAM, "203.0.113.11", "203.0.113.200", "eth1")
udp(UPSTREAM, "203.0.113.12", "203.0.113.230", "eth1")
n[0] += 1
t.add("eth0", CLIENT / IP(src=C, dst="203.0.113.131", id=n[0]) /
      ICMP(type=8, id=1, seq=1) / Raw(b"ping"))
n[0] += 1
t.add("eth0", CLIENT / IP(src=C, dst="203.0.113.231", id=n[0]) /
      ICMP(type=8, id=1, seq=2) / Raw(b"ping"))
t.write()
