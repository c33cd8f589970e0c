#!/usr/bin/python3
# ct_tcp_kernel.py: records the TCP sessions of tests/unit/ct_tcp_test.c on
# the real kernel (root, iptables-legacy, conntrack, nft, ethtool,
# /usr/bin/python3 with scapy) and prints the C tables on stdout.
#
# Topology (fresh for every case): namespace F, the firewall: ea
# 10.0.1.1/24 02:00:00:00:01:01 <-> pa (namespace A, 02:00:00:00:01:02,
# the client side) and eb 10.0.2.1/24 02:00:00:00:02:01 <-> pb (namespace
# B, 02:00:00:00:02:02, the server side); permanent neighbours
# 10.0.1.2 -> pa and 10.0.2.2 -> pb; ip_forward=1; IPv6 off; tx checksum
# offload off; the firewall's own stack muted (nftables LOCAL_IN at
# priority 2147483647, policy drop; ARP input dropped); the peers drop
# everything. net.netfilter.nf_conntrack_log_invalid=6 and the case's
# sysctls in F. The filter table of F (iptables-legacy):
#   -A FORWARD -m conntrack --ctstate INVALID -j DROP
#   -A FORWARD -m conntrack --ctstate NEW -j ACCEPT
#   -A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT
#   -A FORWARD -m conntrack --ctstate RELATED -j ACCEPT
# Each segment is sent alone from pa (original direction) or pb (reply)
# over AF_PACKET; ~30 ms later the FORWARD counters say what the rules saw
# (INVALID, NEW, ESTABLISHED, RELATED, or "-" when the packet never
# reached FORWARD), `conntrack -L` gives the entry (state, flags,
# timeout) and /dev/kmsg the nf_ct_proto_6 reasons. The harness lock of
# tests/kernel (the kernel log and nf_log_all_netns are shared) is held.
#
#   sudo /usr/bin/python3 tests/unit/ct_tcp_kernel.py [CASE...] > /tmp/cases.c
#
# The output replaces the tables between the driver's declarations and
# "the driver" section of ct_tcp_test.c.
import json
import os
import re
import subprocess
import sys
import time

from scapy.all import Ether, IP, TCP, Raw, conf

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "kernel"))
from kernel import harness_lock  # noqa: E402

conf.verb = 0
TAG = "utct%d" % os.getpid()
F, A, B = TAG + "F", TAG + "A", TAG + "B"
MAC = {"ea": "02:00:00:00:01:01", "pa": "02:00:00:00:01:02",
       "eb": "02:00:00:00:02:01", "pb": "02:00:00:00:02:02"}
RULES = """*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m conntrack --ctstate INVALID -j DROP
-A FORWARD -m conntrack --ctstate NEW -j ACCEPT
-A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT
-A FORWARD -m conntrack --ctstate RELATED -j ACCEPT
COMMIT
"""
VERDICTS = ["INVALID", "NEW", "ESTABLISHED", "RELATED"]
SENDER = r'''
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
for line in sys.stdin:
    s.send(bytes.fromhex(line.strip()))
    sys.stdout.write("ok\n")
    sys.stdout.flush()
'''
MUTE = """table inet mute {
  chain cin { type filter hook input priority 2147483647; policy drop; }
}
table arp mute {
  chain cin { type filter hook input priority 0; policy drop; }
}
"""
PEER = """table inet mute {
  chain cin { type filter hook input priority 0; policy drop; }
  chain cout { type filter hook output priority 0; policy drop; }
}
table arp mute {
  chain cin { type filter hook input priority 0; policy drop; }
  chain cout { type filter hook output priority 0; policy drop; }
}
"""


def sh(cmd, check=True, inp=None):
    r = subprocess.run(cmd, shell=True, capture_output=True, text=True,
                       input=inp)
    if check and r.returncode:
        raise SystemExit("FAILED %s\n%s%s" % (cmd, r.stdout, r.stderr))
    return r.stdout


def teardown():
    for n in (F, A, B):
        sh("ip netns del %s 2>/dev/null" % n, check=False)


def setup(sysctls):
    teardown()
    for n in (F, A, B):
        sh("ip netns add %s" % n)
        sh("ip netns exec %s sysctl -qw net.ipv6.conf.all.disable_ipv6=1 "
           "net.ipv6.conf.default.disable_ipv6=1" % n)
    sh("ip netns exec %s nft -f -" % F, inp=MUTE)
    sh("ip -n %s link add ea address %s type veth peer name pa address %s "
       "netns %s" % (F, MAC["ea"], MAC["pa"], A))
    sh("ip -n %s link add eb address %s type veth peer name pb address %s "
       "netns %s" % (F, MAC["eb"], MAC["pb"], B))
    sh("ip netns exec %s nft -f -" % A, inp=PEER)
    sh("ip netns exec %s nft -f -" % B, inp=PEER)
    sh("ip netns exec %s sysctl -qw net.ipv4.ip_forward=1" % F)
    for n, i in ((F, "lo"), (F, "ea"), (F, "eb"), (A, "pa"), (B, "pb")):
        sh("ip -n %s link set %s up" % (n, i))
    sh("ip -n %s addr add 10.0.1.1/24 dev ea" % F)
    sh("ip -n %s addr add 10.0.2.1/24 dev eb" % F)
    sh("ip -n %s neigh add 10.0.1.2 lladdr %s dev ea nud permanent"
       % (F, MAC["pa"]))
    sh("ip -n %s neigh add 10.0.2.2 lladdr %s dev eb nud permanent"
       % (F, MAC["pb"]))
    sh("ip netns exec %s ethtool -K ea tx off >/dev/null" % F)
    sh("ip netns exec %s ethtool -K eb tx off >/dev/null" % F)
    sh("ip netns exec %s iptables-legacy-restore" % F, inp=RULES)
    sh("ip netns exec %s sysctl -qw net.netfilter.nf_log.2=nf_log_ipv4" % F,
       check=False)
    sh("ip netns exec %s sysctl -qw net.netfilter.nf_conntrack_log_invalid=6"
       % F)
    for k, v in sysctls:
        sh("ip netns exec %s sysctl -qw net.netfilter.%s=%s" % (F, k, v))


def counters():
    out = sh("ip netns exec %s iptables-legacy -L FORWARD -v -x -n" % F)
    n = []
    for line in out.splitlines()[2:]:
        n.append(int(line.split()[0]))
    return n


def ct_list():
    out = sh("ip netns exec %s conntrack -L -p tcp 2>/dev/null" % F,
             check=False)
    lines = [l for l in out.splitlines() if l.startswith("tcp")]
    if not lines:
        return "", -1
    assert len(lines) == 1, lines
    w = lines[0].split()
    state = w[3]
    flags = [x.strip("[]") for x in w if x in ("[UNREPLIED]", "[ASSURED]")]
    return " ".join([state] + flags), int(w[2])


class Kmsg:
    def __init__(self):
        self.fd = os.open("/dev/kmsg", os.O_RDONLY | os.O_NONBLOCK)
        os.lseek(self.fd, 0, os.SEEK_END)

    def reasons(self):
        got = []
        while True:
            try:
                rec = os.read(self.fd, 8192).decode(errors="replace")
            except BlockingIOError:
                return got
            except OSError:
                continue
            msg = rec.split(";", 1)[1].split("\n", 1)[0]
            m = re.search(r"nf_ct_proto_6: (.*?) IN=", msg)
            if m:
                got.append(m.group(1))


# ---- the segments ---------------------------------------------------------
C_IP, S_IP = "10.0.1.2", "10.0.2.2"


def seg(d, flags, seq, ack=0, win=64000, plen=0, opts=(), gap=0.0, **kw):
    return dict(d=d, flags=flags, seq=seq, ack=ack, win=win, plen=plen,
                opts=list(opts), gap=gap, kw=kw)


def frame(c, s):
    sport = 40000 + c["port"]
    if s["d"] == "o":
        e = Ether(dst=MAC["ea"], src=MAC["pa"])
        ip = IP(src=C_IP, dst=S_IP, id=0x1000, ttl=64)
        th = dict(sport=sport, dport=80)
    else:
        e = Ether(dst=MAC["eb"], src=MAC["pb"])
        ip = IP(src=S_IP, dst=C_IP, id=0x2000, ttl=64)
        th = dict(sport=80, dport=sport)
    th.update(flags=s["flags"], seq=s["seq"] & 0xffffffff,
              ack=s["ack"] & 0xffffffff, window=s["win"], options=s["opts"])
    th.update(s["kw"])
    p = e / ip / TCP(**th)
    if s["plen"]:
        p = p / Raw(b"x" * s["plen"])
    return bytes(p)


CASES = []


def case(name, note, segs, sysctls=()):
    CASES.append(dict(name=name, note=note, segs=segs, sysctls=list(sysctls),
                      port=len(CASES)))


SYNOPT = [("MSS", 1460), ("SAckOK", b""), ("WScale", 7)]
SYNACKOPT = [("MSS", 1460), ("SAckOK", b""), ("WScale", 7)]
c, s = 1000, 5000


def hs(copt=SYNOPT, sopt=SYNACKOPT, cwin=64240, swin=65160):
    return [seg("o", "S", c, 0, cwin, opts=copt),
            seg("r", "SA", s, c + 1, swin, opts=sopt),
            seg("o", "A", c + 1, s + 1, 502)]


case("close_client_first", "handshake, data both ways, FIN from the client "
     "first, the last ACK retransmitted",
     hs() + [seg("o", "PA", c + 1, s + 1, 502, 100),
             seg("r", "A", s + 1, c + 101, 508),
             seg("r", "PA", s + 1, c + 101, 508, 200),
             seg("o", "A", c + 101, s + 201, 500),
             seg("o", "FA", c + 101, s + 201, 500),
             seg("r", "A", s + 201, c + 102, 508),
             seg("r", "FA", s + 201, c + 102, 508),
             seg("o", "A", c + 102, s + 202, 500),
             seg("o", "A", c + 102, s + 202, 500)])
case("close_server_first", "handshake, FIN from the server first",
     hs() + [seg("r", "FA", s + 1, c + 1, 508),
             seg("o", "A", c + 1, s + 2, 502),
             seg("o", "FA", c + 1, s + 2, 502),
             seg("r", "A", s + 2, c + 2, 508)])
case("close_simultaneous", "both FINs before either ACK",
     hs() + [seg("o", "FA", c + 1, s + 1, 502),
             seg("r", "FA", s + 1, c + 1, 508),
             seg("o", "A", c + 2, s + 2, 502),
             seg("r", "A", s + 2, c + 2, 508)])
case("rst_exact", "RST from the client at the sequence the server acked",
     hs() + [seg("o", "PA", c + 1, s + 1, 502, 10),
             seg("r", "A", s + 1, c + 11, 508),
             seg("o", "R", c + 11, 0, 0)])
case("rst_in_window", "RST in window but not at the acked sequence: "
     "state kept for a challenge ACK, then the exact one",
     hs() + [seg("o", "PA", c + 1, s + 1, 502, 10),
             seg("r", "A", s + 1, c + 11, 508),
             seg("r", "R", s + 100, 0, 0),
             seg("r", "R", s + 1, 0, 0)])
case("rst_below", "RST below the acked sequence: invalid rst",
     hs() + [seg("o", "PA", c + 1, s + 1, 502, 10),
             seg("r", "A", s + 1, c + 11, 508),
             seg("o", "R", c + 5, 0, 0),
             seg("o", "R", c + 200000, 0, 0)])
case("rst_below_ignored", "the same with nf_conntrack_tcp_ignore_invalid_rst",
     hs() + [seg("o", "PA", c + 1, s + 1, 502, 10),
             seg("r", "A", s + 1, c + 11, 508),
             seg("o", "R", c + 5, 0, 0)],
     sysctls=[("nf_conntrack_tcp_ignore_invalid_rst", 1)])
case("rst_answers_syn", "a SYN answered by RST/ACK with seq 0: the entry goes",
     [seg("o", "S", c, 0, 64240, opts=SYNOPT),
      seg("r", "RA", 0, c + 1, 0)])
case("rst_from_client_unreplied", "SYN then RST from the client",
     [seg("o", "S", c, 0, 64240, opts=SYNOPT),
      seg("o", "R", c + 1, 0, 0)])
case("simultaneous_open", "both send SYN, then both SYN/ACK",
     [seg("o", "S", c, 0, 64240, opts=SYNOPT),
      seg("r", "S", s, 0, 65160, opts=SYNOPT),
      seg("o", "SA", c, s + 1, 64240, opts=SYNOPT),
      seg("r", "SA", s, c + 1, 65160, opts=SYNOPT),
      seg("o", "A", c + 1, s + 1, 502),
      seg("r", "A", s + 1, c + 1, 508)])
case("syn_retransmitted", "a retransmitted SYN keeps the timeout running",
     [seg("o", "S", c, 0, 64240, opts=SYNOPT),
      seg("o", "S", c, 0, 64240, opts=SYNOPT, gap=1.2),
      seg("r", "SA", s, c + 1, 65160, opts=SYNACKOPT),
      seg("r", "SA", s, c + 1, 65160, opts=SYNACKOPT),
      seg("o", "A", c + 1, s + 1, 502)])
case("synack_first", "a SYN/ACK without SYN, then an ACK from nowhere with "
     "loose pickup off", [seg("o", "SA", c, 77, 64240),
                          seg("o", "A", c, 77, 64240)],
     sysctls=[("nf_conntrack_tcp_loose", 0)])
case("scans", "Xmas, NULL, FIN, SYN+FIN scans and URG/PSH variants",
     [seg("o", "FSRPAU", c, 0, 1024), seg("o", "", c, 0, 1024),
      seg("o", "F", c, 0, 1024), seg("o", "SF", c, 0, 1024),
      seg("o", "SR", c, 0, 1024), seg("o", "FPU", c, 0, 1024),
      seg("o", "SU", c, 0, 1024), seg("o", "SEC", c + 1, 0, 1024)])
case("pickup_loose", "mid-stream pickup (loose=1), then the other way",
     [seg("o", "PA", c + 500, s + 700, 502, 50),
      seg("r", "A", s + 700, c + 550, 508),
      seg("o", "PA", c + 550, s + 700, 502, 50),
      seg("r", "A", s + 700, c + 600, 508),
      seg("o", "FA", c + 600, s + 700, 502)])
case("pickup_strict", "mid-stream ACK with loose=0, then a SYN",
     [seg("o", "PA", c + 500, s + 700, 502, 50),
      seg("o", "S", c, 0, 64240, opts=SYNOPT)],
     sysctls=[("nf_conntrack_tcp_loose", 0)])
case("pickup_fin", "a FIN as the first packet",
     [seg("o", "FA", c + 500, s + 700, 502)])
case("out_of_window", "over the receiver's window, ACK of unseen data, "
     "old data again, a very old ACK",
     hs(copt=[("MSS", 1460)], sopt=[("MSS", 1460)], swin=1000) +
     [seg("o", "PA", c + 1, s + 1, 502, 500),
      seg("o", "PA", c + 1 + 2000, s + 1, 502, 100),
      seg("r", "A", s + 1, c + 5000, 508),
      seg("r", "A", s + 1, c + 501, 508),
      seg("o", "PA", c - 70000, s + 1, 502, 10),
      seg("o", "A", c + 501, s - 100000, 502)])
case("overshoot", "a few bytes over the window: ignored, then acked",
     hs(copt=[("MSS", 1460)], sopt=[("MSS", 1460)], swin=1000) +
     [seg("o", "PA", c + 1, s + 1, 502, 1200),
      seg("r", "A", s + 1, c + 1201, 2000)])
case("wscale_both", "window scaling on both sides: the scaled window holds",
     hs(copt=[("WScale", 2)], sopt=[("WScale", 4)], swin=100) +
     [seg("r", "A", s + 1, c + 1, 100),
      seg("o", "PA", c + 1, s + 1, 502, 1400),
      seg("o", "PA", c + 1401, s + 1, 502, 150),
      seg("r", "A", s + 1, c + 1551, 100),
      seg("o", "PA", c + 1551, s + 1, 502, 1400),
      seg("o", "PA", c + 3300, s + 1, 502, 100)])
case("wscale_one_side", "only the client offers scaling: none is used",
     hs(copt=[("WScale", 2)], sopt=[], swin=100) +
     [seg("r", "A", s + 1, c + 1, 100),
      seg("o", "PA", c + 1, s + 1, 502, 100),
      seg("o", "PA", c + 301, s + 1, 502, 10)])
case("sack", "SACK blocks within and beyond what was sent",
     hs() + [seg("o", "PA", c + 1, s + 1, 502, 1000),
             seg("o", "PA", c + 1001, s + 1, 502, 1000),
             seg("r", "A", s + 1, c + 1, 508,
                 opts=[("NOP", None), ("NOP", None),
                       ("SAck", (c + 1001, c + 2001))]),
             seg("r", "A", s + 1, c + 1, 508,
                 opts=[("NOP", None), ("NOP", None),
                       ("SAck", (c + 1001, c + 9001))]),
             seg("r", "A", s + 1, c + 2001, 508)])
case("sack_not_permitted", "the same SACK without SACK-permitted",
     hs(copt=[("MSS", 1460)], sopt=[("MSS", 1460)]) +
     [seg("o", "PA", c + 1, s + 1, 502, 1000),
      seg("r", "A", s + 1, c + 1, 508,
          opts=[("NOP", None), ("NOP", None),
                ("SAck", (c + 501, c + 9001))])])
case("liberal", "out of window with nf_conntrack_tcp_be_liberal",
     hs() + [seg("o", "PA", c + 1 + 10000000, s + 1, 502, 10),
             seg("r", "A", s + 1, c + 90000000, 508)],
     sysctls=[("nf_conntrack_tcp_be_liberal", 1)])
case("time_wait_reopen", "a new SYN in TIME_WAIT replaces the connection",
     hs() + [seg("o", "FA", c + 1, s + 1, 502),
             seg("r", "A", s + 1, c + 2, 508),
             seg("r", "FA", s + 1, c + 2, 508),
             seg("o", "A", c + 2, s + 2, 502),
             seg("o", "S", c + 100000, 0, 64240, opts=SYNOPT),
             seg("r", "SA", s + 200000, c + 100001, 65160, opts=SYNACKOPT)])
case("syn_in_established", "a SYN into a live connection is ignored; the "
     "server's challenge ACK, then RST at the noted end",
     hs() + [seg("o", "S", c + 3000, 0, 64240, opts=SYNOPT),
             seg("r", "A", s + 1, c + 1, 508),
             seg("o", "R", c + 1, 0, 0)])
case("syn_ignored_then_synack", "a SYN ignored in ESTABLISHED and its "
     "SYN/ACK: conntrack resynchronises",
     hs() + [seg("o", "S", c + 3000, 0, 64240, opts=SYNOPT),
             seg("r", "SA", s + 9000, c + 3001, 65160, opts=SYNACKOPT),
             seg("o", "A", c + 3001, s + 9001, 502)])
case("invalid_in_syn_sent", "FIN and data before any answer; an ACK from "
     "the server in SYN_SENT",
     [seg("o", "S", c, 0, 64240, opts=SYNOPT),
      seg("o", "FA", c + 1, 0, 502),
      seg("o", "A", c + 1, 0, 502),
      seg("r", "A", s, c + 1, 508)])
case("retransmissions", "the same pure ACK four times: the retrans timeout",
     hs() + [seg("o", "PA", c + 1, s + 1, 502, 10),
             seg("r", "A", s + 1, c + 11, 508),
             seg("r", "A", s + 1, c + 11, 508),
             seg("r", "A", s + 1, c + 11, 508),
             seg("r", "A", s + 1, c + 11, 508),
             seg("r", "A", s + 1, c + 11, 509)],
     sysctls=[("nf_conntrack_tcp_max_retrans", 3)])
case("unacknowledged", "data that is not acked shortens the timeout; a zero "
     "window too",
     hs() + [seg("o", "PA", c + 1, s + 1, 502, 10),
             seg("r", "A", s + 1, c + 11, 0),
             seg("r", "A", s + 1, c + 11, 508)])
case("bad_checksum", "a SYN with a wrong checksum, then a truncated header",
     [seg("o", "S", c, 0, 64240, chksum=0x1234),
      seg("o", "S", c, 0, 64240, dataofs=15)])
case("lower_timeout", "out of window RST then FIN of an ASSURED connection",
     hs() + [seg("o", "PA", c + 1, s + 1, 502, 10),
             seg("r", "A", s + 1, c + 11, 508),
             seg("r", "R", s + 50000000, 0, 0),
             seg("o", "FA", c + 80000000, s + 1, 502)])


case("challenge_ack_last_ack", "in LAST_ACK a new SYN is ignored and the "
     "server's challenge ACK is not taken for the last ACK",
     hs() + [seg("o", "FA", c + 1, s + 1, 502),
             seg("r", "A", s + 1, c + 2, 508),
             seg("r", "FA", s + 1, c + 2, 508),
             seg("o", "S", c + 50000, 0, 64240, opts=SYNOPT),
             seg("r", "A", s + 2, c + 2, 508),
             seg("o", "A", c + 2, s + 2, 502)])
case("syn_sent_challenge", "an ACK answering our SYN (a challenge ACK), "
     "then the RST at its ACK number",
     [seg("o", "S", c, 0, 64240, opts=SYNOPT),
      seg("r", "A", s + 300, c + 77, 508),
      seg("o", "R", c + 77, 0, 0)])
case("syn_sent_newer_syn", "a second SYN with a higher sequence in SYN_SENT "
     "restarts the window; the SYN/ACK answers it",
     [seg("o", "S", c, 0, 64240, opts=SYNOPT),
      seg("o", "S", c + 100000, 0, 64240, opts=[("WScale", 3)]),
      seg("r", "SA", s, c + 100001, 65160, opts=SYNACKOPT),
      seg("o", "A", c + 100001, s + 1, 502)])
case("synack_newer", "a second SYN/ACK with a higher sequence",
     [seg("o", "S", c, 0, 64240, opts=SYNOPT),
      seg("r", "SA", s, c + 1, 65160, opts=SYNACKOPT),
      seg("r", "SA", s + 1000, c + 1, 65160, opts=SYNACKOPT),
      seg("o", "A", c + 1, s + 1, 502),
      seg("o", "A", c + 1, s + 1001, 502)])
case("reply_syn_time_wait", "in TIME_WAIT the server's SYN opens a new "
     "connection the other way",
     hs() + [seg("o", "FA", c + 1, s + 1, 502),
             seg("r", "FA", s + 1, c + 2, 508),
             seg("o", "A", c + 2, s + 2, 502),
             seg("r", "S", s + 90000, 0, 65160, opts=SYNOPT),
             seg("o", "SA", c + 90000, s + 90001, 64240, opts=SYNACKOPT)])
case("pickup_reply_side", "mid-stream pickup by a segment of the server",
     [seg("r", "PA", s + 700, c + 500, 508, 20),
      seg("o", "A", c + 500, s + 720, 502),
      seg("r", "PA", s + 720, c + 500, 508, 20)])
case("rst_in_fin_wait", "after the client's FIN any RST closes",
     hs() + [seg("o", "FA", c + 1, s + 1, 502),
             seg("r", "R", s + 40000, 0, 0)])
case("rst_train", "the server's data and right after it a RST at its end",
     hs() + [seg("r", "PA", s + 1, c + 1, 508, 30),
             seg("r", "R", s + 31, 0, 0)])
case("rst_then_syn_same_side", "closed by the client's RST, then its SYN",
     hs() + [seg("o", "R", c + 1, 0, 0),
             seg("o", "S", c + 7000, 0, 64240, opts=SYNOPT)])
case("rst_then_syn_other_side", "closed by the server's RST, then a SYN "
     "of the client",
     hs() + [seg("r", "R", s + 1, 0, 0),
             seg("o", "S", c + 7000, 0, 64240, opts=SYNOPT),
             seg("r", "SA", s + 9000, c + 7001, 65160, opts=SYNACKOPT)])
case("rst_syn_wrong_ack", "RST/ACK with seq 0 answering the SYN with the "
     "wrong ACK",
     [seg("o", "S", c, 0, 64240, opts=SYNOPT),
      seg("r", "RA", 0, c + 5, 0)])
case("timeouts_sysctl", "timeouts from the sysctls",
     hs() + [seg("o", "FA", c + 1, s + 1, 502)],
     sysctls=[("nf_conntrack_tcp_timeout_syn_sent", 33),
              ("nf_conntrack_tcp_timeout_syn_recv", 44),
              ("nf_conntrack_tcp_timeout_established", 1000),
              ("nf_conntrack_tcp_timeout_fin_wait", 55)])
case("no_checksum", "nf_conntrack_checksum=0: a bad checksum is tracked",
     [seg("o", "S", c, 0, 64240, chksum=0x1234)],
     sysctls=[("nf_conntrack_checksum", 0)])
case("keepalive", "a keepalive (one below the next sequence) and its answer",
     hs() + [seg("o", "A", c, s + 1, 502),
             seg("r", "A", s + 1, c + 1, 508),
             seg("o", "A", c, s + 1, 502, 1)])


def run_case(kmsg, c):
    setup(c["sysctls"])
    senders = {}
    for d, ns, ifc in (("o", A, "pa"), ("r", B, "pb")):
        senders[d] = subprocess.Popen(
            ["ip", "netns", "exec", ns, "/usr/bin/python3", "-c", SENDER,
             ifc], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    kmsg.reasons()
    t0 = time.monotonic()
    res = []
    before = counters()
    for s in c["segs"]:
        if s["gap"]:
            time.sleep(s["gap"])
        hx = frame(c, s).hex()
        t = time.monotonic() - t0
        p = senders[s["d"]]
        p.stdin.write(hx + "\n")
        p.stdin.flush()
        p.stdout.readline()
        time.sleep(0.03)
        after = counters()
        diff = [a - b for a, b in zip(after, before)]
        before = after
        v = "-"
        for i, n in enumerate(diff):
            if n:
                v = VERDICTS[i]
        if sum(diff) > 1:
            raise SystemExit("%s: more than one packet counted" % c["name"])
        state, timeout = ct_list()
        res.append(dict(d=s["d"], hex=hx, t=t, verdict=v, state=state,
                        timeout=timeout, log="|".join(kmsg.reasons())))
    for p in senders.values():
        p.stdin.close()
        p.wait()
    teardown()
    return res


def cstr(x):
    return '"' + x.replace("\\", "\\\\").replace('"', '\\"') + '"'


def row_fields(s, hx):
    """the row's frame fields: what seg_frame in ct_tcp_test.c builds the
    frame from (options as sent, padded; the fields sent wrong)"""
    tcp = bytes.fromhex(hx)[34:]
    doff = (tcp[12] >> 4) * 4
    opts = tcp[20:doff].hex() if doff <= len(tcp) else ""
    extra = []
    if "chksum" in s["kw"]:
        extra.append(".csum = 0x%04x" % s["kw"]["chksum"])
    if "dataofs" in s["kw"]:
        extra.append(".doff = %d" % s["kw"]["dataofs"])
    return opts, "".join(", " + e for e in extra)


def emit_case(c, res):
    print("/* %s: %s */" % (c["name"], c["note"]))
    print("static const struct tcp_seg %s_segs[] = {" % c["name"])
    for s, r in zip(c["segs"], res):
        opts, extra = row_fields(s, r["hex"])
        print('\t{ .dir = %s, %dull, %s, %d, %d, %d, %d, "%s",' % (
            "R" if r["d"] == "r" else "O", int(r["t"] * 1e9),
            cstr(s["flags"]), s["seq"] & 0xffffffff, s["ack"] & 0xffffffff,
            s["win"], s["plen"], opts))
        print("\t  %s, %s, %d, %s%s }," % (
            cstr(r["verdict"]), cstr(r["state"]), r["timeout"],
            cstr(r["log"]), extra))
    print("};")
    sc = ", ".join("{ %s, %d }" % (cstr(k), v) for k, v in c["sysctls"])
    print("static const struct tcp_sysctl %s_sysctls[] = { %s%s{ NULL, 0 } };"
          % (c["name"], sc, ", " if sc else ""))
    print()


def main():
    only = set(sys.argv[1:])
    out = []
    with harness_lock():
        old_all = open("/proc/sys/net/netfilter/nf_log_all_netns").read()
        kmsg = Kmsg()
        try:
            with open("/proc/sys/net/netfilter/nf_log_all_netns", "w") as fh:
                fh.write("1\n")
            for c in CASES:
                if only and c["name"] not in only:
                    continue
                out.append((c, run_case(kmsg, c)))
        finally:
            teardown()
            with open("/proc/sys/net/netfilter/nf_log_all_netns", "w") as fh:
                fh.write(old_all)
    print("/* recorded by tests/unit/ct_tcp_kernel.py on Linux %s, %s */"
          % (os.uname().release, time.strftime("%Y-%m-%d %H:%M UTC",
                                              time.gmtime())))
    print()
    for c, res in out:
        emit_case(c, res)
    print("static const struct tcp_case tcp_cases[] = {")
    for c, _ in out:
        print("\tCASE(%s, %d)," % (c["name"], 40000 + c["port"]))
    print("};")


if __name__ == "__main__":
    main()
