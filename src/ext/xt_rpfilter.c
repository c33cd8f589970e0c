/* xt_rpfilter.c: the rpfilter match (reverse path filter: --loose,
 * --validmark, --accept-local, --invert); reproduces iptables 1.8.9
 * extensions/libxt_rpfilter.c and Linux net/ipv4/netfilter/ipt_rpfilter.c
 * (PREROUTING only, raw/mangle only). */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "core/ext.h"

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
};
