/* xt_physdev.c: the physdev match (bridge ports: --physdev-in/-out,
 * --physdev-is-in/-out/-bridged); reproduces iptables 1.8.9
 * extensions/libxt_physdev.c and the checkentry of Linux
 * net/netfilter/xt_physdev.c (6.x). */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_physdev_info (linux/netfilter/xt_physdev.h) */
struct ut_physdev_info {
	char physindev[UT_IFNAMSIZ];
	char in_mask[UT_IFNAMSIZ];
	char physoutdev[UT_IFNAMSIZ];
	char out_mask[UT_IFNAMSIZ];
	uint8_t invert;   /* UT_PHYSDEV_OP_* */
	uint8_t bitmask;  /* UT_PHYSDEV_OP_* */
};

enum {
	UT_PHYSDEV_OP_IN = 0x01,
	UT_PHYSDEV_OP_OUT = 0x02,
	UT_PHYSDEV_OP_BRIDGED = 0x04,
	UT_PHYSDEV_OP_ISIN = 0x08,
	UT_PHYSDEV_OP_ISOUT = 0x10,
	UT_PHYSDEV_OP_MASK = 0x1f,
};

enum {
	O_PHYSDEV_IN = 0,
	O_PHYSDEV_OUT,
	O_PHYSDEV_IS_IN,
	O_PHYSDEV_IS_OUT,
	O_PHYSDEV_IS_BRIDGED,
};

static const struct ut_opt physdev_opts[] = {
	{ .name = "physdev-in", .id = O_PHYSDEV_IN, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT },
	{ .name = "physdev-out", .id = O_PHYSDEV_OUT, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT },
	{ .name = "physdev-is-in", .id = O_PHYSDEV_IS_IN,
	  .type = UT_OPT_NONE, .flags = UT_OPTF_INVERT },
	{ .name = "physdev-is-out", .id = O_PHYSDEV_IS_OUT,
	  .type = UT_OPT_NONE, .flags = UT_OPTF_INVERT },
	{ .name = "physdev-is-bridged", .id = O_PHYSDEV_IS_BRIDGED,
	  .type = UT_OPT_NONE, .flags = UT_OPTF_INVERT },
	UT_OPT_END
};

/* physdev_parse_iface: xtables_parse_interface. The mask covers the name
 * and its NUL, or only the prefix before a trailing '+'. (Its warning
 * about '/' or ' ' in names is not reproduced: no warning channel.) */
static int
physdev_parse_iface(struct ut_opt_call *call, char *name, char *mask)
{
	size_t len = strlen(call->arg);

	memset(name, 0, UT_IFNAMSIZ);
	memset(mask, 0, UT_IFNAMSIZ);
	if (len + 1 > UT_IFNAMSIZ)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"interface name `%s' must be shorter than IFNAMSIZ "
			"(%i)", call->arg, UT_IFNAMSIZ - 1);
	memcpy(name, call->arg, len);
	if (len == 0)
		return 0;
	if (name[len - 1] == '+')
		memset(mask, 0xff, len - 1);
	else
		memset(mask, 0xff, len + 1);
	return 0;
}

static int
physdev_parse(struct ut_opt_call *call)
{
	static const uint8_t op[] = {
		[O_PHYSDEV_IN] = UT_PHYSDEV_OP_IN,
		[O_PHYSDEV_OUT] = UT_PHYSDEV_OP_OUT,
		[O_PHYSDEV_IS_IN] = UT_PHYSDEV_OP_ISIN,
		[O_PHYSDEV_IS_OUT] = UT_PHYSDEV_OP_ISOUT,
		[O_PHYSDEV_IS_BRIDGED] = UT_PHYSDEV_OP_BRIDGED,
	};
	struct ut_physdev_info *info = call->data;
	int ret = 0;

	if (call->opt->id == O_PHYSDEV_IN)
		ret = physdev_parse_iface(call, info->physindev,
					  info->in_mask);
	else if (call->opt->id == O_PHYSDEV_OUT)
		ret = physdev_parse_iface(call, info->physoutdev,
					  info->out_mask);
	if (ret < 0)
		return ret;
	info->bitmask |= op[call->opt->id];
	if (call->invert)
		info->invert |= op[call->opt->id];
	return 0;
}

static int
physdev_final_check(struct ut_fcheck_call *call)
{
	if (call->xflags == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "PHYSDEV: no physdev option specified");
	return 0;
}

/* -L and save print the same option words */
static void
physdev_put(struct ut_buf *out, const struct ut_physdev_info *info)
{
	const uint8_t b = info->bitmask, inv = info->invert;

	if (b & UT_PHYSDEV_OP_ISIN)
		ut_buf_printf(out, "%s --physdev-is-in",
			      inv & UT_PHYSDEV_OP_ISIN ? " !" : "");
	if (b & UT_PHYSDEV_OP_IN)
		ut_buf_printf(out, "%s --physdev-in %.*s",
			      inv & UT_PHYSDEV_OP_IN ? " !" : "",
			      UT_IFNAMSIZ, info->physindev);
	if (b & UT_PHYSDEV_OP_ISOUT)
		ut_buf_printf(out, "%s --physdev-is-out",
			      inv & UT_PHYSDEV_OP_ISOUT ? " !" : "");
	if (b & UT_PHYSDEV_OP_OUT)
		ut_buf_printf(out, "%s --physdev-out %.*s",
			      inv & UT_PHYSDEV_OP_OUT ? " !" : "",
			      UT_IFNAMSIZ, info->physoutdev);
	if (b & UT_PHYSDEV_OP_BRIDGED)
		ut_buf_printf(out, "%s --physdev-is-bridged",
			      inv & UT_PHYSDEV_OP_BRIDGED ? " !" : "");
}

static void
physdev_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_buf_puts(out, " PHYSDEV match");
	physdev_put(out, pc->data);
}

static void
physdev_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	physdev_put(out, pc->data);
}

/* physdev_mt_check (Linux 6.x): the output port of a bridged packet is
 * only known for bridged traffic, so -out tests are refused in OUTPUT
 * unless the rule also requires a bridged packet */
static int
physdev_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_physdev_info *info = kc->data;

	if (!(info->bitmask & UT_PHYSDEV_OP_MASK) ||
	    (info->bitmask & ~UT_PHYSDEV_OP_MASK))
		return -EINVAL;
	if ((info->bitmask & (UT_PHYSDEV_OP_OUT | UT_PHYSDEV_OP_ISOUT)) &&
	    (!(info->bitmask & UT_PHYSDEV_OP_BRIDGED) ||
	     (info->invert & UT_PHYSDEV_OP_BRIDGED)) &&
	    (kc->hook_mask & UT_HM_OUT)) {
		ut_buf_puts(kc->dmesg, "xt_physdev: --physdev-out and "
			    "--physdev-is-out only supported in the FORWARD "
			    "and POSTROUTING chains with bridged traffic");
		return -EINVAL;
	}
	return 0;
}

/* physdev_mt: the host model has no bridges, so no packet carries
 * nf_bridge info and the kernel's "not bridged" branch always applies:
 * every option used must be inverted for the match to hold (an option
 * given without "!" fails it; a rule with only inverted options, e.g.
 * "! --physdev-is-bridged", matches everything). */
static bool
physdev_match(struct ut_xt_par *par)
{
	const struct ut_physdev_info *info = par->data;
	uint8_t used = info->bitmask & UT_PHYSDEV_OP_MASK;

	return (used & ~info->invert) == 0;
}

const struct ut_ext ut_ext_physdev = {
	.name = "physdev",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_physdev_info),
	.opts = physdev_opts,
	.parse = physdev_parse,
	.final_check = physdev_final_check,
	.print = physdev_print,
	.save = physdev_save,
	.kcheck = physdev_kcheck,
	.match = physdev_match,
};
