#!/usr/bin/python3
"""match-cpu-default (see match-cpu): -m cpu compares with the CPU that handles the packet.

Proves (cpu_mt, smp_processor_id): forwarded and local packets and the
host's own (raw socket) are all handled on the host's CPU (HOST `cpu N`;
the kernel side pins its injector there: a veth's receive runs on the
sender's CPU without RPS), inversion; a CPU the host does not have never
matches. match-cpu-default is the same without a `cpu` line (CPU 0).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, LOCAL, IP, UDP, Raw  # noqa: E402

t = Trace()
for i in range(3):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10",
                              id=10 + i) / UDP(sport=5000 + i, dport=53) /
          Raw(b"q"))
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1",
                              id=20 + i) / UDP(sport=6000 + i, dport=53) /
          Raw(b"q"))
    t.add(LOCAL, IP(src="198.51.100.1", dst="203.0.113.10", id=30 + i) /
          UDP(sport=7000 + i, dport=53) / Raw(b"q"))
t.write()
