#!/usr/bin/env python3
"""Differential tests: the same HOST, RULES and input frames through the real
Linux netfilter (network namespaces, iptables-legacy) and through
`utables run`, compared field by field. How it works, the masks and the
measured facts: tests/kernel/README.md.

  run.py [--utables BUILD/utables] [NAME...]   compare (what run-all.sh calls)
  run.py --record NAME...                      record scenarios/NAME/kernel/
  run.py --check-kernel [NAME...]              live kernel vs recorded kernel/
  run.py --new NAME                            new scenario from the template

Plain python3 standard library only; only the scenarios' gen.py need scapy
(/usr/bin/python3).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from kernel import live_unavailable, record_kernel, run_cmd  # noqa: E402
from pcapdiff import (compare_dirs, compare_events, read_pcap,  # noqa: E402
                      write_pcap)
from common import summary  # noqa: E402
from scenario import (SCENARIOS, HarnessError, Scenario,  # noqa: E402
                      list_scenarios)

ROOT = os.path.dirname(os.path.dirname(HERE))
TEMPLATE = os.path.join(HERE, "template")
SCAPY_PY = "/usr/bin/python3"
INPUT_RE = re.compile(r"^(in-.+|local)\.pcap$")   # what gen.py writes


# ---------------------------------------------------------- utables side

def utables_run_available(ut):
    """None if `utables run` exists, else why not."""
    if not ut or not os.access(ut, os.X_OK):
        return "no utables binary at %s" % ut
    try:
        p = subprocess.run([ut, "run", "--help"], capture_output=True,
                           text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as e:
        return str(e)
    text = p.stdout + p.stderr
    if p.returncode != 0 or re.search(r"unknown (sub)?command", text):
        return text.strip().split("\n")[0] if text.strip() else \
            "`utables run --help` exit %d" % p.returncode
    return None


# extra `utables run` arguments of every run (the linear walk's second
# run sets --classifier linear)
RUN_EXTRA = []


def utables_args(ut, scn, inputs, local, settle, outdir, extra=()):
    args = [ut, "run", "--host", scn.host_path, "--rules", scn.rules_path]
    args += RUN_EXTRA
    for iface, path in inputs:
        args += ["--in", "%s=%s" % (iface, path)]
    if local:
        args += ["--local", local]
    if settle:
        args += ["--settle", settle]
    return args + list(extra) + ["--out", outdir]


def call_utables(args):
    p = subprocess.run(args, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        return "utables run: exit %d: %s" % (p.returncode,
                                            (p.stderr or p.stdout).strip())
    return None


def first_input_ns(scn):
    files = [path for _, path in scn.inputs()]
    if scn.local_input:
        files.append(scn.local_input)
    stamps = [f[0][0] for f in (read_pcap(p)[1] for p in files) if f]
    return min(stamps) if stamps else 0


def write_jiffies_ref(scn, outdir):
    """proc-jiffies: the first input's time in the ticks utables writes
    in /proc/net/xt_recent (HZ ticks since the epoch), when it wrote
    any list."""
    if not os.path.isdir(os.path.join(outdir, "proc")):
        return
    tick = 1000000000 // scn.host.hz()
    with open(os.path.join(outdir, "proc-jiffies"), "w") as fh:
        fh.write("%.3f\n" % (first_input_ns(scn) / tick))


def run_utables(ut, scn, outdir):
    if scn.split is not None:
        err = run_utables_split(ut, scn, outdir)
    else:
        err = call_utables(utables_args(ut, scn, scn.inputs(),
                                        scn.local_input, scn.settle, outdir))
    if err is None:
        write_jiffies_ref(scn, outdir)
    return err


def split_pcap(path, cut_ns, a, b):
    """The frames of PATH before CUT_NS into A, the rest into B."""
    lt, frames = read_pcap(path)
    write_pcap(a, [f for f in frames if f[0] < cut_ns], lt)
    write_pcap(b, [f for f in frames if f[0] >= cut_ns], lt)


def sum_counters(a, b):
    """Two iptables-save -c texts of the same rules, counters added."""
    la, lb = a.split("\n"), b.split("\n")
    if len(la) != len(lb):
        raise HarnessError("split runs: the counters of the two runs "
                           "differ in shape")
    rx = re.compile(r"\[(\d+):(\d+)\]")
    out = []
    for x, y in zip(la, lb):
        cy = rx.findall(y)
        if len(rx.findall(x)) != len(cy):
            raise HarnessError("split runs: counters differ in shape")
        it = iter(cy)

        def add(m):
            p, q = next(it)
            return "[%d:%d]" % (int(m.group(1)) + int(p),
                                int(m.group(2)) + int(q))
        out.append(rx.sub(add, x))
    return "\n".join(out)


def run_utables_split(ut, scn, outdir):
    """Two `utables run`s: the inputs before the scenario's split time,
    then the rest, starting from the first run's recent lists and
    connection table; their outputs joined as one run's."""
    cut = first_input_ns(scn) + int(scn.split * 1e9)
    tmp = tempfile.mkdtemp(prefix="utk-split-")
    try:
        for k in ("a", "b"):
            os.makedirs(os.path.join(tmp, "in-" + k))
        ins_a, ins_b = [], []
        for iface, path in scn.inputs():
            pa = os.path.join(tmp, "in-a", iface + ".pcap")
            pb = os.path.join(tmp, "in-b", iface + ".pcap")
            split_pcap(path, cut, pa, pb)
            ins_a.append((iface, pa))
            ins_b.append((iface, pb))
        loc_a = loc_b = None
        if scn.local_input:
            loc_a = os.path.join(tmp, "in-a", "local.pcap")
            loc_b = os.path.join(tmp, "in-b", "local.pcap")
            split_pcap(scn.local_input, cut, loc_a, loc_b)
        da, db = os.path.join(tmp, "out-a"), os.path.join(tmp, "out-b")
        err = call_utables(utables_args(ut, scn, ins_a, loc_a, None, da))
        if err:
            return "first run: " + err
        extra = []
        rdir = os.path.join(da, "proc", "net", "xt_recent")
        for name in sorted(os.listdir(rdir)) if os.path.isdir(rdir) else []:
            extra += ["--recent", "%s=%s" % (name, os.path.join(rdir, name))]
        ct = os.path.join(da, "conntrack")
        if os.path.exists(ct) and os.path.getsize(ct):
            extra += ["--conntrack-load", ct]
        err = call_utables(utables_args(ut, scn, ins_b, loc_b, scn.settle,
                                        db, extra))
        if err:
            return "second run: " + err
        join_runs(da, db, outdir)
        return None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def join_runs(da, db, outdir):
    """One run's outputs from two: frames and log lines one after the
    other, counters added, the second's conntrack and recent lists."""
    names = set(os.listdir(da)) | set(os.listdir(db))
    for f in sorted(names):
        pa, pb, po = (os.path.join(d, f) for d in (da, db, outdir))
        if f.endswith(".pcap"):
            fa = read_pcap(pa) if os.path.exists(pa) else (1, [])
            fb = read_pcap(pb) if os.path.exists(pb) else (fa[0], [])
            write_pcap(po, fa[1] + fb[1], fb[0])
        elif f in ("log", "conntrack-events"):
            with open(po, "w") as fh:
                for p in (pa, pb):
                    if os.path.exists(p):
                        fh.write(open(p).read())
        elif f == "counters":
            with open(po, "w") as fh:
                fh.write(sum_counters(open(pa).read(), open(pb).read()))
        elif os.path.exists(pb):
            if os.path.isdir(pb):
                shutil.copytree(pb, po)
            else:
                shutil.copy(pb, po)


# ---------------------------------------------------------------- modes

def gen_inputs(scn):
    """Regenerate scn's in-IFACE.pcap with its gen.py (scapy), twice: the
    two must be byte for byte the same (no clock or random in the frames).
    """
    gen = os.path.join(scn.dir, "gen.py")
    if not os.path.exists(gen):
        return False
    p = subprocess.run([SCAPY_PY, "-c", "import scapy"], capture_output=True)
    if p.returncode != 0:
        print("  NOTE: %s has no scapy: keeping the committed input pcaps" %
              SCAPY_PY)
        return False
    tmp = tempfile.mkdtemp(prefix="utk-gen-")
    try:
        outs = []
        for k in ("a", "b"):
            d = os.path.join(tmp, k)
            os.makedirs(d)
            run_cmd([SCAPY_PY, gen, d], timeout=120)
            outs.append({f: open(os.path.join(d, f), "rb").read()
                         for f in os.listdir(d) if INPUT_RE.match(f)})
        if outs[0] != outs[1]:
            raise HarnessError("%s/gen.py writes different frames each run "
                               "(a clock or random field left unset)" %
                               scn.name)
        if not outs[0]:
            raise HarnessError("%s/gen.py wrote no in-IFACE.pcap nor "
                               "local.pcap" % scn.name)
        for f in os.listdir(scn.dir):
            if INPUT_RE.match(f):
                os.unlink(os.path.join(scn.dir, f))
        for f, data in outs[0].items():
            with open(os.path.join(scn.dir, f), "wb") as fh:
                fh.write(data)
        print("  inputs: %s (from gen.py)" % " ".join(sorted(outs[0])))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return True


def mode_record(names, inject, args):
    why = live_unavailable(inject)
    if why:
        print("cannot record: %s" % why)
        return 2
    bad = 0
    for name in names:
        scn = Scenario(name)
        print("== %s" % name)
        tmp = tempfile.mkdtemp(prefix="utk-rec-")
        try:
            if not args.no_gen:
                gen_inputs(scn)
            first = os.path.join(tmp, "1")
            record_kernel(scn, first, inject, verbose=True)
            ev = os.path.join(first, "conntrack-events")
            if args.once and os.path.exists(ev):
                # events are recorded only where two runs agree
                print("  conntrack events NOT recorded (--once)")
                os.unlink(ev)
            if not args.once:
                second = os.path.join(tmp, "2")
                record_kernel(scn, second, inject, verbose=True)
                d = compare_dirs(first, second, scn.host, "run 2", "run 1",
                                 scn.stamp_tolerance_ns, events=False)
                if d:
                    print("  UNSTABLE: two kernel runs differ:")
                    for l in d:
                        print("  " + l)
                    bad += 1
                    continue
                print("  stable: two kernel runs agree")
                if os.path.exists(ev) or os.path.exists(
                        os.path.join(second, "conntrack-events")):
                    d = compare_events(first, second, "run 1", "run 2")
                    if d:
                        # recorded without them: compared only where stable
                        print("  conntrack events NOT recorded: the two "
                              "runs differ:")
                        for l in d:
                            print("  " + l)
                        if os.path.exists(ev):
                            os.unlink(ev)
            if os.path.isdir(scn.kernel_dir):
                shutil.rmtree(scn.kernel_dir)
            shutil.copytree(first, scn.kernel_dir)
            print("  recorded %s: %s" % (os.path.relpath(scn.kernel_dir,
                                                         ROOT),
                                         " ".join(sorted(os.listdir(
                                             scn.kernel_dir)))))
        except HarnessError as e:
            print("  ERROR: %s" % e)
            bad += 1
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if bad else 0


def mode_check_kernel(names, inject, args):
    why = live_unavailable(inject)
    passed = failed = 0
    if why:
        print("SKIP live kernel: %s" % why)
        summary(0, 0, [(len(names), "live kernel runs (%s)" % why)])
        return 0
    for name in names:
        scn = Scenario(name)
        tmp = tempfile.mkdtemp(prefix="utk-chk-")
        try:
            record_kernel(scn, tmp, inject, verbose=args.verbose)
            d = compare_dirs(scn.kernel_dir, tmp, scn.host, "live",
                             "recorded", scn.stamp_tolerance_ns)
        except HarnessError as e:
            d = ["harness error: %s" % e]
        finally:
            if args.keep:
                keep_dir(tmp, args.keep, name, "kernel-live")
            shutil.rmtree(tmp, ignore_errors=True)
        report(name, d)
        if d:
            failed += 1
        else:
            passed += 1
    summary(passed, failed)
    return 1 if failed else 0


def linear_differs(ut, scn, udir, tmp):
    """The scenario again with the linear walk (the reference the
    compiled classifier must equal): its outputs must be byte for byte
    those of the default (compiled) run in udir."""
    ldir = os.path.join(tmp, "utables-linear")
    os.makedirs(ldir)
    RUN_EXTRA[:] = ["--classifier", "linear"]
    try:
        err = run_utables(ut, scn, ldir)
    finally:
        RUN_EXTRA[:] = []
    if err:
        return ["--classifier linear: %s" % err]
    diffs = []
    for base in (udir, ldir):
        for root, _, files in os.walk(base):
            for f in files:
                rel = os.path.relpath(os.path.join(root, f), base)
                a, b = os.path.join(udir, rel), os.path.join(ldir, rel)
                if not (os.path.exists(a) and os.path.exists(b)):
                    diffs.append("compiled vs linear: %s only in one" % rel)
                    continue
                with open(a, "rb") as fa, open(b, "rb") as fb:
                    if fa.read() != fb.read():
                        diffs.append("compiled vs linear: %s differs" % rel)
    return sorted(set(diffs))


def keep_dir(src, keep, name, what):
    dst = os.path.join(keep, name, what)
    if os.path.isdir(dst):
        shutil.rmtree(dst)
    shutil.copytree(src, dst)


def report(name, diffs, against=None):
    how = " (against the %s)" % against if against else ""
    if not diffs:
        print("PASS %s%s" % (name, how))
        return
    print("FAIL %s%s" % (name, how))
    for l in diffs:
        print("  " + l)


def live_again(scn, inject, udir, tmp, diffs, args):
    """One more live kernel run when utables differed from the first one:
    timing-sensitive scenarios (FTP helpers, timers, the shared kernel log)
    can be disturbed by other work on the machine. The scenario passes only
    if the second measurement agrees with utables; the first run's
    differences are printed either way."""
    print("  NOTE %s: utables differs from the live kernel; measuring the "
          "kernel once more:" % scn.name)
    for l in diffs[:10]:
        print("    " + l)
    live = os.path.join(tmp, "kernel-live-2")
    try:
        record_kernel(scn, live, inject, verbose=args.verbose)
    except HarnessError as e:
        return diffs + ["second live kernel run failed: %s" % e]
    return compare_dirs(live, udir, scn.host, "utables", "kernel",
                        scn.stamp_tolerance_ns,
                        events=os.path.exists(os.path.join(
                            scn.kernel_dir, "conntrack-events")))


def mode_compare(names, ut, inject, args):
    passed = failed = 0
    live_failed = 0
    why_ut = utables_run_available(ut)
    if why_ut:
        for name in names:
            print("SKIP: utables run not available (%s): %s" % (why_ut, name))
        summary(0, 0, [(len(names), "scenarios (utables run not available:"
                        " %s)" % why_ut)])
        return 0
    why_live = "--recorded given" if args.recorded else \
        ("UT_KERNEL_LIVE=0 (the live kernel runs in another build's suite)"
         if os.environ.get("UT_KERNEL_LIVE") == "0" else
         live_unavailable(inject))
    if why_live:
        print("SKIP live kernel: %s; comparing with the recorded kernel/ "
              "outputs" % why_live)
    for name in names:
        scn = Scenario(name)
        tmp = tempfile.mkdtemp(prefix="utk-cmp-")
        against = "recorded kernel/"
        try:
            udir = os.path.join(tmp, "utables")
            os.makedirs(udir)
            err = run_utables(ut, scn, udir)
            kdir, kname = scn.kernel_dir, "kernel"
            if not why_live:
                live = os.path.join(tmp, "kernel-live")
                try:
                    record_kernel(scn, live, inject, verbose=args.verbose)
                    kdir, against = live, "live kernel"
                    drift = compare_dirs(scn.kernel_dir, live, scn.host,
                                         "live", "recorded",
                                         scn.stamp_tolerance_ns) \
                        if os.path.isdir(scn.kernel_dir) else []
                    if drift:
                        print("  NOTE %s: the live kernel differs from the "
                              "recorded kernel/ (re-record?):" % name)
                        for l in drift[:10]:
                            print("    " + l)
                except HarnessError as e:
                    print("  NOTE %s: live kernel run failed (%s); comparing"
                          " with the recorded kernel/" % (name, e))
                    live_failed += 1
            if not os.path.isdir(kdir):
                d = ["no recorded kernel outputs: run.py --record %s" % name]
            elif err:
                d = [err]
            else:
                d = compare_dirs(kdir, udir, scn.host, "utables", kname,
                                 scn.stamp_tolerance_ns,
                                 events=os.path.exists(os.path.join(
                                     scn.kernel_dir, "conntrack-events")))
                if d and against == "live kernel":
                    d = live_again(scn, inject, udir, tmp, d, args)
                d += linear_differs(ut, scn, udir, tmp)
        except HarnessError as e:
            d = ["harness error: %s" % e]
        finally:
            if args.keep:
                for sub in ("utables", "utables-linear", "kernel-live"):
                    if os.path.isdir(os.path.join(tmp, sub)):
                        keep_dir(os.path.join(tmp, sub), args.keep, name, sub)
            shutil.rmtree(tmp, ignore_errors=True)
        report(name, d, against)
        if d:
            failed += 1
        else:
            passed += 1
    # the live kernel runs not made: each scenario was then compared with
    # its recorded kernel/ only
    summary(passed, failed, [
        (len(names) if why_live else 0, "live kernel runs (%s)" % why_live),
        (live_failed, "live kernel runs (the run failed)")])
    return 1 if failed else 0


def mode_new(name):
    if not re.match(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", name):
        print("bad scenario name: %s" % name)
        return 2
    dst = os.path.join(SCENARIOS, name)
    if os.path.exists(dst):
        print("%s exists" % os.path.relpath(dst, ROOT))
        return 2
    os.makedirs(dst)
    for f in ("host", "rules", "gen.py"):
        shutil.copy(os.path.join(TEMPLATE, f), os.path.join(dst, f))
    rel = os.path.relpath(dst, ROOT)
    print("created %s/{host,rules,gen.py}" % rel)
    print("edit them, then record the kernel's outputs (root):")
    print("  python3 tests/kernel/run.py --record %s" % name)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--utables", help="the utables binary (BUILD/utables)")
    ap.add_argument("--inject", help="the ut-inject binary (default: beside "
                    "--utables, else build/ut-inject)")
    ap.add_argument("--record", action="store_true",
                    help="run NAMEs through the kernel and write kernel/")
    ap.add_argument("--check-kernel", action="store_true",
                    help="run NAMEs through the kernel, compare with kernel/")
    ap.add_argument("--new", metavar="NAME", help="new scenario from the "
                    "template")
    ap.add_argument("--once", action="store_true",
                    help="--record: one kernel run (default: two, which "
                    "must agree)")
    ap.add_argument("--no-gen", action="store_true",
                    help="--record: keep the input pcaps, do not run gen.py")
    ap.add_argument("--recorded", action="store_true",
                    help="compare with the recorded kernel/ even as root")
    ap.add_argument("--keep", metavar="DIR",
                    help="keep each side's outputs under DIR/NAME/")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("names", nargs="*", metavar="NAME")
    args = ap.parse_args()

    if args.new:
        return mode_new(args.new)
    ut = os.path.abspath(args.utables) if args.utables else \
        os.path.join(ROOT, "build", "utables")
    inject = args.inject or os.path.join(os.path.dirname(ut), "ut-inject")
    inject = os.path.abspath(inject)
    known = list_scenarios()
    names = args.names or known
    for n in names:
        if n not in known:
            print("no scenario %s (have: %s)" % (n, " ".join(known)))
            return 2
    try:
        if args.record:
            if not args.names:
                print("--record needs scenario names")
                return 2
            return mode_record(names, inject, args)
        if args.check_kernel:
            return mode_check_kernel(names, inject, args)
        return mode_compare(names, ut, inject, args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
