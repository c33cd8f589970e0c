#!/usr/bin/python3
"""nat-netmap: NETMAP in PREROUTING (destinations) and POSTROUTING (sources).

Proves: 198.51.100.34 and .35 from outside reach 192.0.2.34 and .35 (host
part kept, ports kept), their answers leave from .34/.35 outside; inside
hosts of the /28 leave as 198.51.100.35 (host part kept) and get their
answers; an inside host outside the /28 (192.0.2.2) leaves untranslated
(null binding); a connection set up by PREROUTING NETMAP is not mapped again
by POSTROUTING (its answer keeps the translated source: one binding per
direction and connection).
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
H34 = Ether(src="02:00:00:00:00:22", dst="02:00:00:00:01:00")
H35 = Ether(src="02:00:00:00:00:23", dst="02:00:00:00:01:00")
a = Tcp(t, ("eth1", UP, "203.0.113.50", 50000),
        ("eth0", H34, "192.0.2.34", 80), srv_seen=("198.51.100.34", 80))
b = Tcp(t, ("eth1", UP, "203.0.113.51", 50001),
        ("eth0", H35, "192.0.2.35", 25), srv_seen=("198.51.100.35", 25),
        cli_isn=2000, srv_isn=6000)
a.handshake()
b.handshake()
a.cli(b"GET")
a.srv(b"200")
b.srv(b"220 hi\r\n")
c = Tcp(t, ("eth0", H35, "192.0.2.35", 40000),
        ("eth1", UP, "203.0.113.10", 443),
        cli_seen=("198.51.100.35", 40000), cli_isn=3000, srv_isn=7000)
c.handshake()
c.cli(b"tls")
t.add("eth0", H34 / IP(src="192.0.2.34", dst="203.0.113.10", id=300) /
      ICMP(type=8, id=34, seq=1) / Raw(b"ping"))
t.add("eth1", UP / IP(src="203.0.113.10", dst="198.51.100.34", id=301) /
      ICMP(type=0, id=34, seq=1) / Raw(b"ping"))
t.add("eth0", C1 / IP(src="192.0.2.2", dst="203.0.113.10", id=302) /
      UDP(sport=40002, dport=53) / Raw(b"q"))
t.add("eth1", UP / IP(src="203.0.113.10", dst="192.0.2.2", id=303) /
      UDP(sport=53, dport=40002) / Raw(b"a"))
t.write()
