/* xt_TTL.c: the TTL target (--ttl-set/--ttl-dec/--ttl-inc); reproduces
 * iptables 1.8.9 extensions/libipt_TTL.c and Linux net/netfilter/xt_HL.c
 * (ttl_tg: mangle only, checkentry). */
#include <errno.h>
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct ipt_TTL_info (linux/netfilter_ipv4/ipt_TTL.h) */
struct ut_TTL_info {
	uint8_t mode;  /* UT_TTL_SET/INC/DEC */
	uint8_t ttl;
};

enum {
	UT_TTL_SET = 0,
	UT_TTL_INC,
	UT_TTL_DEC,
	UT_TTL_MAXMODE = UT_TTL_DEC,
};

enum {
	O_TTL_SET = 0,
	O_TTL_INC,
	O_TTL_DEC,
	F_TTL_SET = 1 << O_TTL_SET,
	F_TTL_INC = 1 << O_TTL_INC,
	F_TTL_DEC = 1 << O_TTL_DEC,
	F_ANY = F_TTL_SET | F_TTL_INC | F_TTL_DEC,
};

/* iptables' order: set, dec, inc */
static const struct ut_opt TTL_opts[] = {
	{ .name = "ttl-set", .id = O_TTL_SET, .type = UT_OPT_UINT8,
	  .excl = F_ANY, .flags = UT_OPTF_PUT,
	  .off = offsetof(struct ut_TTL_info, ttl) },
	{ .name = "ttl-dec", .id = O_TTL_DEC, .type = UT_OPT_UINT8,
	  .excl = F_ANY, .flags = UT_OPTF_PUT, .min = 1,
	  .off = offsetof(struct ut_TTL_info, ttl) },
	{ .name = "ttl-inc", .id = O_TTL_INC, .type = UT_OPT_UINT8,
	  .excl = F_ANY, .flags = UT_OPTF_PUT, .min = 1,
	  .off = offsetof(struct ut_TTL_info, ttl) },
	UT_OPT_END
};

static int
TTL_parse(struct ut_opt_call *call)
{
	struct ut_TTL_info *info = call->data;

	switch (call->opt->id) {
	case O_TTL_SET:
		info->mode = UT_TTL_SET;
		break;
	case O_TTL_DEC:
		info->mode = UT_TTL_DEC;
		break;
	case O_TTL_INC:
		info->mode = UT_TTL_INC;
		break;
	}
	return 0;
}

static int
TTL_final_check(struct ut_fcheck_call *call)
{
	if (!(call->xflags & F_ANY))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "TTL: You must specify an action");
	return 0;
}

static void
TTL_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	static const char *const what[] = {
		[UT_TTL_SET] = "set to", [UT_TTL_INC] = "increment by",
		[UT_TTL_DEC] = "decrement by",
	};
	const struct ut_TTL_info *info = pc->data;

	ut_buf_puts(out, " TTL ");
	if (info->mode <= UT_TTL_MAXMODE)
		ut_buf_puts(out, what[info->mode]);
	ut_buf_printf(out, " %u", info->ttl);
}

static void
TTL_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	static const char *const opts[] = {
		[UT_TTL_SET] = " --ttl-set", [UT_TTL_INC] = " --ttl-inc",
		[UT_TTL_DEC] = " --ttl-dec",
	};
	const struct ut_TTL_info *info = pc->data;

	if (info->mode <= UT_TTL_MAXMODE)
		ut_buf_puts(out, opts[info->mode]);
	ut_buf_printf(out, " %u", info->ttl);
}

/* xt_HL.c ttl_tg_check; the kernel logs nothing */
static int
TTL_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_TTL_info *info = kc->data;

	if (info->mode > UT_TTL_MAXMODE)
		return -EINVAL;
	if (info->mode != UT_TTL_SET && info->ttl == 0)
		return -EINVAL;
	return 0;
}

/* ttl_tg (xt_HL.c): saturating at 0 and 255, the header checksum
 * updated incrementally only when the TTL changes */
static unsigned
TTL_tg(struct ut_xt_par *par)
{
	const struct ut_TTL_info *info = par->data;
	uint8_t *iph = par->pkt->ip;
	int ttl = iph[UT_IP_OFF_TTL];

	switch (info->mode) {
	case UT_TTL_SET:
		ttl = info->ttl;
		break;
	case UT_TTL_INC:
		ttl += info->ttl;
		if (ttl > 255)
			ttl = 255;
		break;
	case UT_TTL_DEC:
		ttl -= info->ttl;
		if (ttl < 0)
			ttl = 0;
		break;
	}
	if (ttl != iph[UT_IP_OFF_TTL]) {
		ut_csum_replace2(iph + UT_IP_OFF_CSUM,
				 (uint16_t)(iph[UT_IP_OFF_TTL] << 8),
				 (uint16_t)(ttl << 8));
		iph[UT_IP_OFF_TTL] = (uint8_t)ttl;
	}
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_TTL = {
	.name = "TTL",
	.revision = 0,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_TTL_info),
	.opts = TTL_opts,
	.table = "mangle",
	.parse = TTL_parse,
	.final_check = TTL_final_check,
	.print = TTL_print,
	.save = TTL_save,
	.kcheck = TTL_kcheck,
	.target = TTL_tg,
};
