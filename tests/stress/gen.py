#!/usr/bin/env python3
"""Inputs for the `utables run` stress cases and their small regression
versions (tests/run/run.sh), without scapy:

  gen.py outputs DIR N   N+1 links; one UDP datagram out of each of
                         eth1..ethN (DIR/host, DIR/rules, DIR/in-eth0.pcap)
  gen.py chains DIR N    INPUT policy DROP, N nested user chains, the
                         innermost ACCEPTs; one datagram to the host
  gen.py frags DIR N     N zero-payload fragments (each a new datagram),
                         N/2 incomplete 8-byte first fragments (more
                         than ipfrag_high_thresh holds), then, 40 s later,
                         a datagram in 2 fragments to the host

The host is the kernel scenarios' template: eth0 192.0.2.1/24 facing the
client 192.0.2.2 (02:00:00:00:00:01)."""
import os
import struct
import sys

HOST_MAC = bytes.fromhex("020000000100")
CLIENT_MAC = bytes.fromhex("020000000001")
T0 = 1700000000


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def ip4(a):
    return bytes(int(x) for x in a.split("."))


def ipv4(src, dst, payload, proto=17, ident=1, frag=0, ttl=64):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident,
                    frag, ttl, proto, 0, ip4(src), ip4(dst))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def udp(sport, dport, data):
    # checksum 0: none (legal for IPv4)
    return struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data


def frame(ip, src=CLIENT_MAC, dst=HOST_MAC):
    return dst + src + b"\x08\x00" + ip


class Pcap:
    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0,
                                 262144, 1))
        self.n = 0

    def add(self, data):
        # 10 us apart
        us = self.n * 10
        self.f.write(struct.pack("<IIII", T0 + us // 1000000,
                                 us % 1000000, len(data), len(data)) + data)
        self.n += 1

    def close(self):
        self.f.close()


HOST_HEAD = """link add eth0 address 02:00:00:00:01:00
addr add 192.0.2.1/24 dev eth0
neigh add 192.0.2.2 lladdr 02:00:00:00:00:01 dev eth0
sysctl net.ipv4.ip_forward=1
sysctl net.ipv4.conf.all.rp_filter=0
sysctl net.ipv4.conf.default.rp_filter=0
"""


def write(d, name, text):
    with open(os.path.join(d, name), "w") as f:
        f.write(text)


def outputs(d, n):
    host = [HOST_HEAD]
    pc = Pcap(os.path.join(d, "in-eth0.pcap"))
    for k in range(1, n + 1):
        net = "10.%d.%d" % (k >> 8, k & 255)
        host.append("link add eth%d address 02:00:00:02:%02x:%02x\n"
                    "addr add %s.1/24 dev eth%d\n"
                    "neigh add %s.2 lladdr 02:00:00:03:%02x:%02x dev eth%d\n"
                    % (k, k >> 8, k & 255, net, k, net, k >> 8, k & 255, k))
        pc.add(frame(ipv4("192.0.2.2", net + ".2",
                          udp(40000, 53, b"x" * 8), ident=k)))
    pc.close()
    write(d, "host", "".join(host))
    write(d, "rules", "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n"
          ":OUTPUT ACCEPT [0:0]\nCOMMIT\n")


def chains(d, n):
    rules = ["*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n"
             ":OUTPUT ACCEPT [0:0]\n"]
    rules += [":c%d - [0:0]\n" % k for k in range(1, n + 1)]
    rules.append("-A INPUT -p udp -j c1\n")
    rules += ["-A c%d -j c%d\n" % (k, k + 1) for k in range(1, n)]
    rules.append("-A c%d -j ACCEPT\nCOMMIT\n" % n)
    write(d, "rules", "".join(rules))
    write(d, "host", HOST_HEAD)
    pc = Pcap(os.path.join(d, "in-eth0.pcap"))
    pc.add(frame(ipv4("192.0.2.2", "192.0.2.1", udp(40000, 9, b"deep"))))
    pc.close()


def frags(d, n):
    write(d, "host", HOST_HEAD)
    write(d, "rules", "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n"
          ":OUTPUT ACCEPT [0:0]\nCOMMIT\n")
    pc = Pcap(os.path.join(d, "in-eth0.pcap"))
    mf = 0x2000
    for k in range(n):
        # a zero-payload fragment at offset 8, MF: a datagram of its own
        src = "198.18.%d.%d" % ((k >> 8) & 255, k & 255)
        pc.add(frame(ipv4(src, "192.0.2.1", b"", ident=k & 0xffff,
                          frag=mf | 1)))
        if k % 2 == 0:
            # and a first fragment whose datagram never completes
            pc.add(frame(ipv4(src, "192.0.2.1", b"\0" * 8, ident=k >> 16,
                              proto=17, frag=mf)))
    # 40 s later (the queues of the first fragments expired: ipfrag_time)
    pc.n += 4000000
    whole = udp(40000, 9, b"complete")
    pc.add(frame(ipv4("192.0.2.2", "192.0.2.1", whole[:8], ident=7,
                      frag=mf)))
    pc.add(frame(ipv4("192.0.2.2", "192.0.2.1", whole[8:], ident=7,
                      frag=1)))
    pc.close()


if __name__ == "__main__":
    mode, d, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(d, exist_ok=True)
    {"outputs": outputs, "chains": chains, "frags": frags}[mode](d, n)
