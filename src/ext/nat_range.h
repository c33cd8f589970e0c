/* nat_range.h: NAT range structures, the --to-source/--to-destination/
 * --to-ports parser and printer, and the option ids, parse, final check
 * and kernel checks that SNAT, DNAT, MASQUERADE and REDIRECT share
 * (iptables 1.8.9 extensions/libxt_NAT.c, which serves all four; the
 * structures are linux/netfilter/nf_nat.h). */
#ifndef UT_EXT_NAT_RANGE_H
#define UT_EXT_NAT_RANGE_H

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

/* Option ids of the NAT targets: one id per meaning, so that one parse
 * serves every target; each target's table lists only its options. */
enum {
	UT_NAT_O_TO = 0,       /* --to-source, --to-destination */
	UT_NAT_O_TO_PORTS,     /* --to-ports */
	UT_NAT_O_RANDOM,
	UT_NAT_O_RANDOM_FULLY,
	UT_NAT_O_PERSISTENT,
};

/* ut_nat_parse_range2: ext->parse for nf_nat_range2 data (DNAT rev 2):
 * addresses and ports overwritten, flags ORed. */
int ut_nat_parse_range2(struct ut_opt_call *call);

/* ut_nat_parse_mrc: ext->parse for the rev 0 layout, stored as libxt_NAT's
 * NAT_parse does: --to-* overwrites addresses and ports, --to-ports only
 * ports, flags are ORed. The base port has no room there, so it is lost
 * (SNAT --to-source a:1-2/3 saves as ":1-2/0", as in iptables). */
int ut_nat_parse_mrc(struct ut_opt_call *call);

/* ut_nat_final_mrc: ext->final_check for the rev 0 layout: rangesize 1,
 * a shifted range kept without its base (SNAT, MASQUERADE). */
int ut_nat_final_mrc(struct ut_fcheck_call *call);

/* ut_nat_final_mrc_noshift: the same, but a shifted range is refused
 * (DNAT rev 0, REDIRECT: iptables' message for a kernel without rev 2). */
int ut_nat_final_mrc_noshift(struct ut_fcheck_call *call);

/* ut_natrange_print: " <rangeopt><range>" then the flag words, each
 * prefixed by flag_pfx ("" for -L, "--" for save). skip_colon drops the
 * ':' of a ports-only range (MASQUERADE/REDIRECT). */
void ut_natrange_print(struct ut_buf *out, const struct ut_nat_range2 *r,
		       const char *rangeopt, const char *flag_pfx,
		       bool skip_colon);

/* ut_nat_print_mrc: ut_natrange_print of rev 0 data */
void ut_nat_print_mrc(struct ut_buf *out, const struct ut_nat_ipv4_mrc *mr,
		      const char *rangeopt, const char *flag_pfx,
		      bool skip_colon);

/* ut_nat_kcheck_v0: xt_nat_checkentry_v0 (SNAT, DNAT rev 0) */
int ut_nat_kcheck_v0(const struct ut_kcheck *kc);

/* ut_nat_kcheck_ports: masquerade_tg_check and redirect_tg4_check, which
 * take ports only; their messages are pr_debug, so nothing is logged. */
int ut_nat_kcheck_ports(const struct ut_kcheck *kc);

#endif
