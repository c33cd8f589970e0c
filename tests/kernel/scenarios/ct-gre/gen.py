#!/usr/bin/python3
"""Input frames of this scenario: /usr/bin/python3 gen.py [OUTDIR]
writes in-IFACE.pcap (OUTDIR defaults to this directory).

GRE through a stateful FORWARD (NEW accepted only from the client side,
INVALID logged and dropped): a version 0 tunnel (keys 0 whatever the
packet's key; ASSURED from the third packet, once both directions were
seen), a tunnel opened from outside (refused, its entry dies), PPTP's
version 1 GRE: the call id is the destination key, the source key 0 (no
PPTP helper: empty keymap), so each direction is a connection of its own
and the server's is refused; a call id 0 both ways (one connection,
established); version 1 carrying another protocol than PPP (no tuple:
INVALID); version 1 cut before the call id (keys 0)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, Raw  # noqa: E402
from scapy.all import GRE, GRE_PPTP  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C = "192.0.2.2"
INNER = IP(src="10.0.0.1", dst="10.0.0.2", id=7) / Raw(b"tunnelled")

t = Trace()


def c2s(dst, g, payload=INNER):
    t.add("eth0", CLIENT / IP(src=C, dst=dst, id=1) / g / payload)


def s2c(src, g, payload=INNER):
    t.add("eth1", UPSTREAM / IP(src=src, dst=C, id=1) / g / payload)


# version 0: one connection, keys 0
c2s("203.0.113.10", GRE(proto=0x0800))
s2c("203.0.113.10", GRE(proto=0x0800))
c2s("203.0.113.10", GRE(proto=0x0800, key_present=1, key=0x1234))
s2c("203.0.113.10", GRE(proto=0x0800, key_present=1, key=0x5678))
# opened from outside: refused
s2c("203.0.113.11", GRE(proto=0x6558), Raw(bytes(20)))
s2c("203.0.113.11", GRE(proto=0x6558), Raw(bytes(20)))
# PPTP: call ids 0x1111 (the client's peer) and 0x2222
for seq in (1, 2):
    c2s("203.0.113.20", GRE_PPTP(call_id=0x1111, seqnum_present=1,
                                 sequence_number=seq, payload_len=4),
        Raw(b"\xff\x03\x00\x21"))
    s2c("203.0.113.20", GRE_PPTP(call_id=0x2222, seqnum_present=1,
                                 sequence_number=seq, payload_len=4),
        Raw(b"\xff\x03\x00\x21"))
# call id 0 both ways: one connection
c2s("203.0.113.21", GRE_PPTP(call_id=0, payload_len=4),
    Raw(b"\xff\x03\x00\x21"))
s2c("203.0.113.21", GRE_PPTP(call_id=0, payload_len=4),
    Raw(b"\xff\x03\x00\x21"))
# version 1 with IPv4 inside: no tuple
c2s("203.0.113.22", GRE_PPTP(proto=0x0800, call_id=0x3333), INNER)
# version 1 cut after 6 bytes: keys 0
t.add("eth0", CLIENT / IP(src=C, dst="203.0.113.23", id=1, proto=47) /
      Raw(bytes.fromhex("2001880b0004")))
t.add("eth1", UPSTREAM / IP(src="203.0.113.23", dst=C, id=1, proto=47) /
      Raw(bytes.fromhex("3001880b0000")))
t.write()
