#!/usr/bin/python3
"""nat-output-dnat: DNAT in nat OUTPUT of locally generated packets
(local.pcap).

Proves: the host's SYN for 203.0.113.10:80 (routed to eth1) is DNATed to
192.0.2.10:8080 and re-routed: it leaves on eth0 with its source
198.51.100.1 kept; filter OUTPUT, after nat OUTPUT, already sees the new
destination but still the first route's OUT=eth1, mangle POSTROUTING sees
OUT=eth0; the server's answers on eth0 come back to the host as from
203.0.113.10:80 (INPUT logs the translated source, delivered); the same for
udp/53 (port kept) and a ping (id kept); a packet to another address is not
translated and leaves on eth1.
/usr/bin/python3 gen.py [OUTDIR] writes the inputs."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, TCP, UDP, ICMP, Raw  # noqa
from conv import Tcp  # noqa: E402,F401

C1 = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")   # 192.0.2.2
C2 = Ether(src="02:00:00:00:00:03", dst="02:00:00:00:01:00")   # 192.0.2.3
SRV = Ether(src="02:00:00:00:00:0a", dst="02:00:00:00:01:00")  # 192.0.2.10
UP = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")   # 198.51.100.2
PUB = "198.51.100.1"

t = Trace()
S = "192.0.2.10"
t.add(LOCAL, IP(src=PUB, dst="203.0.113.10", id=101) /
      TCP(sport=45000, dport=80, flags="S", seq=1000, window=8192))
t.add("eth0", SRV / IP(src=S, dst=PUB, id=201) /
      TCP(sport=8080, dport=45000, flags="SA", seq=5000, ack=1001,
          window=8192))
t.add(LOCAL, IP(src=PUB, dst="203.0.113.10", id=102) /
      TCP(sport=45000, dport=80, flags="A", seq=1001, ack=5001, window=8192))
t.add(LOCAL, IP(src=PUB, dst="203.0.113.10", id=103) /
      TCP(sport=45000, dport=80, flags="PA", seq=1001, ack=5001,
          window=8192) / Raw(b"GET"))
t.add("eth0", SRV / IP(src=S, dst=PUB, id=202) /
      TCP(sport=8080, dport=45000, flags="PA", seq=5001, ack=1004,
          window=8192) / Raw(b"200"))
t.add(LOCAL, IP(src=PUB, dst="203.0.113.53", id=104) /
      UDP(sport=45001, dport=53) / Raw(b"query"))
t.add("eth0", SRV / IP(src=S, dst=PUB, id=203) /
      UDP(sport=53, dport=45001) / Raw(b"answer"))
t.add(LOCAL, IP(src=PUB, dst="203.0.113.99", id=105) /
      ICMP(type=8, id=4242, seq=1) / Raw(b"ping"))
t.add("eth0", SRV / IP(src=S, dst=PUB, id=204) /
      ICMP(type=0, id=4242, seq=1) / Raw(b"ping"))
t.add(LOCAL, IP(src=PUB, dst="203.0.113.11", id=106) /
      TCP(sport=45002, dport=80, flags="S", seq=3000, window=8192))
t.write()
