/* xt_CHECKSUM.c: the CHECKSUM target (--checksum-fill); reproduces
 * iptables 1.8.9 extensions/libxt_CHECKSUM.c and Linux
 * net/netfilter/xt_CHECKSUM.c (mangle only, checkentry). */
#include <errno.h>
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_CHECKSUM_info (linux/netfilter/xt_CHECKSUM.h) */
struct ut_checksum_info {
	uint8_t operation;  /* UT_CHECKSUM_OP_* */
};

enum {
	UT_CHECKSUM_OP_FILL = 0x01,
};

enum {
	O_CHECKSUM_FILL = 0,
};

static const struct ut_opt checksum_opts[] = {
	{ .name = "checksum-fill", .id = O_CHECKSUM_FILL,
	  .type = UT_OPT_NONE, .flags = UT_OPTF_MAND },
	UT_OPT_END
};

static int
checksum_parse(struct ut_opt_call *call)
{
	struct ut_checksum_info *info = call->data;

	info->operation = UT_CHECKSUM_OP_FILL;
	return 0;
}

static void
checksum_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_checksum_info *info = pc->data;

	ut_buf_puts(out, " CHECKSUM");
	if (info->operation & UT_CHECKSUM_OP_FILL)
		ut_buf_puts(out, " fill");
}

static void
checksum_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_checksum_info *info = pc->data;

	if (info->operation & UT_CHECKSUM_OP_FILL)
		ut_buf_puts(out, " --checksum-fill");
}

/* checksum_tg_check; its "should be avoided" warning (any rule that is
 * not -p udp) is a once-per-boot log line on success, left out */
static int
checksum_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_checksum_info *info = kc->data;

	if (info->operation & ~UT_CHECKSUM_OP_FILL) {
		ut_buf_printf(kc->dmesg, "xt_CHECKSUM: unsupported CHECKSUM "
			      "operation %x", info->operation);
		return -EINVAL;
	}
	if (!info->operation)
		return -EINVAL;
	return 0;
}

/* checksum_tg: fills in a checksum the stack left to the NIC
 * (CHECKSUM_PARTIAL). Frames from a capture and packets of a raw socket
 * with the header included always have their checksums complete, so
 * offline the target only continues. */
static unsigned
checksum_tg(struct ut_xt_par *par)
{
	(void)par;
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_CHECKSUM = {
	.name = "CHECKSUM",
	.revision = 0,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_checksum_info),
	.opts = checksum_opts,
	.table = "mangle",
	.parse = checksum_parse,
	.print = checksum_print,
	.save = checksum_save,
	.kcheck = checksum_kcheck,
	.target = checksum_tg,
};
