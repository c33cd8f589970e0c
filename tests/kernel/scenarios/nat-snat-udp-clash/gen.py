#!/usr/bin/python3
"""nat-snat-udp-clash: a single SNAT port for UDP, contested.

Proves: the first inside host's datagram leaves from 198.51.100.1:7000 and
its answer comes back; the second host's datagram to the same server needs
the same tuple (the kernel does not search a one-port range): what the
kernel does at confirmation with that UDP clash is recorded here (the
datagram is dropped, no entry); to another server the same port is fine.
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
S = "203.0.113.53"
t.add("eth0", C1 / IP(src="192.0.2.2", dst=S, id=100) /
      UDP(sport=5000, dport=53) / Raw(b"q1"))
t.add("eth0", C2 / IP(src="192.0.2.3", dst=S, id=101) /
      UDP(sport=5000, dport=53) / Raw(b"q2"))
t.add("eth1", UP / IP(src=S, dst=PUB, id=102) /
      UDP(sport=53, dport=7000) / Raw(b"a1"))
t.add("eth0", C2 / IP(src="192.0.2.3", dst="203.0.113.54", id=103) /
      UDP(sport=5000, dport=53) / Raw(b"q3"))
t.add("eth1", UP / IP(src="203.0.113.54", dst=PUB, id=104) /
      UDP(sport=53, dport=7000) / Raw(b"a3"))
t.add("eth0", C2 / IP(src="192.0.2.3", dst=S, id=105) /
      UDP(sport=5000, dport=53) / Raw(b"q2 again"))
t.write()
