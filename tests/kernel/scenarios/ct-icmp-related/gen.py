#!/usr/bin/python3
"""ICMP errors RELATED to the flow they quote, sent by the peer side:
a port unreachable from the server quoting the client's UDP datagram, the
same from the upstream router, a host unreachable quoting a TCP SYN,
fragmentation needed quoting TCP data, an error quoting a flow never seen
(INVALID), an error from the client side quoting the server's reply, an
error quoting the wrong direction's ports."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"


def fwd_udp(sport, ipid):
    # the datagram as it left the firewall (TTL 63) is what errors quote
    p = IP(src="192.0.2.2", dst=S, id=ipid, ttl=64) / \
        UDP(sport=sport, dport=53) / Raw(b"query")
    t.add("eth0", CLIENT / p)
    q = IP(bytes(p))
    q.ttl = 63
    del q.chksum
    return IP(bytes(q))


def err_from(src, typ, code, quoted, ipid, iface="eth1", dst="192.0.2.2"):
    eth = UPSTREAM if iface == "eth1" else CLIENT
    t.add(iface, eth / IP(src=src, dst=dst, id=ipid) /
          ICMP(type=typ, code=code) / Raw(bytes(quoted)[:28]))


q1 = fwd_udp(36000, 1)
err_from(S, 3, 3, q1, 1)                   # port unreachable: RELATED
q2 = fwd_udp(36001, 2)
err_from("198.51.100.2", 3, 1, q2, 2)      # host unreachable from the router
# a flow never seen
ghost = IP(src="192.0.2.2", dst=S, ttl=63, id=77) / UDP(sport=36999,
                                                         dport=53)
err_from(S, 3, 3, IP(bytes(ghost)), 3)

c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 36100, 1000),
            ("eth1", UPSTREAM, S, 80, 5000))
syn = c.a("S")
q = IP(bytes(syn[IP]))
q.ttl = 63
del q.chksum
err_from("198.51.100.2", 3, 1, IP(bytes(q)), 4)   # quoting the SYN

d = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 36101, 2000),
            ("eth1", UPSTREAM, S, 80, 6000))
d.handshake()
big = d.a("PA", b"z" * 600)
q = IP(bytes(big[IP]))
q.ttl = 63
del q.chksum
t.add("eth1", UPSTREAM / IP(src="198.51.100.2", dst="192.0.2.2", id=5) /
      ICMP(type=3, code=4, nexthopmtu=576) / Raw(bytes(IP(bytes(q)))[:48]))

# the server answers a UDP flow; the client's host says port unreachable
q3 = fwd_udp(36002, 6)
rep = IP(src=S, dst="192.0.2.2", id=7, ttl=63) / UDP(sport=53, dport=36002) \
    / Raw(b"answer")
t.add("eth1", UPSTREAM / IP(src=S, dst="192.0.2.2", id=7, ttl=64) /
      UDP(sport=53, dport=36002) / Raw(b"answer"))
err_from("192.0.2.2", 3, 3, IP(bytes(rep)), 8, iface="eth0", dst=S)
# quoting the client's datagram with the ports swapped
bad = IP(src="192.0.2.2", dst=S, ttl=63, id=9) / UDP(sport=53, dport=36000)
err_from(S, 3, 3, IP(bytes(bad)), 9)
t.write()
