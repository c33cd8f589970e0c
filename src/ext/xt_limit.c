/* xt_limit.c: the limit match, a token bucket per rule (iptables 1.8.9
 * extensions/libxt_limit.c, Linux net/netfilter/xt_limit.c). */
#include <errno.h>
#include <stdlib.h>

#include "engine/bucket.h"
#include "rules/ext.h"
#include "ext/rate.h"

#define LIMIT_SCALE 10000      /* XT_LIMIT_SCALE: avg is 1/10000 s units */
#define LIMIT_AVG "3/hour"
#define LIMIT_BURST 5

/* struct xt_rateinfo without the kernel's bucket state (prev, credit,
 * credit_cap, cost, master): that is the instance's runtime state in an
 * engine (ext->state_new, a struct ut_bucket of engine/bucket.h, with
 * the host's HZ), added with this match's evaluation. */
struct ut_limit_info {
	uint32_t avg;   /* average time between packets, in 1/10000 s */
	uint32_t burst; /* bucket size in packets */
};

enum {
	O_LIMIT = 0,
	O_BURST,
};

static const struct ut_opt limit_opts[] = {
	{ .name = "limit", .id = O_LIMIT, .type = UT_OPT_STRING },
	{ .name = "limit-burst", .id = O_BURST, .type = UT_OPT_UINT32,
	  .flags = UT_OPTF_PUT, .min = 0, .max = 10000,
	  .off = offsetof(struct ut_limit_info, burst) },
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
};
