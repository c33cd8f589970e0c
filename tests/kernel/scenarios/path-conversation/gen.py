#!/usr/bin/python3
"""path-conversation: client <-> server conversations both ways through
FORWARD, a different chain per direction (stateless: no conntrack).

Proves: two interleaved TCP connections (handshake, data, FIN, both
ways) pass because each direction has its own rule (dport out, sport
in); a SYN from outside is answered with an RST (REJECT in the inbound
chain) and never reaches the client; DNS out and its answer back, an
oversize answer dropped; ping out and its reply back, a ping from outside
dropped; a port unreachable from outside passes; an inbound frame from
another MAC is not accepted (mac match); counters per rule give the
traffic of each direction.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
OTHER = Ether(src="02:00:00:00:00:09", dst="02:00:00:00:01:01")
C, WEB, DNS = "192.0.2.2", "203.0.113.160", "203.0.113.53"

t = Trace()
ids = {"c": 100, "s": 500}


def c2s(tcp, payload=b"", sport=62000, dport=80):
    ids["c"] += 1
    t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=ids["c"], flags="DF") /
          TCP(sport=sport, dport=dport, window=64240, **tcp) /
          Raw(payload), gap=0.005)


def s2c(tcp, payload=b"", sport=80, dport=62000):
    ids["s"] += 1
    t.add("eth1", UPSTREAM / IP(src=WEB, dst=C, id=ids["s"], flags="DF") /
          TCP(sport=sport, dport=dport, window=65160, **tcp) /
          Raw(payload), gap=0.005)


# connection 1 (port 80) and connection 2 (port 443), interleaved
c2s(dict(flags="S", seq=1000))
c2s(dict(flags="S", seq=7000), sport=62001, dport=443)
s2c(dict(flags="SA", seq=5000, ack=1001))
s2c(dict(flags="SA", seq=9000, ack=7001), sport=443, dport=62001)
c2s(dict(flags="A", seq=1001, ack=5001))
c2s(dict(flags="PA", seq=1001, ack=5001), b"GET / HTTP/1.0\r\n\r\n")
c2s(dict(flags="A", seq=7001, ack=9001), sport=62001, dport=443)
s2c(dict(flags="A", seq=5001, ack=1019))
s2c(dict(flags="PA", seq=5001, ack=1019), b"HTTP/1.0 200 OK\r\n\r\nhi")
c2s(dict(flags="PA", seq=7001, ack=9001), b"\x16\x03\x01\x00\x05hello",
    sport=62001, dport=443)
s2c(dict(flags="FA", seq=5023, ack=1019))
c2s(dict(flags="A", seq=1019, ack=5024))
c2s(dict(flags="FA", seq=1019, ack=5024))
s2c(dict(flags="A", seq=5024, ack=1020))
s2c(dict(flags="R", seq=9001), sport=443, dport=62001)
# a SYN from outside to the client: RST back, nothing forwarded
s2c(dict(flags="S", seq=1), sport=62100, dport=22)
# DNS out and back; a too-big answer is dropped
t.add("eth0", CLIENT / IP(src=C, dst=DNS, id=200) /
      UDP(sport=62200, dport=53) / Raw(b"\x12\x34\x01\x00" + b"\0" * 8))
t.add("eth1", UPSTREAM / IP(src=DNS, dst=C, id=600) /
      UDP(sport=53, dport=62200) / Raw(b"\x12\x34\x81\x80" + b"\0" * 40))
t.add("eth1", UPSTREAM / IP(src=DNS, dst=C, id=601) /
      UDP(sport=53, dport=62200) / Raw(b"\x12\x34\x83\x80" + b"\0" * 600))
# ping out and its reply; a ping in is dropped
t.add("eth0", CLIENT / IP(src=C, dst=WEB, id=201) /
      ICMP(type=8, id=77, seq=1) / Raw(b"abcdefgh"))
t.add("eth1", UPSTREAM / IP(src=WEB, dst=C, id=602) /
      ICMP(type=0, id=77, seq=1) / Raw(b"abcdefgh"))
t.add("eth1", UPSTREAM / IP(src=WEB, dst=C, id=603) /
      ICMP(type=8, id=78, seq=1) / Raw(b"in"))
# a port unreachable from outside passes
t.add("eth1", UPSTREAM / IP(src=DNS, dst=C, id=604) /
      ICMP(type=3, code=3) / IP(src=C, dst=DNS, id=202, ttl=63) /
      UDP(sport=62201, dport=53))
# the web answer from a frame of another MAC: not accepted
t.add("eth1", OTHER / IP(src=WEB, dst=C, id=605) /
      TCP(sport=80, dport=62000, flags="A", seq=5024, ack=1020))
t.write()
