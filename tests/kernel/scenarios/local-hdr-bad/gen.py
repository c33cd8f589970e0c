#!/usr/bin/python3
"""local-hdr-bad: headers a raw socket (IP_HDRINCL, local.pcap) is given that
raw_send_hdrinc does not fix or refuses.

Proves: a header length beyond the datagram (ihl 15 in 28 bytes) and one
below 20 bytes (ihl 4) are refused at sendmsg (EINVAL), before OUTPUT
(no LOG, no counter); a valid datagram after them leaves as usual.

/usr/bin/python3 gen.py [OUTDIR] writes local.pcap."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, IP, UDP, Raw  # noqa: E402

ME, C = "192.0.2.1", "192.0.2.2"

t = Trace()
# ihl 15 (60 bytes) in a 28-byte datagram
t.add(LOCAL, IP(src=ME, dst=C, id=1, ihl=15) / UDP(sport=1000, dport=53))
# ihl 4, tot_len and checksum wrong, zero source: not fixed up
t.add(LOCAL, IP(src="0.0.0.0", dst=C, id=2, ihl=4, len=999, chksum=0x1111) /
      UDP(sport=1001, dport=53))
# a valid one after them
t.add(LOCAL, IP(src=ME, dst=C, id=3) / UDP(sport=1002, dport=53))
t.write()
