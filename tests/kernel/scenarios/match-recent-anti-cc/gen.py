#!/usr/bin/python3
"""The seed's anti-CC recipe: --update --seconds 60 --hitcount 30 then
--set, per source: 40 SYNs from one client (the 31st on dropped, each
drop refreshing; the 32-stamp ring wraps), another client unaffected."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace(step="0.015")
for i in range(40):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="192.0.2.1", id=i + 1) /
          TCP(sport=41000 + i, dport=80, flags="S", seq=1000 + i))
    if i % 8 == 0:
        t.add("eth0", CLIENT / IP(src="192.0.2.3", dst="192.0.2.1",
                                  id=100 + i) /
              TCP(sport=42000 + i, dport=80, flags="S", seq=9000 + i))
t.write()
