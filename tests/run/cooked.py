#!/usr/bin/python3
"""tests/run/cooked.py: the capture formats of `run --in` (run.sh calls it;
scapy, so /usr/bin/python3).

  cooked.py make SCENARIO DIR      the scenario's in-eth0/in-eth1 frames
                                   written by scapy as other captures:
    DIR/sll-eth0.pcap, sll-eth1.pcap  Linux cooked v1 (tcpdump -i any),
                                      with the host's own frames
                                      (PACKET_OUTGOING) mixed in;
    DIR/any.pcap, any.pcapng          Linux cooked v2 of both interfaces
                                      (ifindex 2 and 3, as the HOST's
                                      links), plus outgoing and lo records;
    DIR/raw-eth0.pcap, raw-eth1.pcap  raw IP (LINKTYPE_RAW).
  cooked.py compare SCENARIO OUTDIR  the run's outputs against the
                                   kernel's recording of the scenario
                                   (tests/kernel's comparison); exit 1 and
                                   the differences if any.
"""
import logging
import os
import sys

sys.dont_write_bytecode = True
# scapy warns of "inconsistent linktypes" when the layers of the records
# it writes are not Ethernet: that is the point here
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "kernel"))

from scapy.all import Ether, IP, rdpcap, wrpcap  # noqa: E402
from scapy.layers.l2 import CookedLinux, CookedLinuxV2  # noqa: E402
from scapy.utils import PcapNgWriter  # noqa: E402

HOST, BROADCAST, OUTGOING = 0, 1, 4
IFINDEX = {"eth0": 2, "eth1": 3}


def pkttype(frame):
    return BROADCAST if frame.dst == "ff:ff:ff:ff:ff:ff" else HOST


def sll(frame, ptype=None):
    c = CookedLinux(pkttype=pkttype(frame) if ptype is None else ptype,
                    lladdrtype=1, lladdrlen=6,
                    src=bytes.fromhex(frame.src.replace(":", "")) +
                    b"\0\0", proto=frame.type) / frame.payload
    c.time = frame.time
    return c


def sll2(frame, ifindex, ptype=None, hatype=1):
    c = CookedLinuxV2(proto=frame.type, ifindex=ifindex, lladdrtype=hatype,
                      pkttype=pkttype(frame) if ptype is None else ptype,
                      lladdrlen=6,
                      src=bytes.fromhex(frame.src.replace(":", "")) +
                      b"\0\0") / frame.payload
    c.time = frame.time
    return c


def outgoing_copy(frame):
    """what tcpdump -i any also shows: a frame the host sent, just after"""
    f = Ether(src=frame.dst, dst=frame.src) / frame.payload
    f.time = frame.time + 0.000001
    return f


def make(scn, out):
    frames = {i: rdpcap(os.path.join(scn, "in-%s.pcap" % i))
              for i in IFINDEX}
    for iface, fs in frames.items():
        recs = []
        for f in fs:
            recs.append(sll(f))
            recs.append(sll(outgoing_copy(f), OUTGOING))
        wrpcap(os.path.join(out, "sll-%s.pcap" % iface), recs,
               linktype=113)
        raw = []
        for f in fs:
            r = IP(bytes(f[IP]))
            r.time = f.time
            raw.append(r)
        wrpcap(os.path.join(out, "raw-%s.pcap" % iface), raw,
               linktype=101)
    recs = []
    for iface, fs in frames.items():
        for f in fs:
            recs.append(sll2(f, IFINDEX[iface]))
            recs.append(sll2(outgoing_copy(f), IFINDEX[iface], OUTGOING))
    # lo: loopback traffic of the captured host (ARPHRD_LOOPBACK)
    lo = Ether(src="00:00:00:00:00:00", dst="00:00:00:00:00:00") / \
        IP(src="127.0.0.1", dst="127.0.0.1")
    lo.time = frames["eth0"][0].time
    recs.append(sll2(lo, 1, HOST, hatype=772))
    recs.sort(key=lambda r: r.time)
    wrpcap(os.path.join(out, "any.pcap"), recs, linktype=276)
    w = PcapNgWriter(os.path.join(out, "any.pcapng"))
    w.linktype = 276  # the writer has no argument for it (scapy 2.5)
    for r in recs:
        w.write(r)
    w.close()


def compare(scn, outdir):
    from scenario import Scenario
    from pcapdiff import compare_dirs
    s = Scenario(os.path.basename(os.path.normpath(scn)))
    diffs = compare_dirs(s.kernel_dir, outdir, s.host)
    for d in diffs:
        print(d)
    return 1 if diffs else 0


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("make", "compare"):
        sys.exit(__doc__)
    if sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    else:
        sys.exit(compare(sys.argv[2], sys.argv[3]))
