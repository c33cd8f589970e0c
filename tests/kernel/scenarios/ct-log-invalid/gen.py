#!/usr/bin/python3
"""nf_conntrack_log_invalid=6: the TCP tracker's reasons logged for
INVALID TCP (out of window, bad flags, SYN/ACK without SYN, bad checksum,
RST out of window); INVALID UDP and ICMP are not logged with 6."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 42500, 1000),
            ("eth1", UPSTREAM, S, 80, 5000), win=8000)
c.handshake()
c.a("PA", b"x" * 10)
c.b("A")
c.a("PA", b"far", seq=c.nxt["a"] + 5000000)
c.a("A", ack=c.nxt["b"] + 5000000)
c.b("R", seq=c.nxt["b"] + 9000000)
for i, fl in enumerate(("FPU", "", "SF", "SA", "F")):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=10 + i) /
          TCP(sport=42600 + i, dport=80, flags=fl, seq=1,
              ack=5 if "A" in fl else 0, window=100))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=20) /
      TCP(sport=42700, dport=80, flags="S", seq=1, window=100,
          chksum=0x1357))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=21) /
      UDP(sport=42800, dport=53, chksum=0x1357) / Raw(b"bad"))
t.add("eth1", UPSTREAM / IP(src=S, dst="192.0.2.2", id=22) /
      ICMP(type=0, id=99, seq=1) / Raw(b"reply without request"))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=23) /
      TCP(sport=42900, dport=22, flags="FPU", seq=1, window=100))
t.write()
