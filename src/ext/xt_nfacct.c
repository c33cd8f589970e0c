/* xt_nfacct.c: the nfacct match, extended accounting objects (iptables
 * 1.8.9 extensions/libxt_nfacct.c, Linux net/netfilter/xt_nfacct.c). */
#include <errno.h>
#include <string.h>

#include "rules/ext.h"

#define NFACCT_NAME_MAX 32

/* struct xt_nfacct_match_info_v1 without the kernel's object pointer */
struct ut_nfacct_info {
	char name[NFACCT_NAME_MAX];
};

enum {
	O_NAME = 0,
};

static const struct ut_opt nfacct_opts[] = {
	/* copied by nfacct_parse: libxtables truncates to 31 chars */
	{ .name = "nfacct-name", .id = O_NAME, .type = UT_OPT_STRING,
	  .min = 1, .flags = UT_OPTF_MAND },
	UT_OPT_END
};

static int
nfacct_parse(struct ut_opt_call *call)
{
	struct ut_nfacct_info *info = call->data;

	ut_strput(info->name, sizeof(info->name), call->arg);
	if (strchr(call->arg, '\n') != NULL)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Newlines not allowed in --nfacct-name");
	return 0;
}

static void
nfacct_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_nfacct_info *info = pc->data;

	ut_buf_puts(out, " nfacct-name ");
	ut_save_string(out, info->name);
}

static void
nfacct_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_nfacct_info *info = pc->data;

	ut_buf_puts(out, " --nfacct-name ");
	ut_save_string(out, info->name);
}

/* nfacct_kcheck: the accounting object must exist (nfnl_acct_find_get);
 * the emulated host has no nfacct objects, so every name is unknown */
static int
nfacct_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_nfacct_info *info = kc->data;

	ut_buf_printf(kc->dmesg, "xt_nfacct: accounting object `%s' does not "
		      "exist", info->name);
	return -ENOENT;
}

const struct ut_ext ut_ext_nfacct = {
	.name = "nfacct",
	.revision = 1,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_nfacct_info),
	.cmp_size = sizeof(struct ut_nfacct_info),
	.opts = nfacct_opts,
	.parse = nfacct_parse,
	.print = nfacct_print,
	.save = nfacct_save,
	.kcheck = nfacct_kcheck,
};
