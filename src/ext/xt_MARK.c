/* xt_MARK.c: the MARK target, revision 2 (--set-xmark, --set-mark,
 * --and-mark, --or-mark, --xor-mark: every option of revisions 0-2, as
 * Linux net/netfilter/xt_mark.c only has revision 2 and iptables 1.8.9
 * picks it); reproduces extensions/libxt_MARK.c. Valid in every table. */
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_mark_tginfo2 (linux/netfilter/xt_mark.h): the new mark is
 * (old & ~mask) ^ mark */
struct ut_mark_tginfo2 {
	uint32_t mark, mask;
};

enum {
	O_SET_MARK = 0,
	O_AND_MARK,
	O_OR_MARK,
	O_XOR_MARK,
	O_SET_XMARK,
	F_SET_MARK = 1 << O_SET_MARK,
	F_AND_MARK = 1 << O_AND_MARK,
	F_OR_MARK = 1 << O_OR_MARK,
	F_XOR_MARK = 1 << O_XOR_MARK,
	F_SET_XMARK = 1 << O_SET_XMARK,
	F_ANY = F_SET_MARK | F_AND_MARK | F_OR_MARK | F_XOR_MARK |
		F_SET_XMARK,
};

static const struct ut_opt mark_tg_opts[] = {
	{ .name = "set-xmark", .id = O_SET_XMARK, .type = UT_OPT_MARKMASK32,
	  .excl = F_ANY,
	  .help = "clear the bits of mask, then XOR value" },
	{ .name = "set-mark", .id = O_SET_MARK, .type = UT_OPT_MARKMASK32,
	  .excl = F_ANY,
	  .help = "clear the bits of mask, then OR value" },
	{ .name = "and-mark", .id = O_AND_MARK, .type = UT_OPT_UINT32,
	  .excl = F_ANY,
	  .arg = "bits",
	  .help = "AND the mark with bits" },
	{ .name = "or-mark", .id = O_OR_MARK, .type = UT_OPT_UINT32,
	  .excl = F_ANY,
	  .arg = "bits",
	  .help = "OR bits into the mark" },
	{ .name = "xor-mark", .id = O_XOR_MARK, .type = UT_OPT_UINT32,
	  .excl = F_ANY,
	  .arg = "bits",
	  .help = "XOR bits into the mark" },
	UT_OPT_END
};

/* every operation is expressed as one clear-then-xor pair */
static int
mark_tg_parse(struct ut_opt_call *call)
{
	struct ut_mark_tginfo2 *info = call->data;

	switch (call->opt->id) {
	case O_SET_XMARK:
		info->mark = call->val.mark;
		info->mask = call->val.mask;
		break;
	case O_SET_MARK:
		/* OR semantics: clear the mask bits and the value bits */
		info->mark = call->val.mark;
		info->mask = call->val.mark | call->val.mask;
		break;
	case O_AND_MARK:
		info->mark = 0;
		info->mask = ~call->val.u32;
		break;
	case O_OR_MARK:
		info->mark = call->val.u32;
		info->mask = call->val.u32;
		break;
	case O_XOR_MARK:
		info->mark = call->val.u32;
		info->mask = 0;
		break;
	}
	return 0;
}

static int
mark_tg_final_check(struct ut_fcheck_call *call)
{
	if (call->xflags == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"MARK: One of the --set-xmark, "
			"--{and,or,xor,set}-mark options is required");
	return 0;
}

static void
mark_tg_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_mark_tginfo2 *info = pc->data;

	if (info->mark == 0)
		ut_buf_printf(out, " MARK and 0x%x", (unsigned)~info->mask);
	else if (info->mark == info->mask)
		ut_buf_printf(out, " MARK or 0x%x", info->mark);
	else if (info->mask == 0)
		ut_buf_printf(out, " MARK xor 0x%x", info->mark);
	else if (info->mask == UINT32_MAX)
		ut_buf_printf(out, " MARK set 0x%x", info->mark);
	else
		ut_buf_printf(out, " MARK xset 0x%x/0x%x", info->mark,
			      info->mask);
}

static void
mark_tg_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_mark_tginfo2 *info = pc->data;

	ut_buf_printf(out, " --set-xmark 0x%x/0x%x", info->mark, info->mask);
}

/* mark_tg */
static unsigned
mark_tg(struct ut_xt_par *par)
{
	const struct ut_mark_tginfo2 *info = par->data;

	par->pkt->mark = (par->pkt->mark & ~info->mask) ^ info->mark;
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_MARK = {
	.name = "MARK",
	.revision = 2,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_mark_tginfo2),
	.opts = mark_tg_opts,
	.parse = mark_tg_parse,
	.final_check = mark_tg_final_check,
	.print = mark_tg_print,
	.save = mark_tg_save,
	.target = mark_tg,
};
