#!/usr/bin/python3
"""tests/run/synproxy.py UTABLES [--kernel]: SYNPROXY in FORWARD, property
by property, against `utables run` and (--kernel, root) the live kernel.

A kernel's syncookies are keyed by a secret drawn at boot, so no recorded
trace can hold the ACK that answers its SYN/ACK. This test plays the
client and the server instead, reacting to what the firewall sends (the
client's ACK carries the cookie the SYN/ACK brought, as a real client's
does): against `utables run`, one run per step, each run's inputs the
previous ones plus the answer; against Linux (--kernel), in network
namespaces (a firewall with iptables-legacy, a client and a server
side reached through AF_PACKET sockets), frame by frame. Both sides must
pass the same checks, which are the kernel's behaviours
(net/netfilter/nf_synproxy_core.c, net/ipv4/syncookies.c), not values
taken from an earlier run of utables:
 1. the client's SYN is answered with a SYN/ACK: ack = ISN + 1, window 0,
    ID 0, DF, TTL 64, options MSS (the rule's), SACK-permitted folded
    into the timestamp word, TSecr = the client's TSval, TSval's low six
    bits = client window scale | SACK << 4 | ECN << 5, window scale (the
    rule's) after a NOP, ECE when the SYN had ECE and CWR; the SYN goes
    no further; syn_received counts it;
 2. an ACK with a wrong cookie is dropped (cookie_invalid); the ACK with
    cookie + 1 makes the server's SYN: the client's ISN, the cookie
    relayed in the ACK field (without the ACK flag), the client's window, MSS = the cookie's
    table entry at or below the client's 1460, the options the timestamp
    cookie carried (SACK-permitted, window scale 7 of the client, ECN as
    ECE|CWR), TSval/TSecr the client's; cookie_valid counts it;
 3. the server's SYN/ACK is turned into an ACK to the server (seq = the
    client's ISN + 1, ack = server ISN + 1, the client's window,
    timestamps swapped) and a window update to the client (seq = cookie
    + 1 after the sequence adjustment, the server's window >> 7);
 4. data: the server's segment reaches the client with its sequence
    number moved into the cookie's space and its TSval moved by the
    difference of the two timestamp clocks; the client's data reaches
    the server with its acknowledgement moved back; the connection is
    ESTABLISHED in the connection table.
Prints "N passed, N failed" and exits 1 on a failure."""
import ctypes
import os
import select
import socket
import struct
import subprocess
import sys
import tempfile
import time

from scapy.all import Ether, IP, TCP, rdpcap, wrpcap  # noqa: E402

sys.dont_write_bytecode = True
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(_here, "..", "kernel"), os.path.join(_here, "..")]
import kernel  # noqa: E402

U = sys.argv[1]
LIVE = "--kernel" in sys.argv[2:]
HOST = """link add eth0 address 02:00:00:00:01:00
link add eth1 address 02:00:00:00:01:01
addr add 192.0.2.1/24 dev eth0
addr add 198.51.100.1/24 dev eth1
neigh add 192.0.2.2 lladdr 02:00:00:00:00:01 dev eth0
neigh add 198.51.100.2 lladdr 02:00:00:00:00:02 dev eth1
sysctl net.ipv4.ip_forward=1
sysctl net.netfilter.nf_conntrack_tcp_loose=0
"""
RULES = """*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -i eth0 -p tcp -m tcp --dport 80 --tcp-flags FIN,SYN,RST,ACK SYN -j CT --notrack
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -i eth0 -p tcp -m tcp --dport 80 -m conntrack --ctstate INVALID,UNTRACKED -j SYNPROXY --sack-perm --timestamp --wscale 5 --mss 1400 --ecn
-A FORWARD -m conntrack --ctstate INVALID -j DROP
COMMIT
"""
CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00") / \
    IP(src="192.0.2.2", dst="198.51.100.2")
SERVER = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01") / \
    IP(src="198.51.100.2", dst="192.0.2.2")
ISN, SISN, TSC, TSS = 1000, 700000, 12345, 900000

passed = failed = 0


def check(what, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: synproxy: %s %s" % (what, detail))


class UtablesRun:
    """`utables run` over the frames so far, once a step: what it sent
    on each interface beyond what the previous step had sent"""

    def __init__(self):
        self.tmp = tempfile.mkdtemp()
        open(os.path.join(self.tmp, "host"), "w").write(
            HOST + "syncookie secret " + "0123456789abcdef" * 4 + "\n")
        open(os.path.join(self.tmp, "rules"), "w").write(RULES)
        self.inputs, self.seen, self.n = [], {}, 0
        self.t = 1000.0

    def step(self, sends):
        for iface, p in sends:
            p = p.copy()
            self.t += 0.010
            p.time = self.t
            self.inputs.append((iface, p))
        self.n += 1
        ins = []
        for iface in ("eth0", "eth1"):
            pk = [p for i, p in self.inputs if i == iface]
            if pk:
                path = os.path.join(self.tmp, "%d-%s.pcap" % (self.n, iface))
                wrpcap(path, pk)
                ins += ["--in", "%s=%s" % (iface, path)]
        self.out = os.path.join(self.tmp, "out-%d" % self.n)
        subprocess.run([U, "run", "--host", os.path.join(self.tmp, "host"),
                        "--rules", os.path.join(self.tmp, "rules"),
                        "--out", self.out] + ins, check=True)
        got = {}
        for iface in ("eth0", "eth1"):
            path = os.path.join(self.out, iface + ".pcap")
            fr = list(rdpcap(path)) if os.path.exists(path) else []
            got[iface] = fr[self.seen.get(iface, 0):]
            self.seen[iface] = len(fr)
        return got

    def stat(self):
        return open(os.path.join(self.out, "proc/net/stat/synproxy")).read()

    def conntrack(self):
        return open(os.path.join(self.out, "conntrack")).read()

    def close(self):
        subprocess.run(["rm", "-rf", self.tmp])


class LiveKernel:
    """The same firewall in network namespaces: frames sent and received
    on the peers of its eth0 (client side) and eth1 (server side) with
    AF_PACKET sockets opened in the peers' namespaces"""
    CLONE_NEWNET = 0x40000000

    def __init__(self):
        pid = os.getpid()
        self.fw = "%s%dfsp" % (kernel.NS_PREFIX, pid)
        self.peer = {"eth0": "%s%dp0sp" % (kernel.NS_PREFIX, pid),
                     "eth1": "%s%dp1sp" % (kernel.NS_PREFIX, pid)}
        self.created, self.socks = [], {}
        run = kernel.run_cmd
        kernel.clean_stale_namespaces()
        for ns in [self.fw] + list(self.peer.values()):
            run(["ip", "netns", "add", ns])
            self.created.append(ns)
            run(["sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
                 "net.ipv6.conf.default.disable_ipv6=1"], ns=ns)
        for line in HOST.splitlines():
            t = line.split()
            if t[0] == "link":
                peer = self.peer[t[2]]
                run(["ip", "-n", self.fw, "link", "add", t[2], "address",
                     t[4], "type", "veth", "peer", "name", t[2], "netns",
                     peer])
                run(["ethtool", "-K", t[2], "tx", "off"], ns=self.fw)
                run(["ip", "-n", peer, "link", "set", t[2], "up"])
                run(["ip", "-n", self.fw, "link", "set", t[2], "up"])
                run(["nft", "-f", "-"], ns=peer,
                    input=kernel.PEER_NFT % t[2])
            elif t[0] in ("addr", "neigh"):
                run(["ip", "-n", self.fw] + t +
                    (["nud", "permanent"] if t[0] == "neigh" else []))
        run(["iptables-legacy-restore"], ns=self.fw, input=RULES)
        for line in HOST.splitlines():
            if line.startswith("sysctl "):
                run(["sysctl", "-qw", line.split()[1]], ns=self.fw)
        for iface, ns in self.peer.items():
            self.socks[iface] = self._socket(ns, iface)

    def _socket(self, ns, iface):
        libc = ctypes.CDLL(None, use_errno=True)
        with open("/proc/self/ns/net") as home, \
                open("/run/netns/" + ns) as there:
            if libc.setns(there.fileno(), self.CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), "setns " + ns)
            try:
                # ETH_P_ALL: a tap, before the peer's ingress drop
                s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                                  socket.htons(3))
                s.bind((iface, 0))
            finally:
                libc.setns(home.fileno(), self.CLONE_NEWNET)
        return s

    def step(self, sends):
        for iface, p in sends:
            self.socks[iface].send(bytes(p))
            time.sleep(0.010)
        got = {"eth0": [], "eth1": []}
        end = time.monotonic() + 0.3
        while True:
            left = end - time.monotonic()
            if left <= 0:
                break
            r, _, _ = select.select(list(self.socks.values()), [], [], left)
            for iface, s in self.socks.items():
                if s in r:
                    data, addr = s.recvfrom(65535)
                    if addr[2] != socket.PACKET_OUTGOING and \
                            data[12:14] == b"\x08\x00":
                        got[iface].append(Ether(data))
        return got

    def stat(self):
        return kernel.run_cmd(["cat", "/proc/net/stat/synproxy"],
                              ns=self.fw).stdout

    def conntrack(self):
        return kernel.run_cmd(["conntrack", "-L"], ns=self.fw,
                              check=False).stdout

    def close(self):
        for s in self.socks.values():
            s.close()
        for ns in self.created:
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)


def stat(drv):
    """the counters of /proc/net/stat/synproxy, summed over the CPUs"""
    rows = [[int(x, 16) for x in line.split()]
            for line in drv.stat().splitlines()[1:]]
    return [sum(c) for c in zip(*rows)]


def handshake(drv):
    """the checks, step by step; stops at a step whose frames are missing"""
    opts = [("MSS", 1460), ("SAckOK", b""), ("Timestamp", (TSC, 0)),
            ("NOP", None), ("WScale", 7)]
    syn = CLIENT / TCP(sport=40000, dport=80, flags="SEC", seq=ISN,
                       window=64240, options=opts)
    # 1. the SYN/ACK
    got = drv.step([("eth0", syn)])
    check("one SYN/ACK to the client", len(got["eth0"]) == 1 and
          not got["eth1"], [p.summary() for p in got["eth0"] + got["eth1"]])
    if len(got["eth0"]) != 1:
        return
    sa = got["eth0"][0]
    ip, th = sa[IP], sa[TCP]
    check("SYN/ACK header", (ip.id, ip.flags, ip.ttl, ip.tos) ==
          (0, 2, 64, 0) and (th.sport, th.dport) == (80, 40000) and
          th.ack == ISN + 1 and th.window == 0 and
          str(th.flags) == "SAE", sa.show2(dump=True))
    raw = bytes(th)[20:]
    check("SYN/ACK options in the kernel's layout",
          raw[:4] == b"\x02\x04\x05\x78" and
          raw[4:8] == b"\x04\x02\x08\x0a" and
          raw[12:16] == struct.pack("!I", TSC) and
          raw[16:20] == b"\x01\x03\x03\x05", raw.hex())
    tsval = struct.unpack("!I", raw[8:12])[0]
    check("TSval cookie bits: wscale 7, SACK, ECN",
          tsval & 0x3f == 7 | 16 | 32, hex(tsval))
    check("syn_received", stat(drv)[1:] == [1, 0, 0, 0, 0], stat(drv))
    cookie = th.seq

    # 2. a wrong cookie, then the right one
    ts = [("NOP", None), ("NOP", None), ("Timestamp", (TSC + 10, tsval))]
    bad = CLIENT / TCP(sport=40001, dport=80, flags="A", seq=ISN + 1,
                       ack=(cookie + 2) & 0xffffffff, window=502, options=ts)
    ack = CLIENT / TCP(sport=40000, dport=80, flags="A", seq=ISN + 1,
                       ack=(cookie + 1) & 0xffffffff, window=502, options=ts)
    got = drv.step([("eth0", bad), ("eth0", ack)])
    check("one SYN to the server", len(got["eth1"]) == 1 and
          not got["eth0"], [p.summary() for p in got["eth0"] + got["eth1"]])
    if len(got["eth1"]) != 1:
        return
    s = got["eth1"][0]
    th = s[TCP]
    check("server SYN header", str(th.flags) == "SEC" and th.seq == ISN and
          th.ack == cookie and th.window == 502 and
          (s[IP].src, s[IP].dst, th.sport) == ("192.0.2.2", "198.51.100.2",
                                              40000), s.show2(dump=True))
    check("server SYN options: MSS 1460 from the cookie, SACK, TS, "
          "wscale 7", bytes(th)[20:] == b"\x02\x04\x05\xb4\x04\x02\x08\x0a" +
          struct.pack("!II", TSC + 10, tsval) + b"\x01\x03\x03\x07",
          bytes(th)[20:].hex())
    check("cookie_invalid, cookie_valid", stat(drv)[1:] == [1, 1, 1, 0, 0],
          stat(drv))

    # 3. the server's SYN/ACK
    synack = SERVER / TCP(sport=80, dport=40000, flags="SAE", seq=SISN,
                          ack=ISN + 1, window=29200,
                          options=[("MSS", 1460), ("SAckOK", b""),
                                   ("Timestamp", (TSS, TSC + 10)),
                                   ("NOP", None), ("WScale", 7)])
    got = drv.step([("eth1", synack)])
    check("one ACK each way", len(got["eth0"]) == 1 and
          len(got["eth1"]) == 1,
          [p.summary() for p in got["eth0"] + got["eth1"]])
    if len(got["eth0"]) != 1 or len(got["eth1"]) != 1:
        return
    a = got["eth1"][0][TCP]
    tsoff = (TSS - tsval) & 0xffffffff
    # the ACK passes OUTPUT's conntrack (ESTABLISHED now) and then the
    # synproxy hook, which moves the original direction's TSecr by tsoff
    # like any later segment's: TSS + tsoff, not TSS
    check("ACK to the server", str(a.flags) == "A" and
          a.seq == ISN + 1 and a.ack == SISN + 1 and a.window == 502 and
          bytes(a)[20:] == b"\x01\x01\x08\x0a" +
          struct.pack("!II", TSC + 10, (TSS + tsoff) & 0xffffffff),
          got["eth1"][0].show2(dump=True))
    w = got["eth0"][0][TCP]
    check("window update to the client", str(w.flags) == "A" and
          w.seq == (cookie + 1) & 0xffffffff and w.ack == ISN + 1 and
          w.window == 29200 >> 7 and
          bytes(w)[20:] == b"\x01\x01\x08\x0a" +
          struct.pack("!II", (TSS - tsoff) & 0xffffffff, TSC + 10),
          got["eth0"][0].show2(dump=True))

    # 4. data both ways
    sdata = SERVER / TCP(sport=80, dport=40000, flags="PA", seq=SISN + 1,
                         ack=ISN + 1, window=229,
                         options=[("NOP", None), ("NOP", None),
                                  ("Timestamp", (TSS + 5, TSC + 10))]) / \
        (b"x" * 10)
    cdata = CLIENT / TCP(sport=40000, dport=80, flags="PA", seq=ISN + 1,
                         ack=(cookie + 11) & 0xffffffff, window=502,
                         options=[("NOP", None), ("NOP", None),
                                  ("Timestamp", (TSC + 20,
                                                 (TSS + 5 - tsoff) &
                                                 0xffffffff))]) / (b"y" * 5)
    got = drv.step([("eth1", sdata), ("eth0", cdata)])
    d = got["eth0"]
    check("server data to the client, moved", len(d) == 1 and
          d[0][TCP].seq == (cookie + 1) & 0xffffffff and
          bytes(d[0][TCP])[24:28] == struct.pack("!I", (TSS + 5 - tsoff) &
                                                 0xffffffff),
          [p.summary() for p in d])
    if d:
        p = d[0].copy()
        del p[TCP].chksum
        check("its TCP checksum", Ether(bytes(p))[TCP].chksum ==
              d[0][TCP].chksum)
    d = got["eth1"]
    check("client data to the server, ack moved back", len(d) == 1 and
          d[0][TCP].ack == SISN + 11 and
          bytes(d[0][TCP])[28:32] == struct.pack("!I", TSS + 5),
          [p.summary() for p in d])
    ct = drv.conntrack()
    check("ESTABLISHED", "ESTABLISHED" in ct and "sport=40000" in ct, ct)


for name, cls in [("utables", UtablesRun)] + \
        ([("kernel", LiveKernel)] if LIVE else []):
    where = failed
    drv = cls()
    try:
        handshake(drv)
    finally:
        drv.close()
    if failed > where:
        print("(%d failures against %s)" % (failed - where, name))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
