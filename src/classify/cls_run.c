/* cls_run.c: a lookup in a built classifier (the design: classify.h):
 * the packet's value of each group picks a bitmap; ut_cls_next
 * (classify.h, inline) ANDs them at the start word and ut_cls_scan
 * walks the summaries from there. Reads the classifier only. */
#include <immintrin.h>
#include <string.h>

#include "classify/classify.h"
#include "classify/cls_int.h"

/* group_key: the group's key for k; false: the packet does not have the
 * field whole (every rule passes) */
static bool
group_key(const struct ut_cls *c, const struct cls_group *g,
	  const struct ut_cls_key *k, size_t *key)
{
	switch ((enum cls_field)g->field) {
	case F_SADDR:
		*key = (k->saddr >> g->shift) & 0xff;
		return true;
	case F_DADDR:
		*key = (k->daddr >> g->shift) & 0xff;
		return true;
	case F_PROTO:
		*key = k->proto;
		return true;
	case F_FRAG:
		*key = k->isfrag;
		return true;
	case F_FLAGS:
		*key = k->flags;
		return k->has_flags;
	case F_SPORT:
		*key = k->sport;
		return k->has_ports;
	case F_DPORT:
		*key = k->dport;
		return k->has_ports;
	case F_ICMP:
		*key = k->icmp;
		return k->has_icmp;
	case F_IN:
		*key = (size_t)k->in;
		return k->in >= 0 && (size_t)k->in < c->n_devs;
	case F_OUT:
		*key = (size_t)k->out;
		return k->out >= 0 && (size_t)k->out < c->n_devs;
	}
	return false;
}

void
ut_cls_cursor_init(const struct ut_cls *c, const struct ut_cls_key *k,
		   struct ut_cls_cursor *cur)
{
	uint32_t wt[UT_CLS_MAX_GROUPS]; /* the weights of cur->bm */

	cur->n_rules = c->n_rules;
	cur->words = c->words;
	cur->sum_words = c->sum_words;
	cur->l2_words = c->l2_words;
	cur->avx2 = c->simd == UT_CLS_AVX2;
	cur->live = c->live;
	cur->rank0 = c->rank0;
	cur->n = 0;
	cur->empty = false;
	for (unsigned i = 0; i < c->n_groups; i++) {
		const struct cls_group *g = &c->groups[i];
		const uint64_t *bm;
		size_t key;
		uint32_t idx;

		if (!group_key(c, g, k, &key))
			continue;
		if (g->bounds)
			key = cls_range_key(g, key);
		idx = g->bucket[key];
		if (idx == c->ones)
			continue;
		bm = c->pool + (size_t)idx * c->stride;
		/* the sparsest first, the others in group order */
		{
			unsigned j = cur->n++;
			uint32_t wi = c->weight[idx];

			if (j && wi < wt[0]) {
				cur->bm[j] = cur->bm[0];
				wt[j] = wt[0];
				j = 0;
			}
			cur->bm[j] = bm;
			wt[j] = wi;
		}
	}
	/* a bitmap without a set word: no candidate at all */
	cur->empty = cur->n && wt[0] == 0;
}

/* ---- the summaries' walk ----------------------------------------------- */

/* and4_scalar: s[0..3] = the AND over the cursor's bitmaps of their words
 * at off..off+3; false when all four are zero */
static bool
and4_scalar(const struct ut_cls_cursor *cur, size_t off, uint64_t s[4])
{
	memcpy(s, cur->bm[0] + off, 4 * sizeof(*s));
	for (unsigned g = 1; g < cur->n; g++) {
		const uint64_t *b = cur->bm[g] + off;

		s[0] &= b[0];
		s[1] &= b[1];
		s[2] &= b[2];
		s[3] &= b[3];
		if (!(s[0] | s[1] | s[2] | s[3]))
			return false;
	}
	return s[0] | s[1] | s[2] | s[3];
}

/* and4_avx2: and4_scalar in one 256-bit AND a bitmap */
__attribute__((target("avx2"))) static bool
and4_avx2(const struct ut_cls_cursor *cur, size_t off, uint64_t s[4])
{
	__m256i acc = _mm256_loadu_si256((const __m256i *)(cur->bm[0] + off));

	for (unsigned g = 1; g < cur->n; g++) {
		acc = _mm256_and_si256(acc, _mm256_loadu_si256(
			(const __m256i *)(cur->bm[g] + off)));
		if (_mm256_testz_si256(acc, acc))
			return false;
	}
	_mm256_storeu_si256((__m256i *)s, acc);
	return !_mm256_testz_si256(acc, acc);
}

/* word_and: the AND of the cursor's bitmaps at rule word w (the
 * sparsest first: most zero words end after a load or two) */
static uint64_t
word_and(const struct ut_cls_cursor *cur, size_t w)
{
	uint64_t x = ~0ull;

	for (unsigned g = 0; g < cur->n && x; g++)
		x &= cur->bm[g][w];
	return x;
}

/* block_first: the first candidate in summary block b (summary words
 * 4b..4b+3) at or after rule word w; SIZE_MAX when none */
static size_t
block_first(const struct ut_cls_cursor *cur, size_t b, size_t w)
{
	uint64_t s[4];
	size_t sw0 = w >> 6;
	bool any = cur->avx2 ? and4_avx2(cur, cur->words + 4 * b, s) :
			       and4_scalar(cur, cur->words + 4 * b, s);

	if (!any)
		return SIZE_MAX;
	for (size_t k = 0; k < 4; k++) {
		size_t sw = 4 * b + k;

		if (sw < sw0)
			continue;
		if (sw == sw0)
			s[k] &= ~0ull << (w & 63);
		for (; s[k]; s[k] &= s[k] - 1) {
			size_t ww = (sw << 6) + (size_t)__builtin_ctzll(s[k]);
			uint64_t x = word_and(cur, ww);

			if (x)
				return (ww << 6) + (size_t)__builtin_ctzll(x);
		}
	}
	return SIZE_MAX;
}

size_t
ut_cls_scan(const struct ut_cls_cursor *cur, size_t w)
{
	size_t b0 = w >> 8, l2 = cur->words + cur->sum_words;

	if (w >= cur->words)
		return SIZE_MAX;
	for (size_t lw = b0 >> 6; lw < cur->l2_words; lw++) {
		uint64_t blocks = lw == b0 >> 6 ? ~0ull << (b0 & 63) : ~0ull;

		for (unsigned g = 0; g < cur->n && blocks; g++)
			blocks &= cur->bm[g][l2 + lw];
		for (; blocks; blocks &= blocks - 1) {
			size_t b = (lw << 6) + (size_t)__builtin_ctzll(blocks);
			size_t r = block_first(cur, b, w);

			if (r != SIZE_MAX)
				return r;
		}
	}
	return SIZE_MAX;
}

/* rank_of: the rule index of slot s (a slot in use) */
static size_t
rank_of(const struct ut_cls_cursor *cur, size_t s)
{
	uint64_t below = (1ull << (s & 63)) - 1;

	return cur->rank0[s >> 6] +
	       (size_t)__builtin_popcountll(cur->live[s >> 6] & below);
}

size_t
ut_cls_next_slots(const struct ut_cls_cursor *cur, size_t i)
{
	size_t s = cls_slot_of(cur->live, cur->rank0, cur->words, i);
	size_t w = s >> 6;
	uint64_t x = ~0ull << (s & 63);

	for (unsigned g = 0; g < cur->n && x; g++)
		x &= cur->bm[g][w];
	if (x)
		return rank_of(cur, (w << 6) + (size_t)__builtin_ctzll(x));
	s = ut_cls_scan(cur, w + 1);
	return s == SIZE_MAX ? cur->n_rules : rank_of(cur, s);
}

/* ---- batches ------------------------------------------------------------ */

/* prefetch_cursor: the lines a scan from rule 0 reads first: word 0,
 * the first summary words, the second level */
static void
prefetch_cursor(const struct ut_cls_cursor *cur)
{
	for (unsigned g = 0; g < cur->n; g++) {
		__builtin_prefetch(cur->bm[g]);
		__builtin_prefetch(cur->bm[g] + cur->words);
		__builtin_prefetch(cur->bm[g] + cur->words + cur->sum_words);
	}
}

void
ut_cls_first_batch(const struct ut_cls *c,
		   const struct ut_cls_key *const *keys, size_t n,
		   size_t *first)
{
	struct ut_cls_cursor cur[UT_CLS_BATCH];

	for (size_t at = 0; at < n; at += UT_CLS_BATCH) {
		size_t m = n - at < UT_CLS_BATCH ? n - at : UT_CLS_BATCH;

		for (size_t j = 0; j < m; j++) {
			ut_cls_cursor_init(c, keys[at + j], &cur[j]);
			prefetch_cursor(&cur[j]);
		}
		for (size_t j = 0; j < m; j++)
			first[at + j] = ut_cls_next(&cur[j], 0);
	}
}

bool
ut_cls_set_simd(struct ut_cls *c, enum ut_cls_simd m)
{
	if (m == UT_CLS_AVX2 && !__builtin_cpu_supports("avx2"))
		return false;
	c->simd = m;
	return true;
}

enum ut_cls_simd
ut_cls_simd_of(const struct ut_cls *c)
{
	return c->simd;
}
