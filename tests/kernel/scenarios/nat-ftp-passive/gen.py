#!/usr/bin/python3
"""nat-ftp-passive: passive FTP (PASV/227, EPSV/229) through DNAT and
MASQUERADE.

Proves: for the DNATed inside server, its `227 Entering Passive Mode
(192,0,2,10,195,80).` reaches the outside client as `(198,51,100,1,195,80)`
(2 bytes longer: the server's later sequence numbers raised by 2 for the
client, the client's acknowledgements lowered on the way in); the client's
data connection to 198.51.100.1:50000 is RELATED and DNATed to
192.0.2.10:50000; `229 Entering Extended Passive Mode (|||50001|)` names no
address: the same bytes come out, and the data connection to :50001 follows;
a connection to a port nobody announced (50002) is not RELATED: it is for
the gateway itself (delivered). For an inside client MASQUERADEd to an
outside server, the 227 names the server's own address: left as it is, and
the client's data connection is RELATED and MASQUERADEd like the control
one.
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
X = "203.0.113.50"
c = Tcp(t, ("eth1", UP, X, 50000), ("eth0", SRV, "192.0.2.10", 21),
        srv_seen=(PUB, 21), cli_isn=100000, srv_isn=200000)
c.handshake()
c.srv(b"220 FTP server ready\r\n")
c.cli(b"USER anonymous\r\n")
c.srv(b"331 Please specify the password.\r\n")
c.cli(b"PASS guest\r\n")
c.srv(b"230 Login successful.\r\n")
c.cli(b"PASV\r\n")
c.srv(b"227 Entering Passive Mode (192,0,2,10,195,80).\r\n")
c.srv_shift += 2       # "192,0,2,10" became "198,51,100,1"
c.cli(b"LIST\r\n")


def data(cli, srv, seen, payload, isn):
    d = Tcp(t, cli, srv, srv_seen=seen[0], cli_seen=seen[1], cli_isn=isn,
            srv_isn=isn + 50000)
    d.handshake()
    d.srv(payload)
    d.cli()
    d.srv(flags="FA")
    d.cli(flags="FA")
    d.srv(flags="A")


data(("eth1", UP, X, 50001), ("eth0", SRV, "192.0.2.10", 50000),
     ((PUB, 50000), None), b"-rw-r--r-- 1 ftp ftp 6 a\r\n", 300000)
c.srv(b"150 Here comes the directory listing.\r\n226 Directory send OK.\r\n")
c.cli(b"EPSV\r\n")
c.srv(b"229 Entering Extended Passive Mode (|||50001|)\r\n")
c.cli(b"RETR a\r\n")
data(("eth1", UP, X, 50002), ("eth0", SRV, "192.0.2.10", 50001),
     ((PUB, 50001), None), b"hello\n", 400000)
c.srv(b"226 Transfer complete.\r\n")
# nobody announced 50002
t.add("eth1", UP / IP(src=X, dst=PUB, id=900) /
      TCP(sport=50003, dport=50002, flags="S", seq=1, window=8192))
c.cli(b"QUIT\r\n")
c.srv(b"221 Goodbye.\r\n")
c.close()

# an inside client, passive, to an outside server
S = "203.0.113.21"
m = Tcp(t, ("eth0", C1, "192.0.2.2", 40000), ("eth1", UP, S, 21),
        cli_seen=(PUB, 40000), cli_isn=500000, srv_isn=600000)
m.handshake()
m.srv(b"220 ready\r\n")
m.cli(b"USER anonymous\r\n")
m.srv(b"331 Password?\r\n")
m.cli(b"PASV\r\n")
m.srv(b"227 Entering Passive Mode (203,0,113,21,234,96).\r\n")
m.cli(b"RETR b\r\n")
data(("eth0", C1, "192.0.2.2", 40001), ("eth1", UP, S, 60000),
     (None, (PUB, 40001)), b"bbb\n", 700000)
m.srv(b"226 Transfer complete.\r\n")
t.write()
