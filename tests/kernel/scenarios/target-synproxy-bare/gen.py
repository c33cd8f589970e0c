#!/usr/bin/python3
"""target-synproxy-bare: SYNPROXY's own checks of the TCP header.

Proves (synproxy_tg4, synproxy_parse_options on 6.18), with every TCP
packet from the client untracked and nothing before the target that
looks at the header: a SYN with a data offset below 5 is dropped
without an answer (syn_received not counted); options running past the
packet: dropped; an option kind in the last byte, an option of length
1 or longer than the rest: the parse stops there, what came before
counts (the SYN/ACK has them); a SYN+ACK, FIN, RST, URG-only or no-flag
segment goes on (XT_CONTINUE: the next rule counts it, forwarded);
SYN with ECE|CWR but no --ecn: no ECN. Cookies masked (README).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
C, WEB = "192.0.2.2", "203.0.113.10"

t = Trace()


def seg(sport, flags, opts=b"", doff=None, **kw):
    if doff is None:
        doff = (20 + len(opts)) // 4
    t.add("eth0", CLIENT / IP(src=C, dst=WEB) /
          TCP(sport=sport, dport=80, flags=flags, seq=1000 + sport,
              window=1000, dataofs=doff, **kw) / Raw(opts))


TS = b"\x08\x0a\x00\x00\x00\x07\x00\x00\x00\x00"
seg(41000, "S", doff=4)                              # dropped
seg(41001, "S", b"\x02\x04\x05\xb4", doff=15)        # past the packet
seg(41002, "S", b"\x02\x04\x05\xb4" + TS + b"\x01\x03")   # kind last
seg(41003, "S", b"\x04\x02\x03\x01\x05\x01")         # wscale len 1
seg(41004, "S", b"\x04\x02" + TS + b"\x03\x09\x07\x00")   # len > rest
seg(41005, "SEC", b"\x02\x04\x05\xb4\x04\x02" + TS + b"\x01\x03\x03\x03")
seg(41006, "SA")
seg(41007, "F")
seg(41008, "R")
seg(41009, "U", urgptr=1)
seg(41010, "")
t.write()
