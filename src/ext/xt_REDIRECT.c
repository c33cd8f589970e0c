/* xt_REDIRECT.c: the REDIRECT target (iptables 1.8.9
 * extensions/libxt_NAT.c; kernel net/netfilter/xt_REDIRECT.c). */
#include <errno.h>
#include <stddef.h>

#include "rules/ext.h"
#include "ext/natlog_util.h"

enum {
	O_TO_PORTS = 0,
	O_RANDOM,
};

static const struct ut_opt redir_opts[] = {
	{ .name = "to-ports", .id = O_TO_PORTS, .type = UT_OPT_STRING },
	{ .name = "random", .id = O_RANDOM, .type = UT_OPT_NONE },
	UT_OPT_END
};

static int
redir_parse(struct ut_opt_call *call)
{
	struct ut_nat_range2 r = { 0 };
	int ret;

	if (call->opt->id == O_RANDOM) {
		r.flags = UT_NAT_RANGE_PROTO_RANDOM;
		ut_natrange_merge_mrc(call->data, &r, UT_NATRANGE_MERGE_FLAGS);
		return 0;
	}
	ret = ut_natrange_parse_ports(call->arg, call->ip->proto, &r,
				      call->err);
	if (ret < 0)
		return ret;
	ut_natrange_merge_mrc(call->data, &r, UT_NATRANGE_MERGE_PORTS);
	return 0;
}

/* REDIRECT has only revision 0, which cannot hold a base port */
static int
redir_final_check(struct ut_fcheck_call *call)
{
	struct ut_nat_ipv4_mrc *mr = call->data;

	mr->rangesize = 1;
	if (mr->range[0].flags & UT_NAT_RANGE_PROTO_OFFSET)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"Shifted portmap ranges not supported with this kernel");
	return 0;
}

static void
redir_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	struct ut_nat_range2 r;

	ut_natrange_from_mrc(pc->data, &r);
	ut_natrange_print(out, &r, "redir ports ", "", true);
}

static void
redir_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	struct ut_nat_range2 r;

	ut_natrange_from_mrc(pc->data, &r);
	ut_natrange_print(out, &r, "--to-ports ", "--", true);
}

/* redirect_tg4_check: its messages are pr_debug, so nothing is logged */
static int
redir_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_nat_ipv4_mrc *mr = kc->data;

	if ((mr->range[0].flags & UT_NAT_RANGE_MAP_IPS) || mr->rangesize != 1)
		return -EINVAL;
	return 0;
}

const struct ut_ext ut_ext_REDIRECT = {
	.name = "REDIRECT", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_nat_ipv4_mrc),
	.cmp_size = sizeof(struct ut_nat_ipv4_mrc),
	.opts = redir_opts,
	.table = "nat", .hooks = UT_HM_PRE | UT_HM_OUT,
	.parse = redir_parse, .final_check = redir_final_check,
	.print = redir_print, .save = redir_save, .kcheck = redir_kcheck,
};
