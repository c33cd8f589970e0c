/* xt_tos.c: the tos match, revision 1 (--tos value[/mask] or symbol);
 * reproduces iptables 1.8.9 extensions/libxt_tos.c (Linux xt_dscp.c's
 * tos_mt has no checkentry). */
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_tos_match_info (linux/netfilter/xt_dscp.h) */
struct ut_tos_match_info {
	uint8_t tos_mask;
	uint8_t tos_value;
	uint8_t invert;
};

enum {
	O_TOS = 0,
};

/* max is the mask a symbolic name implies (revision 1: 0x3f, the TOS
 * bits without the precedence) */
static const struct ut_opt tos_opts[] = {
	{ .name = "tos", .id = O_TOS, .type = UT_OPT_TOSMASK,
	  .flags = UT_OPTF_INVERT | UT_OPTF_MAND, .max = 0x3f },
	UT_OPT_END
};

static int
tos_parse(struct ut_opt_call *call)
{
	struct ut_tos_match_info *info = call->data;

	info->tos_value = call->val.tos;
	info->tos_mask = call->val.tosmask;
	if (call->invert)
		info->invert = 1;
	return 0;
}

static void
tos_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tos_match_info *info = pc->data;
	const char *name = ut_tos_symbol(info->tos_value, info->tos_mask);

	/* iptables prints no space between "match" and "!" here */
	ut_buf_puts(out, info->invert ? " tos match!" : " tos match");
	if (!pc->numeric && name)
		ut_buf_printf(out, " %s", name);
	else
		ut_buf_printf(out, "0x%02x/0x%02x", info->tos_value,
			      info->tos_mask);
}

static void
tos_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tos_match_info *info = pc->data;

	if (info->invert)
		ut_buf_puts(out, " !");
	ut_buf_printf(out, " --tos 0x%02x/0x%02x", info->tos_value,
		      info->tos_mask);
}

/* tos_mt (revision 1; the kernel has no other): the whole TOS byte,
 * ECN bits included, under the mask */
static bool
tos_match(struct ut_xt_par *par)
{
	const struct ut_tos_match_info *info = par->data;

	return ((par->pkt->ip[UT_IP_OFF_TOS] & info->tos_mask) ==
		info->tos_value) ^ !!info->invert;
}

const struct ut_ext ut_ext_tos = {
	.name = "tos",
	.revision = 1,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_tos_match_info),
	.opts = tos_opts,
	.parse = tos_parse,
	.print = tos_print,
	.save = tos_save,
	.match = tos_match,
};
