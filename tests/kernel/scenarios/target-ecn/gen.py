#!/usr/bin/python3
"""target-ecn: the ECN target on IP and TCP headers.

Proves (ecn_tg, set_ect_ip, set_ect_tcp): --ecn-tcp-remove clears ECE and
CWR (SYN with both, with one, with none: no change), --ecn-tcp-cwr 1,
--ecn-tcp-ece 1 with --ecn-tcp-cwr 0; --ecn-ip-ect 2 and 0 on the TOS byte
(DSCP kept); IP and TCP together on the other direction; checksums
updated incrementally (csum_replace2); a TCP datagram with 12 bytes of
header is dropped; a non-first TCP fragment is changed at byte 13 of its
data (the kernel does not look at the offset).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, UPSTREAM, IP, TCP, UDP, ICMP, Raw  # noqa: E402

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()
n = 0


def tcp(dport, flags, tos=0, iface="eth0"):
    global n
    n += 1
    if iface == "eth0":
        t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=n, tos=tos) /
              TCP(sport=9000 + n, dport=dport, flags=flags, seq=n * 100,
                  window=8192))
    else:
        t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=n, tos=tos) /
              TCP(sport=dport, dport=9000 + n, flags=flags, seq=n * 100,
                  ack=1, window=8192))


for flags in ("SEC", "SE", "SC", "S"):
    tcp(80, flags)
for flags in ("A", "AC"):
    tcp(81, flags)
for flags in ("A", "AC", "AE", "AEC"):
    tcp(82, flags)
for tos in (0x00, 0x01, 0x03, 0xb8):
    n += 1
    t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=n, tos=tos) /
          UDP(sport=9000 + n, dport=53) / Raw(b"ect"))
n += 1
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=n, tos=0x03) /
      ICMP(type=8, id=1, seq=n))
tcp(443, "SAEC", tos=0x02, iface="eth1")
tcp(443, "SA", tos=0x01, iface="eth1")
n += 1
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=n, proto=6) /
      Raw(bytes(TCP(sport=9999, dport=80, flags="SEC"))[:12]))
n += 1
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=n, proto=6, frag=3) /
      Raw(b"\x00" * 13 + b"\xc2" + b"\x00" * 10))
t.write()
