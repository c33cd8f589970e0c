#!/usr/bin/python3
"""match-dccp: the dccp match (dccp_mt, dccp_find_option) on forwarded
packets, both directions.

Proves: ports (range, inverted); --dccp-types by the 4-bit type of byte 8
(INVALID covers types 10-15), inverted; --dccp-option finds an option
after the header of the packet's type (REQUEST 16 bytes, ACK 20, DATA 12,
RESPONSE 24, 4 more with X set), stepping over one-byte options (0 and
1), by the length byte of the others (0 steps 1), and never past the data
offset; no options: no match (the inverted rule matches); DROP of a RESET
from eth1 and of option 44; hot-drops (the rule with the failing port
never looks): a data offset smaller than the header, an option area cut
by the end of the packet, 10 bytes of DCCP; a non-first fragment matches
no dccp rule and is forwarded.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, S = "192.0.2.2", "203.0.113.60"
PART = {0: 4, 2: 0, 3: 8, 4: 8, 5: 8, 6: 8, 8: 8, 9: 8}   # else 12

t = Trace()


def dccp(sport, dport, ptype, opts=b"", x=0, doff=None, cut=None,
         payload=b"data"):
    hl = 12 + 4 * x + PART.get(ptype, 12)
    if doff is None:
        doff = (hl + len(opts) + 3) // 4
    b = sport.to_bytes(2, "big") + dport.to_bytes(2, "big") + \
        bytes([doff, 0, 0, 0, (ptype << 1) | x, 0, 0, 7]) + \
        bytes(hl - 12) + opts
    b += bytes(-len(b) % 4) + payload
    return Raw(b if cut is None else b[:cut])


def out(ident, l4, **kw):
    t.add("eth0", CLIENT / IP(src=C, dst=S, id=ident, proto=33, **kw) / l4)


def inb(ident, l4, **kw):
    t.add("eth1", UPSTREAM / IP(src=S, dst=C, id=ident, proto=33, ttl=60,
                                **kw) / l4)


TS = bytes.fromhex("2906aabbccdd")    # option 41, length 6
out(1, dccp(5000, 5001, 0, bytes.fromhex("200401ff")))       # REQUEST, 32
inb(2, dccp(5001, 5000, 1, bytes.fromhex("0001") + TS))      # RESPONSE
out(3, dccp(5000, 5001, 3, TS))                              # ACK, 41
inb(4, dccp(5001, 5000, 2, x=1))                             # DATA, X
out(5, dccp(5000, 5001, 4, bytes.fromhex("02002904")))       # len 0 steps 1
inb(6, dccp(5001, 5000, 3, bytes.fromhex("2a07") + bytes(5) + b"\x20"))
out(7, dccp(5000, 5001, 12, bytes.fromhex("2c02")))          # option 44
inb(8, dccp(5001, 5000, 7))                                  # RESET
out(9, dccp(5000, 9, 0, TS, x=1))                            # REQUEST, X
# hot-drops: data offset 3 words for an ACK (20 bytes), options cut
out(10, dccp(5000, 5001, 3, TS, doff=3))
out(11, dccp(5000, 5001, 3, TS, doff=12, cut=28))
inb(12, dccp(5001, 5000, 2, cut=10))
# a non-first fragment: forwarded
inb(13, dccp(5001, 5000, 7), frag=3)
t.write()
