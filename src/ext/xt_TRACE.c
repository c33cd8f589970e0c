/* xt_TRACE.c: the TRACE target, which marks packets for rule tracing; no
 * options and no data (iptables 1.8.9 extensions/libxt_TRACE.c; kernel
 * net/netfilter/xt_TRACE.c). */
#include "core/ext.h"

const struct ut_ext ut_ext_TRACE = {
	.name = "TRACE", .revision = 0, .kind = UT_EXT_TARGET,
	.size = 0,
	.table = "raw",
};
