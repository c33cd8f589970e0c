#!/usr/bin/python3
"""target-trace-uncond: the TRACE comment of unconditional user rules
(`-j ACCEPT` in FORWARD: "policy", `-j RETURN` and `-j DROP` in user
chains: "return"), next to real tails and rules with conditions.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")

t = Trace()
# a client's SYN to a web server behind the upstream router, and the answer
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10") /
      TCP(sport=40000, dport=80, flags="S", seq=1000))
t.add("eth1", UPSTREAM / IP(src="203.0.113.10", dst="192.0.2.2") /
      TCP(sport=80, dport=40000, flags="SA", seq=5000, ack=1001))
# into sub, then deeper: LOG, then an unconditional DROP
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10") /
      TCP(sport=40001, dport=22, flags="S", seq=2000))
# udp: not for sub; the unconditional ACCEPT
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10") /
      UDP(sport=40002, dport=53) / Raw(b"q"))
t.write()
