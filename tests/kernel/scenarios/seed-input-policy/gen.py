#!/usr/bin/python3
"""seed-input-policy: the compendium's INPUT examples without conntrack.

Proves: the rule order the -I commands build (the ping rule, inserted
last, comes first: a 60-byte ping from a blocked network is accepted, a
61-byte one is dropped by the block, a TCP segment from it too); the
Windows 32-byte ping (60 bytes of IP) passes, `ping -l 40` (68) falls to
the policy; VRRP (protocol 112, /etc/protocols name) is accepted by -p
vrrp when sent to the host's address, but an advertisement to 224.0.0.18
never reaches INPUT (the host has not joined the group: routing drops it
after PREROUTING); a multicast to 224.0.0.1 (joined) is accepted by the
224.0.0.0/8 rule; -i lo never matches anything from eth0/eth1, and a
spoofed 127.0.0.1 source is a martian (dropped before INPUT); anything
else meets INPUT's DROP policy. Forwarding is untouched (FORWARD ACCEPT).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FW1 = "192.0.2.2", "192.0.2.1", "198.51.100.1"
BLOCKED, OTHER = "203.0.113.7", "203.0.113.200"
# a VRRP v2 advertisement: vrid 51, priority 100, one address, auth none,
# interval 1 s (checksum precomputed)
VRRP = b"\x21\x33\x64\x01\x00\x01\x00\x00" + bytes([192, 0, 2, 254]) + \
    b"\x00" * 8


def vrrp(ident, dst, dst_mac):
    body = bytearray(VRRP)
    s = sum((body[i] << 8) + body[i + 1] for i in range(0, len(body), 2))
    s = (s & 0xffff) + (s >> 16)
    s = ~((s & 0xffff) + (s >> 16)) & 0xffff
    body[6], body[7] = s >> 8, s & 0xff
    return Ether(src="02:00:00:00:00:01", dst=dst_mac) / \
        IP(src=C, dst=dst, id=ident, ttl=255, proto=112) / Raw(bytes(body))


def ping(ident, src, dst, size, iface="eth1"):
    eth = UPSTREAM if iface == "eth1" else CLIENT
    return iface, eth / IP(src=src, dst=dst, id=ident) / \
        ICMP(type=8, id=0x0001, seq=ident) / Raw(b"a" * (size - 28))


t = Trace()
t.add(*ping(1, C, FW0, 60, "eth0"))           # Windows ping: accepted
t.add(*ping(2, C, FW0, 68, "eth0"))           # ping -l 40: policy
t.add(*ping(3, BLOCKED, FW1, 60))             # blocked net, small: accepted
t.add(*ping(4, BLOCKED, FW1, 61))             # blocked net: dropped
t.add("eth1", UPSTREAM / IP(src=BLOCKED, dst=FW1, id=5) /
      TCP(sport=40000, dport=22, flags="S", seq=1))      # blocked
t.add("eth1", UPSTREAM / IP(src=OTHER, dst=FW1, id=6) /
      TCP(sport=40001, dport=22, flags="S", seq=2))      # policy
t.add(*ping(12, "198.51.100.200", FW1, 84))   # the other zone: dropped
t.add("eth0", vrrp(7, "224.0.0.18", "01:00:5e:00:00:12"))  # not joined
t.add("eth0", vrrp(8, FW0, "02:00:00:00:01:00"))          # -p vrrp
t.add("eth0", Ether(src="02:00:00:00:00:01", dst="01:00:5e:00:00:01") /
      IP(src=C, dst="224.0.0.1", id=9, ttl=1) /
      UDP(sport=5000, dport=5000) / Raw(b"all"))           # 224/8
t.add("eth0", CLIENT / IP(src="127.0.0.1", dst=FW0, id=10) /
      TCP(sport=40002, dport=22, flags="S", seq=3))      # martian
t.add("eth0", CLIENT / IP(src=C, dst="203.0.113.10", id=11) /
      TCP(sport=40003, dport=80, flags="S", seq=4))      # forwarded
t.write()
