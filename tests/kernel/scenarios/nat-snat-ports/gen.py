#!/usr/bin/python3
"""nat-snat-ports: SNAT --to-source A:P and A:P1-P2.

Proves: tcp/80 always leaves from 198.51.100.1:20000 (one port), also to a
second server; a second connection to the same server from another inside
host would need the same tuple: the kernel keeps the single port anyway and
the clash is found when the connection is confirmed (the SYN is dropped, no
entry); udp: a source port inside 20001-20002 and free is kept (20001),
another source port to the same server gets the one free port left (20002);
tcp to 443: 198.51.100.7, port 20005 kept, 33000 mapped to 20006. Every
answer comes back translated. Deterministic by design: whenever the kernel
searches the range from a random offset, exactly one port is free.
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
S, T = "203.0.113.10", "203.0.113.11"
a = Tcp(t, ("eth0", C1, "192.0.2.2", 40000), ("eth1", UP, S, 80),
        cli_seen=(PUB, 20000))
b = Tcp(t, ("eth0", C2, "192.0.2.3", 40000), ("eth1", UP, T, 80),
        cli_seen=(PUB, 20000), cli_isn=2000, srv_isn=6000)
c = Tcp(t, ("eth0", C2, "192.0.2.3", 40001), ("eth1", UP, S, 80),
        cli_seen=(PUB, 20000), cli_isn=3000, srv_isn=7000)
a.handshake()
b.handshake()
c.cli(flags="S")           # clashes with a: dropped
a.cli(b"GET / HTTP/1.0\r\n\r\n")
a.srv(b"HTTP/1.0 200 OK\r\n\r\n")
# udp: 20001 kept, 5353 -> 20002
t.add("eth0", C1 / IP(src="192.0.2.2", dst="203.0.113.53", id=300) /
      UDP(sport=20001, dport=53) / Raw(b"q1"))
t.add("eth0", C2 / IP(src="192.0.2.3", dst="203.0.113.53", id=301) /
      UDP(sport=5353, dport=53) / Raw(b"q2"))
t.add("eth1", UP / IP(src="203.0.113.53", dst=PUB, id=302) /
      UDP(sport=53, dport=20002) / Raw(b"a2"))
t.add("eth1", UP / IP(src="203.0.113.53", dst=PUB, id=303) /
      UDP(sport=53, dport=20001) / Raw(b"a1"))
# tcp/443 to 198.51.100.7: 20005 kept, 33000 -> 20006
d = Tcp(t, ("eth0", C1, "192.0.2.2", 20005), ("eth1", UP, S, 443),
        cli_seen=("198.51.100.7", 20005), cli_isn=4000, srv_isn=8000)
e = Tcp(t, ("eth0", C2, "192.0.2.3", 33000), ("eth1", UP, S, 443),
        cli_seen=("198.51.100.7", 20006), cli_isn=5000, srv_isn=9000)
d.handshake()
e.handshake()
e.cli(b"data")
e.srv(b"more")
t.write()
