#!/usr/bin/python3
"""path-chains-deep: 1,100 nested user chains under INPUT.

Proves: a datagram that goes down 1,100 nested jumps reaches the
innermost chain's ACCEPT (local-count 1) and every chain counts it: the
jump stack holds as many frames as the table has chains (no depth cap);
a datagram the first rule does not send down (TCP) gets INPUT's policy,
DROP.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")

t = Trace()
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=1) /
      UDP(sport=40000, dport=9) / Raw(b"deep"))
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=2) /
      TCP(sport=40001, dport=9, flags="S", seq=1))
t.write()
