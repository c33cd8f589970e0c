/* xt_multiport.c: the multiport match, revision 1 (--sports/--dports/
 * --ports with ranges and "!"); reproduces iptables 1.8.9
 * extensions/libxt_multiport.c (v1) and the checkentry of Linux
 * net/netfilter/xt_multiport.c. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"
#include "ext/ports.h"

#define UT_MULTI_PORTS 15 /* XT_MULTI_PORTS */

/* struct xt_multiport_v1 (linux/netfilter/xt_multiport.h). */
struct ut_multiport_info {
	uint8_t flags;      /* UT_MULTIPORT_*: which ports are compared */
	uint8_t count;      /* used entries of ports[] */
	uint16_t ports[UT_MULTI_PORTS];  /* host order */
	/* pflags[i] = 1: ports[i]..ports[i + 1] is a range */
	uint8_t pflags[UT_MULTI_PORTS];
	uint8_t invert;
};

enum {
	UT_MULTIPORT_SOURCE = 0,
	UT_MULTIPORT_DESTINATION = 1,
	UT_MULTIPORT_EITHER = 2,
};

enum {
	O_SOURCE_PORTS = 0,
	O_DEST_PORTS,
	O_SD_PORTS,
	F_SOURCE_PORTS = 1 << O_SOURCE_PORTS,
	F_DEST_PORTS = 1 << O_DEST_PORTS,
	F_SD_PORTS = 1 << O_SD_PORTS,
	F_ANY = F_SOURCE_PORTS | F_DEST_PORTS | F_SD_PORTS,
};

static const struct ut_opt multiport_opts[] = {
	{ .name = "source-ports", .id = O_SOURCE_PORTS,
	  .type = UT_OPT_STRING, .excl = F_ANY, .flags = UT_OPTF_INVERT,
	  .arg = "port[,port|port:port...]",
	  .help = "source port in the list (up to 15 ports, a range counts "
		  "two)" },
	{ .name = "sports", .id = O_SOURCE_PORTS,
	  .type = UT_OPT_STRING, .excl = F_ANY, .flags = UT_OPTF_INVERT },
	{ .name = "destination-ports", .id = O_DEST_PORTS,
	  .type = UT_OPT_STRING, .excl = F_ANY, .flags = UT_OPTF_INVERT,
	  .arg = "port[,port|port:port...]",
	  .help = "destination port in the list" },
	{ .name = "dports", .id = O_DEST_PORTS,
	  .type = UT_OPT_STRING, .excl = F_ANY, .flags = UT_OPTF_INVERT },
	{ .name = "ports", .id = O_SD_PORTS,
	  .type = UT_OPT_STRING, .excl = F_ANY, .flags = UT_OPTF_INVERT,
	  .arg = "port[,port|port:port...]",
	  .help = "source or destination port in the list" },
	UT_OPT_END
};

/* multiport_proto_name: the protocols the kernel module accepts. */
static const char *
multiport_proto_name(uint16_t proto)
{
	switch (proto) {
	case 6:
		return "tcp";
	case 17:
		return "udp";
	case 136:
		return "udplite";
	case 132:
		return "sctp";
	case 33:
		return "dccp";
	default:
		return NULL;
	}
}

/* multiport_check_proto: the -p given so far must be one of those. */
static int
multiport_check_proto(struct ut_opt_call *call, const char **name)
{
	if (!(call->ip->invflags & UT_INV_PROTO) &&
	    (*name = multiport_proto_name(call->ip->proto)) != NULL)
		return 0;
	if (!(call->ip->invflags & UT_INV_PROTO) && call->ip->proto == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"multiport needs `-p tcp', `-p udp', `-p udplite', "
			"`-p sctp' or `-p dccp'");
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
		"multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP");
}

/* multiport_port: one port number or service name of protocol proto. */
static int
multiport_port(struct ut_opt_call *call, const char *s, const char *proto,
	       uint16_t *port)
{
	if (ut_parse_port(s, proto, port) == 0)
		return 0;
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			  "invalid port/service `%s' specified", s);
}

/* multiport_parse_list: "p,p:q,..." into up to 15 slots (a range takes
 * two); checks in the order iptables makes them. */
static int
multiport_parse_list(struct ut_opt_call *call, char *buf, const char *proto,
		     struct ut_multiport_info *info)
{
	char *cp, *next, *range;
	unsigned i;
	int ret;

	memset(info->pflags, 0, sizeof(info->pflags));
	for (cp = buf, i = 0; cp && i < UT_MULTI_PORTS; cp = next, i++) {
		next = strchr(cp, ',');
		if (next)
			*next++ = '\0';
		range = strchr(cp, ':');
		if (range) {
			if (i == UT_MULTI_PORTS - 1)
				goto too_many;
			*range++ = '\0';
		}
		ret = multiport_port(call, cp, proto, &info->ports[i]);
		if (ret < 0)
			return ret;
		if (!range)
			continue;
		info->pflags[i] = 1;
		ret = multiport_port(call, range, proto, &info->ports[++i]);
		if (ret < 0)
			return ret;
		if (info->ports[i - 1] >= info->ports[i])
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "invalid portrange specified");
	}
	info->count = (uint8_t)i;
	if (cp)
		goto too_many;
	return 0;
too_many:
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			  "too many ports specified");
}

static int
multiport_parse(struct ut_opt_call *call)
{
	static const uint8_t kind[] = {
		[O_SOURCE_PORTS] = UT_MULTIPORT_SOURCE,
		[O_DEST_PORTS] = UT_MULTIPORT_DESTINATION,
		[O_SD_PORTS] = UT_MULTIPORT_EITHER,
	};
	struct ut_multiport_info *info = call->data;
	const char *proto = NULL;
	char *buf;
	int ret;

	ret = multiport_check_proto(call, &proto);
	if (ret < 0)
		return ret;
	buf = strdup(call->arg);
	if (!buf)
		return ut_err_set(call->err, UT_OTHER_PROBLEM,
				  "strdup failed");
	ret = multiport_parse_list(call, buf, proto, info);
	free(buf);
	if (ret < 0)
		return ret;
	info->flags = kind[call->opt->id];
	if (call->invert)
		info->invert = 1;
	return 0;
}

static int
multiport_final_check(struct ut_fcheck_call *call)
{
	/* sic: iptables' spelling */
	if (call->xflags == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "multiport expection an option");
	return 0;
}

/* multiport_ports: "22,80:443"; service names of proto unless numeric. */
static void
multiport_ports(struct ut_buf *out, const struct ut_multiport_info *info,
		uint16_t proto, bool numeric)
{
	const char *pname = multiport_proto_name(proto);

	for (unsigned i = 0; i < info->count && i < UT_MULTI_PORTS; i++) {
		if (i)
			ut_buf_putc(out, ',');
		ut_ports_print_port(out, info->ports[i], pname, numeric);
		if (!info->pflags[i] || i + 1 >= UT_MULTI_PORTS)
			continue;
		i++;
		ut_buf_putc(out, ':');
		ut_ports_print_port(out, info->ports[i], pname, numeric);
	}
}

static void
multiport_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	static const char *const kinds[] = { "sports", "dports", "ports" };
	const struct ut_multiport_info *info = pc->data;

	ut_buf_printf(out, " multiport %s ",
		      info->flags <= UT_MULTIPORT_EITHER ?
		      kinds[info->flags] : "ERROR");
	/* sic: " !" after the space already written ("dports  !22") */
	if (info->invert)
		ut_buf_puts(out, " !");
	multiport_ports(out, info, pc->ip->proto, pc->numeric);
}

static void
multiport_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	static const char *const kinds[] = { "sports", "dports", "ports" };
	const struct ut_multiport_info *info = pc->data;

	if (info->invert)
		ut_buf_puts(out, " !");
	if (info->flags <= UT_MULTIPORT_EITHER)
		ut_buf_printf(out, " --%s ", kinds[info->flags]);
	multiport_ports(out, info, pc->ip->proto, true);
}

/* multiport_valid_ranges: every range flag is followed by the range's
 * end, itself not a range start, not below the start */
static bool
multiport_valid_ranges(const struct ut_multiport_info *info)
{
	for (unsigned i = 0; i < info->count; i++) {
		if (!info->pflags[i])
			continue;
		if (++i >= info->count)
			return false;
		if (info->pflags[i])
			return false;
		if (info->ports[i - 1] > info->ports[i])
			return false;
	}
	return true;
}

/* multiport_mt_check: protocol, flags, count and ranges; no log line. */
static int
multiport_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_multiport_info *info = kc->data;

	if (!multiport_proto_name(kc->ip->proto) ||
	    (kc->ip->invflags & UT_INV_PROTO) ||
	    info->flags > UT_MULTIPORT_EITHER ||
	    info->count > UT_MULTI_PORTS || !multiport_valid_ranges(info))
		return -EINVAL;
	return 0;
}

/* ports_match_v1: the first entry (port or range) that the source, the
 * destination or either port is in decides, inverted by "!"; none
 * matching gives the inversion. */
static bool
multiport_ports_match(const struct ut_multiport_info *info, uint16_t src,
		      uint16_t dst)
{
	unsigned count = info->count < UT_MULTI_PORTS ? info->count :
			 UT_MULTI_PORTS;

	for (unsigned i = 0; i < count; i++) {
		uint16_t s = info->ports[i], e = s;
		bool in_src, in_dst;

		/* a range flag on the last slot is refused at commit */
		if (info->pflags[i] && i + 1 < UT_MULTI_PORTS)
			e = info->ports[++i];
		in_src = src >= s && src <= e;
		in_dst = dst >= s && dst <= e;
		switch (info->flags) {
		case UT_MULTIPORT_SOURCE:
			if (in_src)
				return (1 ^ info->invert) != 0;
			break;
		case UT_MULTIPORT_DESTINATION:
			if (in_dst)
				return (1 ^ info->invert) != 0;
			break;
		case UT_MULTIPORT_EITHER:
			if (in_src || in_dst)
				return (1 ^ info->invert) != 0;
			break;
		default:
			break;
		}
	}
	return info->invert != 0;
}

/* multiport_mt: the two ports at the start of the transport header
 * (the same place in TCP, UDP, UDP-Lite, SCTP, DCCP); a non-first
 * fragment never matches, a first one without 4 bytes there is
 * hot-dropped. */
static bool
multiport_match(struct ut_xt_par *par)
{
	const struct ut_multiport_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	const uint8_t *pp;

	if (par->fragoff != 0)
		return false;
	if ((uint64_t)par->thoff + 4 > p->len) {
		par->hotdrop = true;
		return false;
	}
	pp = p->ip + par->thoff;
	return multiport_ports_match(info, ut_get16(pp), ut_get16(pp + 2));
}

const struct ut_ext ut_ext_multiport_v1 = {
	.name = "multiport",
	.revision = 1,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_multiport_info),
	.cmp_size = sizeof(struct ut_multiport_info),
	.opts = multiport_opts,
	.parse = multiport_parse,
	.final_check = multiport_final_check,
	.print = multiport_print,
	.save = multiport_save,
	.kcheck = multiport_kcheck,
	.match = multiport_match,
};
