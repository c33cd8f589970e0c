/* view.c: the engine's view of its rule set, built once when the engine
 * is created: every chain gets a stable range of rule ids, and what
 * changes while packets flow hangs off those ids, owned by the engine:
 * counters (struct ut_counter, ids first_id .. first_id + n_rules, the
 * last one the chain's tail: a built-in chain's policy, a user chain's
 * implicit RETURN), the extensions' runtime states, and each chain's
 * source/destination tests packed in one array (the walk rejects most
 * rules on them without touching the rule). The rule set itself stays
 * const.
 *
 * Ownership: everything here is the engine's and goes with
 * ut_view_free; the rule set is borrowed and must not change while the
 * engine lives.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "classify/classify.h"
#include "engine/engine_int.h"
#include "rules/ext.h"

/* ---- chains by pointer (open addressing) -------------------------------- */

static size_t
view_slot(const struct ut_engine *e, const struct ut_chain *c)
{
	size_t h = ((uintptr_t)c >> 4) * 0x9e3779b97f4a7c15ull;

	for (h &= e->cap_views - 1; e->views[h].chain &&
	     e->views[h].chain != c; h = (h + 1) & (e->cap_views - 1))
		;
	return h;
}

const struct ut_chain_view *
ut_view_chain(const struct ut_engine *e, const struct ut_chain *c)
{
	const struct ut_chain_view *v = &e->views[view_slot(e, c)];

	assert(v->chain == c);
	return v;
}

/* ---- runtime states of a rule's extensions ------------------------------ */

static bool
rule_has_state(const struct ut_rule *r)
{
	for (size_t i = 0; i < r->n_matches; i++)
		if (r->matches[i].ext->state_new)
			return true;
	return r->verdict == UT_V_EXT && r->target.ext->state_new;
}

static int
instance_state(struct ut_engine *e, const struct ut_xt *x, void **state,
	       struct ut_err *err)
{
	*state = NULL;
	if (!x->ext->state_new)
		return 0;
	return x->ext->state_new(e, x->data, state, err);
}

/* rule_states_new: states[i] for match i, states[n_matches] for the
 * target; NULL in *out when no extension of r keeps state */
static int
rule_states_new(struct ut_engine *e, const struct ut_rule *r, void ***out,
		struct ut_err *err)
{
	void **st;

	*out = NULL;
	if (!rule_has_state(r))
		return 0;
	st = calloc(r->n_matches + 1, sizeof(*st));
	if (!st)
		return ut_err_set(err, 2, "out of memory");
	*out = st;
	for (size_t i = 0; i < r->n_matches; i++)
		if (instance_state(e, &r->matches[i], &st[i], err) < 0)
			return -1;
	if (r->verdict == UT_V_EXT &&
	    instance_state(e, &r->target, &st[r->n_matches], err) < 0)
		return -1;
	return 0;
}

static void
rule_states_free(struct ut_engine *e, const struct ut_rule *r, void **st)
{
	if (!st)
		return;
	for (size_t i = 0; i < r->n_matches; i++)
		if (st[i])
			r->matches[i].ext->state_free(e, st[i]);
	if (r->verdict == UT_V_EXT && st[r->n_matches])
		r->target.ext->state_free(e, st[r->n_matches]);
	free(st);
}

/* ---- building -------------------------------------------------------------- */

/* where_failed: the rule a state could not be made for, after the
 * extension's message, as the engine's other refusals name it */
static int
where_failed(const struct ut_table *t, const struct ut_chain *c, size_t i,
	     struct ut_err *err)
{
	size_t n = strlen(err->msg);

	snprintf(err->msg + n, sizeof(err->msg) - n,
		 " (table %s, chain %s, rule %zu)", t->name, c->name, i + 1);
	return -1;
}

static int
view_add(struct ut_engine *e, const struct ut_table *t,
	 const struct ut_chain *c, uint32_t first_id, struct ut_err *err)
{
	struct ut_chain_view *v = &e->views[view_slot(e, c)];

	v->chain = c;
	v->first_id = first_id;
	v->addrs = calloc(c->n_rules ? c->n_rules : 1, sizeof(*v->addrs));
	if (!v->addrs)
		return ut_err_set(err, 2, "out of memory");
	for (size_t i = 0; i < c->n_rules; i++) {
		const struct ut_ipt_ip *ip = &c->rules[i]->ip;

		v->addrs[i].src = ip->src;
		v->addrs[i].smsk = ip->smsk;
		v->addrs[i].dst = ip->dst;
		v->addrs[i].dmsk = ip->dmsk;
		v->addrs[i].invflags = ip->invflags;
		if (rule_states_new(e, c->rules[i], &e->states[first_id + i],
				    err) < 0)
			return where_failed(t, c, i, err);
	}
	return 0;
}

/* count_ids: one id a rule plus one for each chain's tail */
static size_t
count_ids(const struct ut_ruleset *rs, size_t *n_chains)
{
	size_t ids = 0;

	*n_chains = 0;
	for (int id = 0; id < UT_TABLE_MAX; id++) {
		const struct ut_table *t = rs->tables[id];

		for (size_t i = 0; t && i < t->n_chains; i++)
			ids += t->chains[i]->n_rules + 1;
		if (t)
			*n_chains += t->n_chains;
	}
	return ids;
}

int
ut_view_build(struct ut_engine *e, struct ut_err *err)
{
	size_t n_chains, next = 0;

	e->n_ids = count_ids(e->rs, &n_chains);
	for (e->cap_views = 16; e->cap_views < 2 * n_chains;
	     e->cap_views *= 2)
		;
	e->views = calloc(e->cap_views, sizeof(*e->views));
	e->counters = calloc(e->n_ids ? e->n_ids : 1, sizeof(*e->counters));
	e->states = calloc(e->n_ids ? e->n_ids : 1, sizeof(*e->states));
	if (!e->views || !e->counters || !e->states)
		return ut_err_set(err, 2, "out of memory");
	for (int id = 0; id < UT_TABLE_MAX; id++) {
		const struct ut_table *t = e->rs->tables[id];

		for (size_t i = 0; t && i < t->n_chains; i++) {
			const struct ut_chain *c = t->chains[i];

			if (view_add(e, t, c, (uint32_t)next, err) < 0)
				return -1;
			next += c->n_rules + 1;
		}
	}
	assert(next == e->n_ids);
	return 0;
}

/* ---- the classifiers ----------------------------------------------------- */

/* dev_names: the host's device names by index (index 0: no device);
 * NULL on allocation failure, *n the entries */
static const char **
dev_names(const struct ut_host *h, size_t *n)
{
	const char **names;
	size_t max = 0;

	for (size_t i = 0; i < h->n_ifaces; i++)
		if (h->ifaces[i]->index > 0 && (size_t)h->ifaces[i]->index > max)
			max = (size_t)h->ifaces[i]->index;
	names = calloc(max + 1, sizeof(*names));
	if (!names)
		return NULL;
	names[0] = "";
	for (size_t i = 0; i < h->n_ifaces; i++)
		if (h->ifaces[i]->index > 0)
			names[h->ifaces[i]->index] = h->ifaces[i]->name;
	*n = max + 1;
	return names;
}

static int
view_cls_build(struct ut_chain_view *v, const char *const *devs,
	       size_t n_devs, struct ut_err *err)
{
	const struct ut_chain *c = v->chain;
	struct ut_cls_rule *cr = calloc(c->n_rules ? c->n_rules : 1,
					sizeof(*cr));

	if (!cr)
		return ut_err_set(err, 2, "out of memory");
	for (size_t i = 0; i < c->n_rules; i++)
		ut_cls_rule_from(c->rules[i], &cr[i]);
	v->cls = ut_cls_build(cr, c->n_rules, devs, n_devs, err);
	free(cr);
	return v->cls ? 0 : -1;
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void
views_linear(struct ut_engine *e)
{
	for (size_t i = 0; i < e->cap_views; i++) {
		ut_cls_free(e->views[i].cls);
		e->views[i].cls = NULL;
	}
	e->compiled = false;
	e->cls_memory = 0;
	e->cls_build_ns = 0;
}

int
ut_view_classifier(struct ut_engine *e, bool compiled, struct ut_err *err)
{
	const char **devs;
	size_t n_devs = 0;
	uint64_t t0;

	views_linear(e);
	if (!compiled)
		return 0;
	t0 = now_ns();
	devs = dev_names(e->host, &n_devs);
	if (!devs)
		return ut_err_set(err, 2, "out of memory");
	for (size_t i = 0; i < e->cap_views; i++) {
		struct ut_chain_view *v = &e->views[i];

		if (!v->chain)
			continue;
		if (view_cls_build(v, devs, n_devs, err) < 0) {
			free(devs);
			views_linear(e);
			return -1;
		}
		e->cls_memory += ut_cls_memory(v->cls);
	}
	free(devs);
	e->compiled = true;
	e->cls_build_ns = now_ns() - t0;
	return 0;
}

void
ut_view_free(struct ut_engine *e)
{
	if (e->views)
		views_linear(e);
	for (size_t i = 0; e->views && i < e->cap_views; i++) {
		const struct ut_chain_view *v = &e->views[i];

		for (size_t n = 0; v->chain && n < v->chain->n_rules; n++)
			rule_states_free(e, v->chain->rules[n],
					 e->states[v->first_id + n]);
		free(e->views[i].addrs);
	}
	free(e->views);
	free(e->counters);
	free(e->states);
	e->views = NULL;
	e->counters = NULL;
	e->states = NULL;
}

struct ut_counter
ut_engine_counter(const struct ut_engine *e, const struct ut_chain *c,
		  size_t idx)
{
	const struct ut_chain_view *v = ut_view_chain(e, c);

	assert(idx <= c->n_rules);
	return e->counters[v->first_id + idx];
}

static struct ut_counter
engine_counter_get(const void *ctx, const struct ut_chain *c, size_t idx)
{
	return ut_engine_counter(ctx, c, idx);
}

struct ut_counter_src
ut_engine_counter_src(const struct ut_engine *e)
{
	struct ut_counter_src src = { .get = engine_counter_get, .ctx = e };

	return src;
}
