/* xt_SYNPROXY.c: the SYNPROXY target (--sack-perm, --timestamp, --wscale,
 * --mss, --ecn); reproduces iptables 1.8.9 extensions/libxt_SYNPROXY.c
 * and Linux net/netfilter/xt_SYNPROXY.c (INPUT/FORWARD, -p tcp). */
#include <errno.h>
#include <stddef.h>

#include "rules/ext.h"

/* struct xt_synproxy_info (linux/netfilter/xt_SYNPROXY.h) */
struct ut_synproxy_info {
	uint8_t options;  /* UT_SYNPROXY_OPT_* */
	uint8_t wscale;
	uint16_t mss;
};

enum {
	UT_SYNPROXY_OPT_MSS = 0x01,
	UT_SYNPROXY_OPT_WSCALE = 0x02,
	UT_SYNPROXY_OPT_SACK_PERM = 0x04,
	UT_SYNPROXY_OPT_TIMESTAMP = 0x08,
	UT_SYNPROXY_OPT_ECN = 0x10,
};

enum {
	O_SACK_PERM = 0,
	O_TIMESTAMP,
	O_WSCALE,
	O_MSS,
	O_ECN,
};

static const struct ut_opt synproxy_opts[] = {
	{ .name = "sack-perm", .id = O_SACK_PERM, .type = UT_OPT_NONE },
	{ .name = "timestamp", .id = O_TIMESTAMP, .type = UT_OPT_NONE },
	{ .name = "wscale", .id = O_WSCALE, .type = UT_OPT_UINT32 },
	{ .name = "mss", .id = O_MSS, .type = UT_OPT_UINT32 },
	{ .name = "ecn", .id = O_ECN, .type = UT_OPT_NONE },
	UT_OPT_END
};

/* --wscale and --mss take any 32-bit number and keep its low 8/16 bits,
 * as iptables' assignment to the narrower fields does */
static int
synproxy_parse(struct ut_opt_call *call)
{
	struct ut_synproxy_info *info = call->data;

	switch (call->opt->id) {
	case O_SACK_PERM:
		info->options |= UT_SYNPROXY_OPT_SACK_PERM;
		break;
	case O_TIMESTAMP:
		info->options |= UT_SYNPROXY_OPT_TIMESTAMP;
		break;
	case O_WSCALE:
		info->options |= UT_SYNPROXY_OPT_WSCALE;
		info->wscale = (uint8_t)call->val.u32;
		break;
	case O_MSS:
		info->options |= UT_SYNPROXY_OPT_MSS;
		info->mss = (uint16_t)call->val.u32;
		break;
	case O_ECN:
		info->options |= UT_SYNPROXY_OPT_ECN;
		break;
	}
	return 0;
}

/* -L keeps libxt_SYNPROXY's trailing space after each item */
static void
synproxy_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_synproxy_info *info = pc->data;

	ut_buf_puts(out, " SYNPROXY ");
	if (info->options & UT_SYNPROXY_OPT_SACK_PERM)
		ut_buf_puts(out, "sack-perm ");
	if (info->options & UT_SYNPROXY_OPT_TIMESTAMP)
		ut_buf_puts(out, "timestamp ");
	if (info->options & UT_SYNPROXY_OPT_WSCALE)
		ut_buf_printf(out, "wscale %u ", info->wscale);
	if (info->options & UT_SYNPROXY_OPT_MSS)
		ut_buf_printf(out, "mss %u ", info->mss);
	if (info->options & UT_SYNPROXY_OPT_ECN)
		ut_buf_puts(out, "ecn ");
}

static void
synproxy_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_synproxy_info *info = pc->data;

	if (info->options & UT_SYNPROXY_OPT_SACK_PERM)
		ut_buf_puts(out, " --sack-perm");
	if (info->options & UT_SYNPROXY_OPT_TIMESTAMP)
		ut_buf_puts(out, " --timestamp");
	if (info->options & UT_SYNPROXY_OPT_WSCALE)
		ut_buf_printf(out, " --wscale %u", info->wscale);
	if (info->options & UT_SYNPROXY_OPT_MSS)
		ut_buf_printf(out, " --mss %u", info->mss);
	if (info->options & UT_SYNPROXY_OPT_ECN)
		ut_buf_puts(out, " --ecn");
}

/* synproxy_tg4_check: -p tcp, checked by hand without a log line (the
 * target has no .proto, so the generic message does not appear) */
static int
synproxy_kcheck(const struct ut_kcheck *kc)
{
	if (kc->ip->proto != 6 || (kc->ip->invflags & UT_INV_PROTO))
		return -EINVAL;
	return 0;
}

const struct ut_ext ut_ext_SYNPROXY = {
	.name = "SYNPROXY",
	.revision = 0,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_synproxy_info),
	.opts = synproxy_opts,
	.hooks = UT_HM_IN | UT_HM_FWD,
	.parse = synproxy_parse,
	.print = synproxy_print,
	.save = synproxy_save,
	.kcheck = synproxy_kcheck,
};
