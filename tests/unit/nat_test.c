/* nat_test.c: NAT (src/nat) on its own and through the engine.
 *
 * - checksum updates: packets changed by ut_nat_ipv4_manip_pkt must be
 *   byte for byte the packets built from scratch with the new addresses
 *   and ports (the kernel's incremental updates give exactly the
 *   from-scratch checksum for a packet whose checksum was right, +0 and
 *   -0 included: RFC 1624), a UDP checksum 0 stays 0, one that becomes 0
 *   is sent as 0xffff, and a wrong checksum stays wrong by as much;
 * - ICMP errors translated with the connection they quote, against the
 *   error built from scratch as the peer must see it;
 * - the binding's choices: the table kernel_nat[] was measured on Linux
 *   6.18 by tests/unit/nat_kernel.py (which documents the host and the
 *   rules): source and destination NAT into address ranges (the kernel's
 *   jhash2 choice, --persistent), destination port ranges (first free
 *   port, shifted ranges); where the kernel draws at random (source
 *   ports), only properties: in range and unique;
 * - NETMAP's arithmetic, from xt_NETMAP's rule (network bits from the
 *   range, host bits from the address).
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "conntrack/conntrack.h"
#include "engine/engine.h"
#include "engine/pkt.h"
#include "host/host.h"
#include "nat/nat_int.h"
#include "unit.h"

/* ---- packets built from scratch ---------------------------------------- */

static uint32_t rng_state = 12345;

static uint32_t
rnd(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return rng_state >> 8;
}

static uint32_t
ip4(const char *s)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1)
		return 0;
	return a.s_addr;
}

/* what a datagram is made of */
struct dgram {
	uint8_t proto;
	uint32_t src, dst;       /* network order */
	uint16_t sport, dport;   /* ports, or the ICMP type/code and id */
	uint8_t payload[64];
	size_t paylen;
	bool udp_nocsum;         /* UDP without checksum */
};

static size_t
l4_hdrlen(uint8_t proto)
{
	return proto == 6 ? 20 : 8;
}

/* build: d as an IP datagram with every checksum computed from scratch */
static size_t
build(uint8_t *b, const struct dgram *d)
{
	size_t hl = l4_hdrlen(d->proto), len = 20 + hl + d->paylen;
	uint8_t *l4 = b + 20;

	memset(b, 0, len);
	b[0] = 0x45;
	ut_put16(b + 2, (uint16_t)len);
	ut_put16(b + 4, 0x1234);
	b[8] = 64;
	b[9] = d->proto;
	memcpy(b + 12, &d->src, 4);
	memcpy(b + 16, &d->dst, 4);
	ut_ip_send_check(b);
	memcpy(l4 + hl, d->payload, d->paylen);
	if (d->proto == 1) {
		/* echo request: type 8, the id in sport */
		l4[0] = 8;
		ut_put16(l4 + 4, d->sport);
		ut_put16(l4 + 6, d->dport);
		ut_put16(l4 + 2, ut_csum_fold(ut_csum_add(0, l4, hl +
							   d->paylen)));
		return len;
	}
	ut_put16(l4, d->sport);
	ut_put16(l4 + 2, d->dport);
	if (d->proto == 6) {
		ut_put32(l4 + 4, 0x01020304);
		l4[12] = 0x50;
		l4[13] = 0x18;
		ut_put16(l4 + 14, 512);
		ut_put16(l4 + 16, ut_l4_csum(b, l4, hl + d->paylen, 6));
	} else {
		uint16_t c;

		ut_put16(l4 + 4, (uint16_t)(hl + d->paylen));
		c = ut_l4_csum(b, l4, hl + d->paylen, 17);
		if (!d->udp_nocsum)
			ut_put16(l4 + 6, c ? c : 0xffff);
	}
	return len;
}

static struct ut_pkt *
pkt_of(const uint8_t *b, size_t len)
{
	return ut_pkt_new(b, (uint32_t)len, (uint32_t)len + 64);
}

/* the target tuple that changes d's side manip to (addr, port) */
static struct ut_ct_tuple
target_of(const struct dgram *d, enum ut_nat_manip manip, uint32_t addr,
	  uint16_t port)
{
	struct ut_ct_tuple t = {
		.src = d->src, .dst = d->dst, .sport = d->sport,
		.dport = d->dport, .proto = d->proto,
	};

	if (manip == UT_NAT_MANIP_SRC) {
		t.src = addr;
		t.sport = port;
	} else {
		t.dst = addr;
		/* ICMP: the id is the same on both sides */
		if (d->proto == 1)
			t.sport = port;
		else
			t.dport = port;
	}
	return t;
}

/* apply: d after manip to (addr, port), as the kernel would build it */
static struct dgram
applied(const struct dgram *d, enum ut_nat_manip manip, uint32_t addr,
	uint16_t port)
{
	struct dgram n = *d;
	struct ut_ct_tuple t = target_of(d, manip, addr, port);

	n.src = t.src;
	n.dst = t.dst;
	n.sport = t.sport;
	n.dport = d->proto == 1 ? d->dport : t.dport;
	return n;
}

static void
random_dgram(struct dgram *d, uint8_t proto)
{
	memset(d, 0, sizeof(*d));
	d->proto = proto;
	d->src = rnd() ^ rnd() << 16;
	d->dst = rnd() ^ rnd() << 16;
	d->sport = (uint16_t)rnd();
	d->dport = (uint16_t)rnd();
	d->paylen = rnd() % 41;  /* odd lengths too */
	for (size_t i = 0; i < d->paylen; i++)
		d->payload[i] = (uint8_t)rnd();
}

/* check_manip: manip of d to (addr, port) gives the from-scratch packet */
static void
check_manip(const char *what, size_t n, const struct dgram *d,
	    enum ut_nat_manip manip, uint32_t addr, uint16_t port)
{
	uint8_t in[128], want[128];
	struct dgram nd = applied(d, manip, addr, port);
	size_t len = build(in, d), wlen = build(want, &nd);
	struct ut_ct_tuple t = target_of(d, manip, addr, port);
	struct ut_pkt *p = pkt_of(in, len);

	if (!p)
		return;
	CHECK(ut_nat_ipv4_manip_pkt(p, 0, &t, manip), "%s %zu: manip", what,
	      n);
	CHECK(p->len == wlen && memcmp(p->ip, want, wlen) == 0,
	      "%s %zu: proto %u manip %d: not the from-scratch packet "
	      "(csum %04x want %04x, ip csum %04x want %04x)", what, n,
	      d->proto, manip,
	      ut_get16(p->ip + 20 + (d->proto == 6 ? 16 : d->proto == 17 ?
				     6 : 2)),
	      ut_get16(want + 20 + (d->proto == 6 ? 16 : d->proto == 17 ?
				    6 : 2)),
	      ut_get16(p->ip + 10), ut_get16(want + 10));
	ut_pkt_free(p);
}

static void
test_csum_random(void)
{
	static const uint8_t protos[] = { 6, 17, 1 };

	for (size_t n = 0; n < 3000; n++) {
		struct dgram d;
		enum ut_nat_manip m = rnd() & 1 ? UT_NAT_MANIP_SRC :
				      UT_NAT_MANIP_DST;
		uint32_t addr = rnd() ^ rnd() << 16;
		uint16_t port = (uint16_t)rnd();

		random_dgram(&d, protos[n % 3]);
		/* sometimes the address only, or the port only */
		if (n % 7 == 0)
			addr = m == UT_NAT_MANIP_SRC ? d.src : d.dst;
		if (n % 11 == 0)
			port = m == UT_NAT_MANIP_SRC ? d.sport :
			       d.proto == 1 ? d.sport : d.dport;
		check_manip("random", n, &d, m, addr, port);
	}
}

/* the port that makes the from-scratch checksum of d's manip come out
 * as `want` (0x0000 for TCP, the UDP one that is sent as 0xffff) */
static int
port_giving(const struct dgram *d, enum ut_nat_manip manip, uint32_t addr,
	    uint16_t want)
{
	for (unsigned port = 0; port < 65536; port++) {
		struct dgram nd = applied(d, manip, addr, (uint16_t)port);
		uint8_t b[128];
		size_t off = d->proto == 6 ? 16 : 6;

		build(b, &nd);
		if (ut_get16(b + 20 + off) == want)
			return (int)port;
	}
	return -1;
}

/* the representations of zero: TCP's 0x0000 stays 0x0000 (the kernel's
 * csum_replace4 never gives 0xffff), UDP's computed 0 is sent as 0xffff
 * (CSUM_MANGLED_0), a UDP datagram without checksum keeps 0 */
static void
test_csum_zero(void)
{
	for (size_t n = 0; n < 20; n++) {
		struct dgram d;
		enum ut_nat_manip m = n & 1 ? UT_NAT_MANIP_SRC :
				      UT_NAT_MANIP_DST;
		uint32_t addr = rnd() ^ rnd() << 16;
		int port;

		random_dgram(&d, 6);
		port = port_giving(&d, m, addr, 0x0000);
		CHECK(port >= 0, "tcp zero %zu: no port gives 0", n);
		if (port >= 0)
			check_manip("tcp zero", n, &d, m, addr,
				    (uint16_t)port);
		random_dgram(&d, 17);
		port = port_giving(&d, m, addr, 0xffff);
		CHECK(port >= 0, "udp zero %zu: no port gives 0xffff", n);
		if (port >= 0)
			check_manip("udp mangled 0", n, &d, m, addr,
				    (uint16_t)port);
		random_dgram(&d, 17);
		d.udp_nocsum = true;
		check_manip("udp no checksum", n, &d, m, addr,
			    (uint16_t)rnd());
	}
}

/* a wrong checksum stays wrong by the same amount: the residual sum over
 * the segment (0 when right) does not change */
static void
test_csum_wrong(void)
{
	for (size_t n = 0; n < 200; n++) {
		struct dgram d;
		uint8_t b[128];
		size_t len, hl;
		struct ut_ct_tuple t;
		struct ut_pkt *p;
		uint16_t before, after;
		enum ut_nat_manip m = n & 1 ? UT_NAT_MANIP_SRC :
				      UT_NAT_MANIP_DST;

		random_dgram(&d, n & 2 ? 6 : 17);
		len = build(b, &d);
		hl = d.proto == 6 ? 16 : 6;
		ut_put16(b + 20 + hl, (uint16_t)(ut_get16(b + 20 + hl) +
						 1 + rnd() % 100));
		if (ut_get16(b + 20 + hl) == 0)
			continue;
		before = ut_l4_csum(b, b + 20, len - 20, d.proto);
		t = target_of(&d, m, rnd() ^ rnd() << 16, (uint16_t)rnd());
		p = pkt_of(b, len);
		if (!p)
			continue;
		CHECK(ut_nat_ipv4_manip_pkt(p, 0, &t, m), "wrong %zu", n);
		after = ut_l4_csum(p->ip, p->ip + 20, len - 20, d.proto);
		/* equal as one's complement values (0 and 0xffff alike) */
		CHECK(before % 0xffff == after % 0xffff,
		      "wrong %zu: residual %04x became %04x", n, before, after);
		ut_pkt_free(p);
	}
}

/* truncated transport headers: a quoted TCP header of 8 bytes keeps its
 * checksum, less than 8 bytes cannot be changed */
static void
test_short(void)
{
	struct dgram d;
	uint8_t b[128];
	size_t len;
	struct ut_ct_tuple t;
	struct ut_pkt *p;

	random_dgram(&d, 6);
	d.paylen = 0;
	len = build(b, &d);
	t = target_of(&d, UT_NAT_MANIP_SRC, ip4("10.0.0.1"), 1000);
	p = pkt_of(b, 28);
	if (p) {
		uint16_t check = ut_get16(b + 36);

		CHECK(ut_nat_ipv4_manip_pkt(p, 0, &t, UT_NAT_MANIP_SRC),
		      "8 bytes of TCP");
		CHECK(ut_get16(p->ip + 20) == 1000 &&
		      memcmp(p->ip + 12, &t.src, 4) == 0,
		      "8 bytes of TCP: port and address");
		(void)check;
		ut_pkt_free(p);
	}
	p = pkt_of(b, 26);
	if (p) {
		CHECK(!ut_nat_ipv4_manip_pkt(p, 0, &t, UT_NAT_MANIP_SRC),
		      "6 bytes of TCP");
		ut_pkt_free(p);
	}
	(void)len;
}

/* ---- ICMP errors --------------------------------------------------------- */

/* an ICMP error of type/code from src to dst quoting the datagram q
 * (qlen bytes), built from scratch */
static size_t
build_error(uint8_t *b, uint8_t type, uint8_t code, uint32_t src,
	    uint32_t dst, const uint8_t *q, size_t qlen)
{
	size_t len = 20 + 8 + qlen;

	memset(b, 0, 28);
	b[0] = 0x45;
	ut_put16(b + 2, (uint16_t)len);
	ut_put16(b + 4, 0x4321);
	b[8] = 63;
	b[9] = 1;
	memcpy(b + 12, &src, 4);
	memcpy(b + 16, &dst, 4);
	ut_ip_send_check(b);
	b[20] = type;
	b[21] = code;
	memcpy(b + 28, q, qlen);
	ut_put16(b + 22, ut_csum_fold(ut_csum_add(0, b + 20, 8 + qlen)));
	return len;
}

/* a connection as conntrack keeps it: orig, reply, status */
static struct ut_conn
conn(uint8_t proto, const char *os, uint16_t osp, const char *od,
     uint16_t odp, const char *rs, uint16_t rsp, const char *rd,
     uint16_t rdp, uint32_t status)
{
	struct ut_conn c;

	memset(&c, 0, sizeof(c));
	c.tuple[0] = (struct ut_ct_tuple){ ip4(os), ip4(od), osp, odp, proto };
	c.tuple[1] = (struct ut_ct_tuple){ ip4(rs), ip4(rd), rsp, rdp, proto };
	c.status = status;
	return c;
}

struct icmp_case {
	const char *name;
	uint8_t proto;           /* of the quoted datagram */
	uint8_t type;
	size_t quote_payload;    /* bytes of the quoted payload kept */
	enum ut_hook hook;
	unsigned ctinfo;
	/* the error as it arrives: quoted src:sport -> dst:dport, outer
	 * src -> dst */
	const char *qs, *qd;
	uint16_t qsp, qdp;
	const char *os, *od;
	/* as it must leave */
	const char *wqs, *wqd;
	uint16_t wqsp, wqdp;
	const char *wos, *wod;
	bool ok;
};

#define SNAT_BITS (UT_IPS_SRC_NAT | UT_IPS_SRC_NAT_DONE | UT_IPS_DST_NAT_DONE \
		   | UT_IPS_CONFIRMED)
#define DNAT_BITS (UT_IPS_DST_NAT | UT_IPS_SRC_NAT_DONE | UT_IPS_DST_NAT_DONE \
		   | UT_IPS_CONFIRMED)

static void
check_icmp_case(const struct icmp_case *c, const struct ut_conn *ct)
{
	struct dgram q = { .proto = c->proto, .src = ip4(c->qs),
			   .dst = ip4(c->qd), .sport = c->qsp,
			   .dport = c->qdp, .paylen = 12 };
	struct dgram wq = q;
	uint8_t qb[128], wqb[128], in[256], want[256];
	size_t qlen, wqlen, len, wlen;
	struct ut_pkt *p;
	bool ok;

	memcpy(q.payload, "hello, world", 12);
	memcpy(wq.payload, "hello, world", 12);
	wq.src = ip4(c->wqs);
	wq.dst = ip4(c->wqd);
	wq.sport = c->wqsp;
	wq.dport = c->wqdp;
	qlen = build(qb, &q) - 12 + c->quote_payload;
	wqlen = build(wqb, &wq) - 12 + c->quote_payload;
	len = build_error(in, c->type, 1, ip4(c->os), ip4(c->od), qb, qlen);
	wlen = build_error(want, c->type, 1, ip4(c->wos), ip4(c->wod), wqb,
			   wqlen);
	p = pkt_of(in, len);
	if (!p)
		return;
	ok = ut_nat_icmp_reply_translation(p, ct, c->ctinfo, c->hook);
	CHECK(ok == c->ok, "%s: translation %s", c->name,
	      ok ? "accepted" : "refused");
	if (ok && c->ok)
		CHECK(p->len == wlen && memcmp(p->ip, want, wlen) == 0,
		      "%s: not the error built from scratch (icmp csum %04x "
		      "want %04x)", c->name, ut_get16(p->ip + 22),
		      ut_get16(want + 22));
	ut_pkt_free(p);
}

static void
test_icmp_errors(void)
{
	/* C 10.0.0.2 behind the NAT box, N 198.51.100.1 its outside
	 * address, S 203.0.113.5 a server, R 203.0.113.1 a router; P
	 * 198.51.100.80 a public address DNATed to V 10.0.0.9 */
	struct ut_conn snat_tcp = conn(6, "10.0.0.2", 40000, "203.0.113.5",
				       80, "203.0.113.5", 80, "198.51.100.1",
				       61000, SNAT_BITS);
	struct ut_conn snat_udp = conn(17, "10.0.0.2", 5353, "203.0.113.5",
				       53, "203.0.113.5", 53, "198.51.100.1",
				       5353, SNAT_BITS);
	struct ut_conn snat_icmp = conn(1, "10.0.0.2", 7, "203.0.113.5",
					8 << 8, "203.0.113.5", 9,
					"198.51.100.1", 0, SNAT_BITS);
	struct ut_conn dnat_tcp = conn(6, "192.0.2.7", 33000,
				       "198.51.100.80", 443, "10.0.0.9", 8443,
				       "192.0.2.7", 33000, DNAT_BITS);
	struct ut_conn null_tcp = conn(6, "10.0.0.2", 40000, "203.0.113.5",
				       80, "203.0.113.5", 80, "10.0.0.2",
				       40000, UT_IPS_SRC_NAT_DONE |
				       UT_IPS_DST_NAT_DONE);
	const struct {
		struct icmp_case c;
		const struct ut_conn *ct;
	} cases[] = {
		/* the router's error about N:61000 -> S:80 comes back in:
		 * at PREROUTING the destination and the quoted source go
		 * back to C */
		{ { "snat tcp, whole header", 6, 3, 8,
		    UT_HOOK_PRE_ROUTING, UT_CT_RELATED_REPLY,
		    "198.51.100.1", "203.0.113.5", 61000, 80,
		    "203.0.113.1", "198.51.100.1",
		    "10.0.0.2", "203.0.113.5", 40000, 80,
		    "203.0.113.1", "10.0.0.2", true }, &snat_tcp },
		{ { "snat tcp, 8 bytes quoted", 6, 11, 0,
		    UT_HOOK_PRE_ROUTING, UT_CT_RELATED_REPLY,
		    "198.51.100.1", "203.0.113.5", 61000, 80,
		    "203.0.113.1", "198.51.100.1",
		    "10.0.0.2", "203.0.113.5", 40000, 80,
		    "203.0.113.1", "10.0.0.2", true }, &snat_tcp },
		{ { "snat udp", 17, 3, 12,
		    UT_HOOK_PRE_ROUTING, UT_CT_RELATED_REPLY,
		    "198.51.100.1", "203.0.113.5", 5353, 53,
		    "203.0.113.5", "198.51.100.1",
		    "10.0.0.2", "203.0.113.5", 5353, 53,
		    "203.0.113.5", "10.0.0.2", true }, &snat_udp },
		{ { "snat echo", 1, 11, 4,
		    UT_HOOK_PRE_ROUTING, UT_CT_RELATED_REPLY,
		    "198.51.100.1", "203.0.113.5", 9, 8 << 8,
		    "203.0.113.1", "198.51.100.1",
		    "10.0.0.2", "203.0.113.5", 7, 8 << 8,
		    "203.0.113.1", "10.0.0.2", true }, &snat_icmp },
		/* nothing to do at POSTROUTING for that direction */
		{ { "snat tcp at postrouting", 6, 3, 8,
		    UT_HOOK_POST_ROUTING, UT_CT_RELATED_REPLY,
		    "10.0.0.2", "203.0.113.5", 40000, 80,
		    "203.0.113.1", "10.0.0.2",
		    "10.0.0.2", "203.0.113.5", 40000, 80,
		    "203.0.113.1", "10.0.0.2", true }, &snat_tcp },
		/* an error from beyond the server about C -> V leaves
		 * towards C from the public address, quoting C -> P */
		{ { "dnat tcp", 6, 3, 8,
		    UT_HOOK_POST_ROUTING, UT_CT_RELATED_REPLY,
		    "192.0.2.7", "10.0.0.9", 33000, 8443,
		    "10.0.0.254", "192.0.2.7",
		    "192.0.2.7", "198.51.100.80", 33000, 443,
		    "198.51.100.80", "192.0.2.7", true }, &dnat_tcp },
		/* C's error about S's reply, going out: the quoted
		 * destination and the outer source become N */
		{ { "snat, error from inside", 6, 3, 8,
		    UT_HOOK_POST_ROUTING, UT_CT_RELATED,
		    "203.0.113.5", "10.0.0.2", 80, 40000,
		    "10.0.0.2", "203.0.113.5",
		    "203.0.113.5", "198.51.100.1", 80, 61000,
		    "198.51.100.1", "203.0.113.5", true }, &snat_tcp },
		/* redirects: only about a connection not NATed at all */
		{ { "redirect, nat", 6, 5, 8,
		    UT_HOOK_PRE_ROUTING, UT_CT_RELATED_REPLY,
		    "198.51.100.1", "203.0.113.5", 61000, 80,
		    "203.0.113.1", "198.51.100.1",
		    "", "", 0, 0, "", "", false }, &snat_tcp },
		{ { "redirect, null bindings", 6, 5, 8,
		    UT_HOOK_PRE_ROUTING, UT_CT_RELATED_REPLY,
		    "10.0.0.2", "203.0.113.5", 40000, 80,
		    "203.0.113.1", "10.0.0.2",
		    "10.0.0.2", "203.0.113.5", 40000, 80,
		    "203.0.113.1", "10.0.0.2", true }, &null_tcp },
	};
	uint8_t b[256];
	struct dgram q = { .proto = 6, .src = ip4("198.51.100.1"),
			   .dst = ip4("203.0.113.5"), .sport = 61000,
			   .dport = 80 };
	struct ut_pkt *p;
	size_t len;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_icmp_case(&cases[i].c, cases[i].ct);
	/* a bad ICMP checksum: dropped */
	len = build(b + 100, &q);
	len = build_error(b, 3, 1, ip4("203.0.113.1"), ip4("198.51.100.1"),
			  b + 100, len);
	b[23] ^= 1;
	p = pkt_of(b, len);
	if (p) {
		CHECK(!ut_nat_icmp_reply_translation(p, &snat_tcp,
						     UT_CT_RELATED_REPLY,
						     UT_HOOK_PRE_ROUTING),
		      "bad ICMP checksum accepted");
		ut_pkt_free(p);
	}
}

/* ---- the binding's choices (measured) ----------------------------------- */

static const struct kernel_nat {
	const char *src;
	uint16_t sport;
	const char *dst;
	uint16_t dport;
	const char *rsrc, *rdst;
	uint16_t rsport, rdport;
} kernel_nat[] = {
	/* src, sport, dst, dport -> reply src, dst, sport, dport */
	{ "192.0.2.2", 5000, "203.0.113.5", 1000, "203.0.113.5", "198.51.100.35", 1000, 5000 },
	{ "192.0.2.2", 5100, "203.0.113.5", 1001, "203.0.113.5", "198.51.100.12", 1001, 5100 },
	{ "192.0.2.2", 5200, "203.0.113.5", 2000, "198.51.100.83", "192.0.2.2", 2000, 5200 },
	{ "192.0.2.2", 5001, "203.0.113.6", 1000, "203.0.113.6", "198.51.100.33", 1000, 5001 },
	{ "192.0.2.2", 5101, "203.0.113.6", 1001, "203.0.113.6", "198.51.100.12", 1001, 5101 },
	{ "192.0.2.2", 5201, "203.0.113.6", 2000, "198.51.100.81", "192.0.2.2", 2000, 5201 },
	{ "192.0.2.3", 5002, "203.0.113.5", 1000, "203.0.113.5", "198.51.100.12", 1000, 5002 },
	{ "192.0.2.3", 5102, "203.0.113.5", 1001, "203.0.113.5", "198.51.100.30", 1001, 5102 },
	{ "192.0.2.3", 5202, "203.0.113.5", 2000, "198.51.100.53", "192.0.2.3", 2000, 5202 },
	{ "192.0.2.77", 5003, "203.0.113.200", 1000, "203.0.113.200", "198.51.100.32", 1000, 5003 },
	{ "192.0.2.77", 5103, "203.0.113.200", 1001, "203.0.113.200", "198.51.100.32", 1001, 5103 },
	{ "192.0.2.77", 5203, "203.0.113.200", 2000, "198.51.100.79", "192.0.2.77", 2000, 5203 },
	{ "10.1.2.3", 5004, "203.0.113.5", 1000, "203.0.113.5", "198.51.100.36", 1000, 5004 },
	{ "10.1.2.3", 5104, "203.0.113.5", 1001, "203.0.113.5", "198.51.100.36", 1001, 5104 },
	{ "10.1.2.3", 5204, "203.0.113.5", 2000, "198.51.100.85", "10.1.2.3", 2000, 5204 },
	{ "172.16.99.1", 5005, "8.8.8.8", 1000, "8.8.8.8", "198.51.100.22", 1000, 5005 },
	{ "172.16.99.1", 5105, "8.8.8.8", 1001, "8.8.8.8", "198.51.100.13", 1001, 5105 },
	{ "172.16.99.1", 5205, "8.8.8.8", 2000, "198.51.100.66", "172.16.99.1", 2000, 5205 },
	{ "192.0.2.254", 5006, "203.0.113.1", 1000, "203.0.113.1", "198.51.100.40", 1000, 5006 },
	{ "192.0.2.254", 5106, "203.0.113.1", 1001, "203.0.113.1", "198.51.100.10", 1001, 5106 },
	{ "192.0.2.254", 5206, "203.0.113.1", 2000, "198.51.100.90", "192.0.2.254", 2000, 5206 },
	{ "10.200.0.9", 5007, "203.0.113.99", 1000, "203.0.113.99", "198.51.100.26", 1000, 5007 },
	{ "10.200.0.9", 5107, "203.0.113.99", 1001, "203.0.113.99", "198.51.100.16", 1001, 5107 },
	{ "10.200.0.9", 5207, "203.0.113.99", 2000, "198.51.100.72", "10.200.0.9", 2000, 5207 },
	{ "192.0.2.9", 6000, "192.0.2.1", 2001, "198.51.100.2", "192.0.2.9", 3000, 6000 },
	{ "192.0.2.9", 6000, "192.0.2.1", 2002, "198.51.100.2", "192.0.2.9", 3001, 6000 },
	{ "192.0.2.9", 6001, "192.0.2.1", 2003, "198.51.100.2", "192.0.2.9", 4003, 6001 },
	{ "192.0.2.9", 6001, "192.0.2.1", 2007, "198.51.100.2", "192.0.2.9", 4007, 6001 },
};

static const char kernel_host[] =
	"link add eth0 address 02:00:00:00:01:00\n"
	"link add eth1 address 02:00:00:00:01:01\n"
	"addr add 192.0.2.1/24 dev eth0\n"
	"addr add 198.51.100.1/24 dev eth1\n"
	"route add default via 198.51.100.2 dev eth1\n"
	"neigh add 198.51.100.2 lladdr 02:00:00:00:00:02 dev eth1\n"
	"sysctl net.ipv4.ip_forward=1\n"
	"sysctl net.ipv4.conf.all.rp_filter=0\n"
	"sysctl net.ipv4.conf.default.rp_filter=0\n";

static const char kernel_rules[] =
	"*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n"
	":OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
	"-A PREROUTING -p udp --dport 2000 -j DNAT --to-destination "
	"198.51.100.50-198.51.100.90\n"
	"-A PREROUTING -p udp --dport 2001 -j DNAT --to-destination "
	"198.51.100.2:3000-3009\n"
	"-A PREROUTING -p udp --dport 2002 -j DNAT --to-destination "
	"198.51.100.2:3000-3009\n"
	"-A PREROUTING -p udp --dport 2003:2010 -j DNAT --to-destination "
	"198.51.100.2:4000-4009/2000\n"
	"-A POSTROUTING -p udp --dport 1000 -j SNAT --to-source "
	"198.51.100.10-198.51.100.40\n"
	"-A POSTROUTING -p udp --dport 1001 -j SNAT --to-source "
	"198.51.100.10-198.51.100.40 --persistent\n"
	"COMMIT\n";

/* an engine over host text and restore text (NULL on failure, checked) */
struct world {
	struct ut_host *h;
	struct ut_ruleset *rs;
	struct ut_engine *e;
	/* frames sent, by device name "eth0"/"eth1" */
	uint8_t tx[64][128];
	size_t tx_len[64];
	char tx_dev[64][16];
	size_t n_tx;
};

static void
on_tx(void *ctx, const struct ut_iface *dev, uint64_t t, const uint8_t *f,
      size_t len)
{
	struct world *w = ctx;

	(void)t;
	if (w->n_tx >= 64 || len > 128)
		return;
	memcpy(w->tx[w->n_tx], f, len);
	w->tx_len[w->n_tx] = len;
	snprintf(w->tx_dev[w->n_tx], sizeof(w->tx_dev[0]), "%s", dev->name);
	w->n_tx++;
}

static bool
world_new(struct world *w, const char *host, const char *rules)
{
	struct restore_opts o = { 0 };
	struct ut_err err = { 0 };
	struct ut_buf out, warn;
	struct ut_engine_sink sink = { .ctx = w, .tx = on_tx };
	int ret;

	memset(w, 0, sizeof(*w));
	w->h = ut_host_new();
	w->rs = ut_ruleset_new();
	if (!w->h || !w->rs)
		return false;
	ret = ut_host_parse(w->h, host, "HOST", &err);
	CHECK(ret == 0, "host: %s", err.msg);
	ut_buf_init(&out);
	ut_buf_init(&warn);
	if (ret == 0) {
		ret = ut_restore_text(w->rs, rules, strlen(rules), &o,
				      "iptables-restore", &out, &warn, &err);
		CHECK(ret == 0, "rules: %s", err.msg);
	}
	ut_buf_fini(&out);
	ut_buf_fini(&warn);
	if (ret == 0) {
		w->e = ut_engine_new(w->rs, w->h, &sink, &err);
		CHECK(w->e != NULL, "engine: %s", err.msg);
	}
	return w->e != NULL;
}

static void
world_free(struct world *w)
{
	ut_engine_free(w->e);
	ut_ruleset_free(w->rs);
	ut_host_free(w->h);
}

/* a frame from the eth0 peer: UDP src:sport -> dst:dport, payload "x" */
static size_t
udp_frame(uint8_t *f, const char *src, uint16_t sport, const char *dst,
	  uint16_t dport)
{
	static const uint8_t dmac[6] = { 2, 0, 0, 0, 1, 0 };
	static const uint8_t smac[6] = { 2, 0, 0, 0, 0, 1 };
	struct dgram d = { .proto = 17, .src = ip4(src), .dst = ip4(dst),
			   .sport = sport, .dport = dport, .paylen = 1,
			   .payload = "x" };
	size_t len;

	memcpy(f, dmac, 6);
	memcpy(f + 6, smac, 6);
	ut_put16(f + 12, 0x0800);
	len = build(f + 14, &d);
	ut_put16(f + 14 + 4, 1);  /* IP ID 1 */
	ut_ip_send_check(f + 14);
	return len + 14;
}

/* the conntrack -L line of the connection src:sport -> dst:dport */
static const char *
ct_line(const char *table, const char *src, uint16_t sport, const char *dst,
	uint16_t dport, char *line, size_t cap)
{
	char key[128];
	const char *at;
	size_t n;

	snprintf(key, sizeof(key), "src=%s dst=%s sport=%u dport=%u ", src,
		 dst, sport, dport);
	at = strstr(table, key);
	if (!at)
		return NULL;
	n = strcspn(at, "\n");
	if (n >= cap)
		n = cap - 1;
	memcpy(line, at, n);
	line[n] = 0;
	return line;
}

static void
test_kernel_choices(void)
{
	struct world w;
	struct ut_buf table;
	uint64_t t = 1000000000u;

	if (!world_new(&w, kernel_host, kernel_rules)) {
		world_free(&w);
		return;
	}
	for (size_t i = 0; i < sizeof(kernel_nat) / sizeof(kernel_nat[0]);
	     i++) {
		const struct kernel_nat *k = &kernel_nat[i];
		uint8_t f[128];
		size_t len = udp_frame(f, k->src, k->sport, k->dst, k->dport);

		ut_engine_rx(w.e, ut_host_iface(w.h, "eth0"), t += 1000000,
			     i + 1, f, len);
	}
	ut_buf_init(&table);
	ut_ct_output(ut_ct_engine_net(w.e), &table);
	for (size_t i = 0; i < sizeof(kernel_nat) / sizeof(kernel_nat[0]);
	     i++) {
		const struct kernel_nat *k = &kernel_nat[i];
		char line[256], want[160];
		const char *got = ct_line(ut_buf_str(&table), k->src, k->sport,
					  k->dst, k->dport, line,
					  sizeof(line));

		snprintf(want, sizeof(want),
			 "[UNREPLIED] src=%s dst=%s sport=%u dport=%u ",
			 k->rsrc, k->rdst, k->rsport, k->rdport);
		CHECK(got && strstr(got, want), "kernel_nat[%zu]: %s, want %s",
		      i, got ? got : "(no entry)", want);
		/* the address choice alone: the kernel's hash */
		if (k->dport == 1000 || k->dport == 1001)
			CHECK(ut_nat_pick_ip(ip4(k->src), ip4(k->dst), 0,
					     ip4("198.51.100.10"),
					     ip4("198.51.100.40"),
					     k->dport == 1001) == ip4(k->rdst),
			      "pick_ip %zu", i);
	}
	ut_buf_fini(&table);
	world_free(&w);
}

/* ---- properties where the kernel is random ------------------------------- */

static const char snat_ports_rules[] =
	"*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n"
	":OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
	"-A POSTROUTING -p udp --dport 53 -j SNAT --to-source "
	"198.51.100.1:1000-1007\n"
	"-A POSTROUTING -p udp --dport 54 -j SNAT --to-source "
	"198.51.100.1:2000-2999 --random-fully\n"
	"-A POSTROUTING -p udp --dport 55 -j MASQUERADE --to-ports 3000-3003 "
	"--random\n"
	"COMMIT\n";

/* n clients with the same source port to one server through the port
 * range [lo, lo + size): every mapped port in range, no two alike */
static void
check_unique_ports(uint64_t seed, uint16_t dport, unsigned lo, unsigned size,
		   unsigned n)
{
	struct world w;
	unsigned seen[1000] = { 0 };

	if (!world_new(&w, kernel_host, snat_ports_rules)) {
		world_free(&w);
		return;
	}
	ut_engine_seed(w.e, seed);
	for (unsigned i = 0; i < n; i++) {
		char src[32];
		uint8_t f[128];
		size_t len;

		snprintf(src, sizeof(src), "192.0.2.%u", 10 + i);
		len = udp_frame(f, src, 40000, "203.0.113.5", dport);
		ut_engine_rx(w.e, ut_host_iface(w.h, "eth0"),
			     1000000000u + i * 1000000u, i + 1, f, len);
	}
	CHECK(w.n_tx == n, "seed %llu dport %u: %zu frames out, want %u",
	      (unsigned long long)seed, dport, w.n_tx, n);
	for (size_t i = 0; i < w.n_tx; i++) {
		const uint8_t *ip = w.tx[i] + 14;
		unsigned port = ut_get16(ip + 20);

		CHECK(memcmp(ip + 12, (const uint8_t[]){ 198, 51, 100, 1 }, 4)
		      == 0, "seed %llu: frame %zu source address",
		      (unsigned long long)seed, i);
		CHECK(port >= lo && port < lo + size && !seen[port - lo]++,
		      "seed %llu dport %u: frame %zu port %u",
		      (unsigned long long)seed, dport, i, port);
		CHECK(ut_l4_csum(ip, ip + 20, w.tx_len[i] - 34, 17) == 0,
		      "seed %llu: frame %zu UDP checksum",
		      (unsigned long long)seed, i);
	}
	world_free(&w);
}

static void
test_random_ports(void)
{
	for (uint64_t seed = 0; seed < 8; seed++) {
		check_unique_ports(seed, 53, 1000, 8, 8);
		check_unique_ports(seed, 54, 2000, 1000, 30);
		check_unique_ports(seed, 55, 3000, 4, 4);
	}
}

/* ---- the last tries of a TCP SYN's port search ----------------------------- */

static const char harder_rules[] =
	"*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n"
	":OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
	"-A POSTROUTING -p tcp -j SNAT --to-source 198.51.100.1:1000-1000\n"
	"COMMIT\n";

/* a TCP SYN from 192.0.2.3:40000 to 203.0.113.5:80 */
static size_t
syn_frame(uint8_t *f)
{
	static const uint8_t dmac[6] = { 2, 0, 0, 0, 1, 0 };
	static const uint8_t smac[6] = { 2, 0, 0, 0, 0, 1 };
	struct dgram d = { .proto = 6, .src = ip4("192.0.2.3"),
			   .dst = ip4("203.0.113.5"), .sport = 40000,
			   .dport = 80 };
	size_t len;

	memcpy(f, dmac, 6);
	memcpy(f + 6, smac, 6);
	ut_put16(f + 12, 0x0800);
	len = build(f + 14, &d);
	f[14 + 20 + 13] = 0x02;  /* SYN only */
	ut_put16(f + 14 + 20 + 16, 0);
	ut_put16(f + 14 + 20 + 16, ut_l4_csum(f + 14, f + 34, 20, 6));
	return len + 14;
}

/* the only port of the range is the reply of a loaded connection of
 * another client: nf_nat_used_tuple_harder evicts it when it is in
 * TIME_WAIT (source-NATed, the SYN past its sequence numbers), and not
 * when it is ESTABLISHED (the SYN's connection then clashes and dies at
 * confirmation) */
static void
check_harder(const char *state, bool evicted)
{
	struct world w;
	char line[512];
	struct ut_err err = { 0 };
	struct ut_buf table;
	uint8_t f[128];
	size_t len;

	if (!world_new(&w, kernel_host, harder_rules)) {
		world_free(&w);
		return;
	}
	snprintf(line, sizeof(line), "tcp      6 100 %s src=192.0.2.2 "
		 "dst=203.0.113.5 sport=40000 dport=80 src=203.0.113.5 "
		 "dst=198.51.100.1 sport=80 dport=1000 [ASSURED] mark=0 "
		 "use=1\n", state);
	CHECK(ut_ct_load(ut_ct_engine_net(w.e), line, "LOADED", &err) == 0,
	      "%s: load: %s", state, err.msg);
	len = syn_frame(f);
	ut_engine_rx(w.e, ut_host_iface(w.h, "eth0"), 1000000000u, 1, f, len);
	CHECK(w.n_tx == (evicted ? 1u : 0u), "%s: %zu frames out", state,
	      w.n_tx);
	if (w.n_tx == 1)
		CHECK(ut_get16(w.tx[0] + 34) == 1000 &&
		      memcmp(w.tx[0] + 26, (const uint8_t[]){ 198, 51, 100, 1 },
			     4) == 0, "%s: the SYN's source", state);
	ut_buf_init(&table);
	ut_ct_output(ut_ct_engine_net(w.e), &table);
	CHECK((strstr(ut_buf_str(&table), "src=192.0.2.2 ") != NULL) ==
	      !evicted, "%s: the old entry %s: %s", state,
	      evicted ? "stays" : "is gone", ut_buf_str(&table));
	CHECK((strstr(ut_buf_str(&table), "src=192.0.2.3 ") != NULL) ==
	      evicted, "%s: the new entry: %s", state, ut_buf_str(&table));
	ut_buf_fini(&table);
	world_free(&w);
}

static void
test_harder(void)
{
	check_harder("TIME_WAIT", true);
	check_harder("CLOSE", true);
	check_harder("ESTABLISHED", false);
	check_harder("FIN_WAIT", false);
}

/* ---- NETMAP ---------------------------------------------------------------- */

static void
test_netmap(void)
{
	static const struct {
		const char *addr, *min, *max, *want;
	} cases[] = {
		/* 1:1 between networks: host bits kept */
		{ "10.1.2.3", "192.168.0.0", "192.168.255.255",
		  "192.168.2.3" },
		{ "10.1.2.3", "192.168.7.0", "192.168.7.255", "192.168.7.3" },
		{ "10.1.2.200", "172.16.4.128", "172.16.4.255",
		  "172.16.4.200" },
		{ "10.1.2.100", "172.16.4.128", "172.16.4.255",
		  "172.16.4.228" },
		/* /32: the one address; /0: the address itself */
		{ "10.1.2.3", "203.0.113.9", "203.0.113.9", "203.0.113.9" },
		{ "10.1.2.3", "0.0.0.0", "255.255.255.255", "10.1.2.3" },
		/* a mask with holes (the bits min and max share) */
		{ "10.1.2.3", "192.168.0.1", "192.168.255.1",
		  "192.168.2.1" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t got = ut_nat_netmap(ip4(cases[i].addr),
					     ip4(cases[i].min),
					     ip4(cases[i].max));
		char s[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, &got, s, sizeof(s));
		CHECK_STR(s, cases[i].want, "netmap %zu", i);
	}
}

void
test_nat(void)
{
	test_csum_random();
	test_csum_zero();
	test_csum_wrong();
	test_short();
	test_icmp_errors();
	test_kernel_choices();
	test_random_ports();
	test_harder();
	test_netmap();
}
