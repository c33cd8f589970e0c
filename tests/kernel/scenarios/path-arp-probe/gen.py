#!/usr/bin/python3
"""path-arp-probe: the aging of a resolved neighbour, with
net.ipv4.neigh.eth1.base_reachable_time_ms=1 (reachable_time 0: the
kernel's random pick in [base/2, 3*base/2) of one jiffy is 0).

Proves: a reply resolves .9 (REACHABLE), which expires at once; having
been used within delay_first_probe_time it goes DELAY; packets still leave
to its MAC; 5 s later (the timer wheel: up to 256 ms late) it goes PROBE:
3 unicast ARP requests to the known MAC (ucast_solicit), one per
retrans_time, packets still leave; then FAILED, and the next packet
starts a broadcast resolution again.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, ARP, IP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
FW1 = "02:00:00:00:01:01"
N9 = "02:00:00:00:00:09"


def udp(sport):
    return CLIENT / IP(src="192.0.2.2", dst="198.51.100.9",
                       id=sport - 30000) / \
        UDP(sport=sport, dport=7) / Raw(b"hello")


t = Trace()
t.add("eth0", udp(30001))
t.add("eth1", Ether(src=N9, dst=FW1) /
      ARP(op=2, hwsrc=N9, psrc="198.51.100.9", hwdst=FW1,
          pdst="198.51.100.1"), gap=0.01)
t.add("eth0", udp(30002), gap=2.0)     # DELAY: leaves to the MAC
t.add("eth0", udp(30003), gap=4.0)     # PROBE: leaves to the MAC
t.add("eth0", udp(30004), gap=2.8)     # FAILED (~8.1-8.4 s): a request
t.write()
