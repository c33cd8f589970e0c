"""Scenarios of tests/kernel: the HOST file, the RULES file's tables, and the
scenario directory layout (README.md)."""

import os
import re
import shlex

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = os.path.join(HERE, "scenarios")


class HarnessError(Exception):
    """The harness itself could not do its job (not a test difference)."""


class Scenario:
    def __init__(self, name):
        self.name = name
        self.dir = os.path.join(SCENARIOS, name)
        self.host_path = os.path.join(self.dir, "host")
        self.rules_path = os.path.join(self.dir, "rules")
        self.kernel_dir = os.path.join(self.dir, "kernel")
        self.host = Host(self.host_path)
        self.tables = rules_tables(self.rules_path)

    @property
    def local_input(self):
        """local.pcap: IPv4 packets the host sends itself (`utables run
        --local`; the kernel side sends them from a raw socket in the
        firewall namespace), or None (looked up each time: gen.py may have
        just written it)."""
        lp = os.path.join(self.dir, "local.pcap")
        return lp if os.path.exists(lp) else None

    @property
    def settle(self):
        """Seconds the run goes on after the last input (the file
        `settle`: a decimal number), as a string for `utables run
        --settle`, or None: pending timers (ARP retries, reassembly
        timeouts) fire within them on both sides (README.md)."""
        sp = os.path.join(self.dir, "settle")
        if not os.path.exists(sp):
            return None
        with open(sp) as fh:
            text = fh.read().strip()
        if not re.match(r"^[0-9]+(\.[0-9]+)?$", text):
            raise HarnessError("%s/settle: want seconds (e.g. 3.5), not %r"
                               % (self.name, text))
        return text

    @property
    def stamp_tolerance_ns(self):
        """How far apart the stamps of equal frames may be: 5 ms, or the
        milliseconds in the file `stamp-tolerance` (frames sent by kernel
        timers, whose expiry the timer wheel rounds up by up to a level's
        granularity from a jiffy phase the trace does not fix:
        README.md)."""
        tp = os.path.join(self.dir, "stamp-tolerance")
        if not os.path.exists(tp):
            return 5 * 1000000
        with open(tp) as fh:
            text = fh.read().strip()
        if not re.match(r"^[0-9]+$", text):
            raise HarnessError("%s/stamp-tolerance: want milliseconds, not "
                               "%r" % (self.name, text))
        return int(text) * 1000000

    @property
    def split(self):
        """Seconds after the first input at which a second `utables run`
        takes over (the file `split`), or None: utables runs the inputs
        before it, then the rest in a run that loads the first one's
        recent lists (`--recent`) and connection table
        (`--conntrack-load`); the kernel runs them all at once
        (README.md)."""
        sp = os.path.join(self.dir, "split")
        if not os.path.exists(sp):
            return None
        with open(sp) as fh:
            text = fh.read().strip()
        if not re.match(r"^[0-9]+(\.[0-9]+)?$", text):
            raise HarnessError("%s/split: want seconds (e.g. 3.5), not %r"
                               % (self.name, text))
        return float(text)

    def inputs(self):
        """[(iface, path)] of the committed in-IFACE.pcap files."""
        out = []
        for f in sorted(os.listdir(self.dir)):
            m = re.match(r"^in-(.+)\.pcap$", f)
            if m:
                if m.group(1) not in self.host.link_names():
                    raise HarnessError("%s/%s: no link %s in host" %
                                       (self.name, f, m.group(1)))
                out.append((m.group(1), os.path.join(self.dir, f)))
        if not out and not self.local_input:
            raise HarnessError("%s: no in-IFACE.pcap nor local.pcap (run "
                               "gen.py: run.py --record %s)" %
                               (self.name, self.name))
        return out


def list_scenarios():
    if not os.path.isdir(SCENARIOS):
        return []
    return sorted(d for d in os.listdir(SCENARIOS)
                  if os.path.isfile(os.path.join(SCENARIOS, d, "host")))


# `ip` objects as iproute2 reads a prefix (ip.c's order), and the HOST
# words they stand for
IP_OBJECTS = [("address", "addr"), ("addrlabel", None), ("maddress", None),
              ("route", "route"), ("rule", "rule"), ("neighbor", "neigh"),
              ("neighbour", "neigh"), ("ntable", None), ("ntbl", None),
              ("link", "link")]


def ip_words(t, where):
    """An `ip [-4] OBJECT add|set ...` line as the HOST words it stands
    for (utables reads it so: src/host/host_file.c)."""
    t = t[1:]
    while t and t[0] in ("-4",):
        t = t[1:]
    for obj, word in IP_OBJECTS:
        if t and t[0] and obj.startswith(t[0]):
            if word is None or len(t) < 2:
                break
            verb = "add" if "add".startswith(t[1]) else \
                "set" if word == "link" and "set".startswith(t[1]) else None
            if verb:
                return [word, verb] + t[2:]
            break
    raise HarnessError(where + ": an `ip` line the harness does not run")


class Host:
    """The HOST file (ARCHITECTURE.md, `utables run --host`)."""

    def __init__(self, path):
        self.links = []     # (name, mac, [ip link options])
        self.cmds = []      # (lineno, [tokens]) addr/route/rule/neigh, in order
        self.sysctls = []   # (lineno, key, value)
        self.nfacct = []    # names of `nfacct add NAME` lines, in order
        self.modules = []   # (lineno, module, [(param, value)])
        self.recent = []    # (lineno, table, write): /proc/net/xt_recent
        self.addrs = set()  # the host's own addresses
        self.rt_tables = []  # (id, name) of `rt_table ID NAME` lines
        self.cpu = 0        # `cpu N`: the CPU that handles the packets
        self.osf = []       # `osf load FILE`: fingerprint files (paths)
        # `syncookie secret HEX`: utables' syncookie keys; the kernel's
        # cannot be set (drawn at boot), so SYN/ACK cookies are masked
        self.syncookie = False
        self.stack = False  # `stack on`: the firewall's own stack answers
        self.listens = []   # `listen` lines: (proto, addr, port,
        #                      transparent, mark, backlog), sockets opened
        #                      in the firewall
        with open(path) as fh:
            for no, raw in enumerate(fh, 1):
                line = raw.split("#", 1)[0].strip()
                if not line:
                    continue
                t = shlex.split(line)
                where = "%s:%d" % (path, no)
                if t[0] == "ip":
                    t = ip_words(t, where)
                if t[0] == "link" and len(t) > 1 and t[1] == "set":
                    # after the links and addresses exist, in file order
                    self.cmds.append((no, t))
                elif t[0] == "link":
                    if len(t) < 3 or t[1] != "add":
                        raise HarnessError(where + ": want `link add NAME "
                                           "address MAC [mtu N]`")
                    if t[2] == "name" and len(t) > 3:
                        t = t[:2] + t[3:]
                    name, opts, mac = t[2], t[3:], None
                    if "type" in opts or "link" in opts or "name" in opts:
                        raise HarnessError(where + ": the harness makes "
                                           "veth links only (`link add NAME "
                                           "address MAC [mtu N]`); this "
                                           "kernel has no 8021q for VLANs")
                    if "address" in opts:
                        mac = opts[opts.index("address") + 1]
                    self.links.append((name, mac, opts))
                elif t[0] in ("addr", "address", "route", "rule", "neigh"):
                    self.cmds.append((no, t))
                    if t[0] in ("addr", "address") and len(t) > 2:
                        self.addrs.add(t[2].split("/")[0])
                elif t[0] == "rt_table":
                    if len(t) != 3:
                        raise HarnessError(where + ": want `rt_table ID "
                                           "NAME`")
                    self.rt_tables.append((t[1], t[2]))
                elif t[0] == "nfacct":
                    if len(t) != 3 or t[1] != "add":
                        raise HarnessError(where + ": want `nfacct add NAME`")
                    self.nfacct.append(t[2])
                elif t[0] == "sysctl":
                    kv = " ".join(t[1:])
                    if "=" not in kv:
                        raise HarnessError(where + ": want `sysctl KEY=VALUE`")
                    k, v = kv.split("=", 1)
                    self.sysctls.append((no, k.strip(), v.strip()))
                elif t[0] == "module":
                    if len(t) < 2 or any("=" not in a for a in t[2:]):
                        raise HarnessError(where + ": want `module NAME "
                                           "PARAM=VALUE ...`")
                    self.modules.append((no, t[1], [tuple(a.split("=", 1))
                                                    for a in t[2:]]))
                elif t[0] == "osf":
                    if len(t) != 3 or t[1] != "load":
                        raise HarnessError(where + ": want `osf load FILE`")
                    self.osf.append(os.path.join(os.path.dirname(path),
                                                 t[2]))
                elif t[0] == "cpu":
                    if len(t) != 2 or not t[1].isdigit():
                        raise HarnessError(where + ": want `cpu N`")
                    self.cpu = int(t[1])
                elif t[0] == "syncookie":
                    if len(t) != 3 or t[1] != "secret":
                        raise HarnessError(where + ": want `syncookie "
                                           "secret HEX`")
                    self.syncookie = True
                elif t[0] == "stack":
                    if len(t) != 2 or t[1] not in ("on", "off"):
                        raise HarnessError(where + ": want `stack on|off`")
                    self.stack = t[1] == "on"
                elif t[0] == "listen":
                    self.listens.append(parse_listen(t, where))
                elif t[0] == "recent":
                    if len(t) != 3:
                        raise HarnessError(where + ": want `recent TABLE "
                                           "+ADDR|-ADDR|/`")
                    self.recent.append((no, t[1], t[2]))
                else:
                    raise HarnessError(where + ": unknown HOST line `%s`" %
                                       line)

    def hz(self):
        hz = 250
        for _, k, v in self.sysctls:
            if k == "kernel.hz":
                hz = int(v)
        return hz

    def link_names(self):
        return [n for n, _, _ in self.links]


def parse_listen(t, where):
    """A `listen tcp|udp [ADDR:]PORT [transparent] [mark M] [backlog N]`
    line's words: (proto, addr, port, transparent, mark, backlog)."""
    if len(t) < 3 or t[1] not in ("tcp", "udp"):
        raise HarnessError(where + ": want `listen tcp|udp [ADDR:]PORT "
                           "[transparent] [mark M]`")
    addr, _, port = t[2].rpartition(":")
    transparent, mark, backlog, rest = False, 0, 128, t[3:]
    while rest:
        if rest[0] == "transparent":
            transparent, rest = True, rest[1:]
        elif rest[0] == "mark" and len(rest) > 1:
            mark, rest = int(rest[1], 0), rest[2:]
        elif rest[0] == "backlog" and len(rest) > 1:
            backlog, rest = int(rest[1]), rest[2:]
        else:
            raise HarnessError(where + ": `%s`?" % rest[0])
    return (t[1], addr or "0.0.0.0", int(port), transparent, mark, backlog)


def rules_tables(path):
    """Tables the RULES file touches, as a set of names."""
    tables = set()
    restore = False
    with open(path) as fh:
        lines = fh.read().split("\n")
    for line in lines:
        if line.startswith("*"):
            restore = True
            tables.add(line[1:].strip())
    if restore:
        return tables
    for line in lines:
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        t = shlex.split(s)
        table = "filter"
        for i, tok in enumerate(t):
            if tok in ("-t", "--table") and i + 1 < len(t):
                table = t[i + 1]
        tables.add(table)
    return tables


def filter_save(text, tables):
    """iptables-save -c output: comment lines dropped, only the blocks of
    TABLES kept, in the order printed."""
    out = []
    keep = False
    for line in text.split("\n"):
        if line.startswith("#") or not line:
            continue
        if line.startswith("*"):
            keep = line[1:].strip() in tables
        if keep:
            out.append(line)
    return "".join(l + "\n" for l in out)
