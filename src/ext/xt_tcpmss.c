/* xt_tcpmss.c: the tcpmss match (--mss value[:value]); reproduces
 * iptables 1.8.9 extensions/libxt_tcpmss.c and Linux
 * net/netfilter/xt_tcpmss.c (registered for -p tcp only). */
#include <stddef.h>

#include "core/ext.h"

/* struct xt_tcpmss_match_info (linux/netfilter/xt_tcpmss.h). */
struct ut_tcpmss_info {
	uint16_t mss_min, mss_max; /* inclusive range */
	uint8_t invert;
};

enum {
	O_TCPMSS = 0,
};

static const struct ut_opt tcpmss_opts[] = {
	{ .name = "mss", .id = O_TCPMSS, .type = UT_OPT_UINT16RC,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT },
	UT_OPT_END
};

static int
tcpmss_parse(struct ut_opt_call *call)
{
	struct ut_tcpmss_info *info = call->data;

	/* UT_OPT_UINT16RC leaves its values in val.u32range[] */
	info->mss_min = (uint16_t)call->val.u32range[0];
	info->mss_max = info->mss_min;
	if (call->nvals == 2) {
		info->mss_max = (uint16_t)call->val.u32range[1];
		if (info->mss_max < info->mss_min)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "tcpmss: invalid range given");
	}
	if (call->invert)
		info->invert = 1;
	return 0;
}

/* tcpmss_range: "42" or "42:1000". */
static void
tcpmss_range(struct ut_buf *out, const struct ut_tcpmss_info *info)
{
	if (info->mss_min == info->mss_max)
		ut_buf_printf(out, "%u", info->mss_min);
	else
		ut_buf_printf(out, "%u:%u", info->mss_min, info->mss_max);
}

static void
tcpmss_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tcpmss_info *info = pc->data;

	ut_buf_printf(out, " tcpmss match %s", info->invert ? "!" : "");
	tcpmss_range(out, info);
}

static void
tcpmss_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tcpmss_info *info = pc->data;

	ut_buf_printf(out, "%s --mss ", info->invert ? " !" : "");
	tcpmss_range(out, info);
}

const struct ut_ext ut_ext_tcpmss = {
	.name = "tcpmss",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_tcpmss_info),
	.cmp_size = sizeof(struct ut_tcpmss_info),
	.opts = tcpmss_opts,
	.proto = 6, /* IPPROTO_TCP */
	.parse = tcpmss_parse,
	.print = tcpmss_print,
	.save = tcpmss_save,
};
