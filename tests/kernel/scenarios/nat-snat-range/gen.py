#!/usr/bin/python3
"""nat-snat-range: SNAT --to-source A1-A2, with and without --persistent.

Proves: which address of the range each connection gets (the kernel hashes
the source address with the destination address, or with 0 under
--persistent: one inside host then always gets the same address whatever the
server); ports kept; a connection from a source address:port that is already
mapped reuses that mapping (192.0.2.2:40000 to a second server gets the
first connection's address .13, where the hash gives .10 for that server and
.11 for the next); SYN/ACKs sent to the chosen addresses come back
translated. Deterministic: the hash has no random seed (jhash2 with a fixed
initial value), no port is contested.
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
# the kernel's choices (recorded: see kernel/eth1.pcap)
CHOSEN = {
    ("192.0.2.2", 40000, "203.0.113.10"): "198.51.100.13",
    ("192.0.2.2", 40001, "203.0.113.11"): "198.51.100.11",
    ("192.0.2.2", 40002, "203.0.113.12"): "198.51.100.10",
    ("192.0.2.2", 40003, "203.0.113.13"): "198.51.100.13",
    ("192.0.2.2", 40000, "203.0.113.14"): "198.51.100.13",
    ("192.0.2.2", 40004, "203.0.113.14"): "198.51.100.10",
    ("192.0.2.2", 40005, "203.0.113.15"): "198.51.100.11",
    ("192.0.2.2", 40000, "203.0.113.15"): "198.51.100.13",
    ("192.0.2.3", 40000, "203.0.113.10"): "198.51.100.22",
    ("192.0.2.3", 40001, "203.0.113.11"): "198.51.100.22",
    ("192.0.2.3", 40002, "203.0.113.12"): "198.51.100.22",
    ("192.0.2.3", 40003, "203.0.113.13"): "198.51.100.22",
}
conns = []
for cip, eth in (("192.0.2.2", C1), ("192.0.2.3", C2)):
    for i in range(4):
        conns.append((cip, eth, 40000 + i, "203.0.113.%d" % (10 + i)))
# the same source address:port to a new server: the first mapping is reused
conns.append(("192.0.2.2", C1, 40000, "203.0.113.14"))
# other ports to new servers: the hash alone
conns.append(("192.0.2.2", C1, 40004, "203.0.113.14"))
conns.append(("192.0.2.2", C1, 40005, "203.0.113.15"))
conns.append(("192.0.2.2", C1, 40000, "203.0.113.15"))
for n, (cip, eth, port, srv) in enumerate(conns):
    c = Tcp(t, ("eth0", eth, cip, port), ("eth1", UP, srv, 80),
            cli_seen=(CHOSEN[(cip, port, srv)], port),
            cli_isn=1000 * (n + 1), srv_isn=50000 + 1000 * n)
    c.cli(flags="S")
    c.srv(flags="SA")
    c.cli(flags="A")
t.write()
