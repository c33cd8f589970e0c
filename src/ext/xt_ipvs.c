/* xt_ipvs.c: the ipvs match; reproduces iptables 1.8.9
 * extensions/libxt_ipvs.c and Linux net/netfilter/xt_ipvs.c. */
#include <stddef.h>
#include <strings.h>
#include <arpa/inet.h>

#include "rules/ext.h"
#include "ext/ct_addr.h"

/* struct xt_ipvs_mtinfo (linux/netfilter/xt_ipvs.h), IPv4 only. */
struct ut_ipvs_info {
	uint32_t vaddr, vmask; /* network order */
	uint16_t vport;        /* network order */
	uint8_t l4proto;
	uint8_t fwd_method;    /* UT_IPVS_F_* (IP_VS_CONN_F_*) */
	uint16_t vportctl;     /* network order */
	uint8_t invert;        /* UT_IPVS_* bits */
	uint8_t bitmask;       /* UT_IPVS_* bits given */
};

/* XT_IPVS_*: bit n is option id n. */
enum {
	UT_IPVS_PROPERTY = 1 << 0,
	UT_IPVS_PROTO = 1 << 1,
	UT_IPVS_VADDR = 1 << 2,
	UT_IPVS_VPORT = 1 << 3,
	UT_IPVS_DIR = 1 << 4,
	UT_IPVS_METHOD = 1 << 5,
	UT_IPVS_VPORTCTL = 1 << 6,
	UT_IPVS_MASK = (1 << 7) - 1,
	UT_IPVS_ONCE_MASK = UT_IPVS_MASK & ~UT_IPVS_PROPERTY,
};

/* IP_VS_CONN_F_FWD_MASK values (linux/ip_vs.h). */
enum {
	UT_IPVS_F_MASQ = 0,
	UT_IPVS_F_TUNNEL = 2,
	UT_IPVS_F_DROUTE = 3,
};

enum {
	O_IPVS = 0,
	O_VPROTO,
	O_VADDR,
	O_VPORT,
	O_VDIR,
	O_VMETHOD,
	O_VPORTCTL,
};

static const struct ut_opt ipvs_opts[] = {
	{ .name = "ipvs", .id = O_IPVS, .type = UT_OPT_NONE,
	  .flags = UT_OPTF_INVERT },
	{ .name = "vproto", .id = O_VPROTO, .type = UT_OPT_PROTOCOL,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_ipvs_info, l4proto) },
	{ .name = "vaddr", .id = O_VADDR, .type = UT_OPT_HOSTMASK,
	  .flags = UT_OPTF_INVERT },
	{ .name = "vport", .id = O_VPORT, .type = UT_OPT_PORT,
	  .flags = UT_OPTF_NBO | UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_ipvs_info, vport) },
	{ .name = "vdir", .id = O_VDIR, .type = UT_OPT_STRING },
	{ .name = "vmethod", .id = O_VMETHOD, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT },
	{ .name = "vportctl", .id = O_VPORTCTL, .type = UT_OPT_PORT,
	  .flags = UT_OPTF_NBO | UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_ipvs_info, vportctl) },
	UT_OPT_END
};

static int
ipvs_bad_value(struct ut_opt_call *call)
{
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			  "ipvs: Bad value for \"--%s\" option: \"%s\"",
			  call->opt->name, call->arg);
}

static int
ipvs_parse(struct ut_opt_call *call)
{
	struct ut_ipvs_info *info = call->data;
	unsigned id = call->opt->id;

	switch (id) {
	case O_VADDR:
		info->vaddr = call->val.inet;
		info->vmask = call->val.inetmask;
		break;
	case O_VDIR:
		/* REPLY is stored as an inverted direction */
		if (strcasecmp(call->arg, "ORIGINAL") == 0)
			info->invert &= ~UT_IPVS_DIR;
		else if (strcasecmp(call->arg, "REPLY") == 0)
			info->invert |= UT_IPVS_DIR;
		else
			return ipvs_bad_value(call);
		break;
	case O_VMETHOD:
		if (strcasecmp(call->arg, "GATE") == 0)
			info->fwd_method = UT_IPVS_F_DROUTE;
		else if (strcasecmp(call->arg, "IPIP") == 0)
			info->fwd_method = UT_IPVS_F_TUNNEL;
		else if (strcasecmp(call->arg, "MASQ") == 0)
			info->fwd_method = UT_IPVS_F_MASQ;
		else
			return ipvs_bad_value(call);
		break;
	}
	info->bitmask |= (uint8_t)(1u << id);
	if (call->invert)
		info->invert |= (uint8_t)(1u << id);
	return 0;
}

/* Any option but --ipvs implies --ipvs, which then may not be negated. */
static int
ipvs_final_check(struct ut_fcheck_call *call)
{
	struct ut_ipvs_info *info = call->data;

	if (call->xflags == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "IPVS: At least one option is required");
	if (info->bitmask & UT_IPVS_ONCE_MASK) {
		if (info->invert & UT_IPVS_PROPERTY)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"! --ipvs cannot be together with other "
				"options");
		info->bitmask |= UT_IPVS_PROPERTY;
	}
	return 0;
}

static void
ipvs_not(struct ut_buf *out, const struct ut_ipvs_info *info, uint8_t bit)
{
	if (info->invert & bit)
		ut_buf_puts(out, " !");
}

static const char *
ipvs_method_name(uint8_t m)
{
	switch (m) {
	case UT_IPVS_F_DROUTE:
		return "GATE";
	case UT_IPVS_F_TUNNEL:
		return "IPIP";
	case UT_IPVS_F_MASQ:
		return "MASQ";
	}
	return "UNKNOWN";
}

/* ipvs_dump: ipvs_mt_dump; pfx "" for -L, "--" for save. */
static void
ipvs_dump(struct ut_buf *out, const struct ut_ipvs_info *info,
	  const char *pfx, bool numeric)
{
	if (info->bitmask == UT_IPVS_PROPERTY) {
		ipvs_not(out, info, UT_IPVS_PROPERTY);
		ut_buf_printf(out, " %sipvs", pfx);
	}
	if (info->bitmask & UT_IPVS_PROTO) {
		ipvs_not(out, info, UT_IPVS_PROTO);
		ut_buf_printf(out, " %svproto %u", pfx, info->l4proto);
	}
	if (info->bitmask & UT_IPVS_VADDR) {
		ipvs_not(out, info, UT_IPVS_VADDR);
		ut_buf_printf(out, " %svaddr", pfx);
		ut_ct_addr_print(out, info->vaddr, info->vmask, numeric);
	}
	if (info->bitmask & UT_IPVS_VPORT) {
		ipvs_not(out, info, UT_IPVS_VPORT);
		ut_buf_printf(out, " %svport %u", pfx, ntohs(info->vport));
	}
	if (info->bitmask & UT_IPVS_DIR)
		ut_buf_printf(out, " %svdir %s", pfx,
			      info->invert & UT_IPVS_DIR ? "REPLY" :
			      "ORIGINAL");
	if (info->bitmask & UT_IPVS_METHOD) {
		ipvs_not(out, info, UT_IPVS_METHOD);
		ut_buf_printf(out, " %svmethod %s", pfx,
			      ipvs_method_name(info->fwd_method));
	}
	if (info->bitmask & UT_IPVS_VPORTCTL) {
		ipvs_not(out, info, UT_IPVS_VPORTCTL);
		ut_buf_printf(out, " %svportctl %u", pfx,
			      ntohs(info->vportctl));
	}
}

static void
ipvs_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ipvs_dump(out, pc->data, "", pc->numeric);
}

static void
ipvs_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ipvs_dump(out, pc->data, "--", true);
}

/* ipvs_mt_check refuses only families other than IPv4/IPv6. The reference
 * machine of the 1.8.9 corpus lacked ip_vs; utables models a kernel with
 * it, so the rules load as libxt_ipvs.t expects. */
const struct ut_ext ut_ext_ipvs = {
	.name = "ipvs", .revision = 0, .kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_ipvs_info),
	.cmp_size = sizeof(struct ut_ipvs_info),
	.opts = ipvs_opts,
	.parse = ipvs_parse, .final_check = ipvs_final_check,
	.print = ipvs_print, .save = ipvs_save,
};
