#!/usr/bin/python3
"""target-reject-forward: REJECT tcp-reset and ICMP errors on forwarded packets.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, SRV, FAR = "192.0.2.2", "203.0.113.10", "203.0.113.20"

t = Trace()
# telnet SYN out: RST back to the client, from the server's address
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=1) /
      TCP(sport=42000, dport=23, flags="S", seq=1000))
# telnet data with ACK: RST with seq = the ACK
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=2) /
      TCP(sport=42001, dport=23, flags="PA", seq=2000, ack=3000) /
      Raw(b"login\r\n"))
# telnet FIN without ACK, from outside: RST with ack = seq + len + FIN
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=3) /
      TCP(sport=42002, dport=23, flags="F", seq=5000) / Raw(b"xy"))
# an RST to port 23 gets no RST back
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=4) /
      TCP(sport=42003, dport=23, flags="R", seq=6000))
# a forwarded packet that is not rejected
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=5) /
      TCP(sport=42004, dport=80, flags="S", seq=7000))
# snmp both ways: port unreachable from the inbound interface's address
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=6) /
      UDP(sport=42005, dport=161) / Raw(b"\x30\x26\x02\x01\x01"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=7, tos=0x08) /
      UDP(sport=42006, dport=161) / Raw(b"\x30\x26\x02\x01\x01"))
# smtp from outside: host prohibited
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=8) /
      TCP(sport=42007, dport=25, flags="S", seq=8000))
# smtp from inside is not rejected
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=9) /
      TCP(sport=42008, dport=25, flags="S", seq=9000))
# discard port: net unreachable, with a long payload (quoted up to 576)
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=10) /
      UDP(sport=42009, dport=9) / Raw(bytes(range(256)) * 3))
# answers that pass, both directions
t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=11) /
      TCP(sport=80, dport=42004, flags="SA", seq=100, ack=7001))
t.write()
