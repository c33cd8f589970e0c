#!/usr/bin/python3
"""nat-dnat-range: DNAT --to-destination A1-A2 and A:P1-P2.

Proves: which server of 192.0.2.10-192.0.2.11 each client gets (a hash of
the client's and the original destination address, no random seed: each
client always lands on the same server, whatever its port); answers from
either server leave from 198.51.100.1:80; a destination port already inside
the rule's port range and free is kept (8000 and 8001 stay).
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
CHOSEN = {50: "192.0.2.10", 51: "192.0.2.10", 52: "192.0.2.11",
          53: "192.0.2.10", 54: "192.0.2.11", 55: "192.0.2.11"}  # recorded
MAC = {"192.0.2.10": SRV,
       "192.0.2.11": Ether(src="02:00:00:00:00:0b", dst="02:00:00:00:01:00")}
n = 0
for host in sorted(CHOSEN):
    for port in (50000, 50001):
        srv = CHOSEN[host]
        c = Tcp(t, ("eth1", UP, "203.0.113.%d" % host, port),
                ("eth0", MAC[srv], srv, 80), srv_seen=(PUB, 80),
                cli_isn=1000 + 1000 * n, srv_isn=90000 + 1000 * n)
        n += 1
        c.cli(flags="S")
        c.srv(flags="SA")
        c.cli(flags="A")
for dport in (8000, 8001):
    c = Tcp(t, ("eth1", UP, "203.0.113.60", 51000 + dport - 8000),
            ("eth0", SRV, "192.0.2.10", dport), srv_seen=(PUB, dport),
            cli_isn=dport, srv_isn=dport * 2)
    c.cli(flags="S")
    c.srv(flags="SA")
t.write()
