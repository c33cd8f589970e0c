/* nat.h: network address translation (the kernel's nf_nat), the part the
 * engine and the NAT targets see.
 *
 * NAT works on connections (src/conntrack): the first packet of a
 * connection decides its binding, later packets of both directions are
 * changed to follow it. A binding is the connection's reply tuple as NAT
 * altered it (ut_ct_alter_reply) plus the IPS_SRC_NAT/IPS_DST_NAT bits
 * that say which manipulation its packets get; IPS_*_NAT_DONE say that
 * the binding of that kind is set up (possibly as the null binding, an
 * identity).
 *
 * The NAT hooks (nat_hooks.c) sit at UT_PRI_NAT_DST in PREROUTING and
 * OUTPUT (destination NAT) and at UT_PRI_NAT_SRC in POSTROUTING and INPUT
 * (source NAT). The nat table's chains run inside them, and only for a
 * connection whose binding of the hook's kind is not yet set up; its
 * targets (SNAT, DNAT, MASQUERADE, REDIRECT, NETMAP) call
 * ut_nat_setup_info. Without a rule that sets it up, the hook gives the
 * connection the null binding.
 */
#ifndef UT_NAT_NAT_H
#define UT_NAT_NAT_H

#include <stdbool.h>
#include <stdint.h>

#include "conntrack/conntrack.h"
#include "ext/nat_range.h"
#include "rules/ruleset.h"

struct ut_engine;
struct ut_err;
struct ut_nat;

/* enum nf_nat_manip_type */
enum ut_nat_manip {
	UT_NAT_MANIP_SRC = 0,
	UT_NAT_MANIP_DST = 1,
};

/* HOOK2MANIP: POSTROUTING and INPUT change the source, the others the
 * destination */
static inline enum ut_nat_manip
ut_nat_hook2manip(enum ut_hook hook)
{
	return hook == UT_HOOK_POST_ROUTING || hook == UT_HOOK_LOCAL_IN ?
	       UT_NAT_MANIP_SRC : UT_NAT_MANIP_DST;
}

/* nf_nat_initialized: is ct's binding of kind manip set up */
static inline bool
ut_nat_initialized(const struct ut_conn *ct, enum ut_nat_manip manip)
{
	return ct->status & (manip == UT_NAT_MANIP_SRC ?
			     UT_IPS_SRC_NAT_DONE : UT_IPS_DST_NAT_DONE);
}

/* ut_nat_register: NAT for engine e whose rule set has a nat table: the
 * four NAT hooks (the nat table runs inside them, table.c does not
 * register it) and e->nat. Needs connection tracking's hooks registered
 * first; -1 with err without them or out of memory. */
int ut_nat_register(struct ut_engine *e, struct ut_err *err);
/* ut_nat_free: what ut_nat_register allocated (NULL: nothing) */
void ut_nat_free(struct ut_nat *nat);

/* ut_nat_setup_info: nf_nat_setup_info: bind the unconfirmed ct for manip
 * into range (struct nf_nat_range2: network-order addresses and ports):
 * the tuple its packets get is chosen as nf_nat_core's get_unique_tuple
 * (kept when in range and unique, else an address by the kernel's hash
 * and a free port), its reply tuple altered, IPS_SRC_NAT/IPS_DST_NAT and
 * the *_DONE bit set. Returns UT_NF_ACCEPT (also for a confirmed ct,
 * which keeps its binding), or UT_NF_DROP when the binding of that kind
 * was already set up. */
unsigned ut_nat_setup_info(struct ut_engine *e, struct ut_conn *ct,
			   const struct ut_nat_range2 *range,
			   enum ut_nat_manip manip);

/* ut_nat_range_from_mrc: the revision 0 layout (SNAT, DNAT rev 0,
 * MASQUERADE, REDIRECT, NETMAP) as nf_nat_range2, base port 0
 * (xt_nat_convert_range) */
void ut_nat_range_from_mrc(struct ut_nat_range2 *r,
			   const struct ut_nat_ipv4_mrc *mr);

/* ut_nat_netmap: NETMAP's address: addr's host bits in the network of
 * [min_ip, max_ip] (the mask is the bits min_ip and max_ip share; all in
 * network order) */
uint32_t ut_nat_netmap(uint32_t addr, uint32_t min_ip, uint32_t max_ip);

#endif
