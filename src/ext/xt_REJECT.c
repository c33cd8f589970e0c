/* xt_REJECT.c: the IPv4 REJECT target (iptables 1.8.9
 * extensions/libipt_REJECT.c; kernel net/ipv4/netfilter/ipt_REJECT.c). */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "core/ext.h"

/* enum ipt_reject_with (linux/netfilter_ipv4/ipt_REJECT.h) */
enum {
	UT_ICMP_NET_UNREACHABLE = 0,
	UT_ICMP_HOST_UNREACHABLE,
	UT_ICMP_PROT_UNREACHABLE,
	UT_ICMP_PORT_UNREACHABLE,
	UT_ICMP_ECHOREPLY,
	UT_ICMP_NET_PROHIBITED,
	UT_ICMP_HOST_PROHIBITED,
	UT_TCP_RESET,
	UT_ICMP_ADMIN_PROHIBITED,
	UT_REJECT_MAX,
};

/* struct ipt_reject_info */
struct ut_reject_info {
	uint32_t with; /* enum above */
};

/* names and aliases, indexed by the reject type; echo-reply has none
 * since iptables 1.2 (the kernel refuses it) */
static const struct {
	const char *name, *alias;
} reject_names[UT_REJECT_MAX] = {
	[UT_ICMP_NET_UNREACHABLE] = { "icmp-net-unreachable", "net-unreach" },
	[UT_ICMP_HOST_UNREACHABLE] = { "icmp-host-unreachable",
				       "host-unreach" },
	[UT_ICMP_PROT_UNREACHABLE] = { "icmp-proto-unreachable",
				       "proto-unreach" },
	[UT_ICMP_PORT_UNREACHABLE] = { "icmp-port-unreachable",
				       "port-unreach" },
	[UT_ICMP_NET_PROHIBITED] = { "icmp-net-prohibited", "net-prohib" },
	[UT_ICMP_HOST_PROHIBITED] = { "icmp-host-prohibited",
				      "host-prohib" },
	[UT_TCP_RESET] = { "tcp-reset", "tcp-rst" },
	[UT_ICMP_ADMIN_PROHIBITED] = { "icmp-admin-prohibited",
				       "admin-prohib" },
};

enum {
	O_REJECT_WITH = 0,
};

static const struct ut_opt reject_opts[] = {
	{ .name = "reject-with", .id = O_REJECT_WITH, .type = UT_OPT_STRING },
	UT_OPT_END
};

static void
reject_init(void *data)
{
	struct ut_reject_info *info = data;

	info->with = UT_ICMP_PORT_UNREACHABLE;
}

/* reject_parse: the first type (in table order) of which the argument is
 * a case-insensitive prefix of the name or the alias ("" takes the first,
 * "t" tcp-reset), as libipt_REJECT does. */
static int
reject_parse(struct ut_opt_call *call)
{
	struct ut_reject_info *info = call->data;
	size_t n = strlen(call->arg);

	for (unsigned i = 0; i < UT_REJECT_MAX; i++) {
		if (!reject_names[i].name)
			continue;
		if (strncasecmp(reject_names[i].name, call->arg, n) == 0 ||
		    strncasecmp(reject_names[i].alias, call->arg, n) == 0) {
			info->with = i;
			return 0;
		}
	}
	/* dropped in Linux 2.4; iptables still says so before failing */
	if (strncasecmp("echo-reply", call->arg, n) == 0 ||
	    strncasecmp("echoreply", call->arg, n) == 0)
		ut_buf_puts(call->warn, "--reject-with echo-reply no longer "
			    "supported\n");
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			  "unknown reject type \"%s\"", call->arg);
}

static const char *
reject_name(const struct ut_reject_info *info)
{
	if (info->with < UT_REJECT_MAX && reject_names[info->with].name)
		return reject_names[info->with].name;
	return "(null)";
}

static void
reject_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_buf_printf(out, " reject-with %s", reject_name(pc->data));
}

static void
reject_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_buf_printf(out, " --reject-with %s", reject_name(pc->data));
}

/* reject_tg_check */
static int
reject_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_reject_info *info = kc->data;

	if (info->with == UT_ICMP_ECHOREPLY) {
		ut_buf_puts(kc->dmesg,
			    "ipt_REJECT: ECHOREPLY no longer supported.");
		return -EINVAL;
	}
	if (info->with == UT_TCP_RESET &&
	    (kc->ip->proto != 6 || (kc->ip->invflags & UT_INV_PROTO))) {
		ut_buf_puts(kc->dmesg,
			    "ipt_REJECT: TCP_RESET invalid for non-tcp");
		return -EINVAL;
	}
	return 0;
}

const struct ut_ext ut_ext_REJECT = {
	.name = "REJECT", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_reject_info),
	.cmp_size = sizeof(struct ut_reject_info),
	.opts = reject_opts,
	.table = "filter", .hooks = UT_HM_IN | UT_HM_FWD | UT_HM_OUT,
	.init = reject_init, .parse = reject_parse,
	.print = reject_print, .save = reject_save, .kcheck = reject_kcheck,
};
