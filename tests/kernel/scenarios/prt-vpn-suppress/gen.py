#!/usr/bin/python3
"""Input frames of this scenario: /usr/bin/python3 gen.py [OUTDIR]
writes in-IFACE.pcap and local.pcap (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, UDP  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")

t = Trace()
n = [0]


def fwd(dst, dport=9):
    n[0] += 1
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=dst, id=n[0]) /
          UDP(sport=5000 + n[0], dport=dport))


def local(dst, dport=9):
    n[0] += 1
    t.add(LOCAL, IP(src="0.0.0.0", dst=dst, id=n[0]) /
          UDP(sport=5000 + n[0], dport=dport))


# main's default is suppressed: the tunnel
fwd("8.8.8.8")
# main's connected /24 and its /11 are longer than 0: eth1
fwd("198.51.100.9")
fwd("100.100.0.1")
# the tunnel's own packets: main's default
fwd("8.8.8.8", dport=51820)
# table 200: the /24 (longer than 16) is used, the /10 suppressed
fwd("100.65.0.1")
fwd("100.66.0.1")
# the host's own: the tunnel (source 10.8.0.1), the marked one re-routed
# to eth1 after mangle OUTPUT, main's /11
local("8.8.8.8")
local("8.8.8.8", dport=51820)
local("100.100.0.1")
local("100.65.0.1")
t.write()
