/* xt_mark.c: the mark match, revision 1 (--mark value[/mask]);
 * reproduces iptables 1.8.9 extensions/libxt_mark.c (Linux xt_mark.c's
 * mark_mt has no checkentry). */
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_mark_mtinfo1 (linux/netfilter/xt_mark.h) */
struct ut_mark_mtinfo1 {
	uint32_t mark, mask;
	uint8_t invert;
};

enum {
	O_MARK = 0,
};

static const struct ut_opt mark_opts[] = {
	{ .name = "mark", .id = O_MARK, .type = UT_OPT_MARKMASK32,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT,
	  .help = "the packet mark ANDed with mask equals value" },
	UT_OPT_END
};

static int
mark_parse(struct ut_opt_call *call)
{
	struct ut_mark_mtinfo1 *info = call->data;

	if (call->invert)
		info->invert = 1;
	info->mark = call->val.mark;
	info->mask = call->val.mask;
	return 0;
}

static void
mark_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_mark_mtinfo1 *info = pc->data;

	ut_buf_puts(out, info->invert ? " mark match !" : " mark match");
	ut_print_val_mask(out, info->mark, info->mask);
}

static void
mark_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_mark_mtinfo1 *info = pc->data;

	ut_buf_puts(out, info->invert ? " ! --mark" : " --mark");
	ut_print_val_mask(out, info->mark, info->mask);
}

/* mark_mt */
static bool
mark_match(struct ut_xt_par *par)
{
	const struct ut_mark_mtinfo1 *info = par->data;

	return (((par->pkt->mark & info->mask) == info->mark) ^
		info->invert) != 0;
}

const struct ut_ext ut_ext_mark = {
	.name = "mark",
	.revision = 1,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_mark_mtinfo1),
	.opts = mark_opts,
	.parse = mark_parse,
	.print = mark_print,
	.save = mark_save,
	.match = mark_match,
};
