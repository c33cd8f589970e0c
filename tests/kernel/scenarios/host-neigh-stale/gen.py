#!/usr/bin/python3
"""host-neigh-stale: a HOST neighbour `nud stale`.

Proves: the first packet leaves at once to the given address and makes
the entry DELAY; 5 s later (the timer wheel: up to 256 ms late) it goes
PROBE: 3 unicast ARP requests to that address, one per retrans_time,
packets still leave; without an answer it FAILS, and the next packet
asks by broadcast.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")


def udp(sport):
    return CLIENT / IP(src="192.0.2.2", dst="198.51.100.11",
                       id=sport - 30000) / \
        UDP(sport=sport, dport=7) / Raw(b"hello")


t = Trace()
t.add("eth0", udp(30001))
t.add("eth0", udp(30002), gap=2.0)     # DELAY: leaves to the MAC
t.add("eth0", udp(30003), gap=4.0)     # PROBE: leaves to the MAC
t.add("eth0", udp(30004), gap=2.8)     # FAILED (~8.1-8.4 s): a request
t.write()
