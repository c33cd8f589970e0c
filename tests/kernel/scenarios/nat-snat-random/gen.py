#!/usr/bin/python3
"""nat-snat-random: SNAT --random, MASQUERADE --random-fully, SNAT --random-
fully.

Proves: with --random the original port is not kept even if free: tcp/80
leaves from the single port 30000; a second inside host to the same server
needs the same tuple: kept anyway, the clash drops its SYN at confirmation;
tcp/443 (MASQUERADE --to-ports 30001-30002 --random-fully): a connection
from 203.0.113.10:443 to the gateway's 30001 (delivered locally) owns that
tuple, so an inside connection gets 30002, whatever the random offset; a
third one finds both taken (dropped); udp leaves from 30003. Answers come
back translated. The kernel draws a random offset for every one of these;
the outcomes do not depend on it (one or no free port).
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
        cli_seen=(PUB, 30000))
b = Tcp(t, ("eth0", C2, "192.0.2.3", 40000), ("eth1", UP, S, 80),
        cli_seen=(PUB, 30000), cli_isn=2000, srv_isn=6000)
a.handshake()
b.cli(flags="S")
a.cli(b"x")
a.srv(b"y")
# the gateway's own connection on 30001
t.add("eth1", UP / IP(src=S, dst=PUB, id=300) /
      TCP(sport=443, dport=30001, flags="S", seq=777, window=8192))
c = Tcp(t, ("eth0", C1, "192.0.2.2", 40001), ("eth1", UP, S, 443),
        cli_seen=(PUB, 30002), cli_isn=3000, srv_isn=7000)
d = Tcp(t, ("eth0", C2, "192.0.2.3", 40001), ("eth1", UP, S, 443),
        cli_seen=(PUB, 30002), cli_isn=4000, srv_isn=8000)
c.handshake()
d.cli(flags="S")
c.cli(b"tls")
c.srv(b"tls")
t.add("eth0", C2 / IP(src="192.0.2.3", dst="203.0.113.53", id=301) /
      UDP(sport=5353, dport=53) / Raw(b"q"))
t.add("eth1", UP / IP(src="203.0.113.53", dst=PUB, id=302) /
      UDP(sport=53, dport=30003) / Raw(b"a"))
t.write()
