#!/usr/bin/python3
"""target-synproxy: what SYNPROXY answers, passes on and drops.

Proves (synproxy_tg4, synproxy_send_client_synack): a SYN (no ACK, FIN,
RST) is answered with a SYN/ACK from the server's address: ack = ISN + 1,
window 0, ID 0, DF, TTL 64; options the rule allows of the client's:
MSS = the rule's, with --timestamp SACK-permitted folded into the
timestamp word, TSecr = the client's TSval, TSval's low 6 bits = the
client's window scale (capped at 14; 0xf: none) | SACK << 4 | ECN << 5,
the rule's window scale after a NOP, ECE when the SYN had ECE and CWR
and the rule --ecn; without --timestamp only MSS (no SACK, window scale,
ECN); without --mss no MSS option, without the rule's --wscale the
client's is not coded (0xf); a SYN without options gets a SYN/ACK
without options (the rule's options are only those the client sent). The SYN/ACK's sequence number (the cookie) and TSval's
upper bits are masked (README: SYNPROXY). An ACK whose cookie is wrong
is dropped by the target; a RST and a SYN|FIN (INVALID) go on to the
INVALID DROP rule; a SYN with a bad TCP checksum is dropped by the
target without an answer; a SYN to another port is forwarded.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
C, WEB = "192.0.2.2", "203.0.113.10"
FULL = [("MSS", 1460), ("SAckOK", b""), ("Timestamp", (12345, 0)),
        ("NOP", None), ("WScale", 7)]

t = Trace()


def syn(sport, dport, flags="S", opts=(), **kw):
    t.add("eth0", CLIENT / IP(src=C, dst=WEB) /
          TCP(sport=sport, dport=dport, flags=flags, seq=1000 + sport,
              window=64240, options=list(opts), **kw))


syn(40000, 80, "SEC", FULL)             # everything, ECN
syn(40001, 80)                          # no options: MSS only
syn(40002, 80, "S", [("MSS", 1300), ("Timestamp", (7, 0))])
syn(40003, 443, "SEC", FULL)            # no --timestamp: MSS only
syn(40004, 8080, "S", [("MSS", 536), ("SAckOK", b""),
                       ("Timestamp", (99, 5)), ("WScale", 15)])
# ECE without CWR: no ECN; window scale 15 coded as 14
syn(40005, 80, "SE", FULL[:4] + [("WScale", 15)])
# the client's ACK with a cookie that is not one: dropped by SYNPROXY
t.add("eth0", CLIENT / IP(src=C, dst=WEB) /
      TCP(sport=40006, dport=80, flags="A", seq=2000, ack=1))
# RST, SYN|FIN: SYNPROXY continues, INVALID DROP
t.add("eth0", CLIENT / IP(src=C, dst=WEB) /
      TCP(sport=40007, dport=80, flags="R", seq=3000))
t.add("eth0", CLIENT / IP(src=C, dst=WEB) /
      TCP(sport=40008, dport=80, flags="SF", seq=4000))
# a bad TCP checksum: dropped by SYNPROXY, no answer
t.add("eth0", CLIENT / IP(src=C, dst=WEB) /
      TCP(sport=40009, dport=80, flags="S", seq=5000, chksum=0x1234))
# another port: tracked (NEW), forwarded
syn(40010, 22, "S", [("MSS", 1460)])
t.write()
