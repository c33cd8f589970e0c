"""Helpers for the scenarios' gen.py (run with /usr/bin/python3, which has
scapy): a timeline of frames on several interfaces, written as
in-IFACE.pcap with deterministic microsecond timestamps.

    from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw
    t = Trace()                       # starts at START, STEP apart
    t.add("eth0", Ether(...)/IP(...)/TCP(...))
    t.add("eth1", frame, gap=0.050)   # 50 ms after the previous frame
    t.write()                         # sys.argv[1] or the scenario dir
"""

import os
import sys
from decimal import Decimal

from scapy.all import (ARP, ICMP, IP, TCP, UDP, Dot1Q, Ether, IPOption_RR,
                       PcapWriter, Raw)

__all__ = ["Trace", "ARP", "ICMP", "IP", "TCP", "UDP", "Dot1Q", "Ether",
           "IPOption_RR", "Raw"]

START = Decimal("1700000000")
STEP = Decimal("0.010")   # 10 ms: far from any jiffy boundary effects


class Trace:
    def __init__(self, start=START, step=STEP):
        self.t = Decimal(start)
        self.step = Decimal(step)
        self.frames = {}   # iface -> [frame]
        self.started = False

    def add(self, iface, frame, gap=None):
        """FRAME arrives on IFACE, GAP seconds (default STEP) after the
        previous frame of any interface (the first one at START)."""
        if self.started:
            self.t += Decimal(str(gap)) if gap is not None else self.step
        self.started = True
        frame = frame.__class__(bytes(frame))  # freeze the auto fields
        frame.time = self.t
        self.frames.setdefault(iface, []).append(frame)
        return frame

    def write(self, outdir=None):
        if outdir is None:
            outdir = sys.argv[1] if len(sys.argv) > 1 else \
                os.path.dirname(os.path.abspath(sys.argv[0]))
        for iface, frames in sorted(self.frames.items()):
            path = os.path.join(outdir, "in-%s.pcap" % iface)
            w = PcapWriter(path, linktype=1, sync=True)
            for f in frames:
                w.write(f)
            w.close()
            print("wrote %s (%d frames)" % (path, len(frames)))
