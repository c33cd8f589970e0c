#!/usr/bin/python3
"""match-icmp: the icmp match on forwarded messages, both directions.

Proves (icmp_mt, icmp_type_code_match): a name without a code covers all
codes (echo-request with code 1 is still echo-request, not 8/0); type/code
ranges of the names (destination-unreachable = 3, any code); inversion;
"any" matches every ICMP and its inversion none; unknown types; an ICMP
header shorter than 8 bytes hot-drops at the first icmp match (even when
the type byte is there); a non-first fragment matches no icmp rule;
OUTPUT sees the host's own errors: host-prohibited (3/10) from REJECT,
time exceeded (11/0) for a forwarded TTL 1 packet (routing sends it
before FORWARD, so the UDP REJECT rule never sees that packet).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FAR = "192.0.2.2", "203.0.113.10"
# the datagram an error message quotes (as sent by the client)
QUOTE = bytes(IP(src=C, dst=FAR, id=77, ttl=3) /
              UDP(sport=33434, dport=33435) / Raw(b"probe"))[:28]

t = Trace()


def out(ident, icmp, data=b"ping"):
    t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=ident) / icmp / Raw(data))


def inb(ident, icmp, data=b"ping"):
    t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=ident, ttl=60) / icmp /
          Raw(data))


out(1, ICMP(type=8, code=0, id=0x100, seq=1))        # echo request
inb(2, ICMP(type=0, code=0, id=0x100, seq=1))        # echo reply
out(3, ICMP(type=8, code=1, id=0x100, seq=2))        # echo request, code 1
inb(4, ICMP(type=0, code=1, id=0x100, seq=2))        # echo reply, code 1
inb(5, ICMP(type=8, code=0, id=0x200, seq=1))        # inbound ping: dropped
inb(6, ICMP(type=3, code=3), QUOTE)                  # port unreachable
inb(7, ICMP(type=3, code=13), QUOTE)                 # admin. prohibited
inb(8, ICMP(type=3, code=4, nexthopmtu=1400), QUOTE)  # frag needed
inb(9, ICMP(type=11, code=0), QUOTE)                 # ttl exceeded
inb(10, ICMP(type=11, code=1), QUOTE)                # reassembly exceeded
inb(11, ICMP(type=5, code=1, gw="203.0.113.1"), QUOTE)  # redirect: dropped
out(12, ICMP(type=13, code=0, id=0x300, seq=1, ts_ori=1000, ts_rx=0,
             ts_tx=0), b"")                          # timestamp: dropped
out(13, ICMP(type=42, code=7), b"\x00\x00\x00\x00")   # unassigned type
# 4 bytes of ICMP (type, code, checksum): hot-dropped at "any"
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=14, proto=1) /
      Raw(b"\x08\x00\xf7\xff"))
# a non-first fragment of an echo request: no icmp rule, forwarded
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=15, proto=1, frag=1) /
      Raw(b"\x08\x00\x00\x00\x00\x00\x00\x00"))
# a UDP packet: REJECT host-prohibited; the same with TTL 1: time exceeded
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=16) /
      UDP(sport=33434, dport=33435) / Raw(b"probe"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=17, ttl=1) /
      UDP(sport=33434, dport=33436) / Raw(b"probe"))
t.write()
