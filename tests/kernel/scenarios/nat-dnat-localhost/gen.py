#!/usr/bin/python3
"""nat-dnat-localhost: DNAT to 127.0.0.1:80 in PREROUTING, with and without
route_localnet.

Proves: on eth1 (route_localnet=1) a SYN to 198.51.100.1:8080 is delivered
as to 127.0.0.1:80 (INPUT logs it with IN=eth1), and the host's answer
(local.pcap) from 127.0.0.1:80 leaves eth1 as from 198.51.100.1:8080; on
eth0 (route_localnet=0) the DNATed packet is a martian and dropped before
INPUT (nat PREROUTING counted it, nothing else); a packet arriving on eth1
for an inside host's port 8080 is DNATed the same way and delivered to the
host instead of forwarded.
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
t.add("eth1", UP / IP(src="203.0.113.50", dst=PUB, id=100) /
      TCP(sport=50000, dport=8080, flags="S", seq=1000, window=8192))
t.add(LOCAL, IP(src="127.0.0.1", dst="203.0.113.50", id=500) /
      TCP(sport=80, dport=50000, flags="SA", seq=5000, ack=1001,
          window=8192))
t.add("eth1", UP / IP(src="203.0.113.50", dst=PUB, id=101) /
      TCP(sport=50000, dport=8080, flags="A", seq=1001, ack=5001,
          window=8192))
t.add("eth0", C1 / IP(src="192.0.2.2", dst="192.0.2.1", id=102) /
      TCP(sport=40000, dport=8080, flags="S", seq=2000, window=8192))
t.add("eth1", UP / IP(src="203.0.113.51", dst="192.0.2.2", id=103) /
      TCP(sport=50001, dport=8080, flags="S", seq=3000, window=8192))
t.write()
