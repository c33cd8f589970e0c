#!/usr/bin/python3
"""match-length-ttl: the ttl and length matches on local and forwarded packets.

Proves (ttl_mt, length_mt): PREROUTING and INPUT see the TTL as received,
FORWARD sees it decremented (64 arrives, FORWARD matches 63, never 64; 5
becomes 4 and is dropped by --ttl-lt 5, 6 passes; 255 becomes 254 and is
dropped by --ttl-gt 200, 201 passes; 2 becomes 1, matches --ttl-eq 1 and is
dropped by --ttl-lt 5); a TTL 1 packet for the host is delivered and
matched in INPUT; length is the IP total length, not the frame's: a 28-byte
packet in a frame with 18 bytes of Ethernet padding has length 28 (and
leaves unpadded); ranges with open ends, inversion, and a DROP by length
near the MTU (a 1500-byte packet arrives whole); POSTROUTING sees forwarded
packets with their decremented TTL and the host's ICMP errors (time
exceeded for a TTL 1 forward, before FORWARD) with TTL 64, as OUTPUT does.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FAR = "192.0.2.2", "203.0.113.10"

t = Trace()


def out(ident, ttl, size, dst=FAR):
    """An echo request of SIZE bytes of IP (>= 28)."""
    t.add("eth0", CLIENT / IP(src=C, dst=dst, id=ident, ttl=ttl) /
          ICMP(type=8, id=0x700, seq=ident) / Raw(b"z" * (size - 28)))


def inb(ident, ttl, size, dst=C):
    t.add("eth1", UPSTREAM / IP(src=FAR, dst=dst, id=ident, ttl=ttl) /
          ICMP(type=0, id=0x700, seq=ident) / Raw(b"z" * (size - 28)))


out(1, 64, 84)
inb(2, 64, 84)
out(3, 5, 60)       # FORWARD sees 4: dropped
out(4, 6, 60)       # FORWARD sees 5: forwarded
inb(5, 255, 100)    # 254: dropped
inb(6, 201, 100)    # 200: forwarded
out(7, 2, 40)       # FORWARD sees 1: dropped
out(8, 1, 40, dst="192.0.2.1")   # for the host: delivered, INPUT sees 1
out(9, 64, 28)      # no payload: length 28
# the same in a padded 60-byte frame: still length 28
padded = bytes(CLIENT / IP(src=C, dst=FAR, id=10, ttl=64) /
               ICMP(type=8, id=0x700, seq=10)) + b"\x00" * 18
t.add("eth0", Ether(padded))
out(11, 64, 1000)
out(12, 64, 1450)   # dropped by length
inb(13, 64, 1500)   # dropped by length
inb(14, 64, 1399)
out(15, 1, 28)      # time exceeded: TTL 64, 56 bytes, OUTPUT/POSTROUTING
t.write()
