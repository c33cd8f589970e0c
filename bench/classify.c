/* classify.c: bench/classify: the compiled classifier (src/classify)
 * against the linear loop over the same rules and, when the build found
 * DPDK (UT_BENCH_RTE_ACL), against rte_acl, on the ClassBench sets and
 * their traces, in one process (bench/README.md has the figures).
 *
 *   ut-bench-classify [--linear-max N] [--seconds S] [--no-rte-acl]
 *                     DIR SET...
 *
 * DIR holds SET and SET_trace (e.g. /work/shared/bench/classbench
 * acl1_10k). For each set: build time and memory of each classifier,
 * lookups per second over the whole trace (single lookups; rte_acl also
 * batched, 64 a call), and whether every classifier gives every trace
 * packet the same first matching rule. The 5-tuple only, as rte_acl's
 * own test tool reads ClassBench (the flags column is left out). The
 * linear loop is timed on the first --linear-max packets (default
 * 20000): it is slow by design. Rates: the best of 5 windows of
 * --seconds/5 (default 1 s in all); rates and build times are in CPU
 * time of the process (one core; other processes' share of it is not
 * counted). Memory: what the classifier holds
 * (ut_cls_memory; for rte_acl the DPDK heap bytes its context and
 * run-time tables take, without the build phase's temporary memory).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "classify/classify.h"

#ifdef UT_BENCH_RTE_ACL
#include <rte_acl.h>
#include <rte_eal.h>
#include <rte_malloc.h>
#endif

struct trace_pkt {
	struct ut_cls_key key;
	uint32_t nbo[4];  /* rte_acl's input: proto, src, dst, ports */
};

/* now_s: the process's CPU time: the machine is shared, and a wall
 * clock would count the time other processes had the core */
static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* rss_bytes: the process's resident memory now */
static size_t
rss_bytes(void)
{
	unsigned long size = 0, rss = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f) {
		if (fscanf(f, "%lu %lu", &size, &rss) != 2)
			rss = 0;
		fclose(f);
	}
	return rss * (size_t)sysconf(_SC_PAGESIZE);
}

static uint32_t
prefix_mask(unsigned len)
{
	return len ? ~0u << (32 - len) : 0;
}

/* load_rules: ClassBench "@a.b.c.d/l TAB a.b.c.d/l TAB lo : hi TAB lo :
 * hi TAB 0xPP/0xMM TAB flags" lines */
static struct ut_cls_rule *
load_rules(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	struct ut_cls_rule *rules = NULL;
	size_t cap = 0;
	char line[512];

	*n = 0;
	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f)) {
		unsigned s[4], d[4], sl, dl, spl, sph, dpl, dph, pr, pm;
		struct ut_cls_rule *r;

		if (sscanf(line, "@%u.%u.%u.%u/%u %u.%u.%u.%u/%u %u : %u %u : "
			   "%u %x/%x", &s[0], &s[1], &s[2], &s[3], &sl, &d[0],
			   &d[1], &d[2], &d[3], &dl, &spl, &sph, &dpl, &dph,
			   &pr, &pm) != 16)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			rules = realloc(rules, cap * sizeof(*rules));
			if (!rules)
				exit(1);
		}
		r = &rules[(*n)++];
		memset(r, 0, sizeof(*r));
		r->smsk = prefix_mask(sl);
		r->src = (s[0] << 24 | s[1] << 16 | s[2] << 8 | s[3]) & r->smsk;
		r->dmsk = prefix_mask(dl);
		r->dst = (d[0] << 24 | d[1] << 16 | d[2] << 8 | d[3]) & r->dmsk;
		if (spl != 0 || sph != 65535)
			ut_cls_range_set(&r->sport, (uint16_t)spl,
					 (uint16_t)sph, false);
		if (dpl != 0 || dph != 65535)
			ut_cls_range_set(&r->dport, (uint16_t)dpl,
					 (uint16_t)dph, false);
		r->proto = pm == 0xff ? (uint16_t)pr : 0;
	}
	fclose(f);
	return rules;
}

static struct trace_pkt *
load_trace(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	struct trace_pkt *t = NULL;
	size_t cap = 0;
	unsigned long sip, dip, sp, dp, pr;
	char line[256];

	*n = 0;
	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f)) {
		struct trace_pkt *p;

		if (sscanf(line, "%lu %lu %lu %lu %lu", &sip, &dip, &sp, &dp,
			   &pr) != 5)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 4096;
			t = realloc(t, cap * sizeof(*t));
			if (!t)
				exit(1);
		}
		p = &t[(*n)++];
		memset(p, 0, sizeof(*p));
		p->key.saddr = (uint32_t)sip;
		p->key.daddr = (uint32_t)dip;
		p->key.proto = (uint8_t)pr;
		p->key.has_ports = true;
		p->key.sport = (uint16_t)sp;
		p->key.dport = (uint16_t)dp;
		p->nbo[0] = (uint32_t)pr;
		p->nbo[1] = htonl((uint32_t)sip);
		p->nbo[2] = htonl((uint32_t)dip);
		p->nbo[3] = (uint32_t)htons((uint16_t)sp) |
			    (uint32_t)htons((uint16_t)dp) << 16;
	}
	fclose(f);
	return t;
}

/* the answers: rule index + 1 of the first match, 0 for none */
static uint32_t
linear_one(const struct ut_cls_rule *rules, size_t n, const struct ut_cls_key *k)
{
	for (size_t i = 0; i < n; i++)
		if (ut_cls_rule_passes(&rules[i], k, NULL, 0))
			return (uint32_t)i + 1;
	return 0;
}

static uint32_t
compiled_one(const struct ut_cls *c, const struct ut_cls_key *k)
{
	struct ut_cls_cursor cur;
	size_t i;

	ut_cls_cursor_init(c, k, &cur);
	i = ut_cls_next(&cur, 0);
	return i < cur.n_rules ? (uint32_t)i + 1 : 0;
}

/* TIMED: the body (n lookups) run again and again in 5 windows of
 * seconds/5 each; the best window's lookups per second (the machine is
 * shared: the best window is the one least disturbed) */
#define TIMED(seconds, n, body)                                         \
	({                                                              \
		double best_ = 0;                                       \
		for (int w_ = 0; w_ < 5; w_++) {                        \
			double t0_ = now_s(), t_;                       \
			size_t done_ = 0;                               \
			do {                                            \
				body;                                   \
				done_ += (n);                           \
				t_ = now_s() - t0_;                     \
			} while (t_ < (seconds) / 5);                   \
			if ((double)done_ / t_ > best_)                 \
				best_ = (double)done_ / t_;             \
		}                                                       \
		best_;                                                  \
	})

/* bench_updates: random changes through the update API for about
 * `seconds` (CPU): each a delete of a random rule and an insert of a
 * random rule of the set at a random place (the rule count stays; the
 * rules' own array is changed alike after the timing); then the changed classifier must
 * answer the first `check` trace packets as a new build of the changed
 * rules. Prints updates per second, and the time of the first update
 * (which spreads the rules out: ut_cls_insert). */
static void
bench_updates(const char *set, struct ut_cls *c, struct ut_cls_rule *rules,
	      size_t n, const struct trace_pkt *t, size_t check,
	      double seconds)
{
	uint64_t seed = 0x1234567;
	size_t ops = 0, agree = 0, cap = 1 << 16, n_moves = 0;
	size_t (*moves)[3] = malloc(cap * sizeof(*moves));
	struct ut_cls_rule *orig = malloc(n * sizeof(*orig));
	double t0, dt, first;
	struct ut_cls *fresh;
	struct ut_err err;

	if (!moves || !orig)
		exit(1);
	memcpy(orig, rules, n * sizeof(*orig));
	t0 = now_s();
	if (ut_cls_replace(c, 0, &rules[0], &err) < 0)
		exit(1);
	first = now_s() - t0;
	t0 = now_s();
	do {
		for (int k = 0; k < 16; k++) {
			size_t i, j, r;

			seed = seed * 6364136223846793005ull +
			       1442695040888963407ull;
			i = (size_t)(seed >> 33) % n;
			j = (size_t)(seed >> 13) % n;
			r = (size_t)(seed >> 3) % n;
			if (n_moves == cap) {
				cap *= 2;
				moves = realloc(moves, cap * sizeof(*moves));
				if (!moves)
					exit(1);
			}
			moves[n_moves][0] = i;
			moves[n_moves][1] = j;
			moves[n_moves++][2] = r;
			if (ut_cls_delete(c, i, &err) < 0 ||
			    ut_cls_insert(c, j, &orig[r], &err) < 0) {
				printf("%-10s update: %s\n", set, err.msg);
				exit(1);
			}
			ops += 2;
		}
		dt = now_s() - t0;
	} while (dt < seconds);
	printf("%-10s %7zu utables updates  %9.0f /s (random delete + insert, "
	       "%zu in %.2f s; the first update %.1f ms)", set, n,
	       (double)ops / dt, ops, dt, first * 1e3);
	for (size_t m = 0; m < n_moves; m++) {
		size_t i = moves[m][0], j = moves[m][1];

		memmove(&rules[i], &rules[i + 1],
			(n - i - 1) * sizeof(*rules));
		memmove(&rules[j + 1], &rules[j],
			(n - 1 - j) * sizeof(*rules));
		rules[j] = orig[moves[m][2]];
	}
	fresh = ut_cls_build(rules, n, NULL, 0, &err);
	if (!fresh)
		exit(1);
	for (size_t i = 0; i < check; i++)
		agree += compiled_one(c, &t[i].key) ==
			 compiled_one(fresh, &t[i].key);
	printf("  memory after %.1f MB  agree with a new build %zu/%zu\n",
	       (double)ut_cls_memory(c) / 1e6, agree, check);
	ut_cls_free(fresh);
	free(moves);
	free(orig);
}

static volatile uint32_t sink;
static int use_rte_acl = 1;  /* --no-rte-acl: 0 */

#ifdef UT_BENCH_RTE_ACL
RTE_ACL_RULE_DEF(acl_rule5, 5);

static const struct rte_acl_field_def acl_defs[5] = {
	{ .type = RTE_ACL_FIELD_TYPE_BITMASK, .size = 1, .field_index = 0,
	  .input_index = 0, .offset = 0 },
	{ .type = RTE_ACL_FIELD_TYPE_MASK, .size = 4, .field_index = 1,
	  .input_index = 1, .offset = 4 },
	{ .type = RTE_ACL_FIELD_TYPE_MASK, .size = 4, .field_index = 2,
	  .input_index = 2, .offset = 8 },
	{ .type = RTE_ACL_FIELD_TYPE_RANGE, .size = 2, .field_index = 3,
	  .input_index = 3, .offset = 12 },
	{ .type = RTE_ACL_FIELD_TYPE_RANGE, .size = 2, .field_index = 4,
	  .input_index = 3, .offset = 14 },
};

static unsigned
mask_len(uint32_t m)
{
	return (unsigned)__builtin_popcount(m);
}

/* acl_heap: the bytes allocated from DPDK's heap, where rte_acl keeps
 * its context and run-time tables */
static size_t
acl_heap(void)
{
	struct rte_malloc_socket_stats st;

	if (rte_malloc_get_socket_stats(0, &st) != 0)
		return 0;
	return st.heap_allocsz_bytes;
}

static struct rte_acl_ctx *
acl_build(const struct ut_cls_rule *rules, size_t n, double *build_s,
	  size_t *mem)
{
	static int seq;
	char name[32];
	struct rte_acl_param prm = { .name = name, .socket_id = 0,
				     .rule_size = RTE_ACL_RULE_SZ(5),
				     .max_rule_num = (uint32_t)n };
	struct rte_acl_config cfg = { .num_categories = 1, .num_fields = 5 };
	struct rte_acl_ctx *ctx;
	size_t heap0 = acl_heap();
	double t0;

	snprintf(name, sizeof(name), "bench%d", seq++);
	ctx = rte_acl_create(&prm);
	if (!ctx)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const struct ut_cls_rule *r = &rules[i];
		struct acl_rule5 a;

		memset(&a, 0, sizeof(a));
		a.data.category_mask = 1;
		a.data.priority = RTE_ACL_MAX_PRIORITY - (int32_t)i;
		a.data.userdata = (uint32_t)i + 1;
		a.field[0].value.u8 = (uint8_t)r->proto;
		a.field[0].mask_range.u8 = r->proto ? 0xff : 0;
		a.field[1].value.u32 = r->src;
		a.field[1].mask_range.u32 = mask_len(r->smsk);
		a.field[2].value.u32 = r->dst;
		a.field[2].mask_range.u32 = mask_len(r->dmsk);
		a.field[3].value.u16 = r->sport.given ? r->sport.lo[0] : 0;
		a.field[3].mask_range.u16 = r->sport.given ? r->sport.hi[0] :
					    65535;
		a.field[4].value.u16 = r->dport.given ? r->dport.lo[0] : 0;
		a.field[4].mask_range.u16 = r->dport.given ? r->dport.hi[0] :
					    65535;
		if (rte_acl_add_rules(ctx, (struct rte_acl_rule *)&a, 1) != 0)
			return NULL;
	}
	memcpy(cfg.defs, acl_defs, sizeof(acl_defs));
	t0 = now_s();
	if (rte_acl_build(ctx, &cfg) != 0)
		return NULL;
	*build_s = now_s() - t0;
	*mem = acl_heap() - heap0;
	return ctx;
}

static void
acl_bench(const char *set, const struct ut_cls_rule *rules, size_t n,
	  const struct trace_pkt *t, size_t nt, const uint32_t *want,
	  double seconds)
{
	static const struct {
		enum rte_acl_classify_alg alg;
		const char *name;
	} algs[] = {
		{ RTE_ACL_CLASSIFY_SCALAR, "scalar" },
		{ RTE_ACL_CLASSIFY_AVX2, "avx2" },
		{ RTE_ACL_CLASSIFY_AVX512X16, "avx512x16" },
		{ RTE_ACL_CLASSIFY_AVX512X32, "avx512x32" },
	};
	const uint8_t **data = malloc(nt * sizeof(*data));
	uint32_t *res = malloc(nt * sizeof(*res));
	double build_s = 0;
	size_t mem = 0, agree = 0;
	struct rte_acl_ctx *ctx;

	ctx = acl_build(rules, n, &build_s, &mem);
	if (!ctx || !data || !res) {
		printf("%-10s rte_acl: build failed\n", set);
		return;
	}
	for (size_t i = 0; i < nt; i++)
		data[i] = (const uint8_t *)t[i].nbo;
	for (size_t a = 0; a < sizeof(algs) / sizeof(algs[0]); a++) {
		double single, batch;

		if (rte_acl_set_ctx_classify(ctx, algs[a].alg) != 0)
			continue;
		single = TIMED(seconds, nt, {
			for (size_t i = 0; i < nt; i++)
				rte_acl_classify(ctx, &data[i], &res[i], 1, 1);
		});
		batch = TIMED(seconds, nt, {
			for (size_t i = 0; i < nt; i += 64)
				rte_acl_classify(ctx, &data[i], &res[i],
						 (uint32_t)(nt - i < 64 ?
							    nt - i : 64), 1);
		});
		agree = 0;
		for (size_t i = 0; i < nt; i++)
			agree += res[i] == want[i];
		printf("%-10s %7zu rte_acl %-9s  single %7.2f Mpps  batch64 "
		       "%7.2f Mpps  build %8.1f ms  memory %8.1f MB  "
		       "agree %zu/%zu\n", set, n, algs[a].name, single / 1e6,
		       batch / 1e6, build_s * 1e3, (double)mem / 1e6, agree,
		       nt);
	}
	rte_acl_free(ctx);
	free(data);
	free(res);
}
#endif

static void
bench_set(const char *dir, const char *set, size_t linear_max,
	  double seconds)
{
	char path[4096];
	struct ut_cls_rule *rules;
	struct trace_pkt *t;
	struct ut_cls *c;
	struct ut_err err;
	size_t n, nt, nl, agree = 0;
	uint32_t *want;
	double t0, build_s, lin, comp;
	size_t rss0, rss_delta;
	const struct ut_cls_key **keys;
	size_t *first, batch_agree[2] = { 0, 0 };
	double batch[2] = { 0, 0 };

	snprintf(path, sizeof(path), "%s/%s", dir, set);
	rules = load_rules(path, &n);
	snprintf(path, sizeof(path), "%s/%s_trace", dir, set);
	t = load_trace(path, &nt);
	if (!rules || !t || nt == 0) {
		printf("%-10s cannot read the set or its trace in %s\n", set,
		       dir);
		exit(1);
	}
	rss0 = rss_bytes();
	t0 = now_s();
	c = ut_cls_build(rules, n, NULL, 0, &err);
	build_s = now_s() - t0;
	rss_delta = rss_bytes() - rss0;
	if (!c) {
		printf("%-10s build: %s\n", set, err.msg);
		exit(1);
	}
	want = malloc(nt * sizeof(*want));
	for (size_t i = 0; i < nt; i++)
		want[i] = compiled_one(c, &t[i].key);
	nl = nt < linear_max ? nt : linear_max;
	for (size_t i = 0; i < nl; i++)
		agree += linear_one(rules, n, &t[i].key) == want[i];
	comp = TIMED(seconds, nt, {
		for (size_t i = 0; i < nt; i++)
			sink = compiled_one(c, &t[i].key);
	});
	keys = malloc(nt * sizeof(*keys));
	first = malloc(nt * sizeof(*first));
	if (!keys || !first)
		exit(1);
	for (size_t i = 0; i < nt; i++)
		keys[i] = &t[i].key;
	for (int m = UT_CLS_SCALAR; m <= UT_CLS_AVX2; m++) {
		if (!ut_cls_set_simd(c, (enum ut_cls_simd)m))
			continue;
		batch[m] = TIMED(seconds, nt, {
			for (size_t i = 0; i < nt; i += 64)
				ut_cls_first_batch(c, &keys[i], nt - i < 64 ?
						   nt - i : 64, &first[i]);
		});
		for (size_t i = 0; i < nt; i++)
			batch_agree[m] += (first[i] < n ? first[i] + 1 : 0) ==
					  want[i];
	}
	lin = TIMED(seconds, nl, {
		for (size_t i = 0; i < nl; i++)
			sink = linear_one(rules, n, &t[i].key);
	});
	printf("%-10s %7zu utables compiled  single %7.2f Mpps  build %8.1f "
	       "ms  memory %8.1f MB (rss %.1f MB)  agree with linear "
	       "%zu/%zu\n", set, n, comp / 1e6, build_s * 1e3,
	       (double)ut_cls_memory(c) / 1e6, (double)rss_delta / 1e6,
	       agree, nl);
	printf("%-10s %7zu utables compiled  batch64 scalar %7.2f Mpps, avx2 "
	       "%7.2f Mpps  agree %zu/%zu and %zu/%zu\n", set, n,
	       batch[0] / 1e6, batch[1] / 1e6, batch_agree[0], nt,
	       batch_agree[1], nt);
	printf("%-10s %7zu linear loop       single %7.3f Mpps (first %zu "
	       "packets)\n", set, n, lin / 1e6, nl);
	fflush(stdout);
#ifdef UT_BENCH_RTE_ACL
	if (use_rte_acl)
		acl_bench(set, rules, n, t, nt, want, seconds);
#endif
	if (n > 0)
		bench_updates(set, c, rules, n, t, nl, seconds);
	ut_cls_free(c);
	free(keys);
	free(first);
	free(want);
	free(rules);
	free(t);
}

int
main(int argc, char **argv)
{
	size_t linear_max = 20000;
	double seconds = 1.0;
	int i = 1;

	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (strcmp(argv[i], "--no-rte-acl") == 0) {
			use_rte_acl = 0;
			i--;
		} else if (strcmp(argv[i], "--linear-max") == 0)
			linear_max = strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--seconds") == 0)
			seconds = atof(argv[i + 1]);
		else
			break;
	}
	if (argc - i < 2) {
		fprintf(stderr, "usage: ut-bench-classify [--linear-max N] "
			"[--seconds S] [--no-rte-acl] DIR SET...\n");
		return 2;
	}
#ifdef UT_BENCH_RTE_ACL
	if (use_rte_acl) {
		char *eal[] = { "ut-bench-classify", "-l", "0", "--no-huge",
				"--no-pci", "--no-shconf", "-m", "4096", "--log-level",
				"lib.eal:error",
				"--force-max-simd-bitwidth=512", NULL };

		if (rte_eal_init(11, eal) < 0) {
			fprintf(stderr, "rte_eal_init failed\n");
			return 1;
		}
	}
#endif
	for (int s = i + 1; s < argc; s++)
		bench_set(argv[i], argv[s], linear_max, seconds);
	return 0;
}
