#!/usr/bin/python3
"""target-reject-input: REJECT in INPUT with every --reject-with, for packets to
the host itself (target-reject-forward covers FORWARD).

Proves: the ICMP errors for local packets come from the address the packet
was sent to (198.51.100.1 even when it arrived on eth0: __icmp_send uses
iph->daddr for RTCF_LOCAL routes), with TOS (tos & 0x1E) | 0xC0, TTL 64,
and the codes 0, 1, 3, 2, 9, 10, 13; the
default --reject-with is icmp-port-unreachable for tcp too; tcp-reset from
the host (SYN -> RST+ACK, ACK -> RST with seq = the ACK) to both
addresses; an echo request is rejected too (not an error); everything REJECT
sends passes OUTPUT (logged there). A datagram whose record-route option the
host filled on input gets no error (its IP checksum is stale and
nf_ip_checksum sums from the IP header); a full record route is echoed
as is. At most 6 ICMP errors per destination: 6 to the client and 5 to
203.0.113.20 here.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw, IPOption_RR  # noqa

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FW1, FAR = "192.0.2.2", "192.0.2.1", "198.51.100.1", "203.0.113.20"

t = Trace()
# from the client to 192.0.2.1: net-unreachable, host-unreachable
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=1) /
      UDP(sport=40001, dport=1) / Raw(b"one"))
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=2, tos=0x10) /
      UDP(sport=40002, dport=2) / Raw(b"two"))
# from the client to the eth1 address: the error comes from 198.51.100.1
t.add("eth0", CLIENT / IP(src=C, dst=FW1, id=3) /
      UDP(sport=40003, dport=3) / Raw(b"three"))
t.add("eth0", CLIENT / IP(src=C, dst=FW1, id=4, flags="DF") /
      UDP(sport=40004, dport=4) / Raw(b"four"))
# from outside: net-prohibited, host-prohibited, admin-prohibited
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=5) /
      UDP(sport=40005, dport=5) / Raw(b"five"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=6, tos=0xb8) /
      UDP(sport=40006, dport=6) / Raw(b"six"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW0, id=7) /
      UDP(sport=40007, dport=7) / Raw(b"seven"))
# tcp-reset: a SYN from outside, an ACK with data from the client
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=8) /
      TCP(sport=40008, dport=8, flags="S", seq=1000))
t.add("eth0", CLIENT / IP(src=C, dst=FW1, id=9) /
      TCP(sport=40009, dport=8, flags="PA", seq=2000, ack=3000) /
      Raw(b"hello"))
# a FIN+ACK from the client: RST with seq = its ACK
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=10) /
      TCP(sport=40010, dport=8, flags="FA", seq=4000, ack=5000))
# plain REJECT on tcp: port unreachable, not a reset
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=11) /
      TCP(sport=40011, dport=9, flags="S", seq=6000))
# an echo request: host unreachable (an informational ICMP is answered)
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=12) /
      ICMP(type=8, id=12, seq=1) / Raw(b"ping"))
# record route with room left: the host fills a slot on input and leaves
# the header checksum stale (ip_forward_options would fix it, local
# delivery never does); nf_ip_checksum sums from the IP header, so the
# check fails and REJECT sends nothing
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=13,
                            options=[IPOption_RR(routers=["0.0.0.0"] * 2)]) /
      UDP(sport=40013, dport=3) / Raw(b"rr"))
# a full record route (pointer past the end) is left alone: the error is
# sent and echoes the option unchanged
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=15,
                          options=[IPOption_RR(pointer=12,
                                               routers=["0.0.0.0"] * 2)]) /
      UDP(sport=40015, dport=3) / Raw(b"full"))
# accepted (no rule): delivered
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=14) /
      UDP(sport=40014, dport=53) / Raw(b"dns"))
t.write()
