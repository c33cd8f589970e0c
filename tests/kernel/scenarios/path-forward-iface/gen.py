#!/usr/bin/python3
"""path-forward-iface: forwarding off on eth1 only (conf.eth1.forwarding=0,
ip_forward=1).

Proves: forwarding depends on the INBOUND device only: eth0 -> eth1 is
forwarded (TTL 1 expires with an ICMP, the unreachable route answers),
while for packets arriving on eth1 nothing is forwarded or answered: no
forwarding, no time exceeded for TTL 1, no ICMP for a destination behind
an unreachable route (ip_error is silent when the inbound device does not
forward); only raw PREROUTING counts those packets, FORWARD never sees
them. The host's own addresses are still
delivered from both sides (local-count) and REJECT in INPUT still sends
its RST.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap.

The inputs are path-forward-off's, so this runs that scenario's generator:
/usr/bin/python3 gen.py [OUTDIR] (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import run_generator_of  # noqa: E402

run_generator_of("path-forward-off", __file__)
