#!/usr/bin/python3
# time_kernel.py: measures the kernel rows of tests/unit/time_test.c
# (root, iptables-legacy; needs no scapy).
#
# The kernel's time match reads the real time when the rule is evaluated
# (ktime_get_real_seconds), so the rules are made for a chosen second T a
# little ahead: a network namespace utt_fw gets one OUTPUT rule per case,
# "-p udp --dport 9999 -m time ..." with no target (a counter), the sender
# inside the namespace waits until the clock is in second T, reads the
# clock, sends one UDP datagram to 127.0.0.1:9999 and reads the clock
# again; if either reading is not in T the round is thrown away and
# another T is tried. Each rule's counter then says whether it matched at
# T. The rules are relative to T (today's weekday vs the others, the day
# of the month, daytime windows starting or ending exactly at T's second,
# wrapping past midnight, --contiguous, dates at T +- 1 s) so that both
# outcomes are exercised.
#
# It also reads the kernel's timezone (sys_tz, which --kerneltz
# subtracts) with gettimeofday(2) and prints it as a comment.
#
# Prints the C rows of time_test.c's kernel table on stdout:
#   ./time_kernel.py > /tmp/rows.c
import ctypes
import subprocess
import sys
import time

NS = "utt_fw"
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def sh(*cmd, check=True, inp=None):
    return subprocess.run(cmd, check=check, capture_output=True, text=True,
                          input=inp)


def ns(*cmd, check=True, inp=None):
    return sh("ip", "netns", "exec", NS, *cmd, check=check, inp=inp)


def setup():
    sh("ip", "netns", "del", NS, check=False)
    sh("ip", "netns", "add", NS)
    ns("ip", "link", "set", "lo", "up")


def teardown():
    sh("ip", "netns", "del", NS, check=False)


# runs inside the namespace: waits for second T, sends, prints the clock
# before and after the send
SENDER = r'''
import socket, sys, time
t = int(sys.argv[1])
while time.time() < t + 0.2:
    time.sleep(0.01)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
a = time.time()
s.sendto(b"x", ("127.0.0.1", 9999))
b = time.time()
print(int(a), int(b))
'''


def sys_tz():
    """the kernel's timezone (tz_minuteswest, tz_dsttime)"""
    class Tz(ctypes.Structure):
        _fields_ = [("minuteswest", ctypes.c_int), ("dsttime", ctypes.c_int)]

    class Tv(ctypes.Structure):
        _fields_ = [("sec", ctypes.c_long), ("usec", ctypes.c_long)]

    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    tv, tz = Tv(), Tz()
    if libc.gettimeofday(ctypes.byref(tv), ctypes.byref(tz)) != 0:
        raise OSError(ctypes.get_errno(), "gettimeofday")
    return tz.minuteswest, tz.dsttime


def hms(x):
    x %= 86400
    return "%02d:%02d:%02d" % (x // 3600, x // 60 % 60, x % 60)


def date(x):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(x))


def rules_for(t):
    tm = time.gmtime(t)
    s = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec
    wd = tm.tm_wday  # 0 = Monday
    today, tomorrow = DAYS[wd], DAYS[(wd + 1) % 7]
    yesterday = DAYS[(wd + 6) % 7]
    md = tm.tm_mday
    md_tomorrow = time.gmtime(t + 86400).tm_mday
    md_yesterday = time.gmtime(t - 86400).tm_mday
    others = ",".join(d for d in DAYS if d != today)
    win = lambda a, b: "--timestart %s --timestop %s" % (hms(a), hms(b))
    r = [
        "",
        "--weekdays " + today,
        "--weekdays " + tomorrow,
        "--weekdays " + yesterday,
        "! --weekdays " + today,
        "--weekdays " + others,
        "--monthdays %d" % md,
        "--monthdays %d" % md_tomorrow,
        "! --monthdays %d" % md,
        "--monthdays %d --weekdays %s" % (md, today),
        "--monthdays %d --weekdays %s" % (md, tomorrow),
        # ordinary windows, bounds exactly at T's second
        win(s, s + 1),
        win(s - 60, s),
        win(s + 1, s + 60),
        win(s - 60, s - 1),
        win(s - 3600, s + 3600),
        # wrapping past midnight (start > stop)
        win(s + 1, s),
        win(s, s - 1),
        win(s + 1, s - 1),
        win(s + 5, s + 5),
        win(s + 1, s) + " --weekdays " + today,
        win(s + 1, s) + " --weekdays " + yesterday,
        # --contiguous: the part up to stop counts as the day before
        win(s + 1, s) + " --contiguous",
        win(s + 1, s) + " --contiguous --weekdays " + yesterday,
        win(s + 1, s) + " --contiguous --weekdays " + today,
        win(s + 1, s) + " --contiguous --monthdays %d" % md_yesterday,
        win(s + 1, s) + " --contiguous --monthdays %d" % md,
        win(s, s - 1) + " --contiguous --weekdays " + today,
        win(s, s - 1) + " --contiguous --weekdays " + yesterday,
        win(s, s) + " --contiguous --weekdays " + yesterday,
        win(s + 5, s + 5) + " --contiguous --weekdays " + today,
        # dates, inclusive at the second
        "--datestart " + date(t),
        "--datestart " + date(t + 1),
        "--datestop " + date(t),
        "--datestop " + date(t - 1),
        "--datestart %s --datestop %s" % (date(t - 400 * 86400),
                                          date(t + 1)),
        "--datestart %s --datestop %s" % (date(t - 1), date(t - 1)),
    ]
    # the same with the kernel's timezone instead of UTC
    r += [x + " --kerneltz" for x in (
        "--weekdays " + today,
        "--weekdays " + tomorrow,
        "--monthdays %d" % md,
        win(s, s + 1),
        win(s + 1, s + 60),
        win(s + 1, s) + " --contiguous --weekdays " + yesterday,
        "--datestart " + date(t),
        "--datestart " + date(t + 1),
    )]
    return r


def counters():
    out = ns("iptables-legacy-save", "-c", "-t", "filter").stdout
    res = []
    for line in out.splitlines():
        if line.startswith("[") and "-A OUTPUT" in line:
            res.append(int(line[1:].split(":")[0]))
    return res


def measure_once():
    t = int(time.time()) + 2
    tm = time.gmtime(t)
    s = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec
    if s < 3700 or s > 86400 - 3700:
        return None  # keep every window on one side of midnight
    rules = rules_for(t)
    text = "*filter\n:OUTPUT ACCEPT [0:0]\n"
    for r in rules:
        text += "-A OUTPUT -p udp --dport 9999 -m time %s\n" % r
    text += "COMMIT\n"
    ns("iptables-legacy-restore", inp=text)
    if time.time() >= t:
        return None
    a, b = map(int, ns("/usr/bin/python3", "-c", SENDER,
                       str(t)).stdout.split())
    if a != t or b != t:
        return None
    c = counters()
    assert len(c) == len(rules), (c, rules)
    return t, list(zip(rules, c))


def c_row(t, rule, matched):
    """the C row, the rule string cut at spaces to fit 80 columns"""
    parts, cur = [], ""
    for w in rule.split(" "):
        if cur and len(cur) + len(w) > 48:
            parts.append(cur + " ")
            cur = w
        else:
            cur = w if not cur else cur + " " + w
    parts.append(cur)
    text = '\t{ %dll, "%s"' % (t, parts[0])
    for p in parts[1:]:
        text += '\n\t  "%s"' % p
    return text + ", %d }," % matched


def main():
    setup()
    try:
        tz = sys_tz()
        for _ in range(10):
            res = measure_once()
            if res:
                break
        else:
            sys.exit("no clean round")
        t, rows = res
        kernel = open("/proc/sys/kernel/osrelease").read().strip()
        print("\t/* generated by tests/unit/time_kernel.py on Linux %s\n"
              "\t * at %s UTC; sys_tz.tz_minuteswest %d */"
              % (kernel, date(t), tz[0]))
        for rule, n in rows:
            print(c_row(t, rule.strip(), 1 if n else 0))
    finally:
        teardown()


if __name__ == "__main__":
    main()
