/* xt_SNAT.c: the SNAT target, revision 0 (iptables 1.8.9
 * extensions/libxt_NAT.c; kernel net/netfilter/xt_nat.c). */
#include <errno.h>
#include <stddef.h>

#include "rules/ext.h"
#include "ext/natlog_util.h"

enum {
	O_TO_SRC = 0,
	O_RANDOM,
	O_RANDOM_FULLY,
	O_PERSISTENT,
};

static const struct ut_opt snat_opts[] = {
	{ .name = "to-source", .id = O_TO_SRC, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND },
	{ .name = "random", .id = O_RANDOM, .type = UT_OPT_NONE },
	{ .name = "random-fully", .id = O_RANDOM_FULLY, .type = UT_OPT_NONE },
	{ .name = "persistent", .id = O_PERSISTENT, .type = UT_OPT_NONE },
	UT_OPT_END
};

static int
snat_parse(struct ut_opt_call *call)
{
	struct ut_nat_range2 r = { 0 };
	int ret;

	switch (call->opt->id) {
	case O_TO_SRC:
		ret = ut_natrange_parse_to(call->arg, call->ip->proto, &r,
					   call->err);
		if (ret < 0)
			return ret;
		ut_natrange_merge_mrc(call->data, &r, UT_NATRANGE_MERGE_ALL);
		return 0;
	case O_RANDOM:
		r.flags = UT_NAT_RANGE_PROTO_RANDOM;
		break;
	case O_RANDOM_FULLY:
		r.flags = UT_NAT_RANGE_PROTO_RANDOM_FULLY;
		break;
	case O_PERSISTENT:
		r.flags = UT_NAT_RANGE_PERSISTENT;
		break;
	}
	ut_natrange_merge_mrc(call->data, &r, UT_NATRANGE_MERGE_FLAGS);
	return 0;
}

static int
snat_final_check(struct ut_fcheck_call *call)
{
	struct ut_nat_ipv4_mrc *mr = call->data;

	mr->rangesize = 1;
	return 0;
}

static void
snat_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	struct ut_nat_range2 r;

	ut_natrange_from_mrc(pc->data, &r);
	ut_natrange_print(out, &r, "to:", "", false);
}

static void
snat_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	struct ut_nat_range2 r;

	ut_natrange_from_mrc(pc->data, &r);
	ut_natrange_print(out, &r, "--to-source ", "--", false);
}

/* xt_nat_checkentry_v0 */
static int
snat_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_nat_ipv4_mrc *mr = kc->data;

	if (mr->rangesize != 1) {
		ut_buf_puts(kc->dmesg,
			    "xt_nat: multiple ranges no longer supported");
		return -EINVAL;
	}
	return 0;
}

const struct ut_ext ut_ext_SNAT = {
	.name = "SNAT", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_nat_ipv4_mrc),
	.cmp_size = sizeof(struct ut_nat_ipv4_mrc),
	.opts = snat_opts,
	.table = "nat", .hooks = UT_HM_POST | UT_HM_IN,
	.parse = snat_parse, .final_check = snat_final_check,
	.print = snat_print, .save = snat_save, .kcheck = snat_kcheck,
};
