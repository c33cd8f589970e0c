#!/usr/bin/python3
"""path-chain-jumps: -j/-g/RETURN through nested user chains, both ways.

Proves (LOG lines show the walk, counters where each packet went):
- FORWARD -j web, web -g web80: RETURN (or falling off) in web80 goes
  back to FORWARD after `-j web` (the goto replaced web's frame);
- -g from a chain reached by -g (web -g g1 -g g2): RETURN in g2 also goes
  back to FORWARD, and g1's later rule is never reached;
- RETURN from nest2 and nest3 resumes the calling chain's next rule,
  falling off nest1 resumes web, three levels deep; DROP deep inside;
- RETURN in a chain reached by -g from the built-in chain (ureturn) applies
  FORWARD's policy: the target-less rule at FORWARD's end never sees it;
- target-less rules count and go on (count chain, web, FORWARD's end).
/usr/bin/python3 gen.py [OUTDIR] writes in-eth0.pcap and in-eth1.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, Ether, IP, TCP, UDP, ICMP, Raw  # noqa: E402

CLIENT = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")
UPSTREAM = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")
C, SRV = "192.0.2.2", "203.0.113.60"

t = Trace()
n = 0


def out(sport, dport, flags="S"):
    global n
    n += 1
    t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=n) /
          TCP(sport=sport, dport=dport, flags=flags, seq=n * 100))


def back(sport, dport, flags="S"):
    global n
    n += 1
    t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=n) /
          TCP(sport=sport, dport=dport, flags=flags, seq=n * 100))


out(1000, 80)    # web80 RETURN -> FORWARD rule 3 (LOG), end, policy
out(1001, 80)    # web80 ACCEPT
back(1000, 80)   # the same from outside: web80 RETURN
out(2000, 81)    # nest2 RETURN -> nest1 LOG -> falls off -> web ... policy
out(2001, 81)    # DROP in nest3
back(2002, 81)   # nest3 RETURN -> nest2 LOG -> nest1 LOG -> web-end ...
out(3000, 81)    # nest3 RETURN, nest2/nest1 LOGs, ACCEPT in nest1
out(5000, 82)    # web -g rtn, RETURN -> FORWARD rule 3, policy
back(4000, 83)   # web -g g1 -g g2: ACCEPT in g2
out(4001, 83)    # g2 RETURN -> FORWARD rule 3, policy
back(5001, 443)  # web falls through: counter, web-end LOG, FORWARD, policy
# udp: -g ureturn from FORWARD: ACCEPT 53, RETURN -> policy for others
n += 1
t.add("eth0", CLIENT / IP(src=C, dst=SRV, id=n) /
      UDP(sport=5353, dport=53) / Raw(b"q"))
n += 1
t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=n) /
      UDP(sport=53, dport=5353) / Raw(b"a"))
n += 1
t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=n) /
      UDP(sport=53, dport=53) / Raw(b"r"))
# icmp: counted by count's -s rule only from the inside, ACCEPT
n += 1
t.add("eth1", UPSTREAM / IP(src=SRV, dst=C, id=n) /
      ICMP(type=0, id=1, seq=1) / Raw(b"pong"))
t.write()
