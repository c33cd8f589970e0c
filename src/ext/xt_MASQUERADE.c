/* xt_MASQUERADE.c: the MASQUERADE target (iptables 1.8.9
 * extensions/libxt_NAT.c; kernel net/netfilter/xt_MASQUERADE.c). Parsing
 * and checks are ext/nat_range.c's. */
#include <stdio.h>

#include "rules/ext.h"
#include "engine/engine.h"
#include "ext/nat_range.h"
#include "host/host.h"
#include "nat/nat.h"

static const struct ut_opt masq_opts[] = {
	{ .name = "to-ports", .id = UT_NAT_O_TO_PORTS, .type = UT_OPT_STRING,
	  .arg = "port[-port]",
	  .help = "source port (range) to use" },
	{ .name = "random", .id = UT_NAT_O_RANDOM, .type = UT_OPT_NONE,
	  .help = "start the search for a free port at a random place" },
	{ .name = "random-fully", .id = UT_NAT_O_RANDOM_FULLY,
	  .type = UT_OPT_NONE,
	  .help = "pick every port at random" },
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

/* nf_nat_masquerade_ipv4: source NAT to the address the host would use
 * on the way out: inet_select_addr on the output device towards the
 * route's next hop. A shifted port range keeps its flag without its base
 * (below); the kernel then offsets from an uninitialised base, here from
 * 0. */
static unsigned
masq_target(struct ut_xt_par *par)
{
	const struct ut_nat_ipv4_mrc *mr = par->data;
	const struct ut_pkt *p = par->pkt;
	unsigned ctinfo;
	struct ut_conn *ct = ut_ct_get(p, &ctinfo);
	struct ut_nat_range2 range;
	uint32_t nh, newsrc;

	/* NAT runs the table for a connection only, in POSTROUTING, where
	 * the packet has its route */
	if (!ct || !p->rt || !par->out)
		return UT_NF_DROP;
	/* from 0.0.0.0: a local packet probably not meant to be
	 * masqueraded */
	if (ct->tuple[UT_CT_DIR_ORIGINAL].src == 0)
		return UT_NF_ACCEPT;
	nh = p->rt->has_gw ? p->rt->nexthop : ut_ip_daddr_nbo(p);
	newsrc = ut_host_select_addr(ut_engine_host(par->eng), par->out, nh);
	if (!newsrc) {
		char line[64];
		int n = snprintf(line, sizeof(line), "%s ate my IP address",
				 par->out->name);

		ut_engine_log(par->eng, line, (size_t)n);
		return UT_NF_DROP;
	}
	range = (struct ut_nat_range2){
		.flags = mr->range[0].flags | UT_NAT_RANGE_MAP_IPS,
		.min_addr = { newsrc },
		.max_addr = { newsrc },
		.min_proto = mr->range[0].min,
		.max_proto = mr->range[0].max,
	};
	return ut_nat_setup_info(par->eng, ct, &range, UT_NAT_MANIP_SRC);
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
	.target = masq_target,
};
