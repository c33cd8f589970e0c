#!/usr/bin/python3
"""Input frames of this scenario: /usr/bin/python3 gen.py [OUTDIR]
writes in-IFACE.pcap (OUTDIR defaults to this directory).

Neighbour resolution on eth1 (198.51.100.0/24), where only the default
router .2 is a listed neighbour: packets to .7 and .8 wait for ARP
replies that never come (requests at 0, 1, 2 s, host unreachable for
each queued packet at 3 s); .9 answers with an ARP reply in the trace,
which sends its queued packet; a packet to .7 after the failure starts
resolution again."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, ARP, IP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
FW1 = "02:00:00:00:01:01"
N9 = "02:00:00:00:00:09"


def udp(dst, sport, ttl=64, iid=1):
    return IP(src="192.0.2.2", dst=dst, ttl=ttl, id=iid) / \
        UDP(sport=sport, dport=7) / Raw(b"hello")


t = Trace()
# t=0: to .7, unresolved: ARP request now
t.add("eth0", CLIENT / udp("198.51.100.7", 30001, iid=101))
# t=0.5: to .7 again: queued behind the first, no new request
t.add("eth0", CLIENT / udp("198.51.100.7", 30002, ttl=9, iid=102), gap=0.5)
# t=0.6: the host itself to .8 from its eth0 address: the request says
# "tell 192.0.2.1" on eth1; the unreachable goes to the host over lo
t.add(LOCAL, IP(src="192.0.2.1", dst="198.51.100.8", id=103) /
      UDP(sport=30003, dport=7) / Raw(b"local"), gap=0.1)
# t=1.2: to .9, which answers 10 ms later: the queued packet leaves
t.add("eth0", CLIENT / udp("198.51.100.9", 30004, iid=104), gap=0.6)
t.add("eth1", Ether(src=N9, dst=FW1) /
      ARP(op=2, hwsrc=N9, psrc="198.51.100.9", hwdst=FW1,
          pdst="198.51.100.1"), gap=0.01)
# t=1.3: to .9 again: resolved, out at once
t.add("eth0", CLIENT / udp("198.51.100.9", 30005, iid=105), gap=0.09)
# t=1.4: a third packet to .7, still queued
t.add("eth0", CLIENT / udp("198.51.100.7", 30006, iid=106), gap=0.1)
# t=3.5: .7 failed at 3 s; a new packet starts resolution again
t.add("eth0", CLIENT / udp("198.51.100.7", 30007, iid=107), gap=2.1)
t.write()
