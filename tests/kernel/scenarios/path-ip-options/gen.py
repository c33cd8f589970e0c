#!/usr/bin/python3
"""path-ip-options: IP options, well-formed and not, forwarded and local.

Proves: a malformed option (length 1, length past the header, RR pointer
3, a second RR, TS pointer 4) gets ICMP parameter problem with the
pointer to the offending byte (20, 20, 22, 31, 22), after PREROUTING
(counted and logged there, never in INPUT/FORWARD), from the inbound
interface's address when forwarded and from the destination address
when local; LSRR and SSRR are dropped silently after PREROUTING
(accept_source_route=0), whether the host is the next hop or not; record
route is filled with the inbound address before FORWARD/INPUT and the
slot is rewritten with the outbound address on the way out (checksum
fixed); a full RR and a prespecified timestamp for a foreign address
pass unchanged; a full timestamp option gets its overflow count bumped;
bytes after an end-of-list option are zeroed; an unknown option and
router alert pass; REJECT in FORWARD sends nothing for a packet whose RR
or TS the host changed on input (nf_ip_checksum sums the IP header,
whose checksum is stale until ip_forward_options) but does answer a
full-RR packet, echoing the option in the error's header.
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, UDP, Raw, IPOption_RR  # noqa: E402
from scapy.all import IPOption, IPOption_Router_Alert  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, FW0, FW1, FAR = "192.0.2.2", "192.0.2.1", "198.51.100.1", "203.0.113.110"


def opt(b):
    return IPOption(bytes(b))


RR2 = [IPOption_RR(routers=["0.0.0.0"] * 2)]
RR_FULL = [IPOption_RR(pointer=12, routers=["192.0.2.77"] * 2)]
TS_FULL = [opt(b"\x44\x0c\x0d\x10" + b"\x00\x00\x07\xd0" * 2)]
TS_PRESPEC = [opt(b"\x44\x0c\x05\x03" + bytes([203, 0, 113, 99]) +
                  b"\x00" * 4)]
t = Trace()
n = [0]


def udp(iface, eth, src, dst, options, dport=4000, payload=b"o"):
    n[0] += 1
    t.add(iface, eth / IP(src=src, dst=dst, id=n[0], options=options) /
          UDP(sport=56000 + n[0], dport=dport) / Raw(payload))


# malformed, from the client (forwarded destination): parameter problem
udp("eth0", CLIENT, C, FAR, [opt(b"\x94\x01\x00\x00")])       # length 1
udp("eth0", CLIENT, C, FAR, [opt(b"\x94\x09\x00\x00")])       # past end
udp("eth0", CLIENT, C, FAR, [opt(b"\x07\x07\x03\x00\x00\x00\x00\x00")])
udp("eth0", CLIENT, C, FAR, RR2 + [opt(b"\x07\x07\x04" + b"\x00" * 5)])
udp("eth0", CLIENT, C, FW0, [opt(b"\x44\x08\x04\x00" + b"\x00" * 4)])
# malformed, from outside to the host's eth1 address
udp("eth1", UPSTREAM, FAR, FW1, [opt(b"\x94\x01\x00\x00")])
# source routes: dropped after PREROUTING
udp("eth0", CLIENT, C, FAR,
    [opt(b"\x83\x07\x04" + bytes([203, 0, 113, 111]) + b"\x00")])
udp("eth0", CLIENT, C, FW0,
    [opt(b"\x89\x07\x04" + bytes([203, 0, 113, 111]) + b"\x00")])
# record route: inbound address in FORWARD, outbound on the wire
udp("eth1", UPSTREAM, FAR, C, RR2)
udp("eth0", CLIENT, C, FW0, RR2)
udp("eth0", CLIENT, C, FAR, RR_FULL)
# timestamps: full (overflow + 1), prespecified for another host
udp("eth0", CLIENT, C, FAR, TS_FULL)
udp("eth1", UPSTREAM, FAR, C, TS_PRESPEC)
# bytes after end-of-list are zeroed; an unknown option; router alert
udp("eth1", UPSTREAM, FAR, C, [opt(b"\x01\x00\x55\x66")])
udp("eth1", UPSTREAM, FAR, C, [opt(b"\x9e\x04\xab\xcd")])
udp("eth0", CLIENT, C, FW0, [IPOption_Router_Alert()])
# REJECT in FORWARD: nothing for changed RR/TS, an error for a full RR
udp("eth1", UPSTREAM, FAR, C, RR2, dport=9)
udp("eth1", UPSTREAM, FAR, C, TS_FULL, dport=9)
udp("eth1", UPSTREAM, FAR, C, RR_FULL, dport=9)
t.write()
