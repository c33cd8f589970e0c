#!/usr/bin/python3
"""The traffic of ct-checksum with nf_conntrack_checksum=0: the bad
checksums are not checked, the packets tracked and forwarded as they are.

The traffic is ct-checksum's, so this runs that scenario's generator:
/usr/bin/python3 gen.py [OUTDIR] (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import run_generator_of  # noqa: E402

run_generator_of("ct-checksum", __file__)
