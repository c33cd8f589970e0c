#!/usr/bin/python3
"""SCTP through a stateful FORWARD: the four-way handshake (INIT,
INIT ACK, COOKIE ECHO, COOKIE ACK), DATA/SACK, HEARTBEAT, SHUTDOWN to
SHUTDOWN COMPLETE; an INIT with a nonzero verification tag and a DATA with
no association (INVALID); an ABORT ending a second association."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
from scapy.layers.sctp import (SCTP, SCTPChunkInit, SCTPChunkInitAck,  # noqa
                               SCTPChunkCookieEcho, SCTPChunkCookieAck,
                               SCTPChunkData, SCTPChunkSACK,
                               SCTPChunkShutdown, SCTPChunkShutdownAck,
                               SCTPChunkShutdownComplete, SCTPChunkAbort,
                               SCTPChunkHeartbeatReq, SCTPChunkHeartbeatAck)
S = "203.0.113.10"
n = [0]


def c2s(sport, tag, chunk):
    n[0] += 1
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=S, id=n[0]) /
          SCTP(sport=sport, dport=9899, tag=tag) / chunk)


def s2c(dport, tag, chunk):
    n[0] += 1
    t.add("eth1", UPSTREAM / IP(src=S, dst="192.0.2.2", id=n[0]) /
          SCTP(sport=9899, dport=dport, tag=tag) / chunk)


CT, ST = 0x11111111, 0x22222222
c2s(47000, 0, SCTPChunkInit(init_tag=CT, a_rwnd=65535, n_out_streams=1,
                            n_in_streams=1, init_tsn=100))
s2c(47000, CT, SCTPChunkInitAck(init_tag=ST, a_rwnd=65535, n_out_streams=1,
                                n_in_streams=1, init_tsn=500))
c2s(47000, ST, SCTPChunkCookieEcho(cookie=b"cookie!!"))
s2c(47000, CT, SCTPChunkCookieAck())
c2s(47000, ST, SCTPChunkData(tsn=100, stream_id=0, stream_seq=0,
                             proto_id=0, data=b"hello"))
s2c(47000, CT, SCTPChunkSACK(cumul_tsn_ack=100, a_rwnd=65535))
s2c(47000, CT, SCTPChunkHeartbeatReq())
c2s(47000, ST, SCTPChunkHeartbeatAck())
c2s(47000, ST, SCTPChunkShutdown(cumul_tsn_ack=500))
s2c(47000, CT, SCTPChunkShutdownAck())
c2s(47000, ST, SCTPChunkShutdownComplete())
c2s(47001, 0x1234, SCTPChunkInit(init_tag=0x3333, a_rwnd=65535,
                                 n_out_streams=1, n_in_streams=1,
                                 init_tsn=1))
c2s(47002, 0x4444, SCTPChunkData(tsn=1, stream_id=0, stream_seq=0,
                                 proto_id=0, data=b"nothing"))
c2s(47003, 0, SCTPChunkInit(init_tag=0x5555, a_rwnd=65535, n_out_streams=1,
                            n_in_streams=1, init_tsn=7))
s2c(47003, 0x5555, SCTPChunkInitAck(init_tag=0x6666, a_rwnd=65535,
                                    n_out_streams=1, n_in_streams=1,
                                    init_tsn=9))
s2c(47003, 0x5555, SCTPChunkAbort())
t.write()
