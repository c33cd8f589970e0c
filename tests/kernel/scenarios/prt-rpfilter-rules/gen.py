#!/usr/bin/python3
"""Input frames of this scenario: /usr/bin/python3 gen.py [OUTDIR]
writes in-IFACE.pcap (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, ARP, Ether, IP, UDP  # noqa: E402

PEER = {"eth2": "02:00:00:00:00:04", "eth3": "02:00:00:00:00:05",
        "eth4": "02:00:00:00:00:06"}
FW = {"eth2": "02:00:00:00:01:02", "eth3": "02:00:00:00:01:03",
      "eth4": "02:00:00:00:01:04"}

t = Trace()
n = [0]


def udp(iface, src, dst, dport=9):
    n[0] += 1
    t.add(iface, Ether(src=PEER[iface], dst=FW[iface]) /
          IP(src=src, dst=dst, id=n[0]) / UDP(sport=6000 + n[0], dport=dport))


# eth2, strict: main reaches 8.8.8.8 by eth1 (dropped) unless the mark
# (dport 7, src_valid_mark) picks table 100; 9.9.9.9 by table 100 for iif
# lo; the host's own eth2 address as the lookup's source by rule 130;
# eth2's subnet; 100.100/16 unreachable
udp("eth2", "8.8.8.8", "192.0.2.2")
udp("eth2", "8.8.8.8", "192.0.2.2", dport=7)
udp("eth2", "9.9.9.9", "192.0.2.2")
udp("eth2", "8.8.8.8", "203.0.113.1")
udp("eth2", "203.0.113.9", "192.0.2.2")
udp("eth2", "100.100.1.1", "192.0.2.2")
# martian sources (dropped, nothing logged on eth2), and a multicast
# failing the source check
udp("eth2", "127.0.0.1", "192.0.2.2")
udp("eth2", "224.1.1.1", "192.0.2.2")
udp("eth2", "8.8.8.8", "224.0.0.1")
# eth3, strict, the mark not used: dropped either way, with log_martians'
# lines; a martian destination's line; an ARP request's route lookup
# checks its sender the same way (no answer, the ARP frame's MAC header)
udp("eth3", "8.8.8.8", "192.0.2.2")
udp("eth3", "8.8.8.8", "192.0.2.2", dport=7)
udp("eth3", "10.3.0.9", "192.0.2.2")
udp("eth3", "8.8.8.8", "127.0.0.1")
t.add("eth3", Ether(src=PEER["eth3"], dst="ff:ff:ff:ff:ff:ff") /
      ARP(op=1, hwsrc=PEER["eth3"], psrc="8.8.8.8", hwdst="00:00:00:00:00:00",
          pdst="10.3.0.1"))
# eth4, loose: any route will do, an unreachable rule is none
udp("eth4", "8.8.8.8", "192.0.2.2")
udp("eth4", "100.100.1.1", "192.0.2.2")
udp("eth4", "9.9.9.9", "10.4.0.1")
t.write()
