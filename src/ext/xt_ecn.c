/* xt_ecn.c: the ecn match (--ecn-tcp-cwr, --ecn-tcp-ece, --ecn-ip-ect);
 * reproduces iptables 1.8.9 extensions/libxt_ecn.c and the IPv4
 * checkentry and match of Linux net/netfilter/xt_ecn.c. */
#include <errno.h>
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_ecn_info (linux/netfilter/xt_ecn.h) */
struct ut_ecn_info {
	uint8_t operation; /* UT_ECN_OP_MATCH_* to test */
	uint8_t invert;    /* UT_ECN_OP_MATCH_* inverted */
	uint8_t ip_ect;    /* ECN codepoint (0-3) the IP header must carry */
	uint8_t tcp_ect;   /* proto.tcp.ect: unused by iptables and kernel */
};

enum {
	UT_ECN_OP_MATCH_IP = 0x01,
	UT_ECN_OP_MATCH_ECE = 0x10,
	UT_ECN_OP_MATCH_CWR = 0x20,
	UT_ECN_OP_MATCH_MASK = 0xce, /* bits the kernel refuses */
};

enum {
	O_TCP_CWR = 0,
	O_TCP_ECE,
	O_IP_ECT,
};

static const struct ut_opt ecn_opts[] = {
	{ .name = "ecn-tcp-cwr", .id = O_TCP_CWR, .type = UT_OPT_NONE,
	  .flags = UT_OPTF_INVERT },
	{ .name = "ecn-tcp-ece", .id = O_TCP_ECE, .type = UT_OPT_NONE,
	  .flags = UT_OPTF_INVERT },
	{ .name = "ecn-ip-ect", .id = O_IP_ECT, .type = UT_OPT_UINT8,
	  .min = 0, .max = 3, .flags = UT_OPTF_INVERT },
	UT_OPT_END
};

static int
ecn_parse(struct ut_opt_call *call)
{
	struct ut_ecn_info *info = call->data;
	uint8_t op = 0;

	switch (call->opt->id) {
	case O_TCP_CWR:
		op = UT_ECN_OP_MATCH_CWR;
		break;
	case O_TCP_ECE:
		op = UT_ECN_OP_MATCH_ECE;
		break;
	case O_IP_ECT:
		op = UT_ECN_OP_MATCH_IP;
		info->ip_ect = call->val.u8;
		break;
	}
	info->operation |= op;
	if (call->invert)
		info->invert |= op;
	return 0;
}

static int
ecn_final_check(struct ut_fcheck_call *call)
{
	if (call->xflags == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "ECN match: some option required");
	return 0;
}

static void
ecn_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_ecn_info *info = pc->data;

	ut_buf_puts(out, " ECN match");
	if (info->operation & UT_ECN_OP_MATCH_ECE)
		ut_buf_printf(out, " %sECE",
			      info->invert & UT_ECN_OP_MATCH_ECE ? "!" : "");
	if (info->operation & UT_ECN_OP_MATCH_CWR)
		ut_buf_printf(out, " %sCWR",
			      info->invert & UT_ECN_OP_MATCH_CWR ? "!" : "");
	if (info->operation & UT_ECN_OP_MATCH_IP)
		ut_buf_printf(out, " %sECT=%d",
			      info->invert & UT_ECN_OP_MATCH_IP ? "!" : "",
			      info->ip_ect);
}

static void
ecn_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_ecn_info *info = pc->data;

	if (info->operation & UT_ECN_OP_MATCH_ECE)
		ut_buf_printf(out, "%s --ecn-tcp-ece",
			      info->invert & UT_ECN_OP_MATCH_ECE ? " !" : "");
	if (info->operation & UT_ECN_OP_MATCH_CWR)
		ut_buf_printf(out, "%s --ecn-tcp-cwr",
			      info->invert & UT_ECN_OP_MATCH_CWR ? " !" : "");
	if (info->operation & UT_ECN_OP_MATCH_IP)
		ut_buf_printf(out, "%s --ecn-ip-ect %d",
			      info->invert & UT_ECN_OP_MATCH_IP ? " !" : "",
			      info->ip_ect);
}

/* ecn_mt_check4: the TCP bits need a rule for (non-inverted) -p tcp. */
static int
ecn_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_ecn_info *info = kc->data;

	if ((info->operation | info->invert) & UT_ECN_OP_MATCH_MASK)
		return -EINVAL;
	if ((info->operation & (UT_ECN_OP_MATCH_ECE | UT_ECN_OP_MATCH_CWR)) &&
	    (kc->ip->proto != 6 || (kc->ip->invflags & UT_INV_PROTO))) {
		ut_buf_puts(kc->dmesg,
			    "xt_ecn: cannot match TCP bits for non-tcp packets");
		return -EINVAL;
	}
	return 0;
}

/* ecn_match_tcp: match_tcp of net/netfilter/xt_ecn.c. Unlike the tcp
 * match it neither looks at the fragment offset (a non-first fragment's
 * payload is read as a TCP header) nor hot-drops: less than 20 bytes of
 * TCP header does not match. ECE is 0x40 and CWR 0x80 of byte 13. */
static bool
ecn_match_tcp(const struct ut_xt_par *par, const struct ut_ecn_info *info)
{
	const struct ut_pkt *p = par->pkt;
	uint8_t flags;

	if ((uint64_t)par->thoff + 20 > p->len)
		return false;
	flags = p->ip[par->thoff + 13];
	if ((info->operation & UT_ECN_OP_MATCH_ECE) &&
	    !(flags & 0x40) != !!(info->invert & UT_ECN_OP_MATCH_ECE))
		return false;
	if ((info->operation & UT_ECN_OP_MATCH_CWR) &&
	    !(flags & 0x80) != !!(info->invert & UT_ECN_OP_MATCH_CWR))
		return false;
	return true;
}

/* ecn_mt4: the ECN bits of the IP TOS byte, then the TCP bits. */
static bool
ecn_match(struct ut_xt_par *par)
{
	const struct ut_ecn_info *info = par->data;

	if ((info->operation & UT_ECN_OP_MATCH_IP) &&
	    !(((par->pkt->ip[1] & 0x03) == info->ip_ect) ^
	      !!(info->invert & UT_ECN_OP_MATCH_IP)))
		return false;
	if ((info->operation & (UT_ECN_OP_MATCH_ECE | UT_ECN_OP_MATCH_CWR)) &&
	    !ecn_match_tcp(par, info))
		return false;
	return true;
}

const struct ut_ext ut_ext_ecn = {
	.name = "ecn",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_ecn_info),
	.opts = ecn_opts,
	.parse = ecn_parse,
	.final_check = ecn_final_check,
	.print = ecn_print,
	.save = ecn_save,
	.kcheck = ecn_kcheck,
	.match = ecn_match,
};
