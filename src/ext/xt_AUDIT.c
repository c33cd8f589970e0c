/* xt_AUDIT.c: the AUDIT target (iptables 1.8.9 extensions/libxt_AUDIT.c;
 * kernel net/netfilter/xt_AUDIT.c). */
#include <errno.h>
#include <stdio.h>
#include <stddef.h>
#include <strings.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* XT_AUDIT_TYPE_* */
enum {
	UT_AUDIT_TYPE_ACCEPT = 0,
	UT_AUDIT_TYPE_DROP,
	UT_AUDIT_TYPE_REJECT,
	UT_AUDIT_TYPE_MAX = UT_AUDIT_TYPE_REJECT,
};

/* struct xt_audit_info */
struct ut_audit_info {
	uint8_t type;
};

static const char *const audit_names[] = { "accept", "drop", "reject" };

enum {
	O_AUDIT_TYPE = 0,
};

static const struct ut_opt audit_opts[] = {
	{ .name = "type", .id = O_AUDIT_TYPE, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND },
	UT_OPT_END
};

static int
audit_parse(struct ut_opt_call *call)
{
	struct ut_audit_info *info = call->data;

	for (uint8_t t = 0; t <= UT_AUDIT_TYPE_MAX; t++)
		if (strcasecmp(call->arg, audit_names[t]) == 0) {
			info->type = t;
			return 0;
		}
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			  "Bad action type value \"%s\"", call->arg);
}

/* iptables prints " AUDIT " even for a type it does not know */
static void
audit_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_audit_info *info = pc->data;

	ut_buf_puts(out, " AUDIT ");
	if (info->type <= UT_AUDIT_TYPE_MAX)
		ut_buf_puts(out, audit_names[info->type]);
}

static void
audit_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_audit_info *info = pc->data;

	if (info->type <= UT_AUDIT_TYPE_MAX)
		ut_buf_printf(out, " --type %s", audit_names[info->type]);
}

/* audit_tg_check */
static int
audit_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_audit_info *info = kc->data;

	if (info->type > UT_AUDIT_TYPE_MAX) {
		ut_buf_printf(kc->dmesg, "xt_AUDIT: Audit type out of range "
			      "(valid range: 0..%u)", UT_AUDIT_TYPE_MAX);
		return -ERANGE;
	}
	return 0;
}

/* audit_tg: the packet goes on. The kernel writes a record only when
 * auditing is on (audit_enabled, off unless auditd or audit=1 turned it
 * on; the reference machine has it off): none here, the would-be record
 * is listed as a side effect */
static unsigned
audit_tg(struct ut_xt_par *par)
{
	const struct ut_audit_info *info = par->data;
	char text[64];

	snprintf(text, sizeof(text), "AUDIT %s (auditing off: no record)",
		 info->type <= UT_AUDIT_TYPE_MAX ? audit_names[info->type] :
						   "?");
	ut_engine_note(par->eng, par->pkt, text);
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_AUDIT = {
	.name = "AUDIT", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_audit_info),
	.opts = audit_opts,
	.parse = audit_parse,
	.print = audit_print, .save = audit_save, .kcheck = audit_kcheck,
	.target = audit_tg,
};
