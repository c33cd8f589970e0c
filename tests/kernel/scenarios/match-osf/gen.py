#!/usr/bin/python3
"""match-osf: passive OS fingerprints (-m osf) loaded by nfnl_osf.

Proves (nf_osf_match, nfnl_osf's pf.os reader): a SYN matches a
fingerprint of its DF list by IP size, TTL (equal; --ttl 1: not above,
or equal from the input device's subnet; --ttl 2: any), TCP option kinds
in order and window (plain, any, S/T multiples of the MSS or of the
smart modems' 1460/1448, % modulo); only SYNs; `! --genre` matches as
`--genre` (the kernel ignores the flag); --log matches whatever the
genre, logs each matching fingerprint (--log 1: the first) or "Remote OS
is not known" with the logger's default flags and the text as prefix.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, IP, TCP  # noqa: E402

C, FAR = "192.0.2.2", "203.0.113.10"
LINUX_OPTS = [("MSS", 1448), ("SAckOK", b""), ("Timestamp", (1, 0)),
              ("NOP", None), ("WScale", 7)]
t = Trace()
n = 0


def syn(src, ttl, window, opts, dport, df=True, flags="S"):
    global n
    n += 1
    t.add("eth0", CLIENT / IP(src=src, dst=FAR, ttl=ttl, id=n,
                              flags="DF" if df else 0) /
          TCP(sport=40000 + n, dport=dport, flags=flags, seq=1000 * n,
              window=window, options=opts))


for dport in (80, 25, 110):
    syn(C, 64, 5792, LINUX_OPTS, dport)             # Linux 2.6 (4 x 1448)
    syn(C, 128, 65535, [("MSS", 1460), ("NOP", None), ("NOP", None),
                        ("SAckOK", b"")], dport)    # Windows
    syn(C, 64, 16384, [("MSS", 1460)], dport, df=False)   # BSD
    syn(C, 255, 777, [], dport)                     # Router
    syn(C, 64, 1234, LINUX_OPTS, dport)             # window unknown
syn(C, 64, 5792, LINUX_OPTS, 80, flags="SA")        # a SYN/ACK is a SYN
syn(C, 64, 5792, LINUX_OPTS, 80, flags="A")         # not a SYN
syn("10.9.9.9", 60, 5792, LINUX_OPTS, 80)           # 4 hops: --ttl 1, 2
syn(C, 70, 5792, LINUX_OPTS, 80)                    # above, from eth0's net
syn("10.9.9.9", 70, 5792, LINUX_OPTS, 80)           # above, from afar
syn(C, 64, 5792, LINUX_OPTS, 80, df=False)          # no DF: the other list
syn(C, 64, 5792 * 2, LINUX_OPTS[:4], 80)            # options differ
t.write()
