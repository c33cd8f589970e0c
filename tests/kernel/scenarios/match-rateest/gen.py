#!/usr/bin/python3
"""Flow "fast" (UDP 1000) at 40 packets/s of 78 bytes, flow "slow" (UDP
1001) at 8/s, for 3 s; probes on UDP 2000/2001/2002 at the start (no
rate yet), in the steady state (2.1-2.9 s) and 3 s after the flows
stopped (decayed): kept far from the thresholds, since the estimator's
timer phase is chance."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, IP, UDP, Raw, CLIENT  # noqa: E402

events = []
for i in range(120):
    events.append((i * 0.025 + 0.010, 1000, i))
for i in range(24):
    events.append((i * 0.125 + 0.0135, 1001, i))
for t0 in (0.0, 2.1, 2.6, 6.0, 6.5):
    for k, port in enumerate((2000, 2001, 2002)):
        events.append((t0 + 0.003 * (k + 1) + 0.0005, port, int(t0 * 10)))
events.sort()
t = Trace()
last = 0.0
for when, port, n in events:
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst="203.0.113.10",
                              id=(port * 7 + n) & 0xffff) /
          UDP(sport=4000, dport=port) / Raw(b"r" * 50),
          gap=round(when - last, 4))
    last = when
t.write()
