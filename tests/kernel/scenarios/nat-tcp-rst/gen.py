#!/usr/bin/python3
"""nat-tcp-rst: TCP RSTs through NAT.

Proves: the server's RST in an established MASQUERADEd connection reaches
the inside host translated (the entry goes to CLOSE); the inside host's own
RST leaves translated; a closed port's RST/ACK answering a SYN comes back
translated; REJECT's RST for an inside host's SYN to port 25 (FORWARD,
before MASQUERADE ever ran) comes from 203.0.113.10:25 to the inside host
untranslated; REJECT's RST for a port-forwarded SYN (DNATed to
192.0.2.10:80, rejected in FORWARD) is built from the DNATed packet but
leaves from the address the client used, 198.51.100.1:8080 (the RST joins
the connection in the reply direction and is un-DNATed).
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
S = "203.0.113.10"
a = Tcp(t, ("eth0", C1, "192.0.2.2", 40000), ("eth1", UP, S, 80),
        cli_seen=(PUB, 40000))
a.handshake()
a.cli(b"GET")
a.srv(flags="R", ack=0)
b = Tcp(t, ("eth0", C2, "192.0.2.3", 40001), ("eth1", UP, S, 80),
        cli_seen=(PUB, 40001), cli_isn=2000, srv_isn=6000)
b.handshake()
b.srv(b"banner")
b.cli(flags="RA")
c = Tcp(t, ("eth0", C1, "192.0.2.2", 40002), ("eth1", UP, S, 81),
        cli_seen=(PUB, 40002), cli_isn=3000, srv_isn=0)
c.cli(flags="S")
c.srv(flags="RA", seq=0)
t.add("eth0", C2 / IP(src="192.0.2.3", dst=S, id=300) /
      TCP(sport=40003, dport=25, flags="S", seq=4000, window=8192))
t.add("eth1", UP / IP(src="203.0.113.66", dst=PUB, id=301) /
      TCP(sport=50000, dport=8080, flags="S", seq=9000, window=8192))
t.write()
