#!/usr/bin/python3
"""target-tcpmss-ratelimit: TCPMSS's path-MTU message is net_ratelimit'ed.

Proves (net_err_ratelimited, ___ratelimit): of 13 SYNs towards a route
of MTU 40 in 120 ms, 10 are logged (the burst of net_ratelimit_state:
10 per 5 s, from the first), all are dropped; a SYN more than 5 s after
the first is logged after "net_ratelimit: 3 callbacks suppressed". The
burst starts 5.5 s into the run, so that an earlier run's messages
(the limiter is one for the whole kernel) are out of its interval; the
last message leaves nothing suppressed for the next run.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, IP, TCP  # noqa: E402

C = "192.0.2.2"
t = Trace()
# the clock starts: a SYN the default route clamps (no message)
t.add("eth0", CLIENT / IP(src=C, dst="203.0.113.10", id=1) / TCP(
    sport=41000, dport=80, flags="S", seq=100, options=[("MSS", 1460)]))
for n in range(2, 15):
    t.add("eth0", CLIENT / IP(src=C, dst="203.0.113.70", id=n) / TCP(
        sport=41000 + n, dport=80, flags="S", seq=100 * n,
        options=[("MSS", 1460)]), gap=5.5 if n == 2 else 0.01)
t.add("eth0", CLIENT / IP(src=C, dst="203.0.113.71", id=20) / TCP(
    sport=41020, dport=80, flags="S", seq=2000, options=[("MSS", 1460)]),
    gap=5.2)
t.write()
