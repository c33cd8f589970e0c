#!/usr/bin/python3
"""HOST `stack on` without sockets: echo replies, RSTs for closed TCP
ports, port unreachable for closed UDP ports, protocol unreachable, and
what the stack answers nothing: /usr/bin/python3 gen.py [OUTDIR]"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw, CLIENT  # noqa: E402

BCAST = Ether(src="02:00:00:00:00:01", dst="ff:ff:ff:ff:ff:ff")
C = dict(src="192.0.2.2", dst="192.0.2.1")

t = Trace()
# echo requests: to the address of the link, to the other link's (TOS
# 0x10 kept), to the subnet's broadcast (ignored: icmp_echo_ignore_broadcasts)
t.add("eth0", CLIENT / IP(id=1, **C) / ICMP(id=0x1234, seq=1) / Raw(b"ping-data"))
t.add("eth0", CLIENT / IP(id=2, tos=0x10, src="192.0.2.2", dst="198.51.100.1") /
      ICMP(id=0x1234, seq=2) / Raw(b"x" * 40))
t.add("eth0", BCAST / IP(id=3, src="192.0.2.2", dst="192.0.2.255") /
      ICMP(id=0x1234, seq=3))
# an echo reply and a bad checksum: nothing
t.add("eth0", CLIENT / IP(id=4, **C) / ICMP(type=0, id=7, seq=7))
t.add("eth0", CLIENT / IP(id=5, **C) / ICMP(id=7, seq=8, chksum=0x1111))
# TCP to a closed port: SYN (RST+ACK), ACK (RST with its ack), RST
# (nothing), FIN+data (ack counts FIN and data), TOS 0x12, bad checksum
t.add("eth0", CLIENT / IP(id=6, **C) / TCP(sport=40000, dport=23, flags="S", seq=1000))
t.add("eth0", CLIENT / IP(id=7, **C) / TCP(sport=40001, dport=23, flags="A", seq=2000, ack=777777))
t.add("eth0", CLIENT / IP(id=8, **C) / TCP(sport=40002, dport=23, flags="R", seq=3000))
t.add("eth0", CLIENT / IP(id=9, **C) / TCP(sport=40003, dport=23, flags="FP", seq=4000) / Raw(b"hello"))
t.add("eth0", CLIENT / IP(id=10, tos=0x12, **C) / TCP(sport=40004, dport=25, flags="S", seq=5000))
t.add("eth0", CLIENT / IP(id=11, **C) / TCP(sport=40005, dport=23, flags="S", seq=6000, chksum=0x2222))
# UDP: closed port (unreachable), bad checksum and broadcast (nothing),
# no checksum (unreachable)
t.add("eth0", CLIENT / IP(id=12, **C) / UDP(sport=5000, dport=9) / Raw(b"data"))
t.add("eth0", CLIENT / IP(id=13, **C) / UDP(sport=5001, dport=9, chksum=0x3333) / Raw(b"data"))
t.add("eth0", BCAST / IP(id=14, src="192.0.2.2", dst="192.0.2.255") / UDP(sport=5002, dport=9))
t.add("eth0", CLIENT / IP(id=15, **C) / UDP(sport=5003, dport=10, chksum=0) / Raw(b"nocsum"))
# UDP-Lite (protocol 136) to a closed port: port unreachable; a coverage
# below 8 bytes: nothing
def udplite(sport, dport, cscov, data):
    import struct
    from scapy.all import checksum
    seg = struct.pack("!HHHH", sport, dport, cscov, 0) + data
    cover = len(seg) if cscov == 0 else cscov
    pseudo = bytes([192, 0, 2, 2, 192, 0, 2, 1, 0, 136]) + \
        struct.pack("!H", len(seg))
    ck = checksum(pseudo + seg[:cover]) or 0xffff
    return Raw(seg[:6] + struct.pack("!H", ck) + seg[8:])


t.add("eth0", CLIENT / IP(id=17, proto=136, **C) / udplite(5004, 11, 0, b"lite"))
t.add("eth0", CLIENT / IP(id=18, proto=136, **C) / udplite(5005, 11, 4, b"lite"))
# a protocol without a handler: protocol unreachable
t.add("eth0", CLIENT / IP(id=16, proto=253, **C) / Raw(b"experimental"))
t.write()
