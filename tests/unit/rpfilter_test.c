/* rpfilter_test.c: the rpfilter match (src/ext/xt_rpfilter.c, Linux 6.x
 * rpfilter_mt) against results measured on the kernel.
 *
 * The kernel table comes from tests/unit/rpfilter_kernel.py (Linux
 * 6.18, iptables-legacy counters in raw PREROUTING, one rule per option
 * set, frames sent from a peer namespace on each interface of a host
 * with the asymmetric routes of host_text below). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "engine/engine.h"
#include "rules/ext.h"
#include "host/host.h"
#include "engine/pkt.h"
#include "rules/ruleset.h"
#include "unit.h"

/* the same host as rpfilter_kernel.py and scenarios/match-rpfilter */
static const char host_text[] =
	"link add eth0 address 02:00:00:00:01:00\n"
	"link add eth1 address 02:00:00:00:01:01\n"
	"addr add 192.0.2.1/24 dev eth0\n"
	"addr add 198.51.100.1/25 dev eth1\n"
	"route add default via 198.51.100.2 dev eth1\n"
	"route add 203.0.113.0/26 via 192.0.2.2 dev eth0\n"
	"route add 203.0.113.64/26 tos 0x10 via 192.0.2.2 dev eth0\n"
	"route add unreachable 203.0.113.128/26\n"
	"route add blackhole 203.0.113.192/26\n"
	"sysctl net.ipv4.conf.all.rp_filter=0\n"
	"sysctl net.ipv4.conf.default.rp_filter=0\n";

enum {
	F_LOOSE = 1 << 0,
	F_VALIDMARK = 1 << 1,
	F_ACCEPT_LOCAL = 1 << 2,
	F_INVERT = 1 << 3,
};

/* the option sets of rpfilter_kernel.py's FLAGS, in order: the i-th
 * character of a case's result is the kernel's answer with flag_sets[i] */
static const uint8_t flag_sets[] = {
	0, F_LOOSE, F_ACCEPT_LOCAL, F_LOOSE | F_ACCEPT_LOCAL, F_VALIDMARK,
	F_INVERT, F_LOOSE | F_INVERT, F_ACCEPT_LOCAL | F_INVERT,
};

struct rcase {
	const char *in;      /* the interface it arrived on */
	const char *src, *dst;
	uint8_t tos;
	const char *result;  /* '1' matched, per flag_sets[] */
};

/* measured: ./rpfilter_kernel.py (Linux 6.18) */
static const struct rcase kernel_cases[] = {
	{ "eth0", "192.0.2.2", "192.0.2.1", 0x00, "11111000" },
	{ "eth1", "192.0.2.2", "198.51.100.1", 0x00, "01010101" },
	{ "eth0", "203.0.113.10", "192.0.2.1", 0x00, "11111000" },
	{ "eth1", "203.0.113.10", "198.51.100.1", 0x00, "01010101" },
	{ "eth0", "203.0.113.10", "198.51.100.200", 0x00, "11111000" },
	{ "eth1", "198.51.100.200", "198.51.100.1", 0x00, "11111000" },
	{ "eth0", "198.51.100.200", "192.0.2.1", 0x00, "01010101" },
	{ "eth1", "198.51.100.2", "198.51.100.1", 0x00, "11111000" },
	{ "eth0", "203.0.113.70", "192.0.2.1", 0x10, "11111000" },
	{ "eth0", "203.0.113.70", "192.0.2.1", 0x00, "01010101" },
	{ "eth0", "203.0.113.70", "192.0.2.1", 0x12, "11111000" },
	{ "eth0", "203.0.113.70", "192.0.2.1", 0x14, "01010101" },
	{ "eth0", "203.0.113.70", "192.0.2.1", 0xb0, "11111000" },
	{ "eth1", "203.0.113.70", "198.51.100.1", 0x00, "11111000" },
	{ "eth1", "203.0.113.70", "198.51.100.1", 0x10, "01010101" },
	{ "eth0", "203.0.113.130", "192.0.2.1", 0x00, "00000111" },
	{ "eth1", "203.0.113.130", "198.51.100.1", 0x00, "00000111" },
	{ "eth0", "203.0.113.200", "192.0.2.1", 0x00, "00000111" },
	{ "eth0", "192.0.2.1", "192.0.2.1", 0x00, "00110110" },
	{ "eth1", "192.0.2.1", "198.51.100.1", 0x00, "00010111" },
	{ "eth1", "198.51.100.1", "198.51.100.1", 0x00, "00110110" },
	{ "eth0", "198.51.100.1", "192.0.2.1", 0x00, "00010111" },
	{ "eth0", "127.0.0.1", "192.0.2.1", 0x00, "00010111" },
	{ "eth0", "127.1.2.3", "192.0.2.1", 0x00, "00010111" },
	{ "eth0", "192.0.2.255", "192.0.2.1", 0x00, "00000111" },
	{ "eth0", "192.0.2.0", "192.0.2.1", 0x00, "11111000" },
	{ "eth1", "198.51.100.127", "198.51.100.1", 0x00, "00000111" },
	{ "eth1", "198.51.100.255", "198.51.100.1", 0x00, "11111000" },
	{ "eth0", "255.255.255.255", "192.0.2.1", 0x00, "01010101" },
	{ "eth1", "255.255.255.255", "198.51.100.1", 0x00, "11111000" },
	{ "eth0", "0.0.0.0", "255.255.255.255", 0x00, "11111000" },
	{ "eth1", "0.0.0.0", "255.255.255.255", 0x00, "11111000" },
	{ "eth0", "0.0.0.0", "224.0.0.1", 0x00, "11111000" },
	{ "eth0", "0.0.0.0", "224.0.0.255", 0x00, "11111000" },
	{ "eth0", "0.0.0.0", "224.0.1.1", 0x00, "01010101" },
	{ "eth0", "0.0.0.0", "192.0.2.1", 0x00, "01010101" },
	{ "eth1", "0.0.0.0", "198.51.100.1", 0x00, "11111000" },
	{ "eth0", "0.0.0.0", "192.0.2.255", 0x00, "01010101" },
	{ "eth0", "224.0.0.5", "192.0.2.1", 0x00, "01010101" },
	{ "eth1", "224.0.0.5", "198.51.100.1", 0x00, "11111000" },
	{ "eth0", "192.0.2.2", "203.0.113.10", 0x00, "11111000" },
	{ "eth0", "192.0.2.2", "224.0.0.1", 0x00, "11111000" },
	{ "eth0", "0.1.2.3", "192.0.2.1", 0x00, "01010101" },
};

/* a UDP datagram src > dst with tos (ip_rcv has checked the header) */
static struct ut_pkt *
rcase_packet(const char *src, const char *dst, uint8_t tos)
{
	uint8_t ip[31] = {
		0x45, 0, 0, 31, 0, 1, 0, 0, 64, 17, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0,
		0x75, 0x30, 0, 9, 0, 11, 0, 0, 'r', 'p', 'f',
	};
	struct in_addr a;

	ip[1] = tos;
	if (inet_pton(AF_INET, src, &a) != 1)
		return NULL;
	memcpy(ip + 12, &a, 4);
	if (inet_pton(AF_INET, dst, &a) != 1)
		return NULL;
	memcpy(ip + 16, &a, 4);
	return ut_pkt_new(ip, sizeof(ip), sizeof(ip));
}

static int
rpf_eval(struct ut_engine *eng, const struct ut_iface *in,
	 struct ut_pkt *p, uint8_t flags)
{
	const struct ut_ext *x = ut_ext_find("rpfilter", UT_EXT_MATCH);
	struct ut_xt_par par;

	memset(&par, 0, sizeof(par));
	par.eng = eng;
	par.pkt = p;
	par.in = in;
	par.hook = UT_HOOK_PRE_ROUTING;
	par.table = "raw";
	par.data = &flags;
	par.thoff = 20;
	return x->match(&par) ? 1 : 0;
}

static void
test_rpfilter_kernel(struct ut_engine *eng, const struct ut_host *h)
{
	for (size_t i = 0; i < sizeof(kernel_cases) / sizeof(kernel_cases[0]);
	     i++) {
		const struct rcase *c = &kernel_cases[i];
		const struct ut_iface *in = ut_host_iface(h, c->in);
		struct ut_pkt *p = rcase_packet(c->src, c->dst, c->tos);

		CHECK(p && in, "case %zu: setup", i);
		if (!p || !in) {
			ut_pkt_free(p);
			continue;
		}
		for (size_t f = 0; f < sizeof(flag_sets); f++) {
			int want = c->result[f] == '1';
			int got = rpf_eval(eng, in, p, flag_sets[f]);

			CHECK(got == want, "case %zu (%s %s > %s tos 0x%02x) "
			      "flags 0x%x: got %d, the kernel %d", i, c->in,
			      c->src, c->dst, c->tos, flag_sets[f], got, want);
		}
		ut_pkt_free(p);
	}
}

/* The early accepts, measured by scenarios/match-rpfilter (its per-device
 * counters): packets the host sends itself arrive on lo and match even
 * with a LOCAL source (no --accept-local); its own multicast looped back
 * on eth1 (PACKET_LOOPBACK) matches although its source is local. And
 * --validmark: without policy rules the mark chooses nothing. */
static void
test_rpfilter_special(struct ut_engine *eng, const struct ut_host *h)
{
	const struct ut_iface *lo = ut_host_iface(h, "lo");
	const struct ut_iface *eth1 = ut_host_iface(h, "eth1");
	struct ut_pkt *p = rcase_packet("192.0.2.1", "192.0.2.1", 0);

	CHECK(p && lo && eth1, "setup");
	if (!p || !lo || !eth1) {
		ut_pkt_free(p);
		return;
	}
	CHECK(rpf_eval(eng, lo, p, 0) == 1, "from lo");
	CHECK(rpf_eval(eng, lo, p, F_INVERT) == 0, "from lo, inverted");
	ut_pkt_free(p);
	p = rcase_packet("198.51.100.1", "224.0.0.1", 0);
	if (!p)
		return;
	CHECK(rpf_eval(eng, eth1, p, 0) == 0, "own source, not looped");
	p->pkttype = UT_PACKET_LOOPBACK;
	CHECK(rpf_eval(eng, eth1, p, 0) == 1, "looped back");
	CHECK(rpf_eval(eng, eth1, p, F_INVERT) == 0, "looped back, inverted");
	ut_pkt_free(p);
	p = rcase_packet("192.0.2.2", "192.0.2.1", 0);
	if (!p)
		return;
	p->mark = 0x1234;
	CHECK(rpf_eval(eng, ut_host_iface(h, "eth0"), p, F_VALIDMARK) == 1,
	      "validmark with a mark");
	CHECK(rpf_eval(eng, eth1, p, F_VALIDMARK) == 0,
	      "validmark with a mark, wrong interface");
	ut_pkt_free(p);
}

/* rpfilter_check: raw and mangle only; unknown flag bits refused */
static void
test_rpfilter_kcheck(void)
{
	const struct ut_ext *x = ut_ext_find("rpfilter", UT_EXT_MATCH);
	static const struct {
		const char *table;
		uint8_t flags;
		int ret;
	} cases[] = {
		{ "raw", 0, 0 }, { "mangle", 0x0f, 0 },
		{ "filter", 0, -EINVAL }, { "security", 0, -EINVAL },
		{ "raw", 0x10, -EINVAL },
	};

	CHECK(x && x->match && x->hooks == UT_HM_PRE, "registration");
	for (size_t i = 0; x && i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ut_buf dmesg;
		struct ut_kcheck kc = {
			.table = cases[i].table,
			.hook_mask = UT_HM_PRE,
			.data = &cases[i].flags,
			.dmesg = &dmesg,
		};

		ut_buf_init(&dmesg);
		CHECK(x->kcheck(&kc) == cases[i].ret, "kcheck case %zu", i);
		ut_buf_fini(&dmesg);
	}
}

void
test_rpfilter(void)
{
	struct ut_ruleset *rs = ut_ruleset_new();
	struct ut_host *h = ut_host_new();
	struct ut_engine *eng = NULL;
	struct ut_err err;

	ut_err_clear(&err);
	CHECK(rs && h, "out of memory");
	if (rs && h) {
		CHECK(ut_host_parse(h, host_text, "rpfilter-test-host", &err) == 0,
		      "host: %s", err.msg);
		eng = ut_engine_new(rs, h, NULL, &err);
		CHECK(eng != NULL, "engine: %s", err.msg);
	}
	if (eng) {
		test_rpfilter_kernel(eng, h);
		test_rpfilter_special(eng, h);
	}
	test_rpfilter_kcheck();
	ut_engine_free(eng);
	ut_host_free(h);
	ut_ruleset_free(rs);
}
