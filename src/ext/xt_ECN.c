/* xt_ECN.c: the ECN target (mangle: --ecn-tcp-remove, --ecn-tcp-cwr,
 * --ecn-tcp-ece, --ecn-ip-ect); reproduces iptables 1.8.9
 * extensions/libipt_ECN.c and the checkentry of Linux
 * net/ipv4/netfilter/ipt_ECN.c. */
#include <errno.h>
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct ipt_ECN_info (linux/netfilter_ipv4/ipt_ECN.h); the kernel's
 * proto.tcp bitfield {ece:1, cwr:1} is the byte tcp with explicit bits. */
struct ut_ECN_info {
	uint8_t operation; /* UT_ECN_OP_SET_* */
	uint8_t ip_ect;    /* ECT codepoint to set in the IP header (0-3) */
	uint8_t tcp;       /* UT_ECN_TCP_ECE / UT_ECN_TCP_CWR values to set */
};

enum {
	UT_ECN_OP_SET_IP = 0x01,
	UT_ECN_OP_SET_ECE = 0x10,
	UT_ECN_OP_SET_CWR = 0x20,
	UT_ECN_OP_MASK = 0xce, /* bits the kernel refuses */
};

enum {
	UT_ECN_TCP_ECE = 0x01,
	UT_ECN_TCP_CWR = 0x02,
};

enum {
	O_TCP_REMOVE = 0,
	O_TCP_CWR,
	O_TCP_ECE,
	O_IP_ECT,
	F_TCP_REMOVE = 1 << O_TCP_REMOVE,
	F_TCP_CWR = 1 << O_TCP_CWR,
	F_TCP_ECE = 1 << O_TCP_ECE,
};

static const struct ut_opt ECN_opts[] = {
	{ .name = "ecn-tcp-remove", .id = O_TCP_REMOVE, .type = UT_OPT_NONE,
	  .excl = F_TCP_CWR | F_TCP_ECE },
	{ .name = "ecn-tcp-cwr", .id = O_TCP_CWR, .type = UT_OPT_UINT8,
	  .min = 0, .max = 1, .excl = F_TCP_REMOVE },
	{ .name = "ecn-tcp-ece", .id = O_TCP_ECE, .type = UT_OPT_UINT8,
	  .min = 0, .max = 1, .excl = F_TCP_REMOVE },
	{ .name = "ecn-ip-ect", .id = O_IP_ECT, .type = UT_OPT_UINT8,
	  .min = 0, .max = 3 },
	UT_OPT_END
};

static void
ECN_set_tcp_bit(struct ut_ECN_info *info, uint8_t bit, uint8_t on)
{
	if (on)
		info->tcp |= bit;
	else
		info->tcp &= (uint8_t)~bit;
}

static int
ECN_parse(struct ut_opt_call *call)
{
	struct ut_ECN_info *info = call->data;

	switch (call->opt->id) {
	case O_TCP_REMOVE:
		/* an assignment: a --ecn-ip-ect given before is dropped */
		info->operation = UT_ECN_OP_SET_ECE | UT_ECN_OP_SET_CWR;
		info->tcp = 0;
		break;
	case O_TCP_CWR:
		info->operation |= UT_ECN_OP_SET_CWR;
		ECN_set_tcp_bit(info, UT_ECN_TCP_CWR, call->val.u8);
		break;
	case O_TCP_ECE:
		info->operation |= UT_ECN_OP_SET_ECE;
		ECN_set_tcp_bit(info, UT_ECN_TCP_ECE, call->val.u8);
		break;
	case O_IP_ECT:
		info->operation |= UT_ECN_OP_SET_IP;
		info->ip_ect = call->val.u8;
		break;
	}
	return 0;
}

static int
ECN_final_check(struct ut_fcheck_call *call)
{
	if (call->xflags == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "ECN target: An operation is required");
	return 0;
}

/* ECN_is_remove: the form --ecn-tcp-remove stands for. */
static bool
ECN_is_remove(const struct ut_ECN_info *info)
{
	return info->operation == (UT_ECN_OP_SET_ECE | UT_ECN_OP_SET_CWR) &&
	       !(info->tcp & (UT_ECN_TCP_ECE | UT_ECN_TCP_CWR));
}

static void
ECN_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_ECN_info *info = pc->data;

	ut_buf_puts(out, " ECN");
	if (ECN_is_remove(info)) {
		ut_buf_puts(out, " TCP remove");
		return;
	}
	if (info->operation & UT_ECN_OP_SET_ECE)
		ut_buf_printf(out, " ECE=%u", !!(info->tcp & UT_ECN_TCP_ECE));
	if (info->operation & UT_ECN_OP_SET_CWR)
		ut_buf_printf(out, " CWR=%u", !!(info->tcp & UT_ECN_TCP_CWR));
	if (info->operation & UT_ECN_OP_SET_IP)
		ut_buf_printf(out, " ECT codepoint=%u", info->ip_ect);
}

static void
ECN_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_ECN_info *info = pc->data;

	if (ECN_is_remove(info)) {
		ut_buf_puts(out, " --ecn-tcp-remove");
		return;
	}
	if (info->operation & UT_ECN_OP_SET_ECE)
		ut_buf_printf(out, " --ecn-tcp-ece %d",
			      !!(info->tcp & UT_ECN_TCP_ECE));
	if (info->operation & UT_ECN_OP_SET_CWR)
		ut_buf_printf(out, " --ecn-tcp-cwr %d",
			      !!(info->tcp & UT_ECN_TCP_CWR));
	if (info->operation & UT_ECN_OP_SET_IP)
		ut_buf_printf(out, " --ecn-ip-ect %d", info->ip_ect);
}

/* ecn_tg_check: setting TCP bits needs a rule for (non-inverted) -p tcp;
 * the mangle-only restriction is .table. */
static int
ECN_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_ECN_info *info = kc->data;

	if (info->operation & UT_ECN_OP_MASK)
		return -EINVAL;
	if (info->ip_ect & ~3u)
		return -EINVAL;
	if ((info->operation & (UT_ECN_OP_SET_ECE | UT_ECN_OP_SET_CWR)) &&
	    (kc->ip->proto != 6 || (kc->ip->invflags & UT_INV_PROTO))) {
		ut_buf_puts(kc->dmesg,
			    "ipt_ECN: cannot use operation on non-tcp rule");
		return -EINVAL;
	}
	return 0;
}

/* set_ect_ip: the two ECN bits of the TOS byte */
static void
ECN_set_ip(uint8_t *iph, const struct ut_ECN_info *info)
{
	uint8_t old = iph[UT_IP_OFF_TOS];
	uint8_t nv;

	if ((old & 0x03) == (info->ip_ect & 0x03))
		return;
	nv = (uint8_t)((old & ~0x03) | (info->ip_ect & 0x03));
	iph[UT_IP_OFF_TOS] = nv;
	ut_csum_replace2(iph + UT_IP_OFF_CSUM, old, nv);
}

/* set_ect_tcp: ECE/CWR in the TCP header right after the IP header
 * (the kernel does not look at the fragment offset); a datagram without
 * 20 bytes there is dropped */
static bool
ECN_set_tcp(struct ut_pkt *p, const struct ut_ECN_info *info)
{
	unsigned hl = ut_ip_hlen(p);
	uint8_t *th, flags;
	uint16_t old;
	bool ece, cwr;

	if (p->len < hl + 20)
		return false;
	th = p->ip + hl;
	flags = th[13];
	ece = flags & 0x40;
	cwr = flags & 0x80;
	if ((!(info->operation & UT_ECN_OP_SET_ECE) ||
	     ece == !!(info->tcp & UT_ECN_TCP_ECE)) &&
	    (!(info->operation & UT_ECN_OP_SET_CWR) ||
	     cwr == !!(info->tcp & UT_ECN_TCP_CWR)))
		return true;
	old = ut_get16(th + 12);
	if (info->operation & UT_ECN_OP_SET_ECE)
		flags = (uint8_t)((flags & ~0x40) |
				  (info->tcp & UT_ECN_TCP_ECE ? 0x40 : 0));
	if (info->operation & UT_ECN_OP_SET_CWR)
		flags = (uint8_t)((flags & ~0x80) |
				  (info->tcp & UT_ECN_TCP_CWR ? 0x80 : 0));
	th[13] = flags;
	ut_csum_replace2(th + 16, old, ut_get16(th + 12));
	return true;
}

/* ecn_tg */
static unsigned
ECN_tg(struct ut_xt_par *par)
{
	const struct ut_ECN_info *info = par->data;
	struct ut_pkt *p = par->pkt;

	if (info->operation & UT_ECN_OP_SET_IP)
		ECN_set_ip(p->ip, info);
	if ((info->operation & (UT_ECN_OP_SET_ECE | UT_ECN_OP_SET_CWR)) &&
	    ut_ip_proto(p) == 6 && !ECN_set_tcp(p, info))
		return UT_NF_DROP;
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_ECN = {
	.name = "ECN",
	.revision = 0,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_ECN_info),
	.opts = ECN_opts,
	.table = "mangle",
	.parse = ECN_parse,
	.final_check = ECN_final_check,
	.print = ECN_print,
	.save = ECN_save,
	.kcheck = ECN_kcheck,
	.target = ECN_tg,
};
