#!/usr/bin/python3
"""match-cluster: the cluster match hashes the connection's original source.

Proves (xt_cluster_mt): jhash_1word of the original source with the seed,
scaled to the node count (3, 2 and 32 nodes, masks and single nodes,
inverted), the same node for a connection's replies (they come from
the server), no connection (INVALID: bad checksum) never matches even
inverted; a unicast datagram sent to a multicast MAC (the cluster's
shared link address) is forwarded once a cluster match saw it (it turns
PACKET_MULTICAST into PACKET_HOST), dropped before FORWARD otherwise.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, CLIENT, UPSTREAM, Ether, IP, TCP  # noqa: E402

FAR = "203.0.113.10"
# the cluster's shared multicast link address
CLUSTER = Ether(src="02:00:00:00:00:01", dst="01:00:5e:01:02:03")
t = Trace()
for i in range(1, 17):
    src = "10.1.0.%d" % i
    l2 = CLUSTER if i % 4 == 0 else CLIENT
    t.add("eth0", l2 / IP(src=src, dst=FAR, id=100 + i) /
          TCP(sport=41000 + i, dport=80, flags="S", seq=1000 * i))
    if i % 2:
        t.add("eth1", UPSTREAM / IP(src=FAR, dst=src, id=200 + i) /
              TCP(sport=80, dport=41000 + i, flags="SA", seq=7000 * i,
                  ack=1000 * i + 1))
# other clients, outside 10.1.0.0/24: the first rule is not for them
for i in range(1, 9):
    src = "10.1.%d.9" % i
    t.add("eth0", CLIENT / IP(src=src, dst=FAR, id=300 + i) /
          TCP(sport=42000 + i, dport=443, flags="S", seq=3000 * i))
# to the multicast MAC: seen by a cluster rule (forwarded), by none
# (PACKET_MULTICAST: ip_forward drops it)
t.add("eth0", CLUSTER / IP(src="10.1.0.1", dst="198.51.100.7", id=400) /
      TCP(sport=43000, dport=80, flags="S", seq=1))
t.add("eth0", CLUSTER / IP(src="10.1.5.9", dst="198.51.100.7", id=402) /
      TCP(sport=43002, dport=443, flags="S", seq=1))
# INVALID (bad checksum): no connection, no match, even inverted
t.add("eth0", CLIENT / IP(src="10.1.0.3", dst=FAR, id=401) /
      TCP(sport=43001, dport=80, flags="S", seq=1, chksum=0xdead))
t.write()
