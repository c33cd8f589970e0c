"""The kernel side: build the HOST from network namespaces and veth pairs,
load the RULES with iptables-legacy-restore, inject the inputs with
ut-inject, capture with tcpdump, and collect counters, LOG lines,
conntrack and the local delivery count (README.md, "The kernel side")."""

import contextlib
import fcntl
import gzip
import os
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

from pcapdiff import LINKTYPE_NFLOG, pcap_frames, read_pcap, write_pcap
from scenario import HarnessError, filter_save
from common import with_rt_tables, write_rt_tables

LATE_MS = 4             # ut-inject -l: a frame later than this fails a run
NFLOG_FLUSH_S = 1.5     # nfnetlink_log's flush timer (1 s) and slack
SETTLE_S = 0.3          # wait after the last frame before stopping captures
NS_PREFIX = "utk"       # our namespaces: utk<pid>f (firewall), utk<pid>p<i>
LOCK_PATHS = ("/run/lock/utables-kernel-tests.lock",
              "/tmp/utables-kernel-tests.lock")
# kernel messages that are not the firewall's doing (captures starting, links)
KMSG_NOISE = re.compile(
    r"promiscuous mode|allmulticast mode|link becomes ready|ADDRCONF|"
    r"entered (blocking|forwarding|disabled) state|"
    r"renamed from|left promiscuous|"
    # netlink attribute warnings of other processes on the machine
    r"^netlink: \d+ bytes leftover after parsing attributes|"
    # rules refused at load by other processes (a scenario loads its own
    # before the start marker; a CI suite checks iptables-legacy's errors
    # at the same time)
    r"^x_tables: |^ipt_REJECT: ")


class LateError(HarnessError):
    """The injector missed a frame's slot: the run is retried."""


def have(prog):
    return shutil.which(prog) is not None


def run_cmd(args, ns=None, input=None, check=True, timeout=30):
    if ns is not None:
        args = ["ip", "netns", "exec", ns] + list(args)
    try:
        p = subprocess.run(args, input=input, capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        raise HarnessError("timed out: %s" % " ".join(args))
    if check and p.returncode != 0:
        raise HarnessError("%s: exit %d: %s" % (
            " ".join(shlex.quote(a) for a in args), p.returncode,
            (p.stderr or p.stdout).strip()))
    return p


def live_unavailable(inject):
    """Why the kernel cannot be run live here, or None."""
    if os.geteuid() != 0:
        return "not root"
    for prog in ("ip", "nft", "iptables-legacy-restore",
                 "iptables-legacy-save", "tcpdump", "ethtool"):
        if not have(prog):
            return "%s not installed" % prog
    if not inject or not os.access(inject, os.X_OK):
        return "ut-inject not built (%s)" % inject
    if not os.path.exists("/proc/sys/net/netfilter/nf_log_all_netns"):
        return "no /proc/sys/net/netfilter/nf_log_all_netns"
    name = "%s%dprobe" % (NS_PREFIX, os.getpid())
    p = subprocess.run(["ip", "netns", "add", name], capture_output=True,
                       text=True)
    if p.returncode != 0:
        return "cannot create a network namespace: " + p.stderr.strip()
    subprocess.run(["ip", "netns", "del", name], capture_output=True)
    return None


def kernel_hz():
    try:
        with gzip.open("/proc/config.gz", "rt") as fh:
            for line in fh:
                if line.startswith("CONFIG_HZ="):
                    return int(line.split("=")[1])
    except OSError:
        pass
    return None


@contextlib.contextmanager
def harness_lock():
    """Serialise kernel runs: the kernel log and nf_log_all_netns are shared
    by every namespace."""
    fh = None
    for p in LOCK_PATHS:
        try:
            fh = open(p, "a")
            break
        except OSError:
            continue
    if fh is None:
        raise HarnessError("cannot open a lock file (%s)" %
                           ", ".join(LOCK_PATHS))
    try:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


def clean_stale_namespaces():
    """Remove utk<pid>... namespaces left by a harness that was killed."""
    p = subprocess.run(["ip", "netns", "list"], capture_output=True,
                       text=True)
    for line in p.stdout.split("\n"):
        m = re.match(r"^(%s(\d+)\S*)" % NS_PREFIX, line)
        if not m:
            continue
        pid = int(m.group(2))
        if pid == os.getpid():
            continue
        if not os.path.exists("/proc/%d" % pid):
            subprocess.run(["ip", "netns", "del", m.group(1)],
                           capture_output=True)


class Kmsg:
    """The kernel log from now on (/dev/kmsg, opened at the end)."""

    def __init__(self):
        self.fd = os.open("/dev/kmsg", os.O_RDONLY | os.O_NONBLOCK)
        os.lseek(self.fd, 0, os.SEEK_END)

    def mark(self, text):
        with open("/dev/kmsg", "w") as fh:
            fh.write("<13>%s\n" % text)

    def records(self):
        """[(facility, text)] of everything logged since opening."""
        out = []
        while True:
            try:
                rec = os.read(self.fd, 16384)
            except BlockingIOError:
                break
            except BrokenPipeError:
                raise HarnessError("kernel log overwritten while reading "
                                   "(too many lines)")
            if not rec:
                break
            head, _, body = rec.partition(b";")
            text = body.split(b"\n", 1)[0]
            text = re.sub(rb"\\x([0-9a-f]{2})",
                          lambda m: bytes([int(m.group(1), 16)]), text)
            prio = int(head.split(b",")[0])
            out.append((prio >> 3, text.decode("utf-8", "replace")))
        return out

    def close(self):
        os.close(self.fd)


def start_capture(ns, iface, path):
    args = ["ip", "netns", "exec", ns, "tcpdump", "-Q", "in",
            "--immediate-mode", "-U", "-Z", "root", "-n", "-i", iface,
            "-w", path]
    p = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    buf = b""
    deadline = time.monotonic() + 10
    while b"listening on" not in buf:
        left = deadline - time.monotonic()
        if left <= 0 or p.poll() is not None:
            p.kill()
            p.wait()
            raise HarnessError("tcpdump on %s/%s did not start: %s" %
                               (ns, iface, buf.decode(errors="replace")))
        r, _, _ = select.select([p.stderr], [], [], left)
        if r:
            chunk = os.read(p.stderr.fileno(), 4096)
            if not chunk:
                continue
            buf += chunk
    return p


def nflog_groups(scn):
    """The NFLOG groups the rules log to (--nflog-group, default 0)."""
    groups = set()
    with open(scn.rules_path) as fh:
        for line in fh:
            if re.search(r"-j\s+NFLOG\b", line):
                m = re.search(r"--nflog-group\s+(\d+)", line)
                groups.add(int(m.group(1)) if m else 0)
    return sorted(groups)


def start_nflog_capture(ns, group, path):
    """tcpdump bound to an nfnetlink_log group in the firewall (what a
    ulogd or tcpdump -i nflog:N listener receives, LINKTYPE_NFLOG)."""
    args = ["ip", "netns", "exec", ns, "tcpdump", "--immediate-mode", "-U",
            "-Z", "root", "-n", "-i", "nflog:%d" % group, "-w", path]
    p = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    buf = b""
    deadline = time.monotonic() + 10
    while b"listening on" not in buf:
        left = deadline - time.monotonic()
        if left <= 0 or p.poll() is not None:
            p.kill()
            p.wait()
            raise HarnessError("tcpdump on nflog:%d did not start: %s" %
                               (group, buf.decode(errors="replace")))
        r, _, _ = select.select([p.stderr], [], [], left)
        if r:
            chunk = os.read(p.stderr.fileno(), 4096)
            if chunk:
                buf += chunk
    return p


def stop_capture(p, what):
    if p.poll() is None:
        p.send_signal(signal.SIGINT)
    try:
        _, err = p.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        raise HarnessError("tcpdump on %s did not stop" % what)
    m = re.search(rb"(\d+) packets? dropped by kernel", err or b"")
    if m and int(m.group(1)) != 0:
        raise HarnessError("tcpdump on %s: %s packets dropped by kernel" %
                           (what, m.group(1).decode()))


# conntrack -E: the markers that bracket a run's events. An entry of our own
# (zone 65534, loopback addresses no scenario uses) is created and deleted
# through ctnetlink in the firewall namespace: its [NEW] line shows the
# listener is subscribed, its [DESTROY] line starts the run's events, and a
# second entry after the injection ends them (every event of the run was
# delivered before it: one socket, in order).
CT_MARK_ZONE = "65534"
CT_MARK_ARGS = ["-p", "udp", "-s", "127.0.0.250", "-d", "127.0.0.251",
                "--sport", "9", "-w", CT_MARK_ZONE]
CT_MARK_RE = re.compile(r"\bzone=%s\b" % CT_MARK_ZONE)


class CtEvents:
    """`conntrack -E` in the firewall namespace, from before the injection
    to after it (README.md, "The kernel side")."""

    def __init__(self, ns, tmp):
        self.ns = ns
        self.path = os.path.join(tmp, "ct-events")
        self.errpath = os.path.join(tmp, "ct-events.err")
        self.out = open(self.path, "w")
        self.err = open(self.errpath, "w")
        # -b: a large receive buffer, so a burst (a SYN flood) is not lost
        self.p = subprocess.Popen(["ip", "netns", "exec", ns, "conntrack",
                                   "-E", "-b", "8388608"],
                                  stdin=subprocess.DEVNULL, stdout=self.out,
                                  stderr=self.err)
        self.start = self._marker("1", "[NEW]", retry=True)
        self._delete()
        self.start = self._wait("1", "[DESTROY]", after=self.start)

    def _lines(self):
        with open(self.path) as fh:
            text = fh.read()
        # a line is complete once its newline is there
        return text.split("\n")[:-1]

    def _find(self, dport, tag, after):
        for i, l in enumerate(self._lines()):
            if i > after and tag in l and CT_MARK_RE.search(l) and \
                    re.search(r"\bdport=%s\b" % dport, l):
                return i
        return None

    def _wait(self, dport, tag, after=-1, timeout=5.0):
        deadline = time.monotonic() + timeout
        while True:
            i = self._find(dport, tag, after)
            if i is not None:
                return i
            if self.p.poll() is not None:
                raise HarnessError("conntrack -E exited: %s" %
                                   open(self.errpath).read().strip())
            if time.monotonic() > deadline:
                raise HarnessError("conntrack -E: no %s line for the "
                                   "marker entry" % tag)
            time.sleep(0.01)

    def _marker(self, dport, tag, retry=False):
        """Create the marker entry with DPORT and wait for its line; the
        listener may not be subscribed yet: then it is created again."""
        deadline = time.monotonic() + 10
        while True:
            run_cmd(["conntrack", "-I"] + CT_MARK_ARGS +
                    ["--dport", dport, "-t", "60"], ns=self.ns)
            try:
                return self._wait(dport, tag, timeout=0.5)
            except HarnessError:
                if not retry or time.monotonic() > deadline:
                    raise
            self._delete()

    def _delete(self):
        run_cmd(["conntrack", "-D"] + CT_MARK_ARGS, ns=self.ns, check=False)

    def stop(self):
        """The run's event lines, in order (after the injection)."""
        end = self._marker("2", "[NEW]")
        self._delete()
        self.close()
        err = open(self.errpath).read()
        if "ENOBUFS" in err:
            raise HarnessError("conntrack -E lost events: %s" % err.strip())
        lines = self._lines()[self.start + 1:end]
        return [l for l in lines if not CT_MARK_RE.search(l)]

    def close(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGINT)
            try:
                self.p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        self.out.close()
        self.err.close()


def read_proc_views(fw):
    """/proc/net/ipt_hashlimit/NAME of the firewall namespace: a list of
    (path relative to the outputs, text)."""
    p = run_cmd(["sh", "-c", "cd /proc/net/ipt_hashlimit 2>/dev/null && "
                 "for f in *; do [ -f \"$f\" ] && printf '==%s\\n' \"$f\" "
                 "&& cat \"$f\"; done"], ns=fw, check=False)
    views, name, lines = [], None, []
    for line in p.stdout.split("\n"):
        if line.startswith("=="):
            if name is not None:
                views.append((name, "".join(l + "\n" for l in lines)))
            name, lines = "proc/net/ipt_hashlimit/" + line[2:], []
        elif name is not None and line:
            lines.append(line)
    if name is not None:
        views.append((name, "".join(l + "\n" for l in lines)))
    return views


def record_kernel(scn, outdir, inject, verbose=False):
    """Run SCN through the kernel into OUTDIR (retrying a late injection).
    Returns a dict of run facts."""
    for attempt in range(3):
        try:
            return _record_kernel_once(scn, outdir, inject, verbose)
        except LateError as e:
            if attempt == 2:
                raise
            print("  (injection late, retrying: %s)" % e)
    raise HarnessError("unreachable")


def _record_kernel_once(scn, outdir, inject, verbose):
    host = scn.host
    hz = kernel_hz()
    for no, k, v in host.sysctls:
        if k == "kernel.hz" and hz is not None and int(v) != hz:
            raise HarnessError("%s:%d: kernel.hz=%s but this kernel has HZ=%d"
                               % (scn.host_path, no, v, hz))
    check_modules(scn)
    if host.cpu >= os.cpu_count():
        raise HarnessError("%s: cpu %d, but this machine has %d CPUs" %
                           (scn.host_path, host.cpu, os.cpu_count()))
    pid = os.getpid()
    fw = "%s%df" % (NS_PREFIX, pid)
    peers = {}
    for i, name in enumerate(host.link_names()):
        peers[name] = "%s%dp%d" % (NS_PREFIX, pid, i)
    created = []
    captures = {}
    facts = {"warnings": []}
    tmp = tempfile.mkdtemp(prefix="utk-")
    kmsg = None
    ctev = None
    listeners = None
    osf_loaded = []
    with harness_lock():
        old_all = open("/proc/sys/net/netfilter/nf_log_all_netns").read()
        try:
            clean_stale_namespaces()
            for ns in [fw] + list(peers.values()):
                run_cmd(["ip", "netns", "add", ns])
                created.append(ns)
                # no IPv6 at all: no RS/DAD/MLD from any link
                run_cmd(["sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
                         "net.ipv6.conf.default.disable_ipv6=1"], ns=ns)
            # mute the firewall's own stack BEFORE any iptables table
            # exists (with HOST `stack on` the chain only counts)
            run_cmd(["nft", "-f", "-"], ns=fw,
                    input=MUTE_NFT % ("accept" if host.stack else "drop"))
            # LOG and TRACE of IPv4 go to the syslog logger (already the
            # default in a new namespace on 6.18; made sure of here)
            run_cmd(["sysctl", "-qw", "net.netfilter.nf_log.2=nf_log_ipv4"],
                    ns=fw, check=False)
            # global sysctls (and conf.default.*) before the links exist
            apply_sysctls(scn, fw, facts, iface_specific=False)
            for name, _mac, opts in host.links:
                peer = peers[name]
                run_cmd(["ip", "-n", fw, "link", "add", name] + opts +
                        ["type", "veth", "peer", "name", name, "netns", peer,
                         "mtu", "65535"])
                run_cmd(["ethtool", "-K", name, "tx", "off"], ns=fw)
                run_cmd(["ip", "-n", peer, "link", "set", name, "up"])
                run_cmd(["ip", "-n", fw, "link", "set", name, "up"])
                run_cmd(["nft", "-f", "-"], ns=peer,
                        input=PEER_NFT % name)
            run_cmd(["ip", "-n", fw, "link", "set", "lo", "up"])
            # table names as iproute2 reads them from rt_tables
            rtt = write_rt_tables(host.rt_tables,
                                  os.path.join(tmp, "rt_tables"))
            for no, t in host.cmds:
                p = run_cmd(with_rt_tables(["ip", "-n", fw] + t, rtt),
                            check=False)
                if p.returncode != 0:
                    raise HarnessError("%s:%d: ip %s: %s" % (
                        scn.host_path, no, " ".join(t), p.stderr.strip()))
            apply_sysctls(scn, fw, facts, iface_specific=True)
            for name in host.nfacct:
                run_cmd(["nfacct", "add", name], ns=fw)
            # the kernel's fingerprint list is global (not per namespace):
            # loaded under the lock, removed in the `finally`
            for path in host.osf:
                osf_loaded.append(path)
                p = run_cmd(["nfnl_osf", "-f", path], ns=fw, check=False)
                if p.returncode != 0:
                    raise HarnessError("nfnl_osf -f %s: exit %d: %s" % (
                        path, p.returncode, p.stdout.strip()[-300:]))
            load_rules(scn, fw)
            if host.listens:
                listeners = start_listeners(fw, host.listens)
            with open("/proc/sys/net/netfilter/nf_log_all_netns", "w") as fh:
                fh.write("1\n")

            for name, peer in peers.items():
                path = os.path.join(tmp, "cap-%s.pcap" % name)
                captures[name] = (start_capture(peer, name, path), path)
            for group in nflog_groups(scn):
                path = os.path.join(tmp, "nflog-%d.pcap" % group)
                captures["nflog-%d" % group] = (
                    start_nflog_capture(fw, group, path), path)
            # the injector's CPU handles what it sends: softirq of the
            # veth's receive (no RPS) and the raw socket's output path
            args = ["taskset", "-c", str(host.cpu),
                    inject, "-l", str(LATE_MS)]
            for iface, path in scn.inputs():
                args += ["/run/netns/" + peers[iface], iface, path]
            if scn.local_input:
                # sent by the firewall itself, from a raw socket (inject.c)
                args += ["/run/netns/" + fw, "@local", scn.local_input]
            if have("conntrack"):
                ctev = CtEvents(fw, tmp)
            # writes to the recent lists, then the clock's reference, as
            # close to the first frame as the harness can
            recent_writes(scn, fw)
            jref = read_jiffies()
            token = uuid.uuid4().hex
            kmsg = Kmsg()
            kmsg.mark("utables-kernel-test start %s" % token)
            p = subprocess.run(args, capture_output=True, text=True,
                               timeout=600)
            # the scenario's own settle time (timers that fire after the
            # last input), then the harness's latency slack
            time.sleep(float(scn.settle or 0) + SETTLE_S)
            kmsg.mark("utables-kernel-test end %s" % token)
            recs = kmsg.records()
            # the table as soon as the traffic is over: entries with short
            # timers should not expire while the rest is collected
            ct_list = run_cmd(["conntrack", "-L"], ns=fw,
                              check=False).stdout \
                if have("conntrack") else None
            # hashlimit tables and nfacct counters, as soon as possible too
            procs = read_proc_views(fw)
            nfacct = run_cmd(["nfacct", "list"], ns=fw).stdout \
                if host.nfacct else None
            # the traffic is over: a small nf_conntrack_max would refuse
            # the end marker's entry
            restore_global_sysctls(facts)
            recent_lists = read_recent_lists(fw)
            events = ctev.stop() if ctev is not None else []
            if p.returncode != 0:
                if p.returncode == 1 and re.search(r"sent [0-9.]+ ms late",
                                                   p.stderr):
                    raise LateError(p.stderr.strip())
                raise HarnessError("ut-inject: exit %d: %s" %
                                   (p.returncode, p.stderr.strip()))
            inj = dict(l.split("=", 1) for l in p.stdout.split() if "=" in l)
            facts["inject"] = inj
            if any(n.startswith("nflog-") for n in captures):
                # nfnetlink_log queues messages for up to its flush
                # timeout (1 s) below the queue threshold (100)
                time.sleep(NFLOG_FLUSH_S)
            for name in list(captures):
                cp, path = captures.pop(name)
                stop_capture(cp, "%s/%s" % (peers.get(name, fw), name))
                captures[name] = (None, path)

            os.makedirs(outdir, exist_ok=True)
            # frames, stamped in the inputs' time base
            t0 = parse_ts(inj["t0"])
            first = parse_ts(inj["first_ts"])
            for name, (_, path) in sorted(captures.items()):
                if name.startswith("nflog-"):
                    frames = read_pcap(path)[1] \
                        if os.path.getsize(path) else []
                    if frames:
                        write_pcap(os.path.join(outdir, name + ".pcap"),
                                   [(ts - t0 + first, b) for ts, b in frames],
                                   linktype=LINKTYPE_NFLOG)
                    continue
                frames = pcap_frames(path) if os.path.getsize(path) else []
                if frames:
                    write_pcap(os.path.join(outdir, name + ".pcap"),
                               [(ts - t0 + first, b) for ts, b in frames])
            # log lines between the markers
            lines = []
            inside = False
            for fac, text in recs:
                if text.startswith("utables-kernel-test start " + token):
                    inside = True
                elif text.startswith("utables-kernel-test end " + token):
                    inside = False
                elif inside and fac == 0:
                    if KMSG_NOISE.search(text):
                        continue
                    lines.append(text)
            write_text(os.path.join(outdir, "log"),
                       "".join(l + "\n" for l in lines))
            save = run_cmd(["iptables-legacy-save", "-c"], ns=fw).stdout
            write_text(os.path.join(outdir, "counters"),
                       filter_save(save, scn.tables))
            write_text(os.path.join(outdir, "local-count"),
                       "%d\n" % local_count(fw))
            if ct_list is not None:
                ctl = sorted(l for l in ct_list.split("\n") if l.strip() and
                             not CT_MARK_RE.search(l))
                if ctl:
                    write_text(os.path.join(outdir, "conntrack"),
                               "".join(l + "\n" for l in ctl))
            for rel, text in procs:
                os.makedirs(os.path.dirname(os.path.join(outdir, rel)),
                            exist_ok=True)
                write_text(os.path.join(outdir, rel), text)
            if nfacct is not None:
                write_text(os.path.join(outdir, "nfacct"), nfacct)
            if events:
                write_text(os.path.join(outdir, "conntrack-events"),
                           "".join(l + "\n" for l in events))
            if recent_lists:
                write_recent_lists(outdir, recent_lists, jref, t0, hz)
            if verbose:
                print("  kernel: %s frames injected, worst %s us late, "
                      "SCHED_FIFO %s" % (inj.get("frames"),
                                         inj.get("max_late_us"),
                                         "yes" if inj.get("rt") == "1"
                                         else "no"))
            if inj.get("dropped", "0") != "0":
                # oversize frames the veth refused, as a NIC would
                print("  kernel: %s frames refused by the link: %s" % (
                    inj["dropped"], "; ".join(
                        os.path.basename(l.split(": ", 1)[-1].split(
                            ": dropped")[0])
                        for l in p.stderr.split("\n")
                        if "dropped by the link" in l)))
            if inj.get("refused", "0") != "0":
                # local datagrams sendto() refused: the kernel's verdicts
                # (EMSGSIZE, EPERM from an NF_DROP...), as utables drops
                facts["refused"] = [l.split("ut-inject: ", 1)[-1]
                                    for l in p.stderr.split("\n")
                                    if ": refused: " in l]
                if verbose:
                    print("  kernel: %s local packets refused: %s" % (
                        inj["refused"], "; ".join(
                            os.path.basename(r) for r in facts["refused"])))
            return facts
        finally:
            if listeners is not None:
                stop_listeners(listeners)
            if kmsg is not None:
                kmsg.close()
            if ctev is not None:
                ctev.close()
            for cp, _ in captures.values():
                if cp is not None and cp.poll() is None:
                    cp.kill()
                    cp.wait()
            for path in reversed(osf_loaded):
                subprocess.run(["nfnl_osf", "-d", "-f", path],
                               capture_output=True)
            for ns in reversed(created):
                subprocess.run(["ip", "netns", "del", ns],
                               capture_output=True)
            restore_global_sysctls(facts)
            try:
                with open("/proc/sys/net/netfilter/nf_log_all_netns",
                          "w") as fh:
                    fh.write(old_all)
            except OSError:
                pass
            shutil.rmtree(tmp, ignore_errors=True)


# Only the IPv4 stack is muted. ARP is not: the kernel's replies to ARP
# requests for its addresses (arp_process) are compared like any frame;
# measured stable (path-l2), and nothing else sends ARP to the firewall (the
# peers have no addresses and drop everything). A request from a sender
# that is not a `neigh` of HOST would teach the kernel a neighbour that
# utables does not learn: scenarios send ARP only from listed neighbours.
MUTE_NFT = """\
table ip utables_harness {
	chain local_in {
		type filter hook input priority 2147483647; policy %s;
		counter
	}
}
"""

# HOST `listen` lines: one process in the firewall's namespace holds the
# sockets (TCP listening with the backlog asked, UDP bound; IP_TRANSPARENT
# and SO_MARK as asked),
# says "ready" once they are open, and never reads them (what the kernel
# sends for them is its own: SYN-ACKs; UDP datagrams just queue)
LISTENER_PY = r"""
import socket, sys
IP_TRANSPARENT = 19
SO_MARK = 36
socks = []
for spec in sys.argv[1:]:
    proto, addr, port, transparent, mark, backlog = spec.split(",")
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM if proto == "tcp"
                      else socket.SOCK_DGRAM)
    if transparent == "1":
        s.setsockopt(socket.SOL_IP, IP_TRANSPARENT, 1)
    if int(mark):
        s.setsockopt(socket.SOL_SOCKET, SO_MARK, int(mark))
    s.bind((addr, int(port)))
    if proto == "tcp":
        s.listen(int(backlog))
    socks.append(s)
print("ready", flush=True)
sys.stdin.read()
"""


def start_listeners(fw, listens):
    args = ["ip", "netns", "exec", fw, sys.executable, "-c", LISTENER_PY]
    args += ["%s,%s,%d,%d,%d,%d" % (proto, addr, port, int(tr), mark, bl)
             for proto, addr, port, tr, mark, bl in listens]
    p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    if line.strip() != "ready":
        p.kill()
        raise HarnessError("listening sockets: %s" %
                           (p.stderr.read().strip() or "no answer"))
    return p


def stop_listeners(p):
    try:
        p.stdin.close()
        p.wait(timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        p.kill()
        p.wait()

PEER_NFT = """\
table netdev utables_harness {
	chain ingress {
		type filter hook ingress device "%s" priority 0; policy drop;
	}
}
"""


def apply_sysctls(scn, fw, facts, iface_specific):
    names = set(scn.host.link_names())
    for no, k, v in scn.host.sysctls:
        if k == "kernel.hz":
            continue
        parts = k.split(".")
        specific = (len(parts) >= 4 and parts[2] in ("conf", "neigh") and
                    parts[3] in names)
        if specific and not iface_specific:
            continue
        if k in GLOBAL_SYSCTLS:
            # read-only in a namespace (sysctl(8) still exits 0 there)
            if not iface_specific:
                set_global_sysctl(scn, no, k, v, facts)
            continue
        p = run_cmd(["sysctl", "-w", "%s=%s" % (k, v)], ns=fw, check=False)
        if p.returncode == 0:
            continue
        # some netfilter sysctls are global (init namespace only) on 6.x
        cur = run_cmd(["sysctl", "-n", k], check=False).stdout.strip()
        if cur == v:
            continue
        msg = "%s:%d: sysctl %s=%s not settable in a namespace (%s); the " \
              "kernel has %s" % (scn.host_path, no, k, v,
                                 p.stderr.strip(), cur or "no such key")
        if iface_specific:
            print("  WARNING: " + msg)
            facts["warnings"].append(msg)


# Read-only in a namespace on 6.x, one value for every namespace (each
# namespace's table is held to it separately): set in the initial namespace
# for the run (under the harness lock) and restored after it.
GLOBAL_SYSCTLS = ("net.netfilter.nf_conntrack_max",)


def set_global_sysctl(scn, no, k, v, facts):
    path = "/proc/sys/" + k.replace(".", "/")
    try:
        with open(path) as fh:
            old = fh.read().strip()
        if old != v:
            with open(path, "w") as fh:
                fh.write(v + "\n")
            facts.setdefault("restore", []).append((path, old))
    except OSError as e:
        raise HarnessError("%s:%d: sysctl %s=%s: cannot set it in the "
                           "initial namespace: %s" % (scn.host_path, no, k,
                                                      v, e))


def restore_global_sysctls(facts):
    for path, old in reversed(facts.pop("restore", [])):
        try:
            with open(path, "w") as fh:
                fh.write(old + "\n")
        except OSError as e:
            print("  WARNING: cannot restore %s=%s: %s" % (path, old, e))


def check_modules(scn):
    """`module xt_recent K=V` lines: the parameters are read-only once
    the module is loaded (built in here), so the running kernel must
    already have them."""
    for no, mod, params in scn.host.modules:
        if mod != "xt_recent":
            raise HarnessError("%s:%d: module %s: not modelled" %
                               (scn.host_path, no, mod))
        want = dict(params)
        tot = int(want.get("ip_list_tot", "100"), 0)
        # recent_mt_init replaces the hash size whatever was given
        want["ip_list_hash_size"] = str(1 << tot.bit_length())
        for k, v in sorted(want.items()):
            path = "/sys/module/xt_recent/parameters/" + k
            try:
                have = open(path).read().strip()
            except OSError:
                raise HarnessError("%s:%d: no %s" % (scn.host_path, no, path))
            if int(have, 0) != int(v, 0):
                raise HarnessError("%s:%d: xt_recent has %s=%s, the "
                                   "scenario wants %s (module parameters "
                                   "are set when it loads: xt_recent.%s=%s "
                                   "on the kernel command line)" %
                                   (scn.host_path, no, k, have, v, k, v))


def recent_writes(scn, fw):
    """`recent TABLE CMD` lines: one write each to
    /proc/net/xt_recent/TABLE, as `echo CMD > ...` does; all in one shell,
    so they come within a few ms of the injection."""
    if not scn.host.recent:
        return
    script = "".join('printf "%%s\\n" %s > /proc/net/xt_recent/%s || '
                     'exit %d\n' % (shlex.quote(cmd), shlex.quote(table), no)
                     for no, table, cmd in scn.host.recent)
    p = run_cmd(["sh", "-c", script], ns=fw, check=False)
    if p.returncode != 0:
        raise HarnessError("%s:%d: recent write refused: %s" % (
            scn.host_path, p.returncode, p.stderr.strip()))


def read_jiffies():
    """(jiffies, wall-clock ns) at about the same moment."""
    w0 = time.time_ns()
    j = None
    with open("/proc/timer_list") as fh:
        for line in fh:
            if line.startswith("jiffies:"):
                j = int(line.split()[1])
                break
    w1 = time.time_ns()
    if j is None:
        raise HarnessError("no jiffies in /proc/timer_list")
    return j, (w0 + w1) // 2


def read_recent_lists(fw):
    """{TABLE: text} of /proc/net/xt_recent in the firewall."""
    p = run_cmd(["sh", "-c", 'cd /proc/net/xt_recent 2>/dev/null && '
                 'for f in *; do [ -f "$f" ] && printf "== %s\\n" "$f" && '
                 'cat "$f"; done; true'], ns=fw)
    lists, name = {}, None
    for line in p.stdout.split("\n"):
        if line.startswith("== "):
            name = line[3:]
            lists[name] = []
        elif line and name is not None:
            lists[name].append(line)
    return lists


def recent_key(line):
    m = re.match(r"src=(\d+)\.(\d+)\.(\d+)\.(\d+) ", line)
    return tuple(int(x) for x in m.groups()) if m else (999,)


def write_recent_lists(outdir, lists, jref, t0, hz):
    """proc/net/xt_recent/TABLE (lines sorted by address: the kernel
    lists them in a random hash order) and proc-jiffies: the jiffies at
    the first input frame, the reference of their time stamps."""
    d = os.path.join(outdir, "proc", "net", "xt_recent")
    os.makedirs(d, exist_ok=True)
    for name, lines in lists.items():
        write_text(os.path.join(d, name),
                   "".join(l + "\n" for l in sorted(lines, key=recent_key)))
    j, wall = jref
    write_text(os.path.join(outdir, "proc-jiffies"),
               "%.3f\n" % (j + (t0 - wall) * (hz or 250) / 1e9))


def load_rules(scn, fw):
    with open(scn.rules_path) as fh:
        text = fh.read()
    if any(l.startswith("*") for l in text.split("\n")):
        run_cmd(["iptables-legacy-restore"], ns=fw, input=text)
        return
    for no, line in enumerate(text.split("\n"), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        t = shlex.split(s)
        if t[0] != "iptables":
            raise HarnessError("%s:%d: not an iptables line" %
                               (scn.rules_path, no))
        run_cmd(["iptables-legacy"] + t[1:], ns=fw)


def local_count(fw):
    out = run_cmd(["nft", "list", "chain", "ip", "utables_harness",
                   "local_in"], ns=fw).stdout
    m = re.search(r"counter packets (\d+)", out)
    if not m:
        raise HarnessError("no counter in the local_in chain: " + out)
    return int(m.group(1))


def parse_ts(s):
    sec, _, frac = s.partition(".")
    return int(sec) * 1000000000 + int((frac + "000000000")[:9])


def write_text(path, text):
    with open(path, "w") as fh:
        fh.write(text)
