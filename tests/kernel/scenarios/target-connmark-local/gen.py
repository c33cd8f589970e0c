#!/usr/bin/python3
"""target-connmark-local: the host's own connections marked in OUTPUT,
the mark saved on the entry and restored for the answers.

Proves (mark_tg, connmark_tg_shift, connmark_mt): the first packet of the
host's SSH connection and DNS query get a mark in mangle OUTPUT (the
entry's mark still 0), which --save-mark copies to the entry; the
answers arriving on eth1 get it back in PREROUTING (INPUT sees it, LOG's
MARK=); later packets of the host are marked through --save-mark of
their own unchanged mark; an unsolicited packet stays unmarked;
conntrack -L's mark= (34, 83).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth1.pcap and local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, LOCAL, UPSTREAM, IP, UDP,  # noqa: E402
                    TCP, Raw)

ME, FAR = "198.51.100.1", "203.0.113.10"
t = Trace()
c = TcpConv(t, (LOCAL, None, ME, 50000, 1000),
            ("eth1", UPSTREAM, FAR, 22, 9000))
c.handshake()
c.b("PA", b"SSH-2.0-server\r\n")
c.a("PA", b"SSH-2.0-client\r\n")
c.b("A")
t.add(LOCAL, IP(src=ME, dst=FAR, id=40) / UDP(sport=40000, dport=53) /
      Raw(b"query"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=ME, id=41) /
      UDP(sport=53, dport=40000) / Raw(b"answer"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=ME, id=42) /
      TCP(sport=5555, dport=80, flags="S", seq=1))
t.write()
