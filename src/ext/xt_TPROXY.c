/* xt_TPROXY.c: the IPv4 TPROXY target, revisions 0 and 1 (iptables
 * 1.8.9 extensions/libxt_TPROXY.c; kernel net/netfilter/xt_TPROXY.c). */
#include <errno.h>
#include <stddef.h>
#include <arpa/inet.h>

#include "engine/engine.h"
#include "engine/stack.h"
#include "host/host.h"
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

/* nf_tproxy_laddr4: the rule's --on-ip, else the first primary address
 * of the device the packet came in on, else its destination */
static uint32_t
tproxy_laddr(const struct ut_pkt *p, uint32_t laddr)
{
	const struct ut_iface *in = p->indev;

	if (laddr)
		return laddr;
	for (size_t i = 0; in && i < in->n_addrs; i++)
		if (!in->addrs[i].secondary)
			return in->addrs[i].addr;
	return ut_ip_daddr_nbo(p);
}

/* tproxy_tg4: a connection of the packet's own addresses first (the
 * redirect already happened), else a listener on the redirect address
 * and port; a transparent one gets the packet (skb->sk, used by local
 * delivery) and the mark is set; none: DROP */
static unsigned
tproxy_tg(struct ut_xt_par *par, uint32_t laddr, uint16_t lport_nbo,
	  uint32_t mark_mask, uint32_t mark_value)
{
	struct ut_pkt *p = par->pkt;
	unsigned hl = ut_ip_hlen(p);
	uint8_t proto = ut_ip_proto(p);
	uint32_t saddr = ut_ip_saddr_nbo(p), daddr = ut_ip_daddr_nbo(p);
	uint16_t sport, dport, lport = ntohs(lport_nbo);
	const struct ut_sock *sk;
	char a[16];

	/* skb_header_pointer of a UDP header's size, for TCP too */
	if (hl + 8 > p->len) {
		ut_engine_why(par->eng, p, "TPROXY: no transport header: "
			      "dropped");
		return UT_NF_DROP;
	}
	sport = ut_get16(p->ip + hl);
	dport = ut_get16(p->ip + hl + 2);
	sk = ut_stack_lookup(par->eng, proto, saddr, sport, daddr, dport,
			     UT_SK_LOOKUP_ESTABLISHED);
	laddr = tproxy_laddr(p, laddr);
	if (!lport)
		lport = dport;
	if (!sk)
		sk = ut_stack_lookup(par->eng, proto, saddr, sport, laddr,
				     lport, UT_SK_LOOKUP_LISTENER);
	if (!sk || !sk->transparent) {
		ut_engine_why(par->eng, p, "TPROXY: no %ssocket on %s:%u: "
			      "dropped", sk ? "transparent " : "",
			      ut_ipv4_ntoa(laddr, a), lport);
		return UT_NF_DROP;
	}
	p->mark = (p->mark & ~mark_mask) ^ mark_value;
	p->sk = sk;
	ut_engine_why(par->eng, p, "TPROXY: the packet goes to the %s "
		      "socket on %s:%u", sk->state == UT_SK_LISTEN ?
		      "listening" : "connection's", ut_ipv4_ntoa(sk->laddr, a),
		      sk->lport);
	return UT_NF_ACCEPT;
}

static unsigned
tproxy0_target(struct ut_xt_par *par)
{
	const struct ut_tproxy_info0 *i = par->data;

	return tproxy_tg(par, i->laddr, i->lport, i->mark_mask,
			 i->mark_value);
}

static unsigned
tproxy1_target(struct ut_xt_par *par)
{
	const struct ut_tproxy_info1 *i = par->data;

	return tproxy_tg(par, i->laddr[0], i->lport, i->mark_mask,
			 i->mark_value);
}

const struct ut_ext ut_ext_TPROXY0 = {
	.name = "TPROXY", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_tproxy_info0),
	.opts = tproxy0_opts,
	.table = "mangle", .hooks = UT_HM_PRE,
	.parse = tproxy_parse,
	.print = tproxy0_print, .save = tproxy0_save, .kcheck = tproxy_kcheck,
	.target = tproxy0_target,
};

const struct ut_ext ut_ext_TPROXY = {
	.name = "TPROXY", .revision = 1, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_tproxy_info1),
	.opts = tproxy1_opts,
	.table = "mangle", .hooks = UT_HM_PRE,
	.parse = tproxy_parse,
	.print = tproxy1_print, .save = tproxy1_save, .kcheck = tproxy_kcheck,
	.target = tproxy1_target,
};
