#!/usr/bin/python3
"""target-queue: QUEUE and NFQUEUE without a listener, with and without
--queue-bypass, in raw, mangle and filter.

Proves: with nobody listening, QUEUE and NFQUEUE (one queue, a balance
range, cpu fanout) drop the packet (their rule counts it, nothing after
does); with --queue-bypass the packet goes on with the NEXT TABLE of the
hook (raw -> mangle PREROUTING, mangle -> filter FORWARD or INPUT, filter
FORWARD -> POSTROUTING), skipping the rest of its own chain; a packet the
host builds (REJECT's RST) is dropped or passed the same way in OUTPUT;
bypassed packets are forwarded or delivered as usual.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FW1, FAR = "192.0.2.2", "192.0.2.1", "198.51.100.1", "203.0.113.130"

t = Trace()
# forwarded, one per port, both directions for a few
for port in (1, 2, 3, 4, 5, 6, 7, 11, 53):
    t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=port) /
          UDP(sport=58000 + port, dport=port) / Raw(b"q%d" % port))
for port in (1, 4, 5):
    t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=100 + port) /
          UDP(sport=58100 + port, dport=port) / Raw(b"r%d" % port))
# for the host: mangle INPUT bypass (8), drop (9), filter QUEUE (10), and
# an accepted one
for port in (8, 9, 10, 53):
    t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=200 + port) /
          UDP(sport=58200 + port, dport=port) / Raw(b"l%d" % port))
# RSTs from REJECT: to .131 queued in OUTPUT (dropped), to .132 bypassed
for host in (131, 132):
    t.add("eth1", UPSTREAM / IP(src="203.0.113.%d" % host, dst=FW1,
                                id=300 + host) /
          TCP(sport=58300 + host, dport=7, flags="S", seq=host))
t.write()
