/* rate_test.c: the credit arithmetic of limit and hashlimit on the
 * engine's clock (HZ 250), packet by packet.
 *
 * The timelines are those of the kernel scenarios seed-icmp-flood-limit,
 * match-limit-defaults, match-hashlimit-modes and match-hashlimit-gc.
 * The per-packet decisions are derived from the kernel's rules (xt_limit:
 * 128 credits a jiffy, cost user2credits(avg), cap cost * burst;
 * xt_hashlimit revision 3: 2^39 credits a jiffy) with every threshold at
 * least a few jiffies away, so that the jiffy phase (chance, in the
 * kernel) does not change them; their sums are the counters the kernel
 * recorded in those scenarios (kernel/counters). The credit, cap and
 * cost numbers of the hashlimit tables are the kernel's own, read from
 * /proc/net/ipt_hashlimit in the same recordings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "engine/pkt.h"
#include "host/host.h"
#include "rules/ext.h"
#include "unit.h"

#define MS 1000000ull
#define T0 (1000ull * MS)

struct renv {
	struct ut_ruleset *rs;
	struct ut_host *h;
	struct ut_table *t;
	struct ut_engine *e;
	struct ut_rule *r;
	void *state;
	char outputs[4096];
};

static bool
renv_open(struct renv *v, const char *rule)
{
	struct ut_err err;

	memset(v, 0, sizeof(*v));
	ut_err_clear(&err);
	v->rs = ut_ruleset_new();
	v->h = ut_host_new();
	v->t = ut_table_new(UT_TABLE_FILTER);
	if (!v->rs || !v->h || !v->t)
		return false;
	v->r = unit_rule_build(v->t, "FORWARD", rule);
	CHECK(v->r != NULL, "rule `%s' not built", rule);
	if (!v->r)
		return false;
	v->e = ut_engine_new(v->rs, v->h, NULL, &err);
	CHECK(v->e != NULL, "engine: %s", err.msg);
	if (!v->e)
		return false;
	ut_engine_advance(v->e, T0);
	CHECK(v->r->matches[v->r->n_matches - 1].ext->state_new(
		      v->e, v->r->matches[v->r->n_matches - 1].data, &v->state,
		      &err) == 0, "state: %s", err.msg);
	return v->state != NULL;
}

static int
collect(void *ctx, const char *path, const struct ut_buf *text,
	struct ut_err *err)
{
	struct renv *v = ctx;
	size_t n = strlen(v->outputs);

	(void)err;
	snprintf(v->outputs + n, sizeof(v->outputs) - n, "%s:\n%s", path,
		 ut_buf_str(text));
	return 0;
}

static void
renv_close(struct renv *v)
{
	const struct ut_xt *x = v->r ? &v->r->matches[v->r->n_matches - 1] :
				NULL;

	if (v->state && x)
		x->ext->state_free(v->e, v->state);
	ut_engine_free(v->e);
	ut_rule_free(v->r);
	ut_table_free(v->t);
	ut_host_free(v->h);
	ut_ruleset_free(v->rs);
}

/* a UDP datagram of len bytes from src to dst:dport */
static struct ut_pkt *
udp_pkt(const char *src, const char *dst, uint16_t sport, uint16_t dport,
	unsigned len)
{
	uint8_t ip[1500] = { 0x45 };
	unsigned a[4], b[4];

	sscanf(src, "%u.%u.%u.%u", &a[0], &a[1], &a[2], &a[3]);
	sscanf(dst, "%u.%u.%u.%u", &b[0], &b[1], &b[2], &b[3]);
	ip[2] = (uint8_t)(len >> 8);
	ip[3] = (uint8_t)len;
	ip[8] = 64;
	ip[9] = 17;
	for (int i = 0; i < 4; i++) {
		ip[12 + i] = (uint8_t)a[i];
		ip[16 + i] = (uint8_t)b[i];
	}
	ip[20] = (uint8_t)(sport >> 8);
	ip[21] = (uint8_t)sport;
	ip[22] = (uint8_t)(dport >> 8);
	ip[23] = (uint8_t)dport;
	return ut_pkt_new(ip, len, len);
}

/* one packet at T0 + at_ns through the rule's last match */
static int
eval_at(struct renv *v, uint64_t at_ns, struct ut_pkt *p)
{
	const struct ut_xt *x = &v->r->matches[v->r->n_matches - 1];
	struct ut_xt_par par;
	bool m;

	ut_engine_advance(v->e, T0 + at_ns);
	memset(&par, 0, sizeof(par));
	par.eng = v->e;
	par.pkt = p;
	par.hook = UT_HOOK_FORWARD;
	par.table = "filter";
	par.data = x->data;
	par.state = v->state;
	par.thoff = 20;
	m = x->ext->match(&par);
	ut_pkt_free(p);
	return par.hotdrop ? -1 : m;
}

static void
check_seq(const char *what, const char *rule, const uint64_t *at,
	  const int *want, size_t n)
{
	struct renv v;

	if (renv_open(&v, rule))
		for (size_t i = 0; i < n; i++) {
			int got = eval_at(&v, at[i], udp_pkt("192.0.2.2",
					  "203.0.113.10", 4000, 53, 60));
			CHECK(got == want[i], "%s: packet %zu at %llu ms: %d, "
			      "want %d", what, i,
			      (unsigned long long)(at[i] / MS), got, want[i]);
		}
	renv_close(&v);
}

/* seed-icmp-flood-limit: 20 + 8 + 9 = the kernel's 37 */
static void
limit_flood(void)
{
	uint64_t at[118], t = 0;
	int want[118];
	size_t n = 0;

	for (int i = 0; i < 100; i++, n++) {
		at[n] = t += MS;
		want[n] = i < 20;
	}
	for (int i = 0; i < 8; i++, n++) {
		at[n] = t += 300 * MS;
		want[n] = 1;
	}
	for (int i = 0; i < 10; i++, n++) {
		at[n] = t += i == 0 ? 1000 * MS : 2 * MS;
		want[n] = i < 9;
	}
	check_seq("limit 5/s burst 20", "-m limit --limit 5/s "
		  "--limit-burst 20", at, want, n);
}

/* match-limit-defaults: 5, 1 and 6 pass, as the kernel counted */
static void
limit_defaults(void)
{
	uint64_t at[10];
	int want[10];
	static const uint64_t at2[] = { 0, 200 * MS, 400 * MS, 600 * MS };
	static const int want2[] = { 1, 0, 0, 0 };
	static const uint64_t at3[] = { 20 * MS, 40 * MS, 60 * MS, 460 * MS,
					860 * MS, 1260 * MS, 1360 * MS,
					1460 * MS };
	static const int want3[] = { 1, 1, 0, 1, 1, 1, 1, 0 };

	for (int i = 0; i < 10; i++) {
		at[i] = (uint64_t)(i + 1) * 100 * MS;
		want[i] = i < 5;
	}
	check_seq("limit defaults", "-m limit", at, want, 10);
	check_seq("limit 2/min burst 1", "-m limit --limit 2/min "
		  "--limit-burst 1", at2, want2, 4);
	check_seq("limit 4/s burst 2", "-m limit --limit 4/sec "
		  "--limit-burst 2", at3, want3, 8);
}

/* match-hashlimit-modes' dns rule: two sources, 5 each, 3 pass each,
 * one more 0.6 s later (7, the kernel's count); the /proc line's
 * credit, cap and cost are the kernel's */
static void
hashlimit_srcip(void)
{
	struct renv v;
	struct ut_err err;
	int sum = 0;
	uint64_t t = 0;

	if (renv_open(&v, "-m hashlimit --hashlimit-upto 2/sec "
		      "--hashlimit-burst 3 --hashlimit-mode srcip "
		      "--hashlimit-name dns --hashlimit-htable-expire 30000")) {
		for (int i = 0; i < 5; i++)
			for (int s = 0; s < 2; s++) {
				int m = eval_at(&v, t += 5 * MS, udp_pkt(
					s ? "192.0.2.77" : "192.0.2.2",
					"203.0.113.10", 3000, 53, 48));
				CHECK(m == (i < 3), "hashlimit srcip: packet "
				      "%d of source %d: %d", i, s, m);
				sum += m;
			}
		sum += eval_at(&v, t += 600 * MS, udp_pkt("192.0.2.2",
			       "203.0.113.10", 3999, 53, 48));
		CHECK(sum == 7, "hashlimit srcip: %d passed, the kernel 7",
		      sum);
		/* 2.5 s later every bucket is full again */
		ut_engine_advance(v.e, T0 + t + 2500 * MS);
		ut_err_clear(&err);
		ut_engine_outputs(v.e, collect, &v, &err);
		CHECK(strstr(v.outputs, "proc/net/ipt_hashlimit/dns:\n") &&
		      strstr(v.outputs, " 192.0.2.2:0->0.0.0.0:0 "
			     "206158429500000 206158429500000 "
			     "68719476500000\n") &&
		      strstr(v.outputs, " 192.0.2.77:0->0.0.0.0:0 "
			     "206158429500000 206158429500000 "
			     "68719476500000\n"),
		      "hashlimit /proc view:\n%s", v.outputs);
	}
	renv_close(&v);
}

/* match-hashlimit-modes' byte rule: 2kb/s burst 3kb (saved as 4kb),
 * eight 600-byte datagrams at 10 ms all pass (a refill from the burst
 * count each time the credit runs short); the kernel's /proc line after
 * them: credit full, no refills left, cost 32513984 */
static void
hashlimit_bytes(void)
{
	struct renv v;
	struct ut_err err;

	if (renv_open(&v, "-m hashlimit --hashlimit-upto 2kb/s "
		      "--hashlimit-burst 3kb --hashlimit-mode dstip "
		      "--hashlimit-name bytes --hashlimit-htable-expire 30000")) {
		for (int i = 0; i < 8; i++)
			CHECK(eval_at(&v, (uint64_t)(i + 1) * 10 * MS,
				      udp_pkt("192.0.2.2", "203.0.113.40",
					      5000, 9000, 600)) == 1,
			      "hashlimit bytes: packet %d", i);
		ut_engine_advance(v.e, T0 + 3000 * MS);
		ut_err_clear(&err);
		ut_engine_outputs(v.e, collect, &v, &err);
		CHECK(strstr(v.outputs, " 0.0.0.0:0->203.0.113.40:0 "
			     "4194304000 0 32513984\n") != NULL,
		      "hashlimit bytes /proc view:\n%s", v.outputs);
	}
	renv_close(&v);
}

/* match-hashlimit-gc: a 4-entry table hot-drops the 5th and 6th flow;
 * after the expiry (1.5 s) and a collection (200 ms) new flows fit */
static void
hashlimit_gc(void)
{
	struct renv v;
	uint64_t t = 0;

	if (renv_open(&v, "-p udp -m hashlimit --hashlimit-upto 10/sec "
		      "--hashlimit-burst 5 --hashlimit-mode srcip,dstport "
		      "--hashlimit-name gc --hashlimit-htable-size 4 "
		      "--hashlimit-htable-max 4 --hashlimit-htable-expire 1500 "
		      "--hashlimit-htable-gcinterval 200")) {
		for (uint16_t port = 1001; port <= 1006; port++)
			CHECK(eval_at(&v, t += 10 * MS, udp_pkt("192.0.2.2",
				      "203.0.113.10", 7000, port, 38)) ==
			      (port <= 1004 ? 1 : -1),
			      "hashlimit gc: port %u", port);
		CHECK(eval_at(&v, t += 3000 * MS, udp_pkt("192.0.2.2",
			      "203.0.113.10", 7000, 1005, 38)) == 1,
		      "hashlimit gc: after the collection");
	}
	renv_close(&v);
}

void
test_rate(void)
{
	limit_flood();
	limit_defaults();
	hashlimit_srcip();
	hashlimit_bytes();
	hashlimit_gc();
}
