#!/usr/bin/python3
"""match-physdev: the physdev match without bridges.

Proves (physdev_mt, its "not bridged" branch): no packet carries bridge
info, so every option used must be inverted for the rule to match:
--physdev-in, --physdev-is-in, --physdev-is-bridged, --physdev-out and
--physdev-is-out fail alone and match with "!"; a mix fails as soon as
one option is not inverted; DROP on "! --physdev-is-bridged" in FORWARD
(everything) after an ACCEPT for the reverse direction.

The traffic is match-devgroup's, so this runs that scenario's generator:
/usr/bin/python3 gen.py [OUTDIR] (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import run_generator_of  # noqa: E402

run_generator_of("match-devgroup", __file__)
