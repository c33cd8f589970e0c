#!/usr/bin/python3
# rpfilter_kernel.py: measures the expected results of
# tests/unit/rpfilter_test.c on the real kernel (root, iptables-legacy,
# /usr/bin/python3 with scapy).
#
# Three network namespaces: utrpf_fw (the firewall of rpfilter_test.c's
# host: eth0 192.0.2.1/24, eth1 198.51.100.1/25, default via
# 198.51.100.2, 203.0.113.0/26 via 192.0.2.2, 203.0.113.64/26 tos 0x10 via
# 192.0.2.2, unreachable 203.0.113.128/26, blackhole 203.0.113.192/26) and
# one peer per interface (utrpf_p0, utrpf_p1) joined by veth pairs. raw
# PREROUTING gets one target-less rule per option set of FLAGS (in order)
# and a final DROP. For every case a frame is sent from the peer of its
# interface and the counters say which option sets matched.
#
# Prints the C rows of rpfilter_test.c's table (kernel_cases[]):
#   ./rpfilter_kernel.py > /tmp/rows.c
import subprocess
import sys

from scapy.all import Ether, IP, UDP, Raw, raw

FW, P0, P1 = "utrpf_fw", "utrpf_p0", "utrpf_p1"
MAC = {"eth0": "02:00:00:00:01:00", "eth1": "02:00:00:00:01:01"}
PEER_MAC = {"eth0": "02:00:00:00:00:01", "eth1": "02:00:00:00:00:02"}
OWN = {"eth0": "192.0.2.1", "eth1": "198.51.100.1"}
# the option sets, in the order of the result strings of rpfilter_test.c
FLAGS = ["", "--loose", "--accept-local", "--loose --accept-local",
         "--validmark", "--invert", "--loose --invert",
         "--accept-local --invert"]
# (interface, source, destination or None for the interface's address,
#  tos, destination MAC or None for the interface's)
CASES = [
    ("eth0", "192.0.2.2", None, 0, None),
    ("eth1", "192.0.2.2", None, 0, None),
    ("eth0", "203.0.113.10", None, 0, None),
    ("eth1", "203.0.113.10", None, 0, None),
    ("eth0", "203.0.113.10", "198.51.100.200", 0, None),
    ("eth1", "198.51.100.200", None, 0, None),
    ("eth0", "198.51.100.200", None, 0, None),
    ("eth1", "198.51.100.2", None, 0, None),
    ("eth0", "203.0.113.70", None, 0x10, None),
    ("eth0", "203.0.113.70", None, 0, None),
    ("eth0", "203.0.113.70", None, 0x12, None),
    ("eth0", "203.0.113.70", None, 0x14, None),
    ("eth0", "203.0.113.70", None, 0xb0, None),
    ("eth1", "203.0.113.70", None, 0, None),
    ("eth1", "203.0.113.70", None, 0x10, None),
    ("eth0", "203.0.113.130", None, 0, None),
    ("eth1", "203.0.113.130", None, 0, None),
    ("eth0", "203.0.113.200", None, 0, None),
    ("eth0", "192.0.2.1", None, 0, None),
    ("eth1", "192.0.2.1", None, 0, None),
    ("eth1", "198.51.100.1", None, 0, None),
    ("eth0", "198.51.100.1", None, 0, None),
    ("eth0", "127.0.0.1", None, 0, None),
    ("eth0", "127.1.2.3", None, 0, None),
    ("eth0", "192.0.2.255", None, 0, None),
    ("eth0", "192.0.2.0", None, 0, None),
    ("eth1", "198.51.100.127", None, 0, None),
    ("eth1", "198.51.100.255", None, 0, None),
    ("eth0", "255.255.255.255", None, 0, None),
    ("eth1", "255.255.255.255", None, 0, None),
    ("eth0", "0.0.0.0", "255.255.255.255", 0, "ff:ff:ff:ff:ff:ff"),
    ("eth1", "0.0.0.0", "255.255.255.255", 0, "ff:ff:ff:ff:ff:ff"),
    ("eth0", "0.0.0.0", "224.0.0.1", 0, "01:00:5e:00:00:01"),
    ("eth0", "0.0.0.0", "224.0.0.255", 0, "01:00:5e:00:00:ff"),
    ("eth0", "0.0.0.0", "224.0.1.1", 0, "01:00:5e:00:01:01"),
    ("eth0", "0.0.0.0", None, 0, None),
    ("eth1", "0.0.0.0", None, 0, None),
    ("eth0", "0.0.0.0", "192.0.2.255", 0, "ff:ff:ff:ff:ff:ff"),
    ("eth0", "224.0.0.5", None, 0, None),
    ("eth1", "224.0.0.5", None, 0, None),
    ("eth0", "192.0.2.2", "203.0.113.10", 0, None),
    ("eth0", "192.0.2.2", "224.0.0.1", 0, "01:00:5e:00:00:01"),
    ("eth0", "0.1.2.3", None, 0, None),
]

SEND = ("import socket,sys;s=socket.socket(socket.AF_PACKET,"
        "socket.SOCK_RAW);s.bind((sys.argv[1],0));"
        "s.send(bytes.fromhex(sys.argv[2]))")


def sh(*cmd, check=True):
    return subprocess.run(cmd, check=check, capture_output=True, text=True)


def ns(name, *cmd):
    return sh("ip", "netns", "exec", name, *cmd)


def setup():
    for n in (FW, P0, P1):
        sh("ip", "netns", "del", n, check=False)
        sh("ip", "netns", "add", n)
        ns(n, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1")
        ns(n, "sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1")
        ns(n, "ip", "link", "set", "lo", "up")
    for dev, peer in (("eth0", P0), ("eth1", P1)):
        sh("ip", "link", "add", "utrpf" + dev[-1], "netns", FW, "type",
           "veth", "peer", "name", "utrpfp" + dev[-1], "netns", peer)
        ns(FW, "ip", "link", "set", "utrpf" + dev[-1], "name", dev)
        ns(FW, "ip", "link", "set", dev, "address", MAC[dev])
        ns(peer, "ip", "link", "set", "utrpfp" + dev[-1], "address",
           PEER_MAC[dev])
        ns(FW, "ip", "link", "set", dev, "up")
        ns(peer, "ip", "link", "set", "utrpfp" + dev[-1], "up")
    for cmd in ("sysctl -qw net.ipv4.conf.all.rp_filter=0",
                "sysctl -qw net.ipv4.conf.default.rp_filter=0",
                "sysctl -qw net.ipv4.conf.eth0.rp_filter=0",
                "sysctl -qw net.ipv4.conf.eth1.rp_filter=0",
                "ip addr add 192.0.2.1/24 dev eth0",
                "ip addr add 198.51.100.1/25 dev eth1",
                "ip route add default via 198.51.100.2 dev eth1",
                "ip route add 203.0.113.0/26 via 192.0.2.2 dev eth0",
                "ip route add 203.0.113.64/26 tos 0x10 via 192.0.2.2 "
                "dev eth0",
                "ip route add unreachable 203.0.113.128/26",
                "ip route add blackhole 203.0.113.192/26"):
        ns(FW, *cmd.split())
    ns(FW, "iptables-legacy", "-t", "raw", "-F")
    for f in FLAGS:
        ns(FW, "iptables-legacy", "-t", "raw", "-A", "PREROUTING", "-m",
           "rpfilter", *f.split())
    ns(FW, "iptables-legacy", "-t", "raw", "-A", "PREROUTING", "-j", "DROP")


def counters():
    out = ns(FW, "iptables-legacy", "-t", "raw", "-L", "PREROUTING", "-nvx",
             "-Z").stdout.splitlines()
    return [int(line.split()[0]) for line in out
            if line.split() and line.split()[0].isdigit()]


def measure(case):
    dev, src, dst, tos, dmac = case
    frame = (Ether(src=PEER_MAC[dev], dst=dmac or MAC[dev]) /
             IP(src=src, dst=dst or OWN[dev], tos=tos, id=1, ttl=64) /
             UDP(sport=30000, dport=9) / Raw(b"rpf"))
    counters()
    ns(P0 if dev == "eth0" else P1, "python3", "-c", SEND,
       "utrpfp" + dev[-1], raw(frame).hex())
    for _ in range(50):
        c = counters()
        if c[-1]:
            break
        subprocess.run(["sleep", "0.02"])
    else:
        sys.exit("no packet seen for %r" % (case,))
    if c[-1] != 1:
        sys.exit("%d packets for %r" % (c[-1], case))
    return "".join("1" if n else "0" for n in c[:len(FLAGS)])


def main():
    setup()
    try:
        for case in CASES:
            dev, src, dst, tos, dmac = case
            res = measure(case)
            print('\t{ "%s", "%s", "%s", 0x%02x, "%s" },'
                  % (dev, src, dst or OWN[dev], tos, res))
    finally:
        for n in (FW, P0, P1):
            sh("ip", "netns", "del", n, check=False)


main()
