#!/usr/bin/python3
"""nat-icmp-echo: ICMP echo through MASQUERADE (the id is the "port").

Proves: echo requests leave from 198.51.100.1 with their id kept when the
(id, server) pair is free: two inside hosts with different ids to one
server, two with the same id to different servers, one host with two ids;
each echo reply finds its host by id and server; several sequence numbers
share one entry; an echo reply with an id nobody used, and a ping from
outside to the gateway, are for the gateway itself (null binding, logged in
INPUT). (Two hosts with the same id to the same server are left out: the
second gets an id the kernel draws at random from 0-65535.)
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
pings = [("192.0.2.2", C1, S, 100), ("192.0.2.3", C2, S, 200),
         ("192.0.2.2", C1, T, 300), ("192.0.2.3", C2, S, 300),
         ("192.0.2.2", C1, S, 101)]
n = 0
for seq in (1, 2):
    for src, eth, dst, ident in pings:
        n += 1
        t.add("eth0", eth / IP(src=src, dst=dst, id=100 + n) /
              ICMP(type=8, id=ident, seq=seq) / Raw(b"abcdefgh"))
    for src, eth, dst, ident in reversed(pings):
        n += 1
        t.add("eth1", UP / IP(src=dst, dst=PUB, id=100 + n) /
              ICMP(type=0, id=ident, seq=seq) / Raw(b"abcdefgh"))
t.add("eth1", UP / IP(src=S, dst=PUB, id=900) /
      ICMP(type=0, id=999, seq=1) / Raw(b"stray"))
t.add("eth1", UP / IP(src="203.0.113.50", dst=PUB, id=901) /
      ICMP(type=8, id=5, seq=1) / Raw(b"hello gw"))
t.write()
