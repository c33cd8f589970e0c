/* xt_mac.c: the mac match (--mac-source); reproduces iptables 1.8.9
 * extensions/libxt_mac.c and Linux net/netfilter/xt_mac.c (hooks). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"
#include "host/host.h"

/* struct xt_mac_info (linux/netfilter/xt_mac.h) */
struct ut_mac_info {
	uint8_t srcaddr[6];
	int invert;
};

enum {
	O_MAC = 0,
};

static const struct ut_opt mac_opts[] = {
	/* parsed here: the engine's UT_OPT_ETHERMAC insists on 17
	 * characters, xtables takes 1-2 hex digits per byte */
	{ .name = "mac-source", .id = O_MAC, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT },
	UT_OPT_END
};

/* mac_parse_addr: xtopt_parse_ethermac: six strtoul(.., 16) fields of at
 * most two characters, ':'-separated ("0:1:2:3:4:5" and even an empty
 * field are accepted, as there). 0 or -1. */
static int
mac_parse_addr(const char *arg, uint8_t addr[6])
{
	char *end;

	for (int i = 0; i < 6; i++) {
		addr[i] = (uint8_t)strtoul(arg, &end, 16);
		if (*end != (i < 5 ? ':' : '\0') || end - arg > 2)
			return -1;
		arg = end + 1;
	}
	return 0;
}

static int
mac_parse(struct ut_opt_call *call)
{
	struct ut_mac_info *info = call->data;

	if (mac_parse_addr(call->arg, info->srcaddr) < 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Invalid MAC address specified.");
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

/* mac_mt: the source address of the Ethernet header the packet arrived
 * with. The kernel wants skb->dev to be an Ethernet device (not lo:
 * ARPHRD_LOOPBACK) and a MAC header set, so packets the host sent
 * itself never match, not even with "!". */
static bool
mac_match(struct ut_xt_par *par)
{
	const struct ut_mac_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	bool eq;

	if (!p->indev || p->indev->loopback || !p->has_mac)
		return false;
	eq = memcmp(p->mac + 6, info->srcaddr, 6) == 0;
	return (eq ^ info->invert) != 0;
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
	.match = mac_match,
};
