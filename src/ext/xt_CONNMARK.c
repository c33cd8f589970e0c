/* xt_CONNMARK.c: the CONNMARK target (revision 2); reproduces iptables
 * 1.8.9 extensions/libxt_CONNMARK.c and Linux net/netfilter/xt_connmark.c. */
#include <errno.h>
#include <stddef.h>

#include "conntrack/conntrack.h"
#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_connmark_tginfo2 (linux/netfilter/xt_connmark.h). */
struct ut_connmark_tginfo {
	uint32_t ctmark, ctmask, nfmask;
	uint8_t shift_dir;  /* UT_CONNMARK_SHIFT_* */
	uint8_t shift_bits;
	uint8_t mode;       /* UT_CONNMARK_SET/SAVE/RESTORE */
};

enum {
	UT_CONNMARK_SET = 0,
	UT_CONNMARK_SAVE,
	UT_CONNMARK_RESTORE,
};

enum {
	UT_CONNMARK_SHIFT_LEFT = 0,
	UT_CONNMARK_SHIFT_RIGHT,
};

enum {
	O_SET_MARK = 0,
	O_SAVE_MARK,
	O_RESTORE_MARK,
	O_AND_MARK,
	O_OR_MARK,
	O_XOR_MARK,
	O_LEFT_SHIFT_MARK,
	O_RIGHT_SHIFT_MARK,
	O_SET_XMARK,
	O_CTMASK,
	O_NFMASK,
	O_MASK,
	F_SET_MARK = 1 << O_SET_MARK,
	F_SAVE_MARK = 1 << O_SAVE_MARK,
	F_RESTORE_MARK = 1 << O_RESTORE_MARK,
	F_AND_MARK = 1 << O_AND_MARK,
	F_OR_MARK = 1 << O_OR_MARK,
	F_XOR_MARK = 1 << O_XOR_MARK,
	F_SET_XMARK = 1 << O_SET_XMARK,
	F_CTMASK = 1 << O_CTMASK,
	F_NFMASK = 1 << O_NFMASK,
	F_MASK = 1 << O_MASK,
	F_OP_ANY = F_SET_MARK | F_SAVE_MARK | F_RESTORE_MARK | F_AND_MARK |
		   F_OR_MARK | F_XOR_MARK | F_SET_XMARK,
};

/* Table order matters: the engine reports the first conflicting option in
 * this order. The shifts exclude nothing: the last one given wins. */
static const struct ut_opt connmark_tg_opts[] = {
	{ .name = "set-xmark", .id = O_SET_XMARK, .type = UT_OPT_MARKMASK32,
	  .excl = F_OP_ANY },
	{ .name = "set-mark", .id = O_SET_MARK, .type = UT_OPT_MARKMASK32,
	  .excl = F_OP_ANY },
	{ .name = "and-mark", .id = O_AND_MARK, .type = UT_OPT_UINT32,
	  .excl = F_OP_ANY },
	{ .name = "or-mark", .id = O_OR_MARK, .type = UT_OPT_UINT32,
	  .excl = F_OP_ANY },
	{ .name = "xor-mark", .id = O_XOR_MARK, .type = UT_OPT_UINT32,
	  .excl = F_OP_ANY },
	{ .name = "save-mark", .id = O_SAVE_MARK, .type = UT_OPT_NONE,
	  .excl = F_OP_ANY },
	{ .name = "restore-mark", .id = O_RESTORE_MARK, .type = UT_OPT_NONE,
	  .excl = F_OP_ANY },
	{ .name = "left-shift-mark", .id = O_LEFT_SHIFT_MARK,
	  .type = UT_OPT_UINT8, .min = 0, .max = 32 },
	{ .name = "right-shift-mark", .id = O_RIGHT_SHIFT_MARK,
	  .type = UT_OPT_UINT8, .min = 0, .max = 32 },
	{ .name = "ctmask", .id = O_CTMASK, .type = UT_OPT_UINT32,
	  .excl = F_MASK, .flags = UT_OPTF_PUT,
	  .off = offsetof(struct ut_connmark_tginfo, ctmask) },
	{ .name = "nfmask", .id = O_NFMASK, .type = UT_OPT_UINT32,
	  .excl = F_MASK, .flags = UT_OPTF_PUT,
	  .off = offsetof(struct ut_connmark_tginfo, nfmask) },
	{ .name = "mask", .id = O_MASK, .type = UT_OPT_UINT32,
	  .excl = F_CTMASK | F_NFMASK },
	UT_OPT_END
};

/* --save-mark/--restore-mark without masks use all bits */
static void
connmark_tg_init(void *data)
{
	struct ut_connmark_tginfo *info = data;

	info->ctmask = UINT32_MAX;
	info->nfmask = UINT32_MAX;
}

/* connmark_tg_set: the --*-mark operations are all "zero ctmask bits, then
 * XOR ctmark". */
static void
connmark_tg_set(struct ut_connmark_tginfo *info, uint32_t mark,
		uint32_t mask)
{
	info->mode = UT_CONNMARK_SET;
	info->ctmark = mark;
	info->ctmask = mask;
}

static int
connmark_tg_parse(struct ut_opt_call *call)
{
	struct ut_connmark_tginfo *info = call->data;

	switch (call->opt->id) {
	case O_SET_XMARK:
		connmark_tg_set(info, call->val.mark, call->val.mask);
		break;
	case O_SET_MARK:
		connmark_tg_set(info, call->val.mark,
				call->val.mark | call->val.mask);
		break;
	case O_AND_MARK:
		connmark_tg_set(info, 0, ~call->val.u32);
		break;
	case O_OR_MARK:
		connmark_tg_set(info, call->val.u32, call->val.u32);
		break;
	case O_XOR_MARK:
		connmark_tg_set(info, call->val.u32, 0);
		break;
	case O_SAVE_MARK:
		info->mode = UT_CONNMARK_SAVE;
		break;
	case O_RESTORE_MARK:
		info->mode = UT_CONNMARK_RESTORE;
		break;
	case O_MASK:
		info->nfmask = info->ctmask = call->val.u32;
		break;
	case O_LEFT_SHIFT_MARK:
		info->shift_dir = UT_CONNMARK_SHIFT_LEFT;
		info->shift_bits = call->val.u8;
		break;
	case O_RIGHT_SHIFT_MARK:
		info->shift_dir = UT_CONNMARK_SHIFT_RIGHT;
		info->shift_bits = call->val.u8;
		break;
	}
	return 0;
}

static int
connmark_tg_final_check(struct ut_fcheck_call *call)
{
	if (!(call->xflags & F_OP_ANY))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "CONNMARK target: No operation specified");
	return 0;
}

static void
connmark_tg_print_set(struct ut_buf *out, const struct ut_connmark_tginfo *i)
{
	if (i->ctmark == 0)
		ut_buf_printf(out, " CONNMARK and 0x%x", ~i->ctmask);
	else if (i->ctmark == i->ctmask)
		ut_buf_printf(out, " CONNMARK or 0x%x", i->ctmark);
	else if (i->ctmask == 0)
		ut_buf_printf(out, " CONNMARK xor 0x%x", i->ctmark);
	else if (i->ctmask == UINT32_MAX)
		ut_buf_printf(out, " CONNMARK set 0x%x", i->ctmark);
	else
		ut_buf_printf(out, " CONNMARK xset 0x%x/0x%x", i->ctmark,
			      i->ctmask);
}

/* connmark_tg_print_copy: save (nfmark -> ctmark) names nfmask first,
 * restore names ctmask first; the second mask is printed with "~". */
static void
connmark_tg_print_copy(struct ut_buf *out, const char *op, const char *m1,
		       uint32_t v1, const char *m2, uint32_t v2)
{
	if (v1 == UINT32_MAX && v2 == UINT32_MAX)
		ut_buf_printf(out, " CONNMARK %s", op);
	else if (v1 == v2)
		ut_buf_printf(out, " CONNMARK %s mask 0x%x", op, v1);
	else
		ut_buf_printf(out, " CONNMARK %s %s 0x%x %s ~0x%x", op, m1, v1,
			      m2, v2);
}

static const char *
connmark_tg_shift_op(const struct ut_connmark_tginfo *info)
{
	return info->shift_dir == UT_CONNMARK_SHIFT_RIGHT ?
	       "right-shift-mark" : "left-shift-mark";
}

static void
connmark_tg_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_connmark_tginfo *info = pc->data;

	switch (info->mode) {
	case UT_CONNMARK_SET:
		connmark_tg_print_set(out, info);
		break;
	case UT_CONNMARK_SAVE:
		connmark_tg_print_copy(out, "save", "nfmask", info->nfmask,
				       "ctmask", info->ctmask);
		break;
	case UT_CONNMARK_RESTORE:
		connmark_tg_print_copy(out, "restore", "ctmask", info->ctmask,
				       "nfmask", info->nfmask);
		break;
	default:
		ut_buf_puts(out, " ERROR: UNKNOWN CONNMARK MODE");
		break;
	}
	if (info->mode <= UT_CONNMARK_RESTORE && info->shift_bits != 0)
		ut_buf_printf(out, " %s %u", connmark_tg_shift_op(info),
			      info->shift_bits);
}

static void
connmark_tg_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_connmark_tginfo *info = pc->data;

	switch (info->mode) {
	case UT_CONNMARK_SET:
		ut_buf_printf(out, " --set-xmark 0x%x/0x%x", info->ctmark,
			      info->ctmask);
		break;
	case UT_CONNMARK_SAVE:
		ut_buf_printf(out, " --save-mark --nfmask 0x%x --ctmask 0x%x",
			      info->nfmask, info->ctmask);
		break;
	case UT_CONNMARK_RESTORE:
		ut_buf_printf(out, " --restore-mark --nfmask 0x%x --ctmask "
			      "0x%x", info->nfmask, info->ctmask);
		break;
	default:
		ut_buf_puts(out, " ERROR: UNKNOWN CONNMARK MODE");
		break;
	}
	if (info->mode <= UT_CONNMARK_RESTORE && info->shift_bits != 0)
		ut_buf_printf(out, " --%s %u", connmark_tg_shift_op(info),
			      info->shift_bits);
}

/* Linux 6.x refuses a shift of 32 bits or more with -EINVAL and no log
 * line, whatever the mode (verified against the running kernel). */
static int
connmark_tg_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_connmark_tginfo *info = kc->data;

	if (info->shift_bits >= 32)
		return -EINVAL;
	return 0;
}

static uint32_t
connmark_shift(const struct ut_connmark_tginfo *info, uint32_t v)
{
	/* the kernel shifts a u32 by 0..31 (checkentry refuses more) */
	unsigned bits = info->shift_bits & 31u;

	return info->shift_dir == UT_CONNMARK_SHIFT_RIGHT ? v >> bits :
							     v << bits;
}

/* connmark_tg_shift: nothing without a connection (untracked, invalid) */
static unsigned
connmark_tg(struct ut_xt_par *par)
{
	const struct ut_connmark_tginfo *info = par->data;
	struct ut_pkt *p = par->pkt;
	unsigned ctinfo;
	struct ut_conn *ct = ut_ct_get(p, &ctinfo);
	uint32_t v;

	if (!ct)
		return UT_XT_CONTINUE;
	switch (info->mode) {
	case UT_CONNMARK_SET:
		v = connmark_shift(info, (ct->mark & ~info->ctmask) ^
					 info->ctmark);
		ut_ct_mark_set(ct, v);
		break;
	case UT_CONNMARK_SAVE:
		v = connmark_shift(info, p->mark & info->nfmask);
		ut_ct_mark_set(ct, (ct->mark & ~info->ctmask) ^ v);
		break;
	case UT_CONNMARK_RESTORE:
		v = connmark_shift(info, ct->mark & info->ctmask);
		p->mark = (p->mark & ~info->nfmask) ^ v;
		break;
	}
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_CONNMARK = {
	.name = "CONNMARK", .revision = 2, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_connmark_tginfo),
	.cmp_size = sizeof(struct ut_connmark_tginfo),
	.opts = connmark_tg_opts,
	.init = connmark_tg_init, .parse = connmark_tg_parse,
	.final_check = connmark_tg_final_check,
	.print = connmark_tg_print, .save = connmark_tg_save,
	.kcheck = connmark_tg_kcheck,
	.target = connmark_tg,
};
