#!/usr/bin/python3
"""nat-dnat-reroute: the routing decision is taken on the DNATed address.

Proves: tcp/80 for the host's own 198.51.100.1 is forwarded to 192.0.2.10
out eth0 (FORWARD sees OUT=eth0, the new DST); a packet from inside for
203.0.113.80 (default route, eth1) goes out eth2 to the DMZ 203.0.113.130;
one from outside for 192.0.2.10:22 is delivered locally to 192.0.2.1 (INPUT,
not FORWARD); answers of each come back with the original addresses. (Left
out: a DNAT to an unreachable route. The host's host-unreachable is then
NATed as a reply (its source becomes the original destination), and its IP
ID is random (ip_select_ident) but no longer masked, as the source is not
one of the host's addresses.)
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
DMZ = Ether(src="02:00:00:00:00:04", dst="02:00:00:00:01:02")
a = Tcp(t, ("eth1", UP, "203.0.113.50", 50000),
        ("eth0", SRV, "192.0.2.10", 80), srv_seen=(PUB, 80))
a.handshake()
a.cli(b"GET")
a.srv(b"200")
b = Tcp(t, ("eth0", C1, "192.0.2.2", 40000),
        ("eth2", DMZ, "203.0.113.130", 80), srv_seen=("203.0.113.80", 80),
        cli_isn=2000, srv_isn=6000)
b.handshake()
b.cli(b"GET")
b.srv(b"200")
t.add("eth1", UP / IP(src="203.0.113.51", dst="192.0.2.10", id=300) /
      TCP(sport=50001, dport=22, flags="S", seq=1, window=8192))
t.write()
