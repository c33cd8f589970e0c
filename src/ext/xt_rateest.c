/* xt_rateest.c: the rateest match, comparing rate estimators made by the
 * RATEEST target (iptables 1.8.9 extensions/libxt_rateest.c, Linux
 * net/netfilter/xt_rateest.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/engine.h"
#include "ext/rateest.h"
#include "rules/ext.h"

#define RATEEST_NAME_LEN 16 /* IFNAMSIZ */

enum {
	RE_INVERT = 1 << 0,
	RE_ABS = 1 << 1,
	RE_REL = 1 << 2,
	RE_DELTA = 1 << 3,
	RE_BPS = 1 << 4,
	RE_PPS = 1 << 5,
};

enum {
	RE_MODE_NONE = 0,
	RE_MODE_EQ,
	RE_MODE_LT,
	RE_MODE_GT,
};

/* struct xt_rateest_match_info without the kernel's estimator pointers
 * (the engine resolves the names at load time) */
struct ut_rateest_info {
	char name1[RATEEST_NAME_LEN];
	char name2[RATEEST_NAME_LEN];
	uint16_t flags; /* RE_* */
	uint16_t mode;  /* RE_MODE_* */
	uint32_t bps1;  /* bytes per second */
	uint32_t pps1;
	uint32_t bps2;
	uint32_t pps2;
	/* parse scratch, outside cmp_size: options seen so far (iptables'
	 * old-style parse keeps its own flags, one bit per option code) */
	uint32_t seen;
};

/* option codes of iptables' old-style parser; several names share one */
enum {
	O_RATEEST1 = 0,
	O_RATEEST2,
	O_BPS1,
	O_PPS1,
	O_BPS2,
	O_PPS2,
	O_DELTA,
	O_LT,
	O_GT,
	O_EQ,
};

/* iptables parses this extension by hand: nothing here is checked by the
 * engine (MULTI, INVERT), so that rateest_parse can give its messages.
 * The rates are optional and taken from the next word when it does not
 * start with '-' or '!' (the front end must hand it over as the
 * optional argument). */
#define RE_F (UT_OPTF_INVERT | UT_OPTF_MULTI)
static const struct ut_opt rateest_opts[] = {
	{ .name = "rateest1", .id = O_RATEEST1, .type = UT_OPT_STRING,
	  .flags = RE_F },
	{ .name = "rateest", .id = O_RATEEST1, .type = UT_OPT_STRING,
	  .flags = RE_F },
	{ .name = "rateest2", .id = O_RATEEST2, .type = UT_OPT_STRING,
	  .flags = RE_F },
	{ .name = "rateest-bps1", .id = O_BPS1, .type = UT_OPT_STRING,
	  .flags = RE_F, .has_optional_arg = true },
	{ .name = "rateest-pps1", .id = O_PPS1, .type = UT_OPT_STRING,
	  .flags = RE_F, .has_optional_arg = true },
	{ .name = "rateest-bps2", .id = O_BPS2, .type = UT_OPT_STRING,
	  .flags = RE_F, .has_optional_arg = true },
	{ .name = "rateest-pps2", .id = O_PPS2, .type = UT_OPT_STRING,
	  .flags = RE_F, .has_optional_arg = true },
	{ .name = "rateest-bps", .id = O_BPS2, .type = UT_OPT_STRING,
	  .flags = RE_F, .has_optional_arg = true },
	{ .name = "rateest-pps", .id = O_PPS2, .type = UT_OPT_STRING,
	  .flags = RE_F, .has_optional_arg = true },
	{ .name = "rateest-delta", .id = O_DELTA, .type = UT_OPT_NONE,
	  .flags = RE_F },
	{ .name = "rateest-lt", .id = O_LT, .type = UT_OPT_NONE,
	  .flags = RE_F },
	{ .name = "rateest-gt", .id = O_GT, .type = UT_OPT_NONE,
	  .flags = RE_F },
	{ .name = "rateest-eq", .id = O_EQ, .type = UT_OPT_NONE,
	  .flags = RE_F },
	UT_OPT_END
};

/* rateest_get_rate: a number with an optional iproute2 unit into bytes
 * per second (no unit: bytes per second). 0 or -1. */
static int
rateest_get_rate(uint32_t *rate, const char *str)
{
	static const struct { const char *name; double scale; } sfx[] = {
		{ "bit", 1. }, { "Kibit", 1024. }, { "kbit", 1000. },
		{ "Mibit", 1024. * 1024. }, { "mbit", 1000000. },
		{ "Gibit", 1024. * 1024. * 1024. }, { "gbit", 1000000000. },
		{ "Tibit", 1024. * 1024. * 1024. * 1024. },
		{ "tbit", 1000000000000. },
		{ "Bps", 8. }, { "KiBps", 8. * 1024. }, { "KBps", 8000. },
		{ "MiBps", 8. * 1024 * 1024. }, { "MBps", 8000000. },
		{ "GiBps", 8. * 1024. * 1024. * 1024. },
		{ "GBps", 8000000000. },
		{ "TiBps", 8. * 1024. * 1024. * 1024. * 1024. },
		{ "TBps", 8000000000000. },
	};
	char *p;
	double bps = strtod(str, &p);

	if (p == str)
		return -1;
	if (*p == '\0') {
		*rate = (uint32_t)(bps / 8.);
		return 0;
	}
	/* the first case-insensitive match wins, as in iptables */
	for (size_t i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++)
		if (strcasecmp(sfx[i].name, p) == 0) {
			*rate = (uint32_t)((bps * sfx[i].scale) / 8.);
			return 0;
		}
	return -1;
}

/* rateest_value: the optional rate of --rateest-{bps,pps}{1,2} */
static int
rateest_value(struct ut_opt_call *call, bool bps, uint32_t *val)
{
	const char *arg = call->arg;
	uint64_t v;

	if (!arg || arg[0] == '-' || arg[0] == '!')
		return 0;
	if (bps) {
		if (rateest_get_rate(val, arg) < 0)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "rateest: could not parse rate `%s'",
					  arg);
		return 0;
	}
	if (!ut_strtoul(arg, NULL, &v, 0, UINT32_MAX))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "rateest: could not parse pps `%s'", arg);
	*val = (uint32_t)v;
	return 0;
}

/* rateest_once: the "can't be inverted" and "twice" checks of one option;
 * what names the option in the messages */
static int
rateest_once(struct ut_opt_call *call, struct ut_rateest_info *info,
	     const char *inv_name, const char *twice_name)
{
	unsigned bit = 1u << call->opt->id;

	if (inv_name && call->invert)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "rateest: %s can't be inverted", inv_name);
	if (info->seen & bit)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "rateest: can't specify %s twice",
				  twice_name);
	info->seen |= bit;
	return 0;
}

static int
rateest_parse_rate(struct ut_opt_call *call, struct ut_rateest_info *info)
{
	static const struct {
		const char *inv, *twice;
		uint16_t flag;
	} tab[] = {
		[O_BPS1] = { "rateest-bps", "--rateest-bps1", RE_BPS },
		[O_PPS1] = { "rateest-pps", "--rateest-pps1", RE_PPS },
		[O_BPS2] = { "rateest-bps", "--rateest-bps2", RE_BPS },
		[O_PPS2] = { "rateest-pps", "--rateest-pps2", RE_PPS },
	};
	unsigned id = call->opt->id;
	uint32_t *val = id == O_BPS1 ? &info->bps1 : id == O_PPS1 ?
			&info->pps1 : id == O_BPS2 ? &info->bps2 : &info->pps2;
	int ret = rateest_once(call, info, tab[id].inv, tab[id].twice);

	if (ret < 0)
		return ret;
	info->flags |= tab[id].flag;
	return rateest_value(call, tab[id].flag == RE_BPS, val);
}

static int
rateest_parse_mode(struct ut_opt_call *call, struct ut_rateest_info *info)
{
	static const uint16_t modes[] = {
		[O_LT] = RE_MODE_LT, [O_GT] = RE_MODE_GT, [O_EQ] = RE_MODE_EQ,
	};
	unsigned bit = 1u << call->opt->id;

	if (info->seen & bit)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "rateest: can't specify lt/gt/eq twice");
	info->seen |= bit;
	info->mode = modes[call->opt->id];
	if (call->invert)
		info->flags |= RE_INVERT;
	return 0;
}

static int
rateest_parse(struct ut_opt_call *call)
{
	struct ut_rateest_info *info = call->data;
	int ret;

	switch (call->opt->id) {
	case O_RATEEST1:
	case O_RATEEST2:
		ret = rateest_once(call, info, "rateest",
				   call->opt->id == O_RATEEST1 ?
				   "--rateest1" : "--rateest2");
		if (ret < 0)
			return ret;
		if (call->opt->id == O_RATEEST1) {
			ut_strput(info->name1, sizeof(info->name1),
				       call->arg);
		} else {
			ut_strput(info->name2, sizeof(info->name2),
				       call->arg);
			info->flags |= RE_REL;
		}
		return 0;
	case O_DELTA:
		ret = rateest_once(call, info, "rateest-delta",
				   "--rateest-delta");
		if (ret == 0)
			info->flags |= RE_DELTA;
		return ret;
	case O_LT:
	case O_GT:
	case O_EQ:
		return rateest_parse_mode(call, info);
	default:
		return rateest_parse_rate(call, info);
	}
}

static int
rateest_final_check(struct ut_fcheck_call *call)
{
	struct ut_rateest_info *info = call->data;

	if (!(info->flags & RE_REL))
		info->flags |= RE_ABS;
	return 0;
}

/* rateest_print_rate: bytes/s as bits (numeric: the raw bytes/s) */
static void
rateest_print_rate(uint32_t rate, bool numeric, struct ut_buf *out)
{
	double tmp = (double)rate * 8;

	if (numeric)
		ut_buf_printf(out, " %u", rate);
	else if (tmp >= 1000.0 * 1000000.0)
		ut_buf_printf(out, " %.0fMbit", tmp / 1000000.0);
	else if (tmp >= 1000.0 * 1000.0)
		ut_buf_printf(out, " %.0fKbit", tmp / 1000.0);
	else
		ut_buf_printf(out, " %.0fbit", tmp);
}

static void
rateest_print_mode(const struct ut_rateest_info *info, const char *pfx,
		   struct ut_buf *out)
{
	static const char *const names[] = {
		[RE_MODE_EQ] = "eq", [RE_MODE_LT] = "lt", [RE_MODE_GT] = "gt",
	};

	if (info->flags & RE_INVERT)
		ut_buf_puts(out, " !");
	/* iptables exits here on an unknown mode; the kernel refuses it */
	if (info->mode >= RE_MODE_EQ && info->mode <= RE_MODE_GT)
		ut_buf_printf(out, " %s%s", pfx, names[info->mode]);
}

static void
rateest_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_rateest_info *info = pc->data;

	ut_buf_printf(out, " rateest match %s", info->name1);
	if (info->flags & RE_DELTA)
		ut_buf_puts(out, " delta");
	if (info->flags & RE_BPS) {
		ut_buf_puts(out, " bps");
		if (info->flags & RE_DELTA)
			rateest_print_rate(info->bps1, pc->numeric, out);
		if (info->flags & RE_ABS) {
			rateest_print_rate(info->bps2, pc->numeric, out);
			rateest_print_mode(info, "", out);
		}
	}
	if (info->flags & RE_PPS) {
		ut_buf_puts(out, " pps");
		if (info->flags & RE_DELTA)
			ut_buf_printf(out, " %u", info->pps1);
		if (info->flags & RE_ABS) {
			rateest_print_mode(info, "", out);
			ut_buf_printf(out, " %u", info->pps2);
		}
	}
	if (info->flags & RE_REL) {
		rateest_print_mode(info, "", out);
		ut_buf_printf(out, " %s", info->name2);
		if (info->flags & RE_BPS) {
			ut_buf_puts(out, " bps");
			if (info->flags & RE_DELTA)
				rateest_print_rate(info->bps2, pc->numeric,
						   out);
		}
		if (info->flags & RE_PPS) {
			ut_buf_puts(out, " pps");
			if (info->flags & RE_DELTA)
				ut_buf_printf(out, " %u", info->pps2);
		}
	}
}

/* rateest_save_rate: one of bps/pps; pps values are printed as numbers */
static void
rateest_save_rate(const struct ut_rateest_info *info, const char *name,
		  uint32_t r1, uint32_t r2, bool numeric, struct ut_buf *out)
{
	if (info->flags & RE_DELTA) {
		ut_buf_printf(out, " --rateest-%s1", name);
		rateest_print_rate(r1, numeric, out);
		rateest_print_mode(info, "--rateest-", out);
		ut_buf_printf(out, " --rateest-%s2", name);
	} else {
		rateest_print_mode(info, "--rateest-", out);
		ut_buf_printf(out, " --rateest-%s", name);
	}
	if (info->flags & (RE_ABS | RE_DELTA))
		rateest_print_rate(r2, numeric, out);
}

static void
rateest_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_rateest_info *info = pc->data;

	if (info->flags & RE_DELTA)
		ut_buf_puts(out, " --rateest-delta");
	ut_buf_printf(out, info->flags & RE_REL ? " --rateest1 %s" :
		      " --rateest %s", info->name1);
	if (info->flags & RE_BPS)
		rateest_save_rate(info, "bps", info->bps1, info->bps2, false,
				  out);
	if (info->flags & RE_PPS)
		rateest_save_rate(info, "pps", info->pps1, info->pps2, true,
				  out);
	if (info->flags & RE_REL)
		ut_buf_printf(out, " --rateest2 %s", info->name2);
}

/* rateest_kcheck: rateest_mt_checkentry. The estimators named must exist
 * (made by a RATEEST rule anywhere in the namespace, -ENOENT otherwise):
 * that lookup needs the whole rule set, which ut_kcheck does not carry,
 * so it is not done here. */
static int
rateest_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_rateest_info *info = kc->data;
	unsigned absrel = info->flags & (RE_ABS | RE_REL);

	if (absrel != RE_ABS && absrel != RE_REL)
		return -EINVAL;
	if (!(info->flags & (RE_BPS | RE_PPS)))
		return -EINVAL;
	if (info->mode < RE_MODE_EQ || info->mode > RE_MODE_GT)
		return -EINVAL;
	return 0;
}

/* ---- packet evaluation (xt_rateest_mt) ------------------------------------ */

struct rateest_state {
	struct ut_rateest *est1, *est2;
};

static void
rateest_state_free(struct ut_engine *eng, void *state)
{
	struct rateest_state *s = state;

	if (s->est1)
		ut_rateest_put(eng, s->est1);
	if (s->est2)
		ut_rateest_put(eng, s->est2);
	free(s);
}

/* xt_rateest_mt_checkentry: the estimators must exist */
static int
rateest_state_new(struct ut_engine *eng, const void *data, void **state,
		  struct ut_err *err)
{
	const struct ut_rateest_info *info = data;
	struct rateest_state *s = calloc(1, sizeof(*s));

	if (!s)
		return ut_err_set(err, 2, "out of memory");
	s->est1 = ut_rateest_find(eng, info->name1, err);
	if (s->est1 && (info->flags & RE_REL))
		s->est2 = ut_rateest_find(eng, info->name2, err);
	if (!s->est1 || ((info->flags & RE_REL) && !s->est2)) {
		rateest_state_free(eng, s);
		return -1;
	}
	*state = s;
	return 0;
}

/* a rate of the estimator, or what it leaves of the given one (delta) */
static void
rateest_rates(const struct ut_rateest_info *info, struct ut_engine *e,
	      struct ut_rateest *est, uint32_t b, uint32_t p, uint32_t *bo,
	      uint32_t *po)
{
	uint64_t bps, pps;

	ut_rateest_read(e, est, &bps, &pps);
	if (info->flags & RE_DELTA) {
		*bo = b >= bps ? (uint32_t)(b - bps) : 0;
		*po = p >= pps ? (uint32_t)(p - pps) : 0;
	} else {
		*bo = (uint32_t)bps;
		*po = (uint32_t)pps;
	}
}

static bool
rateest_cmp(uint16_t mode, uint32_t a, uint32_t b)
{
	switch (mode) {
	case RE_MODE_LT:
		return a < b;
	case RE_MODE_GT:
		return a > b;
	case RE_MODE_EQ:
		return a == b;
	}
	return true;
}

static bool
rateest_match(struct ut_xt_par *par)
{
	const struct ut_rateest_info *info = par->data;
	struct rateest_state *s = par->state;
	uint32_t bps1, pps1, bps2, pps2;
	bool ret = true;

	rateest_rates(info, par->eng, s->est1, info->bps1, info->pps1, &bps1,
		      &pps1);
	if (info->flags & RE_ABS) {
		bps2 = info->bps2;
		pps2 = info->pps2;
	} else {
		rateest_rates(info, par->eng, s->est2, info->bps2, info->pps2,
			      &bps2, &pps2);
	}
	if (info->flags & RE_BPS)
		ret &= rateest_cmp(info->mode, bps1, bps2);
	if (info->flags & RE_PPS)
		ret &= rateest_cmp(info->mode, pps1, pps2);
	return ret ^ ((info->flags & RE_INVERT) != 0);
}

const struct ut_ext ut_ext_rateest = {
	.name = "rateest",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_rateest_info),
	.cmp_size = offsetof(struct ut_rateest_info, seen),
	.opts = rateest_opts,
	.parse = rateest_parse,
	.final_check = rateest_final_check,
	.print = rateest_print,
	.save = rateest_save,
	.kcheck = rateest_kcheck,
	.match = rateest_match,
	.state_new = rateest_state_new,
	.state_free = rateest_state_free,
};
