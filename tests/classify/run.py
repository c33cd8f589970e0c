#!/usr/bin/env python3
"""The compiled classifier against the linear walk, end to end: random
rule sets x random packets through `utables run --classifier compiled` and
`--classifier linear`; every output (frames, counters, log lines, local
deliveries) must be byte for byte the same.

    python3 tests/classify/run.py --utables build/utables [--sets N]
        [--packets N] [--seed N] [--keep DIR]

The default is a few thousand packets a set (the suite); a stress run
asks for more (`--sets 20 --packets 100000`: two million packets). The
rules mix what the classifier classifies (addresses and masks, negations,
protocols, '+' interfaces, -f, tcp/udp/icmp options) with matches it does
not (mark, length, limit, ttl, multiport), placed before and after them,
and targets that go on (LOG, MARK), jump, go to, return. Packets include
fragments and truncated transport headers (tcp/udp/icmp hot-drop them).
Ends with `N passed, N failed`.
"""
import argparse
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile

IFACES = [("eth0", "02:00:00:00:01:00", "10.0.0.1/16"),
          ("eth1", "02:00:00:00:01:01", "10.1.0.1/16"),
          ("eth2", "02:00:00:00:01:02", "192.168.1.1/24"),
          ("eth10", "02:00:00:00:01:0a", "172.16.0.1/16")]
# next hops the host knows (one per network) and the addresses packets use
NEIGHS = [("10.0.0.2", "eth0"), ("10.1.0.2", "eth1"),
          ("192.168.1.2", "eth2"), ("172.16.0.2", "eth10")]
ADDRS = ["10.0.0.2", "10.0.0.1", "10.0.7.9", "10.1.0.2", "10.1.0.1",
         "192.168.1.2", "192.168.1.1", "192.168.1.200", "172.16.0.2",
         "172.16.9.9", "8.8.8.8", "10.1.255.255"]
IFNAMES = ["eth0", "eth1", "eth+", "eth1+", "e+", "+", "eth10", "lo"]
PORTS = [0, 1, 22, 53, 79, 80, 81, 443, 1023, 1024, 1025, 8080, 65535]


def host_text():
    lines = []
    for name, mac, addr in IFACES:
        lines.append("link add %s address %s" % (name, mac))
        lines.append("addr add %s dev %s" % (addr, name))
    for i, (ip, dev) in enumerate(NEIGHS):
        lines.append("neigh add %s lladdr 02:00:00:00:00:%02x dev %s"
                     % (ip, i + 1, dev))
    lines.append("route add default via 10.1.0.2 dev eth1")
    lines += ["sysctl net.ipv4.ip_forward=1",
              "sysctl net.ipv4.conf.all.rp_filter=0",
              "sysctl net.ipv4.conf.default.rp_filter=0",
              "sysctl kernel.hz=250"]
    return "\n".join(lines) + "\n"


def neg(r, p=0.2):
    return "! " if r.random() < p else ""


def rand_addr(r):
    a = r.choice(ADDRS)
    if r.random() < 0.1:
        return "%s/%s" % (a, r.choice(["255.0.255.0", "255.255.0.255"]))
    return "%s/%d" % (a, r.choice([8, 16, 24, 30, 32, 32, 0]))


def rand_range(r):
    a, b = sorted((r.choice(PORTS), r.choice(PORTS)))
    return str(a) if r.random() < 0.4 else "%d:%d" % (a, b)


def unclassified(r):
    return r.choice([
        "-m mark %s--mark 0x%x" % (neg(r), r.randrange(4)),
        "-m length %s--length %d:%d" % (neg(r), r.randrange(60),
                                        r.randrange(60, 200)),
        "-m limit --limit %d/sec --limit-burst %d" % (r.randrange(1, 50),
                                                      r.randrange(1, 5)),
        "-m ttl --ttl-gt %d" % r.randrange(64),
    ])


def rule_text(r, chain, hook, user_chains, table):
    parts = []
    if r.random() < 0.5:
        parts.append("%s-s %s" % (neg(r), rand_addr(r)))
    if r.random() < 0.5:
        parts.append("%s-d %s" % (neg(r), rand_addr(r)))
    if hook in ("PREROUTING", "INPUT", "FORWARD") and r.random() < 0.3:
        parts.append("%s-i %s" % (neg(r), r.choice(IFNAMES)))
    if hook in ("OUTPUT", "FORWARD", "POSTROUTING") and r.random() < 0.3:
        parts.append("%s-o %s" % (neg(r), r.choice(IFNAMES)))
    if r.random() < 0.2:
        parts.append(unclassified(r))
    proto = r.choice([None, "tcp", "udp", "icmp", "47"])
    l4 = False
    if proto and r.random() < 0.15:
        parts.append("! -p %s" % proto)
    elif proto:
        parts.append("-p %s" % proto)
        l4 = proto != "47" and r.random() < 0.8
    if proto in ("tcp", "udp") and l4:
        m = ["-m %s" % proto]
        if r.random() < 0.6:
            m.append("%s--sport %s" % (neg(r), rand_range(r)))
        if r.random() < 0.7:
            m.append("%s--dport %s" % (neg(r), rand_range(r)))
        if proto == "tcp" and r.random() < 0.3:
            m.append(r.choice(["%s--syn" % neg(r),
                               "%s--tcp-flags SYN,ACK,FIN ACK" % neg(r),
                               "--tcp-flags ALL NONE"]))
        parts.append(" ".join(m))
    elif proto == "icmp" and l4:
        parts.append("-m icmp %s--icmp-type %s" % (neg(r), r.choice(
            ["echo-request", "echo-reply", "3/1", "3", "any", "8/0"])))
    elif not l4 and r.random() < 0.1:
        parts.append("%s-f" % neg(r, 0.5))
    if r.random() < 0.15:
        parts.append(unclassified(r))
    later = [c for c in user_chains if c > chain] if chain in user_chains \
        else user_chains
    t = r.random()
    if not parts:
        # an unconditional verdict early in a chain would leave the rest
        # untested: such a rule only counts
        return ""
    if t < 0.25 and later:
        parts.append("-%s %s" % ("g" if r.random() < 0.3 else "j",
                                 r.choice(later)))
    elif t < 0.35:
        parts.append("-j LOG --log-prefix \"%s \"" % chain)
    elif t < 0.45 and table == "mangle":
        parts.append("-j MARK --set-mark %d" % r.randrange(4))
    elif t < 0.55 and chain in user_chains:
        parts.append("-j RETURN")
    elif t < 0.75:
        parts.append("-j ACCEPT")
    elif t < 0.95:
        parts.append("-j DROP")
    return " ".join(parts)


def rules_text(r, n_rules):
    out = []
    for table, hooks in (("mangle", ["PREROUTING", "FORWARD"]),
                         ("filter", ["INPUT", "FORWARD", "OUTPUT"])):
        users = ["U%d" % i for i in range(3)]
        out.append("*" + table)
        for h in ["PREROUTING", "INPUT", "FORWARD", "OUTPUT",
                  "POSTROUTING"]:
            if table == "filter" and h in ("PREROUTING", "POSTROUTING"):
                continue
            out.append(":%s %s [0:0]" % (h, "ACCEPT" if h not in hooks or
                                         r.random() < 0.7 else "DROP"))
        for u in users:
            out.append(":%s - [0:0]" % u)
        for h in hooks:
            for _ in range(n_rules):
                out.append("-A %s %s" % (h, rule_text(r, h, h, users,
                                                      table)))
        for u in users:
            # a user chain is reached from every hook of its table: only
            # what every one of them allows (no -i, no -o)
            for _ in range(n_rules // 3):
                out.append("-A %s %s" % (u, rule_text(r, u, "", users,
                                                      table)))
        out.append("COMMIT")
    return "\n".join(out) + "\n"


def ip_aton(a):
    return bytes(int(x) for x in a.split("."))


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


def packet(r, ident):
    proto = r.choice([6, 6, 17, 17, 1, 47])
    if proto == 6:
        flags = r.choice([0x02, 0x12, 0x10, 0x11, 0x04, 0x00, 0x3f])
        l4 = struct.pack("!HHIIBBHHH", r.choice(PORTS), r.choice(PORTS),
                         1, 0, 0x50, flags, 1024, 0, 0)
    elif proto == 17:
        l4 = struct.pack("!HHHH", r.choice(PORTS), r.choice(PORTS), 8, 0)
    elif proto == 1:
        l4 = struct.pack("!BBHHH", r.choice([0, 3, 8, 11]),
                         r.randrange(3), 0, 1, 1)
    else:
        l4 = b"\0" * 8
    l4 += bytes(r.randrange(40))
    frag = 0
    x = r.random()
    if x < 0.05:
        frag = 0x2000                      # first fragment (MF)
    elif x < 0.1:
        frag = r.choice([1, 2, 100])       # a later fragment
    elif x < 0.15:
        l4 = l4[:r.randrange(8 if proto == 6 else 4, 20 if proto == 6
                             else 8)]     # truncated transport header
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), ident, frag,
                      r.randrange(1, 128), proto, 0,
                      ip_aton(r.choice(ADDRS)), ip_aton(r.choice(ADDRS)))
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + l4


def mac_bytes(m):
    return bytes(int(x, 16) for x in m.split(":"))


def write_inputs(r, n, d):
    """n frames spread over the interfaces: in-IFACE.pcap files"""
    files = {}
    for name, mac, _ in IFACES:
        fh = open(os.path.join(d, "in-%s.pcap" % name), "wb")
        fh.write(struct.pack("<IHHiIII", 0xa1b23c4d, 2, 4, 0, 0, 65535, 1))
        files[name] = (fh, mac)
    t = 1700000000 * 10**9
    for i in range(n):
        name = r.choice(IFACES)[0]
        fh, mac = files[name]
        frame = mac_bytes(mac) + b"\x02\0\0\0\0\x09" + b"\x08\x00" + \
            packet(r, i % 65535 + 1)
        t += 1000
        fh.write(struct.pack("<IIII", t // 10**9, t % 10**9, len(frame),
                             len(frame)) + frame)
    for fh, _ in files.values():
        fh.close()


def run(ut, d, classifier, out):
    args = [ut, "run", "--host", os.path.join(d, "host"), "--rules",
            os.path.join(d, "rules"), "--classifier", classifier,
            "--out", out]
    for name, _, _ in IFACES:
        args += ["--in", "%s=%s" % (name, os.path.join(d, "in-%s.pcap"
                                                          % name))]
    p = subprocess.run(args, capture_output=True, text=True)
    return None if p.returncode == 0 else \
        "%s: exit %d: %s" % (classifier, p.returncode, p.stderr.strip())


def compare(a, b):
    diffs = []
    names = set()
    for base in (a, b):
        for root, _, files in os.walk(base):
            names |= {os.path.relpath(os.path.join(root, f), base)
                      for f in files}
    for rel in sorted(names):
        pa, pb = os.path.join(a, rel), os.path.join(b, rel)
        if not (os.path.exists(pa) and os.path.exists(pb)):
            diffs.append("%s: only in one run" % rel)
            continue
        with open(pa, "rb") as fa, open(pb, "rb") as fb:
            if fa.read() != fb.read():
                diffs.append("%s differs" % rel)
    return diffs


def matched_rules(counters):
    """rules whose packet count is not zero: the set was not vacuous"""
    n = 0
    with open(counters) as fh:
        for line in fh:
            if line.startswith("[") and not line.startswith("[0:"):
                n += 1
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--utables", default="build/utables")
    ap.add_argument("--sets", type=int, default=6)
    ap.add_argument("--packets", type=int, default=3000)
    ap.add_argument("--rules", type=int, default=40,
                    help="rules per built-in chain")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", metavar="DIR")
    args = ap.parse_args()
    ut = os.path.abspath(args.utables)
    passed = failed = 0
    for s in range(args.sets):
        r = random.Random(args.seed * 1000003 + s)
        d = tempfile.mkdtemp(prefix="utcls-")
        try:
            with open(os.path.join(d, "host"), "w") as fh:
                fh.write(host_text())
            with open(os.path.join(d, "rules"), "w") as fh:
                fh.write(rules_text(r, args.rules))
            write_inputs(r, args.packets, d)
            outs = [os.path.join(d, "out-" + c) for c in ("compiled",
                                                          "linear")]
            errs = [run(ut, d, c, o) for c, o in zip(("compiled",
                                                      "linear"), outs)]
            diffs = [e for e in errs if e]
            if not diffs:
                diffs = compare(outs[0], outs[1])
                hit = matched_rules(os.path.join(outs[1], "counters"))
                if hit < 10:
                    diffs.append("only %d rules matched any packet: the "
                                 "set tests nothing" % hit)
            name = "set %d (seed %d, %d packets)" % (s, args.seed,
                                                     args.packets)
            if diffs:
                failed += 1
                print("FAIL %s" % name)
                for l in diffs:
                    print("  " + l)
            else:
                passed += 1
                print("PASS %s: %d rules matched packets" % (name, hit))
        finally:
            if args.keep:
                dst = os.path.join(args.keep, "set%d" % s)
                shutil.rmtree(dst, ignore_errors=True)
                shutil.copytree(d, dst)
            shutil.rmtree(d, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
