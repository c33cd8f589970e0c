#!/usr/bin/python3
"""match-sctp: the sctp match (sctp_mt, match_packet) on forwarded packets,
both directions.

Proves: source/destination port ranges, inverted; --chunk-types any (one
listed chunk suffices), all (every listed type present, with its flags),
only (no other type), inverted; chunk flags: DATA:BE (both set), DATA:Be
(B set, E clear), ABORT:T, SHUTDOWN_COMPLETE:t (T clear); chunks are
walked by their length rounded up to 4 (a length of 5 steps 8); DROP of an
ABORT from eth1 and by port; hot-drops (no further counter, no policy):
a chunk of length 0 after a DATA chunk, a chunk header cut by the end of
the packet, a packet of just the common header (no chunk), one of 10
bytes (short common header); a rule whose ports fail does not walk the
chunks, so it never hot-drops (the --dport 81 rule); a non-first fragment
matches no sctp rule and is forwarded.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, S = "192.0.2.2", "203.0.113.50"

t = Trace()


def chunk(ctype, flags=0, data=b"", length=None):
    n = 4 + len(data) if length is None else length
    b = bytes([ctype, flags]) + n.to_bytes(2, "big") + data
    return b + bytes(-len(b) % 4)


def sctp(sport, dport, chunks, cut=None):
    b = sport.to_bytes(2, "big") + dport.to_bytes(2, "big") + \
        bytes.fromhex("0102030400000000") + b"".join(chunks)
    return Raw(b if cut is None else b[:cut])


def out(ident, l4, **kw):
    t.add("eth0", CLIENT / IP(src=C, dst=S, id=ident, proto=132, **kw) / l4)


def inb(ident, l4, **kw):
    t.add("eth1", UPSTREAM / IP(src=S, dst=C, id=ident, proto=132, ttl=60,
                                **kw) / l4)


INIT = chunk(1, 0, bytes(16))
INIT_ACK = chunk(2, 0, bytes(16))
SACK = chunk(3, 0, bytes(12))


def data(flags, payload=b"abcd"):
    return chunk(0, flags, bytes(12) + payload)


out(1, sctp(5000, 80, [INIT]))
inb(2, sctp(80, 5000, [INIT_ACK]))
out(3, sctp(5000, 80, [data(0x03)]))                  # DATA B E
inb(4, sctp(80, 5000, [SACK, data(0x02)]))            # SACK + DATA B
out(5, sctp(5000, 80, [data(0x02, b"x"), SACK]))      # DATA length 17
inb(6, sctp(80, 5000, [chunk(6, 0x01)]))              # ABORT T: dropped
out(7, sctp(5001, 443, [chunk(14, 0x00)]))            # SHUTDOWN_COMPLETE
out(8, sctp(5000, 9, [data(0x03)]))                   # dropped by port
# a chunk of length 5 is stepped over as 8 bytes, then SACK
out(9, sctp(5000, 80, [chunk(10, 0, b"c", length=5) + bytes(3), SACK]))
# hot-drops: a zero-length chunk after DATA, a cut chunk header, no
# chunk at all, 10 bytes of common header
out(10, sctp(5000, 80, [data(0x03), chunk(1, 0, length=0)]))
inb(11, sctp(80, 5000, [SACK, b"\x00\x03"]))
out(12, sctp(5000, 80, []))
out(13, sctp(5000, 80, [data(0x03)], cut=10))
# a non-first fragment: no sctp rule, forwarded
inb(14, sctp(80, 5000, [chunk(6, 0x01)]), frag=2)
t.write()
