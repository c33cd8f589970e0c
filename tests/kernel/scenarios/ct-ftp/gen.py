#!/usr/bin/python3
"""Input frames of this scenario: /usr/bin/python3 gen.py [OUTDIR]
writes in-IFACE.pcap (OUTDIR defaults to this directory).

FTP through a stateful FORWARD with the ftp helper (raw CT --helper ftp):
an active session (PORT, EPRT) and a passive one (227, 229), each data
connection RELATED; a data connection to a port nobody announced is
dropped; the first line each way is never read by the helper (the
"PORT" in it expects nothing); a PORT naming another address records
nothing (NOT RECORDING); a partial "PORT" line is dropped."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, S = "192.0.2.2", "203.0.113.10"

t = Trace()


class Conn:
    """one TCP connection; c2s() and s2c() send segments with consistent
    sequence numbers (the client is on eth0 unless `from_server`)"""

    def __init__(self, csrc, cport, sdst, sport, cseq, sseq,
                 from_server=False):
        self.c, self.cp, self.s, self.sp = csrc, cport, sdst, sport
        self.cseq, self.sseq = cseq, sseq
        self.cif, self.sif = ("eth1", "eth0") if from_server else \
            ("eth0", "eth1")
        self.cl2, self.sl2 = (UPSTREAM, CLIENT) if from_server else \
            (CLIENT, UPSTREAM)

    def c2s(self, flags, data=b""):
        f = self.cl2 / IP(src=self.c, dst=self.s) / \
            TCP(sport=self.cp, dport=self.sp, flags=flags, seq=self.cseq,
                ack=self.sseq if "A" in flags else 0, window=8192)
        if data:
            f = f / Raw(data)
        t.add(self.cif, f)
        self.cseq += len(data) + (1 if ("S" in flags or "F" in flags) else 0)

    def s2c(self, flags, data=b""):
        f = self.sl2 / IP(src=self.s, dst=self.c) / \
            TCP(sport=self.sp, dport=self.cp, flags=flags, seq=self.sseq,
                ack=self.cseq, window=8192)
        if data:
            f = f / Raw(data)
        t.add(self.sif, f)
        self.sseq += len(data) + (1 if ("S" in flags or "F" in flags) else 0)

    def handshake(self):
        self.c2s("S")
        self.s2c("SA")
        self.c2s("A")


# active FTP: the first client line holds a PORT the helper does not read
ctl = Conn(C, 40000, S, 21, 1000, 5000)
ctl.handshake()
ctl.s2c("PA", b"220 ready\r\n")
ctl.c2s("PA", b"PORT 192,0,2,2,156,65\r\n")       # first line: not read
ctl.s2c("PA", b"200 ok\r\n")
# the server's connection to 40001 (not announced): dropped
d0 = Conn(S, 20, C, 40001, 9000, 9500, from_server=True)
d0.c2s("S")
ctl.c2s("PA", b"PORT 192,0,2,2,156,66\r\n")       # 40002
ctl.s2c("PA", b"200 ok\r\n")
d1 = Conn(S, 20, C, 40002, 10000, 11000, from_server=True)
d1.handshake()
d1.c2s("PA", b"file data\n")
d1.c2s("FA")
d1.s2c("FA")
d1.c2s("A")
# EPRT, then a PORT naming another host: nothing expected for it
ctl.c2s("PA", b"EPRT |1|192.0.2.2|40003|\r\n")
ctl.s2c("PA", b"200 ok\r\n")
d2 = Conn(S, 20, C, 40003, 12000, 13000, from_server=True)
d2.handshake()
ctl.c2s("PA", b"PORT 192,0,2,99,156,68\r\n")      # 40004 for .99
ctl.s2c("PA", b"200 ok\r\n")
d3 = Conn(S, 20, C, 40004, 14000, 15000, from_server=True)
d3.c2s("S")
# a PORT cut short (no terminator): the helper drops the segment
ctl.c2s("PA", b"PORT 192,0,2,2,156")

# passive FTP on a second control connection
ctl2 = Conn(C, 40010, S, 21, 2000, 6000)
ctl2.handshake()
ctl2.s2c("PA", b"220 ready\r\n")
ctl2.c2s("PA", b"USER anonymous\r\n")
ctl2.s2c("PA", b"331 password\r\n")
ctl2.c2s("PA", b"PASV\r\n")
ctl2.s2c("PA", b"227 Entering Passive Mode (203,0,113,10,200,10)\r\n")
p1 = Conn(C, 40011, S, 51210, 3000, 7000)
p1.handshake()
p1.s2c("PA", b"listing\n")
ctl2.c2s("PA", b"EPSV\r\n")
ctl2.s2c("PA", b"229 Entering Extended Passive Mode (|||50000|)\r\n")
p2 = Conn(C, 40012, S, 50000, 4000, 8000)
p2.handshake()
# the same port again: the expectation was used up
p3 = Conn(C, 40013, S, 50000, 4500, 8500)
p3.c2s("S")
t.write()
