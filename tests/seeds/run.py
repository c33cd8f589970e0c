#!/usr/bin/env python3
"""Every iptables command of the seed documents (../shared/seeds/*.txt),
run in document order on one state with utables and, when root and
iptables-legacy are here, on real iptables-legacy 1.8.9 in a fresh network
namespace; exit status, stdout and stderr must agree (for `--help` lines
only the exit status: the help texts are not iptables' own). Shell
variables of the documents get fixed values. Without the real binary the
commands only have to run without crashing (exit status < 128).
Ends with "N passed, N failed" (", N skipped" after "skipped: N WHAT"
lines when the documents or the real binary are missing)."""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
from common import strip_kernel_explanation, summary  # noqa: E402

SHARED = os.environ.get("UTABLES_SHARED",
                        os.path.join(os.path.dirname(ROOT), "shared"))
VARS = {"$sshdport": "22", "$ip": "192.0.2.1"}
# targets of the seeds that are out-of-tree kernel modules, which utables
# defines itself (docs/run.md): iptables 1.8.9 has no extension for them,
# so only utables' own acceptance is checked
OUT_OF_TREE = {"IPID"}


def seed_commands():
    cmds = []
    for path in sorted(glob.glob(os.path.join(SHARED, "seeds", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                for m in re.finditer(r"(?:^|[`\s])(iptables\s+-[^`\n]*)", line):
                    cmd = m.group(1).split("#")[0].strip()
                    for k, v in VARS.items():
                        cmd = cmd.replace(k, v)
                    if cmd not in cmds:
                        cmds.append(cmd)
    return cmds


def run(argv, env):
    p = subprocess.run(argv, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60)
    return (p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--utables", default=os.path.join(ROOT, "build",
                                                      "utables"))
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(SHARED, "seeds")):
        print("SKIP: seed documents not found under %s" % SHARED)
        summary(0, 0, [(1, "suite (no seed documents at %s)"
                        % os.path.join(SHARED, "seeds"))])
        return 0
    why_not_real = ("not root" if os.geteuid() != 0 else
                    "no iptables-legacy" if not shutil.which("iptables-legacy")
                    else "no ip" if not shutil.which("ip") else None)
    real = why_not_real is None
    if not real:
        print("NOTE: no root/iptables-legacy: checking only that every "
              "command runs")
    tmp = tempfile.mkdtemp()
    env = dict(os.environ, UTABLES_STATE=os.path.join(tmp, "rules.v4"),
               XTABLES_LOCKFILE=os.path.join(tmp, "xtables.lock"))
    ns = "ut_seeds_%d" % os.getpid()
    if real:
        subprocess.run(["ip", "netns", "add", ns], check=True)
    passed = failed = 0
    try:
        for cmd in seed_commands():
            words = cmd.split()
            got = run([os.path.abspath(args.utables)] + words, env)
            problem = None
            if got[0] >= 128 or got[0] < 0:
                problem = "crashed (status %d)" % got[0]
            elif any(words[i] == "-j" and words[i + 1] in OUT_OF_TREE
                     for i in range(len(words) - 1)):
                if got[0] != 0:
                    problem = "out-of-tree target refused: %r" % (got,)
            elif real:
                want = run(["ip", "netns", "exec", ns, "iptables-legacy"] +
                           words[1:], env)
                if "--help" in words:
                    if want[0] != got[0]:
                        problem = "status %d, iptables %d" % (got[0],
                                                               want[0])
                elif (want[0], want[1], want[2]) != (
                        got[0], got[1], strip_kernel_explanation(got[2])):
                    problem = ("iptables: %r\n    utables:  %r" %
                               (want, got))
            if problem:
                failed += 1
                print("FAIL: %s\n    %s" % (cmd, problem))
            else:
                passed += 1
    finally:
        if real:
            subprocess.run(["ip", "netns", "del", ns])
        shutil.rmtree(tmp, ignore_errors=True)
    summary(passed, failed, [
        (0 if real else passed + failed,
         "seed commands against the real iptables (%s)" % why_not_real)])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
