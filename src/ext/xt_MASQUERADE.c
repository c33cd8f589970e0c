/* xt_MASQUERADE.c: the MASQUERADE target (iptables 1.8.9
 * extensions/libxt_NAT.c; kernel net/netfilter/xt_MASQUERADE.c). */
#include <errno.h>
#include <stddef.h>

#include "rules/ext.h"
#include "ext/natlog_util.h"

enum {
	O_TO_PORTS = 0,
	O_RANDOM,
	O_RANDOM_FULLY,
};

static const struct ut_opt masq_opts[] = {
	{ .name = "to-ports", .id = O_TO_PORTS, .type = UT_OPT_STRING },
	{ .name = "random", .id = O_RANDOM, .type = UT_OPT_NONE },
	{ .name = "random-fully", .id = O_RANDOM_FULLY, .type = UT_OPT_NONE },
	UT_OPT_END
};

static int
masq_parse(struct ut_opt_call *call)
{
	struct ut_nat_range2 r = { 0 };
	int ret;

	switch (call->opt->id) {
	case O_TO_PORTS:
		ret = ut_natrange_parse_ports(call->arg, call->ip->proto, &r,
					      call->err);
		if (ret < 0)
			return ret;
		ut_natrange_merge_mrc(call->data, &r, UT_NATRANGE_MERGE_PORTS);
		return 0;
	case O_RANDOM:
		r.flags = UT_NAT_RANGE_PROTO_RANDOM;
		break;
	case O_RANDOM_FULLY:
		r.flags = UT_NAT_RANGE_PROTO_RANDOM_FULLY;
		break;
	}
	ut_natrange_merge_mrc(call->data, &r, UT_NATRANGE_MERGE_FLAGS);
	return 0;
}

/* iptables keeps a shifted range here (SNAT_fcheck), the base is lost */
static int
masq_final_check(struct ut_fcheck_call *call)
{
	struct ut_nat_ipv4_mrc *mr = call->data;

	mr->rangesize = 1;
	return 0;
}

static void
masq_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	struct ut_nat_range2 r;

	ut_natrange_from_mrc(pc->data, &r);
	ut_natrange_print(out, &r, "masq ports: ", "", true);
}

static void
masq_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	struct ut_nat_range2 r;

	ut_natrange_from_mrc(pc->data, &r);
	ut_natrange_print(out, &r, "--to-ports ", "--", true);
}

/* masquerade_tg_check: its messages are pr_debug, so nothing is logged */
static int
masq_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_nat_ipv4_mrc *mr = kc->data;

	if ((mr->range[0].flags & UT_NAT_RANGE_MAP_IPS) || mr->rangesize != 1)
		return -EINVAL;
	return 0;
}

const struct ut_ext ut_ext_MASQUERADE = {
	.name = "MASQUERADE", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_nat_ipv4_mrc),
	.cmp_size = sizeof(struct ut_nat_ipv4_mrc),
	.opts = masq_opts,
	.table = "nat", .hooks = UT_HM_POST,
	.parse = masq_parse, .final_check = masq_final_check,
	.print = masq_print, .save = masq_save, .kcheck = masq_kcheck,
};
