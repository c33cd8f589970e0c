"""Helpers for the scenarios' gen.py (run with /usr/bin/python3, which has
scapy): a timeline of frames on several interfaces, written as
in-IFACE.pcap with deterministic microsecond timestamps.

    from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw
    t = Trace()                       # starts at START, STEP apart
    t.add("eth0", Ether(...)/IP(...)/TCP(...))
    t.add("eth1", frame, gap=0.050)   # 50 ms after the previous frame
    t.add(LOCAL, IP(...)/UDP(...))    # sent by the host itself: local.pcap
    t.write()                         # sys.argv[1] or the scenario dir

LOCAL packets are raw IPv4 datagrams (LINKTYPE_RAW) that the host sends as
root from a raw socket (`utables run --local`; the kernel side sendto()s
them with IP_HDRINCL): give them nonzero IP IDs unless DF is set (a zero
ID is filled in from the kernel's random-keyed counter).
"""

import os
import sys
from decimal import Decimal

from scapy.all import (ARP, ICMP, IP, TCP, UDP, Dot1Q, Ether, IPOption_RR,
                       PcapWriter, Raw)

__all__ = ["Trace", "LOCAL", "ARP", "ICMP", "IP", "TCP", "UDP", "Dot1Q",
           "Ether", "IPOption_RR", "Raw"]

START = Decimal("1700000000")
STEP = Decimal("0.010")   # 10 ms: far from any jiffy boundary effects
LOCAL = "@local"          # the "interface" of packets the host sends
LINKTYPE_ETHERNET, LINKTYPE_RAW = 1, 101


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
        if iface == LOCAL and not isinstance(frame, IP):
            raise ValueError("a LOCAL packet is an IPv4 datagram, not %s" %
                             frame.summary())
        frame = frame.__class__(bytes(frame))  # freeze the auto fields
        frame.time = self.t
        self.frames.setdefault(iface, []).append(frame)
        return frame

    def write(self, outdir=None):
        if outdir is None:
            outdir = sys.argv[1] if len(sys.argv) > 1 else \
                os.path.dirname(os.path.abspath(sys.argv[0]))
        for iface, frames in sorted(self.frames.items()):
            if iface == LOCAL:
                path = os.path.join(outdir, "local.pcap")
                lt = LINKTYPE_RAW
            else:
                path = os.path.join(outdir, "in-%s.pcap" % iface)
                lt = LINKTYPE_ETHERNET
            w = PcapWriter(path, linktype=lt, sync=True)
            for f in frames:
                w.write(f)
            w.close()
            print("wrote %s (%d frames)" % (path, len(frames)))
