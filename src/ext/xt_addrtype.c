/* xt_addrtype.c: the addrtype match, revision 1 (--src-type, --dst-type,
 * --limit-iface-in/out); reproduces iptables 1.8.9
 * extensions/libxt_addrtype.c and the checkentry of Linux
 * net/netfilter/xt_addrtype.c. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "engine/engine.h"
#include "rules/ext.h"
#include "host/host.h"

/* struct xt_addrtype_info_v1 (linux/netfilter/xt_addrtype.h); source and
 * dest are masks of 1 << RTN_* */
struct ut_addrtype_info {
	uint16_t source;
	uint16_t dest;
	uint32_t flags;  /* UT_ADDRTYPE_* */
};

enum {
	UT_ADDRTYPE_INVERT_SOURCE = 0x0001,
	UT_ADDRTYPE_INVERT_DEST = 0x0002,
	UT_ADDRTYPE_LIMIT_IFACE_IN = 0x0004,
	UT_ADDRTYPE_LIMIT_IFACE_OUT = 0x0008,
};

enum {
	O_SRC_TYPE = 0,
	O_DST_TYPE,
	O_LIMIT_IFACE_IN,
	O_LIMIT_IFACE_OUT,
	F_SRC_TYPE = 1 << O_SRC_TYPE,
	F_DST_TYPE = 1 << O_DST_TYPE,
	F_LIMIT_IFACE_IN = 1 << O_LIMIT_IFACE_IN,
	F_LIMIT_IFACE_OUT = 1 << O_LIMIT_IFACE_OUT,
};

static const struct ut_opt addrtype_opts[] = {
	{ .name = "src-type", .id = O_SRC_TYPE, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT },
	{ .name = "dst-type", .id = O_DST_TYPE, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT },
	{ .name = "limit-iface-in", .id = O_LIMIT_IFACE_IN,
	  .type = UT_OPT_NONE, .excl = F_LIMIT_IFACE_OUT },
	{ .name = "limit-iface-out", .id = O_LIMIT_IFACE_OUT,
	  .type = UT_OPT_NONE, .excl = F_LIMIT_IFACE_IN },
	UT_OPT_END
};

/* route types in RTN_* order (linux/rtnetlink.h): bit i is name i */
static const char *const rtn_names[] = {
	"UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST",
	"BLACKHOLE", "UNREACHABLE", "PROHIBIT", "THROW", "NAT", "XRESOLVE",
};
#define N_RTN_NAMES (sizeof(rtn_names) / sizeof(rtn_names[0]))

/* addrtype_parse_one: the first type name the len-byte word is a
 * case-insensitive prefix of ("loc" is LOCAL), as libxt_addrtype does. */
static int
addrtype_parse_one(const char *word, size_t len, uint16_t *mask)
{
	for (size_t i = 0; i < N_RTN_NAMES; i++)
		if (strncasecmp(word, rtn_names[i], len) == 0) {
			*mask |= (uint16_t)(1u << i);
			return 0;
		}
	return -1;
}

/* "TYPE[,TYPE...]"; the two messages differ in quoting as in iptables */
static int
addrtype_parse_types(struct ut_opt_call *call, uint16_t *mask)
{
	const char *arg = call->arg, *comma;

	while ((comma = strchr(arg, ',')) != NULL) {
		if (comma == arg ||
		    addrtype_parse_one(arg, (size_t)(comma - arg), mask) < 0)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "addrtype: bad type `%s'", arg);
		arg = comma + 1;
	}
	if (*arg == '\0' || addrtype_parse_one(arg, strlen(arg), mask) < 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "addrtype: bad type \"%s\"", arg);
	return 0;
}

static int
addrtype_parse(struct ut_opt_call *call)
{
	struct ut_addrtype_info *info = call->data;
	int ret = 0;

	switch (call->opt->id) {
	case O_SRC_TYPE:
		ret = addrtype_parse_types(call, &info->source);
		if (call->invert)
			info->flags |= UT_ADDRTYPE_INVERT_SOURCE;
		break;
	case O_DST_TYPE:
		ret = addrtype_parse_types(call, &info->dest);
		if (call->invert)
			info->flags |= UT_ADDRTYPE_INVERT_DEST;
		break;
	case O_LIMIT_IFACE_IN:
		info->flags |= UT_ADDRTYPE_LIMIT_IFACE_IN;
		break;
	case O_LIMIT_IFACE_OUT:
		info->flags |= UT_ADDRTYPE_LIMIT_IFACE_OUT;
		break;
	}
	return ret;
}

static int
addrtype_final_check(struct ut_fcheck_call *call)
{
	if (!(call->xflags & (F_SRC_TYPE | F_DST_TYPE)))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"addrtype: you must specify --src-type or --dst-type");
	return 0;
}

static void
addrtype_put_types(struct ut_buf *out, uint16_t mask)
{
	const char *sep = "";

	for (size_t i = 0; i < N_RTN_NAMES; i++)
		if (mask & (1u << i)) {
			ut_buf_printf(out, "%s%s", sep, rtn_names[i]);
			sep = ",";
		}
}

static void
addrtype_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_addrtype_info *info = pc->data;

	ut_buf_puts(out, " ADDRTYPE match");
	if (info->source) {
		ut_buf_puts(out, " src-type ");
		if (info->flags & UT_ADDRTYPE_INVERT_SOURCE)
			ut_buf_putc(out, '!');
		addrtype_put_types(out, info->source);
	}
	if (info->dest) {
		ut_buf_puts(out, " dst-type ");
		if (info->flags & UT_ADDRTYPE_INVERT_DEST)
			ut_buf_putc(out, '!');
		addrtype_put_types(out, info->dest);
	}
	if (info->flags & UT_ADDRTYPE_LIMIT_IFACE_IN)
		ut_buf_puts(out, " limit-in");
	if (info->flags & UT_ADDRTYPE_LIMIT_IFACE_OUT)
		ut_buf_puts(out, " limit-out");
}

static void
addrtype_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_addrtype_info *info = pc->data;

	if (info->source) {
		if (info->flags & UT_ADDRTYPE_INVERT_SOURCE)
			ut_buf_puts(out, " !");
		ut_buf_puts(out, " --src-type ");
		addrtype_put_types(out, info->source);
	}
	if (info->dest) {
		if (info->flags & UT_ADDRTYPE_INVERT_DEST)
			ut_buf_puts(out, " !");
		ut_buf_puts(out, " --dst-type ");
		addrtype_put_types(out, info->dest);
	}
	if (info->flags & UT_ADDRTYPE_LIMIT_IFACE_IN)
		ut_buf_puts(out, " --limit-iface-in");
	if (info->flags & UT_ADDRTYPE_LIMIT_IFACE_OUT)
		ut_buf_puts(out, " --limit-iface-out");
}

/* addrtype_mt_checkentry_v1: an interface limit needs that interface to
 * exist in every hook the rule is reached from */
static int
addrtype_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_addrtype_info *info = kc->data;

	if ((info->flags & UT_ADDRTYPE_LIMIT_IFACE_IN) &&
	    (info->flags & UT_ADDRTYPE_LIMIT_IFACE_OUT)) {
		ut_buf_puts(kc->dmesg, "xt_addrtype: both incoming and "
			    "outgoing interface limitation cannot be selected");
		return -EINVAL;
	}
	if ((kc->hook_mask & (UT_HM_PRE | UT_HM_IN)) &&
	    (info->flags & UT_ADDRTYPE_LIMIT_IFACE_OUT)) {
		ut_buf_puts(kc->dmesg, "xt_addrtype: output interface "
			    "limitation not valid in PREROUTING and INPUT");
		return -EINVAL;
	}
	if ((kc->hook_mask & (UT_HM_POST | UT_HM_OUT)) &&
	    (info->flags & UT_ADDRTYPE_LIMIT_IFACE_IN)) {
		ut_buf_puts(kc->dmesg, "xt_addrtype: input interface "
			    "limitation not valid in POSTROUTING and OUTPUT");
		return -EINVAL;
	}
	return 0;
}

/* match_type: is the RTN_* type of addr (inet_dev_addr_type: the local
 * table, seen from dev when given) in mask? */
static bool
addrtype_is(const struct ut_host *h, const struct ut_iface *dev,
	    uint32_t addr_nbo, uint16_t mask)
{
	unsigned type = ut_host_addr_type(h, addr_nbo, dev);

	return type < 16 && (mask & (1u << type));
}

/* addrtype_mt_v1: --limit-iface-in/out look the addresses up as seen
 * from the hook's input/output device; without a limit from any. The
 * destination is only looked at when the source part matched. */
static bool
addrtype_match(struct ut_xt_par *par)
{
	const struct ut_addrtype_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	const struct ut_iface *dev = NULL;
	const struct ut_host *h;
	bool ret = true;

	if (!par->eng)
		return false; /* no host to ask: never the case in a run */
	h = ut_engine_host(par->eng);
	if (info->flags & UT_ADDRTYPE_LIMIT_IFACE_IN)
		dev = par->in;
	else if (info->flags & UT_ADDRTYPE_LIMIT_IFACE_OUT)
		dev = par->out;
	if (info->source)
		ret &= addrtype_is(h, dev, ut_ip_saddr_nbo(p), info->source) ^
		       !!(info->flags & UT_ADDRTYPE_INVERT_SOURCE);
	if (ret && info->dest)
		ret &= addrtype_is(h, dev, ut_ip_daddr_nbo(p), info->dest) ^
		       !!(info->flags & UT_ADDRTYPE_INVERT_DEST);
	return ret;
}

const struct ut_ext ut_ext_addrtype = {
	.name = "addrtype",
	.revision = 1,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_addrtype_info),
	.opts = addrtype_opts,
	.parse = addrtype_parse,
	.final_check = addrtype_final_check,
	.print = addrtype_print,
	.save = addrtype_save,
	.kcheck = addrtype_kcheck,
	.match = addrtype_match,
};
