#!/usr/bin/python3
"""nat-masq-addr-select: which source address MASQUERADE picks.

Proves: MASQUERADE takes the out interface's primary address in the subnet
of the route's next hop: via 198.51.100.2 -> 198.51.100.1, via
198.51.100.130 -> 198.51.100.129; a route's `src` hint does not count
(203.0.113.64/26 via 198.51.100.2 src 198.51.100.129 still gives
198.51.100.1); the secondary 198.51.100.5 is never picked; answers to each
chosen address come back translated.
/usr/bin/python3 gen.py [OUTDIR] writes the inputs."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, TCP, UDP, ICMP, Raw  # noqa
from conv import Tcp  # noqa: E402,F401

C1 = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")   # 192.0.2.2
C2 = Ether(src="02:00:00:00:00:03", dst="02:00:00:00:01:00")   # 192.0.2.3
SRV = Ether(src="02:00:00:00:00:0a", dst="02:00:00:00:01:00")  # 192.0.2.10
UP = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")   # 198.51.100.2
PUB = "198.51.100.1"

t = Trace()
UP2 = Ether(src="02:00:00:00:00:04", dst="02:00:00:00:01:01")
for n, (dst, seen, up) in enumerate((("203.0.113.10", PUB, UP),
                                     ("203.0.113.200", "198.51.100.129", UP2),
                                     ("203.0.113.70", PUB, UP))):
    c = Tcp(t, ("eth0", C1, "192.0.2.2", 40000 + n), ("eth1", up, dst, 80),
            cli_seen=(seen, 40000 + n), cli_isn=1000 * (n + 1),
            srv_isn=5000 * (n + 1))
    c.cli(flags="S")
    c.srv(flags="SA")
t.write()
