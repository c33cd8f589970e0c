#!/usr/bin/python3
"""nat-dnat-hairpin: DNAT with hairpin (the inside client uses the public
address).

Proves: 192.0.2.2 -> 198.51.100.1:80 goes back out eth0 to 192.0.2.10:8080
from 192.0.2.1 (MASQUERADE on eth0 picks eth0's address), port kept; the
server's answers to 192.0.2.1 return to the client from 198.51.100.1:80; no
ICMP redirect although the packet leaves by the interface it came in on for
a source on that link (measured: the redirect that path-icmp-redirect shows
for the same route shape is not sent for a DNATed packet). The same port
from outside is DNATed only (no SNAT: the server sees the outside client). A
second inside client with its own port (the same port as the first would
clash on 192.0.2.1 and get a random one).
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
S = "192.0.2.10"
a = Tcp(t, ("eth0", C1, "192.0.2.2", 40000), ("eth0", SRV, S, 8080),
        srv_seen=(PUB, 80), cli_seen=("192.0.2.1", 40000))
a.handshake()
a.cli(b"GET / HTTP/1.0\r\n\r\n")
a.srv(b"HTTP/1.0 200 OK\r\n\r\n")
a.close()
b = Tcp(t, ("eth0", C2, "192.0.2.3", 40100), ("eth0", SRV, S, 8080),
        srv_seen=(PUB, 80), cli_seen=("192.0.2.1", 40100),
        cli_isn=2000, srv_isn=6000)
b.handshake()
b.cli(b"x")
b.srv(b"y")
# from outside: DNAT only
o = Tcp(t, ("eth1", UP, "203.0.113.50", 50000), ("eth0", SRV, S, 8080),
        srv_seen=(PUB, 80), cli_isn=3000, srv_isn=7000)
o.handshake()
o.cli(b"GET")
o.srv(b"200")
t.write()
