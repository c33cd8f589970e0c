#!/usr/bin/python3
# match_stateless_kernel.py: measures the expected results of
# tests/unit/match_stateless_test.c on the real kernel (root,
# iptables-legacy, /usr/bin/python3 with scapy).
#
# Two network namespaces joined by a veth pair: utmt_fw (the firewall,
# veth0 10.9.0.1/24, 02:00:00:00:00:01) and utmt_peer (veth1 10.9.0.2/24,
# 02:00:00:00:00:02); utmt_fw also has d0 (10.8.0.1/24, a second veth) to
# forward to and for addrtype. For every case the mangle chain of the case's hook
# gets two rules, "<match> " and an empty one; a packet is sent (a frame
# injected from the peer, or a packet the firewall sends itself), and the
# two counters say whether it matched and whether it went on (a hot-drop
# stops the walk before the second rule).
#
# Prints the C rows of match_stateless_test.c's kernel table (kernel_cases[])
# on stdout, to paste in place of the generated part:
#   ./match_stateless_kernel.py > /tmp/rows.c
# With the argument "m2", the rows of kernel_cases_m2[] (ah, esp, ipcomp,
# ecn, sctp, dccp):
#   ./match_stateless_kernel.py m2 > /tmp/rows.c
import json
import os
import subprocess
import sys
import time

from scapy.all import Ether, IP, UDP, ICMP, Raw, raw

FW, PEER = "utmt_fw", "utmt_peer"
FW_MAC, PEER_MAC = "02:00:00:00:00:01", "02:00:00:00:00:02"
FW_IP, PEER_IP = "10.9.0.1", "10.9.0.2"


def sh(*cmd, check=True):
    return subprocess.run(cmd, check=check, capture_output=True, text=True)


def fw(*cmd, check=True):
    return sh("ip", "netns", "exec", FW, *cmd, check=check)


def setup():
    for ns in (FW, PEER):
        sh("ip", "netns", "del", ns, check=False)
        sh("ip", "netns", "add", ns)
        sh("ip", "netns", "exec", ns, "sysctl", "-qw",
           "net.ipv6.conf.all.disable_ipv6=1")
        sh("ip", "netns", "exec", ns, "sysctl", "-qw",
           "net.ipv6.conf.default.disable_ipv6=1")
    sh("ip", "link", "add", "utmt0", "netns", FW, "type", "veth",
       "peer", "name", "utmt1", "netns", PEER)
    fw("ip", "link", "set", "utmt0", "name", "veth0")
    sh("ip", "netns", "exec", PEER, "ip", "link", "set", "utmt1", "name",
       "veth1")
    fw("ip", "link", "set", "veth0", "address", FW_MAC)
    sh("ip", "netns", "exec", PEER, "ip", "link", "set", "veth1",
       "address", PEER_MAC)
    fw("ip", "addr", "add", FW_IP + "/24", "dev", "veth0")
    sh("ip", "netns", "exec", PEER, "ip", "addr", "add", PEER_IP + "/24",
       "dev", "veth1")
    for ns, dev in ((FW, "veth0"), (PEER, "veth1")):
        sh("ip", "netns", "exec", ns, "ip", "link", "set", dev, "up")
        sh("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up")
    # a second link (no dummy driver here): the far end stays down
    sh("ip", "link", "add", "utmt2", "netns", FW, "type", "veth",
       "peer", "name", "utmt3", "netns", PEER)
    fw("ip", "link", "set", "utmt2", "name", "d0")
    sh("ip", "netns", "exec", PEER, "ip", "link", "set", "utmt3", "up")
    fw("ip", "addr", "add", "10.8.0.1/24", "dev", "d0")
    fw("ip", "link", "set", "d0", "up")
    fw("ip", "neigh", "add", "10.8.0.5", "lladdr", "02:00:00:00:00:08",
       "dev", "d0")
    fw("ip", "neigh", "add", PEER_IP, "lladdr", PEER_MAC, "dev", "veth0")
    fw("ip", "route", "add", "224.0.0.0/4", "dev", "veth0")
    fw("sysctl", "-qw", "net.ipv4.ip_forward=1")
    fw("sysctl", "-qw", "net.ipv4.icmp_echo_ignore_broadcasts=0")
    # the peer's own stack stays quiet
    sh("ip", "netns", "exec", PEER, "nft", "add table inet q; "
       "add chain inet q in { type filter hook input priority 0; "
       "policy drop; }; add chain inet q out { type filter hook output "
       "priority 0; policy drop; }")


def teardown():
    for ns in (FW, PEER):
        sh("ip", "netns", "del", ns, check=False)


INJECT = r'''
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("veth1", 0))
for line in sys.stdin:
    s.send(bytes.fromhex(line.strip()))
    print("ok", flush=True)
'''

# runs inside the firewall: sends what the host itself sends
LOCAL = r'''
import json, os, socket, sys
for line in sys.stdin:
    c = json.loads(line)
    pid = os.fork()
    if pid == 0:
        os.setgroups([c.get("gid", 0)])
        os.setresgid(c.get("gid", 0), c.get("gid", 0), c.get("gid", 0))
        os.setresuid(c.get("uid", 0), c.get("uid", 0), c.get("uid", 0))
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        if c.get("join"):
            # the host loops its multicast back only to groups it joined
            me = socket.inet_aton(c["join"])
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, me)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                         socket.inet_aton(c["dst"]) + me)
        if c.get("tos"):
            s.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, c["tos"])
        s.sendto(bytes.fromhex(c.get("data", "")), (c["dst"], c["port"]))
        os._exit(0)
    os.waitpid(pid, 0)
    print("ok", flush=True)
'''


class Sender:
    def __init__(self, ns, code):
        self.p = subprocess.Popen(
            ["ip", "netns", "exec", ns, "/usr/bin/python3", "-c", code],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def send(self, line):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()
        assert self.p.stdout.readline().strip() == "ok"

    def close(self):
        self.p.stdin.close()
        self.p.wait()


CHAINS = {"pre": "PREROUTING", "in": "INPUT", "out": "OUTPUT",
          "post": "POSTROUTING", "fwd": "FORWARD"}


def counters(chain):
    out = fw("iptables-legacy", "-t", "mangle", "-L", chain, "-v", "-x",
             "-n").stdout.splitlines()[2:]
    return [int(l.split()[0]) for l in out if l.strip()]


def run_case(case, inj, loc):
    chain = CHAINS[case["hook"]]
    fw("iptables-legacy", "-t", "mangle", "-F")
    for pre in case.get("pre", []):
        fw("iptables-legacy", "-t", "mangle", "-A", chain, *pre.split())
    fw("iptables-legacy", "-t", "mangle", "-A", chain,
       *case["rule"].split())
    fw("iptables-legacy", "-t", "mangle", "-A", chain,
       *case.get("after", "").split())
    if "frame" in case:
        inj.send(case["frame"])
    else:
        loc.send(json.dumps(case["local"]))
    time.sleep(0.03)
    c = counters(chain)
    n = len(case.get("pre", []))
    return c[n], c[n + 1]


def frame(pkt, dst=FW_MAC, src=PEER_MAC):
    return raw(Ether(dst=dst, src=src) / pkt).hex()


def ip(proto_layer=None, **kw):
    kw.setdefault("src", PEER_IP)
    kw.setdefault("dst", FW_IP)
    p = IP(**kw)
    return p / proto_layer if proto_layer is not None else p


def tcp_hdr(sport=1000, dport=22, flags=0x02, doff=5, opts=b""):
    """a TCP header with raw option bytes (doff in words, as given)"""
    h = bytearray(20)
    h[0:2] = sport.to_bytes(2, "big")
    h[2:4] = dport.to_bytes(2, "big")
    h[12] = doff << 4
    h[13] = flags
    h[14:16] = (1024).to_bytes(2, "big")
    return bytes(h) + opts


def tcp_pkt(hdr, cut=None, **ipkw):
    data = hdr if cut is None else hdr[:cut]
    return ip(Raw(data), proto=6, **ipkw)


def cases():
    c = []

    def rx(rule, pkt, dst=FW_MAC, src=PEER_MAC, **kw):
        d = {"hook": "pre", "rule": rule, "frame": frame(pkt, dst, src)}
        d.update(kw)
        c.append(d)

    syn = tcp_hdr(flags=0x02)
    mss = bytes.fromhex("020405b4")
    # tcp: ports, flags
    rx("-p tcp --dport 22", tcp_pkt(syn))
    rx("-p tcp --dport 80", tcp_pkt(syn))
    rx("-p tcp ! --dport 80", tcp_pkt(syn))
    rx("-p tcp ! --dport 22", tcp_pkt(syn))
    rx("-p tcp --sport 1000:2000", tcp_pkt(syn))
    rx("-p tcp --sport 1001:2000", tcp_pkt(syn))
    rx("-p tcp ! --sport 1001:2000", tcp_pkt(syn))
    rx("-p tcp --sport 1000 --dport 23", tcp_pkt(syn))
    rx("-p tcp --syn", tcp_pkt(syn))
    rx("-p tcp --syn", tcp_pkt(tcp_hdr(flags=0x12)))
    rx("-p tcp ! --syn", tcp_pkt(tcp_hdr(flags=0x12)))
    rx("-p tcp --syn", tcp_pkt(tcp_hdr(flags=0x03)))
    rx("-p tcp --tcp-flags SYN,ACK,FIN,RST ACK", tcp_pkt(tcp_hdr(flags=0x18)))
    rx("-p tcp --tcp-flags ALL NONE", tcp_pkt(tcp_hdr(flags=0x00)))
    rx("-p tcp --tcp-flags ALL NONE", tcp_pkt(tcp_hdr(flags=0x40)))
    rx("-p tcp --tcp-flags ALL FIN,PSH,URG", tcp_pkt(tcp_hdr(flags=0x29)))
    rx("-p tcp ! --tcp-flags SYN,FIN SYN,FIN", tcp_pkt(syn))
    rx("-p tcp ! --tcp-flags SYN,FIN SYN,FIN", tcp_pkt(tcp_hdr(flags=0x03)))
    # tcp: options
    rx("-p tcp --tcp-option 2", tcp_pkt(tcp_hdr(doff=6, opts=mss)))
    rx("-p tcp --tcp-option 2", tcp_pkt(syn))
    rx("-p tcp ! --tcp-option 2", tcp_pkt(syn))
    rx("-p tcp ! --tcp-option 2", tcp_pkt(tcp_hdr(doff=6, opts=mss)))
    rx("-p tcp --tcp-option 8", tcp_pkt(tcp_hdr(
        doff=8, opts=bytes.fromhex("0101080a0000000100000000"))))
    # length 0 counts as 1: the walk goes on byte by byte
    rx("-p tcp --tcp-option 8", tcp_pkt(tcp_hdr(
        doff=6, opts=bytes.fromhex("fe000801"))))
    # a length running past the list ends the walk
    rx("-p tcp --tcp-option 8", tcp_pkt(tcp_hdr(
        doff=6, opts=bytes.fromhex("fe100801"))))
    rx("-p tcp ! --tcp-option 8", tcp_pkt(tcp_hdr(
        doff=6, opts=bytes.fromhex("fe100801"))))
    # END does not stop the walk
    rx("-p tcp --tcp-option 8", tcp_pkt(tcp_hdr(
        doff=8, opts=bytes.fromhex("0001080a0000000100000000"))))
    # the last byte steps by one
    rx("-p tcp --tcp-option 7", tcp_pkt(tcp_hdr(
        doff=6, opts=bytes.fromhex("010101fe")) + bytes.fromhex("0707")))
    # a kind equal to the length byte of the option before
    rx("-p tcp --tcp-option 4", tcp_pkt(tcp_hdr(doff=6, opts=mss)))
    # truncated option list: only with --tcp-option it is looked at
    rx("-p tcp --tcp-option 2", tcp_pkt(tcp_hdr(
        doff=8, opts=mss + bytes(8)), cut=24))
    rx("-p tcp --dport 22", tcp_pkt(tcp_hdr(doff=8, opts=mss + bytes(8)),
                                    cut=24))
    # data offset below 5
    rx("-p tcp --tcp-option 2", tcp_pkt(tcp_hdr(doff=4)))
    rx("-p tcp ! --tcp-option 2", tcp_pkt(tcp_hdr(doff=0)))
    rx("-p tcp --dport 22", tcp_pkt(tcp_hdr(doff=4)))
    # tinygram: less than a TCP header
    rx("-p tcp --dport 22", tcp_pkt(syn, cut=12))
    rx("-p tcp -m tcp", tcp_pkt(syn, cut=19))
    rx("-p tcp ! --dport 22", tcp_pkt(syn, cut=4))
    # fragments
    rx("-p tcp --dport 22", tcp_pkt(syn + b"x" * 16, flags="MF"))
    rx("-p tcp --dport 22", tcp_pkt(syn[:8], flags="MF"))
    rx("-p tcp --dport 22", tcp_pkt(syn, frag=1))
    rx("-p tcp ! --dport 22", tcp_pkt(syn, frag=1))
    rx("-p tcp --dport 22", tcp_pkt(syn, frag=2))
    rx("-p tcp ! --dport 22", tcp_pkt(syn, frag=2))
    rx("-p tcp ! --dport 22", tcp_pkt(syn, frag=2, flags="MF"))

    # udp
    def udp_pkt(sport=5000, dport=53, cut=None, **ipkw):
        h = raw(UDP(sport=sport, dport=dport) / Raw(b"abcd"))
        return ip(Raw(h if cut is None else h[:cut]), proto=17, **ipkw)

    rx("-p udp --dport 53", udp_pkt())
    rx("-p udp ! --dport 53", udp_pkt())
    rx("-p udp --sport 5000:5000 --dport 1:52", udp_pkt())
    rx("-p udp ! --sport 1:4999", udp_pkt())
    rx("-p udp --dport 53", udp_pkt(cut=7))
    rx("-p udp ! --dport 54", udp_pkt(cut=4))
    rx("-p udp --dport 53", udp_pkt(frag=1))
    rx("-p udp ! --dport 54", udp_pkt(frag=3))

    # icmp
    def icmp_pkt(t, code=0, cut=None, **ipkw):
        h = raw(ICMP(type=t, code=code) / Raw(b"pingdata"))
        return ip(Raw(h if cut is None else h[:cut]), proto=1, **ipkw)

    rx("-p icmp --icmp-type echo-request", icmp_pkt(8))
    rx("-p icmp --icmp-type echo-request", icmp_pkt(8, 5))
    rx("-p icmp --icmp-type 8/1", icmp_pkt(8))
    rx("-p icmp --icmp-type 8/0", icmp_pkt(8))
    rx("-p icmp --icmp-type destination-unreachable", icmp_pkt(3, 13))
    rx("-p icmp --icmp-type port-unreachable", icmp_pkt(3, 3))
    rx("-p icmp --icmp-type port-unreachable", icmp_pkt(3, 1))
    rx("-p icmp ! --icmp-type port-unreachable", icmp_pkt(3, 1))
    rx("-p icmp --icmp-type any", icmp_pkt(42, 7))
    rx("-p icmp ! --icmp-type any", icmp_pkt(42, 7))
    rx("-p icmp ! --icmp-type echo-request", icmp_pkt(0))
    rx("-p icmp --icmp-type any", icmp_pkt(8, cut=7))
    rx("-p icmp --icmp-type echo-request", icmp_pkt(8, cut=4))
    rx("-p icmp --icmp-type any", icmp_pkt(8, frag=1))
    rx("-p icmp ! --icmp-type echo-request", icmp_pkt(8, frag=2))

    # mac
    rx("-m mac --mac-source " + PEER_MAC, udp_pkt())
    rx("-m mac --mac-source 02:00:00:00:00:03", udp_pkt())
    rx("-m mac ! --mac-source 02:00:00:00:00:03", udp_pkt())
    rx("-m mac ! --mac-source " + PEER_MAC, udp_pkt())
    rx("-m mac --mac-source 0a:0b:0c:0d:0e:0f", udp_pkt(),
       src="0a:0b:0c:0d:0e:0f")

    # multiport
    mp = "-p tcp -m multiport "
    rx(mp + "--dports 22,80,100:200", tcp_pkt(tcp_hdr(dport=150)))
    rx(mp + "--dports 22,80,100:200", tcp_pkt(tcp_hdr(dport=201)))
    rx(mp + "--dports 22,80,100:200", tcp_pkt(tcp_hdr(dport=22)))
    rx(mp + "--sports 22,1000", tcp_pkt(tcp_hdr(sport=1000, dport=5)))
    rx(mp + "--sports 22,999", tcp_pkt(tcp_hdr(sport=1000, dport=22)))
    rx(mp + "--ports 80,1000:1001", tcp_pkt(tcp_hdr(sport=1001, dport=5)))
    rx(mp + "--ports 80", tcp_pkt(tcp_hdr(sport=7, dport=80)))
    rx(mp + "--ports 81", tcp_pkt(tcp_hdr(sport=7, dport=80)))
    rx(mp + "! --dports 22,80", tcp_pkt(tcp_hdr(dport=80)))
    rx(mp + "! --dports 22,80", tcp_pkt(tcp_hdr(dport=81)))
    rx(mp + "! --ports 1:10", tcp_pkt(tcp_hdr(sport=5, dport=100)))
    rx(mp + "! --dports 22,80", tcp_pkt(tcp_hdr(dport=81), frag=2))
    rx(mp + "--dports 22", tcp_pkt(tcp_hdr(dport=22), cut=3))
    rx(mp + "--dports 22", tcp_pkt(tcp_hdr(dport=22), cut=4))
    rx("-p udp -m multiport --dports 53", udp_pkt(cut=4))
    rx("-p udp -m multiport ! --dports 53", udp_pkt(frag=1))

    # iprange
    rx("-m iprange --src-range 10.9.0.1-10.9.0.2", udp_pkt())
    rx("-m iprange --src-range 10.9.0.3-10.9.0.200", udp_pkt())
    rx("-m iprange ! --src-range 10.9.0.3-10.9.0.200", udp_pkt())
    rx("-m iprange --src-range 10.9.0.2", udp_pkt())
    rx("-m iprange --dst-range 10.0.0.0-10.255.255.255", udp_pkt())
    rx("-m iprange --src-range 10.9.0.2 ! --dst-range 10.9.0.1-10.9.0.1",
       udp_pkt())
    rx("-m iprange --src-range 10.9.0.2 ! --dst-range 10.9.0.2-10.9.0.9",
       udp_pkt())
    rx("-m iprange --src-range 10.9.0.9-10.9.0.1", udp_pkt())
    rx("-m iprange ! --src-range 10.9.0.9-10.9.0.1", udp_pkt())
    # host order comparison: 9.255.255.255 < 10.9.0.2 < 11.0.0.0
    rx("-m iprange --src-range 9.255.255.255-11.0.0.0", udp_pkt())

    # comment
    rx("-m comment --comment hello", udp_pkt())

    # length (IP total length: 20 + 8 + 4 = 32)
    rx("-m length --length 32", udp_pkt())
    rx("-m length --length 0:31", udp_pkt())
    rx("-m length ! --length 0:31", udp_pkt())
    rx("-m length --length 32:65535", udp_pkt())
    rx("-m length ! --length 32", udp_pkt())

    # ttl
    for rule in ("--ttl-eq 64", "--ttl-eq 63", "! --ttl-eq 64",
                 "! --ttl-eq 63", "--ttl-lt 64", "--ttl-lt 65",
                 "--ttl-gt 63", "--ttl-gt 64"):
        rx("-m ttl " + rule, udp_pkt(ttl=64))
    rx("-m ttl --ttl-lt 1", udp_pkt(ttl=0))
    rx("-m ttl --ttl-gt 254", udp_pkt(ttl=255))

    # mark (set by a rule before)
    for setm, rule in (("0x5", "--mark 0x5"), ("0x5", "--mark 0x4"),
                       ("0x15", "--mark 0x5/0xf"),
                       ("0x15", "! --mark 0x5/0xf"),
                       ("0x15", "--mark 0x15/0xff00"), ("0x0", "--mark 0"),
                       ("0xffffffff", "--mark 0xffffffff"),
                       ("0x100", "! --mark 0x0/0xff")):
        rx("-m mark " + rule, udp_pkt(),
           pre=["-j MARK --set-xmark %s/0xffffffff" % setm],
           meta="mark=" + setm)

    # pkttype (from the destination MAC)
    bc, mc = "ff:ff:ff:ff:ff:ff", "01:00:5e:01:02:03"
    rx("-m pkttype --pkt-type unicast", udp_pkt())
    rx("-m pkttype --pkt-type host", udp_pkt())
    rx("-m pkttype ! --pkt-type unicast", udp_pkt())
    rx("-m pkttype --pkt-type broadcast", udp_pkt(dst="10.9.0.255"), dst=bc)
    rx("-m pkttype --pkt-type unicast", udp_pkt(dst="10.9.0.255"), dst=bc)
    rx("-m pkttype --pkt-type multicast", udp_pkt(dst="224.1.2.3"), dst=mc)
    rx("-m pkttype --pkt-type broadcast", udp_pkt(dst="224.1.2.3"), dst=mc)
    # a broadcast MAC decides, whatever the IP destination
    rx("-m pkttype --pkt-type broadcast", udp_pkt(), dst=bc)
    rx("-m pkttype --pkt-type multicast", udp_pkt(), dst=mc)

    # dscp (ECN bits ignored) and tos (revision 1: whole byte, masked)
    for tos, rule in ((0xb8, "-m dscp --dscp 46"), (0xbb, "-m dscp --dscp 46"),
                      (0xb8, "-m dscp --dscp-class EF"),
                      (0xb8, "-m dscp ! --dscp 46"),
                      (0x00, "-m dscp --dscp 0"),
                      (0x03, "-m dscp --dscp 0"), (0x04, "-m dscp --dscp 1"),
                      (0x10, "-m tos --tos Minimize-Delay"),
                      (0x13, "-m tos --tos Minimize-Delay"),
                      (0x13, "-m tos --tos 0x10/0xff"),
                      (0x13, "-m tos --tos 0x13/0xff"),
                      (0xf0, "-m tos --tos 0x10/0x3f"),
                      (0x10, "-m tos ! --tos 0x10"),
                      (0x08, "-m tos ! --tos 0x10"),
                      (0xe0, "-m tos --tos 0xe0/0xe0")):
        rx(rule, udp_pkt(tos=tos))

    # tcpmss
    ms = "-p tcp -m tcpmss "
    rx(ms + "--mss 1000:1500", tcp_pkt(tcp_hdr(doff=6, opts=mss)))
    rx(ms + "--mss 536", tcp_pkt(tcp_hdr(doff=6, opts=mss)))
    rx(ms + "! --mss 536", tcp_pkt(tcp_hdr(doff=6, opts=mss)))
    rx(ms + "--mss 1460", tcp_pkt(tcp_hdr(flags=0x10, doff=6, opts=mss)))
    rx(ms + "--mss 1460", tcp_pkt(syn))
    rx(ms + "! --mss 1460", tcp_pkt(syn))
    rx(ms + "--mss 1460", tcp_pkt(tcp_hdr(
        doff=8, opts=bytes.fromhex("0101080a00000000000000") + b"\x00")))
    # MSS after other options; a second MSS is not looked at
    rx(ms + "--mss 1460", tcp_pkt(tcp_hdr(
        doff=8, opts=bytes.fromhex("0101040202040218020405b4"))))
    rx(ms + "--mss 536", tcp_pkt(tcp_hdr(
        doff=8, opts=bytes.fromhex("0101040202040218020405b4"))))
    # a bad length: skipped, not dropped
    rx(ms + "--mss 1460", tcp_pkt(tcp_hdr(
        doff=7, opts=bytes.fromhex("020505b4020405b4"))))
    rx(ms + "! --mss 1", tcp_pkt(tcp_hdr(
        doff=7, opts=bytes.fromhex("0205050000000000"))))
    # MSS cut by the end of the option list
    rx(ms + "! --mss 1460", tcp_pkt(tcp_hdr(
        doff=6, opts=bytes.fromhex("01020405"))))
    # truncated / malformed
    rx(ms + "! --mss 1", tcp_pkt(tcp_hdr(doff=7, opts=mss + bytes(4)),
                                  cut=24))
    rx(ms + "! --mss 1", tcp_pkt(tcp_hdr(doff=4)))
    rx(ms + "! --mss 1", tcp_pkt(syn, cut=19))
    # non-first fragments are read as if they began with a TCP header
    fake = tcp_hdr(doff=6, opts=mss)
    rx(ms + "--mss 1460", tcp_pkt(fake, frag=2))
    rx(ms + "--mss 1460", tcp_pkt(fake, frag=1))
    rx(ms + "! --mss 1", tcp_pkt(fake[:8], frag=3))

    # owner: sockets of the host (uid/gid of the sending process)
    def local(rule, hook="out", meta="", **kw):
        d = {"hook": hook, "rule": rule, "meta": meta,
             "local": dict({"dst": PEER_IP, "port": 9}, **kw)}
        c.append(d)

    for rule in ("--uid-owner 0", "! --uid-owner 0", "--gid-owner 0",
                 "--uid-owner 65534", "--uid-owner 1000-70000",
                 "! --uid-owner 1000-70000", "--gid-owner 65534",
                 "--socket-exists", "! --socket-exists",
                 "--socket-exists --uid-owner 0",
                 "! --socket-exists --uid-owner 0",
                 "--uid-owner 0 ! --gid-owner 65534",
                 "--gid-owner 0 --suppl-groups"):
        local("-p udp -m owner " + rule, uid=0, gid=0,
              meta="sock=0:0")
        local("-p udp -m owner " + rule, uid=65534, gid=65534,
              meta="sock=65534:65534")
    # the kernel's ICMP socket (echo replies): a socket without a file
    for rule in ("--socket-exists", "! --socket-exists", "--uid-owner 0",
                 "! --uid-owner 0", "! --gid-owner 0",
                 "--socket-exists ! --uid-owner 0",
                 "! --uid-owner 0 ! --gid-owner 1"):
        c.append({"hook": "out", "rule": "-p icmp -m owner " + rule,
                  "frame": frame(ip(ICMP(type=8) / Raw(b"x" * 8))),
                  "meta": "ksock"})
    # forwarded packets have no socket (POSTROUTING)
    for rule in ("--socket-exists", "! --socket-exists", "--uid-owner 0",
                 "! --uid-owner 0", "! --gid-owner 0",
                 "! --socket-exists --uid-owner 0",
                 "! --socket-exists ! --uid-owner 0 ! --gid-owner 5"):
        c.append({"hook": "post", "rule": "-p udp -m owner " + rule,
                  "frame": frame(udp_pkt(dst="10.8.0.5")),
                  "meta": "nosock"})

    # pkttype of the host's own multicast/broadcast looped back
    # (PACKET_LOOPBACK) as PREROUTING sees it
    for rule in ("--pkt-type multicast", "--pkt-type broadcast",
                 "--pkt-type unicast"):
        local("-m pkttype " + rule, hook="pre", dst="224.1.2.3", port=9,
              join=FW_IP, meta="loopback")
        local("-m pkttype " + rule, hook="pre", dst="10.9.0.255", port=9,
              meta="loopback")
    # mac: a packet the host sent itself, looped back on lo
    for rule in ("--mac-source 00:00:00:00:00:00",
                 "! --mac-source 00:00:00:00:00:00",
                 "! --mac-source 02:00:00:00:00:07"):
        local("-m mac " + rule, hook="in", dst="127.0.0.1", port=9,
              meta="lo")
        local("-m mac " + rule, hook="in", dst=FW_IP, port=9, meta="lo")

    # addrtype (the firewall's addresses: veth0 10.9.0.1/24, d0
    # 10.8.0.1/24, lo 127.0.0.1/8)
    for dst in (FW_IP, "10.9.0.255", "10.9.0.0", "10.8.0.1", "10.8.0.255",
                "127.0.0.1", "127.3.4.5", "224.1.2.3", "255.255.255.255",
                "10.9.0.7", "8.8.8.8", "0.0.0.0", "0.1.2.3"):
        for rule in ("--dst-type LOCAL", "--dst-type UNICAST",
                     "--dst-type BROADCAST", "--dst-type MULTICAST",
                     "--dst-type LOCAL --limit-iface-in",
                     "--dst-type UNICAST --limit-iface-in",
                     "--dst-type BROADCAST --limit-iface-in",
                     "! --dst-type LOCAL,BROADCAST"):
            rx("-m addrtype " + rule, udp_pkt(dst=dst),
               dst=bc if dst in ("255.255.255.255", "10.9.0.255") else
               FW_MAC, meta="host")
    for rule in ("--src-type UNICAST", "--src-type LOCAL",
                 "! --src-type UNICAST --dst-type LOCAL",
                 "--src-type UNICAST ! --dst-type LOCAL",
                 "--src-type UNICAST --dst-type LOCAL"):
        rx("-m addrtype " + rule, udp_pkt(), meta="host")
    rx("-m addrtype --src-type LOCAL", udp_pkt(src="10.8.0.1"), meta="host")
    rx("-m addrtype --src-type LOCAL --limit-iface-in",
       udp_pkt(src="10.8.0.1"), meta="host")
    rx("-m addrtype --src-type LOCAL --limit-iface-in",
       udp_pkt(src=FW_IP), meta="host")
    rx("-m addrtype --src-type BROADCAST", udp_pkt(src="0.0.0.0"),
       meta="host")
    # OUTPUT with --limit-iface-out: the output device
    for dst, rule in ((PEER_IP, "--dst-type UNICAST --limit-iface-out"),
                      ("10.9.0.255", "--dst-type BROADCAST"),
                      ("10.9.0.255", "--dst-type BROADCAST --limit-iface-out"),
                      ("10.8.0.255", "--dst-type BROADCAST --limit-iface-out"),
                      ("224.1.2.3", "--dst-type MULTICAST --limit-iface-out"),
                      (PEER_IP, "--src-type LOCAL --limit-iface-out")):
        local("-m addrtype " + rule, dst=dst, port=9,
              meta="host-out=" + ("d0" if dst.startswith("10.8.") else
                                  "veth0"))
    return c


def cases_m2():
    """ah, esp, ipcomp, ecn, sctp, dccp (printed as kernel_cases_m2[])"""
    c = []

    def rx(rule, pkt, **kw):
        d = {"hook": "pre", "rule": rule, "frame": frame(pkt)}
        d.update(kw)
        c.append(d)

    def l4(proto, data, cut=None, **ipkw):
        return ip(Raw(data if cut is None else data[:cut]), proto=proto,
                  **ipkw)

    def be32(v):
        return v.to_bytes(4, "big")

    # ah: next header, length, reserved, SPI, sequence (12 bytes)
    ah = bytes([6, 4, 0, 0]) + be32(0x1000) + be32(1) + bytes(12)
    for rule in ("--ahspi 4096", "--ahspi 4097", "! --ahspi 4096",
                 "! --ahspi 4097", "--ahspi 4000:5000",
                 "--ahspi 4097:5000", "! --ahspi 0:4095", "--ahspi 5000:4000",
                 "! --ahspi 5000:4000"):
        rx("-p ah -m ah " + rule, l4(51, ah))
    rx("-p ah -m ah --ahspi 4096", l4(51, ah, cut=12))
    rx("-p ah -m ah --ahspi 4096", l4(51, ah, cut=11))
    rx("-p ah -m ah ! --ahspi 1", l4(51, ah, cut=6))
    rx("-p ah -m ah", l4(51, ah, cut=0))
    rx("-p ah -m ah --ahspi 4096", l4(51, ah, flags="MF"))
    rx("-p ah -m ah --ahspi 4096", l4(51, ah, cut=8, flags="MF"))
    rx("-p ah -m ah --ahspi 4096", l4(51, ah, frag=1))
    rx("-p ah -m ah ! --ahspi 1", l4(51, ah, frag=1))
    rx("-p ah -m ah ! --ahspi 1", l4(51, ah, cut=2, frag=5))
    # esp: SPI, sequence (8 bytes)
    esp = be32(0xdeadbeef) + be32(7) + b"payload!"
    for rule in ("--espspi 3735928559", "--espspi 3735928558",
                 "! --espspi 3735928559", "--espspi 3000000000:4294967295",
                 "! --espspi 0:3000000000", "--espspi 0:3735928558"):
        rx("-p esp -m esp " + rule, l4(50, esp))
    rx("-p esp -m esp --espspi 3735928559", l4(50, esp, cut=8))
    rx("-p esp -m esp --espspi 3735928559", l4(50, esp, cut=7))
    rx("-p esp -m esp ! --espspi 1", l4(50, esp, cut=3))
    rx("-p esp -m esp", l4(50, esp, cut=4))
    rx("-p esp -m esp ! --espspi 1", l4(50, esp, frag=2))
    rx("-p esp -m esp --espspi 3735928559", l4(50, esp, flags="MF"))
    # ipcomp: next header, flags, CPI (4 bytes)
    comp = bytes([4, 0x00, 0x12, 0x34]) + b"compressed"
    for rule in ("--ipcompspi 4660", "--ipcompspi 4661", "! --ipcompspi 4660",
                 "--ipcompspi 4000:5000", "! --ipcompspi 4000:5000",
                 "--ipcompspi 4660 --compres", "--ipcompspi 70000:80000",
                 "! --ipcompspi 70000:80000", "--ipcompspi 0x10000:0x11234",
                 "--ipcompspi 4660:4000"):
        rx("-p ipcomp -m ipcomp " + rule, l4(108, comp))
    rx("-p ipcomp -m ipcomp --ipcompspi 4660 --compres",
       l4(108, bytes([4, 0xff, 0x12, 0x34])))
    rx("-p ipcomp -m ipcomp", l4(108, bytes(4)))
    rx("-p ipcomp -m ipcomp", l4(108, comp))
    rx("-p ipcomp -m ipcomp --ipcompspi 4660", l4(108, comp, cut=4))
    rx("-p ipcomp -m ipcomp --ipcompspi 4660", l4(108, comp, cut=3))
    rx("-p ipcomp -m ipcomp ! --ipcompspi 1", l4(108, comp, cut=1))
    rx("-p ipcomp -m ipcomp ! --ipcompspi 1", l4(108, comp, frag=1))

    # ecn: ECT codepoint of the TOS byte, TCP ECE (0x40) / CWR (0x80)
    def udp_pkt(**ipkw):
        return ip(UDP(sport=5000, dport=53) / Raw(b"abcd"), **ipkw)

    for tos, rule in ((0x00, "--ecn-ip-ect 0"), (0x01, "--ecn-ip-ect 1"),
                      (0x02, "--ecn-ip-ect 1"), (0x02, "--ecn-ip-ect 2"),
                      (0xff, "--ecn-ip-ect 3"), (0xfc, "--ecn-ip-ect 0"),
                      (0x03, "! --ecn-ip-ect 3"), (0x01, "! --ecn-ip-ect 3")):
        rx("-m ecn " + rule, udp_pkt(tos=tos))
    for flags, rule in ((0x40, "--ecn-tcp-ece"), (0x00, "--ecn-tcp-ece"),
                        (0x40, "! --ecn-tcp-ece"), (0x10, "! --ecn-tcp-ece"),
                        (0x80, "--ecn-tcp-cwr"), (0x40, "--ecn-tcp-cwr"),
                        (0x80, "! --ecn-tcp-cwr"), (0x02, "! --ecn-tcp-cwr"),
                        (0xc2, "--ecn-tcp-ece --ecn-tcp-cwr"),
                        (0x42, "--ecn-tcp-ece --ecn-tcp-cwr"),
                        (0x42, "--ecn-tcp-ece ! --ecn-tcp-cwr"),
                        (0xc0, "! --ecn-tcp-ece ! --ecn-tcp-cwr"),
                        (0x02, "! --ecn-tcp-ece ! --ecn-tcp-cwr")):
        rx("-p tcp -m ecn " + rule, tcp_pkt(tcp_hdr(flags=flags)))
    rx("-p tcp -m ecn --ecn-tcp-ece --ecn-ip-ect 2",
       tcp_pkt(tcp_hdr(flags=0x40), tos=0x02))
    rx("-p tcp -m ecn --ecn-tcp-ece --ecn-ip-ect 2",
       tcp_pkt(tcp_hdr(flags=0x40), tos=0x01))
    rx("-p tcp -m ecn --ecn-tcp-ece --ecn-ip-ect 2",
       tcp_pkt(tcp_hdr(flags=0x00), tos=0x02))
    rx("-p tcp -m ecn --ecn-ip-ect 1", tcp_pkt(tcp_hdr(), tos=0x01))
    # a short TCP header: no match, no drop (whatever the inversion)
    rx("-p tcp -m ecn --ecn-tcp-ece", tcp_pkt(tcp_hdr(flags=0x40), cut=19))
    rx("-p tcp -m ecn ! --ecn-tcp-ece", tcp_pkt(tcp_hdr(), cut=19))
    rx("-p tcp -m ecn ! --ecn-tcp-cwr", tcp_pkt(tcp_hdr(), cut=4))
    rx("-p tcp -m ecn --ecn-ip-ect 0", tcp_pkt(tcp_hdr(), cut=4))
    # fragments: the payload of a non-first one is read as a TCP header
    rx("-p tcp -m ecn --ecn-tcp-ece", tcp_pkt(tcp_hdr(flags=0x40), frag=1))
    rx("-p tcp -m ecn ! --ecn-tcp-ece", tcp_pkt(tcp_hdr(flags=0x40), frag=1))
    rx("-p tcp -m ecn --ecn-tcp-cwr", tcp_pkt(tcp_hdr(flags=0x80), frag=3,
                                               flags="MF"))
    rx("-p tcp -m ecn ! --ecn-tcp-cwr", tcp_pkt(tcp_hdr(), cut=16, frag=3))
    rx("-p tcp -m ecn --ecn-tcp-ece", tcp_pkt(tcp_hdr(flags=0x40) + bytes(8),
                                              flags="MF"))

    # sctp: ports, verification tag, checksum (12 bytes), then chunks
    def chunk(t, flags=0, data=b"", length=None):
        n = 4 + len(data) if length is None else length
        b = bytes([t, flags]) + n.to_bytes(2, "big") + data
        return b + bytes(-len(b) % 4)

    def sctp(chunks, sport=5000, dport=80, cut=None, **ipkw):
        h = sport.to_bytes(2, "big") + dport.to_bytes(2, "big") + \
            be32(0x01020304) + be32(0)
        return l4(132, h + b"".join(chunks), cut=cut, **ipkw)

    data = chunk(0, 0x03, b"\0" * 12 + b"data")
    init = chunk(1, 0, bytes(16))
    sack = chunk(3, 0, bytes(12))
    abort_t = chunk(6, 0x01)
    abort = chunk(6, 0x00)
    sc = "-p sctp -m sctp "
    for rule in ("--dport 80", "--dport 81", "! --dport 81", "--sport 5000",
                 "--sport 1:4999", "! --sport 1:4999", "--sport 5000 --dport 80",
                 "--sport 5000 ! --dport 80"):
        rx(sc + rule, sctp([data]))
    for chunks, rule in (
            ([data], "--chunk-types any DATA"),
            ([init], "--chunk-types any DATA"),
            ([init, data], "--chunk-types any DATA"),
            ([init], "! --chunk-types any DATA"),
            ([data], "! --chunk-types any DATA"),
            ([init, data], "--chunk-types all INIT,DATA"),
            ([data], "--chunk-types all INIT,DATA"),
            ([data, sack, init], "--chunk-types all INIT,DATA"),
            ([data, data], "--chunk-types only DATA"),
            ([data, sack], "--chunk-types only DATA"),
            ([sack, data], "! --chunk-types only DATA"),
            ([data], "--chunk-types only DATA,SACK,INIT"),
            ([data], "--chunk-types any DATA:BE"),
            ([data], "--chunk-types any DATA:Be"),
            ([data], "--chunk-types any DATA:be"),
            ([data], "--chunk-types any DATA:I"),
            ([data], "--chunk-types any DATA:i"),
            ([chunk(0, 0x0d, bytes(12))], "--chunk-types any DATA:IuBE"),
            ([data, chunk(0, 0x08, bytes(12))], "--chunk-types all DATA:I"),
            ([data, chunk(0, 0x08, bytes(12))], "--chunk-types only DATA:I"),
            ([abort_t], "--chunk-types any ABORT:T"),
            ([abort], "--chunk-types any ABORT:T"),
            ([abort], "--chunk-types any ABORT:t"),
            ([chunk(14, 1)], "--chunk-types any SHUTDOWN_COMPLETE:T"),
            ([chunk(14, 0)], "--chunk-types any SHUTDOWN_COMPLETE:T"),
            ([data], "--chunk-types any DATA:B,ABORT:T"),
            ([chunk(64, 0, bytes(16))], "--chunk-types any I_DATA"),
            ([chunk(64, 0, bytes(16))], "--chunk-types any I_DATA:I"),
            ([chunk(15, 0)], "--chunk-types any ALL"),
            ([chunk(15, 0)], "--chunk-types only ALL"),
            ([data], "--chunk-types all ALL"),
            ([data], "--chunk-types any NONE"),
            ([data], "--chunk-types all NONE"),
            ([data], "--chunk-types only NONE"),
            ([chunk(200, 0)], "--chunk-types any FORWARD_TSN,ASCONF"),
            ([chunk(192, 0)], "--chunk-types any FORWARD_TSN,ASCONF")):
        rx(sc + rule, sctp(chunks))
    # the walk: lengths not a multiple of 4, zero, past the end
    rx(sc + "--chunk-types any SACK", sctp([chunk(0, 0, length=1) + sack]))
    rx(sc + "--chunk-types any SACK", sctp([chunk(0, 0, length=5) +
                                             bytes(4) + sack]))
    rx(sc + "--chunk-types any SACK", sctp([chunk(1, 0, length=0), sack]))
    rx(sc + "--chunk-types only INIT", sctp([chunk(1, 0, length=0)]))
    rx(sc + "--chunk-types any SACK", sctp([chunk(1, 0, length=400)]))
    rx(sc + "--chunk-types all INIT", sctp([chunk(1, 0, length=400)]))
    rx(sc + "--chunk-types any DATA", sctp([data, chunk(1, 0, length=0)]))
    rx(sc + "--chunk-types any INIT", sctp([data, chunk(1, 0, length=0)]))
    rx(sc + "--chunk-types only INIT", sctp([data, chunk(1, 0, length=0)]))
    rx(sc + "--chunk-types any INIT", sctp([data, b"\x01\x00"]))
    rx(sc + "--chunk-types all DATA", sctp([data, b"\x01"]))
    rx(sc + "! --chunk-types any INIT", sctp([data, b"\x01\x00"]))
    # no chunk at all, a short chunk or common header
    rx(sc + "--chunk-types any DATA", sctp([]))
    rx(sc + "! --chunk-types all NONE", sctp([]))
    rx(sc + "--dport 80", sctp([]))
    rx(sc + "--chunk-types any DATA", sctp([data], cut=14))
    rx(sc + "--dport 80", sctp([data], cut=11))
    rx(sc + "! --dport 81", sctp([data], cut=2))
    rx(sc + "--dport 81 --chunk-types any DATA", sctp([]))
    rx(sc + "--sport 1 --chunk-types any DATA", sctp([], cut=11))
    # fragments
    rx(sc + "--dport 80", sctp([data], flags="MF"))
    rx(sc + "--chunk-types any DATA", sctp([data], cut=16, flags="MF"))
    rx(sc + "--dport 80", sctp([data], frag=1))
    rx(sc + "! --dport 81", sctp([data], frag=1))
    rx(sc + "! --chunk-types any INIT", sctp([], cut=4, frag=2))

    # dccp: ports, data offset (words), CCVal/CsCov, checksum, then
    # reserved/type/X, sequence number; the type's part; options
    def dccp(t, opts=b"", x=0, doff=None, sport=5000, dport=80, extra=None,
             cut=None, **ipkw):
        part = {2: 0, 0: 4, 3: 8, 4: 8, 5: 8, 6: 8, 8: 8, 9: 8}.get(t, 12)
        if extra is not None:
            part = extra
        hl = 12 + 4 * x + part
        if doff is None:
            doff = (hl + len(opts) + 3) // 4
        h = sport.to_bytes(2, "big") + dport.to_bytes(2, "big") + \
            bytes([doff, 0, 0, 0, (t << 1) | x, 0, 0, 1]) + bytes(4 * x) + \
            bytes(part) + opts
        return l4(33, h + bytes(-len(h) % 4) + b"payload", cut=cut, **ipkw)

    dc = "-p dccp -m dccp "
    for rule in ("--dport 80", "--dport 81", "! --dport 81", "--sport 5000",
                 "! --sport 5000:5001", "--sport 4000:6000 --dport 1:80"):
        rx(dc + rule, dccp(0))
    for t in range(16):
        rx(dc + "--dccp-types REQUEST,DATA,RESET", dccp(t))
    for t, rule in ((10, "--dccp-types INVALID"), (15, "--dccp-types INVALID"),
                    (3, "! --dccp-types ACK"), (4, "! --dccp-types ACK"),
                    (9, "--dccp-types SYNCACK,SYNC")):
        rx(dc + rule, dccp(t))
    ts = bytes.fromhex("2904aabbccdd")   # timestamp-ish option 41, len 6
    for t, opts, rule in (
            (0, bytes.fromhex("20040102"), "--dccp-option 32"),
            (0, bytes.fromhex("20040102"), "--dccp-option 33"),
            (0, bytes.fromhex("20040102"), "! --dccp-option 33"),
            (0, bytes.fromhex("20040102"), "! --dccp-option 32"),
            (0, bytes.fromhex("20040102"), "--dccp-option 4"),
            (0, bytes.fromhex("00012004"), "--dccp-option 32"),
            (0, bytes.fromhex("00012004"), "--dccp-option 1"),
            (0, bytes.fromhex("02000304"), "--dccp-option 3"),
            (0, bytes.fromhex("02000304"), "--dccp-option 4"),
            (0, bytes.fromhex("02000304"), "--dccp-option 2"),
            (0, bytes.fromhex("02010304"), "--dccp-option 3"),
            (0, bytes.fromhex("02030304"), "--dccp-option 4"),
            (0, bytes.fromhex("02100304"), "--dccp-option 3"),
            (0, bytes.fromhex("00000029"), "--dccp-option 41"),
            (2, ts, "--dccp-option 41"),
            (3, ts, "--dccp-option 41"),
            (1, ts, "--dccp-option 41"),
            (7, ts, "--dccp-option 41"),
            (12, ts, "--dccp-option 41"),
            (3, b"", "--dccp-option 41"),
            (3, b"", "! --dccp-option 41")):
        rx(dc + rule, dccp(t, opts))
    # X=1: four more header bytes before the options
    rx(dc + "--dccp-option 41", dccp(3, ts, x=1))
    rx(dc + "--dccp-option 41", dccp(3, ts, x=1, extra=4))
    # data offset below the header: dropped (only with --dccp-option)
    rx(dc + "--dccp-option 41", dccp(3, ts, doff=4))
    rx(dc + "! --dccp-option 41", dccp(3, ts, doff=2))
    rx(dc + "--dccp-types ACK", dccp(3, ts, doff=2))
    rx(dc + "--dccp-option 41", dccp(2, doff=3))
    rx(dc + "--dccp-option 41", dccp(2, doff=0))
    # options cut by the end of the packet
    rx(dc + "--dccp-option 41", dccp(3, ts, doff=60, cut=40))
    rx(dc + "! --dccp-option 41", dccp(3, ts, doff=60, cut=40))
    rx(dc + "--dport 80", dccp(3, ts, doff=60, cut=40))
    rx(dc + "--dport 81 --dccp-option 41", dccp(3, ts, doff=60, cut=40))
    rx(dc + "--dccp-option 41", dccp(3, ts, cut=26))
    # short generic header
    rx(dc + "--dport 80", dccp(2, cut=12))
    rx(dc + "--dport 80", dccp(2, cut=11))
    rx(dc + "! --dport 81", dccp(2, cut=3))
    rx(dc + "--dccp-types DATA", dccp(2, cut=9))
    # fragments
    rx(dc + "--dport 80", dccp(2, frag=1))
    rx(dc + "! --dport 81", dccp(2, frag=1))
    rx(dc + "--dccp-option 41", dccp(3, ts, flags="MF"))
    rx(dc + "--dccp-option 41", dccp(3, ts, cut=24, flags="MF"))
    return c


C_HEADER = ("\t/* generated by tests/unit/match_stateless_kernel.py "
            "on Linux\n\t   %s */")


def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def local_packet(case):
    """the IP packet the firewall's socket sends, for the C table"""
    l = case["local"]
    src = FW_IP if not l["dst"].startswith("127.") else "127.0.0.1"
    if l["dst"].startswith("10.8."):
        src = "10.8.0.1"
    p = IP(src=src, dst=l["dst"], ttl=1 if l["dst"].startswith("224.")
           else 64, flags="DF") / UDP(sport=40000, dport=l["port"])
    return raw(p).hex()


def main():
    setup()
    inj = Sender(PEER, INJECT)
    loc = Sender(FW, LOCAL)
    rows = []
    try:
        for case in (cases_m2() if sys.argv[1:] == ["m2"] else cases()):
            m, s = run_case(case, inj, loc)
            meta = case.get("meta", "")
            if "frame" in case and case["hook"] == "pre":
                data = case["frame"]
            elif "frame" in case:
                data = case["frame"][28:]   # the IP packet (fwd / reply)
                if meta == "ksock":
                    # the echo reply the firewall sends
                    req = bytes.fromhex(data)
                    p = IP(req)
                    rep = IP(src=FW_IP, dst=PEER_IP) / ICMP(
                        type=0, id=p[ICMP].id, seq=p[ICMP].seq) / \
                        p[ICMP].payload
                    data = raw(rep).hex()
            else:
                data = local_packet(case)
            if m > 1 or s > 1:
                print("note: %r counted %d/%d" % (case["rule"], m, s),
                      file=sys.stderr)
            m, s = min(m, 1), min(s, 1)
            h, r, mt = cstr(case["hook"]), cstr(case["rule"]), cstr(meta)
            for head in ("\t{ %s, %s, %s," % (h, r, mt),
                         "\t{ %s, %s,\n\t  %s," % (h, r, mt),
                         "\t{ %s,\n\t  %s,\n\t  %s," % (h, r, mt)):
                if max(len(l.expandtabs()) for l in head.split("\n")) <= 80:
                    break
            lines = [cstr(data[i:i + 56]) for i in range(0, len(data), 56)]
            rows.append("%s\n\t  %s, %d, %d }," % (
                head, "\n\t  ".join(lines), m, s))
    finally:
        inj.close()
        loc.close()
        teardown()
    print(C_HEADER % os.uname().release)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
