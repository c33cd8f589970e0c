#!/usr/bin/python3
"""target-hmark-ct: HMARK --hmark-tuple ct hashes the connection.

Proves (hmark_ct_set_htuple): the original direction's source and the
reply direction's source (the same for both directions of a connection,
whatever the packet's own addresses), the ports from the tuples, ICMP
without ports; an INVALID packet (no connection) keeps its mark 0.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, IP, UDP, TCP,  # noqa: E402
                    ICMP, Raw)

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()
c = TcpConv(t, ("eth0", CLIENT, C, 40000, 1000),
            ("eth1", UPSTREAM, FAR, 80, 5000))
c.handshake()
c.a("PA", b"hello")
c.b("A")
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=50) / UDP(sport=5000, dport=53) /
      Raw(b"q"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=51) / UDP(sport=53, dport=5000) /
      Raw(b"a"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=52) / ICMP(type=8, id=9, seq=1))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=53) / ICMP(type=0, id=9, seq=1))
# an ACK for no connection with tcp_loose picks it up; a bad checksum is
# INVALID
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=54) /
      TCP(sport=40001, dport=80, flags="A", seq=1, ack=1, chksum=0xdead))
t.write()
