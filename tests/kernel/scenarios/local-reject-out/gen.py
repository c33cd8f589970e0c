#!/usr/bin/python3
"""local-reject-out: REJECT in OUTPUT of TCP, UDP and ICMP the host sends itself
(raw socket of root, local.pcap).

Proves: the RST (tcp-reset) and the ICMP errors go back to the packet's
source; when that is the host's own address they pass OUTPUT (out=lo, no
socket: no UID with --log-uid) and POSTROUTING on lo, come back in on lo
(PREROUTING and INPUT, MAC=00:..:00:08:00) and are delivered locally
(local-count); the ICMP errors there are sent from the host's address to
itself (icmp_send: no source for an output route, the local route's).
The RST for a SYN is RST+ACK seq 0, for an ACK segment RST seq = its ack;
none for an RST, none for a TCP segment with a bad checksum (checked for a
locally built packet), none for a UDP datagram with a bad checksum, one for
UDP with checksum 0 (no checksum), none for a non-first fragment. A packet
whose source is a neighbour's (192.0.2.2, a raw socket may send any) gets
its RST and port unreachable on eth0 (the ICMP from 192.0.2.1).
/usr/bin/python3 gen.py [OUTDIR] writes local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, IP, TCP, UDP, ICMP, Raw  # noqa: E402

ME, FAR, C = "198.51.100.1", "203.0.113.10", "192.0.2.2"

t = Trace()
# SYN: RST+ACK back to ME via lo
t.add(LOCAL, IP(src=ME, dst=FAR, id=1) /
      TCP(sport=40000, dport=23, flags="S", seq=100))
# ACK with data: RST seq = 5000
t.add(LOCAL, IP(src=ME, dst=FAR, id=2) /
      TCP(sport=40001, dport=23, flags="PA", seq=200, ack=5000) /
      Raw(b"hello"))
# an RST: nothing back
t.add(LOCAL, IP(src=ME, dst=FAR, id=3) /
      TCP(sport=40002, dport=23, flags="R", seq=300))
# a SYN with a bad TCP checksum: dropped, nothing back
t.add(LOCAL, IP(src=ME, dst=FAR, id=4) /
      TCP(sport=40003, dport=23, flags="S", seq=400, chksum=0x1234))
# UDP: port unreachable, host prohibited
t.add(LOCAL, IP(src=ME, dst=FAR, id=5) /
      UDP(sport=5000, dport=161) / Raw(b"snmp"))
t.add(LOCAL, IP(src=ME, dst=FAR, id=6) /
      UDP(sport=5001, dport=162) / Raw(b"trap"))
# UDP with a bad checksum: nothing back; with checksum 0: unreachable
t.add(LOCAL, IP(src=ME, dst=FAR, id=7) /
      UDP(sport=5002, dport=161, chksum=0x4321) / Raw(b"snmp"))
t.add(LOCAL, IP(src=ME, dst=FAR, id=8) /
      UDP(sport=5003, dport=161, chksum=0) / Raw(b"snmp"))
# a non-first UDP fragment (offset 8 bytes) REJECTed by a rule without
# ports: dropped, nothing back (nf_send_unreach answers only fragment 0)
t.add(LOCAL, IP(src=ME, dst="203.0.113.77", id=9, frag=1, proto=17) /
      Raw(b"abcdefgh"))
# ping: net unreachable
t.add(LOCAL, IP(src=ME, dst=FAR, id=10) /
      ICMP(type=8, id=1, seq=1) / Raw(b"ping"))
# a neighbour's address as source: the answers leave on eth0
t.add(LOCAL, IP(src=C, dst=FAR, id=11) /
      TCP(sport=40004, dport=23, flags="S", seq=500))
t.add(LOCAL, IP(src=C, dst=FAR, id=12) /
      UDP(sport=5004, dport=161) / Raw(b"snmp"))
# to the neighbour from eth0's address: RST back via lo
t.add(LOCAL, IP(src="192.0.2.1", dst=C, id=13) /
      TCP(sport=40005, dport=23, flags="S", seq=600))
t.write()
