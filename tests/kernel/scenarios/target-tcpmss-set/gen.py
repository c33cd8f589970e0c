#!/usr/bin/python3
"""target-tcpmss-set: TCPMSS --set-mss on forwarded SYNs (mangle FORWARD).

Proves (tcpmss_mangle_packet): an MSS above the value lowered (1460 ->
1200), one below kept (536, 1000), never raised; an MSS option after a NOP
(odd offset) found; no MSS option: one inserted in front of the others
(min(1200, 536) = 536, the header 4 bytes longer, IP total length and both
checksums updated incrementally), also with no options at all; a SYN with
data is left alone, so is a header of 60 bytes; a malformed MSS option
(length 3) is not an MSS option (one is inserted); the SYN/ACK of the other
direction gets --set-mss 1000; plain ACKs untouched.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, UPSTREAM, IP, TCP, Raw  # noqa: E402

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()


def syn(n, opts, data=b"", flags="S"):
    p = CLIENT / IP(src=C, dst=FAR, id=n) / TCP(
        sport=40000 + n, dport=80, flags=flags, seq=1000 * n, window=29200,
        options=opts)
    if data:
        p = p / Raw(data)
    t.add("eth0", p)


syn(1, [("MSS", 1460), ("SAckOK", b""), ("Timestamp", (1, 0)),
        ("NOP", None), ("WScale", 7)])
syn(2, [("MSS", 536)])
syn(3, [])
syn(4, [("SAckOK", b""), ("Timestamp", (2, 0)), ("NOP", None),
        ("WScale", 7)])
syn(5, [("NOP", None), ("MSS", 1400), ("NOP", None), ("NOP", None),
        ("NOP", None)])
syn(6, [], data=b"hello")
syn(7, [("NOP", None)] * 40)
syn(8, [(2, b"\x05")])                  # kind 2 with length 3
syn(9, [("MSS", 1460)], flags="A")      # not a SYN
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=10) /
      TCP(sport=80, dport=40001, flags="SA", seq=5000, ack=1001,
          window=65535, options=[("MSS", 1460), ("SAckOK", b"")]))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=11) /
      TCP(sport=80, dport=40002, flags="SA", seq=6000, ack=2001,
          window=65535, options=[("MSS", 900)]))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=12) /
      TCP(sport=80, dport=40003, flags="SA", seq=7000, ack=3001,
          window=65535))
t.write()
