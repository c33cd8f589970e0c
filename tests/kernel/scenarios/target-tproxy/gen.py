#!/usr/bin/python3
"""TPROXY and -m socket against the host's own sockets (HOST `listen`,
`stack on`): /usr/bin/python3 gen.py [OUTDIR]"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, TCP, UDP, ICMP, Raw, CLIENT  # noqa: E402
from scapy.all import fragment  # noqa: E402

WEB = dict(src="192.0.2.2", dst="203.0.113.10")
ME = dict(src="192.0.2.2", dst="192.0.2.1")

t = Trace()
# to a web server elsewhere: TPROXY hands it to the transparent listener
# on 3129; the SYN-ACK comes from the web server's address and port
t.add("eth0", CLIENT / IP(id=1, **WEB) / TCP(sport=43000, dport=80, flags="S", seq=1000,
      options=[("MSS", 1460)]))
# the same connection again: -m socket finds the request socket (DIVERT);
# an ACK that acknowledges something else gets its RST
t.add("eth0", CLIENT / IP(id=2, **WEB) / TCP(sport=43000, dport=80, flags="A", seq=1001, ack=31337))
# not redirected: forwarded
t.add("eth0", CLIENT / IP(id=3, **WEB) / TCP(sport=43001, dport=8080, flags="S", seq=2000))
# the listener on 3130 is not transparent, none on 3131: dropped
t.add("eth0", CLIENT / IP(id=4, **WEB) / TCP(sport=43002, dport=81, flags="S", seq=3000))
t.add("eth0", CLIENT / IP(id=5, **WEB) / TCP(sport=43003, dport=82, flags="S", seq=4000))
# UDP to a DNS server elsewhere: to the transparent socket on 5353
t.add("eth0", CLIENT / IP(id=6, **WEB) / UDP(sport=6000, dport=53) / Raw(b"query"))
# the host's own listeners: bound to the address with a mark
# (--restore-skmark), bound to any (only --nowildcard matches), none
t.add("eth0", CLIENT / IP(id=7, **ME) / TCP(sport=43004, dport=8000, flags="S", seq=5000))
t.add("eth0", CLIENT / IP(id=8, **ME) / TCP(sport=43005, dport=22, flags="S", seq=6000))
t.add("eth0", CLIENT / IP(id=9, **ME) / TCP(sport=43006, dport=23, flags="S", seq=7000))
# the redirected connection's SYN again: the request socket
# (established lookup) gets it: its SYN-ACK again
t.add("eth0", CLIENT / IP(id=10, **WEB) / TCP(sport=43000, dport=80, flags="S", seq=1000,
      options=[("MSS", 1460)]))
# a fragmented datagram: -m socket and TPROXY enable defragmentation
# (nf_defrag_ipv4): TPROXY sees it whole and hands it to the socket
for f in fragment(IP(id=30, **WEB) / UDP(sport=6001, dport=53) / Raw(b"q" * 100),
                  fragsize=48):
    t.add("eth0", CLIENT / f)
# ICMP errors quoting what the redirected connection's socket sent (its
# SYN-ACK): -m socket finds the socket by the quoted packet; quoting
# another port: none (both are forwarded: ICMP is not redirected)
for sport, i in ((80, 31), (8080, 32)):
    t.add("eth0", CLIENT / IP(id=i, **WEB) / ICMP(type=3, code=3) /
          IP(id=0, flags="DF", src="203.0.113.10", dst="192.0.2.2") /
          TCP(sport=sport, dport=43000, flags="SA", seq=1, ack=1001))
# a SYN in the window of a half-open connection (not its SYN): an RST,
# and the request is gone
t.add("eth0", CLIENT / IP(id=11, **ME) / TCP(sport=43005, dport=22, flags="S", seq=6100))
# RSTs end the others (the redirected one through -m socket), so that no
# SYN-ACK timer (1 s) runs into the capture's end
t.add("eth0", CLIENT / IP(id=12, **WEB) / TCP(sport=43000, dport=80, flags="R", seq=1001))
t.add("eth0", CLIENT / IP(id=13, **ME) / TCP(sport=43004, dport=8000, flags="R", seq=5001))
t.write()
