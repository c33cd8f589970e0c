/* classify_test.c: the compiled classifier (src/classify) against its
 * rule-by-rule reference (ut_cls_rule_passes) on random rule sets x
 * random packets, seeded; sizes on both sides of the 64-rule word, of
 * a summary word (4096 rules) and of a block of four (16384); every way
 * of ANDing the summaries, batched lookups, and incremental updates
 * (random inserts, deletes, replaces, flushes: the changed classifier
 * against the reference and a new build). The engine-level comparison with the
 * linear walk is tests/classify/run.py; the kernel's is tests/kernel. */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
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

static void check_live(struct cls_gen *g);

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
	check_live(&g);
}

/* ---- the live classifier: lookups during swaps --------------------------- */

/* Version v of the rule set is the first live_size(v) rules of one
 * random list, so a reader can tell from the classifier it got which
 * rules its answers must come from. */
#define LIVE_RULES 300
#define LIVE_SWAPS 200

struct live_test {
	struct ut_cls_live *live;
	struct ut_cls_rule rules[LIVE_RULES];
	struct ut_cls_key keys[64];
	atomic_bool done;
	atomic_uint lookups, wrong;
};

static size_t
live_size(unsigned v)
{
	return 1 + (size_t)v * 37 % LIVE_RULES;
}

static void *
live_reader(void *arg)
{
	struct live_test *t = arg;
	int me = ut_cls_live_join(t->live);
	unsigned q = 0;

	if (me < 0) {
		atomic_fetch_add(&t->wrong, 1);
		return NULL;
	}
	while (!atomic_load(&t->done)) {
		const struct ut_cls_key *k = &t->keys[q++ % 64];
		const struct ut_cls *c = ut_cls_live_enter(t->live, me);
		size_t n = ut_cls_n_rules(c), got;
		struct ut_cls_cursor cur;

		ut_cls_cursor_init(c, k, &cur);
		got = ut_cls_next(&cur, 0);
		ut_cls_live_exit(t->live, me);
		if (got != cls_gen_first(t->rules, n, k))
			atomic_fetch_add(&t->wrong, 1);
		atomic_fetch_add(&t->lookups, 1);
	}
	ut_cls_live_part(t->live, me);
	return NULL;
}

/* two readers look up all the time while the writer swaps LIVE_SWAPS
 * versions in (new builds, and copies of the live one changed by
 * inserts and deletes); every answer must be its version's (under ASan, a
 * classifier freed while a reader used it is a use after free) */
static void
check_live(struct cls_gen *g)
{
	struct live_test *t = calloc(1, sizeof(*t));
	pthread_t th[2];
	struct ut_err err;
	unsigned lookups_at_start;

	CHECK(t != NULL, "calloc");
	if (!t)
		return;
	for (size_t i = 0; i < LIVE_RULES; i++)
		gen_rule(g, &t->rules[i]);
	for (size_t q = 0; q < 64; q++)
		gen_key(g, &t->keys[q]);
	t->live = ut_cls_live_new(ut_cls_build(t->rules, live_size(0),
					       cls_gen_devs, CLS_GEN_N_DEVS,
					       &err), &err);
	CHECK(t->live != NULL, "live: %s", err.msg);
	if (!t->live) {
		free(t);
		return;
	}
	for (int r = 0; r < 2; r++)
		CHECK(pthread_create(&th[r], NULL, live_reader, t) == 0,
		      "pthread_create");
	lookups_at_start = atomic_load(&t->lookups);
	for (unsigned v = 1; v <= LIVE_SWAPS; v++) {
		struct ut_cls *next = ut_cls_build(t->rules, live_size(v),
						   cls_gen_devs,
						   CLS_GEN_N_DEVS, &err);

		/* every other version: the live one copied and updated to
		 * the new size (the writer's way of changing a live set) */
		if (next && v % 2 == 0) {
			int me = ut_cls_live_join(t->live);
			const struct ut_cls *now = ut_cls_live_enter(t->live,
								     me);
			size_t n = ut_cls_n_rules(now);

			ut_cls_free(next);
			next = ut_cls_copy(now, &err);
			ut_cls_live_exit(t->live, me);
			ut_cls_live_part(t->live, me);
			while (next && n < live_size(v) &&
			       ut_cls_insert(next, n, &t->rules[n], &err) == 0)
				n++;
			while (next && n > live_size(v) &&
			       ut_cls_delete(next, n - 1, &err) == 0)
				n--;
			CHECK(next && n == live_size(v), "copy and update: %s",
			      err.msg);
		}

		CHECK(next != NULL, "build: %s", err.msg);
		if (next)
			ut_cls_live_swap(t->live, next);
	}
	/* the readers had the swaps to look up in: at least some lookups
	 * ran across them (the count is not a timing: any one will do) */
	while (atomic_load(&t->lookups) < lookups_at_start + 100)
		sched_yield();
	atomic_store(&t->done, true);
	for (int r = 0; r < 2; r++)
		pthread_join(th[r], NULL);
	CHECK(atomic_load(&t->wrong) == 0, "live: %u of %u lookups wrong",
	      atomic_load(&t->wrong), atomic_load(&t->lookups));
	{
		int me = ut_cls_live_join(t->live);

		CHECK(me >= 0 && ut_cls_n_rules(ut_cls_live_enter(t->live, me))
		      == live_size(LIVE_SWAPS), "live: the last version is "
		      "the live one");
		if (me >= 0)
			ut_cls_live_exit(t->live, me);
	}
	ut_cls_live_free(t->live);
	free(t);
}
