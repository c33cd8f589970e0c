#!/usr/bin/python3
"""tests/run/synproxy.py UTABLES: SYNPROXY in FORWARD, property by property.

A kernel's syncookies are keyed by a secret drawn at boot, so no recorded
trace can hold the ACK that answers its SYN/ACK. This test plays the
client and the server against `utables run` instead, one run per step,
each run's inputs the previous ones plus the answer to what it sent (the
client's ACK carries the cookie the SYN/ACK brought, as a real client's
does). What each step must give are the kernel's documented behaviours
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
    ESTABLISHED in DIR/conntrack.
Prints "N passed, N failed" and exits 1 on a failure."""
import os
import struct
import subprocess
import sys
import tempfile

from scapy.all import Ether, IP, TCP, rdpcap, wrpcap  # noqa: E402

U = sys.argv[1]
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


tmp = tempfile.mkdtemp()
open(os.path.join(tmp, "host"), "w").write(HOST)
open(os.path.join(tmp, "rules"), "w").write(RULES)


def run(step, frames):
    """utables run over FRAMES [(iface, packet, time)]: the out dir"""
    ins = []
    for iface in ("eth0", "eth1"):
        pk = []
        for i, p, t in frames:
            if i == iface:
                p = p.copy()
                p.time = t
                pk.append(p)
        if pk:
            path = os.path.join(tmp, "%s-%s.pcap" % (step, iface))
            wrpcap(path, pk)
            ins += ["--in", "%s=%s" % (iface, path)]
    out = os.path.join(tmp, "out-%s" % step)
    subprocess.run([U, "run", "--host", os.path.join(tmp, "host"),
                    "--rules", os.path.join(tmp, "rules"), "--out", out] +
                   ins, check=True)
    return out


def frames(out, iface):
    path = os.path.join(out, iface + ".pcap")
    return list(rdpcap(path)) if os.path.exists(path) else []


def opts(p):
    return {k: v for k, v in p[TCP].options}


def stat(out):
    line = open(os.path.join(out, "proc/net/stat/synproxy")).read() \
        .splitlines()[1].split()
    return [int(x, 16) for x in line]


syn = CLIENT / TCP(sport=40000, dport=80, flags="SEC", seq=ISN, window=64240,
                   options=[("MSS", 1460), ("SAckOK", b""),
                            ("Timestamp", (TSC, 0)), ("NOP", None),
                            ("WScale", 7)])
inputs = [("eth0", syn, 1000.0)]
# 1. the SYN/ACK
out = run("1", inputs)
sa = frames(out, "eth0")
check("one SYN/ACK to the client", len(sa) == 1 and
      not frames(out, "eth1"), [p.summary() for p in sa])
sa = sa[0]
ip, th = sa[IP], sa[TCP]
check("SYN/ACK header", (ip.id, ip.flags, ip.ttl, ip.tos) ==
      (0, 2, 64, 0) and (th.sport, th.dport) == (80, 40000) and
      th.ack == ISN + 1 and th.window == 0 and
      str(th.flags) == "SAE", sa.show2(dump=True))
raw = bytes(th)[20:]
check("SYN/ACK options in the kernel's layout",
      raw[:4] == b"\x02\x04\x05\x78" and raw[4:8] == b"\x04\x02\x08\x0a" and
      raw[12:16] == struct.pack("!I", TSC) and
      raw[16:20] == b"\x01\x03\x03\x05", raw.hex())
tsval = struct.unpack("!I", raw[8:12])[0]
check("TSval cookie bits: wscale 7, SACK, ECN", tsval & 0x3f == 7 | 16 | 32,
      hex(tsval))
check("syn_received", stat(out)[1:] == [1, 0, 0, 0, 0], stat(out))
cookie = th.seq

# 2. a wrong cookie, then the right one
bad = CLIENT / TCP(sport=40001, dport=80, flags="A", seq=ISN + 1,
                   ack=cookie + 2, window=502,
                   options=[("NOP", None), ("NOP", None),
                            ("Timestamp", (TSC + 10, tsval))])
ack = CLIENT / TCP(sport=40000, dport=80, flags="A", seq=ISN + 1,
                   ack=cookie + 1, window=502,
                   options=[("NOP", None), ("NOP", None),
                            ("Timestamp", (TSC + 10, tsval))])
inputs += [("eth0", bad, 1000.010), ("eth0", ack, 1000.020)]
out = run("2", inputs)
s = frames(out, "eth1")
check("one SYN to the server", len(s) == 1, [p.summary() for p in s])
s = s[0]
th = s[TCP]
check("server SYN header", str(th.flags) == "SEC" and th.seq == ISN and
      th.ack == cookie and th.window == 502 and
      (s[IP].src, s[IP].dst, th.sport) == ("192.0.2.2", "198.51.100.2",
                                          40000), s.show2(dump=True))
check("server SYN options: MSS 1460 from the cookie, SACK, TS, wscale 7",
      bytes(th)[20:] == b"\x02\x04\x05\xb4\x04\x02\x08\x0a" +
      struct.pack("!II", TSC + 10, tsval) + b"\x01\x03\x03\x07",
      bytes(th)[20:].hex())
check("cookie_invalid, cookie_valid", stat(out)[1:] == [1, 1, 1, 0, 0],
      stat(out))

# 3. the server's SYN/ACK
synack = SERVER / TCP(sport=80, dport=40000, flags="SAE", seq=SISN,
                      ack=ISN + 1, window=29200,
                      options=[("MSS", 1460), ("SAckOK", b""),
                               ("Timestamp", (TSS, TSC + 10)),
                               ("NOP", None), ("WScale", 7)])
inputs += [("eth1", synack, 1000.030)]
out = run("3", inputs)
to_server = frames(out, "eth1")[1:]
to_client = frames(out, "eth0")[1:]
check("one ACK each way", len(to_server) == 1 and len(to_client) == 1,
      [p.summary() for p in to_server + to_client])
a = to_server[0][TCP]
tsoff = (TSS - tsval) & 0xffffffff
# the ACK passes OUTPUT's conntrack (ESTABLISHED now) and then the
# synproxy hook, which moves the original direction's TSecr by tsoff
# like any later segment's: TSS + tsoff, not TSS
check("ACK to the server", str(a.flags) == "A" and
      a.seq == ISN + 1 and a.ack == SISN + 1 and
      a.window == 502 and
      bytes(a)[20:] == b"\x01\x01\x08\x0a" +
      struct.pack("!II", TSC + 10, (TSS + tsoff) & 0xffffffff),
      to_server[0].show2(dump=True))
w = to_client[0][TCP]
check("window update to the client", str(w.flags) == "A" and
      w.seq == (cookie + 1) & 0xffffffff and w.ack == ISN + 1 and
      w.window == 29200 >> 7 and
      bytes(w)[20:] == b"\x01\x01\x08\x0a" +
      struct.pack("!II", (TSS - tsoff) & 0xffffffff, TSC + 10),
      to_client[0].show2(dump=True))

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
inputs += [("eth1", sdata, 1000.040), ("eth0", cdata, 1000.050)]
out = run("4", inputs)
d = frames(out, "eth0")[2:]
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
d = frames(out, "eth1")[2:]
check("client data to the server, ack moved back", len(d) == 1 and
      d[0][TCP].ack == SISN + 11 and
      bytes(d[0][TCP])[28:32] == struct.pack("!I", TSS + 5),
      [p.summary() for p in d])
ct = open(os.path.join(out, "conntrack")).read()
check("ESTABLISHED with seqadj", "ESTABLISHED" in ct and "sport=40000" in ct,
      ct)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
