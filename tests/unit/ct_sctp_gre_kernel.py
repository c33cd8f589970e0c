#!/usr/bin/python3
# ct_sctp_gre_kernel.py: records the expected results of
# tests/unit/ct_sctp_gre_test.c on the real kernel (root, iptables-legacy,
# conntrack(8), /usr/bin/python3 with scapy).
#
# Three network namespaces: utscg_fw (the firewall of ct_sctp_gre_test.c:
# eth0 192.0.2.1/24 towards the client 192.0.2.2, eth1 198.51.100.1/24
# with the default route via 198.51.100.2) and one peer per interface,
# joined by veth pairs. mangle FORWARD has one counter rule per conntrack
# state (NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED); an empty nat
# table is loaded as in the test (it is what turns conntrack on there).
# nf_conntrack_log_invalid is on for SCTP and GRE.
#
# Every case starts from an empty table (conntrack -F). For each packet of
# a case: it is sent from the peer of its side (o: the client on eth0,
# r: the server 203.0.113.10 behind eth1), then after ~80 ms the table is
# read (`conntrack -L`, sorted) and the counters tell the packet's state;
# the kernel log lines it caused (nf_conntrack_log_invalid) are kept. The
# send and read times (ns since the case's first packet) go with it, so
# the test can print the table at the same moment of its packet clock.
#
# Runs under the kernel harness's lock (tests/kernel/kernel.py): the kernel
# log and nf_log_all_netns are shared. Prints the C tables that
# ct_sctp_gre_test.c includes:
#   ./ct_sctp_gre_kernel.py > ct_sctp_gre_kernel.h
import ctypes
import os
import socket
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "kernel"))
from kernel import harness_lock, Kmsg  # noqa: E402

from scapy.all import (IP, SCTP, GRE, GRE_PPTP, Raw, raw,  # noqa: E402
                       SCTPChunkInit, SCTPChunkInitAck, SCTPChunkCookieEcho,
                       SCTPChunkCookieAck, SCTPChunkData, SCTPChunkSACK,
                       SCTPChunkHeartbeatReq, SCTPChunkHeartbeatAck,
                       SCTPChunkShutdown, SCTPChunkShutdownAck,
                       SCTPChunkShutdownComplete, SCTPChunkAbort,
                       SCTPChunkError)

libc = ctypes.CDLL("libc.so.6", use_errno=True)
FW, P0, P1 = "utscg_fw", "utscg_p0", "utscg_p1"
MAC = {"eth0": "02:00:00:00:01:00", "eth1": "02:00:00:00:01:01"}
PEER_MAC = {"eth0": "02:00:00:00:00:01", "eth1": "02:00:00:00:00:02"}
CLIENT, SERVER = "192.0.2.2", "203.0.113.10"
STATES = ["NEW", "ESTABLISHED", "RELATED", "INVALID", "UNTRACKED"]
RULES = """*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
COMMIT
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
""" + "".join("-A FORWARD -m conntrack --ctstate %s\n" % s
              for s in STATES) + "COMMIT\n"
GAP = 0.25      # between packets, unless a step says otherwise
READ = 0.08     # from a packet to reading the table


def sh(*cmd, check=True, inp=None):
    return subprocess.run(cmd, check=check, capture_output=True, text=True,
                          input=inp)


def ns(name, *cmd, check=True, inp=None):
    return sh("ip", "netns", "exec", name, *cmd, check=check, inp=inp)


def open_sock(netns, ifname):
    me = os.open("/proc/self/ns/net", os.O_RDONLY)
    fd = os.open("/run/netns/" + netns, os.O_RDONLY)
    if libc.setns(fd, 0x40000000) != 0:
        raise OSError(ctypes.get_errno(), "setns")
    try:
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        s.bind((ifname, 0))
    finally:
        libc.setns(me, 0x40000000)
        os.close(fd)
        os.close(me)
    return s


def setup():
    for n in (FW, P0, P1):
        sh("ip", "netns", "del", n, check=False)
        sh("ip", "netns", "add", n)
        ns(n, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1")
        ns(n, "sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1")
        ns(n, "ip", "link", "set", "lo", "up")
    for dev, peer in (("eth0", P0), ("eth1", P1)):
        sh("ip", "link", "add", "utscg" + dev[-1], "netns", FW, "type",
           "veth", "peer", "name", "utscgp" + dev[-1], "netns", peer)
        ns(FW, "ip", "link", "set", "utscg" + dev[-1], "name", dev)
        ns(FW, "ip", "link", "set", dev, "address", MAC[dev])
        ns(peer, "ip", "link", "set", "utscgp" + dev[-1], "address",
           PEER_MAC[dev])
        ns(FW, "ethtool", "-K", dev, "tx", "off", check=False)
        ns(FW, "ip", "link", "set", dev, "up")
        ns(peer, "ip", "link", "set", "utscgp" + dev[-1], "up")
    for cmd in ("sysctl -qw net.ipv4.ip_forward=1",
                "sysctl -qw net.ipv4.conf.all.rp_filter=0",
                "sysctl -qw net.ipv4.conf.default.rp_filter=0",
                "sysctl -qw net.ipv4.conf.eth0.rp_filter=0",
                "sysctl -qw net.ipv4.conf.eth1.rp_filter=0",
                "ip addr add 192.0.2.1/24 dev eth0",
                "ip addr add 198.51.100.1/24 dev eth1",
                "ip route add default via 198.51.100.2 dev eth1",
                "ip neigh add 192.0.2.2 lladdr 02:00:00:00:00:01 dev eth0",
                "ip neigh add 198.51.100.2 lladdr 02:00:00:00:00:02 "
                "dev eth1"):
        ns(FW, *cmd.split())
    ns(FW, "iptables-legacy-restore", inp=RULES)
    return {"o": open_sock(P0, "utscgp0"), "r": open_sock(P1, "utscgp1")}


def teardown():
    for n in (FW, P0, P1):
        sh("ip", "netns", "del", n, check=False)


def sysctl(key, val):
    ns(FW, "sysctl", "-qw", "%s=%s" % (key, val))


def table():
    r = ns(FW, "conntrack", "-L", check=False)
    return sorted(line for line in r.stdout.splitlines() if line.strip())


def counters():
    out = ns(FW, "iptables-legacy", "-t", "mangle", "-L", "FORWARD", "-nvx",
             "-Z").stdout.splitlines()
    return [int(line.split()[0]) for line in out
            if line.split() and line.split()[0].isdigit()]


def eth(side):
    dev = "eth0" if side == "o" else "eth1"
    return bytes.fromhex(MAC[dev].replace(":", "") +
                         PEER_MAC[dev].replace(":", "") + "0800")


# ---- packets -------------------------------------------------------------

def sctp(side, tag, *chunks, sport=5000, dport=80, chksum=None):
    src, dst = (CLIENT, SERVER) if side == "o" else (SERVER, CLIENT)
    sp, dp = (sport, dport) if side == "o" else (dport, sport)
    p = IP(src=src, dst=dst, id=1) / SCTP(sport=sp, dport=dp, tag=tag)
    for c in chunks:
        p = p / c
    b = raw(p)
    if chksum is not None:
        b = b[:28] + chksum.to_bytes(4, "big") + b[32:]
    return b


def sctp_raw(side, tag, body, sport=5000, dport=80):
    """an SCTP packet with chunk bytes as given (its CRC computed)"""
    return sctp(side, tag, Raw(body), sport=sport, dport=dport)


A, B = 0x0a0a0a0a, 0x0b0b0b0b      # the client's and the server's tags


def init(tag=A):
    return SCTPChunkInit(init_tag=tag, a_rwnd=65535, n_out_streams=1,
                         n_in_streams=1, init_tsn=100)


def init_ack(tag=B):
    return SCTPChunkInitAck(init_tag=tag, a_rwnd=65535, n_out_streams=1,
                            n_in_streams=1, init_tsn=200)


def data(tsn=100, text=b"hello"):
    return SCTPChunkData(tsn=tsn, stream_id=0, stream_seq=0, proto_id=0,
                         beginning=1, ending=1, data=text)


def sack(tsn=100):
    return SCTPChunkSACK(cumul_tsn_ack=tsn, a_rwnd=65535)


def cookie_echo():
    return SCTPChunkCookieEcho(cookie=b"cookie!!")


def hb():
    return SCTPChunkHeartbeatReq()


def hb_ack():
    return SCTPChunkHeartbeatAck()


def abort(t=0):
    return SCTPChunkAbort(TCB=t)


def shut_complete(t=0):
    return SCTPChunkShutdownComplete(TCB=t)


def handshake():
    """an association up to ESTABLISHED"""
    return [("o", sctp("o", 0, init())),
            ("r", sctp("r", A, init_ack())),
            ("o", sctp("o", B, cookie_echo())),
            ("r", sctp("r", A, SCTPChunkCookieAck()))]


def gre(side, g, payload=b"\x45" + bytes(19)):
    src, dst = (CLIENT, SERVER) if side == "o" else (SERVER, CLIENT)
    return raw(IP(src=src, dst=dst, id=1) / g / Raw(payload))


def pptp(call_id, seq=1):
    return GRE_PPTP(seqnum_present=1, call_id=call_id, sequence_number=seq,
                    payload_len=4) / Raw(b"\xff\x03\x00\x21")


# A case: (name, sysctls, steps); a step is (side, IP datagram bytes) or
# (side, bytes, gap before it in seconds)
CASES = [
    ("sctp_assoc", [], handshake() + [
        ("o", sctp("o", B, data())),
        ("r", sctp("r", A, sack())),
        ("o", sctp("o", B, data(101), sack(100))),
        ("o", sctp("o", 0x12345678, data(102))),    # wrong tag
        ("r", sctp("r", B, sack(101))),              # the peer's tag
        ("r", sctp("r", A, hb())),
        ("o", sctp("o", B, hb_ack())),
        ("o", sctp("o", B, SCTPChunkShutdown(cumul_tsn_ack=200))),
        ("r", sctp("r", A, SCTPChunkShutdownAck())),
        ("o", sctp("o", B, shut_complete())),
        ("o", sctp("o", B, data(103))),              # after CLOSED
    ]),
    ("sctp_shutdown_reply", [], handshake() + [
        ("r", sctp("r", A, SCTPChunkShutdown(cumul_tsn_ack=100))),
        ("o", sctp("o", B, SCTPChunkShutdownAck())),
        ("r", sctp("r", A, shut_complete(1))),       # T bit: wrong tag
        ("r", sctp("r", B, shut_complete(1))),       # T bit: peer's tag
    ]),
    ("sctp_abort", [], [
        ("o", sctp("o", 0, init())),
        ("r", sctp("r", A, init_ack())),
        ("r", sctp("r", B, abort())),                # own tag wanted
        ("r", sctp("r", B, abort(1))),               # T: the peer's
        ("o", sctp("o", 0, init(), sport=5001)),
        ("r", sctp("r", A, init_ack(), sport=5001)),
        ("o", sctp("o", B, abort(), sport=5001)),
        ("o", sctp("o", 0, init(), sport=5002)),
        ("r", sctp("r", A, init_ack(), sport=5002)),
        ("o", sctp("o", A, abort(1), sport=5002)),
    ]),
    # first packets of flows (one source port each)
    ("sctp_first", [], [
        ("o", sctp("o", A, data(), sport=5001)),
        ("o", sctp("o", A, abort(), sport=5002)),
        ("o", sctp("o", A, SCTPChunkCookieAck(), sport=5003)),
        ("o", sctp("o", A, shut_complete(), sport=5004)),
        ("o", sctp("o", A, SCTPChunkShutdownAck(), sport=5005)),
        ("o", sctp("o", A, hb(), sport=5006)),
        ("o", sctp("o", A, cookie_echo(), sport=5007)),
        ("o", sctp("o", 0, cookie_echo(), sport=5008)),
        ("o", sctp("o", A, init(), sport=5009)),
        ("o", sctp("o", 0, init_ack(), sport=5010)),
        ("o", sctp("o", A, init_ack(), sport=5011)),
        ("o", sctp("o", A, SCTPChunkShutdown(), sport=5012)),
        ("o", sctp("o", A, hb_ack(), sport=5013)),
        ("o", sctp("o", 0, hb_ack(), sport=5014)),
        ("o", sctp("o", A, SCTPChunkError(), sport=5015)),
        ("o", sctp("o", 0, SCTPChunkError(), sport=5016)),
        ("o", sctp("o", A, hb(), data(), sport=5017)),
    ]),
    # the tags a first packet leaves, shown by the log of a DATA with a
    # wrong tag in each direction
    ("sctp_first_tags", [], [
        step for i, first in enumerate([
            sctp("o", 0x11111111, hb_ack(), sport=6000),
            sctp("o", 0x11111111, hb(), sport=6001),
            sctp("o", 0x11111111, SCTPChunkShutdownAck(), sport=6002),
            sctp("o", 0, init_ack(), sport=6003),
            sctp("o", 0, cookie_echo(), sport=6004),
            sctp("o", 0, SCTPChunkError(), sport=6005),
            sctp("o", 0, init(), sport=6006),
            sctp("o", 0x11111111, SCTPChunkShutdownAck(), hb(),
                 sport=6007),
            sctp("o", 0x11111111, hb(), SCTPChunkShutdownAck(),
                 sport=6008)])
        for step in [("o", first),
                     ("o", sctp("o", 0x77777777, data(), sport=6000 + i)),
                     ("r", sctp("r", 0x77777777, data(), sport=6000 + i))]
    ]),
    # the chunk walk (do_basic_checks), CRC, lengths
    ("sctp_chunks", [], [
        ("o", sctp("o", 0, init(), data(), sport=5001)),
        ("o", sctp("o", 0, data(), init(), sport=5002)),
        ("o", sctp("o", 0, sport=5003)),                     # no chunk
        ("o", sctp_raw("o", 0, bytes([1, 0, 0, 0]) + bytes(16),
                       sport=5004)),                         # length 0
        ("o", sctp("o", 0, init(), sport=5005, chksum=0x12345678)),
        ("o", raw(IP(src=CLIENT, dst=SERVER, id=1, proto=132) /
                  Raw(bytes.fromhex("13880050000000")))),    # 7 bytes
        ("o", raw(IP(src=CLIENT, dst=SERVER, id=1, proto=132) /
                  Raw(bytes.fromhex("138800500000000000000000")))),
        # INIT with 3 bytes after it (no room for another chunk header)
        ("o", sctp("o", 0, init(), Raw(b"\x00\x00\x00"), sport=5006)),
        # an INIT cut short: the init_tag is not there
        ("o", sctp_raw("o", 0, bytes([1, 0, 0, 6, 0, 0]), sport=5007)),
        # a chunk whose length runs past the end
        ("o", sctp_raw("o", 0, bytes([1, 0, 0, 200]) +
                       bytes.fromhex("0a0a0a0a0000ffff00010001000000640000"),
                       sport=5008)),
        # unknown chunk type 0x40 with an odd length (padding), then INIT
        ("o", sctp_raw("o", 0, bytes([0x40, 0, 0, 5, 9, 0, 0, 0]),
                       sport=5009)),
    ]),
    ("sctp_bundles", [], handshake()[:2] + [
        ("o", sctp("o", B, cookie_echo(), data())),
        ("r", sctp("r", A, SCTPChunkCookieAck(), sack())),
        ("o", sctp("o", B, data(101), SCTPChunkCookieAck())),
        ("r", sctp("r", A, sack(101), shut_complete())),
        ("o", sctp("o", B, data(101), cookie_echo())),
        ("o", sctp("o", B, SCTPChunkShutdown(), SCTPChunkShutdownAck())),
        # SHUTDOWN moves the state before the ABORT's tag fails
        ("o", sctp("o", 0, init(), sport=5001)),
        ("r", sctp("r", A, init_ack(), sport=5001)),
        ("o", sctp("o", B, cookie_echo(), sport=5001)),
        ("r", sctp("r", A, SCTPChunkCookieAck(), sport=5001)),
        ("o", sctp("o", B, SCTPChunkShutdown(), abort(1), sport=5001)),
        # an ERROR answering COOKIE_ECHO (stale cookie) closes
        ("o", sctp("o", 0, init(), sport=5002)),
        ("r", sctp("r", A, init_ack(), sport=5002)),
        ("o", sctp("o", B, cookie_echo(), sport=5002)),
        ("r", sctp("r", A, SCTPChunkError(), sport=5002)),
    ]),
    ("sctp_heartbeat", [], [
        ("o", sctp("o", 0x11111111, hb())),
        ("r", sctp("r", 0x22222222, hb_ack())),
        ("o", sctp("o", 0x11111111, data())),
        ("r", sctp("r", 0x22222222, sack())),
        ("o", sctp("o", 0x33333333, hb()), 1.3),       # vtag changed
        ("o", sctp("o", 0x33333333, data())),
        ("o", sctp("o", 0x33333333, hb())),            # again: ignored
        ("r", sctp("r", 0x44444444, hb_ack())),        # learnt, orig reset
        ("o", sctp("o", 0x33333333, data())),
        ("o", sctp("o", 0x33333333, hb())),
        ("o", sctp("o", 0x33333333, data())),
        ("r", sctp("r", 0x55555555, hb_ack())),
        ("r", sctp("r", 0x55555555, hb(), data())),
    ]),
    ("sctp_heartbeat_first", [], [
        ("o", sctp("o", 0x11111111, hb())),
        ("o", sctp("o", 0x11111111, hb())),
        ("r", sctp("r", 0x22222222, hb())),
        ("o", sctp("o", 0x11111111, data())),
        ("r", sctp("r", 0x22222222, hb_ack())),
        ("r", sctp("r", 0x22222222, hb_ack())),
        ("o", sctp("o", 0x11111111, hb_ack(), sport=5001)),
        ("r", sctp("r", 0x66666666, hb(), sport=5001)),
        # no reply direction transition out of HEARTBEAT_SENT but these
        ("o", sctp("o", 0x11111111, hb(), sport=5002)),
        ("r", sctp("r", 0, init(B), sport=5002)),
        ("r", sctp("r", 0x11111111, init_ack(B), sport=5002)),
        ("r", sctp("r", 0x11111111, SCTPChunkShutdown(), sport=5002)),
        ("r", sctp("r", 0x22222222, data(), sport=5002)),
    ]),
    ("sctp_init_retrans", [], [
        ("o", sctp("o", 0, init())),
        ("o", sctp("o", 0, init()), 1.3),              # not refreshed
        ("o", sctp("o", 0, init(0x0c0c0c0c))),
        ("r", sctp("r", A, init_ack()), 1.3),          # stale tag
        ("r", sctp("r", 0x0c0c0c0c, init_ack())),
        ("o", sctp("o", 0, init())),
        ("o", sctp("o", B, cookie_echo())),
        ("r", sctp("r", 0x0c0c0c0c, SCTPChunkCookieAck())),
    ]),
    ("sctp_collision", [], [
        ("o", sctp("o", 0, init())),
        ("r", sctp("r", 0, init(B))),                  # INIT both ways
        ("r", sctp("r", A, init_ack(B))),
        ("o", sctp("o", B, init_ack(A))),
        ("o", sctp("o", B, cookie_echo())),
        ("r", sctp("r", A, cookie_echo())),
        ("r", sctp("r", A, SCTPChunkCookieAck())),
        ("o", sctp("o", B, data())),
        # a restart: a new INIT in ESTABLISHED
        ("o", sctp("o", 0, init(0x0d0d0d0d))),
        ("r", sctp("r", 0x0d0d0d0d, init_ack(0x0e0e0e0e))),
        ("o", sctp("o", 0x0e0e0e0e, cookie_echo())),
        ("r", sctp("r", 0x0d0d0d0d, SCTPChunkCookieAck())),
        ("o", sctp("o", 0x0e0e0e0e, data())),
    ]),
    ("sctp_timeouts", [("net.netfilter.nf_conntrack_sctp_timeout_closed", 7),
                       ("net.netfilter.nf_conntrack_sctp_timeout_cookie_wait",
                        11),
                       ("net.netfilter."
                        "nf_conntrack_sctp_timeout_cookie_echoed", 12),
                       ("net.netfilter.nf_conntrack_sctp_timeout_established",
                        1000),
                       ("net.netfilter."
                        "nf_conntrack_sctp_timeout_shutdown_sent", 13),
                       ("net.netfilter."
                        "nf_conntrack_sctp_timeout_shutdown_recd", 14),
                       ("net.netfilter."
                        "nf_conntrack_sctp_timeout_shutdown_ack_sent", 15),
                       ("net.netfilter."
                        "nf_conntrack_sctp_timeout_heartbeat_sent", 16)],
     handshake() + [
        ("o", sctp("o", B, SCTPChunkShutdown(cumul_tsn_ack=200))),
        ("r", sctp("r", A, SCTPChunkShutdownAck())),
        ("o", sctp("o", 0x11111111, hb(), sport=5001)),
        ("r", sctp("r", A, SCTPChunkShutdown(), sport=5002)),
    ]),
    ("sctp_nochecksum", [("net.netfilter.nf_conntrack_checksum", 0)], [
        ("o", sctp("o", 0, init(), chksum=0x12345678)),
        ("r", sctp("r", A, init_ack(), chksum=0)),
    ]),
    ("gre_v0", [], [
        ("o", gre("o", GRE(proto=0x0800))),
        ("o", gre("o", GRE(proto=0x0800, key_present=1, key=0x1234))),
        ("r", gre("r", GRE(proto=0x0800))),
        ("r", gre("r", GRE(proto=0x0800))),
        ("o", gre("o", GRE(proto=0x6558))),
        ("o", raw(IP(src=CLIENT, dst=SERVER, id=1, proto=47) /
                  Raw(b"\x00\x01"))),                     # 2 bytes
    ]),
    ("gre_pptp", [], [
        ("o", gre("o", pptp(0x1111), b"")),
        ("r", gre("r", pptp(0x2222), b"")),
        ("r", gre("r", pptp(0x2222, 2), b"")),
        ("o", gre("o", pptp(0x1111, 2), b"")),
        ("o", gre("o", GRE_PPTP(proto=0x0800, call_id=0x3333), b"")),
        ("o", raw(IP(src=CLIENT, dst=SERVER, id=1, proto=47) /
                  Raw(bytes.fromhex("2001880b0004")))),   # v1, 6 bytes
        ("o", gre("o", GRE_PPTP(call_id=0x0), b"")),
        ("r", gre("r", GRE_PPTP(call_id=0x0), b"")),
        ("o", gre("o", GRE_PPTP(call_id=0x0), b"")),
    ]),
    ("gre_timeouts", [("net.netfilter.nf_conntrack_gre_timeout", 45),
                      ("net.netfilter.nf_conntrack_gre_timeout_stream", 400)],
     [
        ("o", gre("o", GRE(proto=0x0800))),
        ("r", gre("r", GRE(proto=0x0800))),
        ("o", gre("o", GRE(proto=0x0800))),
    ]),
]


def run_case(socks, kmsg, case):
    name, sysctls, steps = case
    ns(FW, "conntrack", "-F", check=False)
    sysctl("net.netfilter.nf_conntrack_checksum", 1)
    sysctl("net.netfilter.nf_conntrack_sctp_timeout_closed", 10)
    sysctl("net.netfilter.nf_conntrack_sctp_timeout_cookie_wait", 3)
    sysctl("net.netfilter.nf_conntrack_sctp_timeout_cookie_echoed", 3)
    sysctl("net.netfilter.nf_conntrack_sctp_timeout_established", 210)
    sysctl("net.netfilter.nf_conntrack_sctp_timeout_shutdown_sent", 3)
    sysctl("net.netfilter.nf_conntrack_sctp_timeout_shutdown_recd", 3)
    sysctl("net.netfilter.nf_conntrack_sctp_timeout_shutdown_ack_sent", 3)
    sysctl("net.netfilter.nf_conntrack_sctp_timeout_heartbeat_sent", 30)
    sysctl("net.netfilter.nf_conntrack_gre_timeout", 30)
    sysctl("net.netfilter.nf_conntrack_gre_timeout_stream", 180)
    for k, v in sysctls:
        sysctl(k, v)
    counters()
    kmsg.records()
    rows = []
    t0 = None
    next_at = time.monotonic()
    for st in steps:
        side, pkt = st[0], st[1]
        gap = st[2] if len(st) > 2 else GAP
        if t0 is not None:
            next_at += gap
        while time.monotonic() < next_at:
            time.sleep(0.001)
        ts = time.monotonic()
        if t0 is None:
            t0 = ts
            next_at = ts
        socks[side].send(eth(side) + pkt)
        time.sleep(READ)
        tr0 = time.monotonic()
        tab = table()
        tr1 = time.monotonic()
        c = counters()
        seen = [STATES[i] for i, n in enumerate(c) if n]
        if len(seen) > 1 or sum(c) > 1:
            sys.exit("%s: one packet counted %r" % (name, c))
        logs = [t for fac, t in kmsg.records()
                if fac == 0 and t.startswith("nf_ct_proto")]
        rows.append((side, int((ts - t0) * 1e9),
                     int(((tr0 + tr1) / 2 - t0) * 1e9), pkt.hex(),
                     seen[0] if seen else "-", tab, logs))
    return rows


def cstr(s):
    return '"' + (s.replace("\\", "\\\\").replace('"', '\\"')
                  .replace("\n", "\\n")) + '"'


def emit(name, sysctls, rows):
    print("static const struct ct_step %s_steps[] = {" % name)
    for side, ts, tr, hexs, state, tab, logs in rows:
        print("\t{ '%s', %dull, %dull," % (side, ts, tr))
        for i in range(0, len(hexs), 64):
            print("\t  %s" % cstr(hexs[i:i + 64]))
        print("\t  , %s," % cstr(state))
        if tab:
            for i, line in enumerate(tab):
                print("\t  %s" % cstr(line + "\n"))
        else:
            print('\t  ""')
        print("\t  , %s }," % (cstr("\n".join(logs) + "\n") if logs
                              else '""'))
    print("};")
    print("static const char *const %s_sysctls[] = {" % name)
    for k, v in sysctls:
        print('\t"sysctl %s=%s",' % (k, v))
    print("\tNULL\n};\n")


def main():
    only = sys.argv[1:]
    results = []
    with harness_lock():
        old_all = open("/proc/sys/net/netfilter/nf_log_all_netns").read()
        try:
            socks = setup()
            sysctl("net.netfilter.nf_conntrack_log_invalid", 255)
            with open("/proc/sys/net/netfilter/nf_log_all_netns", "w") as f:
                f.write("1\n")
            kmsg = Kmsg()
            for case in CASES:
                if only and case[0] not in only:
                    continue
                results.append((case[0], case[1],
                                run_case(socks, kmsg, case)))
        finally:
            with open("/proc/sys/net/netfilter/nf_log_all_netns", "w") as f:
                f.write(old_all)
            teardown()
    print("/* ct_sctp_gre_kernel.h: written by ct_sctp_gre_kernel.py on "
          "Linux %s\n * (the expected results of ct_sctp_gre_test.c; "
          "do not edit) */" % os.uname().release)
    for name, sysctls, rows in results:
        emit(name, sysctls, rows)
    print("static const struct ct_case kernel_cases[] = {")
    for name, sysctls, rows in results:
        print("\t{ %s, %s_sysctls, %s_steps, %d }," % (cstr(name), name, name,
                                                     len(rows)))
    print("};")


main()
