#!/usr/bin/python3
"""nat-null-binding: connections without a matching NAT rule (the null
binding).

Proves: a connection whose SYN matches no nat rule gets the null binding and
keeps it: its later segments, which the SNAT rule (non-SYN only) and the
DNAT rule (non-SYN to 8080) would match, are not translated (the inside
host's session leaves with 192.0.2.2; the outside client's ACKs to 8080 are
delivered to the host); a connection picked up mid-stream (its first packet
an ACK: nf_conntrack_tcp_loose) is NATed by those rules, both ways; UDP from
192.0.2.2 (no rule) leaves untranslated and its answer comes back, while
192.0.2.3's is MASQUERADEd; nat counters count first packets only.
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
a = Tcp(t, ("eth0", C1, "192.0.2.2", 40000), ("eth1", UP, S, 80))
a.handshake()
a.cli(b"GET")
a.srv(b"200")
b = Tcp(t, ("eth1", UP, "203.0.113.50", 50000),
        ("eth1", UP, PUB, 8080), cli_isn=2000, srv_isn=6000)
b.cli(flags="S")
# (the host's answer is not written: its stack is muted)
b.cli(flags="A", ack=1)
b.cli(b"data", ack=1)
# picked up mid-stream: the first packet is an ACK
m = Tcp(t, ("eth0", C1, "192.0.2.2", 40001), ("eth1", UP, S, 80),
        cli_seen=("198.51.100.9", 40001), cli_isn=3000, srv_isn=7000)
m.cli(b"mid", ack=7000)
m.srv(b"ok")
m.cli()
n = Tcp(t, ("eth1", UP, "203.0.113.51", 50001),
        ("eth0", SRV, "192.0.2.10", 80), srv_seen=(PUB, 8080),
        cli_isn=4000, srv_isn=8000)
n.cli(b"mid", ack=8000)
n.srv(b"ok")
for src, eth, seen in (("192.0.2.2", C1, "192.0.2.2"),
                       ("192.0.2.3", C2, PUB)):
    t.add("eth0", eth / IP(src=src, dst="203.0.113.53", id=300) /
          UDP(sport=5353, dport=53) / Raw(b"q"))
    t.add("eth1", UP / IP(src="203.0.113.53", dst=seen, id=301) /
          UDP(sport=53, dport=5353) / Raw(b"a"))
t.write()
