/* xt_limit.c: the limit match, a token bucket per rule (iptables 1.8.9
 * extensions/libxt_limit.c, Linux net/netfilter/xt_limit.c). */
#include <errno.h>
#include <stdlib.h>

#include "engine/bucket.h"
#include "engine/engine.h"
#include "rules/ext.h"
#include "ext/rate.h"

#define LIMIT_SCALE 10000      /* XT_LIMIT_SCALE: avg is 1/10000 s units */
#define LIMIT_AVG "3/hour"
#define LIMIT_BURST 5

/* struct xt_rateinfo without the kernel's bucket state (prev, credit,
 * credit_cap, cost, master): that is the instance's runtime state in an
 * engine (struct limit_state, at the host's HZ). */
struct ut_limit_info {
	uint32_t avg;   /* average time between packets, in 1/10000 s */
	uint32_t burst; /* bucket size in packets */
};

enum {
	O_LIMIT = 0,
	O_BURST,
};

static const struct ut_opt limit_opts[] = {
	{ .name = "limit", .id = O_LIMIT, .type = UT_OPT_STRING,
	  .arg = "n[/second|/minute|/hour|/day]",
	  .help = "average rate of matches (default 3/hour)" },
	{ .name = "limit-burst", .id = O_BURST, .type = UT_OPT_UINT32,
	  .flags = UT_OPTF_PUT, .min = 0, .max = 10000,
	  .off = offsetof(struct ut_limit_info, burst),
	  .help = "matches allowed at once before the rate applies (default "
		  "5)" },
	UT_OPT_END
};

/* limit_rate: "<n>[/second|/minute|/hour|/day]" (any prefix of the unit,
 * any case; no unit: per second) into *val. 1 parsed, 0 bad, -1 when the
 * rate is too fast to be represented. */
static int
limit_rate(const char *rate, uint32_t *val)
{
	uint32_t mult = ut_rate_unit(rate), r;

	if (!mult)
		return 0;
	r = (uint32_t)atoi(rate);
	if (!r)
		return 0;
	/* 32-bit arithmetic, as iptables does it */
	*val = (uint32_t)(LIMIT_SCALE * mult) / r;
	return *val == 0 ? -1 : 1;
}

static void
limit_init(void *data)
{
	struct ut_limit_info *r = data;

	limit_rate(LIMIT_AVG, &r->avg);
	r->burst = LIMIT_BURST;
}

static int
limit_parse(struct ut_opt_call *call)
{
	struct ut_limit_info *r = call->data;
	int ret;

	if (call->opt->id != O_LIMIT)
		return 0;
	ret = limit_rate(call->arg, &r->avg);
	if (ret < 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Rate too fast \"%s\"", call->arg);
	if (ret == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "bad rate \"%s\"'", call->arg);
	return 0;
}

static void
limit_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_limit_info *r = pc->data;

	ut_buf_puts(out, " limit: avg");
	ut_rate_print(out, r->avg, LIMIT_SCALE);
	ut_buf_printf(out, " burst %u", r->burst);
}

static void
limit_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_limit_info *r = pc->data;

	ut_buf_puts(out, " --limit");
	ut_rate_print(out, r->avg, LIMIT_SCALE);
	if (r->burst != LIMIT_BURST)
		ut_buf_printf(out, " --limit-burst %u", r->burst);
}

static int
limit_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_limit_info *r = kc->data;

	/* the overflow check of limit_mt_check, at the HZ of the kernel
	 * the commit-time checks model */
	if (r->burst == 0 ||
	    ut_limit_user2credits(r->avg * r->burst, UT_KCHECK_HZ) <
	    ut_limit_user2credits(r->avg, UT_KCHECK_HZ)) {
		ut_buf_printf(kc->dmesg, "xt_limit: Overflow, try lower: "
			      "%u/%u", r->avg, r->burst);
		return -ERANGE;
	}
	return 0;
}

/* ---- packet evaluation (limit_mt) ----------------------------------------- */

/* the kernel's xt_limit_priv with the two numbers limit_mt_check puts in
 * the blob, all in the kernel's 32-bit arithmetic */
struct limit_state {
	unsigned long prev;  /* jiffies of the last look */
	uint32_t credit, credit_cap, cost, per_jiffy;
	bool started;
};

/* limit_state_new: limit_mt_check: the bucket starts full. The kernel
 * stamps prev when the rule is loaded; the engine's clock starts with
 * the first packet, so prev is stamped then (a full bucket gains nothing
 * from the wait, save for a cap within 2^32 of wrapping). */
static int
limit_state_new(struct ut_engine *eng, const void *data, void **state,
		struct ut_err *err)
{
	const struct ut_limit_info *r = data;
	unsigned hz = ut_engine_hz(eng);
	struct limit_state *s = calloc(1, sizeof(*s));

	if (!s)
		return ut_err_set(err, 2, "out of memory");
	/* avg * burst wraps in 32 bits, as the kernel multiplies */
	s->credit = ut_limit_user2credits(r->avg * r->burst, hz);
	s->credit_cap = s->credit;
	s->cost = ut_limit_user2credits(r->avg, hz);
	s->per_jiffy = ut_limit_credits_per_jiffy(hz);
	*state = s;
	return 0;
}

static void
limit_state_free(struct ut_engine *eng, void *state)
{
	(void)eng;
	free(state);
}

/* limit_mt: credit grows by per_jiffy a jiffy up to the cap, a packet
 * passes when cost is there. The sums are u32 like the kernel's
 * (credit_increase and new_credit): a very long idle time wraps them. */
static bool
limit_match(struct ut_xt_par *par)
{
	struct limit_state *s = par->state;
	unsigned long now = ut_engine_jiffies(par->eng);
	uint32_t credit, increase;

	if (!s->started) {
		s->prev = now;
		s->started = true;
	}
	if (s->credit < s->cost && s->prev == now)
		return false;
	increase = (uint32_t)((now - s->prev) * s->per_jiffy);
	s->prev = now;
	credit = s->credit + increase;
	if (credit > s->credit_cap)
		credit = s->credit_cap;
	if (credit < s->cost) {
		s->credit = credit;
		return false;
	}
	s->credit = credit - s->cost;
	return true;
}

const struct ut_ext ut_ext_limit = {
	.name = "limit",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_limit_info),
	.cmp_size = sizeof(struct ut_limit_info),
	.opts = limit_opts,
	.init = limit_init,
	.parse = limit_parse,
	.print = limit_print,
	.save = limit_save,
	.kcheck = limit_kcheck,
	.match = limit_match,
	.state_new = limit_state_new,
	.state_free = limit_state_free,
};
