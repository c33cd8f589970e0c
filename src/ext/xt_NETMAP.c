/* xt_NETMAP.c: the NETMAP target, 1:1 network mapping (iptables 1.8.9
 * extensions/libipt_NETMAP.c; kernel net/netfilter/xt_NETMAP.c). */
#include <errno.h>
#include <stddef.h>

#include "rules/ext.h"
#include "engine/engine.h"
#include "ext/hostmask.h"
#include "ext/nat_range.h"
#include "nat/nat.h"

enum {
	O_TO = 0,
};

/* --to is parsed by ut_hostmask_parse rather than as UT_OPT_HOSTMASK:
 * libxtables 1.8.9 reads a mask it cannot take as a prefix length through
 * getaddrinfo() ("/33" is the mask 0.0.0.33), and any mask that is not
 * contiguous ends up as /32. */
static const struct ut_opt netmap_opts[] = {
	{ .name = "to", .id = O_TO, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND },
	UT_OPT_END
};

/* the kernel ignores rangesize, iptables sets it to 1 anyway */
static void
netmap_init(void *data)
{
	struct ut_nat_ipv4_mrc *mr = data;

	mr->rangesize = 1;
}

static int
netmap_parse(struct ut_opt_call *call)
{
	struct ut_nat_ipv4_range *r = &((struct ut_nat_ipv4_mrc *)
					call->data)->range[0];
	uint32_t addr = 0, mask = UINT32_MAX;
	int ret = ut_hostmask_parse(call, &addr, &mask);

	if (ret < 0)
		return ret;
	r->flags |= UT_NAT_RANGE_MAP_IPS;
	r->min_ip = addr & mask;
	r->max_ip = r->min_ip | ~mask;
	return 0;
}

/* netmap_addr: "addr/bits", or "addr/dotted" for a mask with holes */
static void
netmap_addr(const struct ut_nat_ipv4_mrc *mr, struct ut_buf *out)
{
	const struct ut_nat_ipv4_range *r = &mr->range[0];
	uint32_t mask = ~(r->min_ip ^ r->max_ip);
	int bits = ut_mask_to_plen(mask);
	char s[16];

	ut_buf_puts(out, ut_ipv4_ntoa(r->min_ip, s));
	if (bits < 0)
		ut_buf_printf(out, "/%s", ut_ipv4_ntoa(mask, s));
	else
		ut_buf_printf(out, "/%d", bits);
}

static void
netmap_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_buf_puts(out, " to:");
	netmap_addr(pc->data, out);
}

static void
netmap_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_buf_puts(out, " --to ");
	netmap_addr(pc->data, out);
}

/* netmap_tg4_check: its messages are pr_debug, so nothing is logged */
static int
netmap_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_nat_ipv4_mrc *mr = kc->data;

	if (!(mr->range[0].flags & UT_NAT_RANGE_MAP_IPS) ||
	    mr->rangesize != 1)
		return -EINVAL;
	return 0;
}

/* netmap_tg4: PREROUTING and OUTPUT map the destination, POSTROUTING
 * and INPUT the source, into the network of the range, host bits kept */
static unsigned
netmap_target(struct ut_xt_par *par)
{
	const struct ut_nat_ipv4_range *r =
		&((const struct ut_nat_ipv4_mrc *)par->data)->range[0];
	enum ut_nat_manip manip = ut_nat_hook2manip(par->hook);
	unsigned ctinfo;
	struct ut_conn *ct = ut_ct_get(par->pkt, &ctinfo);
	struct ut_nat_range2 range;
	uint32_t ip;

	/* NAT runs the table for a connection only */
	if (!ct)
		return UT_NF_DROP;
	ip = ut_nat_netmap(manip == UT_NAT_MANIP_DST ?
			   ut_ip_daddr_nbo(par->pkt) :
			   ut_ip_saddr_nbo(par->pkt), r->min_ip, r->max_ip);
	range = (struct ut_nat_range2){
		.flags = r->flags | UT_NAT_RANGE_MAP_IPS,
		.min_addr = { ip },
		.max_addr = { ip },
		.min_proto = r->min,
		.max_proto = r->max,
	};
	return ut_nat_setup_info(par->eng, ct, &range, manip);
}

const struct ut_ext ut_ext_NETMAP = {
	.name = "NETMAP", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_nat_ipv4_mrc),
	.cmp_size = sizeof(struct ut_nat_ipv4_mrc),
	.opts = netmap_opts,
	.table = "nat",
	.hooks = UT_HM_PRE | UT_HM_IN | UT_HM_OUT | UT_HM_POST,
	.init = netmap_init, .parse = netmap_parse,
	.print = netmap_print, .save = netmap_save, .kcheck = netmap_kcheck,
	.target = netmap_target,
};
