#!/usr/bin/python3
"""path-frag-timeout-ct: path-frag-timeout's inputs with connection
tracking (a CT rule in raw brings it): the fragments are reassembled before
conntrack in PREROUTING (nf_defrag_ipv4), whose queues answer an expiry
only for a datagram routed to the host itself; the first piece to a
forwarded destination (6) now waits there too, and expires silently.
What path-frag-timeout proves holds for the rest.

The inputs are path-frag-timeout's, so this runs that scenario's generator:
/usr/bin/python3 gen.py [OUTDIR] (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import run_generator_of  # noqa: E402

run_generator_of("path-frag-timeout", __file__)
