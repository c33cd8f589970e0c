/* cls_run.c: a lookup in a built classifier (the design: classify.h):
 * the packet's value of each group picks a bitmap; ut_cls_next
 * (classify.h, inline) ANDs them. Reads the classifier only. */
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
			key = cls_interval(g->bounds, g->n_keys, key);
		idx = g->bucket[key];
		if (idx == c->ones)
			continue;
		bm = c->pool + (size_t)idx * c->stride;
		/* sparsest first (insertion by weight) */
		{
			unsigned j = cur->n++;

			for (; j > 0 && c->weight[idx] < wt[j - 1]; j--) {
				cur->bm[j] = cur->bm[j - 1];
				wt[j] = wt[j - 1];
			}
			cur->bm[j] = bm;
			wt[j] = c->weight[idx];
		}
	}
	/* a bitmap without a set word: no candidate at all */
	cur->empty = cur->n && wt[0] == 0;
}
