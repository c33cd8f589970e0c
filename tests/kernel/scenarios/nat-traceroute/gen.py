#!/usr/bin/python3
"""nat-traceroute: traceroute through MASQUERADE (UDP, ICMP and TCP probes).

Proves: a probe with TTL 1 expires at the gateway itself: time exceeded from
192.0.2.1 quoting the probe as received (never NATed); TTL 2 leaves NATed
with TTL 1 and the upstream router's time exceeded (quoting the NATed probe)
comes back translated to the inside host; TTL 3: the same from a far router
203.0.113.1; the last probe reaches the target: port unreachable,
translated. The same for ICMP echo probes (the quoted echo's id mapped back;
the final echo reply translated) and a TCP SYN probe (the final answer an
RST/ACK, translated). Each probe is its own connection.
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
ROUTERS = {2: "198.51.100.2", 3: "203.0.113.1"}


def probes(make, final):
    for ttl in (1, 2, 3, 4):
        inside = make(ttl, "192.0.2.2", ttl)
        t.add("eth0", C1 / inside)
        if ttl == 1:
            continue      # the gateway answers by itself
        out = make(1 if ttl < 4 else 61, PUB, ttl)
        if ttl in ROUTERS:
            t.add("eth1", UP / IP(src=ROUTERS[ttl], dst=PUB, id=800 + ttl) /
                  ICMP(type=11, code=0) / IP(bytes(out)))
        else:
            t.add("eth1", UP / final(out))


def udp(ttl, src, n):
    return IP(src=src, dst=S, ttl=ttl, id=100 + n) / UDP(
        sport=40000, dport=33433 + n) / Raw(b"probe")


def udp_final(out):
    return IP(src=S, dst=PUB, id=900) / ICMP(type=3, code=3) / IP(bytes(out))


def echo(ttl, src, n):
    return IP(src=src, dst=S, ttl=ttl, id=200 + n) / ICMP(
        type=8, id=0x4444, seq=n) / Raw(b"probe")


def echo_final(out):
    return IP(src=S, dst=PUB, id=901) / ICMP(type=0, id=0x4444, seq=4) / \
        Raw(b"probe")


def syn(ttl, src, n):
    return IP(src=src, dst=S, ttl=ttl, id=300 + n) / TCP(
        sport=41000 + n, dport=80, flags="S", seq=1000 * n, window=8192)


def syn_final(out):
    return IP(src=S, dst=PUB, id=902) / TCP(
        sport=80, dport=41004, flags="RA", seq=0, ack=4001, window=0)


probes(udp, udp_final)
probes(echo, echo_final)
probes(syn, syn_final)
t.write()
