#!/usr/bin/python3
"""-m state --state with every state, lists and !, beside -m conntrack
--ctstate, on mixed traffic, in FORWARD and INPUT; INVALID logged.

The traffic is ct-match-ports' (the same mixed TCP/UDP/ICMP flows under
other rules), so this runs that scenario's generator:
/usr/bin/python3 gen.py [OUTDIR] (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import run_generator_of  # noqa: E402

run_generator_of("ct-match-ports", __file__)
