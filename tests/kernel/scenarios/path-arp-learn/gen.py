#!/usr/bin/python3
"""path-arp-learn: what ARP in the input teaches the neighbour table
(arp_process), on eth1 where only the default router .2 is listed.

Proves: a request for the host's address from an unlisted sender (.20)
is answered and makes the sender a neighbour: a packet to it leaves at
once to its MAC, without a request; a unicast reply from a next hop being
resolved (.9) sends the queued packet to its MAC; a second reply with
another MAC within locktime (1 s) changes nothing, one after it does; a
request from the listed router with another MAC changes nothing (the
entry is permanent); an unsolicited reply (.30, never asked for) teaches
nothing (arp_accept 0): a packet to .30 sends a request.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, ARP, IP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
FW1 = "02:00:00:00:01:01"
BCAST = "ff:ff:ff:ff:ff:ff"


def udp(dst, sport):
    return CLIENT / IP(src="192.0.2.2", dst=dst, id=sport - 30000) / \
        UDP(sport=sport, dport=7) / Raw(b"hello")


def arp(op, mac, ip, dst=FW1):
    return Ether(src=mac, dst=dst) / \
        ARP(op=op, hwsrc=mac, psrc=ip,
            hwdst=FW1 if op == 2 else "00:00:00:00:00:00",
            pdst="198.51.100.1")


N20, N9A, N9B = "02:00:00:00:00:20", "02:00:00:00:00:9a", "02:00:00:00:00:9b"
t = Trace()
t.add("eth1", arp(1, N20, "198.51.100.20", BCAST))
t.add("eth0", udp("198.51.100.20", 30001), gap=0.05)
t.add("eth0", udp("198.51.100.9", 30002), gap=0.15)
t.add("eth1", arp(2, N9A, "198.51.100.9"), gap=0.01)
t.add("eth1", arp(2, N9B, "198.51.100.9"), gap=0.05)
t.add("eth0", udp("198.51.100.9", 30003), gap=0.04)
t.add("eth1", arp(2, N9B, "198.51.100.9"), gap=1.2)
t.add("eth0", udp("198.51.100.9", 30004), gap=0.05)
t.add("eth1", arp(1, "02:00:00:00:00:22", "198.51.100.2", BCAST), gap=0.01)
t.add("eth0", udp("203.0.113.10", 30005), gap=0.01)
t.add("eth1", arp(2, "02:00:00:00:00:30", "198.51.100.30"), gap=0.02)
t.add("eth0", udp("198.51.100.30", 30006), gap=0.05)
t.write()
