/* fuzz_classify.c: libFuzzer target for the compiled classifier.
 *
 * The input is the source of every choice of tests/unit/classify_gen.h:
 * byte 0 the number of rules (times 8 when its top bit is set, so sets
 * past one 64-rule word and past a summary word come up), then the
 * rules' header parts and the packets, each drawn from the following
 * bytes (0 once they run out). For every packet, the candidates the
 * classifier offers from every start index must be exactly the rules
 * ut_cls_rule_passes accepts one by one; a difference aborts with the
 * rule index. Every way of ANDing the summaries the CPU has and the
 * batched lookup are checked alike. Then a few changes through the
 * update API (inserts, deletes, replaces, flushes, drawn from the bytes
 * left) and the packets again, against the changed rules. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../tests/unit/classify_gen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct bytes {
	const uint8_t *p;
	size_t n, at;
};

/* bytes_draw: the next bytes as a number below n (two bytes when n is
 * above 256) */
static uint32_t
bytes_draw(void *ctx, uint32_t n)
{
	struct bytes *b = ctx;
	uint32_t v = 0;

	for (int k = 0; k < (n > 256 ? 2 : 1); k++)
		v = v << 8 | (b->at < b->n ? b->p[b->at++] : 0);
	return v % n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bytes b = { data, size, 0 };
	struct cls_gen g = { bytes_draw, &b };
	struct ut_cls_rule *rules;
	struct ut_cls *c;
	struct ut_err err;
	struct ut_cls_key keys[64];
	size_t n, nk = 0, cap, at;

	if (size == 0)
		return 0;
	n = data[0] & 0x7f;
	if (data[0] & 0x80)
		n *= 8;
	b.at = 1;
	cap = n + 8;
	rules = calloc(cap, sizeof(*rules));
	if (!rules)
		return 0;
	for (size_t i = 0; i < n; i++)
		gen_rule(&g, &rules[i]);
	c = ut_cls_build(rules, n, cls_gen_devs, CLS_GEN_N_DEVS, &err);
	if (!c) {
		free(rules);
		return 0;
	}
	/* at least one packet, then one for each 16 bytes left */
	do
		gen_key(&g, &keys[nk++]);
	while (nk < 64 && b.at + 16 <= b.n);
	at = cls_gen_check_all(&g, c, rules, n, keys, nk);
	if (at != (size_t)-1) {
		fprintf(stderr, "fuzz_classify: %zu rules: index %zu differs "
			"from ut_cls_rule_passes\n", n, at);
		abort();
	}
	for (unsigned op = 0; op < 8 && b.at < b.n; op++) {
		if (cls_gen_update(&g, c, rules, &n, cap, &err) < 0) {
			fprintf(stderr, "fuzz_classify: update: %s\n",
				err.msg);
			abort();
		}
		at = cls_gen_check_all(&g, c, rules, n, keys, nk);
		if (at != (size_t)-1) {
			fprintf(stderr, "fuzz_classify: %zu rules after %u "
				"changes: index %zu differs from "
				"ut_cls_rule_passes\n", n, op + 1, at);
			abort();
		}
	}
	ut_cls_free(c);
	free(rules);
	return 0;
}
