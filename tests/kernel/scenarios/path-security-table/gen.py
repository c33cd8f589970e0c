#!/usr/bin/python3
"""path-security-table: rules in the security table's INPUT, FORWARD and OUTPUT.

Proves: security runs after filter at INPUT, FORWARD and OUTPUT (a packet
filter drops never reaches it, LOG lines come filter first); its DROP
drops what filter accepted (no delivery, no forwarding, and an RST that
REJECT built in filter INPUT dropped in security OUTPUT); a user chain in
security (DROP, RETURN back to INPUT, ACCEPT); target-less rules count.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FW1, FAR = "192.0.2.2", "192.0.2.1", "198.51.100.1", "203.0.113.150"

t = Trace()
# for the host: ssh logged and accepted by secchk, telnet dropped,
# from 203.0.113.0/24 dropped in secchk, icmp RETURN -> sec-in-end LOG
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=1) /
      TCP(sport=61001, dport=22, flags="S", seq=1))
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=2) /
      TCP(sport=61002, dport=23, flags="S", seq=2))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=3) /
      UDP(sport=61003, dport=123) / Raw(b"ntp"))
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=4) /
      ICMP(type=8, id=4, seq=1) / Raw(b"ping"))
# forwarded: dns accepted, other udp dropped by security (the dns answer
# too: its dport is not 53), 5353 dropped by filter first, tcp logged
# by both tables and passed
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=5) /
      UDP(sport=61005, dport=53) / Raw(b"q"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=6) /
      UDP(sport=61006, dport=123) / Raw(b"ntp"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=7) /
      UDP(sport=61007, dport=5353) / Raw(b"mdns"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=8) /
      TCP(sport=443, dport=61008, flags="SA", seq=8, ack=1))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=9) /
      UDP(sport=53, dport=61005) / Raw(b"a"))
# RSTs from filter INPUT's REJECT: to .151 dropped by security OUTPUT
t.add("eth1", UPSTREAM / IP(src="203.0.113.151", dst=FW1, id=10) /
      TCP(sport=61010, dport=7, flags="S", seq=10))
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=11) /
      TCP(sport=61011, dport=7, flags="S", seq=11))
t.write()
