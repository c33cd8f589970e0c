#!/usr/bin/python3
"""match-bpf: the bpf match's classic programs (--bytecode) on forwarded and
local packets.

Proves (bpf_mt): the program sees the packet from its IP header (protocol
at 9, TTL at 8, ldx msh for the transport header), `ld len` is the IP
length (not the frame's, padding excluded), a load beyond the data ends
the program with 0 (no match), as does a division by a zero X; ret a
matches on any non-zero value; scratch memory; a non-first fragment is
seen as it is (no transport header: the port program reads payload);
DROP by program in FORWARD; INPUT sees the TTL as received.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, UPSTREAM, IP, TCP, UDP, ICMP, Raw  # noqa: E402

C, FW, FAR = "192.0.2.2", "192.0.2.1", "203.0.113.10"

t = Trace()
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=1, ttl=64) /
      TCP(sport=40000, dport=80, flags="S", seq=1, window=1024))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=2, ttl=64) /
      TCP(sport=40001, dport=443, flags="S", seq=1, window=1024))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=3, ttl=65) /
      UDP(sport=40002, dport=80) / Raw(b"x" * 200))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=4, ttl=64) /
      UDP(sport=40003, dport=9) / Raw(b"discard"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=5, ttl=50) /
      ICMP(type=8, id=1, seq=1) / Raw(b"p" * 90))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=6, ttl=51) /
      TCP(sport=80, dport=40000, flags="SA", seq=9, ack=2, window=1024) /
      Raw(b"y" * 60))
# a non-first fragment of a UDP datagram: bytes 2-3 after the header are
# payload ("\x00\x50" = 80)
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=7, ttl=64, proto=17, frag=3) /
      Raw(b"\x00\x00\x00\x50" + b"f" * 20))
t.add("eth0", CLIENT / IP(src=C, dst=FW, id=8, ttl=64) /
      ICMP(type=8, id=2, seq=1) / Raw(b"q" * 100))
t.add("eth0", CLIENT / IP(src=C, dst=FW, id=9, ttl=64) /
      ICMP(type=8, id=2, seq=2))
t.write()
