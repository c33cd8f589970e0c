#!/usr/bin/env python3
"""Conformance runner: the iptables `.t` corpus and the upstream shell dumps
through utables.

Part 1, `.t` files (IPv4: libxt_*.t, libipt_*.t, iptables.t) from
../shared/conformance/iptables-t, format in T-FORMAT.md there. Every rule
line is loaded with `utables iptables -A CHAIN [-t TABLE] RULE` through
`sh -c` (word splitting and quote removal, as upstream iptables-test.py),
looked up in `utables iptables-save` as the exact line `-A CHAIN SAVE`,
and deleted again with -D. FAIL lines must exit non-zero. `@`/`%` lines
starting with iptables run against the file's base state (failures
ignored); other external commands (nfct, nfacct) are skipped.

Expected result of a line: what the installed iptables 1.8.9 (legacy)
did, recorded in legacy-1.8.9-reference.json (first chain of each line).
The `.t` expectation (LEGACY variant applied) counts instead where that
record says nothing about iptables itself: the kernel there lacked the
extension ("No chain/target/match by that name", missing kernel module).
Where the record and the .t file disagree otherwise (behaviour changed
after 1.8.9), 1.8.9 wins; --lenient accepts either. For lines that fail
in both, stderr (and the exit status) are compared with the record and
mismatches are counted apart; they do not fail the line.

Part 2, shell dumps (iptables-shell/: ipt-restore/dumps/iptables.dump,
ipt-save/dumps/* IPv4, firewalld-restore/dumps/*): restore, save, compare
with what iptables-legacy-restore + iptables-legacy-save produce in a
fresh network namespace (generated now when root and iptables-legacy are
here; otherwise roundtrip-reference/<name>/saved for the -c pass and the
input with counters zeroed for the plain pass). Both passes: plain
restore + save, and restore -c + save -c. `#` lines are ignored; table
order counts (a difference in order alone is reported as such).

Ends with `N passed, N failed`; without the corpus, or with the dumps
compared with the stored references instead of the live iptables-legacy,
`skipped: N WHAT (WHY)` lines and `N passed, N failed, N skipped`.
Exit status 1 when the pass rate over everything is below --min-rate.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import strip_kernel_explanation, summary  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("UTABLES_SHARED",
                        os.path.join(os.path.dirname(ROOT), "shared"))
CONF = os.path.join(SHARED, "conformance")
TDIR = os.path.join(CONF, "iptables-t")
REF = os.path.join(CONF, "legacy-1.8.9-reference.json")

SHELL_DUMPS = [
    "ipt-restore/dumps/iptables.dump",
    "ipt-save/dumps/fedora27-iptables",
    "ipt-save/dumps/ipt-save-filter.txt",
    "ipt-save/dumps/policy-drop.txt",
    "ipt-save/dumps/wireless.txt",
    "firewalld-restore/dumps/ipt-save-completed.txt",
]

# Reference failures that say the kernel of the recording machine lacked
# something (module, RATEEST estimator set up by a `%` line), not what
# iptables 1.8.9 itself does with the line.
# Anything sh would expand or treat specially beyond quotes and blanks.
SHELL_META = re.compile(r"[$`\\*?\[~{}|&;<>()#\n]")

KERNEL_MISSING = ("missing kernel module",
                  "No chain/target/match by that name")



def ipv4_t_files():
    out = []
    for f in sorted(os.listdir(TDIR)):
        if not f.endswith(".t"):
            continue
        if f.startswith(("libxt_", "libipt_")) or f == "iptables.t":
            out.append(f)
    return out


class Line:
    """One rule line of a .t file."""

    def __init__(self, fname, lineno, chains, table, table_explicit, raw):
        self.fname = fname
        self.lineno = lineno
        self.chains = chains
        self.table = table
        self.table_explicit = table_explicit
        f = raw.split(";")
        self.rule = f[0]
        save = f[1] if len(f) > 1 else ""
        self.save = self.rule if save == "=" else save
        res = f[2].rstrip() if len(f) > 2 else ""
        variant = f[3].rstrip() if len(f) > 3 else ""
        alt = f[4].rstrip() if len(f) > 4 else ""
        if variant and variant != "LEGACY":
            if alt:
                res = alt
            else:
                res = {"OK": "FAIL", "FAIL": "OK", "NOMATCH": "OK"}.get(res,
                                                                      res)
        self.result = res  # OK, FAIL, NOMATCH (or "=" == NOMATCH)


def parse_t(fname):
    """Yield ('rule', Line) and ('ext', lineno, command) in file order."""
    chains = None
    table = "filter"
    explicit = False
    items = []
    with open(os.path.join(TDIR, fname)) as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line[0] == ":":
                chains = [c.strip() for c in line[1:].split(",")]
                continue
            if line[0] == "*":
                table = line[1:].strip()
                explicit = True
                continue
            if line[0] in "@%":
                items.append(("ext", n, line[1:].strip()))
                continue
            if chains is None:
                items.append(("broken", n, line))
                continue
            items.append(("rule", Line(fname, n, list(chains), table,
                                       explicit, line)))
    return items


class Runner:
    def __init__(self, utables, tmp, verbose):
        self.ut = utables
        self.tmp = tmp
        self.verbose = verbose

    def sh(self, state, cmdline, stdin=None):
        """Run cmdline as `sh -c` would. Without shell expansions in it,
        shlex does the same word splitting and quote removal, and saves
        a process."""
        env = dict(os.environ)
        env["UTABLES_STATE"] = state
        argv = ["sh", "-c", cmdline]
        if not SHELL_META.search(cmdline):
            try:
                argv = shlex.split(cmdline)
            except ValueError:
                pass
        p = subprocess.run(argv, env=env, input=stdin,
                           stdin=None if stdin is not None
                           else subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           close_fds=False, timeout=60)
        return (p.returncode, p.stdout.decode("utf-8", "replace"),
                p.stderr.decode("utf-8", "replace"))

    def ipt(self, state, args):
        return self.sh(state, shlex.quote(self.ut) + " iptables " + args)

    def save(self, state):
        return self.sh(state, shlex.quote(self.ut) + " iptables-save")


def strip_counters(rule):
    """The rule for -D: -c/--set-counters and their value(s) removed, as
    upstream does (split on spaces)."""
    toks = rule.split(" ")
    out = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t in ("-c", "--set-counters"):
            i += 1
            if i < len(toks) and "," not in toks[i]:
                i += 1  # "-c PKTS BYTES"
            i += 1
            continue
        out.append(t)
        i += 1
    return " ".join(out)


def chain_args(line, chain):
    a = chain
    if line.table_explicit:
        a += " -t " + line.table
    return a + " " + line.rule


def run_chain(rn, state, line, chain):
    """Run one line in one chain. Returns a dict: rc, err, found
    (saved line present: True/False/None when not loaded), saved_rules
    (the -A CHAIN lines of the dump), deleted, crash."""
    rc, _, err = rn.ipt(state, "-A " + chain_args(line, chain))
    r = {"rc": rc, "err": err, "found": None, "lines": [], "delete": None}
    if rc != 0:
        return r
    src, out, serr = rn.save(state)
    r["save_rc"] = src
    hay = "\n" + out
    want = "\n-A %s %s\n" % (chain, line.save)
    r["found"] = want in hay
    r["lines"] = [l for l in out.splitlines()
                  if l.startswith("-A %s" % chain)]
    r["out"] = out
    return r


def delete(rn, state, line, chain):
    args = "-D " + chain
    if line.table_explicit:
        args += " -t " + line.table
    args += " " + strip_counters(line.rule)
    rc, _, err = rn.ipt(state, args)
    return rc, err


def ref_for(ref, line, chain, first):
    """The 1.8.9 record for this chain: the record of the first chain,
    with the chain name replaced for the others. None if unusable."""
    r = ref.get("%s:%d:%s" % (line.fname, line.lineno, first))
    if r is None:
        return None
    r = dict(r)
    if r["rc"] == 0 and r["saved"] is None:
        # The recorder searched for "-A CHAIN " and missed a rule that
        # saves as bare "-A CHAIN" (iptables.t `! -i +`).
        r["saved"] = "-A " + first
    if chain != first and r["saved"] is not None:
        r["saved"] = "-A " + chain + r["saved"][len("-A " + first):]
    if r["rc"] != 0 and any(k in r["err"] for k in KERNEL_MISSING):
        r["kernel_missing"] = True
    return r


def judge_t(line, chain, res):
    """Does res meet the .t expectation? (ok, reason)"""
    exp = line.result
    if exp == "FAIL":
        if res["rc"] != 0:
            return True, ""
        return False, "should fail (rc 0)"
    if res["rc"] != 0:
        return False, "cannot load (rc %d): %s" % (
            res["rc"], res["err"].strip().replace("\n", " | "))
    if exp == "OK":
        if res["found"]:
            return True, ""
        return False, "cannot find %r; saved: %s" % (
            "-A %s %s" % (chain, line.save), res["lines"] or "nothing")
    # NOMATCH / "="
    if res["found"]:
        return False, "should not match"
    return True, ""


def judge_ref(r, chain, res):
    if r["rc"] != 0:
        if res["rc"] != 0:
            return True, ""
        return False, "1.8.9 fails (rc %d: %s), utables accepts" % (
            r["rc"], r["err"].strip().replace("\n", " | "))
    if res["rc"] != 0:
        return False, "cannot load (rc %d): %s" % (
            res["rc"], res["err"].strip().replace("\n", " | "))
    if r["saved"] in res["lines"]:
        return True, ""
    return False, "1.8.9 saves %r; utables: %s" % (
        r["saved"], res["lines"] or "nothing")


def run_t_file(args, ref, fname):
    """Run one .t file. Returns (fname, [results], notes)."""
    rn = Runner(args.utables, None, args.verbose)
    tmp = tempfile.mkdtemp(prefix="utconf-")
    base = os.path.join(tmp, "base.v4")
    results = []
    notes = []
    try:
        for n, item in enumerate(parse_t(fname)):
            if item[0] == "broken":
                results.append({"line": item[1], "ok": False, "rule": item[2],
                                "reason": "rule line before any chain"})
                continue
            if item[0] == "ext":
                cmd = item[2]
                if cmd.startswith("iptables "):
                    rc, _, err = rn.ipt(base, cmd[len("iptables "):])
                    notes.append("line %d: ran %r (rc %d)" % (item[1], cmd, rc))
                else:
                    notes.append("line %d: skipped %r" % (item[1], cmd))
                continue
            line = item[1]
            state = os.path.join(tmp, "l%d.v4" % line.lineno)
            if os.path.exists(base):
                shutil.copyfile(base, state)
            results.append(run_line(rn, ref, line, state, args.lenient))
            if not args.keep:
                try:
                    os.unlink(state)
                except FileNotFoundError:
                    pass
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return fname, results, notes


def run_line(rn, ref, line, state, lenient):
    out = {"line": line.lineno, "rule": line.rule, "ok": True, "reason": "",
           "errmis": None, "how": ""}
    first = line.chains[0]
    for chain in line.chains:
        res = run_chain(rn, state, line, chain)
        r = ref_for(ref, line, chain, first)
        t_ok, t_why = judge_t(line, chain, res)
        if r is None or r.get("kernel_missing"):
            ok, why, how = t_ok, t_why, ".t"
        else:
            ok, why = judge_ref(r, chain, res)
            how = "1.8.9"
            if not ok and t_ok and lenient:
                ok, how = True, ".t (lenient)"
            elif not ok and t_ok:
                why += " [matches the newer .t expectation]"
        if ok and how == "1.8.9" and not t_ok:
            how = "1.8.9 (differs from .t)"
        # stderr of lines failing in both
        if (chain == first and r is not None and r["rc"] != 0
                and not r.get("kernel_missing") and res["rc"] != 0):
            want = r["err"].rstrip("\n")
            got = strip_kernel_explanation(res["err"]).rstrip("\n")
            if want != got or r["rc"] != res["rc"]:
                out["errmis"] = {"want": want, "got": got,
                                 "want_rc": r["rc"], "got_rc": res["rc"]}
        if res["rc"] == 0:
            if res["found"] or (r and r.get("saved") in res["lines"]):
                # Upstream deletes after a .t pass and fails the line if
                # that fails; 1.8.9 itself cannot delete some rules that
                # only it saves differently (`! --sport :`), so a delete
                # is required only where the .t save line was found.
                drc, derr = delete(rn, state, line, chain)
                if drc != 0 and ok and res["found"]:
                    ok, why = False, "cannot delete (rc %d): %s" % (
                        drc, derr.strip().replace("\n", " | "))
            elif res.get("save_rc", 0) != 0 and ok:
                ok, why = False, "iptables-save failed (rc %d)" % res[
                    "save_rc"]
        if res["rc"] < 0 or res.get("save_rc", 0) < 0:
            ok, why = False, "crashed (signal %d)" % -min(
                res["rc"], res.get("save_rc", 0))
        out["how"] = how
        if not ok:
            out["ok"] = False
            out["reason"] = "%s: %s" % (chain, why)
            break
        # a failed load leaves nothing; an OK line was deleted; a
        # NOMATCH line stays, as upstream leaves it.
    return out


# ---------------------------------------------------------------------------
# shell dumps

def have_real():
    return real_unavailable() is None


def real_unavailable():
    """Why iptables-legacy cannot be the dump oracle here, or None."""
    if os.geteuid() != 0:
        return "not root"
    for prog in ("iptables-legacy-restore", "iptables-legacy-save", "ip"):
        if not shutil.which(prog):
            return "no " + prog
    return None


def real_restore_save(text, counters):
    """Restore text into a fresh netns with the real binary, save it."""
    ns = "h_infra_c%d" % os.getpid()
    env = dict(os.environ)
    env.setdefault("XTABLES_LOCKFILE", "/tmp/%s.lock" % ns)
    c = ["-c"] if counters else []
    subprocess.run(["ip", "netns", "add", ns], check=True)
    try:
        p = subprocess.run(["ip", "netns", "exec", ns,
                            "iptables-legacy-restore"] + c,
                           input=text.encode(), env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            return None, p.stderr.decode()
        p = subprocess.run(["ip", "netns", "exec", ns,
                            "iptables-legacy-save"] + c, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return p.stdout.decode(), p.stderr.decode()
    finally:
        subprocess.run(["ip", "netns", "del", ns])


def zero_counters(text):
    out = []
    for l in text.splitlines():
        if l.startswith(":"):
            l = re.sub(r"\[\d+:\d+\]$", "[0:0]", l)
        l = re.sub(r"^\[\d+:\d+\] ", "", l)
        out.append(l)
    return "\n".join(out) + "\n"


def nohash(text):
    return [l for l in text.splitlines() if not l.startswith("#")]


def blocks(lines):
    """{table: [lines]} of a dump without # lines."""
    d = {}
    cur = None
    for l in lines:
        if l.startswith("*"):
            cur = l[1:]
            d[cur] = []
        if cur is not None:
            d[cur].append(l)
    return d


def diff_text(want, got):
    import difflib
    return "\n".join(difflib.unified_diff(want, got, "expected", "utables",
                                          lineterm="", n=1))


def run_dumps(args, use_real):
    rn = Runner(args.utables, None, args.verbose)
    results = []
    tmp = tempfile.mkdtemp(prefix="utdump-")
    try:
        for rel in SHELL_DUMPS:
            path = os.path.join(CONF, "iptables-shell", rel)
            if not os.path.exists(path):
                continue
            text = open(path).read()
            name = os.path.basename(rel)
            for counters in (False, True):
                label = "%s%s" % (name, " (-c)" if counters else "")
                if use_real:
                    want, werr = real_restore_save(text, counters)
                    src = "live iptables-legacy"
                    if want is None:
                        results.append((label, False, "real restore failed: "
                                        + werr.strip()))
                        continue
                else:
                    refp = os.path.join(CONF, "roundtrip-reference", name,
                                        "saved")
                    if counters and os.path.exists(refp):
                        want, src = open(refp).read(), "roundtrip-reference"
                    elif not counters:
                        want, src = zero_counters(text), "input, counters 0"
                    else:
                        continue
                state = os.path.join(tmp, "d.v4")
                if os.path.exists(state):
                    os.unlink(state)
                c = " -c" if counters else ""
                rc, _, err = rn.sh(state, shlex.quote(args.utables)
                                   + " iptables-restore" + c,
                                   stdin=text.encode())
                if rc != 0:
                    results.append((label, False, "restore rc %d: %s" % (
                        rc, err.strip().replace("\n", " | "))))
                    continue
                rc, got, err = rn.sh(state, shlex.quote(args.utables)
                                     + " iptables-save" + c)
                if rc != 0:
                    results.append((label, False, "save rc %d: %s" % (
                        rc, err.strip())))
                    continue
                w, g = nohash(want), nohash(got)
                if not use_real and not counters:
                    # the input's table order is not the saved order, and
                    # its blank lines are not saved
                    bw = blocks([l for l in w if l.strip()])
                    bg = blocks(g)
                    ok = bw == bg
                    results.append((label, ok, "" if ok else
                                    "vs %s:\n%s" % (src, diff_text(w, g))))
                    continue
                if w == g:
                    results.append((label, True, ""))
                elif blocks(w) == blocks(g):
                    results.append((label, False, "table order differs "
                                    "(%s: %s; utables: %s)" % (
                                        src, [l for l in w if l[0] == "*"],
                                        [l for l in g if l[0] == "*"])))
                else:
                    results.append((label, False, "vs %s:\n%s" % (
                        src, diff_text(w, g))))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return results


def main():
    if not os.path.isdir(TDIR):
        # the corpus lives beside the repository (../shared), not in it
        print("SKIP: conformance corpus not found at %s "
              "(set UTABLES_SHARED)" % TDIR)
        summary(0, 0, [(1, "suite (no conformance corpus at %s)" % TDIR)])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--utables", default=os.path.join(ROOT, "build",
                                                      "utables"))
    ap.add_argument("--file", action="append",
                    help="run only this .t file (repeatable); no dumps")
    ap.add_argument("--min-rate", type=float, default=0.95)
    ap.add_argument("--lenient", action="store_true",
                    help="accept the .t expectation where 1.8.9 differs")
    ap.add_argument("--no-dumps", action="store_true")
    ap.add_argument("--no-real", action="store_true",
                    help="do not run iptables-legacy for the dump oracle")
    ap.add_argument("--show-err", action="store_true",
                    help="print every stderr mismatch in full")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("-k", "--keep", action="store_true",
                    help="keep the temporary state files")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    args.utables = os.path.abspath(args.utables)
    if not os.access(args.utables, os.X_OK):
        print("conformance: no utables binary at %s" % args.utables)
        print("0 passed, 1 failed")
        return 1

    ref = json.load(open(REF))
    files = ipv4_t_files()
    if args.file:
        want = [os.path.basename(f) for f in args.file]
        files = [f for f in files if f in want]
        missing = set(want) - set(files)
        if missing:
            print("unknown .t file(s): %s" % ", ".join(sorted(missing)))
            return 2

    passed = failed = errmis = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        outs = list(ex.map(lambda f: run_t_file(args, ref, f), files))
    print("== .t files (%d), legacy expectations, 1.8.9 reference" %
          len(files))
    fail_lines = []
    err_lines = []
    for fname, results, notes in outs:
        p = sum(1 for r in results if r["ok"])
        f = len(results) - p
        e = sum(1 for r in results if r["errmis"])
        passed += p
        failed += f
        errmis += e
        print("%-28s %3d passed %3d failed%s" % (
            fname, p, f, ("  (%d stderr mismatch)" % e) if e else ""))
        if args.verbose:
            for n in notes:
                print("    " + n)
            for r in results:
                if r["ok"] and r["how"] != "1.8.9":
                    print("    line %d ok by %s: %s" % (r["line"], r["how"],
                                                        r["rule"]))
        for r in results:
            if not r["ok"]:
                fail_lines.append("%s:%d: %s\n    %s" % (
                    fname, r["line"], r["rule"], r["reason"]))
            if r["errmis"]:
                err_lines.append((fname, r))
    if fail_lines:
        print("\n-- failing lines")
        for l in fail_lines:
            print(l)
    if err_lines:
        print("\n-- stderr/exit status differing from 1.8.9 (%d lines; "
              "not counted as failures)" % len(err_lines))
        for fname, r in err_lines:
            m = r["errmis"]
            if args.show_err or args.verbose:
                print("%s:%d: %s\n    want rc %d: %r\n    got  rc %d: %r" % (
                    fname, r["line"], r["rule"], m["want_rc"], m["want"],
                    m["got_rc"], m["got"]))
            else:
                print("%s:%d: %s  (rc %d/%d)  want: %s" % (
                    fname, r["line"], r["rule"], m["want_rc"], m["got_rc"],
                    m["want"].split("\n")[0][:110]))
    t_pass, t_fail = passed, failed
    print("\n.t lines: %d passed, %d failed, %d stderr mismatches" % (
        t_pass, t_fail, errmis))

    skips = []
    if not args.file and not args.no_dumps:
        why_not_real = "--no-real given" if args.no_real else \
            real_unavailable()
        use_real = why_not_real is None
        print("\n== shell dumps: restore + save vs %s" % (
            "live iptables-legacy" if use_real else "stored references"))
        dumps = run_dumps(args, use_real)
        if not use_real:
            # each dump is still checked, against its stored reference
            skips.append((len(dumps), "shell dumps against the live "
                          "iptables-legacy (%s)" % why_not_real))
        for label, ok, why in dumps:
            print("%-36s %s" % (label, "ok" if ok else "FAIL"))
            if not ok:
                print("    " + why.replace("\n", "\n    "))
                failed += 1
            else:
                passed += 1

    total = passed + failed
    rate = passed / total if total else 0.0
    print()
    summary(passed, failed, skips)
    if rate < args.min_rate:
        print("pass rate %.3f below --min-rate %.3f" % (rate, args.min_rate))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
