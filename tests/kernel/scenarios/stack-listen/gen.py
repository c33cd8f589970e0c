#!/usr/bin/python3
"""HOST `listen` sockets with `stack on`: SYN-ACKs as Linux builds them
(options, window, MSS of the route), RSTs where no socket takes a
segment, UDP delivered: /usr/bin/python3 gen.py [OUTDIR]"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, Raw, CLIENT  # noqa: E402

C = dict(src="192.0.2.2", dst="192.0.2.1")
ALL = [("MSS", 1460), ("SAckOK", b""), ("Timestamp", (100, 0)), ("NOP", None),
       ("WScale", 7)]

t = Trace()
# every option: MSS, SACK-permitted + timestamps, window scale
syn = IP(id=1, **C) / TCP(sport=41000, dport=22, flags="S", seq=1000,
                          window=64240, options=ALL)
t.add("eth0", CLIENT / syn)
# no options; a listener bound to the address
t.add("eth0", CLIENT / IP(id=2, **C) / TCP(sport=41001, dport=80, flags="S", seq=2000))
# bound to 192.0.2.1 only: the other address's port 80 is closed
t.add("eth0", CLIENT / IP(id=3, src="192.0.2.2", dst="198.51.100.1") /
      TCP(sport=41002, dport=80, flags="S", seq=3000))
# to the other address: any-address listener; MSS and SACK only
t.add("eth0", CLIENT / IP(id=4, src="192.0.2.2", dst="198.51.100.1") /
      TCP(sport=41003, dport=22, flags="S", seq=4000,
          options=[("MSS", 1400), ("SAckOK", b"")]))
# timestamps without SACK, window scale without timestamps
t.add("eth0", CLIENT / IP(id=5, **C) / TCP(sport=41004, dport=22, flags="S", seq=5000,
      options=[("Timestamp", (200, 0))]))
t.add("eth0", CLIENT / IP(id=6, **C) / TCP(sport=41005, dport=22, flags="S", seq=6000,
      options=[("WScale", 2)]))
# ECN asked (ECE+CWR): the SYN-ACK has ECE
t.add("eth0", CLIENT / IP(id=7, **C) / TCP(sport=41006, dport=22, flags="SEC", seq=7000))
# UDP: to the bound socket (nothing sent), to a closed port
t.add("eth0", CLIENT / IP(id=8, **C) / UDP(sport=6000, dport=53) / Raw(b"query"))
t.add("eth0", CLIENT / IP(id=9, **C) / UDP(sport=6001, dport=54) / Raw(b"query"))
# the first SYN again: its SYN-ACK again; once more at once: rate limited
t.add("eth0", CLIENT / syn)
t.add("eth0", CLIENT / syn)
# an ACK of the half-open connection that acknowledges something else
# (Linux's ISN is random: no fixed capture acknowledges it): RST
t.add("eth0", CLIENT / IP(id=10, **C) / TCP(sport=41001, dport=80, flags="A", seq=2001, ack=4242))
# an ACK, an RST and a FIN without a connection to a listening port
t.add("eth0", CLIENT / IP(id=11, **C) / TCP(sport=41100, dport=22, flags="A", seq=9000, ack=9999))
t.add("eth0", CLIENT / IP(id=12, **C) / TCP(sport=41101, dport=22, flags="R", seq=9100))
t.add("eth0", CLIENT / IP(id=13, **C) / TCP(sport=41102, dport=22, flags="F", seq=9200))
# an RST in the window ends a half-open connection: its ACK then finds
# the listener only (RST)
t.add("eth0", CLIENT / IP(id=14, **C) / TCP(sport=41005, dport=22, flags="R", seq=6001))
t.add("eth0", CLIENT / IP(id=15, **C) / TCP(sport=41005, dport=22, flags="A", seq=6001, ack=1))
# the RSTs that end the half-open connections (seq = the SYN's + 1), so
# that no SYN-ACK timer (1 s) runs into the capture's end
for sport, dport, seq in ((41000, 22, 1001), (41001, 80, 2001),
                          (41004, 22, 5001), (41006, 22, 7001)):
    t.add("eth0", CLIENT / IP(id=20, **C) / TCP(sport=sport, dport=dport, flags="R", seq=seq))
t.add("eth0", CLIENT / IP(id=21, src="192.0.2.2", dst="198.51.100.1") /
      TCP(sport=41003, dport=22, flags="R", seq=4001))
t.write()
