/* xt_REDIRECT.c: the REDIRECT target (iptables 1.8.9
 * extensions/libxt_NAT.c; kernel net/netfilter/xt_REDIRECT.c). Parsing
 * and checks are ext/nat_range.c's. */
#include "rules/ext.h"
#include "ext/nat_range.h"

static const struct ut_opt redir_opts[] = {
	{ .name = "to-ports", .id = UT_NAT_O_TO_PORTS, .type = UT_OPT_STRING },
	{ .name = "random", .id = UT_NAT_O_RANDOM, .type = UT_OPT_NONE },
	UT_OPT_END
};

static void
redir_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_nat_print_mrc(out, pc->data, "redir ports ", "", true);
}

static void
redir_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_nat_print_mrc(out, pc->data, "--to-ports ", "--", true);
}

/* REDIRECT has only revision 0, which cannot hold a base port */
const struct ut_ext ut_ext_REDIRECT = {
	.name = "REDIRECT", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_nat_ipv4_mrc),
	.cmp_size = sizeof(struct ut_nat_ipv4_mrc),
	.opts = redir_opts,
	.table = "nat", .hooks = UT_HM_PRE | UT_HM_OUT,
	.parse = ut_nat_parse_mrc, .final_check = ut_nat_final_mrc_noshift,
	.print = redir_print, .save = redir_save, .kcheck = ut_nat_kcheck_ports,
};
