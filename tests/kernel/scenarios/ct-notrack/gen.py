#!/usr/bin/python3
"""NOTRACK: raw PREROUTING -j NOTRACK for UDP port 53 both ways and -j CT
--notrack for TCP port 8080 both ways: UNTRACKED in FORWARD (--ctstate and
-m state), no entries for them; tracked traffic beside it; a mid-stream
ACK to 8080 passes untracked; raw OUTPUT NOTRACK of the host's own packets."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=1) /
      UDP(sport=38000, dport=53) / Raw(b"q"))
t.add("eth1", UPSTREAM / IP(src=S, dst="192.0.2.2", id=1) /
      UDP(sport=53, dport=38000) / Raw(b"a"))
t.add("eth1", UPSTREAM / IP(src=S, dst="192.0.2.2", id=2) /
      UDP(sport=53, dport=38001) / Raw(b"unasked"))
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 38100, 1000),
            ("eth1", UPSTREAM, S, 8080, 5000))
c.handshake()
c.a("PA", b"x")
c.b("A")
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=9) /
      TCP(sport=38101, dport=8080, flags="A", seq=5, ack=6, window=100))
d = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 38102, 3000),
            ("eth1", UPSTREAM, S, 80, 7000))
d.handshake()
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=10) /
      UDP(sport=38003, dport=54) / Raw(b"tracked"))
t.add(LOCAL, IP(src="198.51.100.1", dst=S, id=0x300) /
      UDP(sport=38004, dport=53) / Raw(b"host query"))
t.add(LOCAL, IP(src="198.51.100.1", dst=S, id=0x301) /
      UDP(sport=38005, dport=123) / Raw(b"host ntp"))
t.write()
