/* classify_test.c: the compiled classifier (src/classify) against its
 * rule-by-rule reference (ut_cls_rule_passes) on random rule sets x
 * random packets, seeded; sizes on both sides of the 64-rule word and of
 * a summary word (4096 rules). The engine-level comparison with the
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
	for (unsigned q = 0; c && q < keys; q++) {
		struct ut_cls_key k;
		size_t at;

		gen_key(g, &k);
		at = cls_gen_check(g, c, rules, n, &k);
		CHECK(at == (size_t)-1, "case %u (%zu rules), packet %u: "
		      "next(%zu) differs from the reference", seed_case, n,
		      q, at);
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
					4097, 9000 };
	uint64_t seed = 0x5eed1234abcdull;
	struct cls_gen g = { xorshift_draw, &seed };

	check_range_set();
	for (unsigned s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		check_set(&g, sizes[s], sizes[s] > 1000 ? 60 : 400, s);
	/* many small sets: the rare combinations */
	for (unsigned s = 0; s < 300; s++)
		check_set(&g, 1 + gen_u(&g, 40), 50, 100 + s);
}
