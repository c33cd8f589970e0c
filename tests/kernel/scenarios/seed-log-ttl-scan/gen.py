#!/usr/bin/python3
"""seed-log-ttl-scan: the compendium's LOG, TTL and tcp-flags examples.

Proves: the LOG line of the seed's example (a 522-byte ACK PSH segment to
port 80 with TTL 128, ID 27499, DF, its SEQ/ACK) with the prefix glued to
IN= as in the seed, IP options (record route) and TCP sequence numbers;
LOG does not stop the packet (a TTL 1 segment to port 80 is logged, then
dropped by the TTL rule; a Xmas scan to port 80 is logged, then dropped);
"--ttl-eq 1" in INPUT drops what arrives with TTL 1 (the last traceroute
hop); in FORWARD it never sees a TTL 1 arrival (routing answers that with
time exceeded before FORWARD) but drops what arrives with TTL 2; Xmas and
NULL scans to the host are dropped, forwarded ones are not (INPUT only).
Addresses: the seed's 192.168.1.x are 192.0.2.x here.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, Raw, IPOption_RR  # noqa

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FW1, FAR = "192.0.2.2", "192.0.2.1", "198.51.100.1", "203.0.113.10"

t = Trace()
# the seed's logged segment: LEN=522 TTL=128 ID=27499 DF, ACK PSH
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=27499, ttl=128, flags="DF") /
      TCP(sport=5430, dport=80, flags="PA", seq=3847892455, ack=3435733082,
          window=16344) / Raw(b"G" * 482))
# a SYN with record route: OPT (...) in the log
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=2, ttl=128,
                          options=[IPOption_RR(routers=["0.0.0.0"] * 2)]) /
      TCP(sport=5431, dport=80, flags="S", seq=1000, window=8192,
          options=[("MSS", 1460), ("NOP", None), ("NOP", None),
                   ("SAckOK", b"")]), gap=0.02)
# TTL 1 to port 80 from outside: logged, then dropped by the TTL rule
t.add("eth1", UPSTREAM / IP(src=FAR, dst=FW1, id=3, ttl=1) /
      TCP(sport=40000, dport=80, flags="S", seq=2000, window=8192),
      gap=0.02)
# traceroute: the last hop (TTL 1 to the host) is dropped
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=4, ttl=1) /
      UDP(sport=33434, dport=33440) / Raw(b"probe"), gap=0.02)
# through the host: TTL 2 becomes 1 and FORWARD drops it; TTL 1 is
# answered with time exceeded by routing; TTL 3 passes
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=5, ttl=2) /
      UDP(sport=33435, dport=33441) / Raw(b"probe"))
t.add("eth0", CLIENT / IP(src=C, dst=FAR, id=6, ttl=1) /
      UDP(sport=33436, dport=33442) / Raw(b"probe"))
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=7, ttl=3) /
      UDP(sport=33437, dport=33443) / Raw(b"probe"))
# scans to the host: Xmas to 22 (dropped), Xmas to 80 (logged, dropped),
# NULL to 443 (dropped); a plain SYN to 443 is delivered
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=8) /
      TCP(sport=40001, dport=22, flags="FPU", seq=3000, window=1024))
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=9) /
      TCP(sport=40001, dport=80, flags="FPU", seq=3000, window=1024))
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=10) /
      TCP(sport=40001, dport=443, flags="", seq=3000, window=1024),
      gap=0.02)
t.add("eth0", CLIENT / IP(src=C, dst=FW0, id=11) /
      TCP(sport=40002, dport=443, flags="S", seq=4000, window=8192))
# a forwarded NULL scan: not INPUT's business
t.add("eth1", UPSTREAM / IP(src=FAR, dst=C, id=12, ttl=60) /
      TCP(sport=40003, dport=443, flags="", seq=5000, window=1024))
t.write()
