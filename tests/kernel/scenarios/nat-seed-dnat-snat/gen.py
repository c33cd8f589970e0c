#!/usr/bin/python3
"""nat-seed-dnat-snat: the seed's DNAT+SNAT proxy (1.1.1.1 -> 2.2.2.2).

Proves: a client's HTTP connection to 1.1.1.1:80 leaves for 2.2.2.2:80 from
1.1.1.1 (DNAT in PREROUTING, SNAT in POSTROUTING, the client's port kept as
it is free), out the interface it came in on; the server's answers to
1.1.1.1 go back to the client from 1.1.1.1:80 (both translations undone);
handshake, data both ways, FIN teardown. A second client at the same time
(another source port: two clients with the same port would clash on
1.1.1.1:PORT -> 2.2.2.2:80 and the kernel picks a random free port). A
client reaching 2.2.2.2:443 directly through the host is SNATed too (the
rule has no port). Not DNATed: tcp/22 and udp/80 and a ping to 1.1.1.1
(delivered locally). nat counters see each connection's first packet only.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402
from conv import Tcp  # noqa: E402

ROUTER = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:00")
PROXY, SERVER = "1.1.1.1", "2.2.2.2"

t = Trace()
a = Tcp(t, ("eth0", ROUTER, "203.0.113.7", 40000),
        ("eth0", ROUTER, SERVER, 80),
        srv_seen=(PROXY, 80), cli_seen=(PROXY, 40000))
b = Tcp(t, ("eth0", ROUTER, "203.0.113.9", 40001),
        ("eth0", ROUTER, SERVER, 80),
        srv_seen=(PROXY, 80), cli_seen=(PROXY, 40001),
        cli_isn=7000, srv_isn=9000)
a.handshake()
b.handshake()
a.cli(b"GET / HTTP/1.0\r\n\r\n")
b.cli(b"GET /b HTTP/1.0\r\n\r\n")
a.srv(b"HTTP/1.0 200 OK\r\n\r\nhello")
b.srv(b"HTTP/1.0 404 Not Found\r\n\r\n")
a.cli()
a.close()
b.close()
# straight to the server through the host: only the SNAT applies
d = Tcp(t, ("eth0", ROUTER, "203.0.113.8", 50000),
        ("eth0", ROUTER, SERVER, 443), cli_seen=(PROXY, 50000),
        cli_isn=300, srv_isn=600)
d.handshake()
# for the proxy itself, not DNATed: ssh, udp/80, ping
t.add("eth0", ROUTER / IP(src="203.0.113.7", dst=PROXY, id=11) /
      TCP(sport=40100, dport=22, flags="S", seq=1, window=8192))
t.add("eth0", ROUTER / IP(src="203.0.113.7", dst=PROXY, id=12) /
      UDP(sport=40101, dport=80) / Raw(b"udp"))
t.add("eth0", ROUTER / IP(src="203.0.113.7", dst=PROXY, id=13) /
      ICMP(type=8, id=77, seq=1) / Raw(b"ping"))
t.write()
