#!/usr/bin/python3
"""path-mtu: forwarding onto a smaller MTU (eth1: 1280; a route with mtu
576).

Proves: a DF packet larger than the next hop's MTU gets ICMP frag needed
(type 3 code 4) with that MTU (1280 for the device, 576 for the route's
mtu), quoting 576 bytes at most, before FORWARD; a DF packet of exactly
the MTU passes; a packet without DF is forwarded whole through FORWARD
and POSTROUTING (counters and LOG see the full length) and leaves in
fragments: payload multiples of 8 bytes, the IP ID kept, MF and offsets
set, checksums recomputed; a non-copied option (record route) travels in
the first fragment only (NOPs in the others) while a copied one (router
alert) is in every fragment; a frame arriving on eth1 (MTU 1280) is
accepted by the veth up to MTU + 18 bytes (an IP packet of 1284 bytes is
forwarded, 1285 is dropped before any hook); the reverse direction
(eth0, MTU 1500) carries 1280 bytes with DF.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, Raw, IPOption_RR  # noqa: E402
from scapy.all import IPOption_Router_Alert  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FAR, NARROW = "192.0.2.2", "203.0.113.20", "203.0.113.150"


def pay(n):
    return bytes((i * 7 + 3) & 0xff for i in range(n))


def udp(src, dst, ident, total, **kw):
    ip = IP(src=src, dst=dst, id=ident, **kw) / UDP(sport=52000 + ident,
                                                     dport=9)
    hl = len(ip) - 8
    return ip / Raw(pay(total - hl - 8))


t = Trace()
# DF, 1300 bytes, to eth1 (MTU 1280): frag needed, MTU 1280
t.add("eth0", CLIENT / udp(C, FAR, 1, 1300, flags="DF"))
# DF, exactly 1280: forwarded
t.add("eth0", CLIENT / udp(C, FAR, 2, 1280, flags="DF"))
# no DF, 1300: two fragments (1276 + 44)
t.add("eth0", CLIENT / udp(C, FAR, 3, 1300))
# no DF, 1500 bytes of TCP through the mtu-576 route: three fragments
t.add("eth0", CLIENT / IP(src=C, dst=NARROW, id=4) /
      TCP(sport=52004, dport=80, flags="PA", seq=4, ack=4) /
      Raw(pay(1460)))
# no DF with record route and router alert: RR in the first piece only
t.add("eth0", CLIENT / udp(C, FAR, 5, 1500,
                           options=[IPOption_RR(routers=["0.0.0.0"] * 2),
                                    IPOption_Router_Alert()]))
# the route with mtu 576: DF gets 576, no DF is cut at 576
t.add("eth0", CLIENT / udp(C, NARROW, 6, 1100, flags="DF", tos=0x08))
t.add("eth0", CLIENT / udp(C, NARROW, 7, 1100))
# arriving on eth1 (MTU 1280): 1284 bytes pass the veth, 1285 do not
t.add("eth1", UPSTREAM / udp(FAR, C, 8, 1284, flags="DF"))
t.add("eth1", UPSTREAM / udp(FAR, C, 9, 1285, flags="DF"))
# towards eth0 (MTU 1500): 1280 with DF passes
t.add("eth1", UPSTREAM / udp(FAR, C, 10, 1280, flags="DF"))
# a DF packet of 1500 bytes: frag needed quotes 576 bytes in all
t.add("eth0", CLIENT / udp(C, FAR, 11, 1500, flags="DF"))
t.write()
