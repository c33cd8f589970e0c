/* xt_DNAT.c: the DNAT target, revisions 0 and 2 (iptables 1.8.9
 * extensions/libxt_NAT.c; kernel net/netfilter/xt_nat.c). iptables uses
 * revision 2 when the kernel has it (Linux >= 4.18), which allows shifted
 * port ranges ("a-b/base"). */
#include <errno.h>
#include <stddef.h>

#include "rules/ext.h"
#include "ext/natlog_util.h"

enum {
	O_TO_DEST = 0,
	O_RANDOM,
	O_PERSISTENT,
};

static const struct ut_opt dnat_opts[] = {
	{ .name = "to-destination", .id = O_TO_DEST, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND },
	{ .name = "random", .id = O_RANDOM, .type = UT_OPT_NONE },
	{ .name = "persistent", .id = O_PERSISTENT, .type = UT_OPT_NONE },
	UT_OPT_END
};

/* dnat_parse_range: one option into an nf_nat_range2 (ORing flags) */
static int
dnat_parse_range(struct ut_opt_call *call, struct ut_nat_range2 *r)
{
	switch (call->opt->id) {
	case O_TO_DEST:
		return ut_natrange_parse_to(call->arg, call->ip->proto, r,
					    call->err);
	case O_RANDOM:
		r->flags |= UT_NAT_RANGE_PROTO_RANDOM;
		break;
	case O_PERSISTENT:
		r->flags |= UT_NAT_RANGE_PERSISTENT;
		break;
	}
	return 0;
}

/* ---- revision 0: struct nf_nat_ipv4_multi_range_compat ---------------- */

static int
dnat0_parse(struct ut_opt_call *call)
{
	struct ut_nat_range2 r = { 0 };
	int ret = dnat_parse_range(call, &r);

	if (ret < 0)
		return ret;
	ut_natrange_merge_mrc(call->data, &r, call->opt->id == O_TO_DEST ?
			      UT_NATRANGE_MERGE_ALL : UT_NATRANGE_MERGE_FLAGS);
	return 0;
}

static int
dnat0_final_check(struct ut_fcheck_call *call)
{
	struct ut_nat_ipv4_mrc *mr = call->data;

	mr->rangesize = 1;
	if (mr->range[0].flags & UT_NAT_RANGE_PROTO_OFFSET)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"Shifted portmap ranges not supported with this kernel");
	return 0;
}

static void
dnat0_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	struct ut_nat_range2 r;

	ut_natrange_from_mrc(pc->data, &r);
	ut_natrange_print(out, &r, "to:", "", false);
}

static void
dnat0_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	struct ut_nat_range2 r;

	ut_natrange_from_mrc(pc->data, &r);
	ut_natrange_print(out, &r, "--to-destination ", "--", false);
}

/* xt_nat_checkentry_v0 */
static int
dnat0_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_nat_ipv4_mrc *mr = kc->data;

	if (mr->rangesize != 1) {
		ut_buf_puts(kc->dmesg,
			    "xt_nat: multiple ranges no longer supported");
		return -EINVAL;
	}
	return 0;
}

const struct ut_ext ut_ext_DNAT0 = {
	.name = "DNAT", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_nat_ipv4_mrc),
	.cmp_size = sizeof(struct ut_nat_ipv4_mrc),
	.opts = dnat_opts,
	.table = "nat", .hooks = UT_HM_PRE | UT_HM_OUT,
	.parse = dnat0_parse, .final_check = dnat0_final_check,
	.print = dnat0_print, .save = dnat0_save, .kcheck = dnat0_kcheck,
};

/* ---- revision 2: struct nf_nat_range2 ---------------------------------- */

static int
dnat2_parse(struct ut_opt_call *call)
{
	return dnat_parse_range(call, call->data);
}

static void
dnat2_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_natrange_print(out, pc->data, "to:", "", false);
}

static void
dnat2_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_natrange_print(out, pc->data, "--to-destination ", "--", false);
}

const struct ut_ext ut_ext_DNAT = {
	.name = "DNAT", .revision = 2, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_nat_range2),
	.cmp_size = sizeof(struct ut_nat_range2),
	.opts = dnat_opts,
	.table = "nat", .hooks = UT_HM_PRE | UT_HM_OUT,
	.parse = dnat2_parse,
	.print = dnat2_print, .save = dnat2_save,
};
