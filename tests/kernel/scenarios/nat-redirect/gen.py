#!/usr/bin/python3
"""nat-redirect: REDIRECT (--to-ports P, a port range, none) in PREROUTING and
OUTPUT.

Proves: an inside client's tcp/80 to any server is delivered to the
gateway's eth0 address 192.0.2.1:3128 (INPUT logs the new DST/DPT); the
gateway's own answers (local.pcap, a raw socket) from 192.0.2.1:3128 leave
as 203.0.113.10:80 (the reply direction un-DNATed in POSTROUTING);
--to-ports 3129-3130: the client's port 40001 already talks to
192.0.2.1:3129 (a direct connection), so the redirected one gets 3130 (one
free port: deterministic); udp/53 without --to-ports keeps the port, address
192.0.2.1, and the answer from 192.0.2.1:53 leaves as 203.0.113.53:53; nat
OUTPUT: a local SYN for 203.0.113.10:8080 is redirected to 127.0.0.1:8081
and re-routed over lo (delivered, IN=lo), its answer from 127.0.0.1:8081
comes back in from 203.0.113.10:8080.
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
GW = "192.0.2.1"
# transparent proxy for http
t.add("eth0", C1 / IP(src="192.0.2.2", dst=S, id=100) /
      TCP(sport=40000, dport=80, flags="S", seq=1000, window=8192))
t.add(LOCAL, IP(src=GW, dst="192.0.2.2", id=500) /
      TCP(sport=3128, dport=40000, flags="SA", seq=5000, ack=1001,
          window=8192))
t.add("eth0", C1 / IP(src="192.0.2.2", dst=S, id=101) /
      TCP(sport=40000, dport=80, flags="A", seq=1001, ack=5001, window=8192))
t.add("eth0", C1 / IP(src="192.0.2.2", dst=S, id=102) /
      TCP(sport=40000, dport=80, flags="PA", seq=1001, ack=5001,
          window=8192) / Raw(b"GET / HTTP/1.0\r\n\r\n"))
t.add(LOCAL, IP(src=GW, dst="192.0.2.2", id=501) /
      TCP(sport=3128, dport=40000, flags="PA", seq=5001, ack=1019,
          window=8192) / Raw(b"HTTP/1.0 200 OK\r\n\r\n"))
# 3129 taken by a direct connection from the same client port
t.add("eth0", C1 / IP(src="192.0.2.2", dst=GW, id=103) /
      TCP(sport=40001, dport=3129, flags="S", seq=2000, window=8192))
t.add("eth0", C1 / IP(src="192.0.2.2", dst=S, id=104) /
      TCP(sport=40001, dport=443, flags="S", seq=3000, window=8192))
t.add(LOCAL, IP(src=GW, dst="192.0.2.2", id=502) /
      TCP(sport=3130, dport=40001, flags="SA", seq=7000, ack=3001,
          window=8192))
# dns interception
t.add("eth0", C2 / IP(src="192.0.2.3", dst="203.0.113.53", id=105) /
      UDP(sport=5353, dport=53) / Raw(b"query"))
t.add(LOCAL, IP(src=GW, dst="192.0.2.3", id=503) /
      UDP(sport=53, dport=5353) / Raw(b"answer"))
# nat OUTPUT: redirected to 127.0.0.1:8081 over lo
t.add(LOCAL, IP(src=PUB, dst=S, id=504) /
      TCP(sport=45000, dport=8080, flags="S", seq=9000, window=8192))
t.add(LOCAL, IP(src="127.0.0.1", dst=PUB, id=505) /
      TCP(sport=8081, dport=45000, flags="SA", seq=4000, ack=9001,
          window=8192))
t.write()
