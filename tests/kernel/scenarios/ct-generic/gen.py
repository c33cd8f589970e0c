#!/usr/bin/python3
"""Protocols without their own tracker in 6.18 and GRE: ESP (50), AH
(51), DCCP (33: generic on 6.18), an unknown protocol (253) each way
(generic: NEW then ESTABLISHED, no ports in the tuple), GRE version 0 and
version 1 (PPTP, keyed) both ways; --ctproto on each."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"


def both(proto, payload, ipid):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=ipid, proto=proto) /
          Raw(payload))
    t.add("eth1", UPSTREAM / IP(src=S, dst="192.0.2.2", id=ipid,
                                proto=proto) / Raw(payload))


both(50, b"\x00\x00\x10\x01\x00\x00\x00\x01" + b"esp" * 4, 1)
both(51, b"\x32\x04\x00\x00\x00\x00\x20\x01\x00\x00\x00\x01" + b"\0" * 12, 2)
both(33, b"\x9c\x40\x00\x50\x03\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x01",
     3)
both(253, b"experimental", 4)
# the same unknown protocol again: one entry
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=5, proto=253) /
      Raw(b"again"))
# GRE version 0 (no key) and version 1 (PPTP: key = call id)
both(47, b"\x00\x00\x08\x00" + bytes(IP(src="10.0.0.1", dst="10.0.0.2",
                                        id=1) / ICMP()), 6)
t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=7, proto=47) /
      Raw(b"\x30\x01\x88\x0b\x00\x04\x00\x10\x00\x00\x00\x01ppp!"))
t.add("eth1", UPSTREAM / IP(src=S, dst="192.0.2.2", id=7, proto=47) /
      Raw(b"\x30\x01\x88\x0b\x00\x04\x00\x20\x00\x00\x00\x01ppp!"))
t.write()
