/* xt_connlimit.c: the connlimit match (revision 1); reproduces iptables
 * 1.8.9 extensions/libxt_connlimit.c and Linux net/netfilter/xt_connlimit.c
 * (whose checkentry refuses nothing for IPv4). */
#include <stddef.h>
#include <arpa/inet.h>

#include "rules/ext.h"

/* struct xt_connlimit_info (linux/netfilter/xt_connlimit.h), IPv4 only,
 * without the kernel's private nf_conncount_data pointer. */
struct ut_connlimit_info {
	uint32_t v4_mask;  /* network order; 255.255.255.255 by default */
	uint32_t limit;
	uint32_t flags;    /* UT_CONNLIMIT_* */
};

enum {
	UT_CONNLIMIT_INVERT = 1 << 0, /* match when count <= limit (upto) */
	UT_CONNLIMIT_DADDR = 1 << 1,  /* group by destination address */
};

enum {
	O_UPTO = 0,
	O_ABOVE,
	O_MASK,
	O_SADDR,
	O_DADDR,
	F_UPTO = 1 << O_UPTO,
	F_ABOVE = 1 << O_ABOVE,
	F_SADDR = 1 << O_SADDR,
	F_DADDR = 1 << O_DADDR,
};

static const struct ut_opt connlimit_opts[] = {
	{ .name = "connlimit-upto", .id = O_UPTO, .type = UT_OPT_UINT32,
	  .excl = F_ABOVE, .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_connlimit_info, limit) },
	{ .name = "connlimit-above", .id = O_ABOVE, .type = UT_OPT_UINT32,
	  .excl = F_UPTO, .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_connlimit_info, limit) },
	{ .name = "connlimit-mask", .id = O_MASK, .type = UT_OPT_PLEN },
	{ .name = "connlimit-saddr", .id = O_SADDR, .type = UT_OPT_NONE,
	  .excl = F_DADDR },
	{ .name = "connlimit-daddr", .id = O_DADDR, .type = UT_OPT_NONE,
	  .excl = F_SADDR },
	UT_OPT_END
};

static void
connlimit_init(void *data)
{
	struct ut_connlimit_info *info = data;

	info->v4_mask = UINT32_MAX;
}

static int
connlimit_parse(struct ut_opt_call *call)
{
	struct ut_connlimit_info *info = call->data;

	switch (call->opt->id) {
	case O_ABOVE:
		if (call->invert)
			info->flags |= UT_CONNLIMIT_INVERT;
		break;
	case O_UPTO:
		/* upto is stored as an inverted above */
		if (!call->invert)
			info->flags |= UT_CONNLIMIT_INVERT;
		break;
	case O_MASK:
		info->v4_mask = call->val.inetmask;
		break;
	case O_SADDR:
		info->flags &= ~UT_CONNLIMIT_DADDR;
		break;
	case O_DADDR:
		info->flags |= UT_CONNLIMIT_DADDR;
		break;
	}
	return 0;
}

static int
connlimit_final_check(struct ut_fcheck_call *call)
{
	if ((call->xflags & (F_UPTO | F_ABOVE)) == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"You must specify \"--connlimit-above\" or "
			"\"--connlimit-upto\".");
	return 0;
}

/* connlimit_bits: count_bits4 of libxt_connlimit: 32 minus the position
 * of the highest set bit of the inverted mask (the prefix length for a
 * contiguous mask). */
static unsigned
connlimit_bits(uint32_t mask_nbo)
{
	unsigned bits = 0;

	for (uint32_t m = ~ntohl(mask_nbo); m != 0; m >>= 1)
		++bits;
	return 32 - bits;
}

static void
connlimit_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_connlimit_info *info = pc->data;

	ut_buf_printf(out, " #conn %s/%u %s %u",
		      info->flags & UT_CONNLIMIT_DADDR ? "dst" : "src",
		      connlimit_bits(info->v4_mask),
		      info->flags & UT_CONNLIMIT_INVERT ? "<=" : ">",
		      info->limit);
}

static void
connlimit_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_connlimit_info *info = pc->data;

	ut_buf_printf(out, " --connlimit-%s %u --connlimit-mask %u",
		      info->flags & UT_CONNLIMIT_INVERT ? "upto" : "above",
		      info->limit, connlimit_bits(info->v4_mask));
	ut_buf_puts(out, info->flags & UT_CONNLIMIT_DADDR ?
		    " --connlimit-daddr" : " --connlimit-saddr");
}

const struct ut_ext ut_ext_connlimit = {
	.name = "connlimit", .revision = 1, .kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_connlimit_info),
	.cmp_size = sizeof(struct ut_connlimit_info),
	.opts = connlimit_opts,
	.init = connlimit_init, .parse = connlimit_parse,
	.final_check = connlimit_final_check,
	.print = connlimit_print, .save = connlimit_save,
};
