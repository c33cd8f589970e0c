/* cls_int.h: the classifier's layout, shared by cls_build.c and
 * cls_run.c only. */
#ifndef UT_CLASSIFY_CLS_INT_H
#define UT_CLASSIFY_CLS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "classify/classify.h"

/* the parts of a packet a group looks up */
enum cls_field {
	F_SADDR = 0,  /* one byte of it: cls_group.shift */
	F_DADDR,
	F_PROTO,
	F_FRAG,
	F_FLAGS,
	F_SPORT,
	F_DPORT,
	F_ICMP,
	F_IN,
	F_OUT,
};

/* one lookup group: a key value -> the pool index of its bitmap */
struct cls_group {
	uint8_t field;        /* enum cls_field */
	uint8_t shift;        /* address bytes: 24, 16, 8, 0 */
	size_t n_keys;        /* bucket entries (and bounds entries) */
	uint32_t *bucket;     /* owned */
	/* range fields: the first value of each elementary interval,
	 * ascending, bounds[0] == 0 (owned); NULL for the others */
	uint32_t *bounds;
	/* range fields: coarse[h] is the interval holding h << 8, h <=
	 * 256 (coarse[256] = n_keys - 1), so that a lookup searches only
	 * the intervals of its value's high byte (owned) */
	uint32_t *coarse;
};

/* cls_interval_in: the elementary interval of bounds[0..n) (ascending,
 * bounds[0] == 0) holding v, known to be in lo..hi-1: the last k with
 * bounds[k] <= v */
static inline size_t
cls_interval_in(const uint32_t *bounds, size_t lo, size_t hi, size_t v)
{
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (bounds[mid] <= v)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static inline size_t
cls_interval(const uint32_t *bounds, size_t n, size_t v)
{
	return cls_interval_in(bounds, 0, n, v);
}

/* cls_range_key: the interval of group g holding v (a range group) */
static inline size_t
cls_range_key(const struct cls_group *g, size_t v)
{
	return cls_interval_in(g->bounds, g->coarse[v >> 8],
			       (size_t)g->coarse[(v >> 8) + 1] + 1, v);
}

struct ut_cls {
	size_t n_rules;
	size_t words;         /* 64-bit rule words of a bitmap (>= 1) */
	size_t sum_words;     /* summary words after them (a multiple of 4) */
	size_t l2_words;      /* second-level words after those */
	size_t stride;        /* words + sum_words + l2_words */
	enum ut_cls_simd simd;
	size_t n_devs;        /* device keys of F_IN/F_OUT */
	/* the bitmaps, stride words each (owned); pool[ones]: all rules */
	uint64_t *pool;
	size_t n_pool, cap_pool;
	/* per bitmap (cap_pool entries): its words that are not zero (the
	 * cursor ANDs the sparsest first, so that a zero word is found with
	 * few loads); the group keys that use it (an update changes a
	 * bitmap in place only when all its users change alike) */
	uint32_t *weight;
	uint32_t *refs;
	/* NULL while bit i is rule i (as built); after the first update:
	 * the slots that hold a rule (words entries), and rank0[w] the
	 * slots with a rule in words below w (words + 1 entries) */
	uint64_t *live;
	uint32_t *rank0;
	/* the device names by index, as given to the build (the array is
	 * owned, the names borrowed: updates test interfaces against them) */
	const char **devs;
	uint32_t ones;
	struct cls_group groups[UT_CLS_MAX_GROUPS];
	unsigned n_groups;
};

/* the tests of a rule's small fields on a key value (build and update) */
static inline bool
cls_proto_passes(const struct ut_cls_rule *r, unsigned x)
{
	return (r->proto == x) ^ r->proto_inv;
}

static inline bool
cls_frag_passes(const struct ut_cls_rule *r, unsigned x)
{
	/* ip_packet_match: ((FRAG && !isfrag) ^ invfrag) fails */
	return !((r->frag && !x) ^ r->frag_inv);
}

static inline bool
cls_flags_passes(const struct ut_cls_rule *r, unsigned x)
{
	return ((x & r->flg_mask) == r->flg_cmp) ^ r->flg_inv;
}

static inline const struct ut_cls_range *
cls_range_of(const struct ut_cls_rule *r, enum cls_field f)
{
	return f == F_SPORT ? &r->sport : f == F_DPORT ? &r->dport : &r->icmp;
}

/* cls_slot_of: the slot of rule i, fewer than the rules that live
 * (words words) holds: rank0[w] counts those in the words below w */
static inline size_t
cls_slot_of(const uint64_t *live, const uint32_t *rank0, size_t words,
	    size_t i)
{
	size_t lo = 0, hi = words;  /* rank0[lo] <= i < rank0[hi] */
	uint64_t x;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (rank0[mid] <= i)
			lo = mid;
		else
			hi = mid;
	}
	x = live[lo];
	for (size_t k = i - rank0[lo]; k > 0; k--)
		x &= x - 1;
	return (lo << 6) + (size_t)__builtin_ctzll(x);
}

/* cls_layout: c's word counts and stride for n rules */
void ut_cls_layout(struct ut_cls *c, size_t n);
/* cls_summarize: the summary and second-level words of bitmap bm (a
 * pool entry of c) from its rule words */
void ut_cls_summarize(const struct ut_cls *c, uint64_t *bm);
/* cls_summarize_range: the same when only rule words w0..w1 changed */
void ut_cls_summarize_range(const struct ut_cls *c, uint64_t *bm, size_t w0,
			    size_t w1);
/* cls_weight: the non-zero rule words of bitmap bm */
uint32_t ut_cls_weight(const struct ut_cls *c, const uint64_t *bm);

#endif
