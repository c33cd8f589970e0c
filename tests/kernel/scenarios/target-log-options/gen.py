#!/usr/bin/python3
"""target-log-options: LOG with every option at every hook (mangle table).

Proves: the LOG line of each hook (PREROUTING/INPUT: IN= only and MAC=;
FORWARD: IN= and OUT= and MAC=; OUTPUT: OUT= only, no MAC=; POSTROUTING:
OUT= only for the host's own packets, but IN= and MAC= too for forwarded
ones, as ip_output passes the inbound device); --log-macdecode (MACSRC=
MACDST= MACPROTO=) for unicast, broadcast and a priority-tagged (VID 0)
frame; --log-tcp-sequence and
--log-tcp-options (only where asked); --log-ip-options with NOP, router
alert, record route and timestamp options, as each hook sees them: record
route empty in PREROUTING, filled with the inbound address from INPUT/
FORWARD on, rewritten with the outbound address in POSTROUTING; a full
timestamp option whose overflow count the host bumps on input (a prespec
timestamp for a foreign address is left alone); --log-uid prints nothing
for received packets and for the packets REJECT builds (no socket or the
kernel's own); prefixes with spaces, single quotes kept literally and
escaped double quotes; a LOG without options (default prefix, level 4).
Log levels are set on every rule (0-2 avoided: they reach the console
synchronously, ~5 ms each, and delay the forwarding), but the
harness compares the text only.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import (Trace, Ether, IP, TCP, UDP, ICMP, Raw,  # noqa: E402
                    IPOption_RR, Dot1Q)
from scapy.all import IPOption, IPOption_NOP, IPOption_Router_Alert  # noqa

CMAC = "02:00:00:00:00:01"
CLIENT = Ether(src=CMAC, dst="02:00:00:00:01:00")
BCAST = Ether(src=CMAC, dst="ff:ff:ff:ff:ff:ff")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FW1, FAR = "192.0.2.2", "192.0.2.1", "198.51.100.1", "203.0.113.9"

# timestamp options (RFC 791): full (pointer past the end) with overflow
# 2, timestamps only; and prespecified (flag 3) for a foreign address
TS_FULL = IPOption(b"\x44\x0c\x0d\x20" + b"\x00\x00\x03\xe8" * 2)
TS_PRESPEC = IPOption(b"\x44\x0c\x05\x03" + bytes([203, 0, 113, 99]) +
                      b"\x00\x00\x00\x00")

t = Trace()
# forwarded SYN with TCP options and NOP IP options
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=1,
                          options=[IPOption_NOP()] * 4) /
      TCP(sport=46000, dport=443, flags="S", seq=1000, window=65535,
          options=[("MSS", 1460), ("SAckOK", b""),
                   ("Timestamp", (111, 0)), ("NOP", None),
                   ("WScale", 7)]))
# forwarded SYN-ACK with record route: empty / inbound / outbound address
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=2,
                            options=[IPOption_RR(routers=["0.0.0.0"] * 3)]) /
      TCP(sport=443, dport=46000, flags="SA", seq=5000, ack=1001,
          window=29200, options=[("MSS", 1400)]))
# to the host, a full timestamp option: overflow 2 -> 3 from INPUT on
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=3, options=[TS_FULL]) /
      UDP(sport=46003, dport=53) / Raw(b"query"))
# to the host, udp 7: REJECTed; the ICMP error in OUTPUT and POSTROUTING
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=4, tos=0x10) /
      UDP(sport=46004, dport=7) / Raw(b"echo?"))
# to the host, tcp 7 with data: REJECTed with an RST (seq = the ACK)
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=5) /
      TCP(sport=46005, dport=7, flags="PA", seq=77, ack=88,
          options=[("NOP", None), ("NOP", None),
                   ("Timestamp", (5, 6))]) / Raw(b"data"))
# to the host, ssh: INPUT LOG with options in filter too
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=6, flags="DF", ttl=33) /
      TCP(sport=46006, dport=22, flags="S", seq=99, window=1024,
          options=[("MSS", 536), ("EOL", None)]))
# echo request with a prespecified timestamp for a foreign address
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=7, options=[TS_PRESPEC]) /
      ICMP(type=8, id=7, seq=1) / Raw(b"ts"))
# a broadcast to the subnet: MAC ff:ff:ff:ff:ff:ff
t.add("eth0", BCAST / IP(src=C, dst="192.0.2.255", id=8) /
      UDP(sport=138, dport=138) / Raw(b"netbios"))
# forwarded udp with router alert and the full timestamp option
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=9,
                          options=[IPOption_Router_Alert(), TS_FULL]) /
      UDP(sport=46009, dport=5353) / Raw(b"ra"))
# a priority-tagged frame (VID 0), forwarded: MACPROTO=0800
t.add("eth0", CLIENT / Dot1Q(vlan=0, prio=5) /
      IP(src=C, dst=FAR, id=10) / ICMP(type=8, id=10, seq=2) / Raw(b"p"))
t.write()
