#!/usr/bin/python3
# nat_kernel.py: measures the expected results of tests/unit/nat_test.c's
# kernel tables on the real kernel (root, iptables-legacy, conntrack,
# /usr/bin/python3 with scapy).
#
# Three network namespaces: utnat_fw (eth0 192.0.2.1/24, eth1
# 198.51.100.1/24, default via 198.51.100.2, ip_forward=1, rp_filter=0)
# and one peer per interface, joined by veth pairs. The nat table:
#   PREROUTING  -p udp --dport 2000 DNAT --to-destination 198.51.100.50-198.51.100.90
#   PREROUTING  -p udp --dport 2001 DNAT --to-destination 198.51.100.2:3000-3009
#   PREROUTING  -p udp --dport 2002 DNAT --to-destination 198.51.100.2:3000-3009
#   PREROUTING  -p udp --dport 2003:2010 DNAT --to-destination 198.51.100.2:4000-4009/2000
#   POSTROUTING -p udp --dport 1000 SNAT --to-source 198.51.100.10-198.51.100.40
#   POSTROUTING -p udp --dport 1001 SNAT --to-source 198.51.100.10-198.51.100.40 --persistent
# Each case is one UDP datagram from the eth0 peer (src, sport, dst,
# dport); afterwards `conntrack -L` gives each connection's reply tuple,
# i.e. the address (and port) NAT chose.
#
# Prints the C rows of nat_test.c's table (kernel_nat[]):
#   ./nat_kernel.py > /tmp/rows.c
import re
import subprocess
import sys

from scapy.all import Ether, IP, UDP, Raw, raw

FW, P0, P1 = "utnat_fw", "utnat_p0", "utnat_p1"
FW_MAC = "02:00:00:00:01:00"

RULES = """*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -p udp --dport 2000 -j DNAT --to-destination 198.51.100.50-198.51.100.90
-A PREROUTING -p udp --dport 2001 -j DNAT --to-destination 198.51.100.2:3000-3009
-A PREROUTING -p udp --dport 2002 -j DNAT --to-destination 198.51.100.2:3000-3009
-A PREROUTING -p udp --dport 2003:2010 -j DNAT --to-destination 198.51.100.2:4000-4009/2000
-A POSTROUTING -p udp --dport 1000 -j SNAT --to-source 198.51.100.10-198.51.100.40
-A POSTROUTING -p udp --dport 1001 -j SNAT --to-source 198.51.100.10-198.51.100.40 --persistent
COMMIT
"""

# (src, sport, dst, dport)
CASES = []
for i, (s, d) in enumerate([
        ("192.0.2.2", "203.0.113.5"), ("192.0.2.2", "203.0.113.6"),
        ("192.0.2.3", "203.0.113.5"), ("192.0.2.77", "203.0.113.200"),
        ("10.1.2.3", "203.0.113.5"), ("172.16.99.1", "8.8.8.8"),
        ("192.0.2.254", "203.0.113.1"), ("10.200.0.9", "203.0.113.99")]):
    CASES.append((s, 5000 + i, d, 1000))
    CASES.append((s, 5100 + i, d, 1001))
    CASES.append((s, 5200 + i, d, 2000))
# the same client port to two DNATed services: the second can not keep
# the first port of the range
CASES += [("192.0.2.9", 6000, "192.0.2.1", 2001),
          ("192.0.2.9", 6000, "192.0.2.1", 2002),
          ("192.0.2.9", 6001, "192.0.2.1", 2003),
          ("192.0.2.9", 6001, "192.0.2.1", 2007)]


def sh(*cmd, check=True):
    return subprocess.run(cmd, check=check, capture_output=True,
                          text=True).stdout


def nsx(ns, *cmd, check=True):
    return sh("ip", "netns", "exec", ns, *cmd, check=check)


def setup():
    for ns in (FW, P0, P1):
        sh("ip", "netns", "del", ns, check=False)
        sh("ip", "netns", "add", ns)
        nsx(ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1")
    for i, (dev, peer, mac) in enumerate(
            [("eth0", P0, FW_MAC), ("eth1", P1, "02:00:00:00:01:01")]):
        sh("ip", "-n", FW, "link", "add", dev, "address", mac, "type",
           "veth", "peer", "name", "p", "netns", peer)
        sh("ip", "-n", FW, "link", "set", dev, "up")
        sh("ip", "-n", peer, "link", "set", "p", "up")
    for c in ("addr add 192.0.2.1/24 dev eth0",
              "addr add 198.51.100.1/24 dev eth1",
              "route add default via 198.51.100.2 dev eth1",
              "neigh add 198.51.100.2 lladdr 02:00:00:00:00:02 dev eth1"):
        sh("ip", "-n", FW, *c.split())
    for k in ("net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=0",
              "net.ipv4.conf.default.rp_filter=0",
              "net.ipv4.conf.eth0.rp_filter=0"):
        nsx(FW, "sysctl", "-qw", k)
    subprocess.run(["ip", "netns", "exec", FW, "iptables-legacy-restore"],
                   input=RULES, text=True, check=True)


SEND = ("import socket,sys;s=socket.socket(socket.AF_PACKET,"
        "socket.SOCK_RAW);s.bind(('p',0));"
        "[s.send(bytes.fromhex(h)) for h in sys.argv[1:]]")


def main():
    setup()
    try:
        frames = [raw(Ether(dst=FW_MAC, src="02:00:00:00:00:01") /
                      IP(src=s, dst=d, id=1) / UDP(sport=sp, dport=dp) /
                      Raw(b"x")).hex() for (s, sp, d, dp) in CASES]
        nsx(P0, "/usr/bin/python3", "-c", SEND, *frames)
        table = nsx(FW, "conntrack", "-L")
    finally:
        for ns in (FW, P0, P1):
            sh("ip", "netns", "del", ns, check=False)
    got = {}
    for line in table.splitlines():
        f = re.findall(r"(src|dst|sport|dport)=(\S+)", line)
        if len(f) == 8:
            o = tuple(v for _, v in f[:4])
            got[o] = [v for _, v in f[4:]]
    print("\t/* src, sport, dst, dport -> reply src, dst, sport, dport */")
    for (s, sp, d, dp) in CASES:
        r = got.get((s, d, str(sp), str(dp)))
        if not r:
            sys.exit("no entry for %s:%d -> %s:%d" % (s, sp, d, dp))
        print('\t{ "%s", %d, "%s", %d, "%s", "%s", %s, %s },' %
              (s, sp, d, dp, r[0], r[1], r[2], r[3]))


main()
