/* xt_TOS.c: the TOS target, revision 1 (--set-tos/--and-tos/--or-tos/
 * --xor-tos); reproduces iptables 1.8.9 extensions/libxt_TOS.c and the
 * mangle-only registration of Linux net/netfilter/xt_DSCP.c. */
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_tos_target_info (linux/netfilter/xt_DSCP.h): the new TOS is
 * (old & ~tos_mask) ^ tos_value */
struct ut_tos_target_info {
	uint8_t tos_value;
	uint8_t tos_mask;
};

enum {
	O_SET_TOS = 0,
	O_AND_TOS,
	O_OR_TOS,
	O_XOR_TOS,
	F_SET_TOS = 1 << O_SET_TOS,
	F_AND_TOS = 1 << O_AND_TOS,
	F_OR_TOS = 1 << O_OR_TOS,
	F_XOR_TOS = 1 << O_XOR_TOS,
	F_ANY = F_SET_TOS | F_AND_TOS | F_OR_TOS | F_XOR_TOS,
};

static const struct ut_opt tos_tg_opts[] = {
	{ .name = "set-tos", .id = O_SET_TOS, .type = UT_OPT_TOSMASK,
	  .excl = F_ANY, .max = 0x3f },
	{ .name = "and-tos", .id = O_AND_TOS, .type = UT_OPT_UINT8,
	  .excl = F_ANY },
	{ .name = "or-tos", .id = O_OR_TOS, .type = UT_OPT_UINT8,
	  .excl = F_ANY },
	{ .name = "xor-tos", .id = O_XOR_TOS, .type = UT_OPT_UINT8,
	  .excl = F_ANY },
	UT_OPT_END
};

static int
tos_tg_parse(struct ut_opt_call *call)
{
	struct ut_tos_target_info *info = call->data;

	switch (call->opt->id) {
	case O_SET_TOS:
		info->tos_value = call->val.tos;
		info->tos_mask = call->val.tosmask;
		break;
	case O_AND_TOS:
		info->tos_value = 0;
		info->tos_mask = (uint8_t)~call->val.u8;
		break;
	case O_OR_TOS:
		info->tos_value = call->val.u8;
		info->tos_mask = call->val.u8;
		break;
	case O_XOR_TOS:
		info->tos_value = call->val.u8;
		info->tos_mask = 0;
		break;
	}
	return 0;
}

static int
tos_tg_final_check(struct ut_fcheck_call *call)
{
	if (!(call->xflags & F_ANY))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "TOS: An action is required");
	return 0;
}

/* -L shows the operation the value/mask pair stands for */
static void
tos_tg_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tos_target_info *info = pc->data;
	const char *name = ut_tos_symbol(info->tos_value, info->tos_mask);

	if (pc->numeric)
		ut_buf_printf(out, " TOS set 0x%02x/0x%02x", info->tos_value,
			      info->tos_mask);
	else if (name)
		/* libxt_TOS hands " TOS set" as the prefix to a printer that
		 * adds its own space: "  TOS setMinimize-Cost" */
		ut_buf_printf(out, "  TOS set%s", name);
	else if (info->tos_value == 0)
		ut_buf_printf(out, " TOS and 0x%02x",
			      (unsigned)(uint8_t)~info->tos_mask);
	else if (info->tos_value == info->tos_mask)
		ut_buf_printf(out, " TOS or 0x%02x", info->tos_value);
	else if (info->tos_mask == 0)
		ut_buf_printf(out, " TOS xor 0x%02x", info->tos_value);
	else
		ut_buf_printf(out, " TOS set 0x%02x/0x%02x", info->tos_value,
			      info->tos_mask);
}

static void
tos_tg_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tos_target_info *info = pc->data;

	ut_buf_printf(out, " --set-tos 0x%02x/0x%02x", info->tos_value,
		      info->tos_mask);
}

/* tos_tg: the whole TOS byte (ECN bits included) through the mask */
static unsigned
tos_tg(struct ut_xt_par *par)
{
	const struct ut_tos_target_info *info = par->data;
	uint8_t *iph = par->pkt->ip;
	uint8_t orig = iph[UT_IP_OFF_TOS];
	uint8_t nv = (uint8_t)((orig & ~info->tos_mask) ^ info->tos_value);

	if (orig != nv)
		ut_ipv4_change_dsfield(iph, 0, nv);
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_TOS = {
	.name = "TOS",
	.revision = 1,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_tos_target_info),
	.opts = tos_tg_opts,
	.table = "mangle",
	.parse = tos_tg_parse,
	.final_check = tos_tg_final_check,
	.print = tos_tg_print,
	.save = tos_tg_save,
	.target = tos_tg,
};
