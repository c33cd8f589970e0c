#!/usr/bin/python3
"""-m conntrack port options on mixed traffic: --ctorigsrcport,
--ctorigdstport, --ctreplsrcport, --ctrepldstport, single ports and ranges
(revision 3), each with !, on TCP, UDP and ICMP (no ports), counter-only
rules."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 40500, 1000),
            ("eth1", UPSTREAM, S, 80, 5000))
c.handshake()
c.a("PA", b"req")
c.b("PA", b"resp")
c.a("A")
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.53", id=1) /
      UDP(sport=40600, dport=53) / Raw(b"q"))
t.add("eth1", UPSTREAM / IP(src="203.0.113.53", dst="192.0.2.2", id=1) /
      UDP(sport=53, dport=40600) / Raw(b"a"))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.54", id=2) /
      UDP(sport=40601, dport=123) / Raw(b"unanswered"))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=3) /
      ICMP(type=8, id=0x1234, seq=1) / Raw(b"ping"))
t.add("eth1", UPSTREAM / IP(src=S, dst="192.0.2.2", id=2) /
      ICMP(type=0, id=0x1234, seq=1) / Raw(b"ping"))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=4) /
      TCP(sport=40501, dport=80, flags="SA", seq=1, ack=2, window=10))
t.add("eth1", UPSTREAM / IP(src="198.51.100.7", dst="192.0.2.2", id=3) /
      TCP(sport=443, dport=40502, flags="S", seq=1, window=10))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=5) /
      TCP(sport=40503, dport=22, flags="S", seq=1, window=10))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=6) /
      UDP(sport=40604, dport=514) / Raw(b"syslog"))
c.a("FA")
c.b("FA")
c.a("A")
t.write()
