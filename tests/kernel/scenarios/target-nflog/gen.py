#!/usr/bin/python3
"""target-nflog: NFLOG messages as an nfnetlink_log listener gets them
(tcpdump -i nflog:N, LINKTYPE_NFLOG).

Proves (nfulnl_log_packet, __build_packet_message): per group one message
per logged packet: family, version, group, then the packet header (hook),
the prefix (NUL-terminated, empty too), input/output ifindex, the mark
when nonzero, the input's hardware address, type, length and header, the
timestamp (value masked), UID/GID of a socket, the payload: whole, cut to
--nflog-size, none with --nflog-size 0; --nflog-range and
--nflog-threshold change nothing; group 0 by default; forwarded, local
(INPUT) and the host's own (OUTPUT/POSTROUTING) packets.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap, in-eth1.pcap and
local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, CLIENT, UPSTREAM, LOCAL, IP, UDP, ICMP,  # noqa: E402
                    Raw)

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()
for n, dport in enumerate((1, 2, 3, 4), 1):
    t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=n) /
          UDP(sport=7000 + n, dport=dport) / Raw(b"nflog payload %d" % n))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=5) /
      UDP(sport=3, dport=7003) / Raw(b"reply"))
t.add("eth0", CLIENT / IP(src=C, dst="192.0.2.1", id=6) /
      UDP(sport=7006, dport=1) / Raw(b"to the host"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=7) / ICMP(type=8, id=1, seq=1))
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=8) /
      UDP(sport=7008, dport=3) / Raw(b"from the host"))
t.write()
