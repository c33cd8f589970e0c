/* xt_TPROXY.c: the IPv4 TPROXY target, revisions 0 and 1 (iptables
 * 1.8.9 extensions/libxt_TPROXY.c; kernel net/netfilter/xt_TPROXY.c). */
#include <errno.h>
#include <stddef.h>
#include <arpa/inet.h>

#include "rules/ext.h"

/* struct xt_tproxy_target_info (revision 0) */
struct ut_tproxy_info0 {
	uint32_t mark_mask;
	uint32_t mark_value;
	uint32_t laddr;      /* network order */
	uint16_t lport;      /* network order */
};

/* struct xt_tproxy_target_info_v1 */
struct ut_tproxy_info1 {
	uint32_t mark_mask;
	uint32_t mark_value;
	uint32_t laddr[4];   /* union nf_inet_addr, IPv4 in laddr[0] */
	uint16_t lport;      /* network order */
};

enum {
	P_PORT = 0,
	P_ADDR,
	P_MARK,
};

static const struct ut_opt tproxy0_opts[] = {
	{ .name = "on-port", .id = P_PORT, .type = UT_OPT_PORT,
	  .flags = UT_OPTF_MAND | UT_OPTF_NBO | UT_OPTF_PUT,
	  .off = offsetof(struct ut_tproxy_info0, lport) },
	{ .name = "on-ip", .id = P_ADDR, .type = UT_OPT_HOST,
	  .flags = UT_OPTF_PUT,
	  .off = offsetof(struct ut_tproxy_info0, laddr) },
	{ .name = "tproxy-mark", .id = P_MARK, .type = UT_OPT_MARKMASK32 },
	UT_OPT_END
};

static const struct ut_opt tproxy1_opts[] = {
	{ .name = "on-port", .id = P_PORT, .type = UT_OPT_PORT,
	  .flags = UT_OPTF_MAND | UT_OPTF_NBO | UT_OPTF_PUT,
	  .off = offsetof(struct ut_tproxy_info1, lport) },
	{ .name = "on-ip", .id = P_ADDR, .type = UT_OPT_HOST,
	  .flags = UT_OPTF_PUT,
	  .off = offsetof(struct ut_tproxy_info1, laddr) },
	{ .name = "tproxy-mark", .id = P_MARK, .type = UT_OPT_MARKMASK32 },
	UT_OPT_END
};

/* both layouts start with mark_mask, mark_value */
static int
tproxy_parse(struct ut_opt_call *call)
{
	struct ut_tproxy_info0 *info = call->data;

	/* --on-port and --on-ip are the core's (PUT) */
	if (call->opt->id == P_MARK) {
		info->mark_value = call->val.mark;
		info->mark_mask = call->val.mask;
	}
	return 0;
}

/* tproxy_out: -L and save forms from the common fields */
static void
tproxy_out(uint32_t mark_mask, uint32_t mark_value, uint32_t laddr,
	   uint16_t lport, bool save, struct ut_buf *out)
{
	char s[16];

	if (save)
		ut_buf_printf(out, " --on-port %u --on-ip %s --tproxy-mark "
			      "0x%x/0x%x", ntohs(lport), ut_ipv4_ntoa(laddr, s),
			      mark_value, mark_mask);
	else
		ut_buf_printf(out, " TPROXY redirect %s:%u mark 0x%x/0x%x",
			      ut_ipv4_ntoa(laddr, s), ntohs(lport),
			      mark_value, mark_mask);
}

static void
tproxy0_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tproxy_info0 *i = pc->data;

	tproxy_out(i->mark_mask, i->mark_value, i->laddr, i->lport, false,
		   out);
}

static void
tproxy0_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tproxy_info0 *i = pc->data;

	tproxy_out(i->mark_mask, i->mark_value, i->laddr, i->lport, true, out);
}

static void
tproxy1_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tproxy_info1 *i = pc->data;

	tproxy_out(i->mark_mask, i->mark_value, i->laddr[0], i->lport, false,
		   out);
}

static void
tproxy1_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tproxy_info1 *i = pc->data;

	tproxy_out(i->mark_mask, i->mark_value, i->laddr[0], i->lport, true,
		   out);
}

/* tproxy_tg4_check: the rule must name tcp or udp, not inverted */
static int
tproxy_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_ipt_ip *ip = kc->ip;

	if ((ip->proto == 6 || ip->proto == 17) &&
	    !(ip->invflags & UT_INV_PROTO))
		return 0;
	ut_buf_puts(kc->dmesg,
		    "xt_TPROXY: Can be used only with -p tcp or -p udp");
	return -EINVAL;
}

const struct ut_ext ut_ext_TPROXY0 = {
	.name = "TPROXY", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_tproxy_info0),
	.opts = tproxy0_opts,
	.table = "mangle", .hooks = UT_HM_PRE,
	.parse = tproxy_parse,
	.print = tproxy0_print, .save = tproxy0_save, .kcheck = tproxy_kcheck,
};

const struct ut_ext ut_ext_TPROXY = {
	.name = "TPROXY", .revision = 1, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_tproxy_info1),
	.opts = tproxy1_opts,
	.table = "mangle", .hooks = UT_HM_PRE,
	.parse = tproxy_parse,
	.print = tproxy1_print, .save = tproxy1_save, .kcheck = tproxy_kcheck,
};
