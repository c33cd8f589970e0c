/* xt_statistic.c: the statistic match, random and nth modes (iptables
 * 1.8.9 extensions/libxt_statistic.c, Linux net/netfilter/xt_statistic.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"

enum {
	STAT_MODE_RANDOM = 0,
	STAT_MODE_NTH,
	STAT_MODE_MAX = STAT_MODE_NTH,
	STAT_INVERT = 0x1,
};

/* struct xt_statistic_info without the kernel's shared counter (the
 * engine keeps the running nth counter, starting from u.nth.count) */
struct ut_statistic_info {
	uint16_t mode;  /* STAT_MODE_* */
	uint16_t flags; /* STAT_INVERT */
	union {
		struct {
			uint32_t probability; /* p * 2^31, rounded */
		} random;
		struct {
			uint32_t every;  /* n - 1 */
			uint32_t packet; /* initial position */
			uint32_t count;  /* initial counter: every - packet */
		} nth;
	} u;
};

enum {
	O_MODE = 0,
	O_PROBABILITY,
	O_EVERY,
	O_PACKET,
	F_PROBABILITY = 1 << O_PROBABILITY,
	F_EVERY = 1 << O_EVERY,
	F_PACKET = 1 << O_PACKET,
};

#define ST_OFF(f) offsetof(struct ut_statistic_info, f)
static const struct ut_opt statistic_opts[] = {
	{ .name = "mode", .id = O_MODE, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND },
	/* a double in libxtables (XTTYPE_DOUBLE): parsed here */
	{ .name = "probability", .id = O_PROBABILITY, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT, .excl = F_EVERY | F_PACKET },
	{ .name = "every", .id = O_EVERY, .type = UT_OPT_UINT32, .min = 1,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT, .off = ST_OFF(u.nth.every),
	  .excl = F_PROBABILITY, .also = F_PACKET },
	{ .name = "packet", .id = O_PACKET, .type = UT_OPT_UINT32,
	  .flags = UT_OPTF_PUT, .off = ST_OFF(u.nth.packet),
	  .excl = F_PROBABILITY, .also = F_EVERY },
	UT_OPT_END
};

/* statistic_probability: xtopt_parse_float with the range 0..1 */
static int
statistic_probability(struct ut_opt_call *call, struct ut_statistic_info *info)
{
	char *end;
	double v = strtod(call->arg, &end);

	if (end == call->arg || *end != '\0' || v < 0 || v > 1)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "%s: bad value for option \"--%s\", or out "
				  "of range (%u-%u).\n", call->ext_name,
				  call->opt->name, 0, 1);
	/* lround() without libm: v is in 0..1, so half-up is the same */
	info->u.random.probability = (uint32_t)(0x80000000 * v + 0.5);
	return 0;
}

static int
statistic_parse(struct ut_opt_call *call)
{
	struct ut_statistic_info *info = call->data;

	if (call->invert)
		info->flags |= STAT_INVERT;
	switch (call->opt->id) {
	case O_MODE:
		if (strcmp(call->arg, "random") == 0)
			info->mode = STAT_MODE_RANDOM;
		else if (strcmp(call->arg, "nth") == 0)
			info->mode = STAT_MODE_NTH;
		else
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "Bad mode \"%s\"", call->arg);
		break;
	case O_PROBABILITY:
		return statistic_probability(call, info);
	case O_EVERY:
		--info->u.nth.every;
		break;
	}
	return 0;
}

static int
statistic_final_check(struct ut_fcheck_call *call)
{
	struct ut_statistic_info *info = call->data;

	if (info->mode == STAT_MODE_RANDOM && !(call->xflags & F_PROBABILITY))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "--probability must be specified when using "
				  "random mode");
	if (info->mode == STAT_MODE_NTH &&
	    !(call->xflags & (F_EVERY | F_PACKET)))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "--every and --packet must be specified when "
				  "using nth mode");
	/* every was stored as n - 1 */
	if (info->u.nth.packet > info->u.nth.every)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "the --packet p must be 0 <= p <= n-1");
	/* in random mode this overlays the probability, as in iptables */
	info->u.nth.count = info->u.nth.every - info->u.nth.packet;
	return 0;
}

/* statistic_print_match: pfx "" for -L, "--" for save */
static void
statistic_print_match(const struct ut_statistic_info *info, const char *pfx,
		      struct ut_buf *out)
{
	const char *inv = (info->flags & STAT_INVERT) ? " !" : "";

	switch (info->mode) {
	case STAT_MODE_RANDOM:
		ut_buf_printf(out, " %smode random%s %sprobability %.11f", pfx,
			      inv, pfx,
			      1.0 * info->u.random.probability / 0x80000000);
		break;
	case STAT_MODE_NTH:
		ut_buf_printf(out, " %smode nth%s %severy %u", pfx, inv, pfx,
			      info->u.nth.every + 1);
		if (info->u.nth.packet || *pfx)
			ut_buf_printf(out, " %spacket %u", pfx,
				      info->u.nth.packet);
		break;
	}
}

static void
statistic_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_buf_puts(out, " statistic");
	statistic_print_match(pc->data, "", out);
}

static void
statistic_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	statistic_print_match(pc->data, "--", out);
}

static int
statistic_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_statistic_info *info = kc->data;

	if (info->mode > STAT_MODE_MAX || (info->flags & ~STAT_INVERT))
		return -EINVAL;
	return 0;
}

/* ---- packet evaluation (statistic_mt) ------------------------------------- */

/* the kernel's xt_statistic_priv: the nth counter, shared by nobody but
 * this rule (the kernel keeps one per rule too) */
struct statistic_state {
	uint32_t count;
};

static int
statistic_state_new(struct ut_engine *eng, const void *data, void **state,
		    struct ut_err *err)
{
	const struct ut_statistic_info *info = data;
	struct statistic_state *s = calloc(1, sizeof(*s));

	(void)eng;
	if (!s)
		return ut_err_set(err, 2, "out of memory");
	/* statistic_mt_check: the counter starts at u.nth.count */
	s->count = info->u.nth.count;
	*state = s;
	return 0;
}

static void
statistic_state_free(struct ut_engine *eng, void *state)
{
	(void)eng;
	free(state);
}

/* statistic_mt: random mode compares 31 random bits with the
 * probability (the kernel's get_random_u32; here the engine's generator
 * seeded by `run --seed`); nth mode counts 0..every and matches when
 * the counter wraps to 0 */
static bool
statistic_match(struct ut_xt_par *par)
{
	const struct ut_statistic_info *info = par->data;
	struct statistic_state *s = par->state;
	bool ret = info->flags & STAT_INVERT;

	switch (info->mode) {
	case STAT_MODE_RANDOM:
		if ((ut_engine_random_u32(par->eng) & 0x7fffffffu) <
		    info->u.random.probability)
			ret = !ret;
		break;
	case STAT_MODE_NTH:
		s->count = s->count == info->u.nth.every ? 0 : s->count + 1;
		if (s->count == 0)
			ret = !ret;
		break;
	}
	return ret;
}

const struct ut_ext ut_ext_statistic = {
	.name = "statistic",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_statistic_info),
	.cmp_size = sizeof(struct ut_statistic_info),
	.opts = statistic_opts,
	.parse = statistic_parse,
	.final_check = statistic_final_check,
	.print = statistic_print,
	.save = statistic_save,
	.kcheck = statistic_kcheck,
	.match = statistic_match,
	.state_new = statistic_state_new,
	.state_free = statistic_state_free,
};
