/* xt_connmark.c: the connmark match (revision 1); reproduces iptables
 * 1.8.9 extensions/libxt_connmark.c and Linux net/netfilter/xt_connmark.c
 * (whose checkentry only loads conntrack). */
#include <stddef.h>

#include "conntrack/conntrack.h"
#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_connmark_mtinfo1 (linux/netfilter/xt_connmark.h). */
struct ut_connmark_mtinfo {
	uint32_t mark, mask;
	uint8_t invert;
};

enum {
	O_MARK = 0,
};

static const struct ut_opt connmark_opts[] = {
	{ .name = "mark", .id = O_MARK, .type = UT_OPT_MARKMASK32,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT },
	UT_OPT_END
};

static int
connmark_parse(struct ut_opt_call *call)
{
	struct ut_connmark_mtinfo *info = call->data;

	info->mark = call->val.mark;
	info->mask = call->val.mask;
	if (call->invert)
		info->invert = 1;
	return 0;
}

/* connmark_mark_mask: xtables_print_mark_mask. */
static void
connmark_mark_mask(struct ut_buf *out, uint32_t mark, uint32_t mask)
{
	ut_buf_printf(out, " 0x%x", mark);
	if (mask != UINT32_MAX)
		ut_buf_printf(out, "/0x%x", mask);
}

/* -L prints "connmark match " then the value with its own leading space,
 * hence the double space of iptables ("connmark match  0x1"). */
static void
connmark_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_connmark_mtinfo *info = pc->data;

	ut_buf_puts(out, " connmark match ");
	if (info->invert)
		ut_buf_putc(out, '!');
	connmark_mark_mask(out, info->mark, info->mask);
}

static void
connmark_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_connmark_mtinfo *info = pc->data;

	if (info->invert)
		ut_buf_puts(out, " !");
	ut_buf_puts(out, " --mark");
	connmark_mark_mask(out, info->mark, info->mask);
}

/* connmark_mt: no connection, no match (whatever the inversion) */
static bool
connmark_match(struct ut_xt_par *par)
{
	const struct ut_connmark_mtinfo *info = par->data;
	unsigned ctinfo;
	const struct ut_conn *ct = ut_ct_get(par->pkt, &ctinfo);

	if (!ct)
		return false;
	return (((ct->mark & info->mask) == info->mark) ^ info->invert) != 0;
}

const struct ut_ext ut_ext_connmark = {
	.name = "connmark", .revision = 1, .kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_connmark_mtinfo),
	.cmp_size = sizeof(struct ut_connmark_mtinfo),
	.opts = connmark_opts,
	.parse = connmark_parse,
	.print = connmark_print, .save = connmark_save,
	.match = connmark_match,
};
