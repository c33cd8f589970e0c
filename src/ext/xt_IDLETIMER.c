/* xt_IDLETIMER.c: the IDLETIMER target, revision 1 (iptables 1.8.9
 * extensions/libxt_IDLETIMER.c, Linux net/netfilter/xt_IDLETIMER.c). */
#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"

#define IDLETIMER_LABEL_SIZE 28 /* MAX_IDLETIMER_LABEL_SIZE */
#define IDLETIMER_ALARM 0x01

/* struct idletimer_tg_info_v1 without the kernel's timer pointer */
struct ut_IDLETIMER_info {
	uint32_t timeout;                   /* seconds */
	char label[IDLETIMER_LABEL_SIZE];
	uint8_t send_nl_msg;                /* unused (Android) */
	uint8_t timer_type;                 /* IDLETIMER_ALARM or 0 */
};

enum {
	O_TIMEOUT = 0,
	O_LABEL,
	O_ALARM,
};

static const struct ut_opt IDLETIMER_opts[] = {
	{ .name = "timeout", .id = O_TIMEOUT, .type = UT_OPT_UINT32,
	  .flags = UT_OPTF_MAND | UT_OPTF_PUT,
	  .off = offsetof(struct ut_IDLETIMER_info, timeout) },
	/* copied by IDLETIMER_parse: libxtables truncates to 27 chars */
	{ .name = "label", .id = O_LABEL, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND },
	{ .name = "alarm", .id = O_ALARM, .type = UT_OPT_NONE },
	UT_OPT_END
};

static int
IDLETIMER_parse(struct ut_opt_call *call)
{
	struct ut_IDLETIMER_info *info = call->data;

	if (call->opt->id == O_LABEL)
		ut_strput(info->label, sizeof(info->label), call->arg);
	else if (call->opt->id == O_ALARM)
		info->timer_type = IDLETIMER_ALARM;
	return 0;
}

static void
IDLETIMER_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_IDLETIMER_info *info = pc->data;

	ut_buf_printf(out, " timeout:%u label:%s", info->timeout, info->label);
	if (info->timer_type == IDLETIMER_ALARM)
		ut_buf_puts(out, " alarm");
}

static void
IDLETIMER_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_IDLETIMER_info *info = pc->data;

	ut_buf_printf(out, " --timeout %u --label %s", info->timeout,
		      info->label);
	if (info->timer_type == IDLETIMER_ALARM)
		ut_buf_puts(out, " --alarm");
}

/* IDLETIMER_kcheck: idletimer_tg_checkentry_v1 (its messages are
 * pr_debug, not logged). A label already used by a timer of the other
 * type is refused as well; that needs the whole rule set, which
 * ut_kcheck does not carry. */
static int
IDLETIMER_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_IDLETIMER_info *info = kc->data;

	if (info->send_nl_msg)
		return -EOPNOTSUPP;
	if (info->timer_type > IDLETIMER_ALARM)
		return -EINVAL;
	if (info->timeout == 0 || info->timeout >= INT_MAX / 1000)
		return -EINVAL;
	if (info->label[0] == '\0' ||
	    strnlen(info->label, IDLETIMER_LABEL_SIZE) == IDLETIMER_LABEL_SIZE)
		return -EINVAL;
	/* the timer is a sysfs file named after the label */
	if (strcmp(info->label, "power") == 0)
		return -EINVAL;
	return 0;
}

/* idletimer_tg: the packet goes on; the label's timer restarts (the
 * kernel's sysfs notification when it runs out happens outside netfilter
 * and is not modelled: the restart is listed as a side effect) */
static unsigned
IDLETIMER_tg(struct ut_xt_par *par)
{
	const struct ut_IDLETIMER_info *info = par->data;
	char text[96];

	snprintf(text, sizeof(text), "IDLETIMER %.*s restarted (%u s)",
		 IDLETIMER_LABEL_SIZE, info->label, info->timeout);
	ut_engine_note(par->eng, par->pkt, text);
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_IDLETIMER = {
	.name = "IDLETIMER",
	.revision = 1,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_IDLETIMER_info),
	.cmp_size = sizeof(struct ut_IDLETIMER_info),
	.opts = IDLETIMER_opts,
	.parse = IDLETIMER_parse,
	.print = IDLETIMER_print,
	.save = IDLETIMER_save,
	.kcheck = IDLETIMER_kcheck,
	.target = IDLETIMER_tg,
};
