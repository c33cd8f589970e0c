#!/usr/bin/python3
"""match-mac: --mac-source on local and forwarded packets.

Proves (mac_mt): the source MAC of the received frame is what INPUT and
FORWARD see (the forwarded packet keeps its inbound MAC header in FORWARD);
inversion; a rule written with upper-case hex matches; an unlisted MAC on
eth0 is dropped in both chains, the upstream MAC is accepted; broadcast
frames carry their sender's MAC too; so do priority-tagged frames (VID 0,
the tag is removed before IP and the MAC header moved with it).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, Dot1Q, IP, UDP, Raw  # noqa: E402

FW0, FW1 = "02:00:00:00:01:00", "02:00:00:00:01:01"
C, FAR = "192.0.2.2", "203.0.113.10"

t = Trace()


def frame(iface, src_mac, ident, src, dst, dport, dst_mac=None):
    dst_mac = dst_mac or (FW0 if iface == "eth0" else FW1)
    t.add(iface, Ether(src=src_mac, dst=dst_mac) /
          IP(src=src, dst=dst, id=ident) /
          UDP(sport=30000 + ident, dport=dport) / Raw(b"mac"))


# the known client: INPUT counts it (no verdict rule), FORWARD counts it
frame("eth0", "02:00:00:00:00:01", 1, C, "192.0.2.1", 9)
frame("eth0", "02:00:00:00:00:01", 2, C, FAR, 9)
# a stranger on eth0 with the client's IP: dropped in both chains
frame("eth0", "02:00:00:00:00:09", 3, C, "192.0.2.1", 9)
frame("eth0", "02:00:00:00:00:09", 4, C, FAR, 9)
# the MAC the rule names in upper case: dropped in FORWARD, passes INPUT's
# ! rule only to be dropped by the eth0 one
frame("eth0", "02:00:00:00:00:aa", 5, "192.0.2.3", FAR, 9)
frame("eth0", "02:00:00:00:00:aa", 6, "192.0.2.3", "192.0.2.1", 9)
# upstream: accepted in both chains
frame("eth1", "02:00:00:00:00:02", 7, FAR, "198.51.100.1", 9)
frame("eth1", "02:00:00:00:00:02", 8, FAR, C, 9)
# another upstream MAC on eth1: INPUT's ! rule counts it, policy accepts
frame("eth1", "02:00:00:00:00:03", 9, FAR, "198.51.100.1", 9)
frame("eth1", "02:00:00:00:00:03", 10, FAR, C, 9)
# a broadcast from the client: its MAC is matched in INPUT
frame("eth0", "02:00:00:00:00:01", 11, C, "192.0.2.255", 9,
      dst_mac="ff:ff:ff:ff:ff:ff")
# priority-tagged (802.1Q VID 0), from the client and from the stranger
t.add("eth0", Ether(src="02:00:00:00:00:01", dst=FW0) / Dot1Q(vlan=0, prio=5) /
      IP(src=C, dst="192.0.2.1", id=12) / UDP(sport=30012, dport=9) /
      Raw(b"mac"))
t.add("eth0", Ether(src="02:00:00:00:00:09", dst=FW0) / Dot1Q(vlan=0, prio=5) /
      IP(src=C, dst=FAR, id=13) / UDP(sport=30013, dport=9) / Raw(b"mac"))
t.write()
