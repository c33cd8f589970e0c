#!/usr/bin/python3
"""Input frames of this scenario: /usr/bin/python3 gen.py [OUTDIR]
writes in-IFACE.pcap and local.pcap (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, TCP, UDP  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")

t = Trace()
n = [0]


def fwd(tos):
    n[0] += 1
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="8.8.8.8", tos=tos,
                              id=n[0]) / UDP(sport=5000 + n[0], dport=443))


# ssh: TOS --set-tos 0x10 in mangle PREROUTING, before the routing
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="8.8.8.8", id=100) /
      TCP(sport=40000, dport=22, flags="S", seq=1))
# a rule's tos against the packet's: the ECN bits, the other DSCP bits
# (precedence), the old TOS bits' neighbours
for tos in (0x00, 0x10, 0x11, 0x12, 0x13, 0x14, 0x18, 0x30, 0x90, 0x04,
            0x05, 0x06, 0x07, 0x0c, 0x24, 0xb8, 0x08, 0xfc):
    fwd(tos)
# the host's own: the header's TOS does not route a raw socket's packet
# (its socket's TOS does); mangle OUTPUT's change re-routes it
t.add(LOCAL, IP(src="0.0.0.0", dst="8.8.8.8", tos=0x10, id=200) /
      UDP(sport=1000, dport=443))
t.add(LOCAL, IP(src="0.0.0.0", dst="8.8.8.8", id=201) /
      UDP(sport=1001, dport=53))
t.add(LOCAL, IP(src="0.0.0.0", dst="8.8.8.8", tos=0x12, id=202) /
      UDP(sport=1002, dport=53))
t.write()
