/* classify_gen.h: random header parts of rules and random packets for
 * the classifier's differential checks, from any source of numbers (a
 * seeded generator in tests/unit/classify_test.c, the fuzzer's bytes in
 * fuzz/fuzz_classify.c). Values come from small pools so that rules and
 * packets meet often, with every negation, the '+' interfaces, masks
 * that are not prefixes, port ranges on their edges, fragments and
 * packets without their transport header. Header-only (static). */
#ifndef UT_TESTS_CLASSIFY_GEN_H
#define UT_TESTS_CLASSIFY_GEN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "classify/classify.h"

/* a source of numbers: a value in 0..n-1 */
struct cls_gen {
	uint32_t (*draw)(void *ctx, uint32_t n);
	void *ctx;
};

static uint32_t
gen_u(struct cls_gen *g, uint32_t n)
{
	return n ? g->draw(g->ctx, n) : 0;
}

/* the devices by index (index 4: a gap, no device there) */
static const char *const cls_gen_devs[] = {
	"", "lo", "eth0", "eth1", NULL, "veth12", "eth10",
};
#define CLS_GEN_N_DEVS (sizeof(cls_gen_devs) / sizeof(cls_gen_devs[0]))

static const uint32_t cls_gen_addrs[] = {
	0x0a000000, 0x0a010203, 0xc0a80107, 0xc0a801ff, 0x00000000,
	0xffffffff, 0x0a0102fe,
};
static const uint16_t cls_gen_ports[] = {
	0, 1, 21, 22, 53, 79, 80, 81, 1023, 1024, 1025, 65534, 65535,
};

static uint32_t
gen_addr(struct cls_gen *g)
{
	uint32_t a = cls_gen_addrs[gen_u(g, sizeof(cls_gen_addrs) / 4)];

	/* a few low bits changed now and then */
	if (gen_u(g, 3) == 0)
		a ^= gen_u(g, 256);
	return a;
}

static uint16_t
gen_port(struct cls_gen *g)
{
	if (gen_u(g, 8) == 0)
		return (uint16_t)gen_u(g, 65536);
	return cls_gen_ports[gen_u(g, sizeof(cls_gen_ports) / 2)];
}

static void
gen_mask_addr(struct cls_gen *g, uint32_t *val, uint32_t *msk)
{
	unsigned plen = gen_u(g, 4) == 0 ? 0 : gen_u(g, 33);

	*msk = plen ? ~0u << (32 - plen) : 0;
	if (gen_u(g, 10) == 0)         /* a mask that is not a prefix */
		*msk = gen_u(g, 2) ? 0xff00ff00u : 0x00ffff0fu;
	*val = gen_addr(g) & *msk;
}

static void
gen_range(struct cls_gen *g, struct ut_cls_range *r)
{
	uint16_t a = gen_port(g), b = gen_port(g);

	if (gen_u(g, 2) == 0) {
		memset(r, 0, sizeof(*r));
		return;
	}
	if (gen_u(g, 3) == 0)
		b = a;
	ut_cls_range_set(r, a < b ? a : b, a < b ? b : a, gen_u(g, 3) == 0);
}

static const char *const cls_gen_ifnames[] = {
	"", "eth0", "eth+", "e+", "lo", "veth12", "eth1", "+", "eth10",
};

static void
gen_iface(struct cls_gen *g, const char **name, bool *wild, bool *inv)
{
	*name = cls_gen_ifnames[gen_u(g, sizeof(cls_gen_ifnames) /
					 sizeof(cls_gen_ifnames[0]))];
	*wild = (*name)[0] && (*name)[strlen(*name) - 1] == '+';
	*inv = (*name)[0] && gen_u(g, 3) == 0;
}

/* gen_rule: one random header part */
static void
gen_rule(struct cls_gen *g, struct ut_cls_rule *r)
{
	static const uint16_t protos[] = { 0, 1, 6, 17, 300 };

	memset(r, 0, sizeof(*r));
	gen_mask_addr(g, &r->src, &r->smsk);
	gen_mask_addr(g, &r->dst, &r->dmsk);
	r->proto = protos[gen_u(g, 5)];
	r->proto_inv = r->proto && gen_u(g, 4) == 0;
	gen_iface(g, &r->in, &r->in_wild, &r->in_inv);
	gen_iface(g, &r->out, &r->out_wild, &r->out_inv);
	r->frag = gen_u(g, 6) == 0;
	r->frag_inv = gen_u(g, 6) == 0;
	gen_range(g, &r->sport);
	gen_range(g, &r->dport);
	if (gen_u(g, 3) == 0) {
		uint16_t t = (uint16_t)(gen_u(g, 4) << 8);

		ut_cls_range_set(&r->icmp, t | gen_u(g, 3),
				 t | (3 + gen_u(g, 3)), gen_u(g, 4) == 0);
	}
	if (gen_u(g, 3) == 0) {
		r->flg_given = true;
		r->flg_mask = (uint8_t)gen_u(g, 64);
		r->flg_cmp = (uint8_t)(gen_u(g, 64) & r->flg_mask);
		r->flg_inv = gen_u(g, 4) == 0;
	}
}

/* gen_key: one random packet */
static void
gen_key(struct cls_gen *g, struct ut_cls_key *k)
{
	static const uint8_t protos[] = { 1, 6, 17, 47, 0 };

	memset(k, 0, sizeof(*k));
	k->saddr = gen_addr(g);
	k->daddr = gen_addr(g);
	k->proto = protos[gen_u(g, 5)];
	k->isfrag = gen_u(g, 8) == 0;
	k->has_ports = !k->isfrag && gen_u(g, 8) != 0;
	k->has_flags = k->has_ports && gen_u(g, 2);
	k->has_icmp = !k->isfrag && gen_u(g, 4) == 0;
	k->sport = gen_port(g);
	k->dport = gen_port(g);
	k->flags = (uint8_t)gen_u(g, 64);
	k->icmp = (uint16_t)(gen_u(g, 5) << 8 | gen_u(g, 8));
	/* one index past the devices now and then */
	k->in = (int)gen_u(g, CLS_GEN_N_DEVS + 1);
	k->out = (int)gen_u(g, CLS_GEN_N_DEVS + 1);
}

/* cls_gen_check: the candidates of c for k, from 0 on and from a few
 * other starts, against ut_cls_rule_passes rule by rule; the index of
 * the first rule where they differ, or (size_t)-1 when they agree */
static size_t
cls_gen_check(struct cls_gen *g, const struct ut_cls *c,
	      const struct ut_cls_rule *rules, size_t n,
	      const struct ut_cls_key *k)
{
	struct ut_cls_cursor cur;
	size_t want = 0, got;

	ut_cls_cursor_init(c, k, &cur);
	for (size_t i = 0; i <= n; i = want + 1) {
		for (want = i; want < n &&
		     !ut_cls_rule_passes(&rules[want], k, cls_gen_devs,
					 CLS_GEN_N_DEVS); want++)
			;
		got = ut_cls_next(&cur, i);
		if (got != want)
			return i;
		if (want == n)
			break;
	}
	for (unsigned t = 0; t < 4 && n; t++) {
		size_t i = gen_u(g, (uint32_t)n);

		for (want = i; want < n &&
		     !ut_cls_rule_passes(&rules[want], k, cls_gen_devs,
					 CLS_GEN_N_DEVS); want++)
			;
		if (ut_cls_next(&cur, i) != want)
			return i;
	}
	return (size_t)-1;
}

/* cls_gen_first: the reference's first rule for k (n: none) */
static size_t
cls_gen_first(const struct ut_cls_rule *rules, size_t n,
	      const struct ut_cls_key *k)
{
	size_t i = 0;

	while (i < n && !ut_cls_rule_passes(&rules[i], k, cls_gen_devs,
					    CLS_GEN_N_DEVS))
		i++;
	return i;
}

/* cls_gen_check_all: cls_gen_check with each way of ANDing the
 * summaries the CPU has (c's own restored after), and
 * ut_cls_first_batch over keys[0..nk) against the reference; (size_t)-1
 * when all agree, else the start index or the key (as cls_gen_check) */
static size_t
cls_gen_check_all(struct cls_gen *g, struct ut_cls *c,
		  const struct ut_cls_rule *rules, size_t n,
		  const struct ut_cls_key *keys, size_t nk)
{
	enum ut_cls_simd was = ut_cls_simd_of(c);
	const struct ut_cls_key *kp[64];
	size_t first[64], bad = (size_t)-1;

	for (int m = UT_CLS_SCALAR; m <= UT_CLS_AVX2 && bad == (size_t)-1;
	     m++) {
		if (!ut_cls_set_simd(c, (enum ut_cls_simd)m))
			continue;
		for (size_t j = 0; j < nk && bad == (size_t)-1; j++)
			bad = cls_gen_check(g, c, rules, n, &keys[j]);
		for (size_t at = 0; at < nk && bad == (size_t)-1; at += 64) {
			size_t m2 = nk - at < 64 ? nk - at : 64;

			for (size_t j = 0; j < m2; j++)
				kp[j] = &keys[at + j];
			ut_cls_first_batch(c, kp, m2, first);
			for (size_t j = 0; j < m2; j++)
				if (first[j] != cls_gen_first(rules, n,
							      &keys[at + j]))
					bad = at + j;
		}
	}
	ut_cls_set_simd(c, was);
	return bad;
}

/* cls_gen_update: one random change to rules[0..*n) (room for cap) and
 * the same through the classifier's update API: an insert anywhere
 * (appends now and then), a delete, a replace, rarely a flush; 0, or
 * -1 with err when the classifier refused */
static int
cls_gen_update(struct cls_gen *g, struct ut_cls *c, struct ut_cls_rule *rules,
	       size_t *n, size_t cap, struct ut_err *err)
{
	uint32_t op = gen_u(g, 64);
	struct ut_cls_rule r;
	size_t i;

	if (op == 0) {
		ut_cls_flush(c);
		*n = 0;
		return 0;
	}
	if (*n > 0 && (op < 20 || *n == cap)) {
		i = gen_u(g, (uint32_t)*n);
		memmove(&rules[i], &rules[i + 1],
			(*n - i - 1) * sizeof(*rules));
		(*n)--;
		return ut_cls_delete(c, i, err) < 0 ? -1 : 0;
	}
	gen_rule(g, &r);
	if (*n > 0 && op < 32) {
		i = gen_u(g, (uint32_t)*n);
		rules[i] = r;
		return ut_cls_replace(c, i, &r, err) < 0 ? -1 : 0;
	}
	i = op < 48 ? *n : gen_u(g, (uint32_t)*n + 1);
	memmove(&rules[i + 1], &rules[i], (*n - i) * sizeof(*rules));
	rules[i] = r;
	(*n)++;
	return ut_cls_insert(c, i, &r, err) < 0 ? -1 : 0;
}

#endif
