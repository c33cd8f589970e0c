/* xt_RATEEST.c: the RATEEST target, a named rate estimator (iptables 1.8.9
 * extensions/libxt_RATEEST.c, Linux net/netfilter/xt_RATEEST.c and
 * net/core/gen_estimator.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/engine.h"
#include "ext/rateest.h"
#include "rules/ext.h"

#define RATEEST_NAME_LEN 16 /* IFNAMSIZ */
#define USEC_PER_SEC 1000000 /* iproute's TIME_UNITS_PER_SEC */

/* struct xt_rateest_target_info without the kernel's estimator pointer */
struct ut_RATEEST_info {
	char name[RATEEST_NAME_LEN];
	int8_t interval;  /* log2(interval / 1s), -2 .. 3 */
	uint8_t ewma_log; /* averaging time constant, log2 of intervals */
	/* parse scratch (libxtables' udata), outside cmp_size: the times
	 * given, in microseconds */
	uint32_t interval_us;
	uint32_t ewma_us;
};

enum {
	O_NAME = 0,
	O_INTERVAL,
	O_EWMALOG,
};

static const struct ut_opt RATEEST_opts[] = {
	/* copied by RATEEST_parse: libxtables truncates to 15 chars */
	{ .name = "rateest-name", .id = O_NAME, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND },
	{ .name = "rateest-interval", .id = O_INTERVAL, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND },
	{ .name = "rateest-ewmalog", .id = O_EWMALOG, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND },
	UT_OPT_END
};

/* RATEEST_get_time: iproute's get_time: a number with an optional unit
 * (s, ms, us; no unit: us) into microseconds. 0 or -1. */
static int
RATEEST_get_time(uint32_t *time, const char *str)
{
	static const struct { const char *name; double mult; } units[] = {
		{ "s", USEC_PER_SEC }, { "sec", USEC_PER_SEC },
		{ "secs", USEC_PER_SEC }, { "ms", USEC_PER_SEC / 1000 },
		{ "msec", USEC_PER_SEC / 1000 },
		{ "msecs", USEC_PER_SEC / 1000 }, { "us", 1 }, { "usec", 1 },
		{ "usecs", 1 },
	};
	char *p;
	double t = strtod(str, &p);
	size_t i;

	if (p == str)
		return -1;
	if (*p) {
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (strcasecmp(p, units[i].name) == 0)
				break;
		if (i == sizeof(units) / sizeof(units[0]))
			return -1;
		t *= units[i].mult;
	}
	*time = (uint32_t)t;
	return 0;
}

static int
RATEEST_parse(struct ut_opt_call *call)
{
	struct ut_RATEEST_info *info = call->data;

	switch (call->opt->id) {
	case O_NAME:
		ut_strput(info->name, sizeof(info->name), call->arg);
		break;
	case O_INTERVAL:
		if (RATEEST_get_time(&info->interval_us, call->arg) < 0)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "RATEEST: bad interval value \"%s\"",
					  call->arg);
		break;
	case O_EWMALOG:
		if (RATEEST_get_time(&info->ewma_us, call->arg) < 0)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "RATEEST: bad ewmalog value \"%s\"",
					  call->arg);
		break;
	}
	return 0;
}

/* RATEEST_neg_log1m: -ln(1 - x) for 0 < x <= 1/2, by its series
 * x + x^2/2 + x^3/3 + ... (libm is not linked) */
static double
RATEEST_neg_log1m(double x)
{
	double sum = 0, pw = x;

	for (int k = 1; k < 200 && pw / k > 0; k++, pw *= x) {
		double next = sum + pw / k;
		if (next == sum)
			break;
		sum = next;
	}
	return sum;
}

/* RATEEST_final_check: the smallest interval (250ms << n) holding the
 * given one, and the largest ewma_log whose time constant stays under
 * the given averaging time (iptables' RATEEST_final_check). */
static int
RATEEST_final_check(struct ut_fcheck_call *call)
{
	struct ut_RATEEST_info *info = call->data;
	int interval, ewma;

	for (interval = 0; interval <= 5; interval++)
		if (info->interval_us <= (1u << interval) * (USEC_PER_SEC / 4))
			break;
	if (interval > 5)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "RATEEST: interval value is too large");
	info->interval = (int8_t)(interval - 2);
	for (ewma = 1; ewma < 32; ewma++) {
		double x = 1.0 / (double)(1u << ewma);
		if (info->interval_us / RATEEST_neg_log1m(x) > info->ewma_us)
			break;
	}
	ewma--;
	if (ewma == 0 || ewma >= 31)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "RATEEST: ewmalog value is out of range");
	info->ewma_log = (uint8_t)ewma;
	return 0;
}

static void
RATEEST_print_time(uint32_t time, struct ut_buf *out)
{
	double tmp = time;

	if (tmp >= USEC_PER_SEC)
		ut_buf_printf(out, " %.1fs", tmp / USEC_PER_SEC);
	else if (tmp >= USEC_PER_SEC / 1000)
		ut_buf_printf(out, " %.1fms", tmp / (USEC_PER_SEC / 1000));
	else
		ut_buf_printf(out, " %uus", time);
}

/* RATEEST_print_all: pfx "" for -L, "--rateest-" for save */
static void
RATEEST_print_all(const struct ut_RATEEST_info *info, const char *pfx,
		  struct ut_buf *out)
{
	/* 32-bit arithmetic as iptables does it (the ewma time wraps) */
	uint32_t ival = (uint32_t)(((uint64_t)USEC_PER_SEC <<
				    (info->interval + 2)) / 4);
	uint32_t ewma = ival * (uint32_t)(1u << (info->ewma_log & 31));

	ut_buf_printf(out, " %sname %s", pfx, info->name);
	ut_buf_printf(out, " %sinterval", pfx);
	RATEEST_print_time(ival, out);
	ut_buf_printf(out, " %sewmalog", pfx);
	RATEEST_print_time(ewma, out);
}

static void
RATEEST_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	RATEEST_print_all(pc->data, "", out);
}

static void
RATEEST_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	RATEEST_print_all(pc->data, "--rateest-", out);
}

/* RATEEST_kcheck: gen_new_estimator's parameter check. The kernel also
 * refuses a name already used with other parameters (-EINVAL); that needs
 * the whole rule set, which ut_kcheck does not carry. */
static int
RATEEST_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_RATEEST_info *info = kc->data;

	if (info->interval < -2 || info->interval > 3)
		return -EINVAL;
	if (info->ewma_log == 0 || info->ewma_log >= 31)
		return -EINVAL;
	return 0;
}

/* ---- the estimator (gen_estimator.c) -------------------------------------- */

/* One per name in the engine (xt_rateest_lookup): the counters RATEEST
 * adds to and the moving averages its timer keeps, every (HZ/4) <<
 * intvl_log jiffies, in the kernel's u64 fixed point (rates << 8). The
 * kernel arms the timer when the rule is loaded; the engine arms it at
 * the first packet either extension sees (the averages stay 0 until a
 * packet is counted, so only the timer's phase differs, and that phase is
 * chance in the kernel too). */
struct ut_rateest {
	struct ut_engine *eng;
	int8_t interval;
	uint8_t ewma_log;
	unsigned intvl_log;
	uint64_t bytes, packets;           /* bstats */
	uint64_t last_bytes, last_packets;
	uint64_t avbps, avpps;
	unsigned long next_jiffies;
	struct ut_timer timer;
};

static unsigned long
est_period(const struct ut_rateest *est)
{
	return (unsigned long)(ut_engine_hz(est->eng) / 4) << est->intvl_log;
}

static void
est_arm(struct ut_rateest *est)
{
	ut_timer_arm(est->eng, &est->timer,
		     ut_clock_timer_expiry(est->eng, est->next_jiffies));
}

/* est_timer: one EWMA step with the counts since the last one */
static void
est_timer(struct ut_engine *e, struct ut_timer *t)
{
	struct ut_rateest *est = (struct ut_rateest *)(void *)
				 ((char *)t - offsetof(struct ut_rateest,
						       timer));
	uint64_t brate, rate;

	brate = (est->bytes - est->last_bytes) << (10 - est->intvl_log);
	brate = (brate >> est->ewma_log) - (est->avbps >> est->ewma_log);
	rate = (est->packets - est->last_packets) << (10 - est->intvl_log);
	rate = (rate >> est->ewma_log) - (est->avpps >> est->ewma_log);
	est->avbps += brate;
	est->avpps += rate;
	est->last_bytes = est->bytes;
	est->last_packets = est->packets;
	est->next_jiffies += est_period(est);
	/* a late timer catches up from now, as the kernel's */
	if ((long)(ut_engine_jiffies(e) - est->next_jiffies) >= 0)
		est->next_jiffies = ut_engine_jiffies(e) + 1;
	est_arm(est);
}

/* est_start: gen_new_estimator's first arming, at the first packet */
static void
est_start(struct ut_rateest *est)
{
	if (ut_timer_armed(&est->timer))
		return;
	est->next_jiffies = ut_engine_jiffies(est->eng) + est_period(est);
	est_arm(est);
}

static void *
est_new(struct ut_engine *e, const char *name, const void *arg,
	struct ut_err *err)
{
	const struct ut_RATEEST_info *info = arg;
	struct ut_rateest *est;

	if (!info) {
		ut_err_set(err, 2, "-m rateest: no rate estimator `%s' (a "
			   "RATEEST rule loaded before it makes one)", name);
		return NULL;
	}
	est = calloc(1, sizeof(*est));
	if (!est) {
		ut_err_set(err, 2, "out of memory");
		return NULL;
	}
	est->eng = e;
	est->interval = info->interval;
	est->ewma_log = info->ewma_log;
	est->intvl_log = (unsigned)(info->interval + 2);
	ut_timer_init(&est->timer, est_timer);
	return est;
}

static void
est_free(struct ut_engine *e, void *obj)
{
	struct ut_rateest *est = obj;

	ut_timer_cancel(e, &est->timer);
	free(est);
}

static const struct ut_shared_ops est_ops = {
	.kind = "rateest",
	.new_obj = est_new,
	.free_obj = est_free,
};

struct ut_rateest *
ut_rateest_find(struct ut_engine *e, const char *name, struct ut_err *err)
{
	return ut_engine_shared_get(e, &est_ops, name, NULL, err);
}

void
ut_rateest_put(struct ut_engine *e, struct ut_rateest *est)
{
	ut_engine_shared_put(e, est);
}

void
ut_rateest_read(struct ut_engine *e, struct ut_rateest *est, uint64_t *bps,
		uint64_t *pps)
{
	(void)e;
	est_start(est);
	*bps = est->avbps >> 8;
	*pps = est->avpps >> 8;
}

/* xt_rateest_tg_checkentry: a name already made by another rule must
 * come with the same parameters */
static int
RATEEST_state_new(struct ut_engine *eng, const void *data, void **state,
		  struct ut_err *err)
{
	const struct ut_RATEEST_info *info = data;
	struct ut_rateest *est = ut_engine_shared_get(eng, &est_ops,
						      info->name, info, err);

	if (!est)
		return -1;
	if (est->interval != info->interval ||
	    est->ewma_log != info->ewma_log) {
		ut_engine_shared_put(eng, est);
		return ut_err_set(err, 2, "-j RATEEST: estimator `%s' exists "
				  "with other parameters (the kernel refuses "
				  "the rule: EINVAL)", info->name);
	}
	*state = est;
	return 0;
}

static void
RATEEST_state_free(struct ut_engine *eng, void *state)
{
	ut_engine_shared_put(eng, state);
}

/* xt_rateest_tg: count the packet, go on */
static unsigned
RATEEST_target(struct ut_xt_par *par)
{
	struct ut_rateest *est = par->state;

	est_start(est);
	est->bytes += par->pkt->len;
	est->packets++;
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_RATEEST = {
	.name = "RATEEST",
	.revision = 0,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_RATEEST_info),
	.cmp_size = offsetof(struct ut_RATEEST_info, interval_us),
	.opts = RATEEST_opts,
	.parse = RATEEST_parse,
	.final_check = RATEEST_final_check,
	.print = RATEEST_print,
	.save = RATEEST_save,
	.kcheck = RATEEST_kcheck,
	.target = RATEEST_target,
	.state_new = RATEEST_state_new,
	.state_free = RATEEST_state_free,
};
