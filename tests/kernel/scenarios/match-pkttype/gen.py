#!/usr/bin/python3
"""match-pkttype: link-layer packet types and where each frame ends up.

Proves (pkttype_mt, and the routing decisions around it): the type comes
from the destination MAC only (ff:ff:ff:ff:ff:ff = broadcast, group bit =
multicast, the interface's MAC = unicast), never from the IP address: a
unicast frame to 255.255.255.255, to 192.0.2.255 or to 224.0.0.1 is
"unicast"; a broadcast or multicast frame to the host's own address is
delivered (drop_unicast_in_l2_multicast=0) and typed broadcast/multicast
(and dropped here by the INPUT rule); 224.0.0.1 (all-hosts, joined by
every interface) is delivered, 224.0.0.5 (not joined) passes PREROUTING
and is dropped by routing; a unicast IP in a broadcast or multicast frame
is never forwarded (ip_forward wants PACKET_HOST: PREROUTING counts it,
FORWARD does not); the other interface's directed broadcast arriving on
eth0 is delivered; a frame for another MAC never reaches PREROUTING.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, Raw  # noqa: E402

FW0, FW1 = "02:00:00:00:01:00", "02:00:00:00:01:01"
BC, ALLHOSTS, OSPF = "ff:ff:ff:ff:ff:ff", "01:00:5e:00:00:01", \
    "01:00:5e:00:00:05"
C, FAR = "192.0.2.2", "203.0.113.10"

t = Trace()


def frame(iface, dst_mac, ident, dst, src=None, ttl=64):
    src_mac = "02:00:00:00:00:01" if iface == "eth0" else "02:00:00:00:00:02"
    src = src or (C if iface == "eth0" else FAR)
    t.add(iface, Ether(src=src_mac, dst=dst_mac) /
          IP(src=src, dst=dst, id=ident, ttl=ttl) /
          UDP(sport=30000 + ident, dport=9) / Raw(b"type"))


frame("eth0", FW0, 1, "192.0.2.1")            # unicast, delivered
frame("eth0", BC, 2, "192.0.2.255")           # broadcast, delivered
frame("eth0", BC, 3, "255.255.255.255")       # broadcast, delivered
frame("eth0", FW0, 4, "255.255.255.255")      # unicast frame, delivered
frame("eth0", FW0, 5, "192.0.2.255")          # unicast frame, delivered
frame("eth0", ALLHOSTS, 6, "224.0.0.1", ttl=1)   # multicast, delivered
frame("eth0", OSPF, 7, "224.0.0.5", ttl=1)       # not joined: routing drops
frame("eth0", FW0, 8, "224.0.0.1", ttl=1)     # unicast frame, delivered
frame("eth0", ALLHOSTS, 9, "192.0.2.1")       # multicast type: INPUT drop
frame("eth0", BC, 10, "192.0.2.1")            # broadcast type: INPUT drop
frame("eth0", BC, 11, FAR)                    # not forwarded
frame("eth0", ALLHOSTS, 12, FAR)              # not forwarded
frame("eth0", FW0, 13, FAR)                   # forwarded
frame("eth1", FW1, 14, C)                     # forwarded
frame("eth0", BC, 15, "198.51.100.255")       # eth1's broadcast: delivered
frame("eth1", BC, 16, "198.51.100.255")       # delivered
frame("eth0", "02:00:00:00:99:99", 17, FAR)   # another host's: unseen
t.write()
