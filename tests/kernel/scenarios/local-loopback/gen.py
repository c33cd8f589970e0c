#!/usr/bin/python3
"""local-loopback: packets the host sends to itself (raw socket of root,
local.pcap): to its own addresses and to 127.0.0.0/8.

Proves: they are routed out lo (OUTPUT and POSTROUTING with OUT=lo, owner
sees the socket, LOG --log-uid prints UID=0 GID=0), come back in on lo
(PREROUTING and INPUT with IN=lo, MAC=00:00:00:00:00:00:00:00:00:00:00:00:
08:00, no socket any more: no UID) and are delivered (local-count), except
one dropped in INPUT; addrtype sees LOCAL source and destination, pkttype
host; a zero source towards 127.0.0.1 becomes 127.0.0.1; 127.0.0.5 is
local too; a non-loopback source to 127.0.0.1 is delivered (no martian
check: the route is the output one); a 127.0.0.1 source towards the
neighbour leaves on eth0 as it is (the route is looked up without it).
/usr/bin/python3 gen.py [OUTDIR] writes local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, IP, TCP, UDP, ICMP, Raw  # noqa: E402

A0, A1 = "192.0.2.1", "198.51.100.1"

t = Trace()
# to eth1's address, from it
t.add(LOCAL, IP(src=A1, dst=A1, id=1) / UDP(sport=1000, dport=7) /
      Raw(b"echo"))
# to eth1's address from eth0's
t.add(LOCAL, IP(src=A0, dst=A1, id=2, ttl=1) /
      TCP(sport=40000, dport=22, flags="S", seq=1))
# a ping to eth0's address
t.add(LOCAL, IP(src=A1, dst=A0, id=3, flags="DF") /
      ICMP(type=8, id=9, seq=1) / Raw(b"self"))
# loopback
t.add(LOCAL, IP(src="127.0.0.1", dst="127.0.0.1", id=4) /
      UDP(sport=1001, dport=53))
t.add(LOCAL, IP(src="0.0.0.0", dst="127.0.0.1", id=5) /
      UDP(sport=1002, dport=53))
t.add(LOCAL, IP(src="127.0.0.1", dst="127.0.0.5", id=6) /
      UDP(sport=1003, dport=53))
t.add(LOCAL, IP(src=A0, dst="127.0.0.1", id=7) /
      UDP(sport=1004, dport=53))
# a loopback source to the neighbour: leaves on eth0
t.add(LOCAL, IP(src="127.0.0.1", dst="192.0.2.2", id=8) /
      UDP(sport=1005, dport=53))
# dropped in INPUT: not delivered
t.add(LOCAL, IP(src=A1, dst=A1, id=9) / UDP(sport=1006, dport=9))
t.write()
