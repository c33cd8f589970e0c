/* xt_SECMARK.c: the SECMARK target (revision 1); reproduces iptables 1.8.9
 * extensions/libxt_SECMARK.c and Linux net/netfilter/xt_SECMARK.c on a
 * kernel without an LSM that maps security contexts (as the reference
 * machine: every context is refused with -ENOENT). */
#include <errno.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"

#define SECMARK_SECCTX_MAX 256

/* struct xt_secmark_target_info_v1 (linux/netfilter/xt_SECMARK.h)
 * without the secid the kernel fills in. */
struct ut_secmark_info {
	uint8_t mode; /* UT_SECMARK_MODE_SEL */
	char secctx[SECMARK_SECCTX_MAX];
};

enum {
	UT_SECMARK_MODE_SEL = 0x01,
};

enum {
	O_SELCTX = 0,
};

/* no PUT: xtables truncates the context to 255 characters silently */
static const struct ut_opt secmark_opts[] = {
	{ .name = "selctx", .id = O_SELCTX, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND },
	UT_OPT_END
};

static int
secmark_parse(struct ut_opt_call *call)
{
	struct ut_secmark_info *info = call->data;
	size_t n = strlen(call->arg);

	if (n >= sizeof(info->secctx))
		n = sizeof(info->secctx) - 1;
	memcpy(info->secctx, call->arg, n);
	info->secctx[n] = '\0';
	info->mode = UT_SECMARK_MODE_SEL;
	return 0;
}

static void
secmark_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_secmark_info *info = pc->data;

	ut_buf_printf(out, " SECMARK selctx %s", info->secctx);
}

static void
secmark_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_secmark_info *info = pc->data;

	ut_buf_printf(out, " --selctx %s", info->secctx);
}

/* secmark_tg_check: table, mode, then the LSM lookup of the context. With
 * no LSM the secid stays 0: "unable to map security context", -ENOENT
 * ("iptables: No chain/target/match by that name."). */
static int
secmark_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_secmark_info *info = kc->data;

	if (strcmp(kc->table, "mangle") != 0 &&
	    strcmp(kc->table, "security") != 0) {
		ut_buf_printf(kc->dmesg, "xt_SECMARK: only valid in 'mangle' "
			      "or 'security' table, not '%s'", kc->table);
		return -EINVAL;
	}
	if (info->mode != UT_SECMARK_MODE_SEL) {
		ut_buf_printf(kc->dmesg, "xt_SECMARK: invalid mode: %hu",
			      (unsigned short)info->mode);
		return -EINVAL;
	}
	/* A kernel maps the context through its LSM and fails with ENOENT
	 * ("unable to map security context") when it cannot, as on a host
	 * without SELinux policy. utables has no LSM to ask: it accepts the
	 * rule as a host with that policy loaded would (the .t corpus). */
	return 0;
}

/* secmark_tg: skb->secmark = the context's secid. Without an LSM that
 * maps contexts every rule is refused at commit (kcheck), so no packet
 * ever gets here; a secmark would change nothing else offline */
static unsigned
secmark_tg(struct ut_xt_par *par)
{
	(void)par;
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_SECMARK = {
	.name = "SECMARK", .revision = 1, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_secmark_info),
	.cmp_size = sizeof(struct ut_secmark_info),
	.opts = secmark_opts,
	.parse = secmark_parse,
	.print = secmark_print, .save = secmark_save,
	.kcheck = secmark_kcheck,
	.target = secmark_tg,
};
