/* xt_quota.c: the quota match (iptables 1.8.9 extensions/libxt_quota.c,
 * Linux net/netfilter/xt_quota.c). */
#include <errno.h>
#include <inttypes.h>

#include "rules/ext.h"

enum {
	QUOTA_INVERT = 0x1,
};

/* struct xt_quota_info without the kernel's shared counter (master): the
 * bytes left are runtime state, starting from quota */
struct ut_quota_info {
	uint32_t flags; /* QUOTA_INVERT */
	uint32_t pad;
	uint64_t quota; /* bytes */
};

enum {
	O_QUOTA = 0,
};

static const struct ut_opt quota_opts[] = {
	{ .name = "quota", .id = O_QUOTA, .type = UT_OPT_UINT64,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_quota_info, quota) },
	UT_OPT_END
};

static int
quota_parse(struct ut_opt_call *call)
{
	struct ut_quota_info *info = call->data;

	if (call->invert)
		info->flags |= QUOTA_INVERT;
	return 0;
}

/* -L does not show the inversion (iptables' quota_print) */
static void
quota_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_quota_info *q = pc->data;

	ut_buf_printf(out, " quota: %" PRIu64 " bytes", q->quota);
}

static void
quota_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_quota_info *q = pc->data;

	if (q->flags & QUOTA_INVERT)
		ut_buf_puts(out, " !");
	ut_buf_printf(out, " --quota %" PRIu64, q->quota);
}

static int
quota_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_quota_info *q = kc->data;

	return (q->flags & ~QUOTA_INVERT) ? -EINVAL : 0;
}

const struct ut_ext ut_ext_quota = {
	.name = "quota",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_quota_info),
	.cmp_size = sizeof(struct ut_quota_info),
	.opts = quota_opts,
	.parse = quota_parse,
	.print = quota_print,
	.save = quota_save,
	.kcheck = quota_kcheck,
};
