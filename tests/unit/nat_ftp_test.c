/* nat_ftp_test.c: the ftp helper's NAT part (src/nat/nat_ftp.c) and the
 * sequence adjustment (src/conntrack/seqadj.c).
 *
 * Expected values come from the protocol and the kernel's rules, never
 * from utables' output:
 * - the replacement texts: RFC 959's "h1,h2,h3,h4,p1,p2" (p1 the port's
 *   high byte), RFC 2428's "|1|a.b.c.d|port|" and "|||port|", as
 *   nf_nat_ftp_fmt_cmd prints them;
 * - a rewritten segment is the segment built from scratch with the new
 *   payload: the IP total length, the IP and TCP checksums of the new
 *   bytes (the kernel completes the TCP checksum on output,
 *   CHECKSUM_PARTIAL); growing past 65535 bytes and a match outside the
 *   payload are refused with the packet untouched;
 * - nf_ct_seqadj_set / nf_ct_seq_adjust: each direction keeps
 *   (correction_pos, offset_before, offset_after); a segment whose
 *   sequence number is after correction_pos is moved by offset_after,
 *   else by offset_before; an acknowledgement (and each SACK edge) is
 *   moved back by the other direction's offsets, chosen by its value
 *   minus offset_before; a second change at or before correction_pos
 *   leaves the record alone; the expected numbers are worked out by hand
 *   below for two growing rewrites one way and a shrinking one the other;
 * - through the engine (MASQUERADE, DNAT, `CT --helper ftp`): PORT
 *   rewritten with the MASQUERADE address and the following segments
 *   shifted both ways; a 227 without parentheses read from its first
 *   digit (nf_conntrack_ftp's try_rfc1123, RFC 1123 4.1.2.6); a 227
 *   with no number at all dropped ("partial matching"); a port another
 *   connection already expects replaced by another one above it (the
 *   kernel's is random: only that property), the data connection then
 *   reaching the client at the port it announced.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "conntrack/ct_int.h"
#include "engine/engine.h"
#include "engine/pkt.h"
#include "host/host.h"
#include "nat/nat_int.h"
#include "unit.h"

static uint32_t
ip4(const char *s)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1)
		return 0;
	return a.s_addr;
}

/* ---- segments built from scratch -------------------------------------- */

struct seg {
	const char *src, *dst;
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;           /* 0x18: PSH|ACK */
	const uint8_t *opt;      /* TCP options (a multiple of 4 bytes) */
	size_t optlen;
	const char *payload;
	size_t paylen;           /* 0: strlen(payload) */
};

/* build: s as an IP datagram in b (ID 7, TTL 63), checksums from
 * scratch; its length */
static size_t
build(uint8_t *b, const struct seg *s)
{
	size_t paylen = s->paylen ? s->paylen :
			(s->payload ? strlen(s->payload) : 0);
	size_t thl = 20 + s->optlen, len = 20 + thl + paylen;
	uint32_t a;
	uint8_t *th = b + 20;

	memset(b, 0, 20 + thl);
	b[0] = 0x45;
	ut_put16(b + 2, (uint16_t)len);
	ut_put16(b + 4, 7);
	b[8] = 63;
	b[9] = 6;
	a = ip4(s->src);
	memcpy(b + 12, &a, 4);
	a = ip4(s->dst);
	memcpy(b + 16, &a, 4);
	ut_put16(th, s->sport);
	ut_put16(th + 2, s->dport);
	ut_put32(th + 4, s->seq);
	ut_put32(th + 8, s->ack);
	th[12] = (uint8_t)((thl / 4) << 4);
	th[13] = s->flags ? s->flags : 0x18;
	ut_put16(th + 14, 8192);
	if (s->optlen)
		memcpy(th + 20, s->opt, s->optlen);
	if (paylen)
		memcpy(th + thl, s->payload, paylen);
	ut_put16(th + 16, ut_l4_csum(b, th, thl + paylen, 6));
	ut_ip_send_check(b);
	return len;
}

static struct ut_pkt *
pkt_of(const struct seg *s)
{
	uint8_t b[256];
	size_t len = build(b, s);

	/* no room after the datagram: growing must reallocate */
	return ut_pkt_new(b, (uint32_t)len, (uint32_t)len);
}

/* same: p holds exactly the datagram built from s */
static bool
same(const struct ut_pkt *p, const struct seg *s, const char *what)
{
	uint8_t b[256];
	size_t len = build(b, s);
	bool ok = p->len == len && memcmp(p->ip, b, len) == 0;

	CHECK(ok, "%s: datagram differs from the one built from scratch "
	      "(len %u, want %zu)", what, p->len, len);
	return ok;
}

/* ---- the replacement texts ---------------------------------------------- */

static void
test_fmt(void)
{
	static const struct {
		enum ut_ftp_type type;
		const char *addr;
		uint16_t port;
		const char *want;
	} c[] = {
		{ UT_FTP_PORT, "198.51.100.1", 40001, "198,51,100,1,156,65" },
		{ UT_FTP_PASV, "192.0.2.10", 50000, "192,0,2,10,195,80" },
		{ UT_FTP_PASV, "255.255.255.255", 65535,
		  "255,255,255,255,255,255" },
		{ UT_FTP_PORT, "10.0.0.1", 256, "10,0,0,1,1,0" },
		{ UT_FTP_EPRT, "198.51.100.1", 40002, "|1|198.51.100.1|40002|" },
		{ UT_FTP_EPRT, "255.255.255.255", 65535,
		  "|1|255.255.255.255|65535|" },
		{ UT_FTP_EPSV, "198.51.100.1", 50001, "|||50001|" },
		{ UT_FTP_EPSV, "0.0.0.0", 1, "|||1|" },
	};
	char buf[64];

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		size_t n = ut_nat_ftp_fmt_cmd(c[i].type, ip4(c[i].addr),
					      c[i].port, buf, sizeof(buf));

		CHECK(n == strlen(c[i].want), "case %zu: length %zu", i, n);
		CHECK_STR(buf, c[i].want, "case %zu", i);
	}
	/* a buffer too small for the text and its NUL: nothing */
	CHECK(ut_nat_ftp_fmt_cmd(UT_FTP_EPSV, 0, 50001, buf, 9) == 0,
	      "short buffer");
}

/* ---- mangling ------------------------------------------------------------ */

static struct ut_conn *
conn_new(void)
{
	struct ut_conn *ct = calloc(1, sizeof(*ct));

	CHECK(ct != NULL, "calloc");
	return ct;
}

static void
conn_free(struct ut_conn *ct)
{
	if (ct)
		free(ct->seqadj);
	free(ct);
}

static void
test_ftp_mangle(void)
{
	static const uint8_t ts[12] = { 1, 1, 8, 10, 0, 0, 0, 9, 0, 0, 0, 5 };
	/* PORT from the client, already SNATed (the confirm hook) */
	struct seg port = {
		.src = "198.51.100.1", .dst = "203.0.113.21", .sport = 40000,
		.dport = 21, .seq = 100029, .ack = 200080,
		.payload = "PORT 192,0,2,2,156,65\r\n",
	};
	struct seg port_new = port;
	struct seg pasv = {
		.src = "198.51.100.1", .dst = "203.0.113.50", .sport = 21,
		.dport = 50000, .seq = 4000000000u, .ack = 77,
		.opt = ts, .optlen = sizeof(ts),
		.payload = "227 Entering Passive Mode (198,51,100,100,"
			   "195,80).\r\n",
	};
	struct seg pasv_new = pasv;
	struct ut_conn *ct = conn_new();
	struct ut_pkt *p;

	if (!ct)
		return;
	/* growing by 3: "192,0,2,2" -> "198,51,100,1" */
	p = pkt_of(&port);
	CHECK(ut_nat_mangle_tcp_packet(p, ct, UT_CT_ESTABLISHED, 20, 5, 16,
				       "198,51,100,1,156,65", 19), "grow");
	port_new.payload = "PORT 198,51,100,1,156,65\r\n";
	same(p, &port_new, "PORT +3");
	CHECK((ct->status & UT_IPS_SEQ_ADJUST) && ct->seqadj &&
	      ct->seqadj[0].correction_pos == 100029 &&
	      ct->seqadj[0].offset_before == 0 &&
	      ct->seqadj[0].offset_after == 3 &&
	      ct->seqadj[1].offset_after == 0, "PORT +3: seqadj");
	ut_pkt_free(p);

	/* shrinking by 6 in the reply direction, with TCP options (the
	 * payload starts after them), sequence numbers about to wrap */
	p = pkt_of(&pasv);
	CHECK(ut_nat_mangle_tcp_packet(p, ct, UT_CT_ESTABLISHED_REPLY, 20,
				       27, 21, "10,0,0,1,195,80", 15),
	      "shrink");
	pasv_new.payload = "227 Entering Passive Mode (10,0,0,1,195,80).\r\n";
	same(p, &pasv_new, "227 -6");
	CHECK(ct->seqadj[1].correction_pos == 4000000000u &&
	      ct->seqadj[1].offset_before == 0 &&
	      ct->seqadj[1].offset_after == -6, "227 -6: seqadj %d",
	      ct->seqadj[1].offset_after);
	ut_pkt_free(p);

	/* the same length (229): rewritten, no adjustment recorded */
	{
		struct seg epsv = {
			.src = "198.51.100.1", .dst = "203.0.113.50",
			.sport = 21, .dport = 50000, .seq = 9, .ack = 9,
			.payload = "229 Entering Extended Passive Mode "
				   "(|||50001|)\r\n",
		};
		struct ut_conn *c2 = conn_new();

		if (c2) {
			p = pkt_of(&epsv);
			CHECK(ut_nat_mangle_tcp_packet(p, c2,
						       UT_CT_ESTABLISHED_REPLY,
						       20, 36, 9, "|||50001|",
						       9), "same length");
			same(p, &epsv, "229 unchanged");
			CHECK(!(c2->status & UT_IPS_SEQ_ADJUST) && !c2->seqadj,
			      "229: no seqadj");
			ut_pkt_free(p);
			conn_free(c2);
		}
	}

	/* a match beyond the payload: refused, untouched */
	p = pkt_of(&port);
	CHECK(!ut_nat_mangle_tcp_packet(p, ct, UT_CT_ESTABLISHED, 20, 10, 16,
					"x", 1), "outside the payload");
	same(p, &port, "outside the payload: untouched");
	ut_pkt_free(p);

	/* a datagram that would pass 65535 bytes: refused (enlarge_skb) */
	{
		uint32_t len = 65534;
		uint8_t *big = calloc(1, len);
		struct ut_pkt *q;

		if (big) {
			build(big, &port);
			ut_put16(big + 2, (uint16_t)len);
			q = ut_pkt_new(big, len, len);
			CHECK(q && !ut_nat_mangle_tcp_packet(q, ct,
				UT_CT_ESTABLISHED, 20, 5, 16,
				"198,51,100,1,156,65", 19), "65537 bytes");
			CHECK(q && q->len == len, "65537: untouched");
			/* growing to exactly 65535 is fine */
			CHECK(q && ut_nat_mangle_tcp_packet(q, ct,
				UT_CT_ESTABLISHED, 20, 5, 16,
				"198,0,2,22,156,65", 17), "65535 bytes");
			CHECK(q && q->len == 65535 &&
			      ut_get16(q->ip + 2) == 65535, "65535: length");
			ut_pkt_free(q);
			free(big);
		}
	}
	conn_free(ct);
}

/* ---- sequence adjustment ------------------------------------------------ */

/* one packet through ut_ct_seq_adjust: from s, expected as want */
static void
adjust_case(const struct ut_conn *ct, unsigned ctinfo, const struct seg *s,
	    const struct seg *want, const char *what)
{
	struct ut_pkt *p = pkt_of(s);

	if (!p) {
		CHECK(0, "%s: alloc", what);
		return;
	}
	CHECK(ut_ct_seq_adjust(p, ct, ctinfo, 20), "%s: refused", what);
	same(p, want, what);
	ut_pkt_free(p);
}

/* seg with other numbers */
static struct seg
renum(struct seg s, uint32_t seq, uint32_t ack)
{
	s.seq = seq;
	s.ack = ack;
	return s;
}

static void
test_seqadj(void)
{
	const struct seg c = { .src = "198.51.100.1", .dst = "203.0.113.21",
			       .sport = 40000, .dport = 21, .payload = "x\r\n" };
	const struct seg s = { .src = "203.0.113.21", .dst = "198.51.100.1",
			       .sport = 21, .dport = 40000,
			       .payload = "200 ok\r\n" };
	const unsigned O = UT_CT_ESTABLISHED, R = UT_CT_ESTABLISHED_REPLY;
	struct ut_conn *ct = conn_new();
	struct seg a, b;

	if (!ct)
		return;
	/* nothing recorded: nothing moves */
	a = renum(c, 1000, 5000);
	adjust_case(ct, O, &a, &a, "no seqadj");
	CHECK(ut_ct_seq_offset(ct, UT_CT_DIR_ORIGINAL, 2000) == 0,
	      "no offset");

	/* 1) the client's segment at 1000 grew by 3 */
	CHECK(ut_ct_seqadj_set(ct, O, 1000, 3), "set 1");
	CHECK(ut_ct_seq_offset(ct, UT_CT_DIR_ORIGINAL, 1000) == 0 &&
	      ut_ct_seq_offset(ct, UT_CT_DIR_ORIGINAL, 1001) == 3 &&
	      ut_ct_seq_offset(ct, UT_CT_DIR_REPLY, 1001) == 0, "offsets 1");
	/* the changed segment itself keeps its number (not after) */
	a = renum(c, 1000, 5000);
	adjust_case(ct, O, &a, &a, "1: the changed segment");
	a = renum(c, 1030, 5000);
	b = renum(c, 1033, 5000);
	adjust_case(ct, O, &a, &b, "1: a later segment +3");
	/* the server acknowledges 1033 (its view): the client sees 1030 */
	a = renum(s, 5000, 1033);
	b = renum(s, 5000, 1030);
	adjust_case(ct, R, &a, &b, "1: ack -3");
	a = renum(s, 5000, 1000);
	adjust_case(ct, R, &a, &a, "1: ack of the change's start");

	/* 2) another +3 at 1050: before 3, after 6 */
	CHECK(ut_ct_seqadj_set(ct, O, 1050, 3), "set 2");
	CHECK(ct->seqadj[0].correction_pos == 1050 &&
	      ct->seqadj[0].offset_before == 3 &&
	      ct->seqadj[0].offset_after == 6, "record 2");
	a = renum(c, 1050, 5000);
	b = renum(c, 1053, 5000);
	adjust_case(ct, O, &a, &b, "2: the changed segment +3");
	a = renum(c, 1080, 5000);
	b = renum(c, 1086, 5000);
	adjust_case(ct, O, &a, &b, "2: later +6");
	a = renum(s, 5000, 1086);
	b = renum(s, 5000, 1080);
	adjust_case(ct, R, &a, &b, "2: ack -6");
	a = renum(s, 5000, 1053);
	b = renum(s, 5000, 1050);
	adjust_case(ct, R, &a, &b, "2: ack between -3");

	/* a retransmission of the first change: the record stays */
	CHECK(ut_ct_seqadj_set(ct, O, 1000, 3), "set again");
	CHECK(ct->seqadj[0].correction_pos == 1050 &&
	      ct->seqadj[0].offset_before == 3 &&
	      ct->seqadj[0].offset_after == 6, "record kept");
	/* nor does a retransmission of the second */
	CHECK(ut_ct_seqadj_set(ct, O, 1050, 3), "set 2 again");
	CHECK(ct->seqadj[0].offset_after == 6, "record kept 2");

	/* 3) the server's segment at 5000 shrank by 2 */
	CHECK(ut_ct_seqadj_set(ct, R, 5000, -2), "set 3");
	a = renum(s, 5040, 1086);
	b = renum(s, 5038, 1080);
	adjust_case(ct, R, &a, &b, "3: server seq -2, ack -6");
	a = renum(c, 1090, 5038);
	b = renum(c, 1096, 5040);
	adjust_case(ct, O, &a, &b, "3: client seq +6, ack +2");

	/* SACK blocks: each edge by the other direction's offsets */
	{
		static const uint8_t sack_in[12] = {
			1, 1, 5, 10, 0, 0, 0x13, 0xae, 0, 0, 0x13, 0xb8 };
		static const uint8_t sack_out[12] = {
			1, 1, 5, 10, 0, 0, 0x13, 0xb0, 0, 0, 0x13, 0xba };
		/* the client SACKs 5038-5048 of the server (its view) */
		a = renum(c, 1090, 5038);
		a.opt = sack_in;
		a.optlen = sizeof(sack_in);
		b = renum(c, 1096, 5040);
		b.opt = sack_out;
		b.optlen = sizeof(sack_out);
		adjust_case(ct, O, &a, &b, "SACK of server data +2");
	}
	{
		/* the server SACKs 1053-1083 (1053 is at the second
		 * change: -3; 1083 after it: -6) after EOL-free NOPs */
		static const uint8_t sack_in[12] = {
			1, 1, 5, 10, 0, 0, 0x04, 0x1d, 0, 0, 0x04, 0x3b };
		static const uint8_t sack_out[12] = {
			1, 1, 5, 10, 0, 0, 0x04, 0x1a, 0, 0, 0x04, 0x35 };
		a = renum(s, 5040, 1086);
		a.opt = sack_in;
		a.optlen = sizeof(sack_in);
		b = renum(s, 5038, 1080);
		b.opt = sack_out;
		b.optlen = sizeof(sack_out);
		adjust_case(ct, R, &a, &b, "SACK of client data -3/-6");
	}
	{
		/* an option running past the header: the kernel drops */
		static const uint8_t bad[4] = { 1, 1, 5, 10 };
		struct ut_pkt *p;

		a = renum(c, 1090, 5038);
		a.opt = bad;
		a.optlen = sizeof(bad);
		p = pkt_of(&a);
		CHECK(p && !ut_ct_seq_adjust(p, ct, O, 20), "partial option");
		ut_pkt_free(p);
	}
	/* sequence numbers wrapping: "after" is modular */
	{
		struct ut_conn *w = conn_new();

		if (w) {
			CHECK(ut_ct_seqadj_set(w, O, 0xfffffff0u, 5), "wrap");
			a = renum(c, 0x10, 0);
			b = renum(c, 0x15, 0);
			adjust_case(w, O, &a, &b, "wrap: +5 past 2^32");
			a = renum(s, 7, 0x15);
			b = renum(s, 7, 0x10);
			adjust_case(w, R, &a, &b, "wrap: ack -5");
			conn_free(w);
		}
	}
	conn_free(ct);
}

/* ---- through the engine ------------------------------------------------- */

#define SEC 1000000000ull
#define T0 (1700000000ull * SEC)

struct world {
	struct ut_host *h;
	struct ut_ruleset *rs;
	struct ut_engine *e;
	const struct ut_iface *eth0, *eth1;
	struct ut_buf log;
	/* the last frame sent, and where */
	uint8_t tx[2048];
	size_t tx_len;
	const struct ut_iface *tx_dev;
	unsigned n_tx;
	unsigned long n;
};

static void
on_tx(void *ctx, const struct ut_iface *dev, uint64_t t, const uint8_t *f,
      size_t len)
{
	struct world *w = ctx;

	(void)t;
	w->n_tx++;
	w->tx_dev = dev;
	w->tx_len = len <= sizeof(w->tx) ? len : 0;
	memcpy(w->tx, f, w->tx_len);
}

static void
on_log(void *ctx, const char *line, size_t len)
{
	struct world *w = ctx;

	ut_buf_write(&w->log, line, len);
	ut_buf_putc(&w->log, '\n');
}

static const char host_text[] =
	"link add eth0 address 02:00:00:00:01:00\n"
	"link add eth1 address 02:00:00:00:01:01\n"
	"addr add 192.0.2.1/24 dev eth0\n"
	"addr add 198.51.100.1/24 dev eth1\n"
	"route add default via 198.51.100.2 dev eth1\n"
	"neigh add 192.0.2.2 lladdr 02:00:00:00:00:01 dev eth0\n"
	"neigh add 192.0.2.3 lladdr 02:00:00:00:00:03 dev eth0\n"
	"neigh add 192.0.2.10 lladdr 02:00:00:00:00:0a dev eth0\n"
	"neigh add 198.51.100.2 lladdr 02:00:00:00:00:02 dev eth1\n"
	"sysctl net.ipv4.ip_forward=1\n";

static const char rules_text[] =
	"*raw\n"
	"-A PREROUTING -p tcp --dport 21 -j CT --helper ftp\n"
	"COMMIT\n"
	"*nat\n"
	"-A PREROUTING -i eth1 -d 198.51.100.1 -p tcp --dport 21 "
	"-j DNAT --to-destination 192.0.2.10\n"
	"-A POSTROUTING -o eth1 -j MASQUERADE\n"
	"COMMIT\n";

static bool
world_new(struct world *w)
{
	struct restore_opts o = { 0 };
	struct ut_err err = { 0 };
	struct ut_buf out, warn;
	struct ut_engine_sink sink = { .ctx = w, .tx = on_tx, .log = on_log };
	int ret;

	memset(w, 0, sizeof(*w));
	ut_buf_init(&w->log);
	w->h = ut_host_new();
	w->rs = ut_ruleset_new();
	if (!w->h || !w->rs)
		return false;
	ret = ut_host_parse(w->h, host_text, "HOST", &err);
	CHECK(ret == 0, "host: %s", err.msg);
	ut_buf_init(&out);
	ut_buf_init(&warn);
	if (ret == 0) {
		ret = ut_restore_text(w->rs, rules_text, strlen(rules_text),
				      &o, "iptables-restore", &out, &warn,
				      &err);
		CHECK(ret == 0, "rules: %s", err.msg);
	}
	ut_buf_fini(&out);
	ut_buf_fini(&warn);
	if (ret == 0) {
		w->e = ut_engine_new(w->rs, w->h, &sink, &err);
		CHECK(w->e != NULL, "engine: %s", err.msg);
	}
	w->eth0 = ut_host_iface(w->h, "eth0");
	w->eth1 = ut_host_iface(w->h, "eth1");
	return w->e != NULL;
}

static void
world_free(struct world *w)
{
	ut_engine_free(w->e);
	ut_ruleset_free(w->rs);
	ut_host_free(w->h);
	ut_buf_fini(&w->log);
}

/* send: s arrives on dev (from the peer's MAC to the firewall's); true
 * when a frame left (the last one is in w->tx) */
static bool
seg_send(struct world *w, const struct ut_iface *dev, const struct seg *s)
{
	uint8_t f[2048];
	size_t len;
	unsigned before = w->n_tx;

	memcpy(f, dev->mac, 6);
	memcpy(f + 6, "\x02\x00\x00\x00\x00\x09", 6);
	ut_put16(f + 12, 0x0800);
	len = build(f + 14, s) + 14;
	w->n++;
	ut_engine_rx(w->e, dev, T0 + w->n * 1000000ull, w->n, f, len);
	return w->n_tx > before;
}

/* the payload of the frame that left last */
static const char *
tx_payload(const struct world *w, size_t *len)
{
	const uint8_t *ip = w->tx + 14;
	unsigned ihl = (ip[0] & 15u) * 4u, doff = (ip[ihl + 12] >> 4) * 4u;
	size_t tot = ut_get16(ip + 2);

	*len = tot - ihl - doff;
	return (const char *)ip + ihl + doff;
}

static uint32_t
tx_seq(const struct world *w)
{
	return ut_get32(w->tx + 14 + 20 + 4);
}

static uint32_t
tx_ack(const struct world *w)
{
	return ut_get32(w->tx + 14 + 20 + 8);
}

static bool
tx_is(const struct world *w, const char *payload)
{
	size_t len;
	const char *d = tx_payload(w, &len);

	return w->tx_len >= 54 && len == strlen(payload) &&
	       memcmp(d, payload, len) == 0 &&
	       ut_l4_csum(w->tx + 14, w->tx + 34, ut_get16(w->tx + 16) - 20,
			  6) == 0;
}

/* a control connection from its two ends: the client's segments with
 * the client's addresses and its own view of the numbers, the server's
 * likewise; cli_shift/srv_shift: how much the other end's numbers are
 * moved by rewrites of that side's payloads */
struct conv {
	struct world *w;
	const struct ut_iface *cdev, *sdev;
	const char *caddr, *saddr;      /* as each end sends from */
	const char *cseen, *sseen;      /* as the other end sees it */
	uint16_t cport, sport, cport_seen, sport_seen;
	uint32_t cseq, sseq;            /* next byte, each its own */
	int32_t cshift, sshift;
};

static bool
conv_cli(struct conv *v, const char *payload, uint8_t flags)
{
	struct seg s = { .src = v->caddr, .dst = v->sseen, .sport = v->cport,
			 .dport = v->sport_seen, .seq = v->cseq,
			 .ack = v->sseq + (uint32_t)v->sshift,
			 .flags = flags, .payload = payload };
	bool out = seg_send(v->w, v->cdev, &s);

	v->cseq += (uint32_t)strlen(payload ? payload : "") +
		   ((flags & 0x02) ? 1u : 0u);
	return out;
}

static bool
conv_srv(struct conv *v, const char *payload, uint8_t flags)
{
	struct seg s = { .src = v->saddr, .dst = v->cseen, .sport = v->sport,
			 .dport = v->cport_seen, .seq = v->sseq,
			 .ack = v->cseq + (uint32_t)v->cshift,
			 .flags = flags, .payload = payload };
	bool out = seg_send(v->w, v->sdev, &s);

	v->sseq += (uint32_t)strlen(payload ? payload : "") +
		   ((flags & 0x02) ? 1u : 0u);
	return out;
}

static void
conv_open(struct conv *v)
{
	uint32_t c0 = v->cseq, s0 = v->sseq;

	CHECK(conv_cli(v, NULL, 0x02), "SYN forwarded");
	v->sseq = s0;
	{
		struct seg sa = { .src = v->saddr, .dst = v->cseen,
				  .sport = v->sport, .dport = v->cport_seen,
				  .seq = s0, .ack = c0 + 1, .flags = 0x12 };

		CHECK(seg_send(v->w, v->sdev, &sa), "SYN/ACK forwarded");
		v->sseq = s0 + 1;
	}
	CHECK(conv_cli(v, NULL, 0x10), "ACK forwarded");
}

static void
test_engine_port(void)
{
	struct world w;
	struct conv v = {
		.w = &w, .caddr = "192.0.2.2", .cseen = "198.51.100.1",
		.saddr = "203.0.113.21", .sseen = "203.0.113.21",
		.cport = 40000, .cport_seen = 40000, .sport = 21,
		.sport_seen = 21, .cseq = 100000, .sseq = 200000,
	};
	uint32_t port_seq;

	if (!world_new(&w)) {
		world_free(&w);
		return;
	}
	v.cdev = w.eth0;
	v.sdev = w.eth1;
	conv_open(&v);
	CHECK(conv_srv(&v, "220 ready\r\n", 0x18), "banner");
	CHECK(conv_cli(&v, "USER a\r\n", 0x18), "USER");
	CHECK(conv_srv(&v, "331 pw\r\n", 0x18), "331");
	port_seq = v.cseq;
	CHECK(conv_cli(&v, "PORT 192,0,2,2,156,65\r\n", 0x18) &&
	      w.tx_dev == w.eth1, "PORT forwarded");
	CHECK(tx_is(&w, "PORT 198,51,100,1,156,65\r\n"),
	      "PORT rewritten with the MASQUERADE address");
	CHECK(tx_seq(&w) == port_seq, "PORT's own segment not moved");
	v.cshift += 3;
	/* the server acknowledges the longer command: the client sees its
	 * own number */
	CHECK(conv_srv(&v, "200 ok\r\n", 0x18) && w.tx_dev == w.eth0,
	      "200 forwarded");
	CHECK(tx_ack(&w) == v.cseq, "ack %u moved back to %u", tx_ack(&w),
	      v.cseq);
	CHECK(conv_cli(&v, "LIST\r\n", 0x18), "LIST");
	CHECK(tx_seq(&w) == v.cseq - 6 + 3, "LIST seq moved by 3");
	CHECK(tx_is(&w, "LIST\r\n"), "LIST as it was");
	/* the data connection from port 20 reaches the client */
	{
		struct seg syn = { .src = "203.0.113.21", .dst = "198.51.100.1",
				   .sport = 20, .dport = 40001, .seq = 1,
				   .flags = 0x02 };

		CHECK(seg_send(&w, w.eth1, &syn) && w.tx_dev == w.eth0 &&
		      memcmp(w.tx + 14 + 16, (const uint8_t[]){ 192, 0, 2, 2 },
			     4) == 0 && ut_get16(w.tx + 34 + 2) == 40001,
		      "data connection to the client");
	}
	world_free(&w);
}

/* two clients announce the same port to the same server: the second's
 * expectation would clash, it gets another port above */
static void
test_engine_busy(void)
{
	struct world w;
	struct conv a = {
		.w = &w, .caddr = "192.0.2.2", .cseen = "198.51.100.1",
		.saddr = "203.0.113.21", .sseen = "203.0.113.21",
		.cport = 40000, .cport_seen = 40000, .sport = 21,
		.sport_seen = 21, .cseq = 100000, .sseq = 200000,
	};
	struct conv b = a;
	size_t len;
	const char *d;
	unsigned h[6];
	char text[64];

	if (!world_new(&w)) {
		world_free(&w);
		return;
	}
	a.cdev = b.cdev = w.eth0;
	a.sdev = b.sdev = w.eth1;
	b.caddr = "192.0.2.3";
	b.cport = b.cport_seen = 40010;
	conv_open(&a);
	conv_open(&b);
	CHECK(conv_srv(&a, "220 a\r\n", 0x18) && conv_cli(&a, "USER a\r\n", 0x18),
	      "a: login");
	CHECK(conv_srv(&b, "220 b\r\n", 0x18) && conv_cli(&b, "USER b\r\n", 0x18),
	      "b: login");
	CHECK(conv_srv(&a, "331 a\r\n", 0x18) && conv_srv(&b, "331 b\r\n", 0x18),
	      "331s");
	CHECK(conv_cli(&a, "PORT 192,0,2,2,156,65\r\n", 0x18) &&
	      tx_is(&w, "PORT 198,51,100,1,156,65\r\n"), "a: PORT 40001");
	CHECK(conv_cli(&b, "PORT 192,0,2,3,156,65\r\n", 0x18), "b: PORT");
	d = tx_payload(&w, &len);
	snprintf(text, sizeof(text), "%.*s", (int)len, d);
	CHECK(sscanf(text, "PORT %u,%u,%u,%u,%u,%u\r\n", &h[0], &h[1], &h[2],
		     &h[3], &h[4], &h[5]) == 6 && h[0] == 198 && h[1] == 51 &&
	      h[2] == 100 && h[3] == 1, "b: PORT with the public address: %s",
	      text);
	{
		unsigned port = h[4] << 8 | h[5];
		struct seg syn = { .src = "203.0.113.21", .dst = "198.51.100.1",
				   .sport = 20, .dport = (uint16_t)port,
				   .seq = 1, .flags = 0x02 };

		CHECK(port > 40001 && port < 65535, "b: port %u above 40001",
		      port);
		CHECK(seg_send(&w, w.eth1, &syn) && w.tx_dev == w.eth0 &&
		      memcmp(w.tx + 14 + 16,
			     (const uint8_t[]){ 192, 0, 2, 3 }, 4) == 0 &&
		      ut_get16(w.tx + 34 + 2) == 40001,
		      "b: data connection to 192.0.2.3:40001");
	}
	world_free(&w);
}

/* an inside server behind DNAT answers PASV without parentheses, then
 * with no numbers at all */
static void
test_engine_227(void)
{
	struct world w;
	struct conv v = {
		.w = &w, .caddr = "203.0.113.50", .cseen = "203.0.113.50",
		.saddr = "192.0.2.10", .sseen = "198.51.100.1",
		.cport = 50000, .cport_seen = 50000, .sport = 21,
		.sport_seen = 21, .cseq = 100000, .sseq = 200000,
	};

	if (!world_new(&w)) {
		world_free(&w);
		return;
	}
	v.cdev = w.eth1;
	v.sdev = w.eth0;
	conv_open(&v);
	CHECK(conv_srv(&v, "220 ready\r\n", 0x18), "banner");
	CHECK(conv_cli(&v, "PASV\r\n", 0x18), "PASV");
	CHECK(conv_srv(&v, "227 Entering Passive Mode 192,0,2,10,195,80\r\n",
		       0x18) && w.tx_dev == w.eth1, "227 forwarded");
	CHECK(tx_is(&w, "227 Entering Passive Mode 198,51,100,1,195,80\r\n"),
	      "227 without parentheses rewritten from its first digit");
	v.sshift += 2;
	CHECK(conv_cli(&v, "PASV\r\n", 0x18) && tx_ack(&w) == v.sseq,
	      "the client's ack moved back by 2");
	CHECK(!conv_srv(&v, "227 Entering Passive Mode\r\n", 0x18),
	      "227 without numbers dropped");
	CHECK(strstr(ut_buf_str(&w.log), "nf_ct_ftp: dropping packet: "
		     "partial matching of `227 ' IN= OUT= ") != NULL,
	      "the helper's line: %s", ut_buf_str(&w.log));
	world_free(&w);
}

void
test_nat_ftp(void)
{
	test_fmt();
	test_ftp_mangle();
	test_seqadj();
	test_engine_port();
	test_engine_busy();
	test_engine_227();
}
