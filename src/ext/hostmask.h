/* hostmask.h: "host[/mask]" and "prefix length or mask" arguments as
 * libxtables 1.8.9 reads them, for the extensions that parse them
 * themselves rather than through UT_OPT_HOSTMASK/UT_OPT_PLEN (NETMAP --to,
 * policy --tunnel-src/dst, HMARK --hmark-src-prefix/dst-prefix). */
#ifndef UT_EXT_HOSTMASK_H
#define UT_EXT_HOSTMASK_H

#include <stdint.h>

#include "rules/ext.h"

/* ut_plenmask_parse: xtopt_parse_plenmask for IPv4: a prefix length
 * 0..32 (base 0), or else any numeric address getaddrinfo takes ("33" is
 * 0.0.0.33) used as a mask; a mask that is not a prefix becomes all ones
 * (/32), as libxtables' 8-bit length -1 shifts nothing. *mask in network
 * order; the error names call's option. */
int ut_plenmask_parse(struct ut_opt_call *call, const char *arg,
		      uint32_t *mask);

/* ut_hostmask_parse: call->arg as "host[/mask]": the host through
 * ut_opt_host, the mask through ut_plenmask_parse (all ones without one).
 * Both in network order; the address is not masked. */
int ut_hostmask_parse(struct ut_opt_call *call, uint32_t *addr,
		      uint32_t *mask);

#endif
