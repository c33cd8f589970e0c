#!/usr/bin/python3
"""tests/route: routing decisions of the HOST model against `ip route get`
on Linux, case by case (policy rules, tables, marks, TOS, interfaces).

  tests/route/run.py --utables build/utables [NAME...]   compare (no root)
  tests/route/run.py --record NAME...                    record (root)
  tests/route/run.py --check-kernel [NAME...]            live vs recorded
  tests/route/run.py --check-export UTABLES [NAME...]    (root) each host
      built in a namespace, `utables host export` there, read back: its
      rules and routes as the kernel's

cases/NAME.host is a HOST file (docs/architecture.md); cases/NAME.get
holds one `ip route get` argument list a line (`#` comments):
  ADDR [from A] [iif DEV] [oif DEV] [tos T] [mark M]
cases/NAME.kernel is what Linux answered to each, recorded by --record:
a `== QUERY` line, then ip's stdout and stderr lines as printed, then
`rc=N` (its exit status). The comparison runs `utables host get
NAME.host QUERY` and wants the same lines and status. cases/NAME.rules
and cases/NAME.routes are `ip rule show` and `ip -4 route show table
all` of the host, compared with `utables host show NAME.host rules` and
`... routes`.

Recording builds the host in a network namespace, line by line in file
order: `link add NAME address MAC [mtu N] [group N]` becomes a veth whose
peer sits in a second namespace (both up), `sysctl K=V` is `sysctl -w` in
the namespace, every other line is `ip -n NS LINE` (iproute2 reads HOST
lines as its own). Each query is `ip -n NS route get QUERY`.
"""
import difflib
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
sys.path.insert(0, os.path.dirname(HERE))
from common import summary, with_rt_tables, write_rt_tables  # noqa: E402


def case_names():
    return sorted(f[:-5] for f in os.listdir(CASES) if f.endswith(".host"))


def queries(name):
    out = []
    with open(os.path.join(CASES, name + ".get")) as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(line)
    return out


def answer(p):
    text = p.stdout + p.stderr
    return text + "rc=%d\n" % p.returncode


def read_kernel(name):
    """{query: answer text} of NAME.kernel"""
    res, cur, lines = {}, None, []
    with open(os.path.join(CASES, name + ".kernel")) as fh:
        for line in fh:
            if line.startswith("== "):
                if cur is not None:
                    res[cur] = "".join(lines)
                cur, lines = line[3:].rstrip("\n"), []
            else:
                lines.append(line)
    if cur is not None:
        res[cur] = "".join(lines)
    return res


def sh(cmd, check=True):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise RuntimeError("%s: %s" % (" ".join(cmd), p.stderr.strip()))
    return p


def rt_tables_of(name, ns):
    """the case's `rt_table ID NAME` lines as an rt_tables file for ip
    (None without any)"""
    with open(os.path.join(CASES, name + ".host")) as fh:
        names = [t[1:3] for t in (shlex.split(raw.split("#", 1)[0])
                                  for raw in fh) if t and t[0] == "rt_table"]
    return write_rt_tables(names, "/tmp/%s.rt_tables" % ns)


def build_ns(name, ns, peer, rtt):
    sh(["ip", "netns", "add", ns])
    sh(["ip", "netns", "add", peer])
    sh(["ip", "-n", ns, "link", "set", "lo", "up"])
    path = os.path.join(CASES, name + ".host")
    with open(path) as fh:
        for no, raw in enumerate(fh, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            t = shlex.split(line)
            where = "%s:%d" % (path, no)
            if t[0] == "rt_table":
                continue
            if t[0] == "link":
                opts = dict(zip(t[3::2], t[4::2]))
                dev = t[2]
                cmd = ["ip", "-n", ns, "link", "add", dev, "address",
                       opts["address"]]
                if "mtu" in opts:
                    cmd += ["mtu", opts["mtu"]]
                cmd += ["type", "veth", "peer", "name", "p" + dev,
                        "netns", peer]
                sh(cmd)
                if "group" in opts:
                    sh(["ip", "-n", ns, "link", "set", dev, "group",
                        opts["group"]])
                sh(["ip", "-n", ns, "link", "set", dev, "up"])
                sh(["ip", "-n", peer, "link", "set", "p" + dev, "up"])
            elif t[0] == "sysctl":
                sh(["ip", "netns", "exec", ns, "sysctl", "-qw",
                    " ".join(t[1:])])
            else:
                p = sh(with_rt_tables(["ip", "-n", ns] + t, rtt),
                       check=False)
                if p.returncode != 0:
                    raise RuntimeError("%s: %s" % (where, p.stderr.strip()))


def kernel_answers(name):
    ns, peer = "utroute%d" % os.getpid(), "utroute%dp" % os.getpid()
    rtt = rt_tables_of(name, ns)
    try:
        build_ns(name, ns, peer, rtt)
        # let the links come up (carrier) before asking
        sh(["ip", "netns", "exec", ns, "sleep", "0.5"])
        res = []
        for q in queries(name):
            p = sh(with_rt_tables(["ip", "-n", ns, "route", "get"] +
                                  q.split(), rtt), check=False)
            res.append((q, answer(p)))
        res.append(("rules", sh(with_rt_tables(
            ["ip", "-n", ns, "rule", "show"], rtt)).stdout))
        res.append(("routes", sh(with_rt_tables(
            ["ip", "-n", ns, "-4", "route", "show", "table", "all"],
            rtt)).stdout))
        return res
    finally:
        if rtt:
            os.unlink(rtt)
        for n in (ns, peer):
            subprocess.run(["ip", "netns", "del", n], capture_output=True)


def check_export(utables, names):
    passed = failed = 0
    for name in names:
        ns, peer = "utroute%d" % os.getpid(), "utroute%dp" % os.getpid()
        tmp = "/tmp/utroute%d.host" % os.getpid()
        # the export reads the case's rt_table names where ip does
        rtt = rt_tables_of(name, ns)
        try:
            build_ns(name, ns, peer, rtt)
            p = sh(with_rt_tables(["ip", "netns", "exec", ns, utables,
                                   "host", "export"], rtt))
            with open(tmp, "w") as fh:
                fh.write(p.stdout)
            for what in ("rules", "routes"):
                got = sh([utables, "host", "show", tmp, what]).stdout
                cmd = ["ip", "-n", ns, "rule", "show"] if what == "rules" \
                    else ["ip", "-n", ns, "-4", "route", "show", "table",
                          "all"]
                want = sh(with_rt_tables(cmd, rtt)).stdout
                if got == want:
                    passed += 1
                    continue
                failed += 1
                print("FAIL %s: export, %s" % (name, what))
                sys.stdout.writelines(difflib.unified_diff(
                    want.splitlines(True), got.splitlines(True), "kernel",
                    "export"))
        finally:
            for n in (ns, peer):
                subprocess.run(["ip", "netns", "del", n],
                               capture_output=True)
            for f in (tmp, rtt):
                if f and os.path.exists(f):
                    os.unlink(f)
    return passed, failed


def record(names):
    for name in names:
        res = kernel_answers(name)
        again = kernel_answers(name)
        if res != again:
            raise RuntimeError(name + ": two kernel runs differ")
        with open(os.path.join(CASES, name + ".kernel"), "w") as fh:
            for q, a in res[:-2]:
                fh.write("== %s\n%s" % (q, a))
        for q, a in res[-2:]:
            with open(os.path.join(CASES, name + "." + q), "w") as fh:
                fh.write(a)
        print("recorded %s (%d queries, rules, routes)" % (name, len(res) - 2))


def compare(utables, names, live=False):
    passed = failed = 0
    for name in names:
        if live:
            want = dict(kernel_answers(name))
        else:
            want = read_kernel(name)
        host = os.path.join(CASES, name + ".host")
        for q in queries(name):
            if q not in want:
                print("FAIL %s: `%s` not recorded" % (name, q))
                failed += 1
                continue
            if live:
                got = read_kernel(name).get(q)
            else:
                p = subprocess.run([utables, "host", "get", host] +
                                   q.split(), capture_output=True,
                                   text=True)
                got = answer(p)
            if got == want[q]:
                passed += 1
            else:
                failed += 1
                print("FAIL %s: %s\n  want: %s\n  got:  %s" % (
                    name, q, want[q].replace("\n", "\n        "),
                    (got or "").replace("\n", "\n        ")))
        if live:
            continue
        for what in ("rules", "routes"):
            path = os.path.join(CASES, name + "." + what)
            if not os.path.exists(path):
                continue
            with open(path) as fh:
                want_text = fh.read()
            p = subprocess.run([utables, "host", "show", host, what],
                               capture_output=True, text=True)
            if p.stdout == want_text and p.returncode == 0:
                passed += 1
                continue
            failed += 1
            print("FAIL %s: host show %s" % (name, what))
            sys.stdout.writelines(difflib.unified_diff(
                want_text.splitlines(True), p.stdout.splitlines(True),
                "kernel", "utables"))
    return passed, failed


def main(argv):
    if argv[:1] == ["--record"]:
        record(argv[1:] or case_names())
        return 0
    if argv[:1] == ["--check-kernel"]:
        p, f = compare(None, argv[1:] or case_names(), live=True)
        summary(p, f)
        return 1 if f else 0
    if argv[:1] == ["--check-export"] and len(argv) >= 2:
        p, f = check_export(os.path.abspath(argv[1]),
                            argv[2:] or case_names())
        summary(p, f)
        return 1 if f else 0
    if len(argv) < 2 or argv[0] != "--utables":
        print(__doc__)
        return 2
    p, f = compare(os.path.abspath(argv[1]), argv[2:] or case_names())
    summary(p, f)
    return 1 if f else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
