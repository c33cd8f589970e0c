#!/usr/bin/python3
"""match-conntrack-family: the state, conntrack and helper matches and the
CT/NOTRACK targets on forwarded traffic, each FORWARD rule a counter.

Proves: NEW, ESTABLISHED (both directions), RELATED (an ICMP error
quoting a flow), INVALID (an echo reply without request) and UNTRACKED
(NOTRACK; a later CT on the same packet ignored) as the state bits of
every conntrack option, negations included; addresses, ports (ICMP id and
type/code as ports), status, direction, the remaining seconds of
established entries; the helper match without helpers; an ESP entry in
zone 7 (conntrack -L).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, DNS, WEB, VPN = "192.0.2.2", "203.0.113.53", "203.0.113.10", \
    "203.0.113.20"

t = Trace()
# a UDP flow: request, answer, a second request
t.add("eth0", CLIENT / IP(src=C, dst=DNS, id=101) /
      UDP(sport=40000, dport=53) / Raw(b"q1"))
t.add("eth1", UPSTREAM / IP(src=DNS, dst=C, id=501) /
      UDP(sport=53, dport=40000) / Raw(b"a1"))
t.add("eth0", CLIENT / IP(src=C, dst=DNS, id=102) /
      UDP(sport=40000, dport=53) / Raw(b"q2"))
# ping and its reply
t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=103) /
      ICMP(type=8, id=77, seq=1) / Raw(b"abcdefgh"))
t.add("eth1", UPSTREAM / IP(src=WEB, dst=C, id=502) /
      ICMP(type=0, id=77, seq=1) / Raw(b"abcdefgh"))
# an echo reply nobody asked for: INVALID
t.add("eth1", UPSTREAM / IP(src=WEB, dst=C, id=503) /
      ICMP(type=0, id=99, seq=1) / Raw(b"abcdefgh"))
# a port unreachable quoting the UDP flow: RELATED, reply direction
t.add("eth1", UPSTREAM / IP(src=DNS, dst=C, id=504) /
      ICMP(type=3, code=3) / IP(src=C, dst=DNS, id=102, ttl=63) /
      UDP(sport=40000, dport=53, len=10, chksum=0) / Raw(b"q2"))
# untracked (NOTRACK), twice
t.add("eth0", CLIENT / IP(src=C, dst=DNS, id=104) /
      UDP(sport=40001, dport=9999) / Raw(b"u1"))
t.add("eth0", CLIENT / IP(src=C, dst=DNS, id=105) /
      UDP(sport=40001, dport=9999) / Raw(b"u2"))
# ESP (the generic tracker), in zone 7
t.add("eth0", CLIENT / IP(src=C, dst=VPN, id=106, proto=50) /
      Raw(b"\x00\x00\x12\x34\x00\x00\x00\x01" + b"\0" * 16))
t.write()
