#!/usr/bin/python3
"""tests/run/vlan.py UTABLES TMPDIR: 802.1Q VLAN devices (HOST `link add
NAME link PARENT type vlan id N`) through `utables run`.

The machine the kernel tests record on has no 8021q module, so these
expectations are written here from the facts of Linux's net/8021q and
net/core/dev.c (read for facts; no kernel recording):
  - receive: __netif_receive_skb_core untags a tagged frame (skb_vlan_untag
    moves the MAC addresses over the tag: the MAC header the stack and LOG
    see is dst, src, inner type) and vlan_do_receive hands it to the VLAN
    device of the parent with that VID (vlan_find_dev): `-i` is the VLAN;
  - a frame the parent found for another host (PACKET_OTHERHOST) is
    PACKET_HOST when its destination is the VLAN's own MAC; a frame to the
    parent's MAC stays PACKET_HOST (only OTHERHOST is looked at again);
  - a VLAN device that is down drops what arrives for it;
  - no device for the VID: dropped before IP (PACKET_OTHERHOST), and VID 0
    (priority tag) without a VID 0 device is untagged on the parent: both
    as the kernel harness measured (docs/run.md);
  - transmit: vlan_dev_hard_start_xmit tags the frame with the VLAN's id
    (priority bits from egress-qos-map, empty by default: 0) and sends it
    on the parent (skb->dev = real_dev), the VLAN's MAC as source (the
    parent's unless `address` gave another: vlan_newlink);
  - ARP on a VLAN device is answered on it: the reply leaves tagged.
Exit 0 when every check holds; else the differences, exit 1."""
import json
import os
import subprocess
import sys

from scapy.all import ARP, Dot1Q, Ether, IP, Raw, UDP, rdpcap, wrpcap

utables, tmp = sys.argv[1], sys.argv[2]
FW0, FW1, FW20 = "02:00:00:00:01:00", "02:00:00:00:01:01", "02:00:00:00:02:20"
CLIENT, PEER, PEER20 = ("02:00:00:00:00:01", "02:00:00:00:00:02",
                        "02:00:00:00:00:03")
HOST = """\
link add eth0 address %s
link add eth1 address %s
ip link add link eth1 name eth1.10 type vlan id 10
link add eth1.20 link eth1 address %s type vlan id 20
link add eth1.30 link eth1 type vlan id 30
addr add 192.0.2.1/24 dev eth0
addr add 198.51.100.1/25 dev eth1.10
addr add 198.51.100.129/25 dev eth1.20
addr add 203.0.113.1/24 dev eth1.30
link set eth1.30 down
neigh add 192.0.2.2 lladdr %s dev eth0
neigh add 198.51.100.2 lladdr %s dev eth1.10
neigh add 198.51.100.130 lladdr %s dev eth1.20
sysctl net.ipv4.ip_forward=1
sysctl net.ipv4.conf.all.rp_filter=0
sysctl net.ipv4.conf.default.rp_filter=0
""" % (FW0, FW1, FW20, CLIENT, PEER, PEER20)
RULES = """\
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -j LOG --log-prefix "fwd: "
COMMIT
"""


def udp(src, dst, sport, ttl=64):
    return IP(src=src, dst=dst, id=sport - 30000, ttl=ttl) / \
        UDP(sport=sport, dport=7) / Raw(b"hi")


def tagged(dst, vid, src=PEER):
    return Ether(src=src, dst=dst) / Dot1Q(vlan=vid)


T0 = 1700000000
in0 = [Ether(src=CLIENT, dst=FW0) / udp("192.0.2.2", "198.51.100.2", 30001),
       Ether(src=CLIENT, dst=FW0) / udp("192.0.2.2", "198.51.100.130",
                                        30002)]
in1 = [tagged(FW1, 10) / udp("198.51.100.2", "192.0.2.2", 30003),
       tagged(FW20, 20) / udp("198.51.100.130", "192.0.2.2", 30004),
       tagged(FW1, 20) / udp("198.51.100.130", "192.0.2.2", 30005),
       tagged("02:00:00:00:09:09", 10) / udp("198.51.100.2", "192.0.2.2",
                                             30006),
       tagged(FW1, 30) / udp("203.0.113.2", "192.0.2.2", 30007),
       tagged(FW1, 99) / udp("198.51.100.2", "192.0.2.2", 30008),
       tagged(FW1, 0) / udp("198.51.100.2", "192.0.2.2", 30009),
       tagged("ff:ff:ff:ff:ff:ff", 10) /
       ARP(op=1, hwsrc=PEER, psrc="198.51.100.2", pdst="198.51.100.1")]
for i, p in enumerate(in0):
    p.time = T0 + i * 0.01
for i, p in enumerate(in1):
    p.time = T0 + 1 + i * 0.01
for name, text in (("host", HOST), ("rules", RULES)):
    with open(os.path.join(tmp, name), "w") as fh:
        fh.write(text)
wrpcap(os.path.join(tmp, "in0.pcap"), in0)
wrpcap(os.path.join(tmp, "in1.pcap"), in1)
out = os.path.join(tmp, "out")
p = subprocess.run([utables, "run", "--host", os.path.join(tmp, "host"),
                    "--rules", os.path.join(tmp, "rules"),
                    "--in", "eth0=" + os.path.join(tmp, "in0.pcap"),
                    "--in", "eth1=" + os.path.join(tmp, "in1.pcap"),
                    "--out", out, "--json"], capture_output=True, text=True)
if p.returncode != 0:
    print("utables run: exit %d: %s" % (p.returncode, p.stderr))
    sys.exit(1)
problems = []


def frames(name):
    path = os.path.join(out, name)
    return [bytes(f) for f in rdpcap(path)] if os.path.exists(path) else []


def expect(name, want):
    got = frames(name)
    want = [bytes(w) for w in want]
    if got != want:
        problems.append("%s: got %d frames, want %d; first difference at "
                        "frame %s" % (name, len(got), len(want), next(
                            (i + 1 for i, (g, w) in enumerate(zip(got, want))
                             if g != w), min(len(got), len(want)) + 1)))


# out of a VLAN: tagged on eth1, the VLAN's MAC as source
expect("eth1.pcap", [
    Ether(src=FW1, dst=PEER) / Dot1Q(vlan=10) /
    udp("192.0.2.2", "198.51.100.2", 30001, ttl=63),
    Ether(src=FW20, dst=PEER20) / Dot1Q(vlan=20) /
    udp("192.0.2.2", "198.51.100.130", 30002, ttl=63),
    Ether(src=FW1, dst=PEER) / Dot1Q(vlan=10) /
    ARP(op=2, hwsrc=FW1, psrc="198.51.100.1", hwdst=PEER,
        pdst="198.51.100.2")])
# into a VLAN: forwarded untagged; to the VLAN's own MAC and to the
# parent's alike; the priority tag on the parent; not the others
expect("eth0.pcap", [
    Ether(src=FW0, dst=CLIENT) / udp(s, "192.0.2.2", sport, ttl=63)
    for s, sport in (("198.51.100.2", 30003), ("198.51.100.130", 30004),
                     ("198.51.100.130", 30005), ("198.51.100.2", 30009))])
with open(os.path.join(out, "log")) as fh:
    log = [line.split(" SRC=")[0] for line in fh.read().splitlines()]
want_log = [
    "fwd: IN=eth0 OUT=eth1.10 MAC=%s:%s:08:00" % (FW0, CLIENT),
    "fwd: IN=eth0 OUT=eth1.20 MAC=%s:%s:08:00" % (FW0, CLIENT),
    "fwd: IN=eth1.10 OUT=eth0 MAC=%s:%s:08:00" % (FW1, PEER),
    "fwd: IN=eth1.20 OUT=eth0 MAC=%s:%s:08:00" % (FW20, PEER),
    "fwd: IN=eth1.20 OUT=eth0 MAC=%s:%s:08:00" % (FW1, PEER),
    "fwd: IN=eth1 OUT=eth0 MAC=%s:%s:08:00" % (FW1, PEER)]
if log != want_log:
    problems.append("log: got %s, want %s" % (log, want_log))
drops = json.loads(p.stdout).get("drops", {})
want_drops = {"l2-otherhost": 1, "link-down": 1, "l2-ethertype": 1}
if drops != want_drops:
    problems.append("drops: got %s, want %s" % (drops, want_drops))
for line in problems:
    print(line)
sys.exit(1 if problems else 0)
