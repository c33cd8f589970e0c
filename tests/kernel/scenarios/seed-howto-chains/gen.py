#!/usr/bin/python3
"""seed-howto-chains: the HOWTO's user chain walk and QUEUE without reader.

Proves: a TCP packet from 192.0.2.2 enters "test" from INPUT rule 2,
matches test's rule 1 (no target: counted, walk goes on), not rule 2,
falls off test's end back to INPUT rule 3 (no match) and meets the ACCEPT
policy, exactly the path the HOWTO draws; ICMP and UDP for the host are
dropped by rules 1 and 3; from FORWARD the replies match test's rule 2;
the host's ICMP errors (time exceeded for a forwarded TTL 1 packet, sent
before FORWARD) go through OUTPUT, where QUEUE with no reader drops them:
counted by the rule, nothing on the wire.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FAR = "192.0.2.2", "192.0.2.1", "203.0.113.4"

t = Trace()
# for the host: the HOWTO's walk, then another source, ICMP, UDP
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=1) /
      TCP(sport=40000, dport=22, flags="S", seq=100))
t.add("eth0", CLIENT / IP(src="192.0.2.3", dst=FW0, id=2) /
      TCP(sport=40001, dport=22, flags="S", seq=200))
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=3) /
      ICMP(type=8, id=3, seq=1) / Raw(b"ping"))
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=4) /
      UDP(sport=5000, dport=53) / Raw(b"q"))
# forwarded: out and back (test rule 1, then rule 2), a UDP one (policy)
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=5) /
      TCP(sport=40002, dport=80, flags="S", seq=300))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=6, ttl=60) /
      TCP(sport=80, dport=40002, flags="SA", seq=900, ack=301))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=7) /
      UDP(sport=5001, dport=53) / Raw(b"q"))
# TTL 1 both ways: time exceeded, queued in OUTPUT, never sent
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=8, ttl=1) /
      UDP(sport=33434, dport=33435) / Raw(b"probe"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=9, ttl=1) /
      TCP(sport=80, dport=40003, flags="A", seq=901, ack=1))
t.write()
