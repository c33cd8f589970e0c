#!/usr/bin/python3
"""connlimit per /24 (--connlimit-above 2 --connlimit-mask 24): a third
connection from the client network is reset (and, never confirmed, not
counted later), a closed one (TIME_WAIT, CLOSE after RST) no longer
counts, another /24 counts apart."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
ids = [0]


def udp(src, dst, dport, data=b"x", gap=None, sport=None, iface="eth0",
        eth=CLIENT):
    ids[0] += 1
    t.add(iface, eth / IP(src=src, dst=dst, id=ids[0]) /
          UDP(sport=sport or 30000 + ids[0], dport=dport) / Raw(data),
          gap=gap)


S = "203.0.113.10"


def conv(src, port, isn):
    return TcpConv(t, ("eth0", CLIENT, src, port, isn),
                   ("eth1", UPSTREAM, S, 80, isn + 50000))


c1 = conv("192.0.2.2", 41001, 1000)
c1.handshake()
c2 = conv("192.0.2.3", 41002, 2000)
c2.handshake()
conv("192.0.2.2", 41003, 3000).a("S")        # third: reset
conv("192.0.2.3", 41004, 4000).a("S")        # still third: reset
c1.close()                                   # TIME_WAIT
c5 = conv("192.0.2.2", 41005, 5000)
c5.handshake()                               # allowed
t.add("eth1", UPSTREAM / IP(src="198.51.100.7", dst="192.0.2.2", id=9) /
      TCP(sport=42000, dport=80, flags="S", seq=77))   # other /24
conv("192.0.2.4", 41006, 6000).a("S")        # c2, c5: reset
c2.a("R", seq=c2.nxt["a"])                   # c2 reset: CLOSE
c7 = conv("192.0.2.4", 41007, 7000)
c7.a("S")                                    # allowed
c7.b("SA")
t.write()
