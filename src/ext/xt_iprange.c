/* xt_iprange.c: the iprange match, revision 1 (--src-range, --dst-range);
 * reproduces iptables 1.8.9 extensions/libxt_iprange.c (IPv4 part; Linux
 * xt_iprange.c has no checkentry). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* union nf_inet_addr (linux/netfilter.h); IPv4 uses ip, network order */
union ut_inet_addr {
	uint32_t all[4];
	uint32_t ip;
	uint8_t in6[16];
};

/* struct xt_iprange_mtinfo (linux/netfilter/xt_iprange.h) */
struct ut_iprange_info {
	union ut_inet_addr src_min, src_max;
	union ut_inet_addr dst_min, dst_max;
	uint8_t flags;  /* UT_IPRANGE_* */
};

enum {
	UT_IPRANGE_SRC = 1 << 0,
	UT_IPRANGE_DST = 1 << 1,
	UT_IPRANGE_SRC_INV = 1 << 4,
	UT_IPRANGE_DST_INV = 1 << 5,
};

enum {
	O_SRC_RANGE = 0,
	O_DST_RANGE,
};

static const struct ut_opt iprange_opts[] = {
	{ .name = "src-range", .id = O_SRC_RANGE, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT },
	{ .name = "dst-range", .id = O_DST_RANGE, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT },
	UT_OPT_END
};

/* "a.b.c.d[-e.f.g.h]": a single address is the range a-a. A reversed
 * range is kept; iptables only warns that it never matches. */
static int
iprange_parse_range(struct ut_opt_call *call, const char *optname,
		    union ut_inet_addr *min, union ut_inet_addr *max)
{
	char *from = strdup(call->arg), *to, *dash, *bad = NULL;
	int ret = 0;

	if (!from)
		return ut_err_set(call->err, UT_OTHER_PROBLEM,
				  "strdup: Cannot allocate memory");
	dash = strchr(from, '-');
	if (dash)
		*dash = '\0';
	to = dash ? dash + 1 : from;
	memset(min, 0, sizeof(*min));
	memset(max, 0, sizeof(*max));
	if (ut_parse_ipv4_addr(from, &min->ip) < 0)
		bad = from;
	else if (ut_parse_ipv4_addr(to, &max->ip) < 0)
		bad = to;
	if (bad)
		ret = ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				 "%s: Bad value for \"%s\" option: \"%s\"",
				 "iprange", optname, bad);
	else if (dash && ntohl(min->ip) > ntohl(max->ip))
		ut_buf_printf(call->warn, "xt_iprange: range %s-%s is reversed "
			      "and will never match\n", from, to);
	free(from);
	return ret;
}

static int
iprange_parse(struct ut_opt_call *call)
{
	struct ut_iprange_info *info = call->data;
	int ret;

	switch (call->opt->id) {
	case O_SRC_RANGE:
		ret = iprange_parse_range(call, "--src-range", &info->src_min,
					  &info->src_max);
		if (ret < 0)
			return ret;
		info->flags |= UT_IPRANGE_SRC;
		if (call->invert)
			info->flags |= UT_IPRANGE_SRC_INV;
		break;
	case O_DST_RANGE:
		ret = iprange_parse_range(call, "--dst-range", &info->dst_min,
					  &info->dst_max);
		if (ret < 0)
			return ret;
		info->flags |= UT_IPRANGE_DST;
		if (call->invert)
			info->flags |= UT_IPRANGE_DST_INV;
		break;
	}
	return 0;
}

static int
iprange_final_check(struct ut_fcheck_call *call)
{
	if (call->xflags == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"iprange match: You must specify `--src-range' or "
			"`--dst-range'");
	return 0;
}

static void
iprange_put(struct ut_buf *out, const union ut_inet_addr *min,
	    const union ut_inet_addr *max)
{
	char a[16], b[16];

	ut_buf_printf(out, " %s-%s", ut_ipv4_ntoa(min->ip, a),
		      ut_ipv4_ntoa(max->ip, b));
}

static void
iprange_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_iprange_info *info = pc->data;

	if (info->flags & UT_IPRANGE_SRC) {
		ut_buf_puts(out, " source IP range");
		if (info->flags & UT_IPRANGE_SRC_INV)
			ut_buf_puts(out, " !");
		iprange_put(out, &info->src_min, &info->src_max);
	}
	if (info->flags & UT_IPRANGE_DST) {
		ut_buf_puts(out, " destination IP range");
		if (info->flags & UT_IPRANGE_DST_INV)
			ut_buf_puts(out, " !");
		iprange_put(out, &info->dst_min, &info->dst_max);
	}
}

static void
iprange_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_iprange_info *info = pc->data;

	if (info->flags & UT_IPRANGE_SRC) {
		if (info->flags & UT_IPRANGE_SRC_INV)
			ut_buf_puts(out, " !");
		ut_buf_puts(out, " --src-range");
		iprange_put(out, &info->src_min, &info->src_max);
	}
	if (info->flags & UT_IPRANGE_DST) {
		if (info->flags & UT_IPRANGE_DST_INV)
			ut_buf_puts(out, " !");
		ut_buf_puts(out, " --dst-range");
		iprange_put(out, &info->dst_min, &info->dst_max);
	}
}

/* iprange_mt4: each range given must hold (or, inverted, not hold) the
 * address, compared in host order */
static bool
iprange_match(struct ut_xt_par *par)
{
	const struct ut_iprange_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	uint32_t a;
	bool m;

	if (info->flags & UT_IPRANGE_SRC) {
		a = ut_get32(p->ip + UT_IP_OFF_SADDR);
		m = a < ntohl(info->src_min.ip) || a > ntohl(info->src_max.ip);
		m ^= !!(info->flags & UT_IPRANGE_SRC_INV);
		if (m)
			return false;
	}
	if (info->flags & UT_IPRANGE_DST) {
		a = ut_get32(p->ip + UT_IP_OFF_DADDR);
		m = a < ntohl(info->dst_min.ip) || a > ntohl(info->dst_max.ip);
		m ^= !!(info->flags & UT_IPRANGE_DST_INV);
		if (m)
			return false;
	}
	return true;
}

const struct ut_ext ut_ext_iprange = {
	.name = "iprange",
	.revision = 1,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_iprange_info),
	.opts = iprange_opts,
	.parse = iprange_parse,
	.final_check = iprange_final_check,
	.print = iprange_print,
	.save = iprange_save,
	.match = iprange_match,
};
