#!/usr/bin/python3
"""local-trace: raw OUTPUT -j TRACE on packets the host sends itself (raw
socket of root, local.pcap).

Proves: the trace of a local packet starts at raw:OUTPUT (the TRACE rule
itself is not traced: the first line is the policy) and goes through
mangle and filter OUTPUT, a user chain (an explicit RETURN, and falling off
its end), and mangle POSTROUTING; the TRACE lines of a packet that has a
socket end with UID=0 GID=0 (nf_log_trace logs with every LOG flag, UID
included), those after lo do not (no socket); a packet to the host itself
stays traced after lo (raw/mangle PREROUTING, mangle/filter INPUT on lo);
one dropped in filter OUTPUT ends there; one REJECTed ends there and its
RST (back to the host over lo) is not traced; an untraced packet (TCP to
port 80) prints nothing.
/usr/bin/python3 gen.py [OUTDIR] writes local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, IP, TCP, UDP, Raw  # noqa: E402

ME, FAR = "198.51.100.1", "203.0.113.10"

t = Trace()
# through the default route: chk RETURNs
t.add(LOCAL, IP(src=ME, dst=FAR, id=1) / UDP(sport=1000, dport=53) /
      Raw(b"q"))
# to the host itself: chk's LOG, then traced again on lo
t.add(LOCAL, IP(src=ME, dst=ME, id=2) / UDP(sport=1001, dport=5000))
t.add(LOCAL, IP(src="127.0.0.1", dst="127.0.0.1", id=3) /
      UDP(sport=1002, dport=5001))
# REJECTed: the RST is not traced
t.add(LOCAL, IP(src=ME, dst=FAR, id=4) /
      TCP(sport=40000, dport=23, flags="S", seq=10,
          options=[("MSS", 1460), ("NOP", None), ("WScale", 7)]))
# DROPped in filter OUTPUT
t.add(LOCAL, IP(src=ME, dst=FAR, id=5) / UDP(sport=1003, dport=9))
# not traced
t.add(LOCAL, IP(src=ME, dst=FAR, id=6) /
      TCP(sport=40001, dport=80, flags="S", seq=20))
t.write()
