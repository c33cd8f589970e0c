#!/usr/bin/python3
"""local-owner: packets the host sends itself, as root from a raw socket
(local.pcap), to a neighbour and through the default route.

Proves: they traverse filter OUTPUT and mangle POSTROUTING with out= the
routed interface (eth0 for the neighbour 192.0.2.2, eth1 for the remote
203.0.113.10 via 198.51.100.2) and leave with the neighbour's MAC, the
header as given (ID, TTL, TOS, a source that is not the host's: a raw
socket may send any); owner sees a full socket of uid 0 and gid 0 in both
hooks (--uid-owner 0, 0-10, ! 1000, --gid-owner 0, --socket-exists match;
--uid-owner 1000, ! --uid-owner 0, ! --gid-owner 0, ! --socket-exists do
not); LOG --log-uid prints `UID=0 GID=0` for them and nothing for a
forwarded packet (no socket, which matches ! --socket-exists and !
--uid-owner 1000 in POSTROUTING); DROP in OUTPUT (by destination, and by
owner + port) sends nothing and counts nothing in POSTROUTING.
/usr/bin/python3 gen.py [OUTDIR] writes local.pcap, in-eth0.pcap and
in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FAR = "192.0.2.2", "203.0.113.10"

t = Trace()
# to the neighbour on eth0, from eth0's address
t.add(LOCAL, IP(src="192.0.2.1", dst=C, id=101) /
      UDP(sport=5353, dport=53) / Raw(b"query"))
# to a remote host through the default route (eth1)
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=102, ttl=30, tos=0x10) /
      TCP(sport=40000, dport=80, flags="S", seq=1000,
          options=[("MSS", 1460)]))
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=103, flags="DF") /
      ICMP(type=8, id=7, seq=1) / Raw(b"ping"))
# a source the host does not own, to the upstream neighbour
t.add(LOCAL, IP(src="192.0.2.77", dst="198.51.100.2", id=104) /
      UDP(sport=1000, dport=2000))
# dropped in OUTPUT by destination, and by owner + port
t.add(LOCAL, IP(src="198.51.100.1", dst="203.0.113.99", id=105) /
      UDP(sport=1001, dport=2001))
t.add(LOCAL, IP(src="198.51.100.1", dst=FAR, id=106) /
      TCP(sport=40001, dport=25, flags="S", seq=2000))
# forwarded both ways (no socket in POSTROUTING)
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=201) /
      UDP(sport=33000, dport=53) / Raw(b"q"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=202) /
      UDP(sport=53, dport=33000) / Raw(b"a"))
# local again after the forwarded ones
t.add(LOCAL, IP(src="192.0.2.1", dst=C, id=107) /
      TCP(sport=22, dport=50000, flags="SA", seq=3000, ack=1))
t.write()
