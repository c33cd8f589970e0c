#!/usr/bin/python3
"""target-tcpmss-clamp: TCPMSS --clamp-mss-to-pmtu on a small-MTU link.

Proves (tcpmss_mangle_packet, tcpmss_reverse_mtu): the MSS becomes the
smaller of the output route's MTU and the MTU of the route back to the
source, less 40: a SYN to the 1400-byte link 1360, through the route with
mtu 1280 1240, the SYN/ACK back to the client (output 1500, the route back
to the server 1400) 1360; an MSS already lower kept; none: 536 inserted;
the host's own SYN (local.pcap, OUTPUT) clamped the same way.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap, in-eth1.pcap and
local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, UPSTREAM, LOCAL, IP, TCP  # noqa: E402

C, FAR, NEAR = "192.0.2.2", "203.0.113.10", "203.0.113.70"
t = Trace()


def syn(n, dst, opts):
    t.add("eth0", CLIENT / IP(src=C, dst=dst, id=n) / TCP(
        sport=40000 + n, dport=80, flags="S", seq=1000 * n, window=29200,
        options=opts))


syn(1, FAR, [("MSS", 1460), ("SAckOK", b"")])
syn(2, NEAR, [("MSS", 1460)])
syn(3, FAR, [("MSS", 1000)])
syn(4, FAR, [])
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=5) /
      TCP(sport=80, dport=40001, flags="SA", seq=5000, ack=1001,
          window=65535, options=[("MSS", 1460)]))
t.add("eth1", UPSTREAM / IP(src=NEAR, dst=C, id=6) /
      TCP(sport=80, dport=40002, flags="SA", seq=6000, ack=2001,
          window=65535, options=[("MSS", 1460)]))
t.add(LOCAL, IP(src="198.51.100.1", dst=NEAR, id=7, flags="DF") /
      TCP(sport=33000, dport=80, flags="S", seq=777, window=29200,
          options=[("MSS", 1460)]))
t.add(LOCAL, IP(src="192.0.2.1", dst=C, id=8, flags="DF") /
      TCP(sport=33001, dport=22, flags="S", seq=888, window=29200,
          options=[("MSS", 1460)]))
t.write()
