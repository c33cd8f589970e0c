/* classify_test.c: the compiled classifier (src/classify) against its
 * rule-by-rule reference (ut_cls_rule_passes) on random rule sets x
 * random packets, seeded; sizes on both sides of the 64-rule word, of
 * a summary word (4096 rules) and of a block of four (16384); every way
 * of ANDing the summaries, batched lookups, and incremental updates
 * (random inserts, deletes, replaces, flushes: the changed classifier
 * against the reference and a new build). The engine-level comparison with the
 * linear walk is tests/classify/run.py; the kernel's is tests/kernel. */
#include <stdlib.h>

#include "classify_gen.h"
#include "unit.h"

static uint32_t
xorshift_draw(void *ctx, uint32_t n)
{
	uint64_t *s = ctx;

	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (uint32_t)((*s >> 11) % n);
}

/* check_keys: nk random packets through c, every way of ANDing and in
 * batches, against the reference */
static void
check_keys(struct cls_gen *g, struct ut_cls *c,
	   const struct ut_cls_rule *rules, size_t n, unsigned nk,
	   unsigned seed_case)
{
	struct ut_cls_key *keys = calloc(nk ? nk : 1, sizeof(*keys));
	size_t at;

	CHECK(keys != NULL, "calloc");
	if (!keys)
		return;
	for (unsigned q = 0; q < nk; q++)
		gen_key(g, &keys[q]);
	at = cls_gen_check_all(g, c, rules, n, keys, nk);
	CHECK(at == (size_t)-1, "case %u (%zu rules): index %zu differs from "
	      "the reference", seed_case, n, at);
	free(keys);
}

static void
check_set(struct cls_gen *g, size_t n, unsigned keys, unsigned seed_case)
{
	struct ut_cls_rule *rules = calloc(n ? n : 1, sizeof(*rules));
	struct ut_cls *c;
	struct ut_err err;

	CHECK(rules != NULL, "calloc");
	if (!rules)
		return;
	for (size_t i = 0; i < n; i++)
		gen_rule(g, &rules[i]);
	c = ut_cls_build(rules, n, cls_gen_devs, CLS_GEN_N_DEVS, &err);
	CHECK(c != NULL, "case %u: build: %s", seed_case, err.msg);
	if (c)
		check_keys(g, c, rules, n, keys, seed_case);
	ut_cls_free(c);
	free(rules);
}

/* check_updates: a classifier built from n0 random rules, then changed
 * by ops random inserts, deletes, replaces and flushes; after each
 * change (every 16th on big sets) its answers must be the reference's
 * for the changed rules and a new build's */
static void
check_updates(struct cls_gen *g, size_t n0, unsigned ops, unsigned seed_case)
{
	size_t cap = n0 + ops + 1, n = n0;
	struct ut_cls_rule *rules = calloc(cap, sizeof(*rules));
	struct ut_cls *c;
	struct ut_err err;

	CHECK(rules != NULL, "calloc");
	if (!rules)
		return;
	for (size_t i = 0; i < n; i++)
		gen_rule(g, &rules[i]);
	c = ut_cls_build(rules, n, cls_gen_devs, CLS_GEN_N_DEVS, &err);
	CHECK(c != NULL, "case %u: build: %s", seed_case, err.msg);
	for (unsigned op = 0; c && op < ops; op++) {
		struct ut_cls *fresh;
		bool ok = cls_gen_update(g, c, rules, &n, cap, &err) == 0;

		CHECK(ok, "case %u, change %u: %s", seed_case, op, err.msg);
		if (!ok)
			break;
		CHECK(ut_cls_n_rules(c) == n, "case %u, change %u: %zu rules, "
		      "want %zu", seed_case, op, ut_cls_n_rules(c), n);
		if (n0 > 1000 && op % 16 != 15)
			continue;
		fresh = ut_cls_build(rules, n, cls_gen_devs, CLS_GEN_N_DEVS,
				     &err);
		for (unsigned q = 0; fresh && q < 20; q++) {
			struct ut_cls_key k;
			struct ut_cls_cursor a, b;
			size_t at;

			gen_key(g, &k);
			at = cls_gen_check(g, c, rules, n, &k);
			CHECK(at == (size_t)-1, "case %u (%zu rules), change "
			      "%u, packet %u: next(%zu) differs from the "
			      "reference", seed_case, n, op, q, at);
			ut_cls_cursor_init(c, &k, &a);
			ut_cls_cursor_init(fresh, &k, &b);
			for (size_t i = 0; i <= n; i += 1 + n / 8)
				CHECK(ut_cls_next(&a, i) == ut_cls_next(&b, i),
				      "case %u, change %u, packet %u: next(%zu)"
				      " differs from a new build's", seed_case,
				      op, q, i);
		}
		ut_cls_free(fresh);
	}
	ut_cls_free(c);
	free(rules);
}

/* ranges: the complement of a range, both edges */
static void
check_range_set(void)
{
	struct ut_cls_range r;

	ut_cls_range_set(&r, 0, 65535, true);
	CHECK(r.given && r.n == 0, "!0:65535 is empty");
	ut_cls_range_set(&r, 0, 79, true);
	CHECK(r.n == 1 && r.lo[0] == 80 && r.hi[0] == 65535, "!0:79");
	ut_cls_range_set(&r, 80, 80, true);
	CHECK(r.n == 2 && r.hi[0] == 79 && r.lo[1] == 81, "!80");
}

void
test_classify(void)
{
	static const size_t sizes[] = { 0, 1, 2, 63, 64, 65, 200, 4095,
					4097, 9000, 17000 };
	uint64_t seed = 0x5eed1234abcdull;
	struct cls_gen g = { xorshift_draw, &seed };

	check_range_set();
	for (unsigned s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		check_set(&g, sizes[s], sizes[s] > 1000 ? 60 : 400, s);
	/* many small sets: the rare combinations */
	for (unsigned s = 0; s < 300; s++)
		check_set(&g, 1 + gen_u(&g, 40), 50, 100 + s);
	/* incremental updates: small sets crossing the 64-rule words (and
	 * growing past their room), one past a summary word */
	for (unsigned s = 0; s < 40; s++)
		check_updates(&g, gen_u(&g, 70), 150, 1000 + s);
	check_updates(&g, 4090, 64, 2000);
}
