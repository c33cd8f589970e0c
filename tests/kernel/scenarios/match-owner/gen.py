#!/usr/bin/python3
"""match-owner: the owner match on what the host sends and forwards.

Proves (owner_mt): a forwarded packet has no socket in POSTROUTING: it
matches ! --socket-exists and every `! --uid-owner/--gid-owner` rule, and
`! --uid-owner 0` even without --socket-exists; REJECT's tcp-reset has
no socket either (OUTPUT and POSTROUTING); ICMP errors (REJECT's port
unreachable, time exceeded for a TTL 1 forward) come from the ICMP
control socket, which has no file: --socket-exists matches, --uid-owner
and --gid-owner 0 do not, their inversions do (`--socket-exists !
--uid-owner 0` too); LOG --log-uid prints no UID/GID for either; a locally
delivered packet never reaches OUTPUT.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FAR = "192.0.2.2", "203.0.113.10"

t = Trace()
# forwarded both ways
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=1) /
      TCP(sport=40000, dport=80, flags="S", seq=100))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=2, ttl=60) /
      UDP(sport=53, dport=33000) / Raw(b"answer"))
# telnet: REJECT tcp-reset (an RST without a socket)
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=3) /
      TCP(sport=40001, dport=23, flags="S", seq=200))
# snmp: REJECT port unreachable (ICMP control socket)
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=4) /
      UDP(sport=33001, dport=161) / Raw(b"get"))
# TTL 1 from upstream: time exceeded (ICMP control socket)
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=5, ttl=1) /
      UDP(sport=33434, dport=33435) / Raw(b"probe"))
# for the host: delivered, nothing in OUTPUT
t.add("eth0", CLIENT / IP(src=C, dst="192.0.2.1", id=6) /
      TCP(sport=40002, dport=22, flags="S", seq=300))
t.write()
