#!/usr/bin/env python3
"""ctflows.py: the connection tracking benchmark's inputs (bench/README.md,
"conntrack: many connections").

usage: bench/ctflows.py OUTDIR [-f FLOWS] [-r RULES]

Writes into OUTDIR:
  host         a two-legged forwarding host (eth0 clients, eth1 servers)
  rules        filter FORWARD: rule 1 accepts ESTABLISHED,RELATED; RULES-2
               rules that match none of the traffic; then NEW TCP SYNs to
               port 80 are accepted; policy DROP
  in-eth0.pcap, in-eth1.pcap
               FLOWS concurrent TCP connections, 10 packets each: every
               handshake first (SYN, SYN/ACK, ACK), then two data segments
               each way, then the FIN teardown (FIN/ACK, FIN/ACK, ACK), so
               that all FLOWS connections are open at once; 1 us apart.
Pure Python (no scapy): the frames are built with struct.
"""
import argparse
import os
import struct

CLIENT_MAC = bytes.fromhex("020000000001")
SERVER_MAC = bytes.fromhex("020000000002")
ETH0_MAC = bytes.fromhex("020000000100")
ETH1_MAC = bytes.fromhex("020000000101")

HOST = """# bench/ctflows.py: clients (10.0.0.0/8) behind 192.168.0.2 on eth0,
# the server 198.51.100.2 on eth1
link add eth0 address 02:00:00:00:01:00
link add eth1 address 02:00:00:00:01:01
addr add 192.168.0.1/24 dev eth0
addr add 198.51.100.1/24 dev eth1
route add 10.0.0.0/8 via 192.168.0.2 dev eth0
neigh add 192.168.0.2 lladdr 02:00:00:00:00:01 dev eth0
neigh add 198.51.100.2 lladdr 02:00:00:00:00:02 dev eth1
sysctl net.ipv4.ip_forward=1
sysctl net.ipv4.conf.all.rp_filter=0
sysctl net.ipv4.conf.default.rp_filter=0
"""


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ip4(a):
    return bytes(int(x) for x in a.split("."))


def tcp_frame(src_mac, dst_mac, src, dst, sport, dport, seq, ack, flags,
              payload=b""):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags,
                      65535, 0, 0) + payload
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
    iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0x4000,
                      64, 6, 0, src, dst)
    iph = iph[:10] + struct.pack("!H", csum(iph)) + iph[12:]
    return dst_mac + src_mac + b"\x08\x00" + iph + tcp


def client_addr(i):
    n = 0x0A000002 + i  # 10.0.0.2 ...
    return bytes([(n >> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255])


class Pcap:
    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, 65535,
                                 1))

    def add(self, t_ns, frame):
        self.f.write(struct.pack("<IIII", t_ns // 10**9, t_ns % 10**9,
                                 len(frame), len(frame)) + frame)

    def close(self):
        self.f.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("-f", "--flows", type=int, default=100000)
    ap.add_argument("-r", "--rules", type=int, default=1000)
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    with open(os.path.join(a.outdir, "host"), "w") as f:
        f.write(HOST)
    with open(os.path.join(a.outdir, "rules"), "w") as f:
        f.write("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n"
                ":OUTPUT ACCEPT [0:0]\n")
        f.write("-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED "
                "-j ACCEPT\n")
        for i in range(a.rules - 2):
            f.write("-A FORWARD -s 192.0.2.%d/32 -p tcp -m tcp --dport %d "
                    "-j ACCEPT\n" % (i % 256, 1000 + i))
        f.write("-A FORWARD -p tcp -m tcp --dport 80 --tcp-flags "
                "FIN,SYN,RST,ACK SYN -m conntrack --ctstate NEW -j ACCEPT\n")
        f.write("COMMIT\n")
    eth0 = Pcap(os.path.join(a.outdir, "in-eth0.pcap"))
    eth1 = Pcap(os.path.join(a.outdir, "in-eth1.pcap"))
    server = ip4("198.51.100.2")
    t = 1700000000 * 10**9
    data = b"x" * 100
    # per flow: (sender is client?, flags, seq offset, ack offset, payload)
    phases = [
        [(True, 0x02, 0, None, b""), (False, 0x12, 0, 1, b""),
         (True, 0x10, 1, 1, b"")],
        [(True, 0x18, 1, 1, data), (False, 0x18, 1, 101, data),
         (True, 0x18, 101, 101, data), (False, 0x18, 101, 201, data)],
        [(True, 0x11, 201, 201, b""), (False, 0x11, 201, 202, b""),
         (True, 0x10, 202, 202, b"")],
    ]
    for phase in phases:
        for step in phase:
            for i in range(a.flows):
                cli = client_addr(i)
                sport = 1024 + i % 60000
                cseq, sseq = 1000 + i, 5000 + i
                is_cli, flags, so, ao, pl = step
                if is_cli:
                    ack = 0 if ao is None else sseq + ao
                    fr = tcp_frame(CLIENT_MAC, ETH0_MAC, cli, server, sport,
                                   80, cseq + so, ack, flags, pl)
                    eth0.add(t, fr)
                else:
                    fr = tcp_frame(SERVER_MAC, ETH1_MAC, server, cli, 80,
                                   sport, sseq + so, cseq + ao, flags, pl)
                    eth1.add(t, fr)
                t += 1000
    eth0.close()
    eth1.close()


if __name__ == "__main__":
    main()
