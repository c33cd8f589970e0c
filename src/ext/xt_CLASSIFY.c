/* xt_CLASSIFY.c: the CLASSIFY target (--set-class MAJOR:MINOR, hex);
 * reproduces iptables 1.8.9 extensions/libxt_CLASSIFY.c and the hooks of
 * Linux net/netfilter/xt_CLASSIFY.c. */
#include <stddef.h>
#include <stdio.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_classify_target_info (linux/netfilter/xt_CLASSIFY.h):
 * skb->priority as a tc handle, major in the high 16 bits */
struct ut_classify_info {
	uint32_t priority;
};

enum {
	O_SET_CLASS = 0,
};

static const struct ut_opt classify_opts[] = {
	{ .name = "set-class", .id = O_SET_CLASS, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND },
	UT_OPT_END
};

/* sscanf "%x:%x" as iptables does: it takes a sign, a 0x prefix and
 * trailing text after the minor, and the tc handle keeps 16 bits of
 * each part (TC_H_MAKE) */
static int
classify_parse(struct ut_opt_call *call)
{
	struct ut_classify_info *info = call->data;
	unsigned int major, minor;

	if (sscanf(call->arg, "%x:%x", &major, &minor) != 2)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Bad class value \"%s\"", call->arg);
	info->priority = ((major << 16) & 0xffff0000u) | (minor & 0xffffu);
	return 0;
}

static void
classify_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_classify_info *info = pc->data;

	ut_buf_printf(out, " CLASSIFY set %x:%x", info->priority >> 16,
		      info->priority & 0xffff);
}

static void
classify_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_classify_info *info = pc->data;

	ut_buf_printf(out, " --set-class %.4x:%.4x", info->priority >> 16,
		      info->priority & 0xffff);
}

/* classify_tg: skb->priority, the tc class the packet is queued in */
static unsigned
classify_tg(struct ut_xt_par *par)
{
	const struct ut_classify_info *info = par->data;

	char text[48];

	par->pkt->priority = info->priority;
	/* no qdisc offline: the class is a side effect of the run */
	snprintf(text, sizeof(text), "CLASSIFY priority %x:%x",
		 info->priority >> 16, info->priority & 0xffffu);
	ut_engine_note(par->eng, par->pkt, text);
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_CLASSIFY = {
	.name = "CLASSIFY",
	.revision = 0,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_classify_info),
	.opts = classify_opts,
	/* the priority is read on the way out (qdisc selection) */
	.hooks = UT_HM_FWD | UT_HM_OUT | UT_HM_POST,
	.parse = classify_parse,
	.print = classify_print,
	.save = classify_save,
	.target = classify_tg,
};
