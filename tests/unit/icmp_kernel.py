#!/usr/bin/python3
# icmp_kernel.py: measures the frames of tests/unit/icmp_test.c on the real
# kernel (root, iptables-legacy, nftables, tcpdump, ethtool, /usr/bin/python3
# with scapy) and prints the C tables of the cases on stdout.
#
# Topology (fresh for every case): namespace utiF, the firewall: ea
# 10.0.1.1/24 02:00:00:00:01:01 <-> pa (namespace utiA, 02:00:00:00:01:02)
# and eb 10.0.2.1/24 02:00:00:00:02:01 <-> pb (utiB, 02:00:00:00:02:02);
# permanent neighbours 10.0.1.2-199 -> pa and 10.0.2.2-199 -> pb;
# ip_forward=1; IPv6 off; tx checksum offload off; the firewall's own
# stack muted (nftables LOCAL_IN at priority 2147483647, policy drop, made
# before the rules; ARP input dropped); the peers drop everything. Frames
# go in from pa over AF_PACKET (a pinned real-time injector process);
# captures are tcpdump -Q in --immediate-mode on pa/pb (and lo of the
# firewall for the "output" case, whose packets come from a raw socket).
#
#   ./icmp_kernel.py [CASE...] > /tmp/cases.c
import json
import os
import subprocess
import sys
import time

from scapy.all import (Ether, IP, UDP, TCP, ICMP, Raw, IPOption_RR, rdpcap,
                       conf, fragment)

INJECT = r'''
#!/usr/bin/python3
import json, socket, sys, time
frames = json.load(open(sys.argv[1]))
ifc = sys.argv[2]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((ifc, 0))
t0 = time.monotonic()
t = t0
for d, h in frames:
    t += d
    while time.monotonic() < t:
        pass
    s.send(bytes.fromhex(h))
'''
WORK = "/tmp/icmp_kernel.%d" % os.getpid()


def W(name):
    return os.path.join(WORK, name)


conf.verb = 0
F, A, B = "utiF", "utiA", "utiB"
MAC = {"ea": "02:00:00:00:01:01", "pa": "02:00:00:00:01:02",
       "eb": "02:00:00:00:02:01", "pb": "02:00:00:00:02:02"}


def sh(cmd, check=True):
    r = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    if check and r.returncode:
        raise SystemExit("FAILED %s\n%s%s" % (cmd, r.stdout, r.stderr))
    return r.stdout


def teardown():
    for n in (F, A, B):
        sh("ip netns del %s 2>/dev/null" % n, check=False)


def setup(extra_fw=()):
    teardown()
    for n in (F, A, B):
        sh("ip netns add %s" % n)
        sh("ip netns exec %s sysctl -qw net.ipv6.conf.all.disable_ipv6=1 "
           "net.ipv6.conf.default.disable_ipv6=1" % n)
    sh("ip -n %s link add ea address %s type veth peer name pa address %s netns %s"
       % (F, MAC["ea"], MAC["pa"], A))
    sh("ip -n %s link add eb address %s type veth peer name pb address %s netns %s"
       % (F, MAC["eb"], MAC["pb"], B))
    sh("ip netns exec %s sysctl -qw net.ipv4.ip_forward=1" % F)
    for n, i in ((F, "lo"), (F, "ea"), (F, "eb"), (A, "pa"), (B, "pb"),
                 (A, "lo"), (B, "lo")):
        sh("ip -n %s link set %s up" % (n, i))
    sh("ip -n %s addr add 10.0.1.1/24 dev ea" % F)
    sh("ip -n %s addr add 10.0.2.1/24 dev eb" % F)
    with open(W("neigh.batch"), "w") as fh:
        for i in range(2, 200):
            fh.write("neigh add 10.0.1.%d lladdr %s dev ea nud permanent\n" % (i, MAC["pa"]))
            fh.write("neigh add 10.0.2.%d lladdr %s dev eb nud permanent\n" % (i, MAC["pb"]))
    sh("ip -n %s -batch %s" % (F, W("neigh.batch")))
    for c in extra_fw:
        sh("ip netns exec %s %s" % (F, c))
    sh("ip netns exec %s ethtool -K ea tx off >/dev/null" % F)
    sh("ip netns exec %s ethtool -K eb tx off >/dev/null" % F)
    nft = """table inet mute {
  chain cin {
    type filter hook input priority 2147483647; policy drop;
  }
}
table arp mute {
  chain cin {
    type filter hook input priority 0; policy drop;
  }
}
"""
    open(W("mute.nft"), "w").write(nft)
    sh("ip netns exec %s nft -f %s" % (F, W("mute.nft")))
    peer = """table inet mute {
  chain cin {
    type filter hook input priority 0; policy drop;
  }
  chain cout {
    type filter hook output priority 0; policy drop;
  }
}
table arp mute {
  chain cin {
    type filter hook input priority 0; policy drop;
  }
  chain cout {
    type filter hook output priority 0; policy drop;
  }
}
"""
    open(W("peer.nft"), "w").write(peer)
    sh("ip netns exec %s nft -f %s" % (A, W("peer.nft")))
    sh("ip netns exec %s nft -f %s" % (B, W("peer.nft")))


def eth(dst="ea", src="pa"):
    return Ether(dst=MAC[dst], src=MAC[src])


CASES = []


def case(name, rules, frames, host_extra=(), fw_extra=(), local=None,
         note=""):
    CASES.append(dict(name=name, rules=rules, frames=frames,
                      host_extra=list(host_extra), fw_extra=list(fw_extra),
                      local=local, note=note))


def E(**kw):
    return Ether(dst=kw.pop("mac", MAC["ea"]), src=MAC["pa"])


# 1. the seven ICMP types, forwarded
types = ["icmp-net-unreachable", "icmp-host-unreachable",
         "icmp-proto-unreachable", "icmp-port-unreachable",
         "icmp-net-prohibited", "icmp-host-prohibited",
         "icmp-admin-prohibited"]
fr = []
for i in range(len(types)):
    fr.append((0.01, bytes(E()/IP(src="10.0.1.%d" % (2 + i), dst="10.0.2.2",
                                  id=0x1234, ttl=64) /
                           UDP(sport=5000, dport=1000 + i) /
                           Raw(b"0123456789"))))
case("fwd_types",
     ["-A FORWARD -s 10.0.1.%d/32 -p udp -j REJECT --reject-with %s" %
      (2 + i, t) for i, t in enumerate(types)], fr,
     note="each type, from the inbound address, quoting the TTL-1 header")

# 2. tcp-reset
def t(i, flags, seq=0, ack=0, pl=b"", dst="10.0.2.2", tos=0, chksum=None,
      mac=None):
    kw = dict(sport=40000 + i, dport=80, window=1234, flags=flags, seq=seq,
              ack=ack)
    if chksum is not None:
        kw["chksum"] = chksum
    p = IP(src="10.0.1.%d" % (2 + i), dst=dst, id=0x4321, ttl=64,
           tos=tos) / TCP(**kw)
    if pl:
        p = p / Raw(pl)
    e = Ether(dst=mac or MAC["ea"], src=MAC["pa"])
    return (0.01, bytes(e / p))
fr = [t(0, "S", seq=1000), t(1, "A", 5000, 7000, b"x" * 20),
      t(2, "FA", 5000, 7000, b"y" * 3), t(3, "F", 0xfffffffe, 0, b"z" * 5),
      t(4, "SF", 100, 0, b"w" * 2, tos=0xff), t(5, "R", 100),
      t(6, "RA", 100, 5), t(7, "S", 1000, chksum=0x1234),
      t(8, "S", 1000, dst="10.0.2.1"), t(9, "PA", 1, 2, b"q", dst="10.0.1.1"),
      t(10, "", 77, 0, b"abc"),
      t(11, "S", 9, dst="10.0.1.1", mac="ff:ff:ff:ff:ff:ff"),
      t(12, "S", 9, dst="10.0.1.255")]
p = IP(src="10.0.1.20", dst="10.0.2.2", id=0x2223) / \
    TCP(sport=1, dport=2, flags="S") / Raw(b"B" * 100)
fr.append((0.01, bytes(E() / fragment(p, fragsize=48)[0])))
p = IP(src="10.0.1.21", dst="10.0.2.2", tos=0x10, ttl=5) / \
    TCP(sport=1, dport=2, flags="S", seq=9, options=[("MSS", 1460)]) / \
    Raw(b"data")
fr.append((0.01, bytes(E() / p)))
case("tcp_reset", ["-A FORWARD -p tcp -j REJECT --reject-with tcp-reset",
                   "-A INPUT -p tcp -j REJECT --reject-with tcp-reset"], fr,
     note="seq/ack rules; none for RST, bad checksum, first fragment, "
          "subnet broadcast; one for a broadcast MAC to our address")

# 3. what icmp_send and nf_send_unreach answer
fr = []
def u(i, dst="10.0.2.2", pl=b"0123456789", tos=0, ttl=64, mac=None, **kw):
    p = Ether(dst=mac or MAC["ea"], src=MAC["pa"]) / \
        IP(src="10.0.1.%d" % (2 + i), dst=dst, id=0x1111 + i, ttl=ttl,
           tos=tos, **kw) / UDP(sport=5000, dport=53) / Raw(pl)
    return (0.01, bytes(p))
fr.append(u(0, dst="10.0.2.1"))
fr.append(u(1, pl=bytes(range(256)) * 5, tos=0xff))
fr.append(u(2, dst="10.0.1.255"))
fr.append(u(3, dst="255.255.255.255", mac="ff:ff:ff:ff:ff:ff"))
fr.append(u(4, dst="10.0.1.1", mac="ff:ff:ff:ff:ff:ff"))
fr.append(u(5, dst="224.0.0.1", mac="01:00:5e:00:00:01"))
fr.append(u(6, frag=10))
p = IP(src="10.0.1.9", dst="10.0.2.2", id=0x2222) / UDP(sport=1, dport=2) / \
    Raw(b"A" * 100)
fr.append((0.01, bytes(E() / fragment(p, fragsize=48)[0])))
for src, l4 in (("10.0.1.10", UDP(sport=1, dport=2, chksum=0x1234) / Raw(b"abcd")),
                ("10.0.1.11", UDP(sport=1, dport=2, chksum=0) / Raw(b"abcd")),
                ("10.0.1.12", ICMP(type=8, id=7, seq=1) / Raw(b"ping")),
                ("10.0.1.13", ICMP(type=3, code=3) / Raw(b"\x45" + b"\0" * 27)),
                ("10.0.1.14", ICMP(type=8, id=7, seq=1, chksum=0x1111) / Raw(b"ping")),
                ("10.0.1.18", ICMP(type=40) / Raw(b"abcd")),
                ("10.0.1.19", ICMP(type=13) / Raw(b"\0" * 12))):
    fr.append((0.01, bytes(E() / IP(src=src, dst="10.0.2.2") / l4)))
for src, proto, pl in (("10.0.1.15", 253, b"\x12\x34\x56\x78"),
                       ("10.0.1.16", 253, b"\xff\xff\x00\x00"),
                       ("10.0.1.17", 47, b"\x12\x34\x56\x78")):
    fr.append((0.01, bytes(E() / IP(src=src, dst="10.0.2.2", proto=proto) /
                           Raw(pl))))
fr.append(u(18, ttl=1))
fr.append((0.01, bytes(E() / IP(src="10.0.1.22", dst="10.0.1.1") /
                       ICMP(type=8, id=9, seq=2) / Raw(b"pong"))))
case("unreach_checks",
     ["-A FORWARD -p udp -j REJECT", "-A INPUT -p udp -j REJECT",
      "-A INPUT -p icmp -j REJECT", "-A FORWARD -p icmp -j REJECT",
      "-A FORWARD -p 253 -j REJECT --reject-with icmp-proto-unreachable",
      "-A FORWARD -p 47 -j REJECT --reject-with icmp-proto-unreachable"], fr,
     note="INPUT source, 576-byte quote with TOS 0xde, no answer to "
          "broadcast/multicast/fragments/errors/bad checksums, TTL 1")

# 4. IP options: record route
fr = []
for i, (ttl, opt, pl) in enumerate((
        (64, IPOption_RR(length=15, routers=["0.0.0.0"] * 3), b"rr"),
        (64, IPOption_RR(length=7, pointer=8, routers=["1.2.3.4"]), b"rr"),
        (1, IPOption_RR(length=15, routers=["0.0.0.0"] * 3), b"rr"),
        (1, IPOption_RR(length=11, pointer=8, routers=["9.9.9.9", "0.0.0.0"]), b"rr2"))):
    fr.append((0.01, bytes(E() / IP(src="10.0.1.%d" % (6 + i), dst="10.0.2.2",
                                    ttl=ttl, options=[opt]) /
                           UDP(sport=1, dport=2) / Raw(pl))))
fr.append((0.01, bytes(E() / IP(src="10.0.1.11", dst="10.0.1.1",
                                options=[IPOption_RR(length=11, routers=["0.0.0.0"] * 2)]) /
                       UDP(sport=1, dport=2) / Raw(b"rr"))))
case("options", ["-A FORWARD -p udp -j REJECT", "-A INPUT -p udp -j REJECT"],
     fr, note="a record route filled at input leaves the header checksum "
              "stale: REJECT's checksum check fails; time exceeded echoes it")

# 5. ip_default_ttl
fr = [(0.01, bytes(E() / IP(src="10.0.1.8", dst="10.0.2.2") /
                   UDP(sport=1, dport=2) / Raw(b"ttl"))),
      (0.01, bytes(E() / IP(src="10.0.1.9", dst="10.0.2.2") /
                   TCP(sport=1, dport=2, flags="S")))]
case("default_ttl", ["-A FORWARD -p udp -j REJECT",
                     "-A FORWARD -p tcp -j REJECT --reject-with tcp-reset"],
     fr, host_extra=["sysctl net.ipv4.ip_default_ttl=100"],
     fw_extra=["sysctl -qw net.ipv4.ip_default_ttl=100"])

# 6. rate limits
fr = []
def r(src, dst="10.0.2.2", d=0.02, dport=53):
    return (d, bytes(E() / IP(src=src, dst=dst) /
                     UDP(sport=5000, dport=dport) / Raw(b"x")))
for i in range(10):
    fr.append(r("10.0.1.2", dport=100 + i))
for i in range(3):
    fr.append(r("10.0.1.3", dport=200 + i))
for i in range(3):
    fr.append(r("10.0.1.3", dst="10.9.9.%d" % i, dport=210 + i))
for i in range(6):
    fr.append(r("10.0.1.4", dst="10.9.8.%d" % i, dport=300 + i))
fr.append(r("10.0.1.2", d=1.1, dport=120))
fr.append(r("10.0.1.2", dport=121))
fr.append(r("10.0.1.2", dport=122))
case("ratelimit", ["-A FORWARD -p udp -j REJECT"], fr,
     note="6 per destination, then 1/s; ip_error's bucket on the same peer")

# 7. frag needed (not rate-limited)
fr = []
for i in range(10):
    fr.append((0.02, bytes(E() / IP(src="10.0.1.5", dst="10.0.2.2",
                                    flags="DF") /
                           UDP(sport=5000, dport=i) / Raw(b"y" * 780))))
case("frag_needed", [], fr,
     fw_extra=["ip link set eb mtu 600"])

# 8. REJECT in OUTPUT: packets of a raw socket of the firewall
loc = []
for i in range(8):
    loc.append(bytes(IP(src="10.0.1.2", dst="10.0.2.2", id=0x3000 + i) /
                     UDP(sport=7, dport=9) / Raw(b"loc")))
loc.append(bytes(IP(src="10.0.1.3", dst="10.0.2.2", id=0x3100) /
                 TCP(sport=7, dport=9, flags="S", seq=5)))
loc.append(bytes(IP(src="10.0.1.1", dst="10.0.2.2", id=0x3200) /
                 UDP(sport=7, dport=9) / Raw(b"me")))
loc.append(bytes(IP(src="10.0.1.1", dst="10.0.2.2", id=0x3300) /
                 TCP(sport=7, dport=9, flags="S", seq=5)))
case("output", ["-A OUTPUT -p udp -j REJECT",
                "-A OUTPUT -p tcp --tcp-flags FIN,SYN,RST,ACK SYN -j REJECT --reject-with tcp-reset"],
     [], local=loc, note="per-destination limit for local packets too; "
                         "errors about our own packets come back over lo")


def run_local(c):
    setup(c["fw_extra"])
    load_rules(c["rules"])
    procs = []
    for ns, ifc in ((A, "pa"), (F, "lo")):
        path = W("cap-%s.pcap" % ifc)
        p = subprocess.Popen(["ip", "netns", "exec", ns, "tcpdump", "-Q", "in",
                              "--immediate-mode", "-U", "-s", "0", "-w", path,
                              "-i", ifc], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        procs.append((p, ifc, path))
    time.sleep(0.5)
    open(W("raw.json"), "w").write(json.dumps([x.hex() for x in c["local"]]))
    open(W("rawsend.py"), "w").write('''
import socket, json, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
for h in json.load(open(sys.argv[1])):
    b = bytes.fromhex(h)
    try:
        s.sendto(b, (socket.inet_ntoa(b[16:20]), 0))
    except OSError:
        pass
    time.sleep(0.01)
''')
    sh("ip netns exec %s /usr/bin/python3 %s %s" % (F, W("rawsend.py"), W("raw.json")))
    time.sleep(0.4)
    caps = {}
    for p, ifc, path in procs:
        p.terminate()
        p.wait()
        caps[ifc] = [bytes(x) for x in rdpcap(path)] \
            if os.path.getsize(path) > 24 else []
    teardown()
    return caps


def load_rules(rules):
    txt = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n" \
          ":OUTPUT ACCEPT [0:0]\n" + "".join(r + "\n" for r in rules) + \
          "COMMIT\n"
    open(W("rules.txt"), "w").write(txt)
    sh("ip netns exec %s iptables-legacy-restore < %s" % (F, W("rules.txt")))
    return txt


def run(c):
    if c["local"]:
        return run_local(c)
    setup(c["fw_extra"])
    load_rules(c["rules"])
    procs = []
    for ns, ifc in ((A, "pa"), (B, "pb")):
        path = W("cap-%s.pcap" % ifc)
        p = subprocess.Popen(["ip", "netns", "exec", ns, "tcpdump", "-Q", "in",
                              "--immediate-mode", "-U", "-s", "0", "-w", path,
                              "-i", ifc], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        procs.append((p, ifc, path))
    time.sleep(0.5)
    open(W("frames.json"), "w").write(json.dumps(
        [(d, f.hex()) for d, f in c["frames"]]))
    open(W("inject.py"), "w").write(INJECT)
    sh("chrt -f 50 taskset -c 1 ip netns exec %s /usr/bin/python3 %s %s pa"
       % (A, W("inject.py"), W("frames.json")))
    time.sleep(0.4)
    caps = {}
    for p, ifc, path in procs:
        p.terminate()
        p.wait()
        caps[ifc] = [bytes(x) for x in rdpcap(path)] \
            if os.path.getsize(path) > 24 else []
    teardown()
    return caps


def cstr(h, indent="\t  "):
    out = []
    for i in range(0, len(h), 60):
        out.append('%s"%s"' % (indent, h[i:i + 60]))
    return "\n".join(out)


def emit(c, caps):
    n = c["name"]
    print("/* %s: %s */" % (n, c["note"]) if c["note"] else "/* %s */" % n)
    print("static const char *const %s_rules[] = {" % n)
    for r in c["rules"]:
        print('\t"%s",' % r.replace('"', '\\"'))
    print("\tNULL\n};")
    print("static const char *const %s_host[] = {" % n)
    for h in c["host_extra"]:
        print('\t"%s",' % h)
    print("\tNULL\n};")
    print("static const struct icmp_in %s_in[] = {" % n)
    t = 0.0
    src = c["local"] if c["local"] else [f for _, f in c["frames"]]
    delays = [0.01] * len(src) if c["local"] else [d for d, _ in c["frames"]]
    for d, f in zip(delays, src):
        t += d
        print("\t{ %dull,\n%s }," % (round(t * 1e9), cstr(f.hex())))
    print("};")
    print("static const struct icmp_out %s_out[] = {" % n)
    for ifc in sorted(caps):
        dev = {"pa": "ea", "pb": "eb", "lo": "local"}[ifc]
        for f in caps[ifc]:
            if ifc == "lo":
                f = f[14:]
            print('\t{ "%s",\n%s },' % (dev, cstr(f.hex())))
    print("};\n")


if __name__ == "__main__":
    os.makedirs(WORK, exist_ok=True)
    only = sys.argv[1:]
    for c in CASES:
        if only and c["name"] not in only:
            continue
        caps = run(c)
        emit(c, caps)
    subprocess.run(["rm", "-rf", WORK])
