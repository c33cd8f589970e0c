#!/usr/bin/python3
"""match-realm: the realm match on routes without realms.

Proves (realm_mt): the route of every packet (input routes of local and
forwarded packets, output routes of the host's own) has tclassid 0:
--realm 0 and 0/0 match, any other id does not, 0x10/0x0f does not (id
must equal tclassid & mask), inversion; DROP on a realm test in FORWARD
and OUTPUT.

The traffic is match-devgroup's, so this runs that scenario's generator:
/usr/bin/python3 gen.py [OUTDIR] (OUTDIR defaults to this directory)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import run_generator_of  # noqa: E402

run_generator_of("match-devgroup", __file__)
