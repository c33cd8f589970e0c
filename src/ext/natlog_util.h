/* natlog_util.h: NAT range structures and the --to-source/--to-destination/
 * --to-ports parser and printer shared by SNAT, DNAT, MASQUERADE and
 * REDIRECT (iptables 1.8.9 extensions/libxt_NAT.c; the structures are
 * linux/netfilter/nf_nat.h). */
#ifndef UT_EXT_NATLOG_UTIL_H
#define UT_EXT_NATLOG_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "rules/ext.h"

/* nf_nat.h NF_NAT_RANGE_* flags */
enum {
	UT_NAT_RANGE_MAP_IPS = 1 << 0,
	UT_NAT_RANGE_PROTO_SPECIFIED = 1 << 1,
	UT_NAT_RANGE_PROTO_RANDOM = 1 << 2,
	UT_NAT_RANGE_PERSISTENT = 1 << 3,
	UT_NAT_RANGE_PROTO_RANDOM_FULLY = 1 << 4,
	UT_NAT_RANGE_PROTO_OFFSET = 1 << 5,
};

/* struct nf_nat_ipv4_range: one range of revision 0 targets */
struct ut_nat_ipv4_range {
	uint32_t flags;          /* UT_NAT_RANGE_* */
	uint32_t min_ip, max_ip; /* network order */
	uint16_t min, max;       /* ports (or ICMP id), network order */
};

/* struct nf_nat_ipv4_multi_range_compat: the data of SNAT/DNAT rev 0,
 * MASQUERADE, REDIRECT and NETMAP. The kernel wants rangesize == 1. */
struct ut_nat_ipv4_mrc {
	uint32_t rangesize;
	struct ut_nat_ipv4_range range[1];
};

/* struct nf_nat_range2: the data of DNAT rev 2 (address fields are
 * union nf_inet_addr; IPv4 uses the first word). */
struct ut_nat_range2 {
	uint32_t flags;                   /* UT_NAT_RANGE_* */
	uint32_t min_addr[4], max_addr[4]; /* network order */
	uint16_t min_proto, max_proto;    /* network order */
	uint16_t base_proto;              /* PROTO_OFFSET base, net order */
};

/* ut_natrange_parse_to: parse "[addr[-addr]][:port[-port[/base]]]" into
 * r (ORing flags) as libxt_NAT's parse_to; ports only allowed when the
 * rule's protocol carries ports. 0 or negative with err set. */
int ut_natrange_parse_to(const char *arg, uint16_t proto,
			 struct ut_nat_range2 *r, struct ut_err *err);

/* ut_natrange_parse_ports: parse "port[-port[/base]]" (--to-ports). */
int ut_natrange_parse_ports(const char *arg, uint16_t proto,
			    struct ut_nat_range2 *r, struct ut_err *err);

/* ut_natrange_from_mrc: the rev 0 layout as nf_nat_range2 (base 0). */
void ut_natrange_from_mrc(const struct ut_nat_ipv4_mrc *mr,
			  struct ut_nat_range2 *r);
/* what ut_natrange_merge_mrc takes from the parsed range */
enum ut_natrange_merge {
	UT_NATRANGE_MERGE_FLAGS = 0, /* --random and the like */
	UT_NATRANGE_MERGE_PORTS,     /* --to-ports: ports and flags */
	UT_NATRANGE_MERGE_ALL,       /* --to-*: addresses, ports, flags */
};

/* ut_natrange_merge_mrc: store what one option parsed into r in the rev 0
 * layout as libxt_NAT's NAT_parse does: addresses and ports overwritten,
 * flags ORed. The base port has no room there, so it is lost (SNAT
 * --to-source a:1-2/3 saves as ":1-2/0", as in iptables). */
void ut_natrange_merge_mrc(struct ut_nat_ipv4_mrc *mr,
			   const struct ut_nat_range2 *r,
			   enum ut_natrange_merge what);

/* ut_natrange_print: " <rangeopt><range>" then the flag words, each
 * prefixed by flag_pfx ("" for -L, "--" for save). skip_colon drops the
 * ':' of a ports-only range (MASQUERADE/REDIRECT). */
void ut_natrange_print(struct ut_buf *out, const struct ut_nat_range2 *r,
		       const char *rangeopt, const char *flag_pfx,
		       bool skip_colon);

/* ut_natlog_host_slash: for UT_OPT_HOST options (TEE --gateway, TPROXY
 * --on-ip). Workaround: the core's HOST parser drops a "/mask" suffix,
 * while libxtables hands the whole argument to getaddrinfo(), which
 * fails. 0, or the getaddrinfo error when arg has a '/'. */
int ut_natlog_host_slash(const char *arg, struct ut_err *err);

#endif
