#!/usr/bin/python3
"""target-connmark: MARK/CONNMARK save and restore across connections,
the connmark match on both directions.

Proves (connmark_tg_shift, connmark_mt, mark_tg): a connection's first
packet is marked by port and the mark saved on the entry (--save-mark);
every later packet of it, replies included, gets the mark back
(--restore-mark) before the rules that would set it; the connmark match
sees the entry's mark in FORWARD and POSTROUTING for both directions;
--set-mark on the connection alone leaves the packet's mark 0 until a
restore; an unmarked connection has ct mark 0 (matches --mark 0x0);
conntrack -L prints mark=16, 32, 83 and 0.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, TcpConv, CLIENT, UPSTREAM, IP, UDP, Raw  # noqa: E402

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()
web = TcpConv(t, ("eth0", CLIENT, C, 40000, 1000),
              ("eth1", UPSTREAM, FAR, 80, 5000))
tls = TcpConv(t, ("eth0", CLIENT, C, 40001, 2000),
              ("eth1", UPSTREAM, FAR, 443, 6000))
ssh = TcpConv(t, ("eth0", CLIENT, C, 40002, 3000),
              ("eth1", UPSTREAM, FAR, 22, 7000))
web.handshake()
tls.handshake()
web.a("PA", b"GET / HTTP/1.0\r\n\r\n")
tls.a("PA", b"\x16\x03\x01hello")
web.b("PA", b"HTTP/1.0 200 OK\r\n\r\n")
tls.b("PA", b"\x16\x03\x03server")
ssh.handshake()
ssh.a("PA", b"SSH-2.0-x\r\n")
ssh.b("PA", b"SSH-2.0-y\r\n")
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=100) /
      UDP(sport=5353, dport=53) / Raw(b"query"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=101) /
      UDP(sport=53, dport=5353) / Raw(b"answer"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=102) /
      UDP(sport=5353, dport=53) / Raw(b"query2"))
t.write()
