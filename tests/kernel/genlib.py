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
           "Ether", "IPOption_RR", "Raw", "TcpConv", "CLIENT", "UPSTREAM",
           "run_generator_of"]

# the template's two neighbours: the client on eth0, the upstream router on
# eth1 (frames from them to the firewall's MACs)
CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")

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


def run_generator_of(scenario, this_file):
    """Write this scenario's inputs with another scenario's gen.py (the same
    traffic under other rules or another host): into sys.argv[1], or the
    directory of this_file (the calling gen.py's __file__)."""
    import runpy
    here = os.path.dirname(os.path.abspath(this_file))
    if len(sys.argv) < 2:
        sys.argv.append(here)
    runpy.run_path(os.path.join(here, "..", scenario, "gen.py"),
                   run_name="__main__")


class TcpConv:
    """Both ends of one TCP conversation, written as frames on one Trace:
    `a` (the side that sends first) and `b`, each with its interface, its
    Ethernet header (or LOCAL for the host's own packets), address, port
    and next sequence number; c.a(...) / c.b(...) add a segment from that
    side, acknowledging what the other side sent so far. The sequence
    numbers advance by the payload and SYN/FIN, unless seq= is given
    (a retransmission or an out-of-window segment)."""

    def __init__(self, t, a, b, win=29200, ttl=64):
        # a, b: (iface, ether or None, ip, port, isn)
        self.t = t
        self.ends = {"a": list(a), "b": list(b)}
        self.nxt = {"a": a[4], "b": b[4]}
        self.win = win
        self.ttl = ttl
        self.ipid = {"a": 1, "b": 1}

    def _seg(self, me, other, flags, data, seq, ack, win, opts, gap, ttl,
             chksum):
        iface, eth, src, sport, _ = self.ends[me]
        _, _, dst, dport, _ = self.ends[other]
        s = self.nxt[me] if seq is None else seq
        if ack is None:
            ack = self.nxt[other] if "A" in flags else 0
        kw = {}
        if chksum is not None:
            kw["chksum"] = chksum
        seg = TCP(sport=sport, dport=dport, flags=flags, seq=s & 0xffffffff,
                  ack=ack & 0xffffffff,
                  window=self.win if win is None else win,
                  options=opts or [], **kw)
        ip = IP(src=src, dst=dst, id=self.ipid[me],
                ttl=self.ttl if ttl is None else ttl)
        self.ipid[me] += 1
        pkt = ip / seg / Raw(data) if data else ip / seg
        frame = pkt if eth is None else eth / pkt
        if seq is None:
            self.nxt[me] = (s + len(data) + ("S" in flags) +
                            ("F" in flags)) & 0xffffffff
        return self.t.add(iface, frame, gap=gap)

    def a(self, flags, data=b"", seq=None, ack=None, win=None, opts=None,
          gap=None, ttl=None, chksum=None):
        return self._seg("a", "b", flags, data, seq, ack, win, opts, gap,
                         ttl, chksum)

    def b(self, flags, data=b"", seq=None, ack=None, win=None, opts=None,
          gap=None, ttl=None, chksum=None):
        return self._seg("b", "a", flags, data, seq, ack, win, opts, gap,
                         ttl, chksum)

    def handshake(self, opts_a=None, opts_b=None):
        self.a("S", opts=opts_a)
        self.b("SA", opts=opts_b)
        self.a("A")

    def close(self):
        """FIN from a, ACK, FIN from b, last ACK."""
        self.a("FA")
        self.b("A")
        self.b("FA")
        self.a("A")
