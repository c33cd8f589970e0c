/* xt_DNAT.c: the DNAT target, revisions 0 and 2 (iptables 1.8.9
 * extensions/libxt_NAT.c; kernel net/netfilter/xt_nat.c). iptables uses
 * revision 2 when the kernel has it (Linux >= 4.18), which allows shifted
 * port ranges ("a-b/base"). Parsing and checks are ext/nat_range.c's. */
#include "rules/ext.h"
#include "engine/engine.h"
#include "ext/nat_range.h"
#include "nat/nat.h"

/* xt_dnat_target_v0/v2: the connection's destination binding */
static unsigned
dnat_setup(struct ut_xt_par *par, const struct ut_nat_range2 *range)
{
	unsigned ctinfo;
	struct ut_conn *ct = ut_ct_get(par->pkt, &ctinfo);

	/* NAT runs the table for a connection only */
	if (!ct)
		return UT_NF_DROP;
	return ut_nat_setup_info(par->eng, ct, range, UT_NAT_MANIP_DST);
}

static const struct ut_opt dnat_opts[] = {
	{ .name = "to-destination", .id = UT_NAT_O_TO, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND,
	  .arg = "addr[-addr][:port[-port]]",
	  .help = "new destination address (range) and port (range)" },
	{ .name = "random", .id = UT_NAT_O_RANDOM, .type = UT_OPT_NONE,
	  .help = "pick the port at random" },
	{ .name = "persistent", .id = UT_NAT_O_PERSISTENT,
	  .type = UT_OPT_NONE,
	  .help = "give a client the same address for every connection" },
	UT_OPT_END
};

/* ---- revision 0: struct nf_nat_ipv4_multi_range_compat ---------------- */

static void
dnat0_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_nat_print_mrc(out, pc->data, "to:", "", false);
}

static void
dnat0_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_nat_print_mrc(out, pc->data, "--to-destination ", "--", false);
}

static unsigned
dnat0_target(struct ut_xt_par *par)
{
	struct ut_nat_range2 range;

	ut_nat_range_from_mrc(&range, par->data);
	return dnat_setup(par, &range);
}

const struct ut_ext ut_ext_DNAT0 = {
	.name = "DNAT", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_nat_ipv4_mrc),
	.cmp_size = sizeof(struct ut_nat_ipv4_mrc),
	.opts = dnat_opts,
	.table = "nat", .hooks = UT_HM_PRE | UT_HM_OUT,
	.parse = ut_nat_parse_mrc, .final_check = ut_nat_final_mrc_noshift,
	.print = dnat0_print, .save = dnat0_save, .kcheck = ut_nat_kcheck_v0,
	.target = dnat0_target,
};

/* ---- revision 2: struct nf_nat_range2 ---------------------------------- */

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

static unsigned
dnat2_target(struct ut_xt_par *par)
{
	return dnat_setup(par, par->data);
}

const struct ut_ext ut_ext_DNAT = {
	.name = "DNAT", .revision = 2, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_nat_range2),
	.cmp_size = sizeof(struct ut_nat_range2),
	.opts = dnat_opts,
	.table = "nat", .hooks = UT_HM_PRE | UT_HM_OUT,
	.parse = ut_nat_parse_range2,
	.print = dnat2_print, .save = dnat2_save, .target = dnat2_target,
};
