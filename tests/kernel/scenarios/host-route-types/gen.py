#!/usr/bin/python3
"""host-route-types: `route add unreachable|prohibit|blackhole` with proto
and metric, for forwarded packets and the host's own.

Proves: a forwarded packet to an unreachable route gets ICMP host
unreachable (type 3 code 1), to a prohibit route administratively
prohibited (code 13), to a blackhole route nothing; FORWARD sees none of
them (the routing decision comes first); the host's own datagrams to
these routes are refused by the socket (nothing leaves, OUTPUT never sees
them); of two routes to one prefix the lower metric is used, whatever
their proto.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")


def udp(src, dst, sport):
    return IP(src=src, dst=dst, id=sport - 30000) / \
        UDP(sport=sport, dport=7) / Raw(b"hello")


t = Trace()
t.add("eth0", CLIENT / udp("192.0.2.2", "203.0.113.130", 30001))
t.add("eth0", CLIENT / udp("192.0.2.2", "203.0.113.200", 30002))
t.add("eth0", CLIENT / udp("192.0.2.2", "203.0.113.230", 30003))
t.add("eth0", CLIENT / udp("192.0.2.2", "203.0.113.10", 30004))
t.add(LOCAL, udp("198.51.100.1", "203.0.113.131", 30005))
t.add(LOCAL, udp("198.51.100.1", "203.0.113.201", 30006))
t.add(LOCAL, udp("198.51.100.1", "203.0.113.231", 30007))
t.add(LOCAL, udp("198.51.100.1", "203.0.113.11", 30008))
t.write()
