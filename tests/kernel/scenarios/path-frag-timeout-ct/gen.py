#!/usr/bin/python3
"""path-frag-timeout-ct: path-frag-timeout's inputs with connection
tracking (a CT rule in raw brings it): the fragments are reassembled before
conntrack in PREROUTING (nf_defrag_ipv4), whose queues answer an expiry
only for a datagram routed to the host itself; the first piece to a
forwarded destination (6) now waits there too, and expires silently.
From path-frag-timeout:

Proves: a queue expires ipfrag_time after its first fragment (the
kernel's timer wheel: 1.000-1.032 s with HZ 250); when the fragment at
offset 0 had arrived, the sender gets an ICMP time exceeded, code 1
(fragment reassembly time exceeded), from the address it was sent to,
quoting that first fragment as received (TTL, MF), routed back through
the device the last fragment came in on (eth1 for a sender behind the
default route); no error when only later pieces came, nor for a queue
to the subnet broadcast; a datagram completed in time is delivered and
gets nothing; a fragment to a forwarded destination is not reassembled.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
CLIENT_B = Ether(src="02:00:00:00:00:01", dst="ff:ff:ff:ff:ff:ff")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FW1, FAR = "192.0.2.2", "192.0.2.1", "198.51.100.1", "203.0.113.90"


def cut(ip, ranges):
    """Pieces of the whole datagram IP: one per (start, end) byte range of
    its payload (start a multiple of 8); MF unless end is the end."""
    raw = bytes(ip)
    hl = (raw[0] & 15) * 4
    data = raw[hl:]
    out = []
    for a, b in ranges:
        f = IP(raw[:hl])
        f.flags = "MF" if b < len(data) else 0
        f.frag = a // 8
        f.len = None
        f.chksum = None
        out.append(IP(bytes(f / Raw(data[a:b]))))
    return out


def pay(n, k=1):
    return bytes((i * 11 + k) & 0xff for i in range(n))


def dgram(src, dst, iid, k, ttl=64):
    return IP(src=src, dst=dst, id=iid, ttl=ttl) / \
        UDP(sport=54000 + iid, dport=4000) / Raw(pay(72, k))


t = Trace()
R = [(0, 32), (32, 64), (64, 80)]
# 1: only the first piece: time exceeded to the client at ~1 s
a = cut(dgram(C, FW0, 1, 1, ttl=7), R)
t.add("eth0", CLIENT / a[0])
# 2: only the later pieces: nothing
b = cut(dgram(C, FW0, 2, 2), R)
t.add("eth0", CLIENT / b[1], gap=0.05)
t.add("eth0", CLIENT / b[2])
# 3: first and last from a far sender to the eth1 address: the error goes
# out eth1 via the default router
c = cut(dgram(FAR, FW1, 3, 3), R)
t.add("eth1", UPSTREAM / c[0], gap=0.05)
t.add("eth1", UPSTREAM / c[2])
# 4: complete within the time: delivered, no error
d = cut(dgram(C, FW0, 4, 4), R)
for f in d:
    t.add("eth0", CLIENT / f, gap=0.05)
# 5: a first piece to the subnet broadcast: no error for a broadcast
e = cut(dgram(C, "192.0.2.255", 5, 5), R)
t.add("eth0", CLIENT_B / e[0], gap=0.05)
# 6: a first piece to a forwarded destination: forwarded as it is
f = cut(dgram(C, "203.0.113.10", 6, 6), R)
t.add("eth0", CLIENT / f[0], gap=0.05)
# 7: the first piece of 1 comes again later in a new queue (the old one
# expired): its own error 1 s after it
t.add("eth0", CLIENT / a[0], gap=0.9)
t.write()
