#!/usr/bin/python3
"""match-policy: the policy match without IPsec.

Proves (policy_mt): no packet has a sec_path (--dir in) and no route an
xfrm bundle (--dir out), so --pol none matches and --pol ipsec does not,
with or without --strict and policy elements, in PREROUTING, INPUT,
FORWARD, OUTPUT and POSTROUTING; DROP on --pol ipsec drops nothing, on
--pol none in FORWARD and OUTPUT drops everything not accepted before.

The traffic is match-devgroup's, so this runs that scenario's generator:
/usr/bin/python3 gen.py [OUTDIR] (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import run_generator_of  # noqa: E402

run_generator_of("match-devgroup", __file__)
