#!/usr/bin/python3
"""The traffic of ct-checksum with nf_conntrack_checksum=0: the bad
checksums are not checked, the packets tracked and forwarded as they are."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
# a SYN with a bad TCP checksum, then a good one on the same ports
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=1) /
      TCP(sport=41500, dport=80, flags="S", seq=100, window=1000,
          chksum=0x1234))
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 41501, 1000),
            ("eth1", UPSTREAM, S, 80, 5000))
c.handshake()
c.a("PA", b"good")
c.b("PA", b"bad", chksum=0xbeef)          # a bad reply segment
c.b("PA", b"bad")                         # again, right
c.a("A")
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=2) /
      UDP(sport=41600, dport=53, chksum=0x4321) / Raw(b"bad udp"))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=3) /
      UDP(sport=41601, dport=53, chksum=0) / Raw(b"no udp checksum"))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=4) /
      ICMP(type=8, id=7, seq=1, chksum=0x1111) / Raw(b"bad icmp"))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=5) /
      TCP(sport=41502, dport=22, flags="S", seq=100, window=1000,
          chksum=0x2222))
t.write()
