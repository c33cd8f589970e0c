#!/usr/bin/python3
"""match-devgroup-set: the rules and traffic of match-devgroup, with eth0 in
group 0x11 and eth1 in group 2 (`link add ... group N`): the same inputs,
so this runs match-devgroup's generator.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap, in-eth1.pcap and
local.pcap (OUTDIR defaults to this directory)."""
import os
import runpy
import sys

here = os.path.dirname(os.path.abspath(__file__))
if len(sys.argv) < 2:
    sys.argv.append(here)
runpy.run_path(os.path.join(here, "..", "match-devgroup", "gen.py"),
               run_name="__main__")
