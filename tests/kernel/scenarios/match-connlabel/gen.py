#!/usr/bin/python3
"""match-connlabel: conntrack labels set and matched by -m connlabel.

Proves (connlabel_mt): --set sets the label of the packet's connection
and matches (inverted: sets it and does not match), the label stays for
the connection's later packets in both directions, other connections
and labels never set do not match, a packet without a connection
(INVALID) matches only inverted; setting a label on a later packet is
an [UPDATE] event of its own.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, IP, UDP, TCP,  # noqa: E402
                    Raw)

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()
# a web connection: labelled 3 by its first packet
c = TcpConv(t, ("eth0", CLIENT, C, 40000, 1000),
            ("eth1", UPSTREAM, FAR, 80, 5000))
c.handshake()
c.a("PA", b"hello")
c.b("A")
# a UDP flow: `! --label 100 --set` labels it (and does not match)
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=50) / UDP(sport=5000, dport=53) /
      Raw(b"q"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=51) / UDP(sport=53, dport=5000) /
      Raw(b"a"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=52) / UDP(sport=5000, dport=53) /
      Raw(b"q"))
# TCP to another port: no label at all, dropped
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=53) /
      TCP(sport=40001, dport=22, flags="S", seq=1))
# INVALID (bad checksum): no connection
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=54) /
      TCP(sport=40002, dport=80, flags="S", seq=1, chksum=0xdead))
t.write()
