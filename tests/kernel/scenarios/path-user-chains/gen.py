#!/usr/bin/python3
"""path-user-chains: -j/-g/RETURN nesting, both directions.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, C3, SRV = "192.0.2.2", "192.0.2.3", "203.0.113.40"

t = Trace()
# outbound: 80 accepted in the jumped-to chain
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=1) /
      TCP(sport=44000, dport=80, flags="S", seq=1))
# outbound 22 from the admin host: outbound -j admin -> ACCEPT
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=2) /
      TCP(sport=44001, dport=22, flags="S", seq=2))
# outbound 22 from another host: admin -j deny -> LOG, DROP
t.add("eth0", CLIENT / IP(src=C3, dst=SRV, id=3) /
      TCP(sport=44002, dport=22, flags="S", seq=3))
# outbound 8080: -g side, side RETURNs -> back to FORWARD after `-j
# outbound` (the goto replaced outbound's frame): fwd-end LOG, then policy
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=4) /
      TCP(sport=44003, dport=8080, flags="S", seq=4))
# outbound udp: RETURN to FORWARD -> fwd-end LOG -> -p udp ACCEPT
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=5) /
      UDP(sport=44004, dport=123) / Raw(b"ntp"))
# outbound other tcp: falls off outbound's end after its LOG -> FORWARD
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=6) /
      TCP(sport=44005, dport=443, flags="S", seq=6))
# inbound (reached by -g from FORWARD): sport 80 accepted
t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=7) /
      TCP(sport=80, dport=44000, flags="SA", seq=70, ack=2))
# inbound icmp: RETURN from a goto'd chain of a base chain -> the policy
# (fwd-end is NOT logged)
t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=8) /
      ICMP(type=8, id=3, seq=1) / Raw(b"hi"))
# inbound 22: admin -> deny (source is not the admin host)
t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=9) /
      TCP(sport=44006, dport=22, flags="S", seq=9))
# inbound udp: -j side, side LOGs and ends -> back in inbound -> its LOG
# -> end of inbound -> policy
t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=10) /
      UDP(sport=123, dport=44004) / Raw(b"ntp"))
# inbound other: inbound-end LOG, then policy
t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=11) /
      TCP(sport=44007, dport=3389, flags="S", seq=11))
t.write()
