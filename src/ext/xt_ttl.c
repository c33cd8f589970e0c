/* xt_ttl.c: the ttl match (--ttl-eq/--ttl-lt/--ttl-gt); reproduces
 * iptables 1.8.9 extensions/libipt_ttl.c (Linux ipt_ttl in xt_hl.c has
 * no checkentry). */
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct ipt_ttl_info (linux/netfilter_ipv4/ipt_ttl.h) */
struct ut_ttl_info {
	uint8_t mode;  /* UT_TTL_* */
	uint8_t ttl;
};

enum {
	UT_TTL_EQ = 0,
	UT_TTL_NE,
	UT_TTL_LT,
	UT_TTL_GT,
};

enum {
	O_TTL_EQ = 0,
	O_TTL_LT,
	O_TTL_GT,
	F_TTL_EQ = 1 << O_TTL_EQ,
	F_TTL_LT = 1 << O_TTL_LT,
	F_TTL_GT = 1 << O_TTL_GT,
	F_ANY = F_TTL_EQ | F_TTL_LT | F_TTL_GT,
};

/* iptables' table order (lt, gt, eq, then the old "--ttl" spelling of
 * --ttl-eq); it decides which name the "cannot be used together" message
 * shows first. */
static const struct ut_opt ttl_opts[] = {
	{ .name = "ttl-lt", .id = O_TTL_LT, .type = UT_OPT_UINT8,
	  .excl = F_ANY, .flags = UT_OPTF_PUT,
	  .off = offsetof(struct ut_ttl_info, ttl) },
	{ .name = "ttl-gt", .id = O_TTL_GT, .type = UT_OPT_UINT8,
	  .excl = F_ANY, .flags = UT_OPTF_PUT,
	  .off = offsetof(struct ut_ttl_info, ttl) },
	{ .name = "ttl-eq", .id = O_TTL_EQ, .type = UT_OPT_UINT8,
	  .excl = F_ANY, .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_ttl_info, ttl) },
	/* xtables finds an option's entry by id, so "--ttl" behaves as
	 * --ttl-eq, inversion included */
	{ .name = "ttl", .id = O_TTL_EQ, .type = UT_OPT_UINT8,
	  .excl = F_ANY, .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_ttl_info, ttl) },
	UT_OPT_END
};

static int
ttl_parse(struct ut_opt_call *call)
{
	struct ut_ttl_info *info = call->data;

	switch (call->opt->id) {
	case O_TTL_EQ:
		info->mode = call->invert ? UT_TTL_NE : UT_TTL_EQ;
		break;
	case O_TTL_LT:
		info->mode = UT_TTL_LT;
		break;
	case O_TTL_GT:
		info->mode = UT_TTL_GT;
		break;
	}
	return 0;
}

static int
ttl_final_check(struct ut_fcheck_call *call)
{
	if (!(call->xflags & F_ANY))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"TTL match: You must specify one of "
			"`--ttl-eq', `--ttl-lt', `--ttl-gt");
	return 0;
}

static void
ttl_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	static const char *const ops[] = {
		[UT_TTL_EQ] = "==", [UT_TTL_NE] = "!=",
		[UT_TTL_LT] = "<", [UT_TTL_GT] = ">",
	};
	const struct ut_ttl_info *info = pc->data;

	ut_buf_puts(out, " TTL match ");
	if (info->mode <= UT_TTL_GT)
		ut_buf_printf(out, "TTL %s", ops[info->mode]);
	ut_buf_printf(out, " %u", info->ttl);
}

static void
ttl_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	static const char *const opts[] = {
		[UT_TTL_EQ] = " --ttl-eq", [UT_TTL_NE] = " ! --ttl-eq",
		[UT_TTL_LT] = " --ttl-lt", [UT_TTL_GT] = " --ttl-gt",
	};
	const struct ut_ttl_info *info = pc->data;

	if (info->mode <= UT_TTL_GT)
		ut_buf_puts(out, opts[info->mode]);
	ut_buf_printf(out, " %u", info->ttl);
}

/* ttl_mt; an unknown mode never matches */
static bool
ttl_match(struct ut_xt_par *par)
{
	const struct ut_ttl_info *info = par->data;
	uint8_t ttl = par->pkt->ip[UT_IP_OFF_TTL];

	switch (info->mode) {
	case UT_TTL_EQ:
		return ttl == info->ttl;
	case UT_TTL_NE:
		return ttl != info->ttl;
	case UT_TTL_LT:
		return ttl < info->ttl;
	case UT_TTL_GT:
		return ttl > info->ttl;
	}
	return false;
}

const struct ut_ext ut_ext_ttl = {
	.name = "ttl",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_ttl_info),
	.opts = ttl_opts,
	.parse = ttl_parse,
	.final_check = ttl_final_check,
	.print = ttl_print,
	.save = ttl_save,
	.match = ttl_match,
};
