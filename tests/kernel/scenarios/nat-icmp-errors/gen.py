#!/usr/bin/python3
"""nat-icmp-errors: ICMP errors about MASQUERADEd flows, translated back.

Proves: a port unreachable from the server for an inside host's UDP flow
(quoting the datagram as it left, from 198.51.100.1) reaches the inside host
with both the outer destination and the quoted source translated back (and
every checksum fixed: IP, ICMP, the quoted IP header; the quoted UDP
checksum too); likewise a host unreachable from the upstream router for a
TCP SYN, and a fragmentation-needed (MTU 1400) from a far router for TCP
data (quoting only the first 8 bytes of TCP, as routers may); they are
RELATED in FORWARD (logged there already with the inside destination: the
reply direction's de-SNAT happens in PREROUTING); an ICMP error quoting a
flow nobody has is delivered to the host untouched.
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


def quote(pkt):
    """The packet as the outside saw it, frozen (checksums computed)."""
    return IP(bytes(pkt))


u_out = IP(src=PUB, dst=S, ttl=63, id=300) / \
    UDP(sport=40000, dport=33434) / Raw(b"probe")
t.add("eth0", C1 / IP(src="192.0.2.2", dst=S, id=300) /
      UDP(sport=40000, dport=33434) / Raw(b"probe"))
t.add("eth1", UP / IP(src=S, dst=PUB, id=900) / ICMP(type=3, code=3) /
      quote(u_out))
# a SYN the upstream router cannot deliver
t.add("eth0", C2 / IP(src="192.0.2.3", dst="203.0.113.20", id=301) /
      TCP(sport=40001, dport=80, flags="S", seq=1000, window=8192))
s_out = IP(src=PUB, dst="203.0.113.20", ttl=63, id=301) / TCP(
    sport=40001, dport=80, flags="S", seq=1000, window=8192)
t.add("eth1", UP / IP(src="198.51.100.2", dst=PUB, id=901) /
      ICMP(type=3, code=1) / quote(s_out))
# TCP data too big for a far link
a = Tcp(t, ("eth0", C1, "192.0.2.2", 40002), ("eth1", UP, S, 443),
        cli_seen=(PUB, 40002), cli_isn=3000, srv_isn=7000)
a.handshake()
big = b"x" * 1460
t.add("eth0", C1 / IP(src="192.0.2.2", dst=S, id=400, flags="DF") /
      TCP(sport=40002, dport=443, flags="PA", seq=a.cseq, ack=a.sseq,
          window=8192) / Raw(big))
d_out = IP(src=PUB, dst=S, ttl=63, id=400, flags="DF") / TCP(
    sport=40002, dport=443, flags="PA", seq=a.cseq, ack=a.sseq,
    window=8192) / Raw(big)
t.add("eth1", UP / IP(src="203.0.113.1", dst=PUB, id=902) /
      ICMP(type=3, code=4, nexthopmtu=1400) / IP(bytes(d_out)[:28]))
# about a flow nobody has
n_out = IP(src=PUB, dst=S, ttl=63, id=555) / \
    UDP(sport=39999, dport=53) / Raw(b"?")
t.add("eth1", UP / IP(src=S, dst=PUB, id=903) / ICMP(type=3, code=3) /
      quote(n_out))
t.write()
