#!/usr/bin/python3
"""host-neigh-nud: HOST neighbours in the states `nud` gives.

Proves: packets to a reachable, stale, noarp or permanent neighbour leave
at once to its address (no ARP request); unsolicited ARP replies with new
addresses (1.2 s later, past locktime) change the reachable and stale
entries (the next packets go to the new address) but not the noarp and
permanent ones, and give the failed entry its address: the packet to it
leaves without a request (with no entry the reply would teach nothing:
path-arp-learn).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, ARP, IP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
FW1 = "02:00:00:00:01:01"


def udp(last, sport):
    return CLIENT / IP(src="192.0.2.2", dst="198.51.100.%d" % last,
                       id=sport - 30000) / \
        UDP(sport=sport, dport=7) / Raw(b"hello")


def reply(last):
    mac = "02:00:00:00:00:a%d" % (last - 10)
    return Ether(src=mac, dst=FW1) / \
        ARP(op=2, hwsrc=mac, psrc="198.51.100.%d" % last, hwdst=FW1,
            pdst="198.51.100.1")


t = Trace()
for i, last in enumerate((10, 11, 12, 14)):
    t.add("eth0", udp(last, 30001 + i))
for i, last in enumerate((10, 11, 12, 13, 14)):
    t.add("eth1", reply(last), gap=1.2 if i == 0 else 0.01)
for i, last in enumerate((10, 11, 12, 13, 14)):
    t.add("eth0", udp(last, 30011 + i))
t.write()
