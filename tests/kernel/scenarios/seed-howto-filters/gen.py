#!/usr/bin/python3
"""seed-howto-filters: the filter examples of the HOWTO's chapter 7.

Proves: -D INPUT 1 then -A leaves one rule; a spoofed 127.0.0.1 source
from eth0 never reaches INPUT (a martian, dropped by routing), so that
rule counts nothing; --syn from one source only (another source's SYN
and a SYN/ACK meet "--tcp-flags ALL SYN,ACK" or "-s 0/0"); --mac-source
with the HOWTO's upper-case address; -i ppp+ matches no interface and
! -i ppp+ every one; icmp-type by name, by type/code and by type, first
match wins (host unreachable and port unreachable accepted, net
unreachable dropped); ! -s localhost; "-s 0/0" drops everything left.
FORWARD: the first fragment of a TCP segment is filtered like a whole
packet (--sport www); later fragments match neither "--sport www" nor
"! --sport www" but do match -f (dropped towards 192.0.2.2, accepted
elsewhere); a TCP fragment starting at byte 8 is dropped by the tcp match
itself (the HOWTO's "TCP fragments starting at position 8"), as is a
packet too short for a TCP header; ! -p TCP out of eth1 only.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FW1, WWW = "192.0.2.2", "192.0.2.1", "198.51.100.1", "203.0.113.80"
QUOTE = bytes(IP(src=FW0, dst=WWW, id=99) / UDP(sport=5000, dport=7))[:28]

t = Trace()
# --- INPUT
t.add("eth0", CLIENT / IP(src="127.0.0.1", dst=FW0, id=1) /
      ICMP(type=8, id=1, seq=1))                         # martian
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=2) /
      TCP(sport=40000, dport=22, flags="S", seq=100))    # --syn: accepted
t.add("eth0", CLIENT / IP(src="192.0.2.3", dst=FW0, id=3) /
      TCP(sport=40001, dport=22, flags="S", seq=200))    # -s 0/0
t.add("eth1", UPSTREAM / IP(src=WWW, dst=FW1, id=4) /
      TCP(sport=80, dport=40002, flags="SA", seq=300, ack=1))  # ALL SYN,ACK
t.add("eth0", Ether(src="00:60:08:91:cc:b7", dst="02:00:00:00:01:00") /
      IP(src="192.0.2.9", dst=FW0, id=5) /
      TCP(sport=40003, dport=22, flags="A", seq=400))    # --mac-source
t.add("eth1", UPSTREAM / IP(src=WWW, dst=FW1, id=6) /
      ICMP(type=3, code=1) / QUOTE)                      # host-unreachable
t.add("eth1", UPSTREAM / IP(src=WWW, dst=FW1, id=7) /
      ICMP(type=3, code=3) / QUOTE)                      # 3/3
t.add("eth1", UPSTREAM / IP(src=WWW, dst=FW1, id=8) /
      ICMP(type=3, code=0) / QUOTE)                      # 3: dropped
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=9) /
      UDP(sport=5353, dport=53) / Raw(b"q"))             # ! -s localhost
# --- FORWARD
t.add("eth1", UPSTREAM / IP(src=WWW, dst=C, id=10, flags="MF") /
      TCP(sport=80, dport=40010, flags="A", seq=1000, ack=1) /
      Raw(b"h" * 16))                                    # first fragment
t.add("eth1", UPSTREAM / IP(src=WWW, dst=C, id=10, frag=5, proto=6) /
      Raw(b"t" * 8))                                     # later: -f -d drop
t.add("eth0", CLIENT / IP(src=C, dst=WWW, id=11, flags="MF") /
      TCP(sport=40011, dport=80, flags="PA", seq=2000, ack=1) /
      Raw(b"g" * 16))                                    # ! --sport www
t.add("eth0", CLIENT / IP(src=C, dst=WWW, id=11, frag=5, proto=6) /
      Raw(b"u" * 8))                                     # -f: accepted
t.add("eth0", CLIENT / IP(src=C, dst=WWW, id=12, frag=1, proto=6) /
      Raw(b"\x00" * 8 + b"\x50\x02\x20\x00"))            # offset 8: dropped
t.add("eth0", CLIENT / IP(src=C, dst=WWW, id=13, proto=6) /
      Raw(b"\x9c\x40\x00\x50\x00\x00"))                  # too short: drop
t.add("eth0", CLIENT / IP(src=C, dst=WWW, id=14) /
      UDP(sport=5000, dport=7) / Raw(b"echo"))           # ! -p TCP
t.add("eth1", UPSTREAM / IP(src=WWW, dst=C, id=15) /
      UDP(sport=7, dport=5000) / Raw(b"echo"))           # policy
t.write()
