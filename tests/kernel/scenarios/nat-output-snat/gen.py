#!/usr/bin/python3
"""nat-output-snat: SNAT/MASQUERADE of locally generated packets (local.pcap).

Proves: the host's SMTP connection from 198.51.100.1 leaves from
198.51.100.9 (port kept) and the server's answers to 198.51.100.9 are
delivered to the host as to 198.51.100.1 (INPUT logs the un-SNATed
destination); a packet the host sends with its eth0 address 192.0.2.1 out of
eth1 is MASQUERADEd to 198.51.100.1, its answer delivered back to 192.0.2.1;
traffic matching no rule keeps its source.
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
S = "203.0.113.25"
t.add(LOCAL, IP(src=PUB, dst=S, id=101) /
      TCP(sport=45000, dport=25, flags="S", seq=1000, window=8192))
t.add("eth1", UP / IP(src=S, dst="198.51.100.9", id=201) /
      TCP(sport=25, dport=45000, flags="SA", seq=5000, ack=1001,
          window=8192))
t.add(LOCAL, IP(src=PUB, dst=S, id=102) /
      TCP(sport=45000, dport=25, flags="A", seq=1001, ack=5001, window=8192))
t.add("eth1", UP / IP(src=S, dst="198.51.100.9", id=202) /
      TCP(sport=25, dport=45000, flags="PA", seq=5001, ack=1001,
          window=8192) / Raw(b"220 mx\r\n"))
t.add(LOCAL, IP(src="192.0.2.1", dst="203.0.113.53", id=103) /
      UDP(sport=45001, dport=53) / Raw(b"query"))
t.add("eth1", UP / IP(src="203.0.113.53", dst=PUB, id=203) /
      UDP(sport=53, dport=45001) / Raw(b"answer"))
t.add(LOCAL, IP(src=PUB, dst="203.0.113.53", id=104) /
      UDP(sport=45002, dport=53) / Raw(b"query"))
t.add("eth1", UP / IP(src="203.0.113.53", dst=PUB, id=204) /
      UDP(sport=53, dport=45002) / Raw(b"answer"))
t.write()
