#!/usr/bin/python3
"""nat-ftp-extended: EPRT, EPSV, shrinking rewrites and SACK through NAT.

Proves: the public address (192.0.2.1) is shorter than the inside ones, so
every rewrite shrinks the command and the sequence offsets go negative:
an inside client's `EPRT |1|203.0.113.200|40001|` leaves as
`EPRT |1|192.0.2.1|40001|` (4 bytes shorter), `EPRT !1!203.0.113.200!40002!`
(another delimiter) as `EPRT |1|192.0.2.1|40002|` (the kernel always
writes `|`), `PORT 203,0,113,200,156,67` as `PORT 192,0,2,1,156,67`
(-4 each: the client's later numbers 4, 8, 12 lower for the server, the
server's acknowledgements raised as much); a SACK block of the server
about client data after the third change is moved back into the client's
numbers; the data connections from port 20 are RELATED and DNATed to the
client; `229 Entering Extended Passive Mode (|||60001|)` comes out the same
and the client's data connection to it is RELATED and MASQUERADEd. For
the DNATed inside server: `227 Entering Passive Mode (203,0,113,10,195,80).`
becomes `(192,0,2,1,195,80)` (-3), and a 227 without parentheses
(`227 Entering Passive Mode 203,0,113,10,195,81`) is read from its first
digit (RFC 1123) and rewritten too (-6 in all); both data connections are
RELATED and DNATed.
/usr/bin/python3 gen.py [OUTDIR] writes the inputs."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", ".."))
from genlib import Trace, LOCAL, Ether, IP, TCP, UDP, ICMP, Raw  # noqa
from conv import Tcp  # noqa: E402,F401

C1 = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00")   # 203.0.113.200
SRV = Ether(src="02:00:00:00:00:0a", dst="02:00:00:00:01:00")  # 203.0.113.10
UP = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:01:01")   # 192.0.2.2
PUB = "192.0.2.1"
SACK_OK = [("MSS", 1460), ("SAckOK", b"")]

t = Trace()

# an inside client, active and extended, to an outside server
S = "198.51.100.21"
c = Tcp(t, ("eth0", C1, "203.0.113.200", 40000), ("eth1", UP, S, 21),
        cli_seen=(PUB, 40000), cli_isn=100000, srv_isn=200000)
c.cli(flags="S", options=SACK_OK)
c.srv(flags="SA", options=SACK_OK)
c.cli(flags="A")
c.srv(b"220 FTP server ready\r\n")
c.cli(b"USER anonymous\r\n")
c.srv(b"331 Please specify the password.\r\n")
c.cli(b"PASS guest\r\n")
c.srv(b"230 Login successful.\r\n")


def active(port, payload, isn):
    d = Tcp(t, ("eth1", UP, S, 20), ("eth0", C1, "203.0.113.200", port),
            srv_seen=(PUB, port), cli_isn=isn, srv_isn=isn + 50000)
    d.handshake()
    d.cli(payload)
    d.srv()
    d.close()


c.cli(b"EPRT |1|203.0.113.200|40001|\r\n")
c.cli_shift -= 4       # "203.0.113.200" became "192.0.2.1"
c.srv(b"200 EPRT command successful.\r\n")
c.cli(b"LIST\r\n")
c.srv(b"150 Here comes the directory listing.\r\n")
active(40001, b"-rw-r--r-- 1 ftp ftp 6 a\r\n", 300000)
c.srv(b"226 Directory send OK.\r\n")
c.cli(b"EPRT !1!203.0.113.200!40002!\r\n")
c.cli_shift -= 4       # "!1!203.0.113.200!40002!" became "|1|192.0.2.1|40002|"
c.srv(b"200 EPRT command successful.\r\n")
c.cli(b"RETR a\r\n")
c.srv(b"150 Opening BINARY mode data connection for a (6 bytes).\r\n")
active(40002, b"hello\n", 400000)
c.srv(b"226 Transfer complete.\r\n")
c.cli(b"PORT 203,0,113,200,156,67\r\n")
c.cli_shift -= 4       # "203,0,113,200" became "192,0,2,1"
c.srv(b"200 PORT command successful.\r\n")
# two commands; the server acknowledges the first and SACKs the second
# (its own view of the client's numbers)
first = c.cseq
c.cli(b"TYPE I\r\n")
second = c.cseq
c.cli(b"RETR b\r\n")
end = c.cseq
c.srv(flags="A", ack=second + c.cli_shift,
      options=[("NOP", None), ("NOP", None),
               ("SAck", (second + c.cli_shift, end + c.cli_shift))])
c.srv(b"200 Switching to Binary mode.\r\n")
c.srv(b"150 Opening BINARY mode data connection for b (3 bytes).\r\n")
active(40003, b"bb\n", 500000)
c.srv(b"226 Transfer complete.\r\n")
c.cli(b"EPSV\r\n")
c.srv(b"229 Entering Extended Passive Mode (|||60001|)\r\n")
c.cli(b"RETR c\r\n")
d = Tcp(t, ("eth0", C1, "203.0.113.200", 40004), ("eth1", UP, S, 60001),
        cli_seen=(PUB, 40004), cli_isn=600000, srv_isn=650000)
d.handshake()
d.srv(b"ccc\n")
d.cli()
d.srv(flags="FA")
d.cli(flags="FA")
d.srv(flags="A")
c.srv(b"226 Transfer complete.\r\n")
c.cli(b"QUIT\r\n")
c.srv(b"221 Goodbye.\r\n")
c.close()

# an outside client, passive, to the DNATed inside server
X = "198.51.100.50"
m = Tcp(t, ("eth1", UP, X, 50000), ("eth0", SRV, "203.0.113.10", 21),
        srv_seen=(PUB, 21), cli_isn=700000, srv_isn=800000)
m.handshake()
m.srv(b"220 FTP server ready\r\n")
m.cli(b"USER anonymous\r\n")
m.srv(b"331 Please specify the password.\r\n")
m.cli(b"PASS guest\r\n")
m.srv(b"230 Login successful.\r\n")


def passive(cport, sport, payload, isn):
    d = Tcp(t, ("eth1", UP, X, cport), ("eth0", SRV, "203.0.113.10", sport),
            srv_seen=(PUB, sport), cli_isn=isn, srv_isn=isn + 50000)
    d.handshake()
    d.srv(payload)
    d.cli()
    d.srv(flags="FA")
    d.cli(flags="FA")
    d.srv(flags="A")


m.cli(b"PASV\r\n")
m.srv(b"227 Entering Passive Mode (203,0,113,10,195,80).\r\n")
m.srv_shift -= 3       # "203,0,113,10" became "192,0,2,1"
m.cli(b"LIST\r\n")
passive(50001, 50000, b"-rw-r--r-- 1 ftp ftp 6 a\r\n", 900000)
m.srv(b"150 Here comes the directory listing.\r\n226 Directory send OK.\r\n")
m.cli(b"PASV\r\n")
m.srv(b"227 Entering Passive Mode 203,0,113,10,195,81\r\n")
m.srv_shift -= 3       # read from the first digit, rewritten likewise
m.cli(b"RETR a\r\n")
passive(50002, 50001, b"hello\n", 1000000)
m.srv(b"226 Transfer complete.\r\n")
m.cli(b"QUIT\r\n")
m.srv(b"221 Goodbye.\r\n")
m.close()
t.write()
