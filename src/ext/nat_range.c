/* nat_range.c: NAT range parsing and printing, and the target skeleton,
 * shared by SNAT, DNAT, MASQUERADE and REDIRECT; reproduces parse_to(),
 * parse_ports(), NAT_parse() and sprint_range()/__NAT_print() of iptables
 * 1.8.9 extensions/libxt_NAT.c for IPv4, quirks included (see the
 * comments). */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "ext/nat_range.h"

/* the protocols whose rules may name ports (ICMP: the echo id) */
static bool
natrange_portok(uint16_t proto)
{
	return proto == 6 || proto == 17 || proto == 132 || proto == 33 ||
	       proto == 1;
}

/* natrange_strtoui: xtables_strtoui with an end pointer (the rest of
 * the string is the caller's) */
static bool
natrange_strtoui(const char *s, const char **end, unsigned min, unsigned max,
		 unsigned *out)
{
	char *e = NULL;
	uint64_t v;

	if (!ut_strtoul(s, &e, &v, min, max))
		return false;
	*end = e;
	*out = (unsigned)v;
	return true;
}

/* natrange_service: xtables_service_to_port(name, NULL): a service name
 * of any protocol (never a number), -1 if unknown. */
static int
natrange_service(const char *name)
{
	struct servent *se = getservbyname(name, NULL);

	return se ? ntohs((uint16_t)se->s_port) : -1;
}

/* natrange_parse_ports: parse "port[-port[/base]]" (--to-ports) */
static int
natrange_parse_ports(const char *arg, uint16_t proto, struct ut_nat_range2 *r,
		     struct ut_err *err)
{
	unsigned port, maxport, base;
	const char *end = NULL;
	int svc;

	if (!natrange_portok(proto))
		return ut_err_set(err, UT_PARAMETER_PROBLEM,
			"Need TCP, UDP, SCTP or DCCP with port specification");
	r->flags |= UT_NAT_RANGE_PROTO_SPECIFIED;

	if (!natrange_strtoui(arg, &end, 0, UINT16_MAX, &port)) {
		svc = natrange_service(arg);
		if (svc < 0)
			return ut_err_set(err, UT_PARAMETER_PROBLEM,
					  "Port `%s' not valid", arg);
		port = (unsigned)svc;
		end = "";
	}
	switch (*end) {
	case '\0':
		r->min_proto = r->max_proto = htons((uint16_t)port);
		return 0;
	case '-':
		arg = end + 1;
		break;
	case ':':
		return ut_err_set(err, UT_PARAMETER_PROBLEM,
				  "Invalid port:port syntax - use dash");
	default:
		return ut_err_set(err, UT_PARAMETER_PROBLEM,
				  "Garbage after port value: `%s'", end);
	}

	/* the upper end of a range is never a service name */
	if (!natrange_strtoui(arg, &end, 0, UINT16_MAX, &maxport))
		return ut_err_set(err, UT_PARAMETER_PROBLEM,
				  "Port `%s' not valid", arg);
	if (maxport < port)
		return ut_err_set(err, UT_PARAMETER_PROBLEM,
				  "Port range `%s' funky", arg);
	r->min_proto = htons((uint16_t)port);
	r->max_proto = htons((uint16_t)maxport);
	switch (*end) {
	case '\0':
		return 0;
	case '/':
		arg = end + 1;
		break;
	default:
		return ut_err_set(err, UT_PARAMETER_PROBLEM,
				  "Garbage after port range: `%s'", end);
	}

	/* iptables ignores anything after the digits of the base port */
	if (!natrange_strtoui(arg, &end, 1, UINT16_MAX, &base)) {
		svc = natrange_service(arg);
		if (svc < 0)
			return ut_err_set(err, UT_PARAMETER_PROBLEM,
					  "Port `%s' not valid", arg);
		base = (unsigned)svc;
	}
	r->flags |= UT_NAT_RANGE_PROTO_OFFSET;
	r->base_proto = htons((uint16_t)base);
	return 0;
}

/* natrange_parse_copy: parse_to() on a writable copy */
static int
natrange_parse_copy(char *arg, uint16_t proto, struct ut_nat_range2 *r,
		    struct ut_err *err)
{
	char *colon, *dash;
	struct in_addr a;
	int ret;

	/* brackets are for IPv6 addresses only */
	if (strchr(arg, '['))
		return ut_err_set(err, UT_PARAMETER_PROBLEM,
				  "Invalid address format");
	/* one colon introduces ports; more mean an IPv6 address */
	colon = strchr(arg, ':');
	if (colon && strchr(colon + 1, ':'))
		colon = NULL;
	if (colon) {
		ret = natrange_parse_ports(colon + 1, proto, r, err);
		if (ret < 0)
			return ret;
		/* iptables' test for "[]:" also catches a two-character
		 * address: "10:80" is taken as ports only */
		if (colon == arg || colon == arg + 2)
			return 0;
		*colon = '\0';
	}

	r->flags |= UT_NAT_RANGE_MAP_IPS;
	dash = strchr(arg, '-');
	if (dash)
		*dash = '\0';
	if (inet_pton(AF_INET, arg, &a) != 1)
		return ut_err_set(err, UT_PARAMETER_PROBLEM,
				  "Bad IP address \"%s\"", arg);
	r->min_addr[0] = a.s_addr;
	if (dash) {
		if (inet_pton(AF_INET, dash + 1, &a) != 1)
			return ut_err_set(err, UT_PARAMETER_PROBLEM,
					  "Bad IP address \"%s\"", dash + 1);
	}
	r->max_addr[0] = a.s_addr;
	return 0;
}

/* natrange_parse_to: parse "[addr[-addr]][:port[-port[/base]]]" into r
 * (ORing flags) as libxt_NAT's parse_to; ports only allowed when the
 * rule's protocol carries ports. */
static int
natrange_parse_to(const char *orig, uint16_t proto, struct ut_nat_range2 *r,
		  struct ut_err *err)
{
	char *arg;
	int ret;

	arg = strdup(orig);
	if (!arg)
		return ut_err_set(err, UT_OTHER_PROBLEM, "strdup: %s",
				  strerror(ENOMEM));
	ret = natrange_parse_copy(arg, proto, r, err);
	free(arg);
	return ret;
}

/* natrange_from_mrc: the rev 0 layout as nf_nat_range2 (base 0) */
static void
natrange_from_mrc(const struct ut_nat_ipv4_mrc *mr, struct ut_nat_range2 *r)
{
	memset(r, 0, sizeof(*r));
	r->flags = mr->range[0].flags;
	r->min_addr[0] = mr->range[0].min_ip;
	r->max_addr[0] = mr->range[0].max_ip;
	r->min_proto = mr->range[0].min;
	r->max_proto = mr->range[0].max;
}

/* what natrange_merge_mrc takes from the parsed range */
enum natrange_merge {
	NATRANGE_MERGE_FLAGS = 0, /* --random and the like */
	NATRANGE_MERGE_PORTS,     /* --to-ports: ports and flags */
	NATRANGE_MERGE_ALL,       /* --to-*: addresses, ports, flags */
};

/* natrange_merge_mrc: store what one option parsed into r in the rev 0
 * layout (see ut_nat_parse_mrc) */
static void
natrange_merge_mrc(struct ut_nat_ipv4_mrc *mr, const struct ut_nat_range2 *r,
		   enum natrange_merge what)
{
	if (what == NATRANGE_MERGE_ALL) {
		mr->range[0].min_ip = r->min_addr[0];
		mr->range[0].max_ip = r->max_addr[0];
	}
	if (what != NATRANGE_MERGE_FLAGS) {
		mr->range[0].min = r->min_proto;
		mr->range[0].max = r->max_proto;
	}
	mr->range[0].flags |= r->flags;
}

/* nat_parse: one NAT option into r (flags ORed) */
static int
nat_parse(struct ut_opt_call *call, struct ut_nat_range2 *r)
{
	switch (call->opt->id) {
	case UT_NAT_O_TO:
		return natrange_parse_to(call->arg, call->ip->proto, r,
					 call->err);
	case UT_NAT_O_TO_PORTS:
		return natrange_parse_ports(call->arg, call->ip->proto, r,
					    call->err);
	case UT_NAT_O_RANDOM:
		r->flags |= UT_NAT_RANGE_PROTO_RANDOM;
		break;
	case UT_NAT_O_RANDOM_FULLY:
		r->flags |= UT_NAT_RANGE_PROTO_RANDOM_FULLY;
		break;
	case UT_NAT_O_PERSISTENT:
		r->flags |= UT_NAT_RANGE_PERSISTENT;
		break;
	}
	return 0;
}

int
ut_nat_parse_range2(struct ut_opt_call *call)
{
	return nat_parse(call, call->data);
}

int
ut_nat_parse_mrc(struct ut_opt_call *call)
{
	struct ut_nat_range2 r = { 0 };
	enum natrange_merge what = NATRANGE_MERGE_FLAGS;
	int ret = nat_parse(call, &r);

	if (ret < 0)
		return ret;
	if (call->opt->id == UT_NAT_O_TO)
		what = NATRANGE_MERGE_ALL;
	else if (call->opt->id == UT_NAT_O_TO_PORTS)
		what = NATRANGE_MERGE_PORTS;
	natrange_merge_mrc(call->data, &r, what);
	return 0;
}

int
ut_nat_final_mrc(struct ut_fcheck_call *call)
{
	struct ut_nat_ipv4_mrc *mr = call->data;

	mr->rangesize = 1;
	return 0;
}

int
ut_nat_final_mrc_noshift(struct ut_fcheck_call *call)
{
	struct ut_nat_ipv4_mrc *mr = call->data;

	mr->rangesize = 1;
	if (mr->range[0].flags & UT_NAT_RANGE_PROTO_OFFSET)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"Shifted portmap ranges not supported with this kernel");
	return 0;
}

/* natrange_sprint: sprint_range() for IPv4 */
static void
natrange_sprint(const struct ut_nat_range2 *r, struct ut_buf *b)
{
	char s[16];

	if (r->flags & UT_NAT_RANGE_MAP_IPS) {
		ut_buf_puts(b, ut_ipv4_ntoa(r->min_addr[0], s));
		if (r->min_addr[0] != r->max_addr[0])
			ut_buf_printf(b, "-%s", ut_ipv4_ntoa(r->max_addr[0], s));
	}
	if (r->flags & UT_NAT_RANGE_PROTO_SPECIFIED) {
		ut_buf_printf(b, ":%u", ntohs(r->min_proto));
		if (r->max_proto != r->min_proto)
			ut_buf_printf(b, "-%u", ntohs(r->max_proto));
		if (r->flags & UT_NAT_RANGE_PROTO_OFFSET)
			ut_buf_printf(b, "/%u", ntohs(r->base_proto));
	}
}

void
ut_natrange_print(struct ut_buf *out, const struct ut_nat_range2 *r,
		  const char *rangeopt, const char *flag_pfx, bool skip_colon)
{
	struct ut_buf b;
	const char *s;

	ut_buf_init(&b);
	natrange_sprint(r, &b);
	s = ut_buf_str(&b);
	if (*s) {
		if (*s == ':' && skip_colon)
			s++;
		ut_buf_printf(out, " %s%s", rangeopt, s);
	}
	if (b.oom)
		out->oom = true;
	ut_buf_fini(&b);
	if (r->flags & UT_NAT_RANGE_PROTO_RANDOM)
		ut_buf_printf(out, " %srandom", flag_pfx);
	if (r->flags & UT_NAT_RANGE_PROTO_RANDOM_FULLY)
		ut_buf_printf(out, " %srandom-fully", flag_pfx);
	if (r->flags & UT_NAT_RANGE_PERSISTENT)
		ut_buf_printf(out, " %spersistent", flag_pfx);
}

void
ut_nat_print_mrc(struct ut_buf *out, const struct ut_nat_ipv4_mrc *mr,
		 const char *rangeopt, const char *flag_pfx, bool skip_colon)
{
	struct ut_nat_range2 r;

	natrange_from_mrc(mr, &r);
	ut_natrange_print(out, &r, rangeopt, flag_pfx, skip_colon);
}

int
ut_nat_kcheck_v0(const struct ut_kcheck *kc)
{
	const struct ut_nat_ipv4_mrc *mr = kc->data;

	if (mr->rangesize != 1) {
		ut_buf_puts(kc->dmesg,
			    "xt_nat: multiple ranges no longer supported");
		return -EINVAL;
	}
	return 0;
}

int
ut_nat_kcheck_ports(const struct ut_kcheck *kc)
{
	const struct ut_nat_ipv4_mrc *mr = kc->data;

	if ((mr->range[0].flags & UT_NAT_RANGE_MAP_IPS) || mr->rangesize != 1)
		return -EINVAL;
	return 0;
}
