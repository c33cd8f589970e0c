#!/usr/bin/python3
"""match-tcpmss: the tcpmss match on SYNs and other segments.

Proves (tcpmss_mt): the value is read from the first well-formed MSS
option (kind 2, length 4, all 4 bytes inside the options) wherever it is,
odd offsets included; no options, or only malformed MSS options (length 3,
kind 2 in the last byte), are "no MSS": only the inverted rules match; the
match does not look at the flags (an ACK with the option matches) nor at
the fragment offset (a non-first fragment's payload is read as a TCP
header); a data offset below 5, options running past the packet or fewer
than 20 bytes of TCP hot-drop at the first tcpmss rule (`-p tcp` before it
counts). DROP rules: MSS below 536, and a SYN with an MSS above 1452
(what a PPPoE link would clamp).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, WEB = "192.0.2.2", "203.0.113.10"

t = Trace()


def mss(v):
    return bytes([2, 4, v >> 8, v & 0xff])


def seg(sport, dport, flags, seq, opts=b"", doff=None, data=b""):
    if doff is None:
        doff = (20 + len(opts)) // 4
    return TCP(sport=sport, dport=dport, flags=flags, seq=seq, window=8192,
               dataofs=doff) / Raw(opts + data)


def out(ident, tcp, **ip):
    t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=ident, **ip) / tcp)


# SYN: mss 1460, sackOK, timestamp, nop, wscale -> dropped (> 1452)
out(1, seg(40000, 80, "S", 1000, mss(1460) + b"\x04\x02\x08\x0a\x00\x00"
           b"\x30\x39\x00\x00\x00\x00\x01\x03\x03\x07"))
# SYN/ACK from upstream with 1400: forwarded
t.add("eth1", UPSTREAM / IP(src=WEB, dst=C, id=2, ttl=60) /
      seg(80, 40001, "SA", 5000, mss(1400)))
# SYN without options: no MSS (only the ! rules), forwarded
out(3, seg(40002, 80, "S", 2000))
# SYN with mss 536 and with mss 100 (dropped)
out(4, seg(40003, 80, "S", 3000, mss(536)))
out(5, seg(40004, 80, "S", 4000, mss(100)))
# SYN with nop, mss 1200 at offset 1, sackOK, EOL
out(6, seg(40005, 80, "S", 5000, b"\x01" + mss(1200) + b"\x04\x02\x00"))
# bad MSS options: length 3, then kind 2 in the last byte: no MSS
out(7, seg(40006, 80, "S", 6000, b"\x02\x03\x05\x01\x01\x01\x01\x02"))
# an ACK carrying an MSS option: matched all the same
out(8, seg(40007, 80, "A", 7000, mss(1460)))
# data offset 4, data offset 15 with 4 option bytes, 12 bytes of TCP:
# hot-dropped at the first tcpmss rule
out(9, seg(40008, 80, "S", 8000, doff=4))
out(10, seg(40009, 80, "S", 9000, mss(1460), doff=15))
t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=11, proto=6) /
      Raw(bytes(seg(40010, 80, "S", 10000))[:12]))
# a non-first fragment whose payload looks like a TCP header with an mss
# of 1000: read as such (--mss 1000:1500 counts it)
t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=12, proto=6, frag=3) /
      Raw(bytes(seg(40011, 80, "S", 11000, mss(1000)))))
t.write()
