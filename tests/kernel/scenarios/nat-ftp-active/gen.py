#!/usr/bin/python3
"""nat-ftp-active: active FTP (PORT, EPRT) from an inside client through
MASQUERADE.

Proves: the client's `PORT 192,0,2,2,156,65` leaves as `PORT
198,51,100,1,156,65` (3 bytes longer: IP total length and checksums redone),
`EPRT |1|192.0.2.2|40002|` as `EPRT |1|198.51.100.1|40002|`; every later
client segment has its sequence number raised by 3, then 6, and the server's
acknowledgements lowered by as much on the way back; the helper reads
commands only at the start of a line after traffic went both ways (USER
comes first); the server's data connections from port 20 to
198.51.100.1:40001 and :40002 are RELATED (logged), DNATed to the client
(the expectation's port kept, it is free), and carry a listing and a file
both ways with FIN teardowns; the control connection ends with QUIT. The
peers never answer: both sides' segments are written here with sequence
numbers as each side sees them.
/usr/bin/python3 gen.py [OUTDIR] writes the inputs."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, TCP, UDP, ICMP, Raw  # noqa
from conv import Tcp  # noqa: E402,F401

C1 = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")   # 192.0.2.2
C2 = Ether(src="02:00:00:00:00:03", dst="02:00:00:00:01:00")   # 192.0.2.3
SRV = Ether(src="02:00:00:00:00:0a", dst="02:00:00:00:01:00")  # 192.0.2.10
UP = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")   # 198.51.100.2
PUB = "198.51.100.1"

t = Trace()
S = "203.0.113.21"
c = Tcp(t, ("eth0", C1, "192.0.2.2", 40000), ("eth1", UP, S, 21),
        cli_seen=(PUB, 40000), cli_isn=100000, srv_isn=200000)
c.handshake()
c.srv(b"220 FTP server ready\r\n")
c.cli(b"USER anonymous\r\n")
c.srv(b"331 Please specify the password.\r\n")
c.cli(b"PASS guest\r\n")
c.srv(b"230 Login successful.\r\n")
c.cli(b"PORT 192,0,2,2,156,65\r\n")
c.cli_shift += 3       # "192,0,2,2" became "198,51,100,1"
c.srv(b"200 PORT command successful.\r\n")
c.cli(b"LIST\r\n")
c.srv(b"150 Here comes the directory listing.\r\n")


def data(port, payload, isn):
    d = Tcp(t, ("eth1", UP, S, 20), ("eth0", C1, "192.0.2.2", port),
            srv_seen=(PUB, port), cli_isn=isn, srv_isn=isn + 50000)
    d.handshake()
    d.cli(payload)
    d.srv()
    d.close()


data(40001, b"-rw-r--r-- 1 ftp ftp 6 a\r\n", 300000)
c.srv(b"226 Directory send OK.\r\n")
c.cli(b"EPRT |1|192.0.2.2|40002|\r\n")
c.cli_shift += 3       # "192.0.2.2" became "198.51.100.1"
c.srv(b"200 EPRT command successful.\r\n")
c.cli(b"RETR a\r\n")
c.srv(b"150 Opening BINARY mode data connection for a (6 bytes).\r\n")
data(40002, b"hello\n", 400000)
c.srv(b"226 Transfer complete.\r\n")
c.cli(b"QUIT\r\n")
c.srv(b"221 Goodbye.\r\n")
c.close()
t.write()
