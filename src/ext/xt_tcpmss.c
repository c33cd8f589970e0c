/* xt_tcpmss.c: the tcpmss match (--mss value[:value]); reproduces
 * iptables 1.8.9 extensions/libxt_tcpmss.c and Linux
 * net/netfilter/xt_tcpmss.c (registered for -p tcp only). */
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"

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

/* tcpmss_mt: the first MSS option (kind 2, length 4, whole inside the
 * option list) decides; without one the result is the inversion. The
 * kernel looks neither at the SYN flag nor at the fragment offset (a
 * non-first fragment's payload is read as a TCP header). A packet too
 * short for the TCP header, a data offset below 5 or options cut by the
 * end of the packet are hot-dropped; an option with a bad length is
 * only skipped (0 counts as 1, the last byte as 1). */
static bool
tcpmss_match(struct ut_xt_par *par)
{
	const struct ut_tcpmss_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	const uint8_t *th, *op;
	unsigned optlen, i;

	if ((uint64_t)par->thoff + 20 > p->len)
		goto dropit;
	th = p->ip + par->thoff;
	if ((th[12] >> 4) < 5)
		goto dropit;
	optlen = (th[12] >> 4) * 4u - 20;
	if (optlen == 0)
		return info->invert != 0;
	if ((uint64_t)par->thoff + 20 + optlen > p->len)
		goto dropit;
	op = th + 20;
	for (i = 0; i < optlen;) {
		if (op[i] == 2 && optlen - i >= 4 && op[i + 1] == 4) {
			uint16_t mss = ut_get16(op + i + 2);

			return ((mss >= info->mss_min && mss <= info->mss_max) ^
				info->invert) != 0;
		}
		if (op[i] < 2 || i == optlen - 1)
			i++;
		else
			i += op[i + 1] ? op[i + 1] : 1;
	}
	return info->invert != 0;
dropit:
	par->hotdrop = true;
	return false;
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
	.match = tcpmss_match,
};
