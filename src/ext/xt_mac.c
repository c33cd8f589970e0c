/* xt_mac.c: the mac match (--mac-source); reproduces iptables 1.8.9
 * extensions/libxt_mac.c and Linux net/netfilter/xt_mac.c (hooks). */
#include <stddef.h>

#include "core/ext.h"

/* struct xt_mac_info (linux/netfilter/xt_mac.h) */
struct ut_mac_info {
	uint8_t srcaddr[6];
	int invert;
};

enum {
	O_MAC = 0,
};

static const struct ut_opt mac_opts[] = {
	{ .name = "mac-source", .id = O_MAC, .type = UT_OPT_ETHERMAC,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_mac_info, srcaddr) },
	UT_OPT_END
};

static int
mac_parse(struct ut_opt_call *call)
{
	struct ut_mac_info *info = call->data;

	if (call->invert)
		info->invert = 1;
	return 0;
}

static void
mac_put_addr(struct ut_buf *out, const uint8_t *a)
{
	ut_buf_printf(out, "%02x:%02x:%02x:%02x:%02x:%02x",
		      a[0], a[1], a[2], a[3], a[4], a[5]);
}

static void
mac_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_mac_info *info = pc->data;

	ut_buf_puts(out, info->invert ? " MAC ! " : " MAC ");
	mac_put_addr(out, info->srcaddr);
}

static void
mac_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_mac_info *info = pc->data;

	ut_buf_puts(out, info->invert ? " ! --mac-source " : " --mac-source ");
	mac_put_addr(out, info->srcaddr);
}

const struct ut_ext ut_ext_mac = {
	.name = "mac",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_mac_info),
	.opts = mac_opts,
	/* the source MAC is only known on the way in */
	.hooks = UT_HM_PRE | UT_HM_IN | UT_HM_FWD,
	.parse = mac_parse,
	.print = mac_print,
	.save = mac_save,
};
