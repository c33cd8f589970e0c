/* cls_update.c: changing a built classifier rule by rule (the design:
 * classify.h), without a rebuild.
 *
 * The first update spreads the rules out (spread: 48 rules in every 64
 * bits); from then on a bit is a slot, live says which slots hold a
 * rule and rank0 how many come before each word (lookups map slots to
 * rule indexes with them). An insert takes a free slot at its place,
 * moving the rules up to the next free slot one slot up in every bitmap
 * (move_up: usually within one word), and spreads again when there is
 * none; a delete clears its slot in every bitmap. The rule's own bit is
 * then set, group by group, in the bitmap of each key value
 * (set_rule_bit). Bitmaps are shared between
 * keys (the build stores equal ones once), so a bitmap is changed in
 * place only when every key that uses it changes alike; otherwise the
 * keys that change get a copy (one copy for all of them). Copies are not
 * merged back with equal bitmaps: a long series of updates holds more
 * memory than a build of the same rules.
 *
 * A rule that tests a field no rule tested before gets the field's group
 * (every key on pool[0], all rules); a port or ICMP range with a bound
 * that is not yet one splits the interval it falls in (both halves on
 * the old bitmap until the rule's bit tells them apart).
 */
#include <stdlib.h>
#include <string.h>

#include "classify/classify.h"
#include "classify/cls_int.h"

/* ---- the bits of one bitmap -------------------------------------------- */

static uint64_t *
bitmap(const struct ut_cls *c, uint32_t idx)
{
	return c->pool + (size_t)idx * c->stride;
}

static bool
bit_get(const uint64_t *bm, size_t i)
{
	return bm[i >> 6] >> (i & 63) & 1;
}

/* bit_put: bit i of pool bitmap idx = v, its summaries and weight kept */
static void
bit_put(struct ut_cls *c, uint32_t idx, size_t i, bool v)
{
	uint64_t *bm = bitmap(c, idx), *sum = bm + c->words;
	size_t w = i >> 6, s = w >> 6, blk = s >> 2;
	bool was = bm[w] != 0;

	if (v)
		bm[w] |= 1ull << (i & 63);
	else
		bm[w] &= ~(1ull << (i & 63));
	if (was == (bm[w] != 0))
		return;
	sum[s] ^= 1ull << (w & 63);
	c->weight[idx] += bm[w] ? 1 : (uint32_t)-1;
	if (sum[4 * blk] | sum[4 * blk + 1] | sum[4 * blk + 2] |
	    sum[4 * blk + 3])
		sum[c->sum_words + (blk >> 6)] |= 1ull << (blk & 63);
	else
		sum[c->sum_words + (blk >> 6)] &= ~(1ull << (blk & 63));
}

/* move_up: in every bitmap and in live, the slots from..to-1 move one
 * up (slot `to`, free, takes to-1; slot from: 0) */
static void
move_up_bits(uint64_t *bm, size_t from, size_t to)
{
	size_t wf = from >> 6, wt = to >> 6;
	uint64_t keep_lo = (1ull << (from & 63)) - 1;
	uint64_t keep_hi = (to & 63) == 63 ? 0 : ~0ull << ((to & 63) + 1);

	if (wf == wt) {
		uint64_t mid = bm[wf] & ~keep_lo & ~keep_hi;

		bm[wf] = (bm[wf] & (keep_lo | keep_hi)) |
			 ((mid << 1) & ~keep_hi);
		return;
	}
	bm[wt] = (bm[wt] & keep_hi) | ((bm[wt] << 1) & ~keep_hi) |
		 bm[wt - 1] >> 63;
	for (size_t w = wt - 1; w > wf; w--)
		bm[w] = bm[w] << 1 | bm[w - 1] >> 63;
	bm[wf] = (bm[wf] & keep_lo) | ((bm[wf] & ~keep_lo) << 1);
}

static void
move_up(struct ut_cls *c, size_t from, size_t to)
{
	size_t s0 = from >> 12, s1 = to >> 12;

	for (size_t k = 0; k < c->n_pool; k++) {
		uint64_t *bm = bitmap(c, (uint32_t)k);
		uint32_t w = c->weight[k];

		/* the weight: only the summary words of the range change */
		for (size_t s = s0; s <= s1; s++)
			w -= (uint32_t)__builtin_popcountll(bm[c->words + s]);
		move_up_bits(bm, from, to);
		ut_cls_summarize_range(c, bm, from >> 6, to >> 6);
		for (size_t s = s0; s <= s1; s++)
			w += (uint32_t)__builtin_popcountll(bm[c->words + s]);
		c->weight[k] = w;
	}
	move_up_bits(c->live, from, to);
}

/* ranks_from: rank0 again from word w on */
static void
ranks_from(struct ut_cls *c, size_t w)
{
	for (; w < c->words; w++)
		c->rank0[w + 1] = c->rank0[w] +
				  (uint32_t)__builtin_popcountll(c->live[w]);
}

/* ranks_fix: rank0 after live changed in words w0..w1 only, by delta
 * slots in all (the words after w1 are counted again by adding) */
static void
ranks_fix(struct ut_cls *c, size_t w0, size_t w1, int delta)
{
	size_t w = w0;

	for (; w <= w1; w++)
		c->rank0[w + 1] = c->rank0[w] +
				  (uint32_t)__builtin_popcountll(c->live[w]);
	for (w++; w <= c->words; w++)
		c->rank0[w] += (uint32_t)delta;
}

/* rules a word holds after spread(): the rest is room for inserts */
#define SPREAD_PER_WORD 48

/* spread: rule r to slot (r / 48) * 64 + r % 48 in every bitmap, one
 * word of room after the last; live and rank0 made. The first update
 * and an insert with no free slot after its place come here. */
static int
spread(struct ut_cls *c)
{
	struct ut_cls big = *c;
	size_t n = c->n_rules, words = n / SPREAD_PER_WORD + 1;
	uint64_t *pool, *live;
	uint32_t *rank0;

	ut_cls_layout(&big, words * 64);
	pool = calloc(c->cap_pool * big.stride, sizeof(*pool));
	live = calloc(big.words, sizeof(*live));
	rank0 = calloc(big.words + 1, sizeof(*rank0));
	if (!pool || !live || !rank0) {
		free(pool);
		free(live);
		free(rank0);
		return -1;
	}
	big.pool = pool;
	for (size_t k = 0; k < c->n_pool; k++) {
		const uint64_t *old = bitmap(c, (uint32_t)k);
		uint64_t *bm = pool + k * big.stride;
		size_t r = 0;

		for (size_t w = 0; w < c->words; w++) {
			uint64_t used = c->live ? c->live[w] :
					w < n / 64 ? ~0ull :
					w == n / 64 ? (1ull << (n & 63)) - 1 : 0;

			for (; used; used &= used - 1, r++) {
				size_t s = (r / SPREAD_PER_WORD) * 64 +
					   r % SPREAD_PER_WORD;

				if (old[w] >> __builtin_ctzll(used) & 1)
					bm[s >> 6] |= 1ull << (s & 63);
			}
		}
		ut_cls_summarize(&big, bm);
	}
	for (size_t r = 0; r < n; r++) {
		size_t s = (r / SPREAD_PER_WORD) * 64 + r % SPREAD_PER_WORD;

		live[s >> 6] |= 1ull << (s & 63);
	}
	free(c->pool);
	free(c->live);
	free(c->rank0);
	c->pool = pool;
	c->live = live;
	c->rank0 = rank0;
	c->words = big.words;
	c->sum_words = big.sum_words;
	c->l2_words = big.l2_words;
	c->stride = big.stride;
	for (size_t k = 0; k < c->n_pool; k++)
		c->weight[k] = ut_cls_weight(c, bitmap(c, (uint32_t)k));
	ranks_from(c, 0);
	return 0;
}

/* slot_of: the slot of rule i < n_rules */
static size_t
slot_of(const struct ut_cls *c, size_t i)
{
	return cls_slot_of(c->live, c->rank0, c->words, i);
}

/* free_after: the first free slot >= s; SIZE_MAX when none */
static size_t
free_after(const struct ut_cls *c, size_t s)
{
	for (size_t w = s >> 6; w < c->words; w++) {
		uint64_t x = ~c->live[w];

		if (w == s >> 6)
			x &= ~0ull << (s & 63);
		if (x)
			return (w << 6) + (size_t)__builtin_ctzll(x);
	}
	return SIZE_MAX;
}

/* slot_for_insert: a free slot between rule i-1 and rule i (rules from
 * i on moved up when none is), taken in live; SIZE_MAX on allocation
 * failure */
static size_t
slot_for_insert(struct ut_cls *c, size_t i)
{
	size_t p, f = SIZE_MAX;

	if ((!c->live && spread(c) < 0))
		return SIZE_MAX;
	p = i < c->n_rules ? slot_of(c, i) :
	    c->n_rules ? slot_of(c, c->n_rules - 1) + 1 : 0;
	if (p > 0 && !(c->live[(p - 1) >> 6] >> ((p - 1) & 63) & 1) &&
	    (i == 0 || slot_of(c, i - 1) < p - 1))
		p--;  /* a free slot just before rule i */
	else if ((f = free_after(c, p)) != SIZE_MAX) {
		if (f != p)
			move_up(c, p, f);
	} else {
		if (spread(c) < 0)
			return SIZE_MAX;
		return slot_for_insert(c, i);
	}
	c->live[p >> 6] |= 1ull << (p & 63);
	ranks_fix(c, p >> 6, f == SIZE_MAX ? p >> 6 : f >> 6, 1);
	return p;
}

/* ---- the pool ----------------------------------------------------------- */

/* pool_reserve: room for one more bitmap (and its weight and refs) */
static int
pool_reserve(struct ut_cls *c)
{
	size_t cap = c->cap_pool * 2;
	uint64_t *pool;
	uint32_t *weight, *refs;

	if (c->n_pool < c->cap_pool)
		return 0;
	pool = realloc(c->pool, cap * c->stride * sizeof(*pool));
	if (!pool)
		return -1;
	c->pool = pool;
	weight = realloc(c->weight, cap * sizeof(*weight));
	if (!weight)
		return -1;
	c->weight = weight;
	refs = realloc(c->refs, cap * sizeof(*refs));
	if (!refs)
		return -1;
	c->refs = refs;
	c->cap_pool = cap;
	return 0;
}

/* pool_copy: a new bitmap equal to idx, with no users; -1 on allocation
 * failure */
static long
pool_copy(struct ut_cls *c, uint32_t idx)
{
	uint32_t k;

	if (pool_reserve(c) < 0)
		return -1;
	k = (uint32_t)c->n_pool++;
	memcpy(bitmap(c, k), bitmap(c, idx), c->stride * sizeof(uint64_t));
	c->weight[k] = c->weight[idx];
	c->refs[k] = 0;
	return k;
}

/* ---- the groups --------------------------------------------------------- */

static bool
range_has(const struct ut_cls_range *rg, uint32_t v)
{
	if (!rg->given)
		return true;
	for (unsigned k = 0; k < rg->n; k++)
		if (v >= rg->lo[k] && v <= rg->hi[k])
			return true;
	return false;
}

/* key_passes: does r's test on g's part pass for key x (what the build's
 * bitmap for x holds for r) */
static bool
key_passes(const struct ut_cls *c, const struct cls_group *g,
	   const struct ut_cls_rule *r, size_t x)
{
	switch ((enum cls_field)g->field) {
	case F_SADDR:
		return (x & (r->smsk >> g->shift & 0xff)) ==
		       (r->src >> g->shift & 0xff);
	case F_DADDR:
		return (x & (r->dmsk >> g->shift & 0xff)) ==
		       (r->dst >> g->shift & 0xff);
	case F_PROTO:
		return !r->proto || cls_proto_passes(r, (unsigned)x);
	case F_FRAG:
		return !(r->frag || r->frag_inv) ||
		       cls_frag_passes(r, (unsigned)x);
	case F_FLAGS:
		return !r->flg_given || cls_flags_passes(r, (unsigned)x);
	case F_SPORT:
	case F_DPORT:
	case F_ICMP:
		return range_has(cls_range_of(r, (enum cls_field)g->field),
				 g->bounds[x]);
	case F_IN:
	case F_OUT: {
		bool out = g->field == F_OUT;
		const char *name = out ? r->out : r->in;
		bool inv = out ? r->out_inv : r->in_inv;

		if ((!name || !name[0]) && !inv)
			return true;
		if (!c->devs[x])
			return true;  /* no device has the index */
		return ut_cls_iface_matches(name, out ? r->out_wild :
					    r->in_wild, c->devs[x]) ^ inv;
	}
	}
	return true;
}

/* field_tested: does r test field f (byte `shift` of an address) */
static bool
field_tested(const struct ut_cls_rule *r, enum cls_field f, unsigned shift)
{
	switch (f) {
	case F_SADDR:
		return r->smsk >> shift & 0xff;
	case F_DADDR:
		return r->dmsk >> shift & 0xff;
	case F_PROTO:
		return r->proto != 0;
	case F_FRAG:
		return r->frag || r->frag_inv;
	case F_FLAGS:
		return r->flg_given;
	case F_SPORT:
	case F_DPORT:
	case F_ICMP:
		return cls_range_of(r, f)->given;
	case F_IN:
		return (r->in && r->in[0]) || r->in_inv;
	case F_OUT:
		return (r->out && r->out[0]) || r->out_inv;
	}
	return false;
}

static size_t
field_keys(const struct ut_cls *c, enum cls_field f)
{
	switch (f) {
	case F_FRAG:
		return 2;
	case F_IN:
	case F_OUT:
		return c->n_devs;
	case F_SPORT:
	case F_DPORT:
	case F_ICMP:
		return 1;
	default:
		return 256;
	}
}

/* group_get: c's group of field f (byte shift), made (every key on
 * pool[0]) when there is none; NULL on allocation failure */
static struct cls_group *
group_get(struct ut_cls *c, enum cls_field f, unsigned shift)
{
	struct cls_group *g;
	bool range = f == F_SPORT || f == F_DPORT || f == F_ICMP;

	for (unsigned k = 0; k < c->n_groups; k++)
		if (c->groups[k].field == f && c->groups[k].shift == shift)
			return &c->groups[k];
	g = &c->groups[c->n_groups];
	memset(g, 0, sizeof(*g));
	g->field = (uint8_t)f;
	g->shift = (uint8_t)shift;
	g->n_keys = field_keys(c, f);
	g->bucket = calloc(g->n_keys, sizeof(*g->bucket));
	if (range) {
		g->bounds = calloc(1, sizeof(*g->bounds));
		g->coarse = calloc(257, sizeof(*g->coarse));
	}
	if (!g->bucket || (range && (!g->bounds || !g->coarse))) {
		free(g->bucket);
		free(g->bounds);
		free(g->coarse);
		return NULL;
	}
	c->refs[c->ones] += (uint32_t)g->n_keys;
	c->n_groups++;
	return g;
}

/* range_split: make v (<= 65535) the first value of an interval of range
 * group g, the new interval on the bitmap of the one it is cut from */
static int
range_split(struct ut_cls *c, struct cls_group *g, uint32_t v)
{
	size_t k = cls_interval(g->bounds, g->n_keys, v);
	uint32_t *bounds, *bucket;

	if (g->bounds[k] == v)
		return 0;
	bounds = realloc(g->bounds, (g->n_keys + 1) * sizeof(*bounds));
	if (!bounds)
		return -1;
	g->bounds = bounds;
	bucket = realloc(g->bucket, (g->n_keys + 1) * sizeof(*bucket));
	if (!bucket)
		return -1;
	g->bucket = bucket;
	memmove(bounds + k + 2, bounds + k + 1,
		(g->n_keys - k - 1) * sizeof(*bounds));
	memmove(bucket + k + 2, bucket + k + 1,
		(g->n_keys - k - 1) * sizeof(*bucket));
	bounds[k + 1] = v;
	bucket[k + 1] = bucket[k];
	c->refs[bucket[k]]++;
	g->n_keys++;
	for (size_t h = 0; h < 256; h++)
		g->coarse[h] = (uint32_t)cls_interval(bounds, g->n_keys,
						      h << 8);
	g->coarse[256] = (uint32_t)(g->n_keys - 1);
	return 0;
}

/* groups_for: every group r tests exists, its range bounds cut */
static int
groups_for(struct ut_cls *c, const struct ut_cls_rule *r)
{
	static const enum cls_field small[] = { F_PROTO, F_FRAG, F_FLAGS,
						F_IN, F_OUT };

	for (unsigned s = 0; s < 32; s += 8)
		for (int d = 0; d < 2; d++)
			if (field_tested(r, d ? F_DADDR : F_SADDR, s) &&
			    !group_get(c, d ? F_DADDR : F_SADDR, s))
				return -1;
	for (size_t k = 0; k < sizeof(small) / sizeof(small[0]); k++)
		if (field_tested(r, small[k], 0) && !group_get(c, small[k], 0))
			return -1;
	for (int f = F_SPORT; f <= F_ICMP; f++) {
		const struct ut_cls_range *rg = cls_range_of(r, (enum cls_field)f);
		struct cls_group *g;

		if (!rg->given)
			continue;
		g = group_get(c, (enum cls_field)f, 0);
		if (!g)
			return -1;
		for (unsigned k = 0; k < rg->n; k++)
			if (range_split(c, g, rg->lo[k]) < 0 ||
			    (rg->hi[k] < UINT16_MAX &&
			     range_split(c, g, rg->hi[k] + 1u) < 0))
				return -1;
	}
	return 0;
}

/* set_rule_bit: bit i of every key of g = r's test for the key. A shared
 * bitmap changes in place when all its users are keys of g that change
 * (need == refs), else the keys that change move to one copy (remap,
 * index + 1). -1 on allocation failure. */
static int
set_rule_bit(struct ut_cls *c, struct cls_group *g, size_t i,
	     const struct ut_cls_rule *r)
{
	/* the keys' bitmaps are all below n_pool now: copies come after */
	uint32_t *need = calloc(c->n_pool, sizeof(*need));
	uint32_t *remap = calloc(c->n_pool, sizeof(*remap));
	int ret = need && remap ? 0 : -1;

	for (size_t x = 0; x < g->n_keys && ret == 0; x++) {
		uint32_t b = g->bucket[x];

		if (bit_get(bitmap(c, b), i) != key_passes(c, g, r, x))
			need[b]++;
	}
	for (size_t x = 0; x < g->n_keys && ret == 0; x++) {
		uint32_t b = g->bucket[x];
		bool want = key_passes(c, g, r, x);

		if (bit_get(bitmap(c, b), i) == want)
			continue;  /* right already, or changed in place */
		if (!remap[b]) {
			long k = b;

			if (b == c->ones || need[b] != c->refs[b])
				k = pool_copy(c, b);
			if (k < 0) {
				ret = -1;
				break;
			}
			bit_put(c, (uint32_t)k, i, want);
			remap[b] = (uint32_t)k + 1;
		}
		if (remap[b] - 1 != b) {
			g->bucket[x] = remap[b] - 1;
			c->refs[b]--;
			c->refs[remap[b] - 1]++;
		}
	}
	free(need);
	free(remap);
	return ret;
}

/* place_rule: rule r's bit i in every bitmap (pool[0]: set) */
static int
place_rule(struct ut_cls *c, size_t i, const struct ut_cls_rule *r,
	   struct ut_err *err)
{
	if (groups_for(c, r) < 0)
		return ut_err_set(err, 2, "out of memory (classifier update)");
	bit_put(c, c->ones, i, true);
	for (unsigned g = 0; g < c->n_groups; g++)
		if (set_rule_bit(c, &c->groups[g], i, r) < 0)
			return ut_err_set(err, 2,
					  "out of memory (classifier update)");
	return 0;
}

/* ---- the operations ----------------------------------------------------- */

int
ut_cls_insert(struct ut_cls *c, size_t i, const struct ut_cls_rule *r,
	      struct ut_err *err)
{
	size_t s;

	if (i > c->n_rules)
		return ut_err_set(err, 1, "classifier insert at %zu: the "
				  "chain has %zu rules", i, c->n_rules);
	s = slot_for_insert(c, i);
	if (s == SIZE_MAX)
		return ut_err_set(err, 2, "out of memory (classifier update)");
	c->n_rules++;
	return place_rule(c, s, r, err);
}

int
ut_cls_delete(struct ut_cls *c, size_t i, struct ut_err *err)
{
	size_t s;

	if (i >= c->n_rules)
		return ut_err_set(err, 1, "classifier delete of %zu: the "
				  "chain has %zu rules", i, c->n_rules);
	if (!c->live && spread(c) < 0)
		return ut_err_set(err, 2, "out of memory (classifier update)");
	s = slot_of(c, i);
	/* a free slot is 0 in every bitmap */
	for (size_t k = 0; k < c->n_pool; k++)
		bit_put(c, (uint32_t)k, s, false);
	c->live[s >> 6] &= ~(1ull << (s & 63));
	ranks_fix(c, s >> 6, s >> 6, -1);
	c->n_rules--;
	return 0;
}

int
ut_cls_replace(struct ut_cls *c, size_t i, const struct ut_cls_rule *r,
	       struct ut_err *err)
{
	if (i >= c->n_rules)
		return ut_err_set(err, 1, "classifier replace of %zu: the "
				  "chain has %zu rules", i, c->n_rules);
	if (!c->live && spread(c) < 0)
		return ut_err_set(err, 2, "out of memory (classifier update)");
	return place_rule(c, slot_of(c, i), r, err);
}

void
ut_cls_flush(struct ut_cls *c)
{
	for (unsigned g = 0; g < c->n_groups; g++) {
		free(c->groups[g].bucket);
		free(c->groups[g].bounds);
		free(c->groups[g].coarse);
	}
	c->n_groups = 0;
	c->n_rules = 0;
	c->n_pool = 1;  /* pool[0], now without a rule */
	memset(c->pool, 0, c->stride * sizeof(uint64_t));
	c->weight[0] = 0;
	c->refs[0] = 0;
	if (c->live) {
		memset(c->live, 0, c->words * sizeof(*c->live));
		memset(c->rank0, 0, (c->words + 1) * sizeof(*c->rank0));
	}
}

/* copy_array: *dst = a copy of the n elements of size sz at p (NULL
 * when p is); false on allocation failure */
static bool
copy_array(void *dst, const void *p, size_t n, size_t sz)
{
	void *q = NULL;

	if (p) {
		q = malloc(n ? n * sz : 1);
		if (!q)
			return false;
		memcpy(q, p, n * sz);
	}
	memcpy(dst, &q, sizeof(q));
	return true;
}

struct ut_cls *
ut_cls_copy(const struct ut_cls *c, struct ut_err *err)
{
	struct ut_cls *d = calloc(1, sizeof(*d));
	size_t np = c->n_pool;
	bool ok = d != NULL;

	if (d) {
		*d = *c;
		d->pool = NULL, d->weight = NULL, d->refs = NULL;
		d->devs = NULL, d->live = NULL, d->rank0 = NULL;
		d->n_groups = 0;
		d->cap_pool = np;
		ok = copy_array(&d->pool, c->pool, np * c->stride,
				sizeof(*c->pool)) &&
		     copy_array(&d->weight, c->weight, np,
				sizeof(*c->weight)) &&
		     copy_array(&d->refs, c->refs, np, sizeof(*c->refs)) &&
		     copy_array(&d->devs, c->devs, c->n_devs,
				sizeof(*c->devs)) &&
		     copy_array(&d->live, c->live, c->words,
				sizeof(*c->live)) &&
		     copy_array(&d->rank0, c->rank0, c->words + 1,
				sizeof(*c->rank0));
	}
	for (unsigned g = 0; ok && g < c->n_groups; g++) {
		const struct cls_group *s = &c->groups[g];
		struct cls_group *t = &d->groups[g];

		*t = *s;
		t->bucket = NULL, t->bounds = NULL, t->coarse = NULL;
		d->n_groups = g + 1;
		ok = copy_array(&t->bucket, s->bucket, s->n_keys,
				sizeof(*s->bucket)) &&
		     copy_array(&t->bounds, s->bounds, s->n_keys,
				sizeof(*s->bounds)) &&
		     copy_array(&t->coarse, s->coarse, 257,
				sizeof(*s->coarse));
	}
	if (!ok) {
		ut_cls_free(d);
		ut_err_set(err, 2, "out of memory (classifier copy)");
		return NULL;
	}
	return d;
}
