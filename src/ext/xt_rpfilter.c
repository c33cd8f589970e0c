/* xt_rpfilter.c: the rpfilter match (reverse path filter: --loose,
 * --validmark, --accept-local, --invert); reproduces iptables 1.8.9
 * extensions/libxt_rpfilter.c and Linux net/ipv4/netfilter/ipt_rpfilter.c
 * (PREROUTING only, raw/mangle only). */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <arpa/inet.h>

#include "engine/engine.h"
#include "rules/ext.h"
#include "host/host.h"
#include "engine/pkt.h"

/* struct xt_rpfilter_info (linux/netfilter/xt_rpfilter.h) */
struct ut_rpfilter_info {
	uint8_t flags;  /* UT_RPFILTER_* */
};

enum {
	UT_RPFILTER_LOOSE = 1 << 0,
	UT_RPFILTER_VALID_MARK = 1 << 1,
	UT_RPFILTER_ACCEPT_LOCAL = 1 << 2,
	UT_RPFILTER_INVERT = 1 << 3,
	UT_RPFILTER_OPTION_MASK = 0x0f,
};

enum {
	O_RPF_LOOSE = 0,
	O_RPF_VMARK,
	O_RPF_ACCEPT_LOCAL,
	O_RPF_INVERT,
};

static const struct ut_opt rpfilter_opts[] = {
	{ .name = "loose", .id = O_RPF_LOOSE, .type = UT_OPT_NONE },
	{ .name = "validmark", .id = O_RPF_VMARK, .type = UT_OPT_NONE },
	{ .name = "accept-local", .id = O_RPF_ACCEPT_LOCAL,
	  .type = UT_OPT_NONE },
	{ .name = "invert", .id = O_RPF_INVERT, .type = UT_OPT_NONE },
	UT_OPT_END
};

/* option id i sets flag 1 << i */
static int
rpfilter_parse(struct ut_opt_call *call)
{
	struct ut_rpfilter_info *info = call->data;

	info->flags |= (uint8_t)(1u << call->opt->id);
	return 0;
}

static void
rpfilter_put(struct ut_buf *out, const struct ut_rpfilter_info *info,
	     const char *prefix)
{
	for (unsigned i = O_RPF_LOOSE; i <= O_RPF_INVERT; i++)
		if (info->flags & (1u << i))
			ut_buf_printf(out, " %s%s", prefix,
				      rpfilter_opts[i].name);
}

static void
rpfilter_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_buf_puts(out, " rpfilter");
	rpfilter_put(out, pc->data, "");
}

static void
rpfilter_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	rpfilter_put(out, pc->data, "--");
}

static int
rpfilter_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_rpfilter_info *info = kc->data;

	if (info->flags & ~UT_RPFILTER_OPTION_MASK) {
		ut_buf_puts(kc->dmesg, "ipt_rpfilter: unknown options");
		return -EINVAL;
	}
	if (strcmp(kc->table, "mangle") != 0 && strcmp(kc->table, "raw") != 0) {
		ut_buf_printf(kc->dmesg, "ipt_rpfilter: only valid in 'raw' "
			      "or 'mangle' table, not '%s'", kc->table);
		return -EINVAL;
	}
	return 0;
}

/* rpfilter_lookup_reverse: the route back to the source (a fib_lookup
 * ignoring link state, from lo, at scope universe, from the packet's
 * destination unless that is multicast, broadcast or 0
 * (rpfilter_get_saddr), with the packet's mark only for --validmark:
 * policy rules see them) must be unicast, or
 * local with --accept-local, and leave through the device the packet came
 * in on (fib_info_nh_uses_dev: the route's one next hop; no VRFs), unless
 * --loose. A lookup error (no route, unreachable/blackhole/prohibit) is no
 * match. */
static bool
rpfilter_lookup_reverse(const struct ut_host *h, const struct ut_flow *fl,
			const struct ut_iface *in, uint8_t flags)
{
	struct ut_fib_res res;
	const struct ut_route *r;

	if (ut_fib_lookup_flow(h, fl, &res) != 0 || !res.route)
		return false;
	r = res.route;
	if (r->type != UT_RTN_UNICAST &&
	    (r->type != UT_RTN_LOCAL || !(flags & UT_RPFILTER_ACCEPT_LOCAL)))
		return false;
	return (r->dev && r->dev == in) || (flags & UT_RPFILTER_LOOSE);
}

/* rpfilter_mt (Linux 6.x ipt_rpfilter.c): packets looped back (pkt_type
 * PACKET_LOOPBACK, or arriving on lo) always match; so does a 0.0.0.0
 * source sent to 255.255.255.255 or 224.0.0.0/24 (DHCP, IGMP: no route
 * back to look up). Everything else is rpfilter_lookup_reverse. Invert
 * flips every answer. */
static bool
rpfilter_match(struct ut_xt_par *par)
{
	const struct ut_rpfilter_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	bool invert = info->flags & UT_RPFILTER_INVERT;
	uint32_t saddr, daddr;

	if (p->pkttype == UT_PACKET_LOOPBACK || (par->in && par->in->loopback))
		return !invert;
	if (!par->in || !par->eng || p->len < 20)
		return invert; /* never the case in PREROUTING of a run */
	saddr = ut_ip_saddr_nbo(p);
	daddr = ut_ip_daddr_nbo(p);
	if (saddr == 0 && (daddr == 0xffffffffu ||
			   (ntohl(daddr) & 0xffffff00u) == 0xe0000000u))
		return !invert;
	{
		/* the flow's dscp is the packet's tos & 0xfc (ip4h_dscp);
		 * the fib masks it again with 0x1c */
		struct ut_flow fl = {
			.daddr = saddr, .tos = p->ip[1] & 0xfc, .iif = 1,
			.mark = info->flags & UT_RPFILTER_VALID_MARK ?
				p->mark : 0,
		};
		uint32_t dh = ntohl(daddr);

		if (daddr != 0 && daddr != 0xffffffffu &&
		    (dh & 0xf0000000u) != 0xe0000000u)
			fl.saddr = daddr;
		return rpfilter_lookup_reverse(ut_engine_host(par->eng), &fl,
					       par->in, info->flags) ^ invert;
	}
}

const struct ut_ext ut_ext_rpfilter = {
	.name = "rpfilter",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_rpfilter_info),
	.opts = rpfilter_opts,
	.hooks = UT_HM_PRE,
	.parse = rpfilter_parse,
	.print = rpfilter_print,
	.save = rpfilter_save,
	.kcheck = rpfilter_kcheck,
	.match = rpfilter_match,
};
