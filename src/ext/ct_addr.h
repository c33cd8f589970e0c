/* ct_addr.h: the address printer that the conntrack and ipvs matches
 * share (libxt_conntrack's conntrack_dump_addr). */
#ifndef UT_EXT_CT_ADDR_H
#define UT_EXT_CT_ADDR_H

#include <stdbool.h>
#include <stdint.h>

#include "rules/ext.h"

/* ut_ct_addr_print: " anywhere" for 0.0.0.0 unless numeric, else
 * " ADDR/MASK" with ADDR a host name when !numeric (iptables'
 * xtables_ipaddr_to_anyname) and the mask as xtables_ipmask_to_numeric.
 * Addresses in network order. */
void ut_ct_addr_print(struct ut_buf *out, uint32_t addr, uint32_t mask,
		      bool numeric);

#endif
