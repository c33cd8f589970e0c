#!/usr/bin/python3
"""The host's own connections (local.pcap) through a stateful OUTPUT and
INPUT (policy DROP): a TCP session to a web server, a DNS query answered, a
ping answered, an NTP query unanswered; NEW in OUTPUT, replies ESTABLISHED
in INPUT; an unsolicited SYN/ACK and datagram from outside dropped."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
H = "198.51.100.1"
S = "203.0.113.10"
c = TcpConv(t, (LOCAL, None, H, 46500, 1000),
            ("eth1", UPSTREAM, S, 443, 5000))
c.handshake()
c.a("PA", b"hello")
c.b("PA", b"world")
c.a("A")
c.close()
t.add(LOCAL, IP(src=H, dst="203.0.113.53", id=0x601) /
      UDP(sport=46600, dport=53) / Raw(b"q"))
t.add("eth1", UPSTREAM / IP(src="203.0.113.53", dst=H, id=1) /
      UDP(sport=53, dport=46600) / Raw(b"a"))
t.add(LOCAL, IP(src=H, dst=S, id=0x602) / ICMP(type=8, id=0x44, seq=1) /
      Raw(b"ping"))
t.add("eth1", UPSTREAM / IP(src=S, dst=H, id=2) /
      ICMP(type=0, id=0x44, seq=1) / Raw(b"ping"))
t.add(LOCAL, IP(src=H, dst="203.0.113.123", id=0x603) /
      UDP(sport=46601, dport=123) / Raw(b"ntp"))
t.add("eth1", UPSTREAM / IP(src=S, dst=H, id=3) /
      TCP(sport=443, dport=46501, flags="SA", seq=1, ack=1, window=100))
t.add("eth1", UPSTREAM / IP(src=S, dst=H, id=4) /
      UDP(sport=53, dport=46602) / Raw(b"unsolicited"))
t.write()
