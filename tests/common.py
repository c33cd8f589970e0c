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
