#!/usr/bin/python3
"""path-malformed: malformed IPv4 headers and truncated transport headers.

Proves: ip_rcv_core drops, before PREROUTING (no counter, no LOG, no
ICMP), a bad header checksum, IHL < 5, version 6 in an IPv4-ethertype
frame, a total length beyond the frame, a total length below IHL * 4, an
IHL longer than the frame, and a frame too short for an IP header;
Ethernet padding is trimmed to the IP total length (counters and LOG use
29 bytes, the forwarded frame carries no padding, whatever the padding
bytes were); a header-only datagram, a truncated TCP header (10 bytes),
UDP header (4 bytes) and ICMP header (2 bytes) pass PREROUTING (LOG prints
INCOMPLETE [N bytes]) and are forwarded or delivered unless a port match
reads them: tcp and udp port matches hot-drop them; a TCP header with
doff 4, or doff 15 with no room for options, hot-drops the --tcp-option
match (LOG prints TRUNCATED for the missing options); a bad UDP checksum
is forwarded untouched.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, Raw  # noqa: E402
from scapy.all import Padding  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FAR = "192.0.2.2", "192.0.2.1", "203.0.113.100"


t = Trace()
# padding: a 29-byte datagram in a 60-byte frame, forwarded and local
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=1) /
      UDP(sport=55001, dport=9) / Raw(b"x") / Padding(b"\0" * 17))
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=2) /
      UDP(sport=55002, dport=53) / Raw(b"y") / Padding(b"\xaa" * 17))
# dropped by ip_rcv_core
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=3, chksum=0x1234) /
      UDP(sport=55003, dport=9) / Raw(b"bad checksum"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=4, ihl=4) /
      UDP(sport=55004, dport=9) / Raw(b"ihl 4"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=5, version=6) /
      UDP(sport=55005, dport=9) / Raw(b"version 6"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=6, len=100) /
      UDP(sport=55006, dport=9) / Raw(b"len 100"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=7, len=16) /
      UDP(sport=55007, dport=9) / Raw(b"len 16"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=8, ihl=15) /
      UDP(sport=55008, dport=9) / Raw(b"ihl 15"))
t.add("eth1", Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01",
                   type=0x0800) / Raw(bytes(IP(src=FAR, dst=C, id=9))[:12]))
# truncated transport headers, forwarded
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=10, proto=6) /
      Raw(b"\xd7\x1a\x00\x50" + b"\x00" * 6))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=11, proto=1) / Raw(b"\x08\x00"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=12, proto=17))
# ... and local: the tcp and udp port matches hot-drop them
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=13, proto=6) /
      Raw(b"\xd7\x20\x00\x50" + b"\x00" * 6))
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=14, proto=17) /
      Raw(b"\xd7\x21\x00\x35"))
# doff 4 and doff 15 without options: --tcp-option hot-drops
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=15) /
      TCP(sport=55015, dport=80, flags="S", seq=15, dataofs=4))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=16) /
      TCP(sport=55016, dport=80, flags="S", seq=16, dataofs=15))
# a TCP segment with an MSS option: the mss LOG matches
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=17) /
      TCP(sport=80, dport=55017, flags="SA", seq=17, ack=1,
          options=[("MSS", 1200)]))
# a bad UDP checksum is forwarded as it is
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=18) /
      UDP(sport=55018, dport=9, chksum=0xbad) / Raw(b"bad udp sum"))
t.write()
