#!/usr/bin/env python3
"""cb2restore.py: a ClassBench rule file -> an iptables-restore file.

usage: cb2restore.py [options] RULES > out.rules

Every ClassBench line i (1-based, line 1 = highest priority) becomes the
i-th rule of the user chain CB; the base chain jumps to CB. Wildcard
fields are left out. Field format: ../shared/bench/classbench/README.md.

  -t, --table filter|mangle   table (default mangle)
  -j, --target mark|accept    action: "-j MARK --set-mark i" (first match
                              kept with "-m mark --mark 0") or "-j ACCEPT"
                              (default: mark in mangle, accept in filter)
      --flags                 also translate the flags field (tcp flags,
                              icmp type); off by default
      --chain NAME            user chain name (default CB)
  -n, --limit N               only the first N rules
"""
import argparse
import sys

TCP_FLAGS = [("FIN", 0x01), ("SYN", 0x02), ("RST", 0x04), ("PSH", 0x08),
             ("ACK", 0x10), ("URG", 0x20)]
PROTO_NAMES = {1: "icmp", 6: "tcp", 17: "udp"}


def flag_names(byte):
    names = [n for n, v in TCP_FLAGS if byte & v]
    return ",".join(names) if names else "NONE"


def prefix(field):
    addr, _, plen = field.partition("/")
    plen = int(plen)
    if plen == 0:
        return None
    return addr if plen == 32 else "%s/%d" % (addr, plen)


def port_range(field):
    lo, hi = (int(x) for x in field.split(":"))
    if (lo, hi) == (0, 65535):
        return None
    return str(lo) if lo == hi else "%d:%d" % (lo, hi)


def convert(line, lineno, args):
    f = line.strip().lstrip("@").split("\t")
    if len(f) < 5:
        raise ValueError("line %d: expected at least 5 fields" % lineno)
    m = []
    src, dst = prefix(f[0].strip()), prefix(f[1].strip())
    if src:
        m += ["-s", src]
    if dst:
        m += ["-d", dst]
    pval, pmask = (int(x, 16) for x in f[4].split("/"))
    proto = PROTO_NAMES.get(pval, str(pval)) if pmask else None
    if proto:
        m += ["-p", proto]
    sport, dport = port_range(f[2]), port_range(f[3])
    if (sport or dport) and proto not in ("tcp", "udp"):
        raise ValueError("line %d: ports without tcp/udp" % lineno)
    flags = None
    if args.flags and len(f) > 5 and f[5].strip():
        fval, fmask = (int(x, 16) for x in f[5].split("/"))
        if fmask and proto == "tcp":
            flags = ["--tcp-flags", flag_names(fmask >> 8),
                     flag_names(fval >> 8)]
        elif fmask and proto == "icmp":
            m += ["-m", "icmp", "--icmp-type", str(fval >> 8)]
    if proto in ("tcp", "udp") and (sport or dport or flags):
        m += ["-m", proto]
        if sport:
            m += ["--sport", sport]
        if dport:
            m += ["--dport", dport]
        if flags:
            m += flags
    if args.target == "mark":
        return "-A %s -m mark --mark 0x0 %s -j MARK --set-mark %d" % (
            args.chain, " ".join(m), lineno)
    return "-A %s %s -j ACCEPT" % (args.chain, " ".join(m))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("rules")
    ap.add_argument("-t", "--table", choices=("filter", "mangle"),
                    default="mangle")
    ap.add_argument("-j", "--target", choices=("mark", "accept"))
    ap.add_argument("--flags", action="store_true")
    ap.add_argument("--chain", default="CB")
    ap.add_argument("-n", "--limit", type=int, default=0)
    args = ap.parse_args()
    if not args.target:
        args.target = "mark" if args.table == "mangle" else "accept"
    if args.target == "mark" and args.table != "mangle":
        ap.error("MARK needs the mangle table")

    out = sys.stdout
    w = out.write
    w("*%s\n" % args.table)
    if args.table == "mangle":
        builtins = ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"]
    else:
        builtins = ["INPUT", "FORWARD", "OUTPUT"]
    for c in builtins:
        w(":%s ACCEPT [0:0]\n" % c)
    w(":%s - [0:0]\n" % args.chain)
    n = 0
    with open(args.rules) as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            w(convert(line, lineno, args) + "\n")
            n += 1
            if args.limit and n >= args.limit:
                break
    w("-A FORWARD -j %s\n" % args.chain)
    w("COMMIT\n")


if __name__ == "__main__":
    main()
