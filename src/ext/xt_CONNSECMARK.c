/* xt_CONNSECMARK.c: the CONNSECMARK target; reproduces iptables 1.8.9
 * extensions/libxt_CONNSECMARK.c and Linux net/netfilter/xt_CONNSECMARK.c. */
#include <errno.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_connsecmark_target_info (linux/netfilter/xt_CONNSECMARK.h). */
struct ut_connsecmark_info {
	uint8_t mode; /* UT_CONNSECMARK_SAVE/RESTORE */
};

enum {
	UT_CONNSECMARK_SAVE = 1,
	UT_CONNSECMARK_RESTORE = 2,
};

enum {
	O_SAVE = 0,
	O_RESTORE,
	F_SAVE = 1 << O_SAVE,
	F_RESTORE = 1 << O_RESTORE,
};

static const struct ut_opt connsecmark_opts[] = {
	{ .name = "save", .id = O_SAVE, .type = UT_OPT_NONE,
	  .excl = F_RESTORE },
	{ .name = "restore", .id = O_RESTORE, .type = UT_OPT_NONE,
	  .excl = F_SAVE },
	UT_OPT_END
};

static int
connsecmark_parse(struct ut_opt_call *call)
{
	struct ut_connsecmark_info *info = call->data;

	info->mode = call->opt->id == O_SAVE ? UT_CONNSECMARK_SAVE :
		     UT_CONNSECMARK_RESTORE;
	return 0;
}

static int
connsecmark_final_check(struct ut_fcheck_call *call)
{
	if (call->xflags == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "CONNSECMARK target: parameter required");
	return 0;
}

static const char *
connsecmark_mode(uint8_t mode)
{
	return mode == UT_CONNSECMARK_SAVE ? "save" :
	       mode == UT_CONNSECMARK_RESTORE ? "restore" : "?";
}

static void
connsecmark_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_connsecmark_info *info = pc->data;

	ut_buf_printf(out, " CONNSECMARK %s", connsecmark_mode(info->mode));
}

static void
connsecmark_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_connsecmark_info *info = pc->data;

	ut_buf_printf(out, " --%s", connsecmark_mode(info->mode));
}

/* connsecmark_tg_check: mangle or security table only, a known mode. */
static int
connsecmark_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_connsecmark_info *info = kc->data;

	if (strcmp(kc->table, "mangle") != 0 &&
	    strcmp(kc->table, "security") != 0) {
		ut_buf_printf(kc->dmesg, "xt_CONNSECMARK: only valid in "
			      "'mangle' or 'security' table, not '%s'",
			      kc->table);
		return -EINVAL;
	}
	if (info->mode != UT_CONNSECMARK_SAVE &&
	    info->mode != UT_CONNSECMARK_RESTORE) {
		ut_buf_printf(kc->dmesg, "xt_CONNSECMARK: invalid mode: %hu",
			      (unsigned short)info->mode);
		return -EINVAL;
	}
	return 0;
}

/* connsecmark_tg: copies a secmark between packet and connection; with
 * SECMARK refused (no LSM) every secmark is 0 and both modes copy
 * nothing (the kernel copies only a nonzero mark onto a zero one) */
static unsigned
connsecmark_tg(struct ut_xt_par *par)
{
	(void)par;
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_CONNSECMARK = {
	.name = "CONNSECMARK", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_connsecmark_info),
	.cmp_size = sizeof(struct ut_connsecmark_info),
	.opts = connsecmark_opts,
	.parse = connsecmark_parse, .final_check = connsecmark_final_check,
	.print = connsecmark_print, .save = connsecmark_save,
	.kcheck = connsecmark_kcheck,
	.target = connsecmark_tg,
};
