#!/usr/bin/env python3
"""The real programs that call iptables, on utables and on iptables-legacy.

  run.py [--utables BUILD/utables] [-v] [CLIENT...]   (ufw fail2ban docker)

Each client's steps (tests/clients/CLIENT.sh) run twice through side.sh,
each time as root in a private mount namespace, a fresh network namespace
and a PID namespace: once with iptables-legacy, once with utables as
iptables, iptables-save and iptables-restore (first on PATH and behind
/usr/sbin/iptables*). Every step is a test: what the client printed
(stdout, stderr), its exit status and the iptables-save after it
(counters set to 0) must be the same on both sides, once the masks below
have replaced what differs from run to run. A client whose
iptables-legacy side changed no rule at all did not run as it should: a
failure. A client that is not installed, or cannot run here, is skipped
(a `skipped:` line); so is everything without root, unshare or
iptables-legacy, and with UT_KERNEL_LIVE=0 (CI's sanitized build: the
live iptables-legacy side runs in the other build's suite). Plain python3
standard library only. Ends with `N passed, N failed[, N skipped]`.
"""

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from common import summary  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
CLIENTS = ("ufw", "fail2ban", "docker")
LEGACY = "/usr/sbin/xtables-legacy-multi"
# one side of one client; dockerd and ufw take tens of seconds
SIDE_TIMEOUT = 600

# What differs from run to run, numbered in order of appearance so that
# the same object has the same name on both sides:
#  - docker's network ids (64 hex digits) and its bridges, br-<first 12>;
#  - ufw's backup names, FILE.YYYYMMDD_HHMMSS;
#  - fail2ban's log lines' time stamps.
ID_RE = re.compile(r"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])|"
                   r"(?<=br-)[0-9a-f]{12}(?![0-9a-f])")
DATE_RE = re.compile(r"\b\d{8}_\d{6}\b")
STAMP_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ", re.M)


def mask(text):
    ids = {}

    def name(m):
        return "ID%d" % ids.setdefault(m.group(0)[:12], len(ids) + 1)
    text = ID_RE.sub(name, text)
    text = DATE_RE.sub("DATE", text)
    return STAMP_RE.sub("STAMP ", text)


def parse(out):
    """side.sh's output: (None, steps) or (why unavailable, None); steps:
    a list of (title, {part: text})"""
    steps = []
    part = None
    for line in out.split("\n"):
        if line.startswith("@@ unavailable "):
            return line[len("@@ unavailable "):], None
        if line.startswith("@@ step "):
            steps.append((line[len("@@ step "):], {}))
            part = None
        elif line.startswith("@@ exit "):
            steps[-1][1]["exit"] = line[len("@@ exit "):]
            part = None
        elif line.startswith("@@ ") and steps:
            part = line[3:]
            steps[-1][1][part] = ""
        elif part is not None:
            steps[-1][1][part] += line + "\n"
        elif line:
            # before the first step: side.sh's own trouble
            steps.append(("(setup)", {"stdout": line + "\n"}))
    return None, steps


def run_side(side, client, prog, work):
    """one side of client; its output, masked. work: the same empty
    directory for both sides (its paths appear in what clients print)"""
    os.makedirs(work, exist_ok=True)
    try:
        p = subprocess.run(
            ["unshare", "-m", "-n", "-p", "-f", "--mount-proc", "sh",
             os.path.join(HERE, "side.sh"), side, prog,
             work, client],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            errors="replace", timeout=SIDE_TIMEOUT)
        out = p.stdout
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") + \
            "\n@@ step (timeout)\n@@ stdout\nno end after %d s\n" % \
            SIDE_TIMEOUT
    return mask(out)


def unavailable(ut):
    """why no client can run here, or None"""
    if os.environ.get("UT_KERNEL_LIVE") == "0":
        return "UT_KERNEL_LIVE=0 (iptables-legacy runs in another " \
            "build's suite)"
    if os.geteuid() != 0:
        return "not root"
    if not os.access(LEGACY, os.X_OK):
        return "no %s" % LEGACY
    if not shutil.which("unshare"):
        return "no unshare"
    if subprocess.run(["unshare", "-m", "-n", "-p", "-f", "--mount-proc",
                       "true"], capture_output=True).returncode != 0:
        return "unshare -m -n -p cannot run here"
    if not os.access(ut, os.X_OK):
        return "no utables at %s" % ut
    return None


def compare(client, legacy, utables, verbose):
    """(passed, failed) of one client's steps"""
    passed = failed = 0
    if not any(parts.get("save", "").strip() for _, parts in legacy):
        print("FAIL %s: iptables-legacy's side changed no rule (the "
              "client did not run as it should):\n%s" %
              (client, "".join("  %s: exit %s %s" %
                               (t, p.get("exit"), p.get("stderr", ""))
                               for t, p in legacy)))
        return 0, 1
    for i in range(max(len(legacy), len(utables))):
        lt, lp = legacy[i] if i < len(legacy) else ("(none)", {})
        ut, up = utables[i] if i < len(utables) else ("(none)", {})
        what = "%s: %s" % (client, lt)
        if lt == ut and lp == up:
            passed += 1
            if verbose:
                print("ok   %s" % what)
            continue
        failed += 1
        print("FAIL %s" % what)
        for part in ("stdout", "stderr", "exit", "save"):
            a, b = lp.get(part, ""), up.get(part, "")
            if a == b:
                continue
            diff = difflib.unified_diff(
                a.splitlines(), b.splitlines(), "iptables-legacy",
                "utables", lineterm="", n=2)
            print("  %s:\n%s" % (part, "\n".join(
                "    " + d for d in list(diff)[:40])))
    return passed, failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--utables", default=os.path.join(ROOT, "build",
                                                      "utables"))
    ap.add_argument("-v", action="store_true", help="print every step")
    ap.add_argument("clients", nargs="*", default=list(CLIENTS))
    a = ap.parse_args()
    ut = os.path.abspath(a.utables)
    passed = failed = 0
    skips = []
    why = unavailable(ut)
    if why:
        summary(0, 0, [(len(a.clients), "clients (%s)" % why)])
        return 0
    tmp = tempfile.mkdtemp(prefix="utclients.")
    try:
        for client in a.clients:
            if client not in CLIENTS:
                print("FAIL unknown client %s (%s)" % (client,
                                                       " ".join(CLIENTS)))
                failed += 1
                continue
            work = os.path.join(tmp, client)
            why, legacy = parse(run_side("legacy", client, LEGACY, work))
            if why:
                skips.append((1, "client %s (%s)" % (client, why)))
                continue
            why, utables = parse(run_side("utables", client, ut, work))
            if why:
                print("FAIL %s: runs with iptables-legacy, not with "
                      "utables: %s" % (client, why))
                failed += 1
                continue
            p, f = compare(client, legacy, utables, a.v)
            print("%s: %d steps the same, %d different" % (client, p, f))
            passed += p
            failed += f
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    summary(passed, failed, skips)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
