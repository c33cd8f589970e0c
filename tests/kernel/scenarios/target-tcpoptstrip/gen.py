#!/usr/bin/python3
"""target-tcpoptstrip: TCPOPTSTRIP by name and number.

Proves (tcpoptstrip_mangle_packet): listed options become NOPs in place
(the header keeps its length), the checksum updated byte by byte for even
and odd offsets; MSS/wscale/SACK blocks stripped; kinds by number (8 =
timestamp, 34 = TFO, 254 = experimental); an option running past the
header end stops the walk; a zero length advances one byte; EOL ends
nothing (the walk goes on); a header shorter than 20 bytes in a 30-byte
datagram dropped; non-first fragments untouched.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, UPSTREAM, IP, TCP, Raw  # noqa: E402

C, FAR = "192.0.2.2", "203.0.113.10"
t = Trace()


def out(n, dport, opts, flags="S"):
    t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=n) / TCP(
        sport=40000 + n, dport=dport, flags=flags, seq=1000 * n,
        window=29200, options=opts))


def back(n, opts):
    t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=n) / TCP(
        sport=80, dport=40000 + n, flags="SA", seq=5000 * n, ack=1001,
        window=65535, options=opts))


out(1, 80, [("MSS", 1460), ("SAckOK", b""), ("Timestamp", (11, 0)),
            ("NOP", None), ("WScale", 7)])
out(2, 80, [("NOP", None), ("MSS", 1460), ("SAckOK", b""),
            ("Timestamp", (12, 0)), ("NOP", None), ("NOP", None),
            ("NOP", None)])
out(3, 81, [("MSS", 1460), ("SAckOK", b""), ("Timestamp", (13, 0)),
            ("NOP", None), ("WScale", 7)])
out(4, 81, [("NOP", None), ("NOP", None), ("SAck", (100, 200))], flags="A")
out(5, 80, [("EOL", None), ("SAckOK", b""), ("NOP", None)])
out(6, 80, [(4, b""), ("NOP", None), ("NOP", None)])  # kind 4 length 2
# kind 8 (timestamp) with a length running past the header (6 bytes of
# option space left)
def rawopts(n, opts):
    """A SYN whose option bytes are given as they are (len(opts) % 4 == 0)."""
    t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=n) / TCP(
        sport=40000 + n, dport=80, flags="S", seq=1000 * n, window=29200,
        dataofs=5 + len(opts) // 4) / Raw(opts))


rawopts(7, b"\x01\x01\x01\x01\x01\x01\x08\x0a")
# a timestamp after a zero-length option
rawopts(8, b"\x05\x00\x01\x01\x08\x0a\x00\x00\x00\x01\x00\x00"
        b"\x00\x00\x01\x01")
back(9, [("MSS", 1400), ("Timestamp", (99, 11)), (34, b"abcdefgh"),
         (254, b"\x12\x34")])
# a TCP datagram cut to 10 bytes of header: dropped
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=10, proto=6) /
      Raw(bytes(TCP(sport=40010, dport=80, flags="S"))[:10]))
# a non-first fragment of TCP: not touched
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=11, proto=6, frag=2) /
      Raw(b"\x04\x02\x08\x0a" + b"x" * 12))
t.write()
