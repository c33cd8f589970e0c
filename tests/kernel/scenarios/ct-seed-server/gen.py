#!/usr/bin/python3
"""The seed's CentOS server firewall (iptables 1.8.9 form of its script):
INPUT policy DROP, lo accepted, INVALID logged with IP options and dropped,
RELATED/ESTABLISHED accepted, NEW tcp 80 and 22, ping limited 5/s burst 20.
Local delivery: a web session with the host's answers from local.pcap,
an SSH SYN, telnet dropped, an Xmas scan and a stray ACK with loose pickup
for the host, the host's own DNS query and its answer, an ICMP error quoting
the host's datagram (RELATED), an unsolicited datagram, pings."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
H = "192.0.2.1"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 44500, 1000),
            (LOCAL, None, H, 80, 5000))
c.a("S", opts=[("MSS", 1460)])
c.b("SA", opts=[("MSS", 1460)])
c.a("A")
c.a("PA", b"GET / HTTP/1.0\r\n\r\n")
c.b("PA", b"HTTP/1.0 200 OK\r\n\r\n")
c.a("A")
c.a("FA")
c.b("FA")
c.a("A")
c.a("A", seq=c.nxt["a"] + 100000)          # out of window: INVALID, logged
ssh = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 44501, 2000),
              (LOCAL, None, H, 22, 6000))
ssh.a("S")
ssh.b("SA")
ssh.a("A")
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=H, id=50) /
      TCP(sport=44502, dport=23, flags="S", seq=1, window=100))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=H, id=51,
                          options=[__import__("scapy.all", fromlist=["x"]).
                                   IPOption_RR(routers=["0.0.0.0"])]) /
      TCP(sport=44503, dport=80, flags="FPU", seq=1, window=100))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=H, id=52) /
      TCP(sport=44504, dport=80, flags="A", seq=1, ack=1, window=100))
# the host's own DNS query, the answer, an error quoting another query
t.add(LOCAL, IP(src="198.51.100.1", dst="203.0.113.53", id=0x501) /
      UDP(sport=45000, dport=53) / Raw(b"query"))
t.add("eth1", UPSTREAM / IP(src="203.0.113.53", dst="198.51.100.1", id=1) /
      UDP(sport=53, dport=45000) / Raw(b"answer"))
q = IP(src="198.51.100.1", dst="203.0.113.54", id=0x502) / \
    UDP(sport=45001, dport=53) / Raw(b"query")
t.add(LOCAL, q)
t.add("eth1", UPSTREAM / IP(src="203.0.113.54", dst="198.51.100.1", id=2) /
      ICMP(type=3, code=3) / Raw(bytes(IP(bytes(q)))[:28]))
t.add("eth1", UPSTREAM / IP(src="203.0.113.55", dst="198.51.100.1", id=3) /
      UDP(sport=53, dport=45002) / Raw(b"unsolicited"))
for i in range(3):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=H, id=60 + i) /
          ICMP(type=8, id=0x33, seq=i + 1) / Raw(b"ping"))
t.write()
