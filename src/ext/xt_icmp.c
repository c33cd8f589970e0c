/* xt_icmp.c: the IPv4 icmp match (-p icmp --icmp-type); reproduces
 * iptables 1.8.9 extensions/libipt_icmp.c (+ libxt_icmp.h) and the icmp
 * match built into Linux net/ipv4/netfilter/ip_tables.c. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/engine.h"
#include "classify/classify.h"
#include "rules/ext.h"

/* struct ipt_icmp (linux/netfilter_ipv4/ip_tables.h). */
struct ut_icmp_info {
	uint8_t type;       /* ICMP type; 0xff = any type */
	uint8_t code[2];    /* code range, inclusive */
	uint8_t invflags;   /* UT_ICMP_INV */
};

enum {
	UT_ICMP_INV = 0x01,
};

enum {
	O_ICMP_TYPE = 0,
};

static const struct ut_opt icmp_opts[] = {
	{ .name = "icmp-type", .id = O_ICMP_TYPE, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT,
	  .arg = "type[/code]|name",
	  .help = "ICMP type (and code) by number, or a name such as "
		  "echo-request, port-unreachable, any" },
	UT_OPT_END
};

/* Type names, in iptables' order: input takes the first (unique) prefix
 * match, -L prints the first entry with the exact type and code range,
 * so aliases (pong, ping, ttl-exceeded) are never printed. */
static const struct icmp_name {
	const char *name;
	uint8_t type;
	uint8_t code_min, code_max;
} icmp_names[] = {
	{ "any", 0xff, 0, 0xff },
	{ "echo-reply", 0, 0, 0xff },
	{ "pong", 0, 0, 0xff },
	{ "destination-unreachable", 3, 0, 0xff },
	{ "network-unreachable", 3, 0, 0 },
	{ "host-unreachable", 3, 1, 1 },
	{ "protocol-unreachable", 3, 2, 2 },
	{ "port-unreachable", 3, 3, 3 },
	{ "fragmentation-needed", 3, 4, 4 },
	{ "source-route-failed", 3, 5, 5 },
	{ "network-unknown", 3, 6, 6 },
	{ "host-unknown", 3, 7, 7 },
	{ "network-prohibited", 3, 9, 9 },
	{ "host-prohibited", 3, 10, 10 },
	{ "TOS-network-unreachable", 3, 11, 11 },
	{ "TOS-host-unreachable", 3, 12, 12 },
	{ "communication-prohibited", 3, 13, 13 },
	{ "host-precedence-violation", 3, 14, 14 },
	{ "precedence-cutoff", 3, 15, 15 },
	{ "source-quench", 4, 0, 0xff },
	{ "redirect", 5, 0, 0xff },
	{ "network-redirect", 5, 0, 0 },
	{ "host-redirect", 5, 1, 1 },
	{ "TOS-network-redirect", 5, 2, 2 },
	{ "TOS-host-redirect", 5, 3, 3 },
	{ "echo-request", 8, 0, 0xff },
	{ "ping", 8, 0, 0xff },
	{ "router-advertisement", 9, 0, 0xff },
	{ "router-solicitation", 10, 0, 0xff },
	{ "time-exceeded", 11, 0, 0xff },
	{ "ttl-exceeded", 11, 0, 0xff },
	{ "ttl-zero-during-transit", 11, 0, 0 },
	{ "ttl-zero-during-reassembly", 11, 1, 1 },
	{ "parameter-problem", 12, 0, 0xff },
	{ "ip-header-bad", 12, 0, 0 },
	{ "required-option-missing", 12, 1, 1 },
	{ "timestamp-request", 13, 0, 0xff },
	{ "timestamp-reply", 14, 0, 0xff },
	{ "address-mask-request", 17, 0, 0xff },
	{ "address-mask-reply", 18, 0, 0xff },
};
#define N_ICMP_NAMES (sizeof(icmp_names) / sizeof(icmp_names[0]))

static void
icmp_init(void *data)
{
	struct ut_icmp_info *info = data;

	info->type = 0xff;
	info->code[1] = 0xff;
}

/* icmp_strtoui: xtables_strtoui(s, &end, v, 0, 255): a number in any C
 * base, no minus sign. false if none starts at s or it is too big. */
static bool
icmp_strtoui(const char *s, const char **end, unsigned *v)
{
	const char *p;
	char *e;
	unsigned long long n;

	for (p = s; *p == ' ' || (*p >= '\t' && *p <= '\r'); p++)
		;
	if (*p == '-')
		return false;
	n = strtoull(s, &e, 0);
	if (e == s || n > 255)
		return false;
	*v = (unsigned)n;
	*end = e;
	return true;
}

/* icmp_parse_range: "n" or "n:m"; the end of what was read, or NULL. */
static const char *
icmp_parse_range(const char *s, unsigned range[2])
{
	const char *end;

	if (!icmp_strtoui(s, &end, &range[0]))
		return NULL;
	range[1] = range[0];
	if (*end == ':' && !icmp_strtoui(end + 1, &end, &range[1]))
		return NULL;
	return end;
}

/* icmp_parse_numeric: "type[/code[:code]]" (a type range is parsed, then
 * refused, in iptables' order of checks). */
static int
icmp_parse_numeric(struct ut_opt_call *call, struct ut_icmp_info *info)
{
	const char *s = call->arg, *next;
	unsigned type[2], code[2] = { 0, 0xff };

	next = icmp_parse_range(s, type);
	if (!next)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Unknown ICMP type `%s'", s);
	if (*next == '/') {
		next = icmp_parse_range(next + 1, code);
		if (!next)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "Unknown ICMP code `%s'", s);
	}
	if (*next != '\0')
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "unknown character %c", *next);
	if (type[0] != type[1])
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "ICMP type range not supported");
	info->type = (uint8_t)type[0];
	info->code[0] = (uint8_t)code[0];
	info->code[1] = (uint8_t)code[1];
	return 0;
}

static int
icmp_parse(struct ut_opt_call *call)
{
	struct ut_icmp_info *info = call->data;
	size_t len = strlen(call->arg), match = N_ICMP_NAMES;
	int ret;

	for (size_t i = 0; i < N_ICMP_NAMES; i++) {
		if (strncasecmp(icmp_names[i].name, call->arg, len) != 0)
			continue;
		if (match != N_ICMP_NAMES)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"Ambiguous ICMP type `%s': `%s' or `%s'?",
				call->arg, icmp_names[match].name,
				icmp_names[i].name);
		match = i;
	}
	if (match != N_ICMP_NAMES) {
		info->type = icmp_names[match].type;
		info->code[0] = icmp_names[match].code_min;
		info->code[1] = icmp_names[match].code_max;
	} else {
		ret = icmp_parse_numeric(call, info);
		if (ret < 0)
			return ret;
	}
	if (call->invert)
		info->invflags |= UT_ICMP_INV;
	return 0;
}

static void
icmp_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_icmp_info *info = pc->data;
	bool inv = info->invflags & UT_ICMP_INV;

	ut_buf_puts(out, " icmp");
	if (!pc->numeric) {
		for (size_t i = 0; i < N_ICMP_NAMES; i++) {
			const struct icmp_name *n = &icmp_names[i];

			if (n->type == info->type &&
			    n->code_min == info->code[0] &&
			    n->code_max == info->code[1]) {
				ut_buf_printf(out, " %s%s", inv ? "!" : "",
					      n->name);
				goto tail;
			}
		}
	}
	/* iptables writes no space before "type" here ("icmptype 3") */
	if (inv)
		ut_buf_puts(out, " !");
	ut_buf_printf(out, "type %u", info->type);
	if (info->code[0] == info->code[1])
		ut_buf_printf(out, " code %u", info->code[0]);
	else if (info->code[0] != 0 || info->code[1] != 0xff)
		ut_buf_printf(out, " codes %u-%u", info->code[0],
			      info->code[1]);
tail:
	if (info->invflags & ~UT_ICMP_INV)
		ut_buf_printf(out, " Unknown invflags: 0x%X",
			      info->invflags & ~UT_ICMP_INV);
}

static void
icmp_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_icmp_info *info = pc->data;

	if (info->invflags & UT_ICMP_INV)
		ut_buf_puts(out, " !");
	/* type 0xff is "any" whatever the codes (255/255 saves as any) */
	if (info->type == 0xff) {
		ut_buf_puts(out, " --icmp-type any");
		return;
	}
	ut_buf_printf(out, " --icmp-type %u", info->type);
	/* only the lower code is saved: "3/4:9" comes back as "3/4" */
	if (info->code[0] != 0 || info->code[1] != 0xff)
		ut_buf_printf(out, "/%u", info->code[0]);
}

/* icmp_checkentry: unknown inversion bits are refused, no log line. */
static int
icmp_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_icmp_info *info = kc->data;

	return (info->invflags & ~UT_ICMP_INV) ? -EINVAL : 0;
}

/* icmp_match: a non-first fragment never matches; a first fragment or
 * packet shorter than the 8-byte ICMP header (struct icmphdr) is
 * hot-dropped. Type 0xff ("any") matches every type and code. */
static bool
icmp_match(struct ut_xt_par *par)
{
	const struct ut_icmp_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	const uint8_t *ic;
	bool in;

	if (par->fragoff != 0)
		return false;
	if ((uint64_t)par->thoff + 8 > p->len) {
		par->hotdrop = true;
		return false;
	}
	ic = p->ip + par->thoff;
	in = info->type == 0xff ||
	     (ic[0] == info->type && ic[1] >= info->code[0] &&
	      ic[1] <= info->code[1]);
	return in ^ !!(info->invflags & UT_ICMP_INV);
}

/* icmp_classify: type and code as one 16-bit value; type 0xff (any)
 * matches everything, inverted nothing */
static void
icmp_classify(const void *data, struct ut_cls_rule *cr)
{
	const struct ut_icmp_info *info = data;
	bool inv = info->invflags & UT_ICMP_INV;

	if (cr->icmp.given)
		return;
	if (info->type == 0xff)
		ut_cls_range_set(&cr->icmp, 0, UINT16_MAX, inv);
	else if (info->code[0] <= info->code[1])
		ut_cls_range_set(&cr->icmp,
				 (uint16_t)(info->type << 8 | info->code[0]),
				 (uint16_t)(info->type << 8 | info->code[1]),
				 inv);
}

const struct ut_ext ut_ext_icmp = {
	.name = "icmp",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_icmp_info),
	.cmp_size = sizeof(struct ut_icmp_info),
	.opts = icmp_opts,
	.proto = 1, /* IPPROTO_ICMP */
	.init = icmp_init,
	.parse = icmp_parse,
	.print = icmp_print,
	.save = icmp_save,
	.kcheck = icmp_kcheck,
	.match = icmp_match,
	.classify = icmp_classify,
};
