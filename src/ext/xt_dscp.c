/* xt_dscp.c: the dscp match (--dscp value, --dscp-class name);
 * reproduces iptables 1.8.9 extensions/libxt_dscp.c and the checkentry
 * of Linux net/netfilter/xt_dscp.c. */
#include <errno.h>
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"
#include "ext/dscp.h"

#define UT_DSCP_MAX 0x3f

/* struct xt_dscp_info (linux/netfilter/xt_dscp.h) */
struct ut_dscp_info {
	uint8_t dscp;
	uint8_t invert;
};

enum {
	O_DSCP = 0,
	O_DSCP_CLASS,
	F_DSCP = 1 << O_DSCP,
	F_DSCP_CLASS = 1 << O_DSCP_CLASS,
};

static const struct ut_opt dscp_opts[] = {
	{ .name = "dscp", .id = O_DSCP, .type = UT_OPT_UINT8,
	  .excl = F_DSCP_CLASS, .min = 0, .max = UT_DSCP_MAX,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_dscp_info, dscp) },
	{ .name = "dscp-class", .id = O_DSCP_CLASS, .type = UT_OPT_STRING,
	  .excl = F_DSCP, .flags = UT_OPTF_INVERT },
	UT_OPT_END
};

static int
dscp_parse(struct ut_opt_call *call)
{
	struct ut_dscp_info *info = call->data;

	if (call->opt->id == O_DSCP_CLASS &&
	    ut_dscp_class(call->arg, &info->dscp) < 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Invalid DSCP value `%s'", call->arg);
	if (call->invert)
		info->invert = 1;
	return 0;
}

static int
dscp_final_check(struct ut_fcheck_call *call)
{
	if (call->xflags == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "DSCP match: Parameter --dscp is required");
	return 0;
}

static void
dscp_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_dscp_info *info = pc->data;

	ut_buf_printf(out, " DSCP match %s0x%02x", info->invert ? "!" : "",
		      info->dscp);
}

static void
dscp_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_dscp_info *info = pc->data;

	ut_buf_printf(out, "%s --dscp 0x%02x", info->invert ? " !" : "",
		      info->dscp);
}

/* userspace never stores more than 6 bits; kept for restore files */
static int
dscp_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_dscp_info *info = kc->data;

	if (info->dscp > UT_DSCP_MAX) {
		ut_buf_printf(kc->dmesg, "xt_dscp: dscp %x out of range",
			      info->dscp);
		return -EDOM;
	}
	return 0;
}

/* dscp_mt: the upper six bits of the TOS byte (ECN bits ignored) */
static bool
dscp_match(struct ut_xt_par *par)
{
	const struct ut_dscp_info *info = par->data;
	uint8_t dscp = par->pkt->ip[UT_IP_OFF_TOS] >> 2;

	return (dscp == info->dscp) ^ !!info->invert;
}

const struct ut_ext ut_ext_dscp = {
	.name = "dscp",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_dscp_info),
	.opts = dscp_opts,
	.parse = dscp_parse,
	.final_check = dscp_final_check,
	.print = dscp_print,
	.save = dscp_save,
	.kcheck = dscp_kcheck,
	.match = dscp_match,
};
