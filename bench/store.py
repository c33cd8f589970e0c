#!/usr/bin/env python3
"""store.py: single iptables commands on a large rule set, timed.

usage: store.py utables UTABLES RULES REPS STATE_DIR
       store.py legacy RULES REPS          (inside a throwaway netns)

RULES is an iptables-restore file for the filter table (bench/store.sh);
the commands work on chain $BENCH_CHAIN (default CB). Loads it, then times,
REPS times each, in this order (the chain ends as it started):
restore (for real, into an empty state / an empty filter table), -A, -C,
-D by spec, -I 1, -R 1, -D 1, -L -n, iptables-save. Prints one line a
command: NAME MIN_ELAPSED_MS MIN_CPU_MS (CPU: user + system of the child,
from wait4). Measures only; asserts nothing.
"""
import os
import sys
import time

RULE = ["-s", "192.0.2.1/32", "-p", "tcp", "-m", "tcp", "--dport", "9",
        "-j", "DROP"]


def timed(argv, stdin=None):
    """(elapsed s, cpu s) of one run of argv, stdout discarded"""
    null = os.open(os.devnull, os.O_WRONLY)
    actions = [(os.POSIX_SPAWN_DUP2, null, 1)]
    fd = None
    if stdin:
        fd = os.open(stdin, os.O_RDONLY)
        actions.append((os.POSIX_SPAWN_DUP2, fd, 0))
    t = time.monotonic()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
    _, status, ru = os.wait4(pid, 0)
    elapsed = time.monotonic() - t
    os.close(null)
    if fd is not None:
        os.close(fd)
    if os.waitstatus_to_exitcode(status):
        sys.exit("failed: " + " ".join(argv))
    return elapsed, ru.ru_utime + ru.ru_stime


def main():
    mode = sys.argv[1]
    if mode == "utables":
        ut, rules, reps, state_dir = sys.argv[2:6]
        state = os.path.join(state_dir, "rules.db")
        os.environ["UTABLES_STATE"] = state
        ipt = [ut, "iptables"]
        save = [ut, "iptables-save"]
        restore = [ut, "iptables-restore"]

        def empty():
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(state + suffix):
                    os.unlink(state + suffix)
    else:
        rules, reps = sys.argv[2:4]
        ipt = ["iptables-legacy"]
        save = ["iptables-legacy-save"]
        restore = ["iptables-legacy-restore"]

        def empty():
            timed(ipt + ["-F"])
            timed(ipt + ["-X"])
    reps = int(reps)
    chain = os.environ.get("BENCH_CHAIN", "CB")
    best = {}

    def note(name, argv, stdin=None):
        e, c = timed(argv, stdin)
        old = best.get(name, (e, c))
        best[name] = (min(old[0], e), min(old[1], c))

    for _ in range(reps):
        empty()
        note("restore", restore, rules)
    for _ in range(reps):
        note("-A", ipt + ["-A", chain] + RULE)
        note("-C", ipt + ["-C", chain] + RULE)
        note("-D spec", ipt + ["-D", chain] + RULE)
        note("-I 1", ipt + ["-I", chain, "1"] + RULE)
        note("-R 1", ipt + ["-R", chain, "1"] + RULE)
        note("-D 1", ipt + ["-D", chain, "1"])
        note("-L -n", ipt + ["-L", "-n"])
        note("save", save)
    for name, (e, c) in best.items():
        print("%s %.1f %.1f" % (name.replace(" ", "_"), e * 1000, c * 1000))


main()
