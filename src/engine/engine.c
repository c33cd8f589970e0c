/* engine.c: the engine object: its construction (hooks, rule views,
 * states), its end, and the entry points `run` drives besides the
 * packets (the clock's end, the outputs). The walk is in path.c, the
 * clock in clock.c, what the engine reports in sink.c. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conntrack/conntrack.h"
#include "engine/engine_int.h"
#include "engine/stack.h"
#include "nat/nat.h"
#include "rules/ext.h"

static const char *
xt_kind_word(const struct ut_ext *x)
{
	return x->kind == UT_EXT_MATCH ? "-m" : "-j";
}

/* unsupported_ext: the first extension of r without its eval callback,
 * NULL if the engine can evaluate r */
static const struct ut_ext *
unsupported_ext(const struct ut_rule *r)
{
	for (size_t i = 0; i < r->n_matches; i++)
		if (!r->matches[i].ext->match)
			return r->matches[i].ext;
	if (r->verdict == UT_V_EXT && !r->target.ext->target)
		return r->target.ext;
	return NULL;
}

size_t
ut_engine_unsupported(const struct ut_ruleset *rs, struct ut_buf *out)
{
	size_t count = 0;

	for (int id = 0; id < UT_TABLE_MAX; id++) {
		const struct ut_table *t = rs->tables[id];

		for (size_t i = 0; t && i < t->n_chains; i++) {
			const struct ut_chain *c = t->chains[i];

			for (size_t n = 0; n < c->n_rules; n++) {
				const struct ut_ext *bad =
					unsupported_ext(c->rules[n]);

				if (!bad)
					continue;
				count++;
				if (out)
					ut_buf_printf(out, "%s %s is not "
						      "supported by the packet "
						      "engine yet (table %s, "
						      "chain %s, rule %zu)\n",
						      xt_kind_word(bad),
						      bad->name, t->name,
						      c->name, n + 1);
			}
		}
	}
	return count;
}

/* Every extension in the rule set needs its eval callback: a rule the
 * engine cannot evaluate must stop the run, not be skipped. The message
 * names the first and how to list them all. */
static int
check_ruleset(const struct ut_ruleset *rs, struct ut_err *err)
{
	struct ut_buf all;
	size_t n;

	ut_buf_init(&all);
	n = ut_engine_unsupported(rs, &all);
	if (n) {
		const char *text = ut_buf_str(&all), *nl = strchr(text, '\n');
		/* out of memory: the count alone */
		int first_len = nl ? (int)(nl - text) : 0;

		if (n == 1)
			ut_err_set(err, 2, "%.*s", first_len, text);
		else
			ut_err_set(err, 2, "%.*s; %zu rules in all, `utables "
				   "run --check` lists them", first_len, text,
				   n);
	}
	ut_buf_fini(&all);
	return n ? -1 : 0;
}

/* engine_setup: the hook entries (what registers first runs first among
 * equal priorities, as module load order does), the rule views with
 * their counters and runtime states, ICMP's limiter state */
static int
engine_setup(struct ut_engine *e, struct ut_err *err)
{
	if (ut_ct_needed(e->rs)) {
		e->ct = ut_ct_net_new(e, err);
		if (!e->ct)
			return -1;
	} else if (ut_defrag_needed(e->rs) && ut_defrag_register(e) < 0) {
		return ut_err_set(err, 2, "out of memory");
	}
	/* NAT after connection tracking, whose hooks it needs */
	if (e->rs->tables[UT_TABLE_NAT] && ut_nat_register(e, err) < 0)
		return -1;
	if (ut_table_hooks_register(e, err) < 0)
		return -1;
	if (ut_view_build(e, err) < 0)
		return -1;
	/* compiled unless the caller asks for the linear walk */
	if (ut_view_classifier(e, true, err) < 0)
		return -1;
	e->icmp = ut_icmp_state_new();
	if (!e->icmp || ut_stack_new(e) < 0)
		return ut_err_set(err, 2, "out of memory");
	return 0;
}

struct ut_engine *
ut_engine_new(const struct ut_ruleset *rs, const struct ut_host *h,
	      const struct ut_engine_sink *sink, struct ut_err *err)
{
	struct ut_engine *e;

	assert(rs && h);
	if (check_ruleset(rs, err) < 0)
		return NULL;
	e = calloc(1, sizeof(*e));
	if (!e) {
		ut_err_set(err, 2, "out of memory");
		return NULL;
	}
	e->rs = rs;
	e->host = h;
	if (sink)
		e->sink = *sink;
	if (engine_setup(e, err) < 0) {
		ut_engine_free(e);
		return NULL;
	}
	return e;
}

/* ut_engine_free: timers first (their owners go next), then what the
 * rules' states hold references to goes after the states */
void
ut_engine_free(struct ut_engine *e)
{
	if (!e)
		return;
	ut_timerq_fini(&e->timers);
	ut_stack_free(e);
	ut_path_frags_free(e);
	free(e->jumps);
	ut_neigh_free_all(e);
	ut_view_free(e);
	ut_shared_free_all(e);
	ut_hook_lists_free(e);
	ut_nat_free(e->nat);
	ut_icmp_state_free(e->icmp);
	/* last: packets freed above may still hold connections */
	ut_ct_net_free(e->ct);
	ut_engine_notes_free(e);
	ut_nfulog_free(e);
	free(e);
}

/* splitmix64: small, fast, and every seed (0 too) gives a full period */
void
ut_engine_seed(struct ut_engine *e, uint64_t seed)
{
	e->rng = seed;
	e->seed = seed;
	e->syncookie_ready = false;
}

uint64_t
ut_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint32_t
ut_engine_random_u32(struct ut_engine *e)
{
	return (uint32_t)(ut_splitmix64(&e->rng) >> 32);
}

int
ut_engine_classifier(struct ut_engine *e, bool compiled, struct ut_err *err)
{
	return ut_view_classifier(e, compiled, err);
}

bool
ut_engine_compiled(const struct ut_engine *e)
{
	return e->compiled;
}

void
ut_engine_classifier_stats(const struct ut_engine *e, size_t *memory,
			   uint64_t *build_ns)
{
	*memory = e->cls_memory;
	*build_ns = e->cls_build_ns;
}

void
ut_engine_trace_all(struct ut_engine *e, bool on)
{
	e->trace_all = on;
}

void
ut_engine_explain(struct ut_engine *e, bool on)
{
	e->explain = on;
}

void
ut_engine_advance(struct ut_engine *e, uint64_t tstamp_ns)
{
	ut_clock_advance(e, tstamp_ns);
}

bool
ut_engine_conntrack_on(const struct ut_engine *e)
{
	return e->ct != NULL;
}

bool
ut_engine_conntrack_stats(const struct ut_engine *e,
			  struct ut_engine_ct_stats *st)
{
	if (!e->ct)
		return false;
	ut_ct_stats(e->ct, st);
	return true;
}

int
ut_engine_conntrack_load(struct ut_engine *e, const char *text,
			 const char *file, struct ut_err *err)
{
	if (!e->ct)
		return ut_err_set(err, 2, "%s: the rule set does not use "
				  "connection tracking", file);
	return ut_ct_load(e->ct, text, file, err);
}

int
ut_engine_outputs(const struct ut_engine *e, ut_output_fn fn, void *ctx,
		  struct ut_err *err)
{
	struct ut_buf text;
	int r;

	/* the connection table (empty without connection tracking) and,
	 * with it, its events */
	ut_buf_init(&text);
	if (e->ct)
		ut_ct_output(e->ct, &text);
	r = fn(ctx, "conntrack", &text, err);
	if (r >= 0 && e->ct && !e->sink.ct_event) {
		ut_buf_reset(&text);
		ut_ct_events_output(e->ct, &text);
		r = fn(ctx, "conntrack-events", &text, err);
	}
	ut_buf_fini(&text);
	if (r < 0 || (r = ut_nfulog_outputs(e, fn, ctx, err)) < 0)
		return r;
	return ut_shared_outputs(e, fn, ctx, err);
}
