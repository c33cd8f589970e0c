/* xt_udp.c: the udp match (-p udp [-m udp] --sport/--dport); reproduces
 * iptables 1.8.9 extensions/libxt_udp.c and the checkentry of Linux
 * net/netfilter/xt_tcpudp.c. */
#include <errno.h>
#include <stddef.h>

#include "engine/engine.h"
#include "classify/classify.h"
#include "rules/ext.h"
#include "ext/ports.h"

/* struct xt_udp (linux/netfilter/xt_tcpudp.h). */
struct ut_udp_info {
	uint16_t spts[2];   /* source port range, host order, inclusive */
	uint16_t dpts[2];   /* destination port range */
	uint8_t invflags;   /* UT_UDP_INV_* */
};

enum {
	UT_UDP_INV_SRCPT = 0x01,
	UT_UDP_INV_DSTPT = 0x02,
	UT_UDP_INV_MASK = 0x03,
};

enum {
	O_SPORT = 0,
	O_DPORT,
};

/* Unlike tcp, libxt_udp uses the option engine: ports resolve through
 * getaddrinfo (any protocol) and "4:3" is not refused. */
static const struct ut_opt udp_opts[] = {
	{ .name = "source-port", .id = O_SPORT, .type = UT_OPT_PORTRC,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_udp_info, spts),
	  .help = "source port, or range of ports" },
	{ .name = "sport", .id = O_SPORT, .type = UT_OPT_PORTRC,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_udp_info, spts) },
	{ .name = "destination-port", .id = O_DPORT, .type = UT_OPT_PORTRC,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_udp_info, dpts),
	  .help = "destination port or range" },
	{ .name = "dport", .id = O_DPORT, .type = UT_OPT_PORTRC,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_udp_info, dpts) },
	UT_OPT_END
};

static void
udp_init(void *data)
{
	struct ut_udp_info *info = data;

	info->spts[1] = info->dpts[1] = UINT16_MAX;
}

static int
udp_parse(struct ut_opt_call *call)
{
	struct ut_udp_info *info = call->data;

	if (!call->invert)
		return 0;
	if (call->opt->id == O_SPORT)
		info->invflags |= UT_UDP_INV_SRCPT;
	else
		info->invflags |= UT_UDP_INV_DSTPT;
	return 0;
}

static void
udp_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_udp_info *info = pc->data;

	ut_buf_puts(out, " udp");
	ut_ports_print_range(out, "spt", info->spts,
			     info->invflags & UT_UDP_INV_SRCPT, "udp",
			     pc->numeric);
	ut_ports_print_range(out, "dpt", info->dpts,
			     info->invflags & UT_UDP_INV_DSTPT, "udp",
			     pc->numeric);
	if (info->invflags & ~UT_UDP_INV_MASK)
		ut_buf_printf(out, " Unknown invflags: 0x%X",
			      info->invflags & ~UT_UDP_INV_MASK);
}

static void
udp_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_udp_info *info = pc->data;

	ut_ports_save_given(out, "sport", info->spts,
			    info->invflags & UT_UDP_INV_SRCPT);
	ut_ports_save_given(out, "dport", info->dpts,
			    info->invflags & UT_UDP_INV_DSTPT);
}

/* udp_mt_check: unknown inversion bits are refused, without a log line. */
static int
udp_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_udp_info *info = kc->data;

	return (info->invflags & ~UT_UDP_INV_MASK) ? -EINVAL : 0;
}

/* udp_mt: a non-first fragment never matches; a first fragment or
 * packet shorter than the 8-byte UDP header is hot-dropped. */
static bool
udp_match(struct ut_xt_par *par)
{
	const struct ut_udp_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	const uint8_t *uh;
	uint16_t sport, dport;

	if (par->fragoff != 0)
		return false;
	if ((uint64_t)par->thoff + 8 > p->len) {
		par->hotdrop = true;
		return false;
	}
	uh = p->ip + par->thoff;
	sport = ut_get16(uh);
	dport = ut_get16(uh + 2);
	return ((sport >= info->spts[0] && sport <= info->spts[1]) ^
		!!(info->invflags & UT_UDP_INV_SRCPT)) &&
	       ((dport >= info->dpts[0] && dport <= info->dpts[1]) ^
		!!(info->invflags & UT_UDP_INV_DSTPT));
}

/* udp_classify: the port ranges */
static void
udp_classify(const void *data, struct ut_cls_rule *cr)
{
	const struct ut_udp_info *info = data;

	if (!cr->sport.given)
		ut_cls_range_set(&cr->sport, info->spts[0], info->spts[1],
				 info->invflags & UT_UDP_INV_SRCPT);
	if (!cr->dport.given)
		ut_cls_range_set(&cr->dport, info->dpts[0], info->dpts[1],
				 info->invflags & UT_UDP_INV_DSTPT);
}

const struct ut_ext ut_ext_udp = {
	.name = "udp",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_udp_info),
	.cmp_size = sizeof(struct ut_udp_info),
	.opts = udp_opts,
	.proto = 17, /* IPPROTO_UDP */
	.init = udp_init,
	.parse = udp_parse,
	.print = udp_print,
	.save = udp_save,
	.kcheck = udp_kcheck,
	.match = udp_match,
	.classify = udp_classify,
};
