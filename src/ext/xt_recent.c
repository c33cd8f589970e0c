/* xt_recent.c: the recent match, revision 1 (iptables 1.8.9
 * extensions/libxt_recent.c, Linux net/netfilter/xt_recent.c). */
#include <errno.h>
#include <string.h>

#include "rules/ext.h"

enum {
	RECENT_CHECK = 1 << 0,
	RECENT_SET = 1 << 1,
	RECENT_UPDATE = 1 << 2,
	RECENT_REMOVE = 1 << 3,
	RECENT_TTL = 1 << 4,
	RECENT_REAP = 1 << 5,
	RECENT_VALID = (1 << 6) - 1,
	RECENT_SOURCE = 0,
	RECENT_DEST = 1,
	RECENT_NAME_LEN = 200,
	/* the kernel's XT_RECENT_MAX_NSTAMPS (Linux >= 4.x) */
	RECENT_MAX_NSTAMPS = 1 << 16,
};

/* struct xt_recent_mtinfo_v1 (IPv4 mask only); the lists themselves are
 * per-namespace runtime state shared by name, kept by the engine. */
struct ut_recent_info {
	uint32_t seconds;
	uint32_t hit_count;
	uint8_t check_set;          /* RECENT_* */
	uint8_t invert;
	char name[RECENT_NAME_LEN];
	uint8_t side;               /* RECENT_SOURCE or RECENT_DEST */
	uint32_t mask;              /* network order */
};

enum {
	O_SET = 0,
	O_RCHECK,
	O_UPDATE,
	O_REMOVE,
	O_SECONDS,
	O_REAP,
	O_HITCOUNT,
	O_RTTL,
	O_NAME,
	O_RSOURCE,
	O_RDEST,
	O_MASK,
	F_SET = 1 << O_SET,
	F_RCHECK = 1 << O_RCHECK,
	F_UPDATE = 1 << O_UPDATE,
	F_REMOVE = 1 << O_REMOVE,
	F_SECONDS = 1 << O_SECONDS,
	F_ANY_OP = F_SET | F_RCHECK | F_UPDATE | F_REMOVE,
};

#define RC_OFF(f) offsetof(struct ut_recent_info, f)
static const struct ut_opt recent_opts[] = {
	{ .name = "set", .id = O_SET, .type = UT_OPT_NONE,
	  .excl = F_ANY_OP, .flags = UT_OPTF_INVERT },
	{ .name = "rcheck", .id = O_RCHECK, .type = UT_OPT_NONE,
	  .excl = F_ANY_OP, .flags = UT_OPTF_INVERT },
	{ .name = "update", .id = O_UPDATE, .type = UT_OPT_NONE,
	  .excl = F_ANY_OP, .flags = UT_OPTF_INVERT },
	{ .name = "remove", .id = O_REMOVE, .type = UT_OPT_NONE,
	  .excl = F_ANY_OP, .flags = UT_OPTF_INVERT },
	{ .name = "seconds", .id = O_SECONDS, .type = UT_OPT_UINT32,
	  .flags = UT_OPTF_PUT, .min = 1, .off = RC_OFF(seconds) },
	{ .name = "reap", .id = O_REAP, .type = UT_OPT_NONE,
	  .also = F_SECONDS },
	{ .name = "hitcount", .id = O_HITCOUNT, .type = UT_OPT_UINT32,
	  .flags = UT_OPTF_PUT, .off = RC_OFF(hit_count) },
	{ .name = "rttl", .id = O_RTTL, .type = UT_OPT_NONE,
	  .excl = F_SET | F_REMOVE },
	/* copied by recent_parse: libxtables truncates to 199 chars */
	{ .name = "name", .id = O_NAME, .type = UT_OPT_STRING },
	{ .name = "rsource", .id = O_RSOURCE, .type = UT_OPT_NONE },
	{ .name = "rdest", .id = O_RDEST, .type = UT_OPT_NONE },
	{ .name = "mask", .id = O_MASK, .type = UT_OPT_HOST,
	  .flags = UT_OPTF_PUT, .off = RC_OFF(mask) },
	UT_OPT_END
};

static void
recent_init(void *data)
{
	struct ut_recent_info *info = data;

	strcpy(info->name, "DEFAULT");
	info->side = RECENT_SOURCE;
	info->mask = UINT32_MAX;
}

static int
recent_parse(struct ut_opt_call *call)
{
	static const uint8_t op_bits[] = {
		[O_SET] = RECENT_SET, [O_RCHECK] = RECENT_CHECK,
		[O_UPDATE] = RECENT_UPDATE, [O_REMOVE] = RECENT_REMOVE,
	};
	struct ut_recent_info *info = call->data;

	switch (call->opt->id) {
	case O_SET:
	case O_RCHECK:
	case O_UPDATE:
	case O_REMOVE:
		info->check_set |= op_bits[call->opt->id];
		if (call->invert)
			info->invert = 1;
		break;
	case O_RTTL:
		info->check_set |= RECENT_TTL;
		break;
	case O_REAP:
		info->check_set |= RECENT_REAP;
		break;
	case O_RSOURCE:
		info->side = RECENT_SOURCE;
		break;
	case O_RDEST:
		info->side = RECENT_DEST;
		break;
	case O_NAME:
		ut_strput(info->name, sizeof(info->name), call->arg);
		break;
	}
	return 0;
}

static int
recent_final_check(struct ut_fcheck_call *call)
{
	if (!(call->xflags & F_ANY_OP))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "recent: you must specify one of `--set', "
				  "`--rcheck' `--update' or `--remove'");
	return 0;
}

/* recent_print_common: -L and save share the order; kw[] holds the
 * words of one form: SET CHECK UPDATE REMOVE seconds reap hitcount TTL
 * name */
static void
recent_print_ops(const struct ut_recent_info *info, const char *const kw[9],
		 struct ut_buf *out)
{
	static const uint8_t bits[4] = {
		RECENT_SET, RECENT_CHECK, RECENT_UPDATE, RECENT_REMOVE,
	};

	for (int i = 0; i < 4; i++)
		if (info->check_set & bits[i])
			ut_buf_printf(out, " %s", kw[i]);
	if (info->seconds)
		ut_buf_printf(out, " %s %d", kw[4], (int)info->seconds);
	if (info->check_set & RECENT_REAP)
		ut_buf_printf(out, " %s", kw[5]);
	if (info->hit_count)
		ut_buf_printf(out, " %s %d", kw[6], (int)info->hit_count);
	if (info->check_set & RECENT_TTL)
		ut_buf_printf(out, " %s", kw[7]);
	ut_buf_printf(out, " %s %s", kw[8], info->name);
}

static void
recent_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	static const char *const kw[9] = {
		"SET", "CHECK", "UPDATE", "REMOVE", "seconds:", "reap",
		"hit_count:", "TTL-Match", "name:",
	};
	const struct ut_recent_info *info = pc->data;
	char buf[16];

	if (info->invert)
		ut_buf_puts(out, " !");
	ut_buf_puts(out, " recent:");
	recent_print_ops(info, kw, out);
	if (info->side == RECENT_SOURCE)
		ut_buf_puts(out, " side: source");
	if (info->side == RECENT_DEST)
		ut_buf_puts(out, " side: dest");
	ut_buf_printf(out, " mask: %s", ut_ipv4_ntoa(info->mask, buf));
}

static void
recent_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	static const char *const kw[9] = {
		"--set", "--rcheck", "--update", "--remove", "--seconds",
		"--reap", "--hitcount", "--rttl", "--name",
	};
	const struct ut_recent_info *info = pc->data;
	char buf[16];

	if (info->invert)
		ut_buf_puts(out, " !");
	recent_print_ops(info, kw, out);
	ut_buf_printf(out, " --mask %s", ut_ipv4_ntoa(info->mask, buf));
	if (info->side == RECENT_SOURCE)
		ut_buf_puts(out, " --rsource");
	if (info->side == RECENT_DEST)
		ut_buf_puts(out, " --rdest");
}

static int
recent_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_recent_info *info = kc->data;
	unsigned ops = info->check_set & (RECENT_SET | RECENT_REMOVE |
					  RECENT_CHECK | RECENT_UPDATE);

	if (info->check_set & ~RECENT_VALID) {
		ut_buf_printf(kc->dmesg, "xt_recent: Unsupported userspace "
			      "flags (%08x)", info->check_set);
		return -EINVAL;
	}
	/* exactly one operation */
	if (ops == 0 || (ops & (ops - 1)))
		return -EINVAL;
	if ((info->check_set & (RECENT_SET | RECENT_REMOVE)) &&
	    (info->seconds || info->hit_count ||
	     (info->check_set & (RECENT_TTL | RECENT_REAP))))
		return -EINVAL;
	if ((info->check_set & RECENT_REAP) && !info->seconds)
		return -EINVAL;
	if (info->hit_count >= RECENT_MAX_NSTAMPS) {
		ut_buf_printf(kc->dmesg, "xt_recent: hitcount (%u) is larger "
			      "than allowed maximum (%u)", info->hit_count,
			      RECENT_MAX_NSTAMPS - 1);
		return -EINVAL;
	}
	return ut_kcheck_proc_name(info->name, sizeof(info->name));
}

const struct ut_ext ut_ext_recent = {
	.name = "recent",
	.revision = 1,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_recent_info),
	.cmp_size = sizeof(struct ut_recent_info),
	.opts = recent_opts,
	.init = recent_init,
	.parse = recent_parse,
	.final_check = recent_final_check,
	.print = recent_print,
	.save = recent_save,
	.kcheck = recent_kcheck,
};
