#!/usr/bin/python3
"""match-devgroup-set: the rules and traffic of match-devgroup, with eth0 in
group 0x11 and eth1 in group 2 (`link add ... group N`): the same inputs,
so this runs match-devgroup's generator.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap, in-eth1.pcap and
local.pcap (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import run_generator_of  # noqa: E402

run_generator_of("match-devgroup", __file__)
