#!/usr/bin/env python3
"""make_seeds.py: (re)build the seed corpora in fuzz/seeds/ from the
iptables .t corpus and real-world rule sets in ../shared/conformance.

  python3 fuzz/make_seeds.py [CONFORMANCE_DIR]

seeds/restore/: one iptables-restore file per .t file (its OK rules) plus
  a few with a FAIL rule, and the real-world / dump rule sets.
seeds/argv/: fuzz_argv inputs: newline-separated arguments, NUL between
  commands; one per .t rule line (OK and FAIL), some multi-command ones.
"""
import glob
import hashlib
import os
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONF = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/conformance"
RDIR = os.path.join(HERE, "seeds", "restore")
ADIR = os.path.join(HERE, "seeds", "argv")
BUILTIN = {"INPUT", "FORWARD", "OUTPUT", "PREROUTING", "POSTROUTING"}


def put(d, data, name=None):
    if isinstance(data, str):
        data = data.encode()
    name = name or hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def parse_t(path):
    """yield (table, chains, rule, ok) for the rule lines of a .t file"""
    table, chains = "filter", ["INPUT"]
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        if not line.strip() or line[0] in "#@%":
            continue
        if line[0] == ":":
            chains = line[1:].split(",")
            continue
        if line[0] == "*":
            table = line[1:].strip()
            continue
        f = line.split(";")
        if len(f) < 3:
            continue
        yield table, chains, f[0].strip(), f[2].strip() == "OK"


def main():
    os.makedirs(RDIR, exist_ok=True)
    os.makedirs(ADIR, exist_ok=True)
    tfiles = sorted(p for p in glob.glob(os.path.join(CONF, "iptables-t", "*.t"))
                    if not any(x in os.path.basename(p)
                               for x in ("ebt_", "arpt_", "ip6t_")))
    nr = na = 0
    for p in tfiles:
        base = os.path.basename(p)[:-2]
        per_table = {}
        fails = []
        for table, chains, rule, ok in parse_t(p):
            chain = chains[0]
            if ok:
                per_table.setdefault(table, []).append((chain, rule))
            else:
                fails.append((table, chain, rule))
            try:
                args = shlex.split(rule)
            except ValueError:
                args = rule.split()
            argv = ["-t", table, "-A", chain] + args
            put(ADIR, "\n".join(argv))
            na += 1
        for table, rules in per_table.items():
            out = ["*" + table]
            users = sorted({c for c, _ in rules if c not in BUILTIN})
            out += [":%s - [0:0]" % c for c in users]
            out += ["-A %s %s" % (c, r) for c, r in rules]
            out.append("COMMIT")
            put(RDIR, "\n".join(out) + "\n", "t_%s_%s" % (base, table))
            nr += 1
        for i, (table, chain, rule) in enumerate(fails[:2]):
            out = "*%s\n-A %s %s\nCOMMIT\n" % (table, chain, rule)
            put(RDIR, out, "tfail_%s_%d" % (base, i))
            nr += 1
    for p in glob.glob(os.path.join(CONF, "realworld", "*.rules")) + \
            glob.glob(os.path.join(CONF, "iptables-shell", "*", "dumps", "*")):
        if "ip6" in os.path.basename(p):
            continue
        put(RDIR, open(p, "rb").read(), "rw_" + os.path.basename(p))
        nr += 1
    # hand-written restore seeds: counters, noflush-style chain reuse, loops
    put(RDIR, "*filter\n:INPUT DROP [10:600]\n:FORWARD ACCEPT [0:0]\n"
        ":OUTPUT ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n"
        "[1:2] -A INPUT -j A\n[3:4] -A A -g B\n-A B -j RETURN\n"
        "-I A 1 -p tcp --dport 22 -j ACCEPT\n-D A 2\n-R A 1 -j DROP\n"
        "-F B\n-Z\n-E B C\n-X C\nCOMMIT\n", "hand_filter_cmds")
    put(RDIR, "*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
        ":X - [0:0]\n-A PREROUTING -p tcp --dport 80 -j DNAT "
        "--to-destination 10.0.0.1:8080\n-A POSTROUTING -o eth0 -j "
        "MASQUERADE\n-A X -j X\nCOMMIT\n*mangle\n-A PREROUTING -j MARK "
        "--set-xmark 0x1/0xff\nCOMMIT\n*raw\n-A PREROUTING -j CT "
        "--notrack\nCOMMIT\n", "hand_multi_table")
    put(RDIR, "# comment\n*filter\n:L1 - [0:0]\n:L2 - [0:0]\n-A L1 -j L2\n"
        "-A L2 -j L1\n-A INPUT -j L1\nCOMMIT\n", "hand_loop")
    # multi-command argv seeds
    cmds = [
        [["-N", "X"], ["-A", "X", "-p", "tcp", "--dport", "22", "-j", "ACCEPT"],
         ["-A", "INPUT", "-j", "X"], ["-L", "-n", "-v", "--line-numbers"],
         ["-E", "X", "Y"], ["-S"], ["-D", "INPUT", "1"], ["-X", "Y"]],
        [["-t", "nat", "-A", "POSTROUTING", "-o", "eth0", "-j", "MASQUERADE"],
         ["-t", "nat", "-I", "POSTROUTING", "1", "-s", "10.0.0.0/8,1.2.3.4",
          "-j", "SNAT", "--to-source", "1.1.1.1"], ["-t", "nat", "-L", "-x", "-v"],
         ["-t", "nat", "-F"], ["-t", "nat", "-Z", "-L"]],
        [["-P", "INPUT", "DROP"], ["-A", "INPUT", "-m", "conntrack", "--ctstate",
          "ESTABLISHED,RELATED", "-j", "ACCEPT"], ["-C", "INPUT", "-m",
          "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"],
         ["-R", "INPUT", "1", "-j", "DROP"], ["-S", "INPUT", "1"]],
    ]
    for c in cmds:
        put(ADIR, "\0".join("\n".join(a) for a in c))
        na += 1
    print("restore seeds: %d, argv seeds: %d" % (nr, na))


if __name__ == "__main__":
    main()
