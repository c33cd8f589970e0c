/* engine.c: the engine object and the services it gives extensions and
 * the path (clock, log, drop accounting). The walk is in path.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"
#include "rules/ext.h"

/* INITIAL_JIFFIES: the kernel starts jiffies 5 minutes before the wrap so
 * that wrap bugs show early; the engine's clock starts there too at the
 * first packet. */
#define INITIAL_JIFFIES(hz) ((unsigned long)(-300L * (long)(hz)))

static const char *
xt_kind_word(const struct ut_ext *x)
{
	return x->kind == UT_EXT_MATCH ? "-m" : "-j";
}

/* Every extension in the rule set needs its eval callback: a rule the
 * engine cannot evaluate must stop the run, not be skipped. */
static int
check_rule(const struct ut_table *t, const struct ut_chain *c, size_t n,
	   const struct ut_rule *r, struct ut_err *err)
{
	const struct ut_ext *bad = NULL;

	for (size_t i = 0; i < r->n_matches && !bad; i++)
		if (!r->matches[i].ext->match)
			bad = r->matches[i].ext;
	if (!bad && r->verdict == UT_V_EXT && !r->target.ext->target)
		bad = r->target.ext;
	if (!bad)
		return 0;
	return ut_err_set(err, 2, "%s %s is not supported by the packet "
			  "engine yet (table %s, chain %s, rule %zu)",
			  xt_kind_word(bad), bad->name, t->name, c->name,
			  n + 1);
}

static int
check_ruleset(const struct ut_ruleset *rs, struct ut_err *err)
{
	if (rs->tables[UT_TABLE_NAT])
		return ut_err_set(err, 2, "the nat table needs connection "
				  "tracking, which the packet engine does not "
				  "have yet");
	for (int id = 0; id < UT_TABLE_MAX; id++) {
		const struct ut_table *t = rs->tables[id];

		for (size_t i = 0; t && i < t->n_chains; i++) {
			const struct ut_chain *c = t->chains[i];

			for (size_t n = 0; n < c->n_rules; n++)
				if (check_rule(t, c, n, c->rules[n], err) < 0)
					return -1;
		}
	}
	return 0;
}

struct ut_engine *
ut_engine_new(struct ut_ruleset *rs, const struct ut_host *h,
	      const struct ut_engine_sink *sink, struct ut_err *err)
{
	struct ut_engine *e;

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
	e->icmp = ut_icmp_state_new();
	if (!e->icmp || ut_table_views_build(e) < 0) {
		ut_table_views_free(e);
		ut_icmp_state_free(e->icmp);
		free(e);
		ut_err_set(err, 2, "out of memory");
		return NULL;
	}
	return e;
}

void
ut_engine_free(struct ut_engine *e)
{
	if (!e)
		return;
	ut_path_frags_free(e);
	ut_table_views_free(e);
	ut_icmp_state_free(e->icmp);
	free(e->pending);
	free(e);
}

void
ut_engine_trace_all(struct ut_engine *e, bool on)
{
	e->trace_all = on;
}

const struct ut_engine_stats *
ut_engine_stats(const struct ut_engine *e)
{
	return &e->stats;
}

const struct ut_host *
ut_engine_host(const struct ut_engine *e)
{
	return e->host;
}

struct ut_icmp_state *
ut_engine_icmp(struct ut_engine *e)
{
	return e->icmp;
}

/* the clock follows the packets; it never goes back (pcap inputs are
 * merged in time order, but a file may hold a stamp out of order) */
void
ut_engine_set_time(struct ut_engine *e, uint64_t tstamp_ns)
{
	if (!e->clock_started) {
		e->first_ns = tstamp_ns;
		e->now_ns = tstamp_ns;
		e->clock_started = true;
	}
	if (tstamp_ns > e->now_ns)
		e->now_ns = tstamp_ns;
}

uint64_t
ut_engine_now_ns(const struct ut_engine *e)
{
	return e->now_ns;
}

unsigned long
ut_engine_jiffies(const struct ut_engine *e)
{
	unsigned hz = e->host ? e->host->hz : 250;
	uint64_t ticks = (e->now_ns - e->first_ns) / (1000000000u / hz);

	return INITIAL_JIFFIES(hz) + (unsigned long)ticks;
}

void
ut_engine_log(struct ut_engine *e, const char *line, size_t len)
{
	if (e->sink.log)
		e->sink.log(e->sink.ctx, line, len);
}

void
ut_engine_step(struct ut_engine *e, const struct ut_pkt *p, const char *text)
{
	if (e->sink.step)
		e->sink.step(e->sink.ctx, p, text);
}

void
ut_engine_drop(struct ut_engine *e, struct ut_pkt *p, enum ut_drop_reason why)
{
	char text[64];

	e->stats.drops[why]++;
	if (e->sink.step) {
		snprintf(text, sizeof(text), "dropped (%s)",
			 ut_drop_reason_name(why));
		e->sink.step(e->sink.ctx, p, text);
	}
}
