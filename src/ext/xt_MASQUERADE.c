/* xt_MASQUERADE.c: the MASQUERADE target (iptables 1.8.9
 * extensions/libxt_NAT.c; kernel net/netfilter/xt_MASQUERADE.c). Parsing
 * and checks are ext/nat_range.c's. */
#include "rules/ext.h"
#include "ext/nat_range.h"

static const struct ut_opt masq_opts[] = {
	{ .name = "to-ports", .id = UT_NAT_O_TO_PORTS, .type = UT_OPT_STRING },
	{ .name = "random", .id = UT_NAT_O_RANDOM, .type = UT_OPT_NONE },
	{ .name = "random-fully", .id = UT_NAT_O_RANDOM_FULLY,
	  .type = UT_OPT_NONE },
	UT_OPT_END
};

static void
masq_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_nat_print_mrc(out, pc->data, "masq ports: ", "", true);
}

static void
masq_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_nat_print_mrc(out, pc->data, "--to-ports ", "--", true);
}

/* iptables keeps a shifted range here (SNAT_fcheck), the base is lost */
const struct ut_ext ut_ext_MASQUERADE = {
	.name = "MASQUERADE", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_nat_ipv4_mrc),
	.cmp_size = sizeof(struct ut_nat_ipv4_mrc),
	.opts = masq_opts,
	.table = "nat", .hooks = UT_HM_POST,
	.parse = ut_nat_parse_mrc, .final_check = ut_nat_final_mrc,
	.print = masq_print, .save = masq_save, .kcheck = ut_nat_kcheck_ports,
};
