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
};

/* cls_interval: the elementary interval of bounds[0..n) (ascending,
 * bounds[0] == 0) holding v: the last k with bounds[k] <= v */
static inline size_t
cls_interval(const uint32_t *bounds, size_t n, size_t v)
{
	size_t lo = 0, hi = n;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (bounds[mid] <= v)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

struct ut_cls {
	size_t n_rules;
	size_t words;         /* 64-bit words of a bitmap (>= 1) */
	size_t sum_words;     /* summary words after it */
	size_t stride;        /* words + sum_words */
	size_t n_devs;        /* device keys of F_IN/F_OUT */
	/* the bitmaps, stride words each (owned); pool[ones]: all rules */
	uint64_t *pool;
	size_t n_pool;
	/* per bitmap: its words that are not zero (the cursor ANDs the
	 * sparsest first, so that a zero word is found with few loads) */
	uint32_t *weight;
	uint32_t ones;
	struct cls_group groups[UT_CLS_MAX_GROUPS];
	unsigned n_groups;
};

#endif
