#!/usr/bin/python3
"""local-mtu: packet sizes the host sends from a raw socket (IP_HDRINCL,
local.pcap), eth1 at MTU 1280 with a route of MTU 1000 through it.

Proves (raw_send_hdrinc): a datagram longer than the output device's MTU
is refused at sendmsg (EMSGSIZE), DF or not, before OUTPUT (no LOG, no
counter); the device MTU decides, not the route's: through the route
with mtu 1000, a 1100-byte datagram passes sendmsg, OUTPUT and
POSTROUTING whole, then is fragmented to the route MTU (without DF), or
(with DF) dropped with a fragmentation-needed error (next-hop MTU 1000)
sent to the host itself over lo. Exactly the MTU passes; a 3000-byte
datagram to the host's own address goes through lo (MTU 65536).
/usr/bin/python3 gen.py [OUTDIR] writes local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, IP, UDP, Raw  # noqa: E402

ME0, ME1, C = "192.0.2.1", "198.51.100.1", "192.0.2.2"
FAR, FAR2 = "203.0.113.10", "203.0.113.200"


def udp(src, dst, ident, size, df=False, sport=1000):
    """a UDP datagram of SIZE bytes in all"""
    return IP(src=src, dst=dst, id=ident, flags="DF" if df else 0) / \
        UDP(sport=sport, dport=9) / Raw(b"z" * (size - 28))


t = Trace()
# eth1 (MTU 1280), default route: 1280 passes, 1281 is refused, DF or not
t.add(LOCAL, udp(ME1, FAR, 1, 1280))
t.add(LOCAL, udp(ME1, FAR, 2, 1281))
t.add(LOCAL, udp(ME1, FAR, 3, 1281, df=True))
t.add(LOCAL, udp(ME1, FAR, 4, 1280, df=True))
# eth0 (MTU 1500): 1400 passes, 1501 is refused
t.add(LOCAL, udp(ME0, C, 5, 1400))
t.add(LOCAL, udp(ME0, C, 6, 1501))
# the route with mtu 1000: fragmented without DF, refused with it
t.add(LOCAL, udp(ME1, FAR2, 7, 1100))
t.add(LOCAL, udp(ME1, FAR2, 8, 1100, df=True))
t.add(LOCAL, udp(ME1, FAR2, 9, 1000, df=True))
# too big for the route and the device: refused at sendmsg
t.add(LOCAL, udp(ME1, FAR2, 10, 1300))
# to the host itself: lo's MTU
t.add(LOCAL, udp(ME1, ME1, 11, 3000))
t.write()
