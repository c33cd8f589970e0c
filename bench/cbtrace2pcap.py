#!/usr/bin/env python3
"""cbtrace2pcap.py: a ClassBench trace -> an Ethernet pcap for `utables run`.

usage: cbtrace2pcap.py [options] TRACE > in-eth0.pcap

Every trace line (SIP DIP SPORT DPORT PROTO FLAGS RULE, format in
../shared/bench/classbench/README.md) becomes one IPv4 frame sent to the
bench host's eth0 MAC by its neighbour on eth0; the host forwards it to
eth1 (default route). The output holds N frames, cycling through the
trace lines in order (the trace's bursts of identical headers are kept),
1 us apart.

  -N, --packets N     frames to write (default 1000000)
  -m, --max-rule R    only trace lines generated from rules 0..R-1 (for a
                      rule file cut with cb2restore.py -n R); 0: all
      --all           also keep headers Linux would not forward (see
                      below); by default they are left out
      --host FILE     also write the bench HOST file (the addresses the
                      frames assume)

Frames: IPv4 header of 20 bytes (TTL 64, no DF, ID = trace line number,
valid checksum), then TCP (20 bytes; flags from the FLAGS column, ACK
when it is a wildcard), UDP (8 bytes) or ICMP (8 bytes; type from FLAGS,
echo request when a wildcard), or 8 zero bytes for any other protocol;
L4 checksums valid; padded to the 60-byte Ethernet minimum.

Not forwarded by Linux, so left out unless --all (ip_route_input_slow and
fib_validate_source): a source in 0/8, 127/8, 224/4 or 255.255.255.255; a
destination in 0/8, 127/8, 224/4 (no multicast routing) or
255.255.255.255 (delivered locally); either address in one of the bench
host's own subnets. With the wildcard corners 0 and 255.255.255.255 that
is most of fw1's headers and a few percent of acl1's.
"""
import argparse
import struct
import sys

# The bench host: eth0 faces the traffic source, eth1 the next hop that
# every destination is routed to. Tiny documentation subnets, checked
# against the traces by forwardable().
ETH0_MAC = bytes.fromhex("020000000100")
ETH1_MAC = bytes.fromhex("020000000101")
CLIENT_MAC = bytes.fromhex("020000000001")
GW_MAC = bytes.fromhex("020000000002")
SUBNETS = [(0xC0000200, 30), (0xC6336400, 30)]  # 192.0.2.0/30, 198.51.100.0/30

HOST = """\
# bench host (written by bench/cbtrace2pcap.py): frames arrive on eth0
# from 192.0.2.2 and are forwarded by the default route to 198.51.100.2
# on eth1.
link add eth0 address 02:00:00:00:01:00
link add eth1 address 02:00:00:00:01:01
addr add 192.0.2.1/30 dev eth0
addr add 198.51.100.1/30 dev eth1
route add default via 198.51.100.2 dev eth1
neigh add 192.0.2.2 lladdr 02:00:00:00:00:01 dev eth0
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
    return ~s & 0xFFFF


def in_subnet(a, net, plen):
    return (a ^ net) >> (32 - plen) == 0


def forwardable(sip, dip):
    for a in (sip, dip):
        top = a >> 24
        if top in (0, 127) or 224 <= top < 240 or a == 0xFFFFFFFF:
            return False
        if any(in_subnet(a, n, p) for n, p in SUBNETS):
            return False
    return True


def l4(proto, sip, dip, sport, dport, flags):
    wild = flags in (0, 0xFFFFFFFF)
    hi = (flags >> 24) & 0xFF
    pseudo = struct.pack("!IIBB", sip, dip, 0, proto)
    if proto == 6:
        seg = struct.pack("!HHIIBBHHH", sport, dport, 1, 0, 5 << 4,
                          0x10 if wild else hi, 65535, 0, 0)
        c = csum(pseudo + struct.pack("!H", len(seg)) + seg)
        return seg[:16] + struct.pack("!H", c) + seg[18:]
    if proto == 17:
        seg = struct.pack("!HHHH", sport, dport, 8, 0)
        c = csum(pseudo + struct.pack("!H", 8) + seg) or 0xFFFF
        return seg[:6] + struct.pack("!H", c)
    if proto == 1:
        seg = struct.pack("!BBHHH", 8 if wild else hi, 0, 0, 1, 1)
        return seg[:2] + struct.pack("!H", csum(seg)) + seg[4:]
    return bytes(8)


def frame(lineno, sip, dip, sport, dport, proto, flags):
    payload = l4(proto, sip, dip, sport, dport, flags)
    hdr = struct.pack("!BBHHHBBHII", 0x45, 0, 20 + len(payload),
                      lineno & 0xFFFF, 0, 64, proto, 0, sip, dip)
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    f = ETH0_MAC + CLIENT_MAC + b"\x08\x00" + hdr + payload
    return f + bytes(max(0, 60 - len(f)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("trace")
    ap.add_argument("-N", "--packets", type=int, default=1000000)
    ap.add_argument("-m", "--max-rule", type=int, default=0)
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--host")
    args = ap.parse_args()

    frames = []
    skipped = 0
    with open(args.trace) as f:
        for lineno, line in enumerate(f, 1):
            fields = line.split()
            if len(fields) < 7:
                continue
            sip, dip, sport, dport, proto, flags, rule = map(int, fields[:7])
            if args.max_rule and rule >= args.max_rule:
                continue
            if not args.all and not forwardable(sip, dip):
                skipped += 1
                continue
            frames.append(frame(lineno, sip, dip, sport, dport, proto,
                                flags))
    if not frames:
        sys.exit("%s: no usable trace lines" % args.trace)
    if args.host:
        with open(args.host, "w") as h:
            h.write(HOST)

    out = sys.stdout.buffer
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    rec = struct.Struct("<IIII")
    n = len(frames)
    chunk = []
    for i in range(args.packets):
        fr = frames[i % n]
        chunk.append(rec.pack(1700000000 + i // 1000000, i % 1000000,
                              len(fr), len(fr)))
        chunk.append(fr)
        if len(chunk) >= 65536:
            out.write(b"".join(chunk))
            chunk = []
    out.write(b"".join(chunk))
    out.flush()
    print("%s: %d trace lines used, %d left out (not forwardable), "
          "%d frames written" % (args.trace, n, skipped, args.packets),
          file=sys.stderr)


if __name__ == "__main__":
    main()
