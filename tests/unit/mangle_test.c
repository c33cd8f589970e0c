/* mangle_test.c: the arithmetic of the mangling targets, called directly
 * on rules built by the CLI parser (so the blobs are real).
 *
 * Where the answer is a number the kernel computed (HMARK's marks), it was
 * recorded from Linux 6.18: the LOG lines' MARK= of
 * tests/kernel/scenarios/target-hmark/kernel/log for the same packets and
 * rules. Elsewhere the expectation follows from the kernel's definition
 * of the target (TOS: (tos & ~mask) ^ value; TCPMSS: the option written,
 * 536 when none was there, RFC 1122) and every checksum must verify when
 * recomputed from scratch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "engine/engine.h"
#include "engine/pkt.h"
#include "rules/ext.h"
#include "rules/ruleset.h"
#include "unit.h"

/* an IPv4 datagram: 20-byte header (TTL 64, ID 1) and the transport
 * bytes, the header checksum and (TCP/UDP) the transport checksum set */
static struct ut_pkt *
make_ip(uint8_t proto, const char *src, const char *dst, uint8_t tos,
	const uint8_t *l4, size_t n)
{
	uint8_t b[256] = { 0x45, tos };
	struct ut_pkt *p;
	uint32_t a;

	ut_put16(b + 2, (uint16_t)(20 + n));
	ut_put16(b + 4, 1);
	b[8] = 64;
	b[9] = proto;
	inet_pton(AF_INET, src, &a);
	memcpy(b + 12, &a, 4);
	inet_pton(AF_INET, dst, &a);
	memcpy(b + 16, &a, 4);
	memcpy(b + 20, l4, n);
	if (proto == 6 && n >= 20) {
		ut_put16(b + 36, 0);
		ut_put16(b + 36, ut_l4_csum(b, b + 20, n, 6));
	} else if (proto == 17 && n >= 8) {
		ut_put16(b + 26, 0);
		ut_put16(b + 26, ut_l4_csum(b, b + 20, n, 17));
	}
	ut_ip_send_check(b);
	p = ut_pkt_new(b, (uint32_t)(20 + n), (uint32_t)(20 + n + 64));
	return p;
}

static bool
ip_csum_ok(const struct ut_pkt *p)
{
	return ut_csum_fold(ut_csum_add(0, p->ip, ut_ip_hlen(p))) == 0;
}

static bool
l4_csum_ok(const struct ut_pkt *p)
{
	unsigned hl = ut_ip_hlen(p);

	return ut_l4_csum(p->ip, p->ip + hl, p->len - hl, ut_ip_proto(p)) == 0;
}

/* run the target of "-A FORWARD RULE" (mangle) on p; its verdict */
static unsigned
run_target(const char *rule, struct ut_pkt *p)
{
	struct ut_table *t = ut_table_new(UT_TABLE_MANGLE);
	struct ut_rule *r = t ? unit_rule_build(t, "FORWARD", rule) : NULL;
	struct ut_xt_par par;
	unsigned v = 0xdead;

	if (r && r->verdict == UT_V_EXT && r->target.ext->target) {
		memset(&par, 0, sizeof(par));
		par.pkt = p;
		par.hook = UT_HOOK_FORWARD;
		par.table = "mangle";
		par.data = r->target.data;
		par.fragoff = ut_ip_fragoff(p);
		par.thoff = ut_ip_hlen(p);
		v = r->target.ext->target(&par);
	} else {
		CHECK(0, "no target for %s", rule);
	}
	ut_rule_free(r);
	ut_table_free(t);
	return v;
}

static void
udp_ports(uint8_t *l4, uint16_t sport, uint16_t dport)
{
	memset(l4, 0, 9);
	ut_put16(l4, sport);
	ut_put16(l4 + 2, dport);
	ut_put16(l4 + 4, 9);
	l4[8] = 'q';
}

static void
test_hmark(void)
{
	static const char *const udp_rule =
		"-p udp -j HMARK --hmark-tuple src,dst,sport,dport,proto "
		"--hmark-mod 16 --hmark-offset 100 --hmark-rnd 0xcafe";
	static const char *const tcp_rule =
		"-p tcp -j HMARK --hmark-src-prefix 24 --hmark-dst-prefix 32 "
		"--hmark-sport-mask 0xff00 --hmark-dport-mask 0xffff "
		"--hmark-proto-mask 0xff --hmark-mod 1000 --hmark-rnd 0x1";
	static const struct {
		const char *src, *dst;
		uint16_t sport, dport;
		uint32_t mark;  /* the kernel's */
	} udp[] = {
		{ "192.0.2.2", "203.0.113.10", 1000, 53, 0x68 },
		{ "192.0.2.2", "203.0.113.10", 1001, 53, 0x6f },
		{ "192.0.2.2", "203.0.113.10", 1002, 53, 0x68 },
		{ "192.0.2.2", "203.0.113.10", 40000, 53, 0x6f },
		{ "203.0.113.10", "192.0.2.2", 53, 1000, 0x68 },
		{ "203.0.113.10", "192.0.2.2", 53, 40000, 0x6f },
		{ "192.0.2.2", "203.0.113.11", 1000, 53, 0x72 },
	};
	uint8_t l4[20];
	struct ut_pkt *p;

	for (size_t i = 0; i < sizeof(udp) / sizeof(udp[0]); i++) {
		udp_ports(l4, udp[i].sport, udp[i].dport);
		p = make_ip(17, udp[i].src, udp[i].dst, 0, l4, 9);
		if (!p)
			continue;
		CHECK(run_target(udp_rule, p) == UT_XT_CONTINUE, "verdict");
		CHECK(p->mark == udp[i].mark, "udp %zu: mark 0x%x, kernel 0x%x",
		      i, p->mark, udp[i].mark);
		ut_pkt_free(p);
	}
	/* TCP with prefix and port masks, proto mixed in */
	memset(l4, 0, 20);
	ut_put16(l4, 0x1234);
	ut_put16(l4 + 2, 80);
	l4[12] = 0x50;
	l4[13] = 0x02;
	p = make_ip(6, "192.0.2.2", "203.0.113.10", 0, l4, 20);
	if (p) {
		run_target(tcp_rule, p);
		CHECK(p->mark == 0x2fe, "tcp: mark 0x%x, kernel 0x2fe", p->mark);
		ut_pkt_free(p);
	}
	ut_put16(l4, 80);
	ut_put16(l4 + 2, 0x1234);
	p = make_ip(6, "203.0.113.10", "192.0.2.2", 0, l4, 20);
	if (p) {
		run_target(tcp_rule, p);
		CHECK(p->mark == 0x1ae, "tcp back: mark 0x%x, kernel 0x1ae",
		      p->mark);
		ut_pkt_free(p);
	}
	/* ESP: the SPI in place of the ports */
	memset(l4, 0, 20);
	ut_put32(l4, 0x1001);
	ut_put32(l4 + 4, 1);
	p = make_ip(50, "192.0.2.2", "203.0.113.10", 0, l4, 20);
	if (p) {
		run_target("-p esp -j HMARK --hmark-tuple src,dst,spi "
			   "--hmark-mod 100 --hmark-rnd 0x0", p);
		CHECK(p->mark == 0x31, "esp: mark 0x%x, kernel 0x31", p->mark);
		ut_pkt_free(p);
	}
}

static void
test_tcpmss(void)
{
	static const struct {
		const char *opts;   /* hex option bytes (a multiple of 4) */
		const char *want;   /* hex option bytes after */
		bool csum_ok;       /* the TCP checksum verifies after */
	} cases[] = {
		{ "", "02040218", true },                 /* inserted: 536 */
		{ "020405b4", "020404b0", true },         /* 1460 -> 1200 */
		{ "02040218", "02040218", true },         /* 536 kept */
		/* at an odd offset the kernel still updates the checksum as
		 * if the MSS were 16-bit aligned: the segment leaves with a
		 * bad checksum (target-tcpmss-set, kernel/eth1.pcap, ID 5) */
		{ "01020405b4010101", "01020404b0010101", false },
		{ "0402080a0000000100000000", /* inserted in front */
		  "020402180402080a0000000100000000", true },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t l4[64] = { 0 }, want[64];
		size_t on = unit_unhex(cases[i].opts, l4 + 20, 40);
		size_t wn = unit_unhex(cases[i].want, want, sizeof(want));
		struct ut_pkt *p;

		ut_put16(l4, 40000);
		ut_put16(l4 + 2, 80);
		ut_put32(l4 + 4, 1000);
		l4[12] = (uint8_t)((5 + on / 4) << 4);
		l4[13] = 0x02;
		ut_put16(l4 + 14, 29200);
		p = make_ip(6, "192.0.2.2", "203.0.113.10", 0, l4, 20 + on);
		if (!p)
			continue;
		CHECK(run_target("-p tcp --tcp-flags SYN,RST SYN -j TCPMSS "
				 "--set-mss 1200", p) == UT_XT_CONTINUE,
		      "case %zu: verdict", i);
		CHECK(p->len == 40 + wn, "case %zu: length %u", i, p->len);
		CHECK(ut_get16(p->ip + 2) == p->len, "case %zu: tot_len", i);
		CHECK((p->ip[32] >> 4) * 4u == 20 + wn, "case %zu: doff", i);
		CHECK(p->len == 40 + wn && memcmp(p->ip + 40, want, wn) == 0,
		      "case %zu: options", i);
		CHECK(ip_csum_ok(p), "case %zu: IP checksum", i);
		CHECK(l4_csum_ok(p) == cases[i].csum_ok,
		      "case %zu: TCP checksum", i);
		ut_pkt_free(p);
	}
}

static void
test_ecn(void)
{
	uint8_t l4[20] = { 0 };
	struct ut_pkt *p;

	ut_put16(l4, 1);
	ut_put16(l4 + 2, 80);
	l4[12] = 0x50;
	l4[13] = 0xc2;   /* CWR ECE SYN */
	p = make_ip(6, "192.0.2.2", "203.0.113.10", 0, l4, 20);
	if (p) {
		run_target("-p tcp -j ECN --ecn-tcp-remove", p);
		CHECK(p->ip[33] == 0x02, "flags 0x%02x", p->ip[33]);
		CHECK(l4_csum_ok(p), "TCP checksum after remove");
		run_target("-p tcp -j ECN --ecn-tcp-cwr 1", p);
		CHECK(p->ip[33] == 0x82, "flags 0x%02x", p->ip[33]);
		CHECK(l4_csum_ok(p), "TCP checksum after cwr");
		ut_pkt_free(p);
	}
	for (unsigned tos = 0; tos < 256; tos += 0x25) {
		uint8_t u[9];

		udp_ports(u, 1, 53);
		p = make_ip(17, "192.0.2.2", "203.0.113.10", (uint8_t)tos, u, 9);
		if (!p)
			continue;
		run_target("-p udp -j ECN --ecn-ip-ect 2", p);
		CHECK(p->ip[1] == ((tos & 0xfc) | 2), "tos 0x%02x -> 0x%02x",
		      tos, p->ip[1]);
		CHECK(ip_csum_ok(p), "tos 0x%02x: IP checksum", tos);
		ut_pkt_free(p);
	}
	/* 12 bytes of TCP header: the kernel drops */
	p = make_ip(6, "192.0.2.2", "203.0.113.10", 0, l4, 12);
	if (p) {
		CHECK(run_target("-p tcp -j ECN --ecn-tcp-remove", p) ==
		      UT_NF_DROP, "short TCP header");
		ut_pkt_free(p);
	}
}

static void
test_tos(void)
{
	static const struct {
		const char *target;
		uint8_t mask, value;   /* the new TOS: (tos & ~mask) ^ value */
	} cases[] = {
		{ "TOS --set-tos 0x10/0x3f", 0x3f, 0x10 },
		{ "TOS --set-tos 0xb8/0xfc", 0xfc, 0xb8 },
		{ "TOS --and-tos 0x0f", 0xf0, 0x00 },
		{ "TOS --or-tos 0x01", 0x01, 0x01 },
		{ "TOS --xor-tos 0xff", 0x00, 0xff },
		{ "DSCP --set-dscp 0x2e", 0xfc, 0xb8 },
		{ "DSCP --set-dscp-class AF41", 0xfc, 0x88 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (unsigned tos = 0; tos < 256; tos += 0x11) {
			char rule[64];
			uint8_t u[9];
			struct ut_pkt *p;
			uint8_t want = (uint8_t)((tos & ~cases[i].mask) ^
						 cases[i].value);

			udp_ports(u, 1, 53);
			p = make_ip(17, "192.0.2.2", "203.0.113.10",
				    (uint8_t)tos, u, 9);
			if (!p)
				continue;
			snprintf(rule, sizeof(rule), "-j %s", cases[i].target);
			run_target(rule, p);
			CHECK(p->ip[1] == want, "%s: 0x%02x -> 0x%02x, want "
			      "0x%02x", cases[i].target, tos, p->ip[1], want);
			CHECK(ip_csum_ok(p), "%s: 0x%02x: IP checksum",
			      cases[i].target, tos);
			ut_pkt_free(p);
		}
	}
}

void
test_mangle(void)
{
	test_hmark();
	test_tcpmss();
	test_ecn();
	test_tos();
}
