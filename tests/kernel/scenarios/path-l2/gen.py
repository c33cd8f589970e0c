#!/usr/bin/python3
"""path-l2: frames the link layer takes or refuses, and ARP.

Proves: a frame for another unicast MAC is dropped before any hook
(nothing counted, for the host or to forward); an IP packet for another
host in a link-layer broadcast or multicast frame reaches PREROUTING but
is not forwarded (ip_forward drops pkt_type != PACKET_HOST before
FORWARD), while one for the host in such a frame is delivered; a
priority-tagged frame (802.1Q VID 0, and 802.1ad VID 0 too) is handled
as untagged (forwarded untagged), VID 5 of either kind is dropped before
IP (__netif_receive_skb_core: a non-zero VID without a VLAN device is
PACKET_OTHERHOST); the veth takes
frames up to MTU + 18 bytes (1500 bytes of IP in a tagged frame pass, an
untagged 1505 does not); ARP requests for either of the host's addresses
(arp_ignore 0), in a broadcast, unicast or VID 0 frame, and a probe from
0.0.0.0, are answered by the receiving interface (never through
iptables); requests for another address, for 127.0.0.1, in a frame for
another MAC, and an unsolicited reply get nothing.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, ARP, Dot1Q, Raw  # noqa: E402
from scapy.all import Dot1AD  # noqa: E402

CMAC, FWMAC0, UMAC, FWMAC1 = ("02:00:00:00:00:01", "02:00:00:00:01:00",
                              "02:00:00:00:00:02", "02:00:00:00:01:01")
BCAST = "ff:ff:ff:ff:ff:ff"
C, FW0, FW1, FAR = "192.0.2.2", "192.0.2.1", "198.51.100.1", "203.0.113.120"
ZERO = "00:00:00:00:00:00"

t = Trace()
n = [0]


def ip(src, dst, size=0):
    n[0] += 1
    return IP(src=src, dst=dst, id=n[0]) / UDP(sport=57000 + n[0],
                                               dport=4000) / \
        Raw(b"l" * max(1, size - 28))


def arp(op, psrc, pdst, hwsrc=CMAC, hwdst=ZERO):
    return ARP(op=op, hwsrc=hwsrc, psrc=psrc, hwdst=hwdst, pdst=pdst)


# another host's MAC: nothing at all
t.add("eth0", Ether(src=CMAC, dst="02:00:00:00:99:99") / ip(C, FW0))
t.add("eth0", Ether(src=CMAC, dst="02:00:00:00:99:99") / ip(C, FAR))
# link-layer broadcast/multicast: delivered if for us, never forwarded
t.add("eth0", Ether(src=CMAC, dst=BCAST) / ip(C, FW0))
t.add("eth0", Ether(src=CMAC, dst=BCAST) / ip(C, FAR))
t.add("eth1", Ether(src=UMAC, dst="01:00:5e:01:02:03") / ip(FAR, C))
# VLAN tags: VID 0 is untagged (802.1Q or 802.1ad), VID 5 is dropped
t.add("eth0", Ether(src=CMAC, dst=FWMAC0) / Dot1Q(vlan=0, prio=3) /
      ip(C, FAR))
t.add("eth0", Ether(src=CMAC, dst=FWMAC0) / Dot1Q(vlan=5) / ip(C, FAR))
t.add("eth0", Ether(src=CMAC, dst=FWMAC0) / Dot1AD(vlan=0) / ip(C, FAR))
t.add("eth0", Ether(src=CMAC, dst=FWMAC0) / Dot1AD(vlan=5) / ip(C, FAR))
# sizes: 1500 bytes of IP tagged (1518-byte frame) pass, 1505 untagged not
t.add("eth0", Ether(src=CMAC, dst=FWMAC0) / Dot1Q(vlan=0) /
      ip(C, FAR, 1500))
t.add("eth0", Ether(src=CMAC, dst=FWMAC0) / ip(C, FAR, 1505))
# ARP requests answered: our address, the other interface's, unicast,
# VID 0, a probe from 0.0.0.0, from outside
t.add("eth0", Ether(src=CMAC, dst=BCAST) / arp(1, C, FW0))
t.add("eth0", Ether(src=CMAC, dst=BCAST) / arp(1, C, FW1))
t.add("eth0", Ether(src=CMAC, dst=FWMAC0) / arp(1, C, FW0))
t.add("eth0", Ether(src=CMAC, dst=BCAST) / Dot1Q(vlan=0) / arp(1, C, FW0))
t.add("eth0", Ether(src=CMAC, dst=BCAST) / arp(1, "0.0.0.0", FW0))
t.add("eth1", Ether(src=UMAC, dst=BCAST) /
      arp(1, "198.51.100.2", FW1, hwsrc=UMAC))
# ARP that gets nothing: another address, 127.0.0.1, a frame for another
# MAC, an unsolicited reply
t.add("eth0", Ether(src=CMAC, dst=BCAST) / arp(1, C, "192.0.2.77"))
t.add("eth0", Ether(src=CMAC, dst=BCAST) / arp(1, C, "127.0.0.1"))
t.add("eth0", Ether(src=CMAC, dst="02:00:00:00:99:99") / arp(1, C, FW0))
t.add("eth1", Ether(src=UMAC, dst=FWMAC1) /
      arp(2, "198.51.100.2", FW1, hwsrc=UMAC, hwdst=FWMAC1))
t.write()
