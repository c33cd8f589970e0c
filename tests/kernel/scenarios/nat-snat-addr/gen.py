#!/usr/bin/python3
"""nat-snat-addr: SNAT --to-source ADDRESS (not one of the host's).

Proves: TCP, UDP and ICMP echo from two inside hosts leave from the rule's
address (first matching rule: tcp/25 to 198.51.100.6, the rest to
198.51.100.5), ports and ids kept; answers sent to those addresses come back
to the inside hosts, translated.
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
        cli_seen=("198.51.100.5", 40000))
m = Tcp(t, ("eth0", C2, "192.0.2.3", 40001), ("eth1", UP, S, 25),
        cli_seen=("198.51.100.6", 40001), cli_isn=3000, srv_isn=4000)
a.handshake()
m.handshake()
m.srv(b"220 mail ESMTP\r\n")
m.cli(b"QUIT\r\n")
a.cli(b"GET / HTTP/1.0\r\n\r\n")
a.srv(b"HTTP/1.0 200 OK\r\n\r\n")
t.add("eth0", C2 / IP(src="192.0.2.3", dst="203.0.113.53", id=300) /
      UDP(sport=33333, dport=53) / Raw(b"q"))
t.add("eth1", UP / IP(src="203.0.113.53", dst="198.51.100.5", id=301) /
      UDP(sport=53, dport=33333) / Raw(b"answer"))
t.add("eth0", C1 / IP(src="192.0.2.2", dst=S, id=302) /
      ICMP(type=8, id=99, seq=1) / Raw(b"ping"))
t.add("eth1", UP / IP(src=S, dst="198.51.100.5", id=303) /
      ICMP(type=0, id=99, seq=1) / Raw(b"ping"))
a.close()
t.write()
