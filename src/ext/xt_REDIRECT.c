/* xt_REDIRECT.c: the REDIRECT target (iptables 1.8.9
 * extensions/libxt_NAT.c; kernel net/netfilter/xt_REDIRECT.c). Parsing
 * and checks are ext/nat_range.c's. */
#include "rules/ext.h"
#include "engine/engine.h"
#include "ext/nat_range.h"
#include "host/host.h"
#include "nat/nat.h"

static const struct ut_opt redir_opts[] = {
	{ .name = "to-ports", .id = UT_NAT_O_TO_PORTS, .type = UT_OPT_STRING,
	  .arg = "port[-port]",
	  .help = "destination port (range) on this host" },
	{ .name = "random", .id = UT_NAT_O_RANDOM, .type = UT_OPT_NONE,
	  .help = "pick the port at random" },
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

/* the first address of dev's ifa_list: the kernel keeps primary
 * addresses sorted by scope, host before link before universe, each
 * inserted after the last one of its scope; secondaries come last */
static uint32_t
primary_addr(const struct ut_iface *dev)
{
	const struct ut_ifaddr *best = NULL;

	for (size_t i = 0; dev && i < dev->n_addrs; i++) {
		const struct ut_ifaddr *a = &dev->addrs[i];

		if (!a->secondary && (!best || a->scope > best->scope))
			best = a;
	}
	return best ? best->addr : 0;
}

/* nf_nat_redirect_ipv4: destination NAT to the host itself: the incoming
 * device's primary address, or 127.0.0.1 for a locally generated packet
 * (a device without an address: dropped) */
static unsigned
redir_target(struct ut_xt_par *par)
{
	const struct ut_nat_ipv4_mrc *mr = par->data;
	unsigned ctinfo;
	struct ut_conn *ct = ut_ct_get(par->pkt, &ctinfo);
	struct ut_nat_range2 range;
	uint32_t newdst;
	static const uint8_t loopback[4] = { 127, 0, 0, 1 };

	/* NAT runs the table for a connection only */
	if (!ct)
		return UT_NF_DROP;
	if (par->hook == UT_HOOK_LOCAL_OUT)
		__builtin_memcpy(&newdst, loopback, 4);
	else
		newdst = primary_addr(par->in);
	if (!newdst)
		return UT_NF_DROP;
	range = (struct ut_nat_range2){
		.flags = mr->range[0].flags | UT_NAT_RANGE_MAP_IPS,
		.min_addr = { newdst },
		.max_addr = { newdst },
		.min_proto = mr->range[0].min,
		.max_proto = mr->range[0].max,
	};
	return ut_nat_setup_info(par->eng, ct, &range, UT_NAT_MANIP_DST);
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
	.target = redir_target,
};
