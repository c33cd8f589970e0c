#!/usr/bin/python3
"""match-cpu-default: the traffic of match-cpu on a host without a `cpu`
line (CPU 0): -m cpu compares with the CPU that handles the packet.

The traffic is match-cpu's, so this runs that scenario's generator:
/usr/bin/python3 gen.py [OUTDIR] (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import run_generator_of  # noqa: E402

run_generator_of("match-cpu", __file__)
