/* xt_length.c: the length match (--length min[:max]); reproduces
 * iptables 1.8.9 extensions/libxt_length.c (Linux xt_length.c has no
 * checkentry). */
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_length_info (linux/netfilter/xt_length.h) */
struct ut_length_info {
	uint16_t min, max;  /* inclusive, IP total length */
	uint8_t invert;
};

enum {
	O_LENGTH = 0,
};

static const struct ut_opt length_opts[] = {
	{ .name = "length", .id = O_LENGTH, .type = UT_OPT_UINT16RC,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT },
	UT_OPT_END
};

/* 1.8.9 stores a reversed range such as 4:3 as given (it never
 * matches); newer releases reject it. */
static int
length_parse(struct ut_opt_call *call)
{
	struct ut_length_info *info = call->data;

	info->min = (uint16_t)call->val.u32range[0];
	info->max = call->nvals >= 2 ? (uint16_t)call->val.u32range[1] :
		    info->min;
	if (call->invert)
		info->invert = 1;
	return 0;
}

static void
length_put_range(struct ut_buf *out, const struct ut_length_info *info)
{
	if (info->min == info->max)
		ut_buf_printf(out, "%u", info->min);
	else
		ut_buf_printf(out, "%u:%u", info->min, info->max);
}

static void
length_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_length_info *info = pc->data;

	ut_buf_puts(out, info->invert ? " length !" : " length ");
	length_put_range(out, info);
}

static void
length_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_length_info *info = pc->data;

	ut_buf_puts(out, info->invert ? " ! --length " : " --length ");
	length_put_range(out, info);
}

/* length_mt: the IP header's total length (skb_ip_totlen; its GSO
 * exception for a zero field does not apply to single packets), not
 * the bytes present */
static bool
length_match(struct ut_xt_par *par)
{
	const struct ut_length_info *info = par->data;
	uint32_t len = ut_get16(par->pkt->ip + UT_IP_OFF_TOTLEN);

	return ((len >= info->min && len <= info->max) ^ info->invert) != 0;
}

const struct ut_ext ut_ext_length = {
	.name = "length",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_length_info),
	.opts = length_opts,
	.parse = length_parse,
	.print = length_print,
	.save = length_save,
	.match = length_match,
};
