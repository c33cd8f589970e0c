#!/usr/bin/python3
"""nat-seed-dnat-only: the seed's DNAT without its SNAT (1.1.1.1 -> 2.2.2.2).

Proves: the client's SYN leaves for 2.2.2.2 with the client's own source
(the seed's point: 2.2.2.2 answers the client directly, and the client,
which talked to 1.1.1.1, does not know that answer); the retransmitted SYN
follows the same binding (nat counted once). When the server's SYN/ACK does
come back through the host (a second client), it is un-DNATed to come from
1.1.1.1:80. /usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether  # noqa: E402
from conv import Tcp  # noqa: E402

ROUTER = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:00")
PROXY, SERVER = "1.1.1.1", "2.2.2.2"

t = Trace()
a = Tcp(t, ("eth0", ROUTER, "203.0.113.7", 40000),
        ("eth0", ROUTER, SERVER, 80), srv_seen=(PROXY, 80))
a.cli(flags="S")
# the answer went to the client directly: the client retransmits
a.cli(flags="S", seq=1000, gap=1.0)
b = Tcp(t, ("eth0", ROUTER, "203.0.113.9", 40001),
        ("eth0", ROUTER, SERVER, 80), srv_seen=(PROXY, 80),
        cli_isn=7000, srv_isn=9000)
b.handshake()
b.cli(b"GET / HTTP/1.0\r\n\r\n")
b.srv(b"HTTP/1.0 200 OK\r\n\r\n")
t.write()
