#!/usr/bin/python3
"""nat-masq-gateway: a home gateway with MASQUERADE and a stateful FORWARD.

Proves: two inside hosts' TCP sessions (handshake, data, FIN from either
side), a DNS query and its answer, pings with their echo replies, all leave
from 198.51.100.1 with their own ports/ids (free, so kept) and the replies
come back translated to the inside host; an unsolicited SYN from outside to
an inside address is not forwarded (FORWARD: NEW from eth1, logged); one to
the gateway's address and a UDP datagram to a port nobody mapped are
delivered to the gateway itself.
/usr/bin/python3 gen.py [OUTDIR] writes the inputs."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, TCP, UDP, ICMP, Raw  # noqa
from conv import Tcp  # noqa: E402,F401

C1 = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")   # 192.0.2.2
C2 = Ether(src="02:00:00:00:00:03", dst="02:00:00:00:01:00")   # 192.0.2.3
SRV = Ether(src="02:00:00:00:00:0a", dst="02:00:00:00:01:00")  # 192.0.2.10
UP = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")   # 198.51.100.2
PUB = "198.51.100.1"

t = Trace()
S = "203.0.113.10"
a = Tcp(t, ("eth0", C1, "192.0.2.2", 40000), ("eth1", UP, S, 80),
        cli_seen=(PUB, 40000))
b = Tcp(t, ("eth0", C2, "192.0.2.3", 40500), ("eth1", UP, S, 443),
        cli_seen=(PUB, 40500), cli_isn=20000, srv_isn=90000)
a.handshake()
b.handshake()
a.cli(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n")
a.srv(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")
b.cli(b"\x16\x03\x01hello")
b.srv(b"\x16\x03\x03world")
# DNS
t.add("eth0", C1 / IP(src="192.0.2.2", dst="203.0.113.53", id=300) /
      UDP(sport=5353, dport=53) / Raw(b"\x12\x34\x01\x00query"))
t.add("eth1", UP / IP(src="203.0.113.53", dst=PUB, id=301) /
      UDP(sport=53, dport=5353) / Raw(b"\x12\x34\x81\x80answer"))
# ping, two echoes
for seq in (1, 2):
    t.add("eth0", C2 / IP(src="192.0.2.3", dst=S, id=400 + seq) /
          ICMP(type=8, id=0x1234, seq=seq) / Raw(b"ping"))
    t.add("eth1", UP / IP(src=S, dst=PUB, id=500 + seq) /
          ICMP(type=0, id=0x1234, seq=seq) / Raw(b"ping"))
a.close()
# the server closes this one
b.srv(flags="FA")
b.cli(flags="FA")
b.srv(flags="A")
# unsolicited from outside
t.add("eth1", UP / IP(src="203.0.113.66", dst="192.0.2.2", id=600) /
      TCP(sport=50000, dport=22, flags="S", seq=1, window=8192))
t.add("eth1", UP / IP(src="203.0.113.66", dst=PUB, id=601) /
      TCP(sport=50001, dport=80, flags="S", seq=1, window=8192))
t.add("eth1", UP / IP(src="203.0.113.53", dst=PUB, id=602) /
      UDP(sport=53, dport=5999) / Raw(b"stray"))
t.write()
