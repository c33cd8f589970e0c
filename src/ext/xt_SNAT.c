/* xt_SNAT.c: the SNAT target, revision 0 (iptables 1.8.9
 * extensions/libxt_NAT.c; kernel net/netfilter/xt_nat.c). Parsing and
 * checks are ext/nat_range.c's; what is SNAT's own is its options, its
 * words and its hooks. */
#include "rules/ext.h"
#include "engine/engine.h"
#include "ext/nat_range.h"
#include "nat/nat.h"

static const struct ut_opt snat_opts[] = {
	{ .name = "to-source", .id = UT_NAT_O_TO, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND,
	  .arg = "addr[-addr][:port[-port]]",
	  .help = "new source address (range) and port (range)" },
	{ .name = "random", .id = UT_NAT_O_RANDOM, .type = UT_OPT_NONE,
	  .help = "start the search for a free port at a random place" },
	{ .name = "random-fully", .id = UT_NAT_O_RANDOM_FULLY,
	  .type = UT_OPT_NONE,
	  .help = "pick every port at random" },
	{ .name = "persistent", .id = UT_NAT_O_PERSISTENT,
	  .type = UT_OPT_NONE,
	  .help = "give a client the same address for every connection" },
	UT_OPT_END
};

static void
snat_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_nat_print_mrc(out, pc->data, "to:", "", false);
}

static void
snat_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_nat_print_mrc(out, pc->data, "--to-source ", "--", false);
}

/* xt_snat_target_v0: the connection's source binding into the range */
static unsigned
snat_target(struct ut_xt_par *par)
{
	struct ut_nat_range2 range;
	unsigned ctinfo;
	struct ut_conn *ct = ut_ct_get(par->pkt, &ctinfo);

	/* NAT runs the table for a connection only */
	if (!ct)
		return UT_NF_DROP;
	ut_nat_range_from_mrc(&range, par->data);
	return ut_nat_setup_info(par->eng, ct, &range, UT_NAT_MANIP_SRC);
}

const struct ut_ext ut_ext_SNAT = {
	.name = "SNAT", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_nat_ipv4_mrc),
	.cmp_size = sizeof(struct ut_nat_ipv4_mrc),
	.opts = snat_opts,
	.table = "nat", .hooks = UT_HM_POST | UT_HM_IN,
	.parse = ut_nat_parse_mrc, .final_check = ut_nat_final_mrc,
	.print = snat_print, .save = snat_save, .kcheck = ut_nat_kcheck_v0,
	.target = snat_target,
};
