/* xt_DSCP.c: the DSCP target (--set-dscp value, --set-dscp-class name);
 * reproduces iptables 1.8.9 extensions/libxt_DSCP.c and Linux
 * net/netfilter/xt_DSCP.c (mangle only, checkentry). */
#include <errno.h>
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"
#include "ext/dscp.h"

#define UT_DSCP_MAX 0x3f

/* struct xt_DSCP_info (linux/netfilter/xt_DSCP.h) */
struct ut_DSCP_info {
	uint8_t dscp;
};

enum {
	O_SET_DSCP = 0,
	O_SET_DSCP_CLASS,
	F_SET_DSCP = 1 << O_SET_DSCP,
	F_SET_DSCP_CLASS = 1 << O_SET_DSCP_CLASS,
};

static const struct ut_opt DSCP_opts[] = {
	{ .name = "set-dscp", .id = O_SET_DSCP, .type = UT_OPT_UINT8,
	  .excl = F_SET_DSCP_CLASS, .min = 0, .max = UT_DSCP_MAX,
	  .flags = UT_OPTF_PUT, .off = offsetof(struct ut_DSCP_info, dscp) },
	{ .name = "set-dscp-class", .id = O_SET_DSCP_CLASS,
	  .type = UT_OPT_STRING, .excl = F_SET_DSCP },
	UT_OPT_END
};

static int
DSCP_parse(struct ut_opt_call *call)
{
	struct ut_DSCP_info *info = call->data;

	if (call->opt->id == O_SET_DSCP_CLASS &&
	    ut_dscp_class(call->arg, &info->dscp) < 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Invalid DSCP value `%s'", call->arg);
	return 0;
}

static int
DSCP_final_check(struct ut_fcheck_call *call)
{
	if (call->xflags == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"DSCP target: Parameter --set-dscp is required");
	return 0;
}

static void
DSCP_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_DSCP_info *info = pc->data;

	ut_buf_printf(out, " DSCP set 0x%02x", info->dscp);
}

static void
DSCP_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_DSCP_info *info = pc->data;

	ut_buf_printf(out, " --set-dscp 0x%02x", info->dscp);
}

static int
DSCP_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_DSCP_info *info = kc->data;

	if (info->dscp > UT_DSCP_MAX) {
		ut_buf_printf(kc->dmesg, "xt_DSCP: dscp %x out of range",
			      info->dscp);
		return -EDOM;
	}
	return 0;
}

/* dscp_tg: the ECN bits kept, only a different DSCP rewrites */
static unsigned
DSCP_tg(struct ut_xt_par *par)
{
	const struct ut_DSCP_info *info = par->data;
	uint8_t *iph = par->pkt->ip;

	if ((iph[UT_IP_OFF_TOS] >> 2) != info->dscp)
		ut_ipv4_change_dsfield(iph, 0x03, (uint8_t)(info->dscp << 2));
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_DSCP = {
	.name = "DSCP",
	.revision = 0,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_DSCP_info),
	.opts = DSCP_opts,
	.table = "mangle",
	.parse = DSCP_parse,
	.final_check = DSCP_final_check,
	.print = DSCP_print,
	.save = DSCP_save,
	.kcheck = DSCP_kcheck,
	.target = DSCP_tg,
};
