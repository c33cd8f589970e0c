#!/usr/bin/env python3
"""make_seeds_flow.py: (re)build fuzz/seeds/flow/ from the kernel
scenarios' input pcaps (tests/kernel/scenarios/ct-*, nat-* and the ones in
tests/kernel/pending/), as inputs of fuzz_flow (fuzz/fuzz_flow.c):

  python3 fuzz/make_seeds_flow.py

Each scenario's frames (in-eth0.pcap, in-eth1.pcap, in-eth2.pcap and
local.pcap, merged by time as `utables run` merges them) become one trace:
  byte 0 rule set, byte 1 host variant, byte 2 seed, then per frame
  where (0 eth0, 1 eth1, 2 eth2, 3 local; plus 4 "fix the checksums"
  in the seeds other than the scenario's own), 2 bytes of milliseconds since
  the previous frame, 2 bytes of length, the frame (big-endian numbers).
A scenario is written for the rule set of fuzz_flow.c closest to its own
rules (RULES below), for the "everything" rule set with the short-timeout
host, and a few for the rule sets of issue 10's extensions.
"""
import glob
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "seeds", "flow")

# rule set indexes of fuzz_flow.c
R_STATEFUL, R_ZONES, R_SNAT, R_DNAT, R_NETMAP, R_FTPNAT, R_ALL, R_LOCAL = \
    range(8)
R_ISSUE10 = range(8, 17)
# host variants of fuzz_flow.c
H_DEFAULT, H_SHORT, H_STRICT = 0, 1, 2

# scenario name prefix -> rule set (first match wins)
RULES = [
    ("nat-ftp", R_FTPNAT), ("ct-ftp", R_STATEFUL),
    ("ct-zone", R_ZONES), ("ct-notrack", R_ZONES),
    ("ct-seed-notrack", R_ZONES),
    ("ct-local-out", R_LOCAL), ("ct-icmp-related-local", R_LOCAL),
    ("ct-icmp-ping", R_LOCAL), ("nat-output-snat", R_LOCAL),
    ("nat-dnat-localhost", R_LOCAL),
    ("nat-snat", R_SNAT), ("nat-masq", R_SNAT), ("nat-gateway", R_SNAT),
    ("nat-dnat", R_DNAT), ("nat-redirect", R_DNAT), ("nat-hairpin", R_DNAT),
    ("nat-output-dnat", R_DNAT), ("nat-seed", R_DNAT),
    ("nat-netmap", R_NETMAP), ("nat-input-snat", R_NETMAP),
    ("nat-", R_ALL), ("ct-", R_STATEFUL),
]
HOSTS = {"ct-syn-flood": H_SHORT, "ct-udp-timeout": H_SHORT,
         "ct-checksum-off": H_STRICT, "ct-tcp-liberal": H_STRICT,
         "ct-tcp-pickup-strict": H_STRICT, "ct-log-invalid": H_STRICT}
# traces also written for each of issue 10's rule sets
ISSUE10_TRACES = ("ct-tcp-session", "ct-udp-assured", "nat-snat-ports")


def read_pcap(path):
    """[(time in ns, frame bytes)], and whether frames are raw IPv4"""
    data = open(path, "rb").read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        end = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        end = ">"
    else:
        raise ValueError("%s: not a pcap file" % path)
    nano = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    linktype = struct.unpack(end + "I", data[20:24])[0] & 0xffff
    raw = linktype in (101, 228)
    frames, off = [], 24
    while off + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack(end + "IIII", data[off:off + 16])
        off += 16
        ns = sec * 10**9 + (frac if nano else frac * 1000)
        frames.append((ns, data[off:off + incl]))
        off += incl
    return frames, raw


def trace(sdir):
    """the scenario's frames merged by time: [(ns, where, frame)]"""
    inputs = []
    for where, name in enumerate(("in-eth0.pcap", "in-eth1.pcap",
                                  "in-eth2.pcap", "local.pcap")):
        p = os.path.join(sdir, name)
        if not os.path.exists(p):
            continue
        frames, raw = read_pcap(p)
        for ns, f in frames:
            if where == 3 and not raw:
                f = f[14:]        # local.pcap in Ethernet: the IP part
            inputs.append((ns, where, f))
    # stable: equal times keep the interface order
    inputs.sort(key=lambda x: x[0])
    return inputs


def encode(rules, host, seed, frames, fix=False):
    out = bytearray([rules, host, seed])
    prev = frames[0][0] if frames else 0
    for ns, where, f in frames:
        ms = min((ns - prev) // 10**6, 0xffff)
        prev = ns
        f = f[:0xffff]
        out += struct.pack(">BHH", where | (4 if fix else 0), ms,
                           len(f)) + f
    return bytes(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in glob.glob(os.path.join(OUT, "*")):
        os.remove(f)
    dirs = sorted(glob.glob(os.path.join(ROOT, "tests/kernel/scenarios/*")) +
                  glob.glob(os.path.join(ROOT, "tests/kernel/pending/*")))
    n = 0
    for sdir in dirs:
        name = os.path.basename(sdir)
        if not (name.startswith("ct-") or name.startswith("nat-")):
            continue
        frames = trace(sdir)
        if not frames:
            continue
        r = next(v for p, v in RULES if name.startswith(p))
        h = HOSTS.get(name, H_DEFAULT)
        seeds = [(r, h, "")]
        if r != R_ALL or h != H_SHORT:
            seeds.append((R_ALL, H_SHORT, "-all-short"))
        if name in ISSUE10_TRACES:
            seeds += [(i, H_DEFAULT, "-r%d" % i) for i in R_ISSUE10]
        for rr, hh, sfx in seeds:
            with open(os.path.join(OUT, name + sfx), "wb") as fh:
                fh.write(encode(rr, hh, 0, frames, fix=bool(sfx)))
            n += 1
    print("flow seeds: %d" % n)


if __name__ == "__main__":
    sys.exit(main())
