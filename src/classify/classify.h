/* classify.h: the compiled classifier of one chain (src/classify).
 *
 * The linear walk tests every rule of a chain in order. The classifier
 * answers the question the walk asks, "which is the first rule at or
 * after index i that may match this packet?", without the scan: it is
 * built per chain from the IR; a lookup only reads it (any number of
 * threads may share it), and it changes only through the update
 * functions below, which no lookup may run alongside (ut_cls_live swaps
 * a changed copy in under running lookups).
 *
 * What it classifies is a header description per rule (struct
 * ut_cls_rule): addresses and masks, protocol, in/out interface
 * (with '+' wildcards), the fragment flag, and what the classifiable
 * matches add (tcp/udp port ranges, TCP flags, ICMP type/code), with
 * their negations. A candidate it offers is a superset answer: the walk
 * still evaluates the rule in full (the IP part and every match, in
 * order), so verdicts, counters, hot-drops and side effects stay the
 * linear walk's. What it must never do is skip a rule the linear walk
 * would have evaluated with an effect: a rule is left out only when a
 * side-effect-free test of its header part fails (see ut_cls_rule_from).
 *
 * Technique: one bit per rule, in rule order, in bitmaps over the rule
 * set (the Lucent bit vector / nftables pipapo family). A field is cut
 * into lookup groups (each address byte, the protocol, the fragment
 * flag, each interface, the elementary intervals of each port or ICMP
 * field, the TCP flags byte); a group maps the packet's value to the
 * bitmap of rules whose test on that part passes. The candidates are
 * the AND of the packet's bitmaps; the next one at or after i is the
 * first set bit, found word by word with two summary levels (one bit
 * per 64-rule word that is not zero, one bit per 4 summary words that
 * are not all zero) to jump over empty stretches; the summary words are
 * ANDed four at a time (AVX2 where the CPU has it). Equal bitmaps are
 * stored once; bitmaps that are all ones are left out of the AND. A
 * batch of packets is looked up with its bitmaps prefetched
 * (ut_cls_first_batch).
 */
#ifndef UT_CLASSIFY_CLASSIFY_H
#define UT_CLASSIFY_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "utables/utables.h"

struct ut_rule;

/* a set of 16-bit values: given false: any value; else the n (0..2)
 * inclusive ranges lo[k]..hi[k] (n == 0: no value at all) */
struct ut_cls_range {
	bool given;
	uint8_t n;
	uint16_t lo[2], hi[2];
};

/* ut_cls_range_set: r = lo..hi, or its complement when invert */
void ut_cls_range_set(struct ut_cls_range *r, uint16_t lo, uint16_t hi,
		      bool invert);

/* The header part of one rule, as the classifier sees it. Every field
 * describes a test the rule's evaluation makes without side effects;
 * a field left at its zero value tests nothing. */
struct ut_cls_rule {
	/* (addr & msk) == val, host order; msk 0: any. Only positive
	 * tests: a negated address is left to the walk (it cannot be cut
	 * into independent bytes) */
	uint32_t src, smsk, dst, dmsk;
	/* protocol: 0 any; proto_inv: every other */
	uint16_t proto;
	bool proto_inv;
	/* interfaces (borrowed names, NULL or "": any), as ipt_ip has them */
	const char *in, *out;
	bool in_wild, out_wild, in_inv, out_inv;
	/* -f: frag (must be a later fragment), frag_inv (must not) */
	bool frag, frag_inv;
	/* transport fields: read only from packets that have them whole
	 * (ut_cls_key.l4) */
	struct ut_cls_range sport, dport;
	struct ut_cls_range icmp;       /* type << 8 | code */
	/* TCP flags: ((flags & flg_mask) == flg_cmp) ^ flg_inv */
	bool flg_given, flg_inv;
	uint8_t flg_mask, flg_cmp;
};

/* What of a packet the classifier reads. */
struct ut_cls_key {
	uint32_t saddr, daddr;  /* host order */
	uint8_t proto;
	bool isfrag;            /* fragment offset != 0 */
	/* which transport fields below are valid: the packet is not a
	 * later fragment and has the whole header that the matching
	 * extension reads (20 bytes TCP, 8 UDP and ICMP); a field that is
	 * not valid lets every rule pass (its match decides, hot-drop
	 * included) */
	bool has_ports, has_flags, has_icmp;
	uint16_t sport, dport;
	uint8_t flags;
	uint16_t icmp;          /* type << 8 | code */
	int in, out;            /* device index, 0: none */
};

struct ut_cls;

/* the groups a packet's AND runs over (at most one a group) */
#define UT_CLS_MAX_GROUPS 16

/* A lookup in progress: the packet's bitmaps. Valid while its ut_cls
 * lives; a new one is needed when the packet's header changes. Each
 * bitmap is laid out as words rule words, then sum_words summary words
 * (bit w: rule word w is not zero; a multiple of 4, the unit the AND of
 * summaries works in), then l2_words second-level words (bit b: summary
 * words 4b..4b+3 are not all zero). */
struct ut_cls_cursor {
	size_t n_rules;
	size_t words;
	size_t sum_words;
	size_t l2_words;
	unsigned n;             /* bitmaps in bm (all-ones ones left out) */
	bool empty;             /* one of them is all zeros */
	bool avx2;              /* the summaries' AND with AVX2 */
	/* after updates, bits are slots, not rule indexes (classify.h,
	 * ut_cls_insert): the slots holding a rule, and how many of them
	 * come before each word; NULL while bit i is rule i */
	const uint64_t *live;
	const uint32_t *rank0;
	const uint64_t *bm[UT_CLS_MAX_GROUPS];
};

/* ut_cls_iface_matches: iptables' interface test (ifname_compare with
 * the mask iptables builds): a name ending in '+' (wild) compares the
 * characters before it, any other the whole name; an empty rule name
 * matches everything; dev_name "" stands for no device. */
bool ut_cls_iface_matches(const char *rule_name, bool wild,
			  const char *dev_name);

/* ut_cls_rule_from: the header part of r: its IP part, and the tests of
 * the classifiable matches (ext->classify) that come before any other
 * match (a match the classifier does not know may have side effects or
 * hot-drop: what comes after it must be reached by evaluation). The
 * names point into r. */
void ut_cls_rule_from(const struct ut_rule *r, struct ut_cls_rule *out);

/* ut_cls_build: the classifier of rules[0..n) (in chain order). devs:
 * the device names by index (devs[i] NULL: no device with that index;
 * index 0 is "no device" and its name is ignored), n_devs entries.
 * Returns a new classifier (free with ut_cls_free), or NULL with err on
 * allocation failure. The rules are read only during the call. */
struct ut_cls *ut_cls_build(const struct ut_cls_rule *rules, size_t n,
			    const char *const *devs, size_t n_devs,
			    struct ut_err *err);
void ut_cls_free(struct ut_cls *c);

/* Incremental update (cls_update.c): a built classifier changed rule by
 * rule, answering afterwards as a build of the changed rules would
 * (devices: those of the build, whose names must outlive c). The first
 * update spreads the rules out (48 of every 64 bits, a copy of every
 * bitmap): from then on a bit is a slot and rules keep theirs, so that
 * an insert moves only the few slots up to the next free one and a
 * delete frees its slot; lookups map slots to rule indexes. No lookup
 * may run during an update, and cursors made before it are invalid
 * after it (a live classifier is updated on a copy and swapped in:
 * ut_cls_live). On failure (allocation, or an index out of the chain:
 * err says which) c is left valid for ut_cls_free only. */
/* ut_cls_insert: r becomes rule i (0..n_rules): -I, and -A at n_rules */
int ut_cls_insert(struct ut_cls *c, size_t i, const struct ut_cls_rule *r,
		  struct ut_err *err);
/* ut_cls_delete: rule i goes, the rules after it move down: -D */
int ut_cls_delete(struct ut_cls *c, size_t i, struct ut_err *err);
/* ut_cls_replace: r becomes rule i in place of the old one: -R */
int ut_cls_replace(struct ut_cls *c, size_t i, const struct ut_cls_rule *r,
		   struct ut_err *err);
/* ut_cls_flush: no rule left: -F */
void ut_cls_flush(struct ut_cls *c);
/* ut_cls_copy: a classifier of its own equal to c (to update while
 * lookups go on in c); NULL with err on allocation failure */
struct ut_cls *ut_cls_copy(const struct ut_cls *c, struct ut_err *err);
/* A live classifier (cls_live.c): the one readers look up in, replaced
 * by a writer with one pointer store (ut_cls_live_swap) while lookups
 * run; the old one is freed once no reader that could have seen it is
 * still inside. A reader is a thread with a slot (ut_cls_live_join, at
 * most UT_CLS_LIVE_READERS at once); a lookup runs between
 * ut_cls_live_enter, which gives the classifier to use, and
 * ut_cls_live_exit, and holds the swap back while it runs (a reader must
 * not wait for a writer inside). One writer at a time (writers serialize
 * themselves): it builds or updates a classifier of its own, then swaps
 * it in. */
#define UT_CLS_LIVE_READERS 64
struct ut_cls_live;
/* ut_cls_live_new: first (may be NULL) becomes the live one, owned */
struct ut_cls_live *ut_cls_live_new(struct ut_cls *first,
				    struct ut_err *err);
/* ut_cls_live_free: with the live classifier; no reader inside */
void ut_cls_live_free(struct ut_cls_live *l);
/* ut_cls_live_join: a reader slot; -1 when all are taken */
int ut_cls_live_join(struct ut_cls_live *l);
void ut_cls_live_part(struct ut_cls_live *l, int reader);
const struct ut_cls *ut_cls_live_enter(struct ut_cls_live *l, int reader);
void ut_cls_live_exit(struct ut_cls_live *l, int reader);
/* ut_cls_live_swap: next (owned from now) becomes the live one; returns
 * after freeing the old one, when no reader uses it any more */
void ut_cls_live_swap(struct ut_cls_live *l, struct ut_cls *next);

/* ut_cls_memory: the bytes the classifier holds */
size_t ut_cls_memory(const struct ut_cls *c);
size_t ut_cls_n_rules(const struct ut_cls *c);

/* ut_cls_rule_passes: does the header part r pass for k, tested rule by
 * rule (devs, n_devs as given to ut_cls_build): what ut_cls_next must
 * answer for each rule, and the linear loop the bench compares with */
bool ut_cls_rule_passes(const struct ut_cls_rule *r,
			const struct ut_cls_key *k,
			const char *const *devs, size_t n_devs);

/* ut_cls_cursor_init: start a lookup of key k in c */
void ut_cls_cursor_init(const struct ut_cls *c, const struct ut_cls_key *k,
			struct ut_cls_cursor *cur);

/* ut_cls_scan: the first candidate bit in rule words >= w (the
 * summaries' walk of ut_cls_next); SIZE_MAX when none */
size_t ut_cls_scan(const struct ut_cls_cursor *cur, size_t w);
/* ut_cls_next_slots: ut_cls_next when bits are slots (cur->live) */
size_t ut_cls_next_slots(const struct ut_cls_cursor *cur, size_t i);

/* ut_cls_next: the first rule index >= i whose header part may match the
 * cursor's packet; n_rules when none. */
static inline size_t
ut_cls_next(const struct ut_cls_cursor *cur, size_t i)
{
	size_t n = cur->n_rules, w;
	uint64_t x;

	if (i >= n || cur->empty)
		return n;
	if (cur->n == 0)
		return i;
	if (cur->live)
		return ut_cls_next_slots(cur, i);
	w = i >> 6;
	x = ~0ull << (i & 63);
	for (unsigned g = 0; g < cur->n && x; g++)
		x &= cur->bm[g][w];
	if (x)
		return (w << 6) + (size_t)__builtin_ctzll(x);
	w = ut_cls_scan(cur, w + 1);
	return w == SIZE_MAX ? n : w;
}

/* packets a batch computes ahead (their bitmaps prefetched) */
#define UT_CLS_BATCH 16

/* ut_cls_first_batch: for each of the n packets keys[j], first[j] =
 * ut_cls_next from rule 0 (n_rules: none). The packets' cursors are
 * computed UT_CLS_BATCH at a time and their first bitmap lines
 * prefetched before any is scanned, so that the loads of one packet
 * overlap those of the others. */
void ut_cls_first_batch(const struct ut_cls *c,
			const struct ut_cls_key *const *keys, size_t n,
			size_t *first);

/* How the summaries are ANDed: UT_CLS_SCALAR word by word, UT_CLS_AVX2
 * four words an instruction. Both give the same answers (the unit and
 * fuzz tests run both); a build picks AVX2 when the CPU has it. */
enum ut_cls_simd { UT_CLS_SCALAR, UT_CLS_AVX2 };

/* ut_cls_set_simd: use method m for c's lookups from now on (before c
 * is shared with readers); false when the CPU cannot (c unchanged) */
bool ut_cls_set_simd(struct ut_cls *c, enum ut_cls_simd m);
enum ut_cls_simd ut_cls_simd_of(const struct ut_cls *c);

#endif
