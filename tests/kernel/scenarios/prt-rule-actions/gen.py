#!/usr/bin/python3
"""Input frames of this scenario: /usr/bin/python3 gen.py [OUTDIR]
writes in-IFACE.pcap and local.pcap (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, UDP  # noqa: E402

LO = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")   # 192.0.2.2
HI = Ether(src="02:00:00:00:00:03", dst="02:00:00:00:01:00")   # .130
C4 = Ether(src="02:00:00:00:00:06", dst="02:00:00:00:01:00")   # .4
C5 = Ether(src="02:00:00:00:00:07", dst="02:00:00:00:01:00")   # .5
UP1 = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
UP2 = Ether(src="02:00:00:00:00:04", dst="02:00:00:00:01:02")

t = Trace()
n = [0]


def udp(eth, src, dst, dport):
    n[0] += 1
    return eth / IP(src=src, dst=dst, id=n[0]) / UDP(sport=4000 + n[0],
                                                     dport=dport)


def local(src, dst, dport):
    n[0] += 1
    t.add(LOCAL, IP(src=src, dst=dst, id=n[0]) / UDP(sport=4000 + n[0],
                                                     dport=dport))


# (ip_error and icmp_send share a source's token bucket: a third error to
# 192.0.2.2 would not be sent, so later ones go to other clients)
# unreachable, prohibit, blackhole for forwarded packets: net unreachable,
# "communication administratively prohibited" (code 13), nothing
t.add("eth0", udp(LO, "192.0.2.2", "100.64.1.1", 1))
t.add("eth0", udp(LO, "192.0.2.2", "100.64.2.1", 2))
t.add("eth0", udp(LO, "192.0.2.2", "100.64.3.1", 3))
# and for the host's own (sendto fails: nothing leaves)
local("0.0.0.0", "100.64.1.1", 4)
local("0.0.0.0", "100.64.2.1", 5)
local("0.0.0.0", "100.64.3.1", 6)
# goto: the upper half skips rule 30 and leaves by eth2 (table 100), the
# lower half meets rule 30; the host's own packets are not from eth0
t.add("eth0", udp(HI, "192.0.2.130", "100.64.4.1", 7))
t.add("eth0", udp(C4, "192.0.2.4", "100.64.4.1", 8))
local("0.0.0.0", "100.64.4.1", 9)
# a goto to a missing pref (unresolved) is passed over: rule 35 prohibits
t.add("eth0", udp(C5, "192.0.2.5", "100.64.8.1", 10))
# iif lo: the host's own packets to 100.64.5.0/24 use table 100, forwarded
# ones main
local("0.0.0.0", "100.64.5.1", 11)
t.add("eth0", udp(LO, "192.0.2.2", "100.64.5.1", 12))
# oif eth1: no lookup here has an output device, the rule never matches
local("0.0.0.0", "8.8.8.8", 13)
t.add("eth0", udp(LO, "192.0.2.2", "8.8.8.8", 14))
# iif eth2: table 200 sends 8.8.0.0/16 to the LAN router, the rest falls
# through to main (out eth1)
t.add("eth2", udp(UP2, "203.0.113.9", "8.8.8.8", 15))
t.add("eth2", udp(UP2, "203.0.113.9", "9.9.9.9", 16))
t.add("eth1", udp(UP1, "198.51.100.9", "8.8.8.8", 17))
# to 100.64.7.0/24: blackholed unless from the LAN (the host's own from
# its LAN address too)
t.add("eth1", udp(UP1, "198.51.100.9", "100.64.7.1", 18))
t.add("eth0", udp(LO, "192.0.2.2", "100.64.7.1", 19))
local("0.0.0.0", "100.64.7.1", 20)
local("192.0.2.1", "100.64.7.2", 21)
t.write()
