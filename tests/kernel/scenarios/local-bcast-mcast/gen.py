#!/usr/bin/python3
"""local-bcast-mcast: broadcast and multicast destinations sent from a raw
socket of root (local.pcap), a socket without SO_BROADCAST.

Proves (raw_sendmsg): a broadcast destination, the subnet's (192.0.2.255)
or the limited one (255.255.255.255), is refused at sendmsg (EACCES: the
route is RTCF_BROADCAST and the socket has no SO_BROADCAST), before
OUTPUT; multicast to groups the host has not joined (224.0.0.251,
239.1.2.3) follows the default route without its gateway: out eth1 to the
group's MAC (01:00:5e:...), TTL as given, addrtype MULTICAST in OUTPUT
(pkttype sees no multicast there: a locally built packet is
PACKET_HOST), and nothing comes back to the host; unicast after them is
unaffected.

/usr/bin/python3 gen.py [OUTDIR] writes local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, IP, UDP, Raw  # noqa: E402

t = Trace()
t.add(LOCAL, IP(src="192.0.2.1", dst="192.0.2.255", id=1) /
      UDP(sport=1000, dport=137))
t.add(LOCAL, IP(src="192.0.2.1", dst="255.255.255.255", id=2) /
      UDP(sport=68, dport=67))
t.add(LOCAL, IP(src="192.0.2.1", dst="192.0.2.255", id=6, ttl=0) /
      UDP(sport=1003, dport=137))
t.add(LOCAL, IP(src="198.51.100.1", dst="224.0.0.251", id=3, ttl=1) /
      UDP(sport=5353, dport=5353))
t.add(LOCAL, IP(src="198.51.100.1", dst="239.1.2.3", id=4) /
      UDP(sport=1001, dport=1234))
t.add(LOCAL, IP(src="192.0.2.1", dst="192.0.2.2", id=5) /
      UDP(sport=1002, dport=53))
t.write()
