#!/usr/bin/python3
"""The host's stack behind NAT and conntrack: a SYN REDIRECTed to a
listening socket gets its SYN-ACK un-NATed, a DNATed datagram reaches
its socket, the answers are ESTABLISHED or RELATED in OUTPUT:
/usr/bin/python3 gen.py [OUTDIR]"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, TCP, UDP, ICMP, Raw, CLIENT  # noqa: E402

WEB = dict(src="192.0.2.2", dst="203.0.113.10")
ME = dict(src="192.0.2.2", dst="192.0.2.1")

t = Trace()
t.add("eth0", CLIENT / IP(id=1, **WEB) / TCP(sport=44000, dport=80, flags="S", seq=1000,
      options=[("MSS", 1460), ("SAckOK", b""), ("WScale", 7)]))
t.add("eth0", CLIENT / IP(id=2, **ME) / TCP(sport=44001, dport=81, flags="S", seq=2000))
t.add("eth0", CLIENT / IP(id=3, **ME) / ICMP(id=9, seq=1) / Raw(b"abc"))
t.add("eth0", CLIENT / IP(id=4, **WEB) / UDP(sport=7000, dport=53) / Raw(b"query"))
t.add("eth0", CLIENT / IP(id=5, **ME) / UDP(sport=7001, dport=9) / Raw(b"x"))
# REDIRECTed to a closed port: the RST comes un-NATed (conntrack cannot
# tell an ACK of something else from a late one without Linux's random
# ISN: not sent through conntrack here)
t.add("eth0", CLIENT / IP(id=6, **WEB) / TCP(sport=44002, dport=8080, flags="S", seq=3000))
# the client's RST ends the half-open connection (NATed to its socket)
t.add("eth0", CLIENT / IP(id=7, **WEB) / TCP(sport=44000, dport=80, flags="R", seq=1001))
t.write()
