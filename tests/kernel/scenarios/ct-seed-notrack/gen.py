#!/usr/bin/python3
"""The seed's 'never track the busy service' recipe: raw PREROUTING
NOTRACK for tcp dport 80, raw OUTPUT NOTRACK for tcp sport 80, INPUT policy
DROP accepting UNTRACKED,ESTABLISHED,RELATED: a web session with the host
(answers from local.pcap) passes untracked, no entries; SSH to the host has
no NEW rule (dropped); the host's own DNS query and its answer tracked;
a stray ACK to port 80 accepted untracked."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
H = "192.0.2.1"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 48500, 1000),
            (LOCAL, None, H, 80, 5000))
c.handshake()
c.a("PA", b"GET / HTTP/1.0\r\n\r\n")
c.b("PA", b"HTTP/1.0 200 OK\r\n\r\n")
c.a("A")
c.close()
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=H, id=40) /
      TCP(sport=48501, dport=80, flags="A", seq=1, ack=1, window=100))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=H, id=41) /
      TCP(sport=48502, dport=22, flags="S", seq=1, window=100))
t.add(LOCAL, IP(src="198.51.100.1", dst="203.0.113.53", id=0x701) /
      UDP(sport=48600, dport=53) / Raw(b"query"))
t.add("eth1", UPSTREAM / IP(src="203.0.113.53", dst="198.51.100.1", id=1) /
      UDP(sport=53, dport=48600) / Raw(b"answer"))
t.add("eth1", UPSTREAM / IP(src="203.0.113.53", dst="198.51.100.1", id=2) /
      UDP(sport=53, dport=48601) / Raw(b"unsolicited"))
t.write()
