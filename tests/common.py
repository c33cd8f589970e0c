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
