#!/usr/bin/python3
"""match-u32: the u32 match on received, forwarded and local packets.

Proves (u32_mt / u32_match_it): words are read big-endian at offsets from
the IP header, and "&", "<<", ">>" apply left to right; ranges and lists
of ranges; "&&" needs every test; "@" moves the base by the value so far
(the IP header length, then TCP's data offset) and reads there; a read
that does not end inside the packet (skb->len, from the IP header) makes
the whole match false, and "!" turns that into a match; a base that wraps
round 2^32 (TCP sequence 0xFFFFFFEC + 20) is false too; DROP on a u32 test
in INPUT, FORWARD and OUTPUT.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap, in-eth1.pcap and
local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, TCP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW, FAR = "192.0.2.2", "192.0.2.1", "203.0.113.10"

t = Trace()
# a 40-byte TCP SYN to the host's port 22: DROP in INPUT
t.add("eth0", CLIENT / IP(src=C, dst=FW, id=1) /
      TCP(sport=1000, dport=22, flags="S", seq=1, window=1024))
# to port 23, 40 bytes: not the length range; 36 readable, 37 not
t.add("eth0", CLIENT / IP(src=C, dst=FW, id=2) /
      TCP(sport=1500, dport=23, flags="S", seq=2, window=1024))
# 41 bytes: the length range matches
t.add("eth0", CLIENT / IP(src=C, dst=FW, id=3) /
      TCP(sport=2500, dport=23, flags="PA", seq=3, ack=1, window=1024) /
      Raw(b"x"))
# a sequence number that makes the second "@" wrap
t.add("eth0", CLIENT / IP(src=C, dst=FW, id=4) /
      TCP(sport=1001, dport=23, flags="A", seq=0xFFFFFFEC, ack=1,
          window=1024))
# TCP with options: "@" via the data offset reads the first payload word
t.add("eth0", CLIENT / IP(src=C, dst=FW, id=5) /
      TCP(sport=1002, dport=24, flags="PA", seq=5, ack=1, window=1024,
          options=[("NOP", None), ("NOP", None), ("MSS", 1400)]) /
      Raw(b"DATA"))
# forwarded UDP to 203.0.113.10 (0xCB00710A): payload ABCD dropped
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=6) /
      UDP(sport=40000, dport=7) / Raw(b"ABCDxyz"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=7) /
      UDP(sport=40001, dport=7) / Raw(b"EFGH"))
# 4 bytes of payload: offset 8 readable, offset 9 not
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=8) /
      UDP(sport=40002, dport=7) / Raw(b"wxyz"))
# 3 bytes: neither
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=9) /
      UDP(sport=40003, dport=7) / Raw(b"abc"))
# another destination: dropped by the inverted test
t.add("eth0", CLIENT / IP(src=C, dst="203.0.113.11", id=10) /
      UDP(sport=40004, dport=7) / Raw(b"abcd"))
# the reverse direction, from upstream to the client
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=11) /
      UDP(sport=7, dport=40000) / Raw(b"reply"))
# the host's own packets: DF-less, nonzero IDs; the first from eth0's
# address (accepted), the second has TOS 0x80 ("0<<8>>28=8"): dropped
t.add(LOCAL, IP(src="192.0.2.1", dst=C, id=101) /
      UDP(sport=0x5566, dport=53) / Raw(b"q"))
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=102, tos=0x80) /
      UDP(sport=0x5566, dport=53) / Raw(b"q"))
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=103) /
      UDP(sport=0x5567, dport=53) / Raw(b"longer payload"))
t.write()
