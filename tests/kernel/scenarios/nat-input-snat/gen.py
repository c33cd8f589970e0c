#!/usr/bin/python3
"""nat-input-snat: SNAT in nat INPUT.

Proves: an ssh SYN from 203.0.113.50 is delivered with source 198.51.100.77
(filter INPUT runs before nat INPUT and still logs the original source; the
conntrack reply tuple shows the new one); the host's answers (local.pcap) to
198.51.100.77 are un-SNATed in nat OUTPUT (filter OUTPUT logs
DST=203.0.113.50), re-routed and leave eth1 to 203.0.113.50 from
198.51.100.1:22; udp/514 gets address and port 198.51.100.78:1514; tcp/80
has no rule (null binding, the host answers 203.0.113.50 directly).
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
X = "203.0.113.50"
t.add("eth1", UP / IP(src=X, dst=PUB, id=100) /
      TCP(sport=50000, dport=22, flags="S", seq=1000, window=8192))
t.add(LOCAL, IP(src=PUB, dst="198.51.100.77", id=500) /
      TCP(sport=22, dport=50000, flags="SA", seq=5000, ack=1001,
          window=8192))
t.add("eth1", UP / IP(src=X, dst=PUB, id=101) /
      TCP(sport=50000, dport=22, flags="A", seq=1001, ack=5001, window=8192))
t.add(LOCAL, IP(src=PUB, dst="198.51.100.77", id=501) /
      TCP(sport=22, dport=50000, flags="PA", seq=5001, ack=1001,
          window=8192) / Raw(b"SSH-2.0-gw\r\n"))
t.add("eth1", UP / IP(src=X, dst=PUB, id=102) /
      UDP(sport=40000, dport=514) / Raw(b"<13>log line"))
t.add(LOCAL, IP(src=PUB, dst="198.51.100.78", id=502) /
      UDP(sport=514, dport=1514) / Raw(b"ack"))
t.add("eth1", UP / IP(src=X, dst=PUB, id=103) /
      TCP(sport=50001, dport=80, flags="S", seq=2000, window=8192))
t.add(LOCAL, IP(src=PUB, dst=X, id=503) /
      TCP(sport=80, dport=50001, flags="SA", seq=6000, ack=2001,
          window=8192))
t.write()
