"""Frames and outputs compared field by field: pcap/pcapng reading and
writing, a small Ethernet/IPv4/TCP/UDP/ICMP/ARP decoder, the masks of what
varies from run to run, and the comparison of two output directories
(README.md, "Comparing")."""

import difflib
import ipaddress
import os
import re
import struct

from scenario import HarnessError

# A transmitted frame may be stamped this far from the kernel's (normalised)
# capture time: the injector refuses frames more than run.LATE_MS late, plus
# the forwarding latency and one jiffy of phase.
TIME_TOL_NS = 5 * 1000000

# what an nfnetlink_log listener (tcpdump -i nflog:N, ulogd) captures
LINKTYPE_NFLOG = 239
# NFULA_* attribute names (linux/netfilter/nfnetlink_log.h)
NFULA_NAMES = {1: "hdr", 2: "mark", 3: "timestamp", 4: "indev",
               5: "outdev", 6: "physindev", 7: "physoutdev", 8: "hwaddr",
               9: "payload", 10: "prefix", 11: "uid", 12: "seq",
               13: "seq_global", 14: "gid", 15: "hwtype", 16: "hwheader",
               17: "hwlen", 18: "ct", 19: "ct_info", 20: "vlan",
               21: "l2hdr"}


def read_pcap(path):
    """(linktype, [(ts_ns, bytes)]) of a pcap (us or ns, either byte order)
    or pcapng file (enhanced/simple packet blocks, first interface's
    resolution)."""
    with open(path, "rb") as fh:
        data = fh.read()
    if len(data) < 4:
        raise HarnessError("%s: not a pcap file (%d bytes)" %
                           (path, len(data)))
    if data[:4] == b"\x0a\x0d\x0d\x0a":
        return _read_pcapng(data, path)
    for end in "<>":
        magic = struct.unpack(end + "I", data[:4])[0]
        if magic in (0xa1b2c3d4, 0xa1b23c4d):
            break
    else:
        raise HarnessError("%s: not a pcap file (magic %s)" %
                           (path, data[:4].hex()))
    scale = 1000 if magic == 0xa1b2c3d4 else 1
    if len(data) < 24:
        raise HarnessError("%s: truncated pcap header" % path)
    linktype = struct.unpack(end + "I", data[20:24])[0] & 0x0fffffff
    frames = []
    off = 24
    while off < len(data):
        if off + 16 > len(data):
            raise HarnessError("%s: truncated record header after frame %d"
                               % (path, len(frames)))
        sec, frac, caplen, _ = struct.unpack(end + "IIII", data[off:off + 16])
        off += 16
        if off + caplen > len(data):
            raise HarnessError("%s: frame %d truncated" %
                               (path, len(frames) + 1))
        frames.append((sec * 1000000000 + frac * scale,
                       data[off:off + caplen]))
        off += caplen
    return linktype, frames


def _read_pcapng(data, path):
    off = 0
    end = "<"
    linktype = None
    tsres = 1000  # ns per unit, default microseconds
    frames = []
    while off + 12 <= len(data):
        btype = struct.unpack(end + "I", data[off:off + 4])[0]
        if btype == 0x0a0d0d0a:
            bom = data[off + 8:off + 12]
            end = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">"
        blen = struct.unpack(end + "I", data[off + 4:off + 8])[0]
        if blen < 12 or off + blen > len(data):
            raise HarnessError("%s: bad pcapng block at %d" % (path, off))
        body = data[off + 8:off + blen - 4]
        if btype == 1 and linktype is None:  # interface description
            linktype = struct.unpack(end + "H", body[:2])[0]
            opt = 8
            while opt + 4 <= len(body):
                code, olen = struct.unpack(end + "HH", body[opt:opt + 4])
                if code == 0:
                    break
                if code == 9 and olen >= 1:  # if_tsresol
                    r = body[opt + 4]
                    tsres = (10 ** 9 // (10 ** (r & 0x7f)) if not r & 0x80
                             else 10 ** 9 // (2 ** (r & 0x7f)))
                opt += 4 + ((olen + 3) & ~3)
        elif btype == 6:  # enhanced packet
            _, hi, lo, caplen, _ = struct.unpack(end + "IIIII", body[:20])
            frames.append((((hi << 32) | lo) * tsres, body[20:20 + caplen]))
        elif btype == 3:  # simple packet
            olen = struct.unpack(end + "I", body[:4])[0]
            frames.append((0, body[4:4 + olen]))
        off += blen
    return (linktype if linktype is not None else 1), frames


def write_pcap(path, frames, linktype=1):
    """A classic little-endian microsecond pcap, as tcpdump writes."""
    with open(path, "wb") as fh:
        fh.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144,
                             linktype))
        for ts, b in frames:
            us = (ts + 500) // 1000
            fh.write(struct.pack("<IIII", us // 1000000, us % 1000000,
                                 len(b), len(b)))
            fh.write(b)


def pcap_frames(path):
    """Frames of an interface pcap, [] when the file is absent."""
    if not os.path.exists(path):
        return []
    linktype, frames = read_pcap(path)
    if linktype != 1 and frames:
        raise HarnessError("%s: link type %d, want Ethernet (1)" %
                           (path, linktype))
    return frames



# ------------------------------------------------------ frame decoding

def csum16(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


TCP_FLAGS = "FSRPAUEC"


def decode(frame):
    """[(field, value)] of an Ethernet frame, outermost first; the
    checksums carry `ok`/`BAD` after recomputing."""
    f = []
    if len(frame) < 14:
        return [("eth.truncated", frame.hex())]
    f.append(("eth.dst", mac(frame[0:6])))
    f.append(("eth.src", mac(frame[6:12])))
    off = 12
    etype = struct.unpack("!H", frame[off:off + 2])[0]
    while etype in (0x8100, 0x88a8) and len(frame) >= off + 6:
        tci = struct.unpack("!H", frame[off + 2:off + 4])[0]
        f.append(("vlan.tci", "0x%04x" % tci))
        off += 4
        etype = struct.unpack("!H", frame[off:off + 2])[0]
    f.append(("eth.type", "0x%04x" % etype))
    off += 2
    if etype == 0x0800:
        decode_ip(frame[off:], "ip.", f, quoted=False)
    elif etype == 0x0806:
        decode_arp(frame[off:], f)
    else:
        f.append(("payload", frame[off:].hex()))
    return f


def mac(b):
    return ":".join("%02x" % x for x in b)


def decode_arp(b, f):
    if len(b) < 28:
        f.append(("arp.truncated", b.hex()))
        return
    op = struct.unpack("!H", b[6:8])[0]
    f += [("arp.op", op), ("arp.sha", mac(b[8:14])),
          ("arp.spa", str(ipaddress.IPv4Address(b[14:18]))),
          ("arp.tha", mac(b[18:24])),
          ("arp.tpa", str(ipaddress.IPv4Address(b[24:28])))]
    if len(b) > 28:
        f.append(("arp.trailer", b[28:].hex()))


def decode_ip(b, p, f, quoted):
    if len(b) < 20:
        f.append((p + "truncated", b.hex()))
        return
    vihl, tos, tot, ident, frag, ttl, proto, cs = struct.unpack(
        "!BBHHHBBH", b[:12])
    ihl = (vihl & 15) * 4
    src = str(ipaddress.IPv4Address(b[12:16]))
    dst = str(ipaddress.IPv4Address(b[16:20]))
    hdr_ok = len(b) >= ihl and ihl >= 20 and csum16(b[:ihl]) == 0
    flags = "".join(n for bit, n in ((0x8000, "RF"), (0x4000, "DF"),
                                     (0x2000, "MF")) if frag & bit)
    f += [(p + "version", vihl >> 4), (p + "ihl", ihl),
          (p + "tos", "0x%02x" % tos), (p + "len", tot),
          (p + "id", ident), (p + "flags", flags or "-"),
          (p + "frag", (frag & 0x1fff) * 8), (p + "ttl", ttl),
          (p + "proto", proto),
          (p + "csum", "0x%04x %s" % (cs, "ok" if hdr_ok else "BAD")),
          (p + "src", src), (p + "dst", dst)]
    if ihl > 20:
        f.append((p + "options", b[20:ihl].hex()))
    end = len(b) if quoted else min(len(b), tot)
    if not quoted and len(b) > tot:
        f.append((p + "trailer", b[tot:].hex()))
    l4 = b[ihl:end]
    if frag & 0x1fff:
        f.append((p + "payload", l4.hex()))
        return
    whole = not quoted and not (frag & 0x2000) and len(b) >= tot
    pseudo = b[12:20] + struct.pack("!BBH", 0, proto, len(l4))
    q = p[:-3]  # "" or "icmp.inner."
    if proto == 6 and len(l4) >= 20:
        sp, dp, seq, ack, offf, win, tcs, urg = struct.unpack(
            "!HHIIHHHH", l4[:20])
        doff = (offf >> 12) * 4
        fl = "".join(c for i, c in enumerate(TCP_FLAGS) if offf & (1 << i))
        f += [(q + "tcp.sport", sp), (q + "tcp.dport", dp),
              (q + "tcp.seq", seq), (q + "tcp.ack", ack),
              (q + "tcp.doff", doff), (q + "tcp.res", (offf >> 8) & 15),
              (q + "tcp.flags", fl or "-"), (q + "tcp.win", win),
              (q + "tcp.csum", "0x%04x%s" % (tcs, csum_note(whole,
                                                           pseudo + l4))),
              (q + "tcp.urg", urg)]
        if doff > 20:
            f.append((q + "tcp.options", l4[20:doff].hex()))
        f.append((q + "tcp.payload", l4[max(doff, 20):].hex()))
    elif proto == 17 and len(l4) >= 8:
        sp, dp, ulen, ucs = struct.unpack("!HHHH", l4[:8])
        f += [(q + "udp.sport", sp), (q + "udp.dport", dp),
              (q + "udp.len", ulen),
              (q + "udp.csum", "0x%04x%s" % (ucs, "" if ucs == 0 else
                                             csum_note(whole, pseudo + l4))),
              (q + "udp.payload", l4[8:].hex())]
    elif proto == 1 and len(l4) >= 8:
        typ, code, ics = struct.unpack("!BBH", l4[:4])
        f += [(q + "icmp.type", typ), (q + "icmp.code", code),
              (q + "icmp.csum", "0x%04x%s" % (ics, csum_note(whole, l4))),
              (q + "icmp.rest", l4[4:8].hex())]
        if typ in (3, 4, 5, 11, 12) and not quoted:
            decode_ip(l4[8:], "icmp.inner.ip.", f, quoted=True)
        else:
            f.append((q + "icmp.data", l4[8:].hex()))
    else:
        f.append((p + "payload", l4.hex()))


def csum_note(whole, data):
    if not whole:
        return ""
    return " ok" if csum16(data) == 0 else " BAD"


def summary(frame):
    d = dict(decode(frame))
    s = "%s > %s" % (d.get("eth.src"), d.get("eth.dst"))
    if "ip.src" in d:
        s += " %s > %s ttl %s id %s len %s" % (d["ip.src"], d["ip.dst"],
                                              d["ip.ttl"], d["ip.id"],
                                              d["ip.len"])
        if "tcp.sport" in d:
            s += " TCP %s > %s [%s] seq %s ack %s" % (
                d["tcp.sport"], d["tcp.dport"], d["tcp.flags"],
                d["tcp.seq"], d["tcp.ack"])
        elif "udp.sport" in d:
            s += " UDP %s > %s" % (d["udp.sport"], d["udp.dport"])
        elif "icmp.type" in d:
            s += " ICMP type %s code %s" % (d["icmp.type"], d["icmp.code"])
    elif "arp.op" in d:
        s += " ARP op %s %s > %s" % (d["arp.op"], d["arp.spa"], d["arp.tpa"])
    else:
        s += " type %s" % d.get("eth.type")
    return s



# ------------------------------------------------------------ comparing

# ICMP errors: what the host builds itself (icmp_send); an echo request it
# was given to send (local.pcap) keeps its ID
ICMP_ERRORS = (3, 4, 5, 11, 12)


def is_host_addr(addr, host_addrs):
    """ADDR (dotted) is the host's: one of HOST's addresses or loopback's
    127.0.0.0/8 (lo is up with 127.0.0.1/8 in the kernel's namespace)."""
    return addr in host_addrs or addr.startswith("127.")


def tcp_csum_ok(b, ip, ihl):
    """The TCP checksum of the IPv4 datagram at IP in B verifies."""
    tot = struct.unpack("!H", b[ip + 2:ip + 4])[0]
    seg = bytes(b[ip + ihl:ip + tot])
    pseudo = b[ip + 12:ip + 20] + struct.pack("!BBH", 0, 6, len(seg))
    return len(seg) >= 20 and csum16(pseudo + seg) == 0


def mask_syncookie(b, ip, ihl):
    """A SYN/ACK's cookie: the sequence number, the bits of a timestamp
    option's TSval above the 6 that code options, and the TCP checksum
    (when it verifies: a bad one stays visible)."""
    th = ip + ihl
    if len(b) < th + 20 or b[ip + 9] != 6 or \
            b[th + 13] & 0x17 != 0x12 or not tcp_csum_ok(b, ip, ihl):
        return
    b[th + 4:th + 8] = b"\0\0\0\0"
    b[th + 16:th + 18] = b"\0\0"
    off, end = th + 20, min(th + (b[th + 12] >> 4) * 4, len(b))
    while off < end:
        kind = b[off]
        if kind == 0:
            break
        if kind == 1:
            off += 1
            continue
        if off + 1 >= end or b[off + 1] < 2:
            break
        if kind == 8 and b[off + 1] == 10 and off + 10 <= end:
            b[off + 2:off + 5] = b"\0\0\0"
            b[off + 5] &= 0x3f
        off += b[off + 1]


def mask_frame(frame, host_addrs, syncookie=False):
    """FRAME with what varies from run to run masked: the IP ID of ICMP
    errors the host built (ip_select_ident has a per-namespace random
    key), and so their IP header checksum, which must be valid; with
    SYNCOOKIE (a HOST with `syncookie secret`) every TCP SYN/ACK's cookie
    (mask_syncookie)."""
    off = 12
    if len(frame) < 14:
        return frame
    etype = struct.unpack("!H", frame[off:off + 2])[0]
    while etype in (0x8100, 0x88a8) and len(frame) >= off + 6:
        off += 4
        etype = struct.unpack("!H", frame[off:off + 2])[0]
    ip = off + 2
    if etype != 0x0800 or len(frame) < ip + 20:
        return frame
    ihl = (frame[ip] & 15) * 4
    if ihl < 20 or len(frame) < ip + ihl + 1:
        return frame
    if syncookie:
        b = bytearray(frame)
        mask_syncookie(b, ip, ihl)
        frame = bytes(b)
    if frame[ip + 9] == 6:
        return mask_synack(frame, ip, ihl, host_addrs)
    if frame[ip + 9] != 1 or frame[ip + ihl] not in ICMP_ERRORS + (0,):
        return frame
    src = str(ipaddress.IPv4Address(frame[ip + 12:ip + 16]))
    if not is_host_addr(src, host_addrs) or csum16(frame[ip:ip + ihl]) != 0:
        return frame  # a bad checksum stays visible
    b = bytearray(frame)
    b[ip + 4:ip + 6] = b"\0\0"
    b[ip + 10:ip + 12] = b"\0\0"
    return bytes(b)


class HostAddrs(set):
    """The host's addresses, and whether a SYN-ACK from any address is
    its stack's (HOST `stack on`: un-NATed, or a transparent socket's)."""
    any_synack = False


def mask_synack(frame, ip, ihl, host_addrs):
    """A SYN-ACK of the host's stack (HOST `stack on`): Linux draws its
    ISN and its timestamp offset at random: the sequence number, the
    TSval and so the TCP checksum are masked (the checksum must be valid).
    A SYN-ACK of another (forwarded) is a frame like any."""
    th = ip + ihl
    tot = struct.unpack("!H", frame[ip + 2:ip + 4])[0]
    if len(frame) < th + 20 or frame[th + 13] & 0x12 != 0x12:
        return frame
    src = frame[ip + 12:ip + 16]
    if not getattr(host_addrs, "any_synack", False) and \
            not is_host_addr(str(ipaddress.IPv4Address(src)), host_addrs):
        return frame
    seg = frame[th:ip + tot]
    pseudo = frame[ip + 12:ip + 20] + struct.pack("!BBH", 0, 6, len(seg))
    if csum16(pseudo + seg) != 0:
        return frame  # a bad checksum stays visible
    b = bytearray(frame)
    b[th + 4:th + 8] = b"\0\0\0\0"
    b[th + 16:th + 18] = b"\0\0"
    doff = (frame[th + 12] >> 4) * 4
    i = 20
    while i < doff:
        kind = b[th + i]
        if kind == 0:
            break
        if kind == 1:
            i += 1
            continue
        size = b[th + i + 1] if i + 1 < doff else 0
        if size < 2:
            break
        if kind == 8 and size == 10:
            b[th + i + 2:th + i + 6] = b"\0\0\0\0"
        i += size
    return bytes(b)


LOG_ICMP_ERROR_RE = re.compile(r"\bPROTO=ICMP TYPE=(%s) " %
                               "|".join(str(t) for t in ICMP_ERRORS))


NETNS_RE = re.compile(r"\bin netns \d+,")


def mask_log(line, host_addrs):
    """A LOG line of an ICMP error the host built (SRC= one of its
    addresses; IN= empty: seen in OUTPUT or POSTROUTING, or IN=lo: sent to
    itself, seen again in PREROUTING or INPUT): its first ID= is the
    random IP ID."""
    # nf_conntrack's "table full in netns N, dropping packet": the
    # namespace's inode number
    line = NETNS_RE.sub("in netns *,", line)
    if not re.search(r"\bIN=(lo)? ", line):
        return line
    m = re.search(r"\bSRC=(\S+)", line)
    if not m or not is_host_addr(m.group(1), host_addrs) or \
            not LOG_ICMP_ERROR_RE.search(line):
        return line
    return re.sub(r"\bID=\d+", "ID=*", line, count=1)


CT_SECS_RE = re.compile(r"^(\S+\s+\d+\s+)\d+")


def mask_conntrack(line):
    line = CT_SECS_RE.sub(r"\1*", line)
    return re.sub(r"\buse=\d+", "use=*", line)


# a conntrack -E line: `    [NEW] tcp      6 120 SYN_SENT src=...`; the
# utables side prefixes each with the input packet number or `timer`
CT_EV_SECS_RE = re.compile(r"^(\s*\[[A-Z]+\]\s+\S+\s+\d+\s+)\d+(?=\s)")
CT_EV_PREFIX_RE = re.compile(r"^(\d+|timer) ")


def mask_ct_event(line):
    line = CT_EV_PREFIX_RE.sub("", line)
    line = CT_EV_SECS_RE.sub(r"\1*", line)
    return re.sub(r"\buse=\d+", "use=*", line)


def read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path) as fh:
        text = fh.read()
    return text.split("\n")[:-1] if text.endswith("\n") else \
        text.split("\n") if text else []


def compare_dirs(kdir, odir, host, other="utables", kname="kernel",
                 tol_ns=TIME_TOL_NS, events=None):
    """Differences between the kernel's outputs in KDIR and the other
    side's in ODIR, as readable lines ([] = the same). TOL_NS: how far
    the stamps of equal frames may be apart. The conntrack events are
    compared when EVENTS is true; None: when KDIR has them."""
    diffs = []
    addrs = HostAddrs(host.addrs)
    # with the host's stack on, every SYN-ACK it sends is its stack's, also
    # from addresses not its own (un-NATed, or a transparent socket's)
    addrs.any_synack = getattr(host, "stack", False)

    # frames, per interface
    def ifaces(d):
        return {f[:-5] for f in os.listdir(d) if f.endswith(".pcap")
                and f != "local.pcap" and not f.startswith("in-")
                and not f.startswith("nflog-")} \
            if os.path.isdir(d) else set()
    for iface in sorted(ifaces(kdir) | ifaces(odir)):
        try:
            kf = pcap_frames(os.path.join(kdir, iface + ".pcap"))
            of = pcap_frames(os.path.join(odir, iface + ".pcap"))
        except HarnessError as e:
            diffs.append(str(e))
            continue
        diffs += compare_frames(iface, kf, of, addrs, other, kname, tol_ns,
                                getattr(host, "syncookie", False))

    # NFLOG groups, message by message
    def groups(d):
        return {f for f in os.listdir(d) if f.startswith("nflog-")
                and f.endswith(".pcap")} if os.path.isdir(d) else set()
    for name in sorted(groups(kdir) | groups(odir)):
        try:
            kn = nflog_lines(os.path.join(kdir, name))
            on = nflog_lines(os.path.join(odir, name))
        except HarnessError as e:
            diffs.append(str(e))
            continue
        diffs += text_diff(name, kn, on, kname, other)

    # locally delivered packets
    lc = os.path.join(kdir, "local-count")
    if os.path.exists(lc):
        want = int(open(lc).read().strip() or 0)
        lp = os.path.join(odir, "local.pcap")
        olc = os.path.join(odir, "local-count")
        try:
            if os.path.exists(lp):      # utables: the delivered packets
                got = len(read_pcap(lp)[1])
            elif os.path.exists(olc):   # another kernel run
                got = int(open(olc).read().strip() or 0)
            else:
                got = 0
        except (HarnessError, ValueError) as e:
            diffs.append("local: %s" % e)
            got = want
        if got != want:
            diffs.append("local delivery: %s %d packets, %s %d" %
                         (kname, want, other, got))

    # counters: exact text
    kc = os.path.join(kdir, "counters")
    oc = os.path.join(odir, "counters")
    if not os.path.exists(oc):
        diffs.append("counters: %s wrote no counters file" % other)
    else:
        diffs += text_diff("counters", read_lines(kc), read_lines(oc),
                           kname, other)

    # LOG / TRACE lines, in order
    kl = [mask_log(l, addrs) for l in read_lines(os.path.join(kdir, "log"))]
    ol = [mask_log(l, addrs) for l in read_lines(os.path.join(odir, "log"))]
    diffs += text_diff("log", kl, ol, kname, other)

    # conntrack, sorted, timers and use= masked
    kt = sorted(mask_conntrack(l) for l in
                read_lines(os.path.join(kdir, "conntrack")) if l.strip())
    ot = sorted(mask_conntrack(l) for l in
                read_lines(os.path.join(odir, "conntrack")) if l.strip())
    diffs += text_diff("conntrack", kt, ot, kname, other)

    # nfacct list: exact text, when the scenario has objects
    if os.path.exists(os.path.join(kdir, "nfacct")):
        diffs += text_diff("nfacct", read_lines(os.path.join(kdir, "nfacct")),
                           read_lines(os.path.join(odir, "nfacct")),
                           kname, other)
    diffs += compare_hashlimit(kdir, odir, kname, other)
    diffs += compare_recent(kdir, odir, host, kname, other)

    if events is None:
        events = os.path.exists(os.path.join(kdir, "conntrack-events"))
    if events:
        diffs += compare_events(kdir, odir, kname, other)
    return diffs


HL_DIR = os.path.join("proc", "net", "ipt_hashlimit")


def _hl_lines(path):
    out = []
    for l in read_lines(path):
        f = l.split()
        if len(f) == 5:
            out.append((f[1], int(f[0]), int(f[2]), f[3], f[4]))
    return sorted(out)


def compare_hashlimit(kdir, odir, kname="kernel", other="utables"):
    """/proc/net/ipt_hashlimit/NAME: lines sorted by their addresses (the
    kernel's bucket order follows a random hash key). Each side reads its
    table at its own end (the kernel about 0.3 s after utables, and two
    kernel runs not at the same moment): the seconds left may differ by
    1, the credits (first number) may differ (refilled by the later read)
    but never beyond the cap; addresses, cap and cost are exact: keep a
    quiet time before the end so that buckets are full again."""
    diffs = []
    names = set()
    for d in (kdir, odir):
        p = os.path.join(d, HL_DIR)
        if os.path.isdir(p):
            names |= set(os.listdir(p))
    for name in sorted(names):
        kp = os.path.join(kdir, HL_DIR, name)
        op = os.path.join(odir, HL_DIR, name)
        if not os.path.exists(kp) or not os.path.exists(op):
            diffs.append("hashlimit %s: only %s has it" % (
                name, kname if os.path.exists(kp) else other))
            continue
        kl, ol = _hl_lines(kp), _hl_lines(op)
        bad = len(kl) != len(ol)
        for k, o in zip(kl, ol):
            if k[0] != o[0] or abs(k[1] - o[1]) > 1 or k[3:] != o[3:]:
                bad = True
            if k[2] != o[2] and max(k[2], o[2]) > int(k[3]):
                bad = True
        if bad:
            diffs += text_diff("hashlimit " + name,
                               read_lines(kp), read_lines(op), kname, other)
    return diffs


# how far apart the times of equal recent stamps may be: the kernel's
# reference is read beside the injection, its writes come just before it
RECENT_TOL_MS = 60
RECENT_RE = re.compile(r"^src=(\S+) ttl: (\d+) last_seen: (\d+) "
                       r"oldest_pkt: (\d+)((?:,? \d+)*)$")


def read_recent(d, name, hz):
    """{src: (ttl, oldest_pkt, last_seen ms, [stamp ms])} of
    D/proc/net/xt_recent/NAME, times relative to D/proc-jiffies (the
    first input frame)."""
    path = os.path.join(d, "proc", "net", "xt_recent", name)
    out = {}
    if not os.path.exists(path):
        return None
    ref = float(open(os.path.join(d, "proc-jiffies")).read().strip())
    for line in read_lines(path):
        m = RECENT_RE.match(line)
        if not m:
            out[line] = None
            continue
        ms = lambda j: (int(j) - ref) * 1000.0 / hz  # noqa: E731
        stamps = [ms(x) for x in m.group(5).replace(",", " ").split()]
        out[m.group(1)] = (int(m.group(2)), int(m.group(4)),
                           ms(m.group(3)), stamps)
    return out


def written(k, o):
    """A stamp of a write to /proc before the traffic (HOST `recent`
    lines): utables dates it at the first input, the kernel when the
    harness wrote it, up to a second before."""
    return abs(o) < 1 and -1000 <= k <= RECENT_TOL_MS


def compare_recent(kdir, odir, host, kname, other):
    """/proc/net/xt_recent/NAME: the same addresses, TTLs, oldest_pkt
    and number of stamps, each stamp at the same time since the first
    input (within RECENT_TOL_MS)."""
    names = set()
    for d in (kdir, odir):
        rd = os.path.join(d, "proc", "net", "xt_recent")
        if os.path.isdir(rd):
            names |= set(os.listdir(rd))
    diffs = []
    hz = host.hz()
    for name in sorted(names):
        what = "proc/net/xt_recent/%s" % name
        k = read_recent(kdir, name, hz)
        o = read_recent(odir, name, hz)
        if k is None or o is None:
            diffs.append("%s: only %s has it" % (what, kname if o is None
                                                  else other))
            continue
        for src in sorted(set(k) | set(o)):
            if src not in o or src not in k:
                diffs.append("%s: %s only in %s" % (what, src, kname if
                                                     src in k else other))
                continue
            a, b = k[src], o[src]
            if a is None or b is None:
                diffs.append("%s: unreadable line %s" % (what, src))
                continue
            if a[:2] != b[:2] or len(a[3]) != len(b[3]):
                diffs.append("%s: %s: %s ttl %d oldest_pkt %d, %d stamps; "
                             "%s ttl %d oldest_pkt %d, %d stamps" % (
                                 what, src, kname, a[0], a[1], len(a[3]),
                                 other, b[0], b[1], len(b[3])))
                continue
            for i, (x, y) in enumerate(zip([a[2]] + a[3], [b[2]] + b[3])):
                if written(x, y):
                    continue
                if abs(x - y) > RECENT_TOL_MS:
                    diffs.append("%s: %s: %s: %s %.0f ms, %s %.0f ms "
                                 "after the first input" % (
                                     what, src, "last_seen" if i == 0 else
                                     "stamp %d" % i, kname, x, other, y))
                    break
    return diffs


def nflog_lines(path):
    """One line per NFLOG message of a LINKTYPE_NFLOG pcap: the header
    (family, version, group) and the attributes in order, values in hex;
    the timestamp's value masked (the kernel's is the wall clock), its
    presence kept. [] when the file is absent."""
    if not os.path.exists(path):
        return []
    linktype, frames = read_pcap(path)
    if frames and linktype != LINKTYPE_NFLOG:
        raise HarnessError("%s: link type %d, want NFLOG (239)" %
                           (path, linktype))
    out = []
    for _, b in frames:
        if len(b) < 4:
            out.append("short message %s" % b.hex())
            continue
        items = ["af=%d v=%d group=%d" % (b[0], b[1],
                                          struct.unpack(">H", b[2:4])[0])]
        off = 4
        while off + 4 <= len(b):
            # TLV length and type in the host's order (little-endian)
            ln, typ = struct.unpack("<HH", b[off:off + 4])
            if ln < 4 or off + ln > len(b):
                items.append("bad-tlv@%d" % off)
                break
            name = NFULA_NAMES.get(typ & 0x7fff, "type%d" % typ)
            val = "*" if name == "timestamp" else b[off + 4:off + ln].hex()
            items.append("%s=%s" % (name, val))
            off += (ln + 3) & ~3
        out.append(" ".join(items))
    return out


def compare_events(kdir, odir, kname="kernel", other="utables"):
    """conntrack -E lines in order: the utables prefix dropped, remaining
    seconds and use= masked."""
    ke = [mask_ct_event(l) for l in
          read_lines(os.path.join(kdir, "conntrack-events"))]
    oe = [mask_ct_event(l) for l in
          read_lines(os.path.join(odir, "conntrack-events"))]
    return text_diff("conntrack-events", ke, oe, kname, other)


def text_diff(what, a, b, an, bn):
    if a == b:
        return []
    out = ["%s differs (--- %s, +++ %s):" % (what, an, bn)]
    d = list(difflib.unified_diff(a, b, an, bn, n=1, lineterm=""))[2:]
    if len(d) > 40:
        d = d[:40] + ["... (%d more diff lines)" % (len(d) - 40)]
    out += ["    " + l for l in d]
    return out


def compare_frames(iface, kf, of, addrs, other, kname, tol_ns=TIME_TOL_NS,
                   syncookie=False):
    """Frames of one interface: aligned on their masked bytes (so a missing
    or extra frame shows as such), the first differing pair decoded field by
    field, stamps of equal frames within TIME_TOL_NS."""
    km = [mask_frame(b, addrs, syncookie) for _, b in kf]
    om = [mask_frame(b, addrs, syncookie) for _, b in of]
    out = []
    head = "%s.pcap: %s sent %d frames, %s %d" % (iface, kname, len(kf),
                                                  other, len(of))
    shown = 0
    detailed = False
    timed = False
    sm = difflib.SequenceMatcher(None, km, om, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2)):
                dt = of[j][0] - kf[i][0]
                if abs(dt) > tol_ns and not timed:
                    timed = True
                    out.append("%s.pcap frame %d: stamped %+.6f s from the "
                               "%s's (%s %.6f, %s %.6f; tolerance %d ms)" % (
                                   iface, i + 1, dt / 1e9, kname, kname,
                                   kf[i][0] / 1e9, other, of[j][0] / 1e9,
                                   tol_ns // 1000000))
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            i, j = i1 + k, j1 + k
            if shown < 5:
                out.append("%s.pcap frame %d differs (%s frame %d):" % (
                    iface, i + 1, other, j + 1))
                out.append("    %-8s %s" % (kname, summary(kf[i][1])))
                out.append("    %-8s %s" % (other, summary(of[j][1])))
                if not detailed:
                    detailed = True
                    out += field_diff(kf[i][1], of[j][1], km[i], om[j],
                                      kname, other)
            shown += 1
        for i in range(i1 + pairs, i2):
            if shown < 5:
                out.append("%s.pcap frame %d only from %s: %s" % (
                    iface, i + 1, kname, summary(kf[i][1])))
            shown += 1
        for j in range(j1 + pairs, j2):
            if shown < 5:
                out.append("%s.pcap frame %d only from %s: %s" % (
                    iface, j + 1, other, summary(of[j][1])))
            shown += 1
    if shown > 5:
        out.append("%s.pcap: ... %d more differing frames" % (iface,
                                                              shown - 5))
    if len(kf) != len(of) or shown:
        out.insert(0, head)
    return out


def field_diff(kb, ob, km, om, kname, other):
    kd, od = decode(kb), decode(ob)
    kmd, omd = decode(km), decode(om)
    out = []
    kmap = dict(kd)
    omap = dict(od)
    names = [n for n, _ in kd] + [n for n, _ in od if n not in kmap]
    km_map, om_map = dict(kmd), dict(omd)
    for n in names:
        if km_map.get(n) != om_map.get(n):
            out.append("    field %s: %s %s, %s %s" % (
                n, kname, kmap.get(n, "(absent)"), other,
                omap.get(n, "(absent)")))
            if len(out) >= 6:
                break
    if not out:
        for i in range(max(len(km), len(om))):
            a = km[i] if i < len(km) else None
            b = om[i] if i < len(om) else None
            if a != b:
                out.append("    byte %d: %s %s, %s %s" % (
                    i, kname, "%02x" % a if a is not None else "(end)",
                    other, "%02x" % b if b is not None else "(end)"))
                break
    return out
