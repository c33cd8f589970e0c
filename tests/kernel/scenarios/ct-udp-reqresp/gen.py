#!/usr/bin/python3
"""UDP request/response through a stateful FORWARD: DNS queries and
answers (NEW, ESTABLISHED, SEEN_REPLY), a second query on the same ports, a
query never answered (UNREPLIED), an answer from another port (NEW from
eth1: dropped), a reply-direction packet first from the outside."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, TcpConv, CLIENT, UPSTREAM, LOCAL,  # noqa: E402
                    IP, TCP, UDP, ICMP, Raw, Ether)

t = Trace()
def q(sport, dst, dport, data, ipid):
    t.add("eth0", CLIENT / IP(src="192.0.2.2", dst=dst, id=ipid) /
          UDP(sport=sport, dport=dport) / Raw(data))


def r(src, sport, dport, data, ipid):
    t.add("eth1", UPSTREAM / IP(src=src, dst="192.0.2.2", id=ipid) /
          UDP(sport=sport, dport=dport) / Raw(data))


DNS = "203.0.113.53"
q(33000, DNS, 53, b"query-1", 1)
r(DNS, 53, 33000, b"answer-1", 1)
q(33000, DNS, 53, b"query-2", 2)
r(DNS, 53, 33000, b"answer-2", 2)
r(DNS, 53, 33000, b"answer-2-again", 3)
q(33001, DNS, 53, b"unanswered", 3)
q(33002, DNS, 53, b"query-3", 4)
r(DNS, 5353, 33002, b"wrong port", 4)
r(DNS, 53, 33002, b"answer-3", 5)
r("203.0.113.99", 123, 33003, b"unsolicited", 6)
q(33003, "203.0.113.99", 123, b"after it", 5)
r("203.0.113.99", 123, 33003, b"answer", 7)
t.write()
