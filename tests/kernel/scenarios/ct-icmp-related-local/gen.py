#!/usr/bin/python3
"""ICMP errors for the host's own connections (local.pcap) with INPUT
policy DROP accepting RELATED,ESTABLISHED: a port unreachable quoting its
UDP query, fragmentation needed and a host unreachable quoting its TCP
segments, a time exceeded quoting its ping; an error quoting a connection
the host never made (dropped); the host's own port unreachable (local.pcap)
quoting a client's datagram, RELATED in OUTPUT."""
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
q = IP(src=H, dst="203.0.113.53", id=0x801) / UDP(sport=49000, dport=53) / \
    Raw(b"query")
t.add(LOCAL, q)
t.add("eth1", UPSTREAM / IP(src="203.0.113.53", dst=H, id=1) /
      ICMP(type=3, code=3) / Raw(bytes(IP(bytes(q)))[:28]))
c = TcpConv(t, (LOCAL, None, H, 49100, 1000),
            ("eth1", UPSTREAM, S, 443, 5000))
c.handshake()
seg = c.a("PA", b"d" * 1000)
t.add("eth1", UPSTREAM / IP(src="198.51.100.2", dst=H, id=2) /
      ICMP(type=3, code=4, nexthopmtu=576) / Raw(bytes(seg)[:48]))
d = TcpConv(t, (LOCAL, None, H, 49101, 3000),
            ("eth1", UPSTREAM, "203.0.113.11", 443, 0))
syn = d.a("S")
t.add("eth1", UPSTREAM / IP(src="198.51.100.2", dst=H, id=3) /
      ICMP(type=3, code=1) / Raw(bytes(syn)[:28]))
p = IP(src=H, dst=S, id=0x802, ttl=3) / ICMP(type=8, id=0x55, seq=1) / \
    Raw(b"trace")
t.add(LOCAL, p)
pq = IP(bytes(p))
pq.ttl = 1
del pq.chksum
t.add("eth1", UPSTREAM / IP(src="203.0.113.1", dst=H, id=4) /
      ICMP(type=11, code=0) / Raw(bytes(IP(bytes(pq)))[:28]))
ghost = IP(src=H, dst=S, id=0x999) / UDP(sport=49999, dport=53)
t.add("eth1", UPSTREAM / IP(src=S, dst=H, id=5) /
      ICMP(type=3, code=3) / Raw(bytes(IP(bytes(ghost)))[:28]))
# a client's datagram to a closed port; the host answers it itself
u = IP(src="192.0.2.2", dst="192.0.2.1", id=6) / UDP(sport=49200, dport=7) / \
    Raw(b"echo?")
t.add("eth0", CLIENT / u)
t.add(LOCAL, IP(src="192.0.2.1", dst="192.0.2.2", id=0x803, tos=0xc0) /
      ICMP(type=3, code=3) / Raw(bytes(IP(bytes(u)))))
t.write()
