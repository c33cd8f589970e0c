/* xt_pkttype.c: the pkttype match (--pkt-type unicast|broadcast|...);
 * reproduces iptables 1.8.9 extensions/libxt_pkttype.c (Linux
 * xt_pkttype.c has no checkentry). */
#include <stddef.h>
#include <strings.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_pkttype_info (linux/netfilter/xt_pkttype.h) */
struct ut_pkttype_info {
	int pkttype;
	int invert;
};

enum {
	O_PKTTYPE = 0,
};

static const struct ut_opt pkttype_opts[] = {
	{ .name = "pkt-type", .id = O_PKTTYPE, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT },
	UT_OPT_END
};

/* names first, then input-only aliases; printing takes the first hit */
static const struct {
	const char *name;
	int type;
} pkttype_names[] = {
	{ "unicast", UT_PACKET_HOST },
	{ "broadcast", UT_PACKET_BROADCAST },
	{ "multicast", UT_PACKET_MULTICAST },
	{ "otherhost", UT_PACKET_OTHERHOST },
	{ "bcast", UT_PACKET_BROADCAST },
	{ "mcast", UT_PACKET_MULTICAST },
	{ "host", UT_PACKET_HOST },
};
#define N_PKTTYPE_NAMES (sizeof(pkttype_names) / sizeof(pkttype_names[0]))

static int
pkttype_parse(struct ut_opt_call *call)
{
	struct ut_pkttype_info *info = call->data;
	size_t i;

	for (i = 0; i < N_PKTTYPE_NAMES; i++)
		if (strcasecmp(call->arg, pkttype_names[i].name) == 0)
			break;
	if (i == N_PKTTYPE_NAMES)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Bad packet type '%s'", call->arg);
	info->pkttype = pkttype_names[i].type;
	if (call->invert)
		info->invert = 1;
	return 0;
}

static void
pkttype_put_type(struct ut_buf *out, int type)
{
	for (size_t i = 0; i < N_PKTTYPE_NAMES; i++)
		if (pkttype_names[i].type == type) {
			ut_buf_puts(out, pkttype_names[i].name);
			return;
		}
	ut_buf_printf(out, "%d", type);
}

static void
pkttype_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_pkttype_info *info = pc->data;

	ut_buf_printf(out, " PKTTYPE %s= ", info->invert ? "!" : "");
	pkttype_put_type(out, info->pkttype);
}

static void
pkttype_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_pkttype_info *info = pc->data;

	ut_buf_printf(out, "%s --pkt-type ", info->invert ? " !" : "");
	pkttype_put_type(out, info->pkttype);
}

/* pkttype_mt: skb->pkt_type (UT_PACKET_*, linux/if_packet.h values),
 * except that a looped-back copy (PACKET_LOOPBACK: the host's own
 * multicast or broadcast sent back to it) counts as multicast when the
 * IPv4 destination is a class D address, as broadcast otherwise. */
static bool
pkttype_match(struct ut_xt_par *par)
{
	const struct ut_pkttype_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	int type = p->pkttype;

	if (p->pkttype == UT_PACKET_LOOPBACK)
		type = (p->ip[UT_IP_OFF_DADDR] & 0xf0) == 0xe0 ?
		       UT_PACKET_MULTICAST : UT_PACKET_BROADCAST;
	return ((type == info->pkttype) ^ info->invert) != 0;
}

const struct ut_ext ut_ext_pkttype = {
	.name = "pkttype",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_pkttype_info),
	.opts = pkttype_opts,
	.parse = pkttype_parse,
	.print = pkttype_print,
	.save = pkttype_save,
	.match = pkttype_match,
};
