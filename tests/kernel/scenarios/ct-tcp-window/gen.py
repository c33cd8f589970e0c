#!/usr/bin/python3
"""Window tracking through a stateful FORWARD (be_liberal=0): after a
handshake without window scaling, data at the edge of the receiver's window
and one byte beyond, a segment far ahead, an old segment far behind, an ACK
of data never sent, an ACK far behind; each logged INV and dropped, or EST."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
S = "203.0.113.10"
c = TcpConv(t, ("eth0", CLIENT, "192.0.2.2", 43000, 1000),
            ("eth1", UPSTREAM, S, 80, 5000), win=8000)
c.handshake()
c.a("PA", b"a" * 100)
c.b("A")
base = c.nxt["a"]
# the server acked base with window 8000: data may end at base + 8000
c.a("PA", b"e" * 10, seq=base + 7990)        # ends at the edge
c.a("PA", b"f" * 10, seq=base + 7991)        # one byte beyond
c.a("PA", b"g" * 10, seq=base + 1000000)     # far ahead
c.a("PA", b"h" * 10, seq=base - 1000000)     # far behind
c.a("A", ack=c.nxt["b"] + 100000)            # acks what was never sent
c.a("A", ack=c.nxt["b"] - 1000000)           # acks far behind
c.b("PA", b"i" * 50)
c.a("A")
c.b("PA", b"j" * 10, seq=c.nxt["b"] + 8000000)  # server far ahead
c.a("PA", b"k" * 10)                         # in order again
c.b("A")
t.write()
