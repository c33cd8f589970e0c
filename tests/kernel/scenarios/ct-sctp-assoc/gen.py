#!/usr/bin/python3
"""Input frames of this scenario: /usr/bin/python3 gen.py [OUTDIR]
writes in-IFACE.pcap (OUTDIR defaults to this directory).

SCTP through a stateful FORWARD (NEW only to port 80, INVALID logged and
dropped, nf_conntrack_log_invalid=132): a whole association (INIT,
INIT_ACK, COOKIE_ECHO with DATA, COOKIE_ACK, DATA/SACK, a DATA with a
wrong verification tag, HEARTBEAT both ways, SHUTDOWN, SHUTDOWN_ACK,
SHUTDOWN_COMPLETE, then a DATA after CLOSED); an association refused
(port 81: its entry dies with the dropped INIT); out-of-the-blue DATA
and ABORT; INIT with a bad CRC and with a nonzero tag; an INIT bundled
with DATA; an association aborted with the T bit (a wrong tag first);
an INIT retransmitted; a path opened by a HEARTBEAT (multi-homing) and
acknowledged; an association left ESTABLISHED."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, Raw  # noqa: E402
from scapy.all import (SCTP, SCTPChunkInit, SCTPChunkInitAck,  # noqa: E402
                       SCTPChunkCookieEcho, SCTPChunkCookieAck,
                       SCTPChunkData, SCTPChunkSACK, SCTPChunkHeartbeatReq,
                       SCTPChunkHeartbeatAck, SCTPChunkShutdown,
                       SCTPChunkShutdownAck, SCTPChunkShutdownComplete,
                       SCTPChunkAbort)

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, S = "192.0.2.2", "203.0.113.10"

t = Trace()


class Assoc:
    """one association: c2s()/s2c() send chunks with the right tags
    (the client's tag ctag, the server's stag) unless tag= is given"""

    def __init__(self, cport, sport=80, ctag=0x0a0a0a0a, stag=0x0b0b0b0b):
        self.cp, self.sp, self.ctag, self.stag = cport, sport, ctag, stag
        self.tsn = 100

    def c2s(self, *chunks, tag=None, chksum=None, gap=None):
        p = IP(src=C, dst=S, id=1) / SCTP(
            sport=self.cp, dport=self.sp,
            tag=self.stag if tag is None else tag)
        for c in chunks:
            p = p / c
        self._add("eth0", CLIENT, p, chksum, gap)

    def s2c(self, *chunks, tag=None, chksum=None, gap=None):
        p = IP(src=S, dst=C, id=1) / SCTP(
            sport=self.sp, dport=self.cp,
            tag=self.ctag if tag is None else tag)
        for c in chunks:
            p = p / c
        self._add("eth1", UPSTREAM, p, chksum, gap)

    @staticmethod
    def _add(iface, l2, p, chksum, gap):
        b = bytes(p)
        if chksum is not None:
            b = b[:28] + chksum.to_bytes(4, "big") + b[32:]
        t.add(iface, l2 / IP(b), gap=gap)

    def init(self, **kw):
        self.c2s(SCTPChunkInit(init_tag=self.ctag, a_rwnd=65535,
                               n_out_streams=1, n_in_streams=1,
                               init_tsn=100), tag=0, **kw)

    def init_ack(self):
        self.s2c(SCTPChunkInitAck(init_tag=self.stag, a_rwnd=65535,
                                  n_out_streams=1, n_in_streams=1,
                                  init_tsn=200))

    def data(self, text=b"hello"):
        self.tsn += 1
        return SCTPChunkData(tsn=self.tsn, stream_id=0, stream_seq=0,
                             proto_id=0, beginning=1, ending=1, data=text)

    def handshake(self):
        self.init()
        self.init_ack()
        self.c2s(SCTPChunkCookieEcho(cookie=b"cookie!!"), self.data())
        self.s2c(SCTPChunkCookieAck(), SCTPChunkSACK(cumul_tsn_ack=101,
                                                      a_rwnd=65535))


# a whole association
a = Assoc(5000)
a.handshake()
a.c2s(a.data(b"GET /"))
a.s2c(SCTPChunkSACK(cumul_tsn_ack=102, a_rwnd=65535),
      SCTPChunkData(tsn=200, stream_id=0, stream_seq=0, proto_id=0,
                    beginning=1, ending=1, data=b"200 OK"))
a.c2s(a.data(b"stale"), tag=0x12345678)           # wrong tag: INVALID
a.c2s(SCTPChunkSACK(cumul_tsn_ack=200, a_rwnd=65535))
a.s2c(SCTPChunkHeartbeatReq())
a.c2s(SCTPChunkHeartbeatAck())
a.c2s(SCTPChunkHeartbeatReq())
a.s2c(SCTPChunkHeartbeatAck())
a.c2s(SCTPChunkShutdown(cumul_tsn_ack=200))
a.s2c(SCTPChunkShutdownAck())
a.c2s(SCTPChunkShutdownComplete())
a.c2s(a.data(b"late"))                            # CLOSED: still tracked

# port 81 is refused: the INIT's entry dies with it
b = Assoc(5001, sport=81)
b.init()
b.init(gap=0.3)

# out of the blue
o = Assoc(5002)
o.c2s(o.data())
o.c2s(SCTPChunkAbort())

# broken INITs: bad CRC, a nonzero tag, bundled with DATA
x = Assoc(5003)
x.init(chksum=0x01020304)
x.c2s(SCTPChunkInit(init_tag=x.ctag, a_rwnd=65535, n_out_streams=1,
                    n_in_streams=1, init_tsn=100), tag=0x0b0b0b0b)
x.c2s(SCTPChunkInit(init_tag=x.ctag, a_rwnd=65535, n_out_streams=1,
                    n_in_streams=1, init_tsn=100), x.data(), tag=0)

# aborted by the server with the T bit: the client's own tag is wanted
ab = Assoc(5004, ctag=0x0c0c0c0c, stag=0x0d0d0d0d)
ab.init()
ab.init_ack()
ab.s2c(SCTPChunkAbort(TCB=1))                    # tag ctag: wrong
ab.s2c(SCTPChunkAbort(TCB=1), tag=ab.stag)       # reflected: right

# an INIT retransmitted: the entry is not extended
r = Assoc(5005)
r.init()
r.init(gap=1.0)
r.init_ack()

# a path of an association opened by a HEARTBEAT
h = Assoc(5006, ctag=0x0e0e0e0e, stag=0x0f0f0f0f)
h.c2s(SCTPChunkHeartbeatReq())
h.s2c(SCTPChunkHeartbeatAck())
h.c2s(h.data())

# left established
e = Assoc(5007, ctag=0x01010101, stag=0x02020202)
e.handshake()
e.c2s(e.data(b"bye?"))
e.s2c(SCTPChunkSACK(cumul_tsn_ack=102, a_rwnd=65535))
t.write()
