#!/usr/bin/python3
"""nat-snat-clash: SNAT port clashes (MASQUERADE --to-ports).

Proves: two inside hosts using the same source port 40000 to the same
server: the first keeps 40000, the second gets 40001 (the only free port of
40000-40001); a third (192.0.2.10, also 40000) finds no free port: its SYN
is dropped when the connection is confirmed (no entry). A NATed flow
colliding with an existing one: a UDP datagram from 203.0.113.10:53 to the
gateway's own 41000 (delivered locally) owns that tuple, so an inside host's
41000 -> 203.0.113.10:53 gets 41001; an answer to 41001 reaches the inside
host, one to 41000 belongs to the gateway's own entry (delivered). All
answers translated back. Deterministic by design (one or no free port).
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
b = Tcp(t, ("eth0", C2, "192.0.2.3", 40000), ("eth1", UP, S, 80),
        cli_seen=(PUB, 40001), cli_isn=2000, srv_isn=6000)
c = Tcp(t, ("eth0", SRV, "192.0.2.10", 40000), ("eth1", UP, S, 80),
        cli_seen=(PUB, 40000), cli_isn=3000, srv_isn=7000)
a.handshake()
b.handshake()
c.cli(flags="S")
a.cli(b"from a")
b.cli(b"from b")
a.srv(b"to a")
b.srv(b"to b")
# an existing (local) flow owns 203.0.113.10:53 <-> 198.51.100.1:41000
t.add("eth1", UP / IP(src=S, dst=PUB, id=300) /
      UDP(sport=53, dport=41000) / Raw(b"inbound"))
t.add("eth0", C1 / IP(src="192.0.2.2", dst=S, id=301) /
      UDP(sport=41000, dport=53) / Raw(b"query"))
t.add("eth1", UP / IP(src=S, dst=PUB, id=302) /
      UDP(sport=53, dport=41001) / Raw(b"answer"))
t.add("eth1", UP / IP(src=S, dst=PUB, id=303) /
      UDP(sport=53, dport=41000) / Raw(b"inbound again"))
t.write()
