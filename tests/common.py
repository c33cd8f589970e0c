"""Helpers shared by the test runners."""

DMESG_HINT = "Run `dmesg' for more information."


def strip_kernel_explanation(text):
    """utables prints the kernel's x_tables log line right after iptables'
    "Run `dmesg' for more information." line (there is no dmesg to run);
    iptables itself does not. Drop that one line before comparing."""
    outl = []
    skip = False
    for line in text.split("\n"):
        if skip:
            skip = False
            if line:
                continue
        outl.append(line)
        if line.endswith(DMESG_HINT):
            skip = True
    return "\n".join(outl)


def summary(passed, failed, skips=()):
    """Print a suite's last lines: one `skipped: N WHAT` line per reason,
    then `N passed, N failed` (`, N skipped` when anything was skipped;
    tests/run-all.sh sums them). skips: (count, what) pairs, e.g.
    (69, "live kernel runs (not root)"); zero counts are left out."""
    skips = [(n, what) for n, what in skips if n]
    for n, what in skips:
        print("skipped: %d %s" % (n, what))
    line = "%d passed, %d failed" % (passed, failed)
    if skips:
        line += ", %d skipped" % sum(n for n, _ in skips)
    print(line)


# iproute2 reads table names from this file (HOST `rt_table ID NAME` lines)
RT_TABLES = "/etc/iproute2/rt_tables"
RT_TABLES_RESERVED = "255\tlocal\n254\tmain\n253\tdefault\n0\tunspec\n"


def write_rt_tables(names, path):
    """names: (id, name) pairs of a HOST's `rt_table` lines. Writes an
    rt_tables file with them and the reserved ones to path and returns
    path, or None when there are none."""
    if not names:
        return None
    with open(path, "w") as fh:
        fh.write(RT_TABLES_RESERVED)
        for tid, name in names:
            fh.write("%s\t%s\n" % (tid, name))
    return path


def with_rt_tables(cmd, path):
    """cmd (an `ip ...` argument list) run so that iproute2 reads its
    table names from path: in a private mount namespace where path is
    bound over RT_TABLES (the machine's own file is never changed).
    path None: cmd as it is. Not for `ip netns add`, whose mounts must
    be seen outside."""
    if not path:
        return cmd
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c",
            'mount --bind "$0" %s && exec "$@"' % RT_TABLES, path] + cmd
