/* xt_TRACE.c: the TRACE target, which marks packets for rule tracing; no
 * options and no data (iptables 1.8.9 extensions/libxt_TRACE.c; kernel
 * net/netfilter/xt_TRACE.c). The TRACE lines themselves are written by
 * the table walk (table.c) for every rule a marked packet matches. */
#include "engine/engine.h"
#include "rules/ext.h"

/* trace_tg: skb->nf_trace = 1; the rule that sets it is not itself
 * traced (ipt_do_table logs before running the target) */
static unsigned
trace_target(struct ut_xt_par *par)
{
	par->pkt->nf_trace = 1;
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_TRACE = {
	.name = "TRACE", .revision = 0, .kind = UT_EXT_TARGET,
	.size = 0,
	.table = "raw",
	.target = trace_target,
};
