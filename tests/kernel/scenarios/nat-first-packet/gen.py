#!/usr/bin/python3
"""nat-first-packet: the nat table sees the first packet of a connection only.

Proves: in a TCP session of 9 segments through MASQUERADE, and in a
port-forwarded one, nat PREROUTING and POSTROUTING log and count only the
SYN (the rest follow the binding, answers included); a UDP exchange and a
ping likewise; a connection to the host itself shows in nat PREROUTING and
INPUT once, and the host's own answers (local.pcap) never reach nat OUTPUT
or POSTROUTING (they are replies); the host's own new connection is seen by
nat OUTPUT and POSTROUTING once; a source exempted by ACCEPT in nat
PREROUTING is not DNATed (delivered to the host); RETURN from the user chain
for tcp/22 leaves it undecided (delivered).
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
a.handshake()
a.cli(b"GET")
a.srv(b"200")
a.cli(b"more")
a.srv(b"done")
a.close()
f = Tcp(t, ("eth1", UP, "203.0.113.50", 50000),
        ("eth0", SRV, "192.0.2.10", 80), srv_seen=(PUB, 80),
        cli_isn=2000, srv_isn=6000)
f.handshake()
f.cli(b"GET")
f.srv(b"200")
for i in range(2):
    t.add("eth0", C2 / IP(src="192.0.2.3", dst="203.0.113.53", id=300 + i) /
          UDP(sport=5353, dport=53) / Raw(b"q"))
    t.add("eth1", UP / IP(src="203.0.113.53", dst=PUB, id=310 + i) /
          UDP(sport=53, dport=5353) / Raw(b"a"))
    t.add("eth0", C2 / IP(src="192.0.2.3", dst=S, id=320 + i) /
          ICMP(type=8, id=9, seq=i) / Raw(b"ping"))
    t.add("eth1", UP / IP(src=S, dst=PUB, id=330 + i) /
          ICMP(type=0, id=9, seq=i) / Raw(b"ping"))
# ssh to the host: RETURN, then delivered; the host answers
t.add("eth1", UP / IP(src="203.0.113.51", dst=PUB, id=400) /
      TCP(sport=50001, dport=22, flags="S", seq=100, window=8192))
t.add(LOCAL, IP(src=PUB, dst="203.0.113.51", id=500) /
      TCP(sport=22, dport=50001, flags="SA", seq=900, ack=101, window=8192))
t.add("eth1", UP / IP(src="203.0.113.51", dst=PUB, id=401) /
      TCP(sport=50001, dport=22, flags="A", seq=101, ack=901, window=8192))
t.add(LOCAL, IP(src=PUB, dst="203.0.113.51", id=501) /
      TCP(sport=22, dport=50001, flags="PA", seq=901, ack=101,
          window=8192) / Raw(b"SSH-2.0\r\n"))
# exempted source: not DNATed
t.add("eth1", UP / IP(src="203.0.113.66", dst=PUB, id=402) /
      TCP(sport=50002, dport=80, flags="S", seq=200, window=8192))
# the host's own connection
t.add(LOCAL, IP(src=PUB, dst=S, id=502) /
      TCP(sport=45000, dport=443, flags="S", seq=700, window=8192))
t.add("eth1", UP / IP(src=S, dst=PUB, id=403) /
      TCP(sport=443, dport=45000, flags="SA", seq=300, ack=701, window=8192))
t.add(LOCAL, IP(src=PUB, dst=S, id=503) /
      TCP(sport=45000, dport=443, flags="A", seq=701, ack=301, window=8192))
t.write()
