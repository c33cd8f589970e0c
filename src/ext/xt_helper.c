/* xt_helper.c: the helper match; reproduces iptables 1.8.9
 * extensions/libxt_helper.c and Linux net/netfilter/xt_helper.c (whose
 * checkentry only loads conntrack). */
#include <string.h>

#include "conntrack/conntrack.h"
#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_helper_info (linux/netfilter/xt_helper.h). */
struct ut_helper_info {
	int invert;
	char name[30];
};

enum {
	O_HELPER = 0,
};

/* no PUT: xtables truncates a long name to 29 characters silently, the
 * engine's string PUT would refuse it */
static const struct ut_opt helper_opts[] = {
	{ .name = "helper", .id = O_HELPER, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT },
	UT_OPT_END
};

static int
helper_parse(struct ut_opt_call *call)
{
	struct ut_helper_info *info = call->data;
	size_t n = strlen(call->arg);

	if (n >= sizeof(info->name))
		n = sizeof(info->name) - 1;
	memcpy(info->name, call->arg, n);
	info->name[n] = '\0';
	if (call->invert)
		info->invert = 1;
	return 0;
}

static void
helper_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_helper_info *info = pc->data;

	ut_buf_printf(out, " helper match %s\"%s\"", info->invert ? "! " : "",
		      info->name);
}

static void
helper_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_helper_info *info = pc->data;

	ut_buf_printf(out, "%s --helper", info->invert ? " !" : "");
	ut_save_string(out, info->name);
}

/* helper_match: helper_mt. It looks at the packet's connection's master,
 * so only expected connections (the RELATED data connection of an ftp
 * control connection, and its later packets) can match; the master's own
 * packets never do. The name compares over the helper's length: a rule
 * "ftp-21" matches helper "ftp", "ft" does not; an empty name matches any
 * helper. Without a master or helper the result is the inversion. */
static bool
helper_match(struct ut_xt_par *par)
{
	const struct ut_helper_info *info = par->data;
	bool inv = info->invert != 0;
	const char *name;
	unsigned ctinfo;
	const struct ut_conn *ct = ut_ct_get(par->pkt, &ctinfo);

	if (!ct || !ct->master || !ct->master->helper)
		return inv;
	if (info->name[0] == '\0')
		return !inv;
	name = ut_ct_helper_name(ct->master->helper);
	return inv ^ (strncmp(name, info->name, strlen(name)) == 0);
}

/* libxt_helper sets no userspacesize, so iptables -D/-C compare none of
 * this blob (any helper rule matches); cmp_size cannot say "nothing" yet. */
const struct ut_ext ut_ext_helper = {
	.name = "helper", .revision = 0, .kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_helper_info),
	.cmp_size = sizeof(struct ut_helper_info),
	.opts = helper_opts,
	.parse = helper_parse,
	.print = helper_print, .save = helper_save,
	.match = helper_match,
};
