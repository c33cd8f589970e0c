"""Conversations for the scenarios' gen.py: a TCP connection written from
both of its ends on one genlib.Trace. The peers never answer by themselves,
so every segment of both directions is written here; through NAT each end
sees its own addresses and ports (the ones the kernel chose, in the
deterministic cases) and, after a helper changed a payload's length (FTP),
its own sequence numbers.

    c = Tcp(t, ("eth0", CLIENT_ETHER, "192.0.2.2", 40000),
               ("eth1", UPSTREAM_ETHER, "203.0.113.10", 80),
            cli_seen=("198.51.100.1", 40000))  # as the server sees it
    c.handshake()
    c.cli(b"GET / HTTP/1.0\\r\\n\\r\\n")        # client data, PA
    c.srv(b"HTTP/1.0 200 OK\\r\\n\\r\\n")        # server data, PA
    c.close()                                  # FIN, FIN/ACK, ACK

An end is (iface, Ether header, its own address, its own port). `cli_seen`
is the client's (address, port) in the server's frames (SNAT/MASQUERADE);
`srv_seen` the server's (address, port) in the client's frames (DNAT).
`cli_shift` / `srv_shift` add to the client's / server's sequence numbers
as the other end sees them (what nf_nat's sequence adjustment does after
a mangled payload changed length).
"""

from genlib import IP, TCP


class Tcp:
    def __init__(self, t, cli, srv, cli_seen=None, srv_seen=None,
                 cli_isn=1000, srv_isn=5000, win=8192, ttl=64, cli_id=100,
                 srv_id=200):
        self.t = t
        self.ci, self.ce, self.ca, self.cp = cli
        self.si, self.se, self.sa, self.sp = srv
        self.cli_seen = cli_seen or (self.ca, self.cp)
        self.srv_seen = srv_seen or (self.sa, self.sp)
        self.cseq = cli_isn      # client's next sequence number (its view)
        self.sseq = srv_isn      # server's next sequence number (its view)
        self.cli_shift = 0
        self.srv_shift = 0
        self.win = win
        self.ttl = ttl
        self.cid = cli_id
        self.sid = srv_id

    # one segment from either end; the sequence numbers advance by the
    # payload plus SYN and FIN
    def cli(self, data=b"", flags="PA", gap=None, seq=None, ack=None,
            advance=True, **kw):
        """A segment from the client, as it sends it."""
        if not data and flags == "PA":
            flags = "A"
        s = self.cseq if seq is None else seq
        a = (self.sseq + self.srv_shift) if ack is None else ack
        if "A" not in flags and ack is None:
            a = 0
        ip = IP(src=self.ca, dst=self.srv_seen[0], ttl=self.ttl, id=self.cid)
        self.cid += 1
        f = self.ce / ip / TCP(sport=self.cp, dport=self.srv_seen[1],
                               flags=flags, seq=s, ack=a, window=self.win,
                               **kw)
        if data:
            f = f / data
        if advance and seq is None:
            self.cseq += len(data) + ("S" in flags) + ("F" in flags)
        return self.t.add(self.ci, f, gap=gap)

    def srv(self, data=b"", flags="PA", gap=None, seq=None, ack=None,
            advance=True, **kw):
        """A segment from the server, as it sends it."""
        if not data and flags == "PA":
            flags = "A"
        s = self.sseq if seq is None else seq
        a = (self.cseq + self.cli_shift) if ack is None else ack
        if "A" not in flags and ack is None:
            a = 0
        ip = IP(src=self.sa, dst=self.cli_seen[0], ttl=self.ttl, id=self.sid)
        self.sid += 1
        f = self.se / ip / TCP(sport=self.sp, dport=self.cli_seen[1],
                               flags=flags, seq=s, ack=a, window=self.win,
                               **kw)
        if data:
            f = f / data
        if advance and seq is None:
            self.sseq += len(data) + ("S" in flags) + ("F" in flags)
        return self.t.add(self.si, f, gap=gap)

    def handshake(self):
        self.cli(flags="S")
        self.srv(flags="SA")
        self.cli(flags="A")

    def close(self):
        """The client closes first: FIN, the server's FIN/ACK, the last ACK."""
        self.cli(flags="FA")
        self.srv(flags="FA")
        self.cli(flags="A")
