#!/usr/bin/python3
"""target-reject-silent: REJECT where Linux sends nothing, next to look-alikes
where it does.

Proves (INPUT and FORWARD, counters show every packet was REJECTed):
- nothing for an IP broadcast (192.0.2.255, 255.255.255.255, even in a
  unicast frame) or multicast (224.0.0.1, joined by every interface)
  destination, ICMP or tcp-reset (RTCF_BROADCAST/MULTICAST);
- no ICMP for a unicast destination in a link-level broadcast frame
  (icmp_send: pkt_type != PACKET_HOST), but tcp-reset does answer it
  (nf_send_reset does not look at pkt_type);
- nothing for a non-first fragment (ICMP or tcp-reset), nor for a first
  fragment whose UDP checksum covers the whole datagram (nf_ip_checksum
  cannot verify it);
- nothing for an ICMP error (types 3, 11, 5, the reserved type 1, the
  unknown type 19) while an echo or timestamp request is answered;
- nothing for an RST, for TCP/UDP/ICMP with a bad checksum; UDP without
  a checksum (0) is answered (nf_reject_verify_csum skips the check);
- the per-destination ICMP rate limit: 8 rejected packets 10 ms apart get
  6 errors, one 0.5 s later none, one 1.2 s after the first burst one.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402

CMAC, FWMAC0 = "02:00:00:00:00:01", "02:00:00:00:01:00"
CLIENT = Ether(src=CMAC, dst=FWMAC0)
BCAST = Ether(src=CMAC, dst="ff:ff:ff:ff:ff:ff")
MCAST = Ether(src=CMAC, dst="01:00:5e:00:00:01")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FAR, LIM = "192.0.2.2", "192.0.2.1", "203.0.113.30", "203.0.113.31"


def udp9(ip, sport, payload=b"x"):
    return ip / UDP(sport=sport, dport=9) / Raw(payload)


t = Trace()
# broadcast and multicast destinations, INPUT: no ICMP, no RST
t.add("eth0", BCAST / udp9(IP(src=C, dst="192.0.2.255", id=1), 41001))
t.add("eth0", BCAST / udp9(IP(src=C, dst="255.255.255.255", id=2), 41002))
t.add("eth0", CLIENT / udp9(IP(src=C, dst="255.255.255.255", id=3), 41003))
t.add("eth0", BCAST / IP(src=C, dst="192.0.2.255", id=4) /
      TCP(sport=41004, dport=9, flags="S", seq=100))
t.add("eth0", MCAST / udp9(IP(src=C, dst="224.0.0.1", id=5, ttl=1), 41005))
t.add("eth0", MCAST / IP(src=C, dst="224.0.0.1", id=6, ttl=1) /
      TCP(sport=41006, dport=9, flags="S", seq=200))
t.add("eth0", MCAST / IP(src=C, dst="224.0.0.1", id=7, ttl=1) /
      ICMP(type=8, id=7, seq=1))
# our unicast address in a broadcast frame: no ICMP, but an RST
t.add("eth0", BCAST / udp9(IP(src=C, dst=FW0, id=8), 41008))
t.add("eth0", BCAST / IP(src=C, dst=FW0, id=9) /
      TCP(sport=41009, dport=9, flags="S", seq=300))
# forwarded fragments: a later UDP piece, a later TCP piece (tcp-reset),
# and a first UDP piece whose checksum covers the whole datagram
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=10, frag=2, proto=17) /
      Raw(b"later-udp-piece!"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=11, frag=3, proto=6) /
      Raw(b"later-tcp-piece!"))
whole = IP(src=C, dst=FAR, id=12) / UDP(sport=41012, dport=9) / \
    Raw(b"A" * 40)
whole = IP(bytes(whole))
first = IP(bytes(whole)[:20 + 16])
first.flags = "MF"
first.len = None
first.chksum = None
t.add("eth0", CLIENT / first)
# ICMP errors (no answer) and queries (answered), for the host
t.add("eth1", UPSTREAM / IP(src=FAR, dst="198.51.100.1", id=13) /
      ICMP(type=3, code=1) / IP(src="198.51.100.1", dst=FAR, id=1) /
      UDP(sport=9, dport=41013))
t.add("eth1", UPSTREAM / IP(src=FAR, dst="198.51.100.1", id=14) /
      ICMP(type=1, code=0) / Raw(b"\0" * 28))
t.add("eth1", UPSTREAM / IP(src=FAR, dst="198.51.100.1", id=15) /
      ICMP(type=19, code=0) / Raw(b"\0" * 8))
t.add("eth1", UPSTREAM / IP(src=FAR, dst="198.51.100.1", id=16) /
      ICMP(type=13, id=16, seq=1, ts_ori=0, ts_rx=0, ts_tx=0))
# ... and forwarded: time exceeded and redirect get nothing, echo does
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=17) /
      ICMP(type=11, code=0) / IP(src=C, dst=FAR, id=2, ttl=1) /
      UDP(sport=41017, dport=53))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=18) /
      ICMP(type=5, code=1, gw="198.51.100.2") /
      IP(src=C, dst=FAR, id=3) / UDP(sport=41018, dport=53))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=19) /
      ICMP(type=8, id=19, seq=1) / Raw(b"ping"))
# an RST and bad checksums: nothing (the good twin of each is answered)
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=20) /
      TCP(sport=41020, dport=9, flags="R", seq=400))
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=21) /
      TCP(sport=41021, dport=9, flags="S", seq=500, chksum=0x1234))
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=22) /
      TCP(sport=41022, dport=9, flags="S", seq=600))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=23) /
      UDP(sport=41023, dport=9, chksum=0x1234) / Raw(b"bad"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=24) /
      UDP(sport=41024, dport=9, chksum=0) / Raw(b"none"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=25) /
      ICMP(type=8, id=25, seq=1, chksum=0x1234) / Raw(b"ping"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=26) /
      TCP(sport=41026, dport=9, flags="S", seq=700, chksum=0x1234))
# rate limit towards 203.0.113.31: 8 at 10 ms -> 6 errors
for i in range(8):
    t.add("eth1", UPSTREAM / udp9(IP(src=LIM, dst=C, id=30 + i),
                                   41030 + i))
first_burst_end = t.t
# 0.5 s later: still no token
t.add("eth1", UPSTREAM / udp9(IP(src=LIM, dst=C, id=40), 41040), gap=0.5)
# 1.2 s after the burst: one token again
t.add("eth1", UPSTREAM / udp9(IP(src=LIM, dst=C, id=41), 41041), gap=0.7)
t.write()
