/* cls_build.c: building a chain's classifier (the design: classify.h).
 *
 * Building runs group by group: every rule's test on the group's part
 * of the packet is evaluated for each value the group can take (256 for
 * a byte, one per device, one per elementary interval of a port field),
 * giving one bitmap per value; rules that do not test the part go into
 * a "wild" bitmap ORed into all of them. The bitmaps are then stored
 * once each in a pool (dedup by content), followed by their summary
 * words. Groups no rule tests are not built at all.
 *
 * Ownership: a struct ut_cls owns its pool and group tables; the rules
 * and device names are read during ut_cls_build only.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "classify/classify.h"
#include "classify/cls_int.h"
#include "rules/ext.h"
#include "rules/ruleset.h"

/* ---- what the IR says ----------------------------------------------- */

void
ut_cls_range_set(struct ut_cls_range *r, uint16_t lo, uint16_t hi,
		 bool invert)
{
	r->given = true;
	r->n = 0;
	if (!invert) {
		r->lo[0] = lo;
		r->hi[0] = hi;
		r->n = 1;
		return;
	}
	if (lo > 0) {
		r->lo[r->n] = 0;
		r->hi[r->n++] = (uint16_t)(lo - 1);
	}
	if (hi < UINT16_MAX) {
		r->lo[r->n] = (uint16_t)(hi + 1);
		r->hi[r->n++] = UINT16_MAX;
	}
}

bool
ut_cls_iface_matches(const char *rule_name, bool wild, const char *dev_name)
{
	size_t n = rule_name ? strnlen(rule_name, UT_IFNAMSIZ) : 0;

	if (n == 0)
		return true;
	if (wild)
		return strncmp(dev_name, rule_name, n - 1) == 0;
	return strncmp(dev_name, rule_name, UT_IFNAMSIZ) == 0;
}

void
ut_cls_rule_from(const struct ut_rule *r, struct ut_cls_rule *out)
{
	const struct ut_ipt_ip *ip = &r->ip;

	memset(out, 0, sizeof(*out));
	if (!(ip->invflags & UT_INV_SRCIP)) {
		out->smsk = ntohl(ip->smsk);
		out->src = ntohl(ip->src) & out->smsk;
		/* ip_packet_match compares the masked address with the
		 * rule's as stored: a stored address with bits outside
		 * its mask never matches */
		if (out->src != ntohl(ip->src))
			out->smsk = 0, out->src = 0;
	}
	if (!(ip->invflags & UT_INV_DSTIP)) {
		out->dmsk = ntohl(ip->dmsk);
		out->dst = ntohl(ip->dst) & out->dmsk;
		if (out->dst != ntohl(ip->dst))
			out->dmsk = 0, out->dst = 0;
	}
	out->proto = ip->proto;
	out->proto_inv = ip->proto && (ip->invflags & UT_INV_PROTO);
	out->in = ip->iniface;
	out->in_wild = ip->iniface_wild;
	out->in_inv = ip->invflags & UT_INV_VIA_IN;
	out->out = ip->outiface;
	out->out_wild = ip->outiface_wild;
	out->out_inv = ip->invflags & UT_INV_VIA_OUT;
	out->frag = ip->flags & UT_IPT_F_FRAG;
	out->frag_inv = ip->invflags & UT_INV_FRAG;
	/* the leading classifiable matches; an extension bound to a
	 * protocol contributes only when the rule tests that protocol
	 * (what commit checks; a rule set not checked is not trusted) */
	for (size_t m = 0; m < r->n_matches; m++) {
		const struct ut_ext *x = r->matches[m].ext;

		if (!x->classify)
			break;
		if (x->proto && (ip->proto != x->proto || out->proto_inv))
			break;
		x->classify(r->matches[m].data, out);
	}
}

/* ---- the layout of a bitmap ------------------------------------------ */

void
ut_cls_layout(struct ut_cls *c, size_t n)
{
	c->n_rules = n;
	c->words = n ? (n + 63) / 64 : 1;
	c->sum_words = ((c->words + 63) / 64 + 3) & ~(size_t)3;
	c->l2_words = (c->sum_words / 4 + 63) / 64;
	c->stride = c->words + c->sum_words + c->l2_words;
}

void
ut_cls_summarize_range(const struct ut_cls *c, uint64_t *bm, size_t w0,
		       size_t w1)
{
	uint64_t *sum = bm + c->words, *l2 = sum + c->sum_words;

	for (size_t w = w0; w <= w1 && w < c->words; w++)
		sum[w >> 6] = (sum[w >> 6] & ~(1ull << (w & 63))) |
			      (uint64_t)(bm[w] != 0) << (w & 63);
	for (size_t b = w0 >> 8; b <= w1 >> 8 && 4 * b < c->sum_words; b++) {
		uint64_t any = sum[4 * b] | sum[4 * b + 1] | sum[4 * b + 2] |
			       sum[4 * b + 3];

		l2[b >> 6] = (l2[b >> 6] & ~(1ull << (b & 63))) |
			     (uint64_t)(any != 0) << (b & 63);
	}
}

void
ut_cls_summarize(const struct ut_cls *c, uint64_t *bm)
{
	memset(bm + c->words, 0, (c->sum_words + c->l2_words) *
	       sizeof(*bm));
	ut_cls_summarize_range(c, bm, 0, c->words - 1);
}

uint32_t
ut_cls_weight(const struct ut_cls *c, const uint64_t *bm)
{
	uint32_t w = 0;

	for (size_t s = 0; s < c->sum_words; s++)
		w += (uint32_t)__builtin_popcountll(bm[c->words + s]);
	return w;
}

/* ---- the bitmaps while building ---------------------------------------- */

/* build-time state of one group: one bitmap per key value, plus the
 * rules that do not test the group */
struct grp_tmp {
	size_t n_keys;
	uint64_t *bits;    /* n_keys bitmaps of words words */
	uint64_t *wild;
	size_t tested;     /* rules that test the group */
};

struct builder {
	struct ut_cls *c;
	size_t words;
	/* pool dedup: open addressing over bitmap indexes (+1, 0 empty) */
	uint32_t *slots;
	size_t cap_slots, n_pool, cap_pool;
};

static void
bit_set(uint64_t *bm, size_t i)
{
	bm[i >> 6] |= 1ull << (i & 63);
}

static void
bit_flip(uint64_t *bm, size_t i)
{
	bm[i >> 6] ^= 1ull << (i & 63);
}

static int
grp_tmp_init(struct grp_tmp *t, size_t n_keys, size_t words)
{
	t->n_keys = n_keys;
	t->tested = 0;
	t->bits = calloc(n_keys * words, sizeof(uint64_t));
	t->wild = calloc(words, sizeof(uint64_t));
	return t->bits && t->wild ? 0 : -1;
}

static void
grp_tmp_fini(struct grp_tmp *t)
{
	free(t->bits);
	free(t->wild);
}

static uint64_t
bitmap_hash(const uint64_t *bm, size_t words)
{
	uint64_t h = 0x9e3779b97f4a7c15ull;

	for (size_t i = 0; i < words; i++)
		h = (h ^ bm[i]) * 0xff51afd7ed558ccdull, h ^= h >> 29;
	return h;
}

/* pool_grow_slots: the dedup table at twice the size */
static int
pool_grow_slots(struct builder *b)
{
	size_t cap = b->cap_slots ? b->cap_slots * 2 : 256;
	uint32_t *slots = calloc(cap, sizeof(*slots));
	struct ut_cls *c = b->c;

	if (!slots)
		return -1;
	for (size_t k = 0; k < b->n_pool; k++) {
		size_t h = bitmap_hash(c->pool + k * c->stride, b->words);

		for (h &= cap - 1; slots[h]; h = (h + 1) & (cap - 1))
			;
		slots[h] = (uint32_t)k + 1;
	}
	free(b->slots);
	b->slots = slots;
	b->cap_slots = cap;
	return 0;
}

/* pool_add: the pool index of bitmap bm (words words), added with its
 * summary if new; -1 on allocation failure */
static long
pool_add(struct builder *b, const uint64_t *bm)
{
	struct ut_cls *c = b->c;
	size_t h;
	uint64_t *dst;

	if (2 * (b->n_pool + 1) > b->cap_slots && pool_grow_slots(b) < 0)
		return -1;
	h = bitmap_hash(bm, b->words);
	for (h &= b->cap_slots - 1; b->slots[h];
	     h = (h + 1) & (b->cap_slots - 1)) {
		size_t k = b->slots[h] - 1;

		if (memcmp(c->pool + k * c->stride, bm,
			   b->words * sizeof(*bm)) == 0)
			return (long)k;
	}
	if (b->n_pool == b->cap_pool) {
		size_t cap = b->cap_pool ? b->cap_pool * 2 : 16;
		uint64_t *pool = realloc(c->pool,
					 cap * c->stride * sizeof(*pool));

		if (!pool)
			return -1;
		c->pool = pool;
		b->cap_pool = cap;
	}
	dst = c->pool + b->n_pool * c->stride;
	memcpy(dst, bm, b->words * sizeof(*bm));
	ut_cls_summarize(c, dst);
	b->slots[h] = (uint32_t)b->n_pool + 1;
	return (long)b->n_pool++;
}

/* grp_commit: store the group's bitmaps (wild ORed in) in the pool and
 * its key -> bitmap table; a group no rule tests is dropped */
static int
grp_commit(struct builder *b, struct grp_tmp *t, struct cls_group *g)
{
	struct ut_cls *c = b->c;

	if (t->tested == 0)
		return 0;
	g->bucket = malloc(t->n_keys * sizeof(*g->bucket));
	if (!g->bucket)
		return -1;
	g->n_keys = t->n_keys;
	for (size_t k = 0; k < t->n_keys; k++) {
		uint64_t *bm = t->bits + k * b->words;
		long idx;

		for (size_t w = 0; w < b->words; w++)
			bm[w] |= t->wild[w];
		idx = pool_add(b, bm);
		if (idx < 0) {
			free(g->bucket);
			return -1;
		}
		g->bucket[k] = (uint32_t)idx;
	}
	c->groups[c->n_groups++] = *g;
	return 0;
}

/* ---- the groups -------------------------------------------------------- */

/* byte group: byte `shift` (24, 16, 8, 0) of an address */
static int
build_addr_byte(struct builder *b, const struct ut_cls_rule *rules, size_t n,
		bool dst, unsigned shift)
{
	struct grp_tmp t;
	struct cls_group g = { .field = dst ? F_DADDR : F_SADDR,
			       .shift = (uint8_t)shift };
	int ret;

	if (grp_tmp_init(&t, 256, b->words) < 0) {
		grp_tmp_fini(&t);
		return -1;
	}
	for (size_t r = 0; r < n; r++) {
		uint32_t msk = dst ? rules[r].dmsk : rules[r].smsk;
		uint32_t val = dst ? rules[r].dst : rules[r].src;
		unsigned mb = (msk >> shift) & 0xff, vb = (val >> shift) & 0xff;

		if (mb == 0) {
			bit_set(t.wild, r);
			continue;
		}
		t.tested++;
		if (mb == 0xff) {
			bit_set(t.bits + vb * b->words, r);
			continue;
		}
		for (unsigned x = 0; x < 256; x++)
			if ((x & mb) == vb)
				bit_set(t.bits + x * b->words, r);
	}
	ret = grp_commit(b, &t, &g);
	grp_tmp_fini(&t);
	return ret;
}

static int
build_small(struct builder *b, const struct ut_cls_rule *rules, size_t n,
	    enum cls_field field, unsigned n_keys,
	    bool (*tests)(const struct ut_cls_rule *r),
	    bool (*passes)(const struct ut_cls_rule *r, unsigned x))
{
	struct grp_tmp t;
	struct cls_group g = { .field = (uint8_t)field };
	int ret;

	if (grp_tmp_init(&t, n_keys, b->words) < 0) {
		grp_tmp_fini(&t);
		return -1;
	}
	for (size_t r = 0; r < n; r++) {
		if (!tests(&rules[r])) {
			bit_set(t.wild, r);
			continue;
		}
		t.tested++;
		for (unsigned x = 0; x < n_keys; x++)
			if (passes(&rules[r], x))
				bit_set(t.bits + x * b->words, r);
	}
	ret = grp_commit(b, &t, &g);
	grp_tmp_fini(&t);
	return ret;
}

static bool
proto_tested(const struct ut_cls_rule *r)
{
	return r->proto != 0;
}

static bool
frag_tested(const struct ut_cls_rule *r)
{
	return r->frag || r->frag_inv;
}

static bool
flags_tested(const struct ut_cls_rule *r)
{
	return r->flg_given;
}

/* device group: one key a device index */
static int
build_dev(struct builder *b, const struct ut_cls_rule *rules, size_t n,
	  bool out, const char *const *devs, size_t n_devs)
{
	struct grp_tmp t;
	struct cls_group g = { .field = out ? F_OUT : F_IN };
	size_t n_keys = n_devs ? n_devs : 1;
	int ret;

	if (grp_tmp_init(&t, n_keys, b->words) < 0) {
		grp_tmp_fini(&t);
		return -1;
	}
	for (size_t r = 0; r < n; r++) {
		const char *name = out ? rules[r].out : rules[r].in;
		bool wild = out ? rules[r].out_wild : rules[r].in_wild;
		bool inv = out ? rules[r].out_inv : rules[r].in_inv;

		if ((!name || !name[0]) && !inv) {
			bit_set(t.wild, r);
			continue;
		}
		t.tested++;
		for (size_t x = 0; x < n_keys; x++) {
			const char *dev = x == 0 ? "" : devs[x];

			/* an index without a device: not tested (no
			 * packet comes with it; ut_cls_rule_passes) */
			if (!dev) {
				bit_set(t.bits + x * b->words, r);
				continue;
			}
			if (ut_cls_iface_matches(name, wild, dev) ^ inv)
				bit_set(t.bits + x * b->words, r);
		}
	}
	ret = grp_commit(b, &t, &g);
	grp_tmp_fini(&t);
	return ret;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* range_coarse: the coarse index of bounds[0..nb) (cls_group.coarse),
 * or NULL on allocation failure */
static uint32_t *
range_coarse(const uint32_t *bounds, size_t nb)
{
	uint32_t *coarse = malloc(257 * sizeof(*coarse));

	if (!coarse)
		return NULL;
	for (size_t h = 0; h < 256; h++)
		coarse[h] = (uint32_t)cls_interval(bounds, nb, h << 8);
	coarse[256] = (uint32_t)(nb - 1);
	return coarse;
}

/* range group: the elementary intervals the rules' ranges cut 0..65535
 * into, one key each */
static int
build_range(struct builder *b, const struct ut_cls_rule *rules, size_t n,
	    enum cls_field field)
{
	struct grp_tmp t;
	struct cls_group g = { .field = (uint8_t)field };
	uint32_t *bounds;
	size_t nb = 0;
	int ret = -1;

	bounds = malloc((4 * n + 1) * sizeof(*bounds));
	if (!bounds)
		return -1;
	bounds[nb++] = 0;
	for (size_t r = 0; r < n; r++) {
		const struct ut_cls_range *rg = cls_range_of(&rules[r], field);

		for (unsigned k = 0; rg->given && k < rg->n; k++) {
			bounds[nb++] = rg->lo[k];
			if (rg->hi[k] < UINT16_MAX)
				bounds[nb++] = rg->hi[k] + 1u;
		}
	}
	qsort(bounds, nb, sizeof(*bounds), cmp_u32);
	{
		size_t u = 1;

		for (size_t k = 1; k < nb; k++)
			if (bounds[k] != bounds[u - 1])
				bounds[u++] = bounds[k];
		nb = u;
	}
	if (grp_tmp_init(&t, nb, b->words) < 0) {
		grp_tmp_fini(&t);
		goto out;
	}
	for (size_t r = 0; r < n; r++) {
		const struct ut_cls_range *rg = cls_range_of(&rules[r], field);

		if (!rg->given) {
			bit_set(t.wild, r);
			continue;
		}
		t.tested++;
		/* the rule's bit flips where each of its ranges starts
		 * and after it ends; the prefix XOR below turns the flips
		 * into membership (one pass over the intervals instead of
		 * one a rule) */
		for (unsigned k = 0; k < rg->n; k++) {
			size_t a = cls_interval(bounds, nb, rg->lo[k]);
			size_t z = cls_interval(bounds, nb, rg->hi[k]);

			bit_flip(t.bits + a * b->words, r);
			if (z + 1 < nb)
				bit_flip(t.bits + (z + 1) * b->words, r);
		}
	}
	for (size_t x = 1; x < nb; x++)
		for (size_t w = 0; w < b->words; w++)
			t.bits[x * b->words + w] ^= t.bits[(x - 1) * b->words +
							    w];
	g.bounds = bounds;
	g.coarse = range_coarse(bounds, nb);
	ret = g.coarse ? grp_commit(b, &t, &g) : -1;
	grp_tmp_fini(&t);
	if (ret == 0 && t.tested)
		return 0;  /* the group owns bounds and coarse now */
	free(g.coarse);
out:
	free(bounds);
	return ret;
}

static int
build_groups(struct builder *b, const struct ut_cls_rule *rules, size_t n,
	     const char *const *devs, size_t n_devs)
{
	/* most selective first: a zero AND stops early */
	for (unsigned s = 0; s < 32; s += 8)
		if (build_addr_byte(b, rules, n, false, s) < 0 ||
		    build_addr_byte(b, rules, n, true, s) < 0)
			return -1;
	if (build_range(b, rules, n, F_DPORT) < 0 ||
	    build_range(b, rules, n, F_SPORT) < 0 ||
	    build_small(b, rules, n, F_PROTO, 256, proto_tested,
			cls_proto_passes) < 0 ||
	    build_range(b, rules, n, F_ICMP) < 0 ||
	    build_small(b, rules, n, F_FLAGS, 256, flags_tested,
			cls_flags_passes) < 0 ||
	    build_small(b, rules, n, F_FRAG, 2, frag_tested,
			cls_frag_passes) < 0 ||
	    build_dev(b, rules, n, false, devs, n_devs) < 0 ||
	    build_dev(b, rules, n, true, devs, n_devs) < 0)
		return -1;
	return 0;
}

/* pool_index: what lookups and updates keep about the pool besides the
 * bitmaps: their weights, their references, the device names */
static int
pool_index(struct ut_cls *c, const char *const *devs, size_t n_devs)
{
	c->weight = malloc(c->cap_pool * sizeof(*c->weight));
	c->refs = calloc(c->cap_pool, sizeof(*c->refs));
	c->devs = calloc(c->n_devs, sizeof(*c->devs));
	if (!c->weight || !c->refs || !c->devs)
		return -1;
	for (size_t k = 0; k < c->n_pool; k++)
		c->weight[k] = ut_cls_weight(c, c->pool + k * c->stride);
	for (unsigned g = 0; g < c->n_groups; g++)
		for (size_t k = 0; k < c->groups[g].n_keys; k++)
			c->refs[c->groups[g].bucket[k]]++;
	for (size_t d = 1; d < n_devs; d++)
		c->devs[d] = devs[d];
	c->devs[0] = "";
	return 0;
}

struct ut_cls *
ut_cls_build(const struct ut_cls_rule *rules, size_t n,
	     const char *const *devs, size_t n_devs, struct ut_err *err)
{
	struct builder b = { 0 };
	struct ut_cls *c = calloc(1, sizeof(*c));
	uint64_t *ones = NULL;

	if (!c)
		goto oom;
	b.c = c;
	ut_cls_layout(c, n);
	b.words = c->words;
	c->simd = __builtin_cpu_supports("avx2") ? UT_CLS_AVX2 : UT_CLS_SCALAR;
	c->n_devs = n_devs ? n_devs : 1;
	/* pool[0]: every rule, for what a group cannot look up */
	ones = calloc(b.words, sizeof(*ones));
	if (!ones)
		goto oom;
	for (size_t r = 0; r < n; r++)
		bit_set(ones, r);
	if (pool_add(&b, ones) != 0 || build_groups(&b, rules, n, devs,
						    n_devs) < 0)
		goto oom;
	c->ones = 0;
	c->n_pool = b.n_pool;
	c->cap_pool = b.cap_pool;
	if (pool_index(c, devs, n_devs) < 0)
		goto oom;
	free(ones);
	free(b.slots);
	return c;
oom:
	free(ones);
	free(b.slots);
	ut_cls_free(c);
	ut_err_set(err, 2, "out of memory (classifier of %zu rules)", n);
	return NULL;
}

void
ut_cls_free(struct ut_cls *c)
{
	if (!c)
		return;
	for (unsigned g = 0; g < c->n_groups; g++) {
		free(c->groups[g].bucket);
		free(c->groups[g].bounds);
		free(c->groups[g].coarse);
	}
	free(c->pool);
	free(c->weight);
	free(c->refs);
	free(c->devs);
	free(c->live);
	free(c->rank0);
	free(c);
}

size_t
ut_cls_memory(const struct ut_cls *c)
{
	size_t m = sizeof(*c) + c->n_pool * (c->stride * sizeof(uint64_t) +
					     sizeof(*c->weight) +
					     sizeof(*c->refs)) +
		   c->n_devs * sizeof(*c->devs);

	if (c->live)
		m += c->words * sizeof(*c->live) +
		     (c->words + 1) * sizeof(*c->rank0);

	for (unsigned g = 0; g < c->n_groups; g++)
		m += c->groups[g].n_keys * (sizeof(uint32_t) +
			(c->groups[g].bounds ? sizeof(uint32_t) : 0)) +
		     (c->groups[g].coarse ? 257 * sizeof(uint32_t) : 0);
	return m;
}

size_t
ut_cls_n_rules(const struct ut_cls *c)
{
	return c->n_rules;
}
