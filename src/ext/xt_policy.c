/* xt_policy.c: the IPv4 policy match (IPsec policy: --dir, --pol,
 * --strict and per-element --reqid/--spi/--proto/--mode/--tunnel-src/
 * --tunnel-dst/--next); reproduces iptables 1.8.9
 * extensions/libxt_policy.c and the checkentry of Linux
 * net/netfilter/xt_policy.c. */
#include <errno.h>
#include <netdb.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include "engine/engine.h"
#include "rules/ext.h"
#include "ext/hostmask.h"

#define POLICY_MAX_ELEM 4 /* XT_POLICY_MAX_ELEM */

/* union xt_policy_addr: IPv4 uses the first word, network order */
union ut_policy_addr {
	uint32_t a4;
	uint32_t a6[4];
};

/* struct xt_policy_spec: one bit per element field (bitfield order of the
 * kernel struct on little-endian GCC) */
enum {
	UT_POL_SADDR = 0x01,
	UT_POL_DADDR = 0x02,
	UT_POL_PROTO = 0x04,
	UT_POL_MODE = 0x08,
	UT_POL_SPI = 0x10,
	UT_POL_REQID = 0x20,
};

/* struct xt_policy_elem */
struct ut_policy_elem {
	union ut_policy_addr saddr, smask, daddr, dmask;
	uint32_t spi;    /* as iptables stores it: host order */
	uint32_t reqid;
	uint8_t proto;   /* IPPROTO_AH, _ESP or _COMP */
	uint8_t mode;    /* UT_POL_MODE_* */
	uint8_t match;   /* UT_POL_* fields to test */
	uint8_t invert;  /* UT_POL_* fields inverted */
};

/* struct xt_policy_info */
struct ut_policy_info {
	struct ut_policy_elem pol[POLICY_MAX_ELEM];
	uint16_t flags;  /* UT_POLICY_MATCH_* */
	uint16_t len;    /* elements in pol[] */
};

enum {
	UT_POLICY_MATCH_IN = 0x1,
	UT_POLICY_MATCH_OUT = 0x2,
	UT_POLICY_MATCH_NONE = 0x4,
	UT_POLICY_MATCH_STRICT = 0x8,
};

enum {
	UT_POL_MODE_TRANSPORT = 0,
	UT_POL_MODE_TUNNEL = 1,
};

enum {
	O_DIRECTION = 0,
	O_POLICY,
	O_STRICT,
	O_REQID,
	O_SPI,
	O_PROTO,
	O_MODE,
	O_TUNNELSRC,
	O_TUNNELDST,
	O_NEXT,
	F_STRICT = 1 << O_STRICT,
};

/* Same order as iptables' table (it decides abbreviations and the order
 * of the generic final checks). */
static const struct ut_opt policy_opts[] = {
	{ .name = "dir", .id = O_DIRECTION, .type = UT_OPT_STRING },
	{ .name = "pol", .id = O_POLICY, .type = UT_OPT_STRING },
	{ .name = "strict", .id = O_STRICT, .type = UT_OPT_NONE },
	{ .name = "reqid", .id = O_REQID, .type = UT_OPT_UINT32,
	  .flags = UT_OPTF_MULTI | UT_OPTF_INVERT },
	{ .name = "spi", .id = O_SPI, .type = UT_OPT_UINT32,
	  .flags = UT_OPTF_MULTI | UT_OPTF_INVERT },
	{ .name = "tunnel-src", .id = O_TUNNELSRC, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MULTI | UT_OPTF_INVERT },
	{ .name = "tunnel-dst", .id = O_TUNNELDST, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MULTI | UT_OPTF_INVERT },
	{ .name = "proto", .id = O_PROTO, .type = UT_OPT_PROTOCOL,
	  .flags = UT_OPTF_MULTI | UT_OPTF_INVERT },
	{ .name = "mode", .id = O_MODE, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MULTI | UT_OPTF_INVERT },
	{ .name = "next", .id = O_NEXT, .type = UT_OPT_NONE,
	  .flags = UT_OPTF_MULTI, .also = F_STRICT },
	UT_OPT_END
};

/* policy_double: the element already has that field. */
static int
policy_double(struct ut_opt_call *call)
{
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			  "policy match: double --%s option", call->opt->name);
}

/* addresses go through ut_hostmask_parse rather than the engine's
 * UT_OPT_HOSTMASK, whose result differs (the address loses its first
 * byte, and non-prefix masks); the address is kept unmasked, as iptables
 * keeps it. */
static int
policy_parse_elem(struct ut_opt_call *call, struct ut_policy_elem *e)
{
	uint8_t bit = 0;
	int ret;

	switch (call->opt->id) {
	case O_REQID:
		bit = UT_POL_REQID;
		if (e->match & bit)
			return policy_double(call);
		e->reqid = call->val.u32;
		break;
	case O_SPI:
		bit = UT_POL_SPI;
		if (e->match & bit)
			return policy_double(call);
		e->spi = call->val.u32;
		break;
	case O_TUNNELSRC:
		bit = UT_POL_SADDR;
		if (e->match & bit)
			return policy_double(call);
		ret = ut_hostmask_parse(call, &e->saddr.a4, &e->smask.a4);
		if (ret < 0)
			return ret;
		break;
	case O_TUNNELDST:
		bit = UT_POL_DADDR;
		if (e->match & bit)
			return policy_double(call);
		ret = ut_hostmask_parse(call, &e->daddr.a4, &e->dmask.a4);
		if (ret < 0)
			return ret;
		break;
	case O_PROTO:
		bit = UT_POL_PROTO;
		if (e->match & bit)
			return policy_double(call);
		e->proto = call->val.u8;
		if (e->proto != 51 && e->proto != 50 && e->proto != 108)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"policy match: protocol must be ah/esp/ipcomp");
		break;
	case O_MODE:
		bit = UT_POL_MODE;
		if (e->match & bit)
			return policy_double(call);
		if (strcmp(call->arg, "transport") == 0)
			e->mode = UT_POL_MODE_TRANSPORT;
		else if (strcmp(call->arg, "tunnel") == 0)
			e->mode = UT_POL_MODE_TUNNEL;
		else
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"policy match: invalid mode \"%s\"", call->arg);
		break;
	}
	e->match |= bit;
	if (call->invert)
		e->invert |= bit;
	return 0;
}

static int
policy_parse(struct ut_opt_call *call)
{
	struct ut_policy_info *info = call->data;

	switch (call->opt->id) {
	case O_DIRECTION:
		/* sic: "policy_match" here, "policy match" elsewhere */
		if (strcmp(call->arg, "in") == 0)
			info->flags |= UT_POLICY_MATCH_IN;
		else if (strcmp(call->arg, "out") == 0)
			info->flags |= UT_POLICY_MATCH_OUT;
		else
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"policy_match: invalid dir \"%s\"", call->arg);
		return 0;
	case O_POLICY:
		if (strcmp(call->arg, "none") == 0)
			info->flags |= UT_POLICY_MATCH_NONE;
		else if (strcmp(call->arg, "ipsec") != 0)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"policy match: invalid policy \"%s\"",
				call->arg);
		return 0;
	case O_STRICT:
		info->flags |= UT_POLICY_MATCH_STRICT;
		return 0;
	case O_NEXT:
		if (++info->len == POLICY_MAX_ELEM)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"policy match: maximum policy depth reached");
		return 0;
	}
	return policy_parse_elem(call, &info->pol[info->len]);
}

static int
policy_final_check(struct ut_fcheck_call *call)
{
	struct ut_policy_info *info = call->data;

	if (!(info->flags & (UT_POLICY_MATCH_IN | UT_POLICY_MATCH_OUT)))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"policy match: neither --dir in nor --dir out "
			"specified");
	if (info->flags & UT_POLICY_MATCH_NONE) {
		if (info->flags & UT_POLICY_MATCH_STRICT)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"policy match: policy none but --strict "
				"given");
		if (info->len != 0)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"policy match: policy none but policy "
				"given");
	} else {
		/* the element being filled counts, though no --next
		 * follows it */
		info->len++;
	}
	for (unsigned i = 0; i < info->len; i++) {
		const struct ut_policy_elem *e = &info->pol[i];

		if ((info->flags & UT_POLICY_MATCH_STRICT) && !e->match)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"policy match: empty policy element %u. "
				"--strict is in effect, but at least one of "
				"reqid, spi, tunnel-src, tunnel-dst, proto or "
				"mode is required.", i);
		if ((e->match & (UT_POL_SADDR | UT_POL_DADDR)) &&
		    ((e->mode == UT_POL_MODE_TUNNEL &&
		      (e->invert & UT_POL_MODE)) ||
		     (e->mode == UT_POL_MODE_TRANSPORT &&
		      !(e->invert & UT_POL_MODE))))
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"policy match: --tunnel-src/--tunnel-dst "
				"is only valid in tunnel mode");
	}
	return 0;
}

static void
policy_print_addr(struct ut_buf *out, const char *prefix, const char *name,
		  uint32_t addr, uint32_t mask)
{
	char buf[16];

	ut_buf_printf(out, " %s%s %s", prefix, name, ut_ipv4_ntoa(addr, buf));
	ut_ipv4_mask_print(mask, out);
}

/* policy_print_entry: print_entry (prefix "" for -L, "--" for save). */
static void
policy_print_entry(struct ut_buf *out, const char *prefix,
		   const struct ut_policy_elem *e, bool numeric)
{
	if (e->match & UT_POL_REQID) {
		if (e->invert & UT_POL_REQID)
			ut_buf_puts(out, " !");
		ut_buf_printf(out, " %sreqid %u", prefix, e->reqid);
	}
	if (e->match & UT_POL_SPI) {
		if (e->invert & UT_POL_SPI)
			ut_buf_puts(out, " !");
		ut_buf_printf(out, " %sspi 0x%x", prefix, e->spi);
	}
	if (e->match & UT_POL_PROTO) {
		const struct protoent *p = numeric ? NULL :
					   getprotobynumber(e->proto);

		if (e->invert & UT_POL_PROTO)
			ut_buf_puts(out, " !");
		if (p)
			ut_buf_printf(out, " %sproto %s", prefix, p->p_name);
		else
			ut_buf_printf(out, " %sproto %u", prefix, e->proto);
	}
	if (e->match & UT_POL_MODE) {
		if (e->invert & UT_POL_MODE)
			ut_buf_puts(out, " !");
		ut_buf_printf(out, " %smode %s", prefix,
			      e->mode == UT_POL_MODE_TRANSPORT ? "transport" :
			      e->mode == UT_POL_MODE_TUNNEL ? "tunnel" : "???");
	}
	if (e->match & UT_POL_DADDR) {
		if (e->invert & UT_POL_DADDR)
			ut_buf_puts(out, " !");
		policy_print_addr(out, prefix, "tunnel-dst", e->daddr.a4,
				  e->dmask.a4);
	}
	if (e->match & UT_POL_SADDR) {
		if (e->invert & UT_POL_SADDR)
			ut_buf_puts(out, " !");
		policy_print_addr(out, prefix, "tunnel-src", e->saddr.a4,
				  e->smask.a4);
	}
}

static void
policy_print_flags(struct ut_buf *out, const char *prefix,
		   const struct ut_policy_info *info)
{
	ut_buf_printf(out, " %sdir %s", prefix,
		      info->flags & UT_POLICY_MATCH_IN ? "in" : "out");
	ut_buf_printf(out, " %spol %s", prefix,
		      info->flags & UT_POLICY_MATCH_NONE ? "none" : "ipsec");
	if (info->flags & UT_POLICY_MATCH_STRICT)
		ut_buf_printf(out, " %sstrict", prefix);
}

static void
policy_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_policy_info *info = pc->data;

	ut_buf_puts(out, " policy match");
	policy_print_flags(out, "", info);
	for (unsigned i = 0; i < info->len && i < POLICY_MAX_ELEM; i++) {
		if (info->len > 1)
			ut_buf_printf(out, " [%u]", i);
		policy_print_entry(out, "", &info->pol[i], pc->numeric);
	}
}

static void
policy_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_policy_info *info = pc->data;

	policy_print_flags(out, "--", info);
	for (unsigned i = 0; i < info->len && i < POLICY_MAX_ELEM; i++) {
		policy_print_entry(out, "--", &info->pol[i], false);
		if (i + 1 < info->len)
			ut_buf_puts(out, " --next");
	}
}

/* policy_mt_check: a direction is needed, and it must suit the hooks the
 * rule is reached from. */
static int
policy_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_policy_info *info = kc->data;
	const char *msg = NULL;

	if (!(info->flags & (UT_POLICY_MATCH_IN | UT_POLICY_MATCH_OUT)))
		msg = "neither incoming nor outgoing policy selected";
	else if ((kc->hook_mask & (UT_HM_PRE | UT_HM_IN)) &&
		 (info->flags & UT_POLICY_MATCH_OUT))
		msg = "output policy not valid in PREROUTING and INPUT";
	else if ((kc->hook_mask & (UT_HM_POST | UT_HM_OUT)) &&
		 (info->flags & UT_POLICY_MATCH_IN))
		msg = "input policy not valid in POSTROUTING and OUTPUT";
	else if (info->len > POLICY_MAX_ELEM)
		msg = "too many policy elements";
	if (!msg)
		return 0;
	ut_buf_printf(kc->dmesg, "xt_policy: %s", msg);
	return -EINVAL;
}

/* policy_mt: the host model has no IPsec: no packet has a sec_path
 * (match_policy_in) and no route an xfrm bundle (match_policy_out), so
 * both return "no policy" (-1): the match holds exactly when --pol none
 * was given, whatever --dir, --strict and the elements say. */
static bool
policy_match(struct ut_xt_par *par)
{
	const struct ut_policy_info *info = par->data;

	return (info->flags & UT_POLICY_MATCH_NONE) != 0;
}

const struct ut_ext ut_ext_policy = {
	.name = "policy",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_policy_info),
	.opts = policy_opts,
	.parse = policy_parse,
	.final_check = policy_final_check,
	.print = policy_print,
	.save = policy_save,
	.kcheck = policy_kcheck,
	.match = policy_match,
};
