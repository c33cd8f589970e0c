#!/usr/bin/python3
"""nat-dnat-portfwd: DNAT port forwarding to an inside server.

Proves: tcp/80 on the public address reaches 192.0.2.10:80 (address only),
tcp/2222 reaches 192.0.2.10:22 (port changed), udp/5060 reaches :5070; the
server's answers leave from 198.51.100.1 with the public port (un-DNAT, not
MASQUERADE: the connection's NAT was set when it began); FORWARD sees the
translated destination (`--ctstate DNAT`); full sessions with FIN; a
forwarded port from inside (eth0) is not DNATed (the rules say -i eth1):
delivered locally; tcp/8080 has no rule: delivered locally.
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
X, Y = "203.0.113.50", "203.0.113.51"
w = Tcp(t, ("eth1", UP, X, 50000), ("eth0", SRV, "192.0.2.10", 80),
        srv_seen=(PUB, 80))
s = Tcp(t, ("eth1", UP, Y, 50001), ("eth0", SRV, "192.0.2.10", 22),
        srv_seen=(PUB, 2222), cli_isn=2000, srv_isn=6000)
w.handshake()
s.handshake()
s.srv(b"SSH-2.0-server\r\n")
s.cli(b"SSH-2.0-client\r\n")
w.cli(b"GET / HTTP/1.0\r\n\r\n")
w.srv(b"HTTP/1.0 200 OK\r\n\r\n")
w.close()
s.close()
t.add("eth1", UP / IP(src=X, dst=PUB, id=300) /
      UDP(sport=5060, dport=5060) / Raw(b"INVITE"))
t.add("eth0", SRV / IP(src="192.0.2.10", dst=X, id=301) /
      UDP(sport=5070, dport=5060) / Raw(b"SIP/2.0 100 Trying"))
# from inside to the public port: no rule (-i eth1)
t.add("eth0", C1 / IP(src="192.0.2.2", dst=PUB, id=302) /
      TCP(sport=40000, dport=80, flags="S", seq=1, window=8192))
t.add("eth1", UP / IP(src=X, dst=PUB, id=303) /
      TCP(sport=50002, dport=8080, flags="S", seq=1, window=8192))
t.write()
