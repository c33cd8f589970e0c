#!/usr/bin/python3
"""match-udp: the udp match on forwarded datagrams, both directions.

Proves (udp_mt): ports and open-ended ranges, inversion of one and of both
ports, a service name; port 0; the UDP length field is not looked at (a
datagram claiming more than it carries still matches by port); a packet
with fewer than 8 bytes of UDP is counted by `-p udp` and hot-dropped at
the first udp match (no further counter, no policy); a non-first fragment
matches no udp rule, inverted ones included, and is forwarded; the ports
are read after the IP options (record route: 12 more bytes of header);
the end of the packet is its IP total length: a datagram whose total
length leaves 4 bytes of UDP is hot-dropped even though the frame's
Ethernet padding would have supplied the rest.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, Raw, IPOption_RR  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, DNS = "192.0.2.2", "203.0.113.53"

t = Trace()


def out(ident, sport, dport, data=b"q", **udp):
    t.add("eth0", CLIENT / IP(src=C, dst=DNS, id=ident) /
          UDP(sport=sport, dport=dport, **udp) / Raw(data))


def inb(ident, sport, dport, data=b"a", **udp):
    t.add("eth1", UPSTREAM / IP(src=DNS, dst=C, id=ident, ttl=60) /
          UDP(sport=sport, dport=dport, **udp) / Raw(data))


# a query and its answer
out(1, 33000, 53, b"\x12\x34\x01\x00\x00\x01")
inb(2, 53, 33000, b"\x12\x34\x81\x80\x00\x01")
# server to server (53 -> 53) and a query from a low port
out(3, 53, 53, b"\x00\x01")
out(4, 123, 123, b"ntp")
# netbios: dropped
out(5, 33001, 137, b"nb")
out(6, 33002, 139, b"nb")
# inbound from a port other than 53: dropped; from 53 with a length
# field larger than the datagram: matches by port, forwarded
inb(7, 123, 33000, b"ntp")
inb(8, 53, 33003, b"big", len=200)
# port 0 both ways
out(9, 0, 0, b"zero")
# 6 bytes of UDP header: -p udp counts it, --dport 53 hot-drops it
t.add("eth0", CLIENT / IP(src=C, dst=DNS, id=10, proto=17) /
      Raw(b"\x80\xe8\x00\x35\x00\x0e"))
# a non-first fragment (offset 16 bytes): no udp match, forwarded
t.add("eth0", CLIENT / IP(src=C, dst=DNS, id=11, proto=17, frag=2) /
      Raw(b"\x80\xe8\x00\x35\x00\x10\x00\x00tail"))
# a query with record route (IHL 8): --dport 53 still finds its port
t.add("eth0", CLIENT / IP(src=C, dst=DNS, id=12,
                          options=[IPOption_RR(routers=["0.0.0.0"] * 2)]) /
      UDP(sport=33004, dport=53) / Raw(b"rr"))
# total length 24 (4 bytes of UDP) in a 60-byte frame: the padding is not
# part of the packet, so the udp match hot-drops it
short = bytes(CLIENT / IP(src=C, dst=DNS, id=13, proto=17, len=24) /
              Raw(b"\x80\xe9\x00\x35")) + b"\x00\x0c\x00\x00" + b"\x00" * 14
t.add("eth0", Ether(short))
t.write()
