/* xt_NFLOG.c: the NFLOG target (iptables 1.8.9 extensions/libxt_NFLOG.c;
 * kernel net/netfilter/xt_NFLOG.c). */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"

#define UT_NFLOG_F_COPY_LEN 0x1 /* XT_NFLOG_F_COPY_LEN: len is a size */
#define UT_NFLOG_MASK 0x1
#define UT_NFLOG_DEFAULT_THRESHOLD 0

/* struct xt_nflog_info */
struct ut_nflog_info {
	uint32_t len;       /* --nflog-size (or the dead --nflog-range) */
	uint16_t group;
	uint16_t threshold;
	uint16_t flags;     /* UT_NFLOG_F_* */
	uint16_t pad;
	char prefix[64];    /* NUL-terminated */
};

enum {
	O_GROUP = 0,
	O_PREFIX,
	O_RANGE,
	O_SIZE,
	O_THRESHOLD,
	F_RANGE = 1 << O_RANGE,
	F_SIZE = 1 << O_SIZE,
};

static const struct ut_opt nflog_opts[] = {
	{ .name = "nflog-group", .id = O_GROUP, .type = UT_OPT_UINT16,
	  .flags = UT_OPTF_PUT, .off = offsetof(struct ut_nflog_info, group) },
	/* no PUT: iptables silently cuts the prefix to 63 characters */
	{ .name = "nflog-prefix", .id = O_PREFIX, .type = UT_OPT_STRING,
	  .min = 1 },
	{ .name = "nflog-range", .id = O_RANGE, .type = UT_OPT_UINT32,
	  .excl = F_SIZE, .flags = UT_OPTF_PUT,
	  .off = offsetof(struct ut_nflog_info, len) },
	{ .name = "nflog-size", .id = O_SIZE, .type = UT_OPT_UINT32,
	  .excl = F_RANGE, .flags = UT_OPTF_PUT,
	  .off = offsetof(struct ut_nflog_info, len) },
	{ .name = "nflog-threshold", .id = O_THRESHOLD, .type = UT_OPT_UINT16,
	  .flags = UT_OPTF_PUT,
	  .off = offsetof(struct ut_nflog_info, threshold) },
	UT_OPT_END
};

static void
nflog_init(void *data)
{
	struct ut_nflog_info *info = data;

	info->threshold = UT_NFLOG_DEFAULT_THRESHOLD;
}

static int
nflog_parse(struct ut_opt_call *call)
{
	struct ut_nflog_info *info = call->data;

	if (call->opt->id != O_PREFIX)
		return 0;
	/* iptables' message names --log-prefix here too */
	if (strchr(call->arg, '\n'))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Newlines not allowed in --log-prefix");
	snprintf(info->prefix, sizeof(info->prefix), "%s", call->arg);
	return 0;
}

static int
nflog_final_check(struct ut_fcheck_call *call)
{
	struct ut_nflog_info *info = call->data;

	if (call->xflags & F_RANGE)
		ut_buf_puts(call->warn, "warn: --nflog-range has never worked "
			    "and is no longer supported, please use "
			    "--nflog-size instead\n");
	if (call->xflags & F_SIZE)
		info->flags |= UT_NFLOG_F_COPY_LEN;
	return 0;
}

/* nflog_out: print and save differ only in the "--" before each word */
static void
nflog_out(const struct ut_nflog_info *info, const char *pfx,
	  struct ut_buf *out)
{
	if (info->prefix[0]) {
		ut_buf_printf(out, " %snflog-prefix", pfx);
		ut_save_string(out, info->prefix);
	}
	if (info->group)
		ut_buf_printf(out, " %snflog-group %u", pfx, info->group);
	if (info->flags & UT_NFLOG_F_COPY_LEN)
		ut_buf_printf(out, " %snflog-size %u", pfx, info->len);
	else if (info->len)
		ut_buf_printf(out, " %snflog-range %u", pfx, info->len);
	if (info->threshold != UT_NFLOG_DEFAULT_THRESHOLD)
		ut_buf_printf(out, " %snflog-threshold %u", pfx,
			      info->threshold);
}

static void
nflog_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	nflog_out(pc->data, "", out);
}

static void
nflog_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	nflog_out(pc->data, "--", out);
}

/* nflog_tg_check: refuses silently */
static int
nflog_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_nflog_info *info = kc->data;

	if ((info->flags & ~UT_NFLOG_MASK) ||
	    info->prefix[sizeof(info->prefix) - 1] != '\0')
		return -EINVAL;
	return 0;
}

/* nflog_tg: the packet goes on; its message goes to the group's listener
 * (nfulog.c), cut to --nflog-size when given (--nflog-range never did
 * anything, --nflog-threshold only batches messages) */
static unsigned
nflog_tg(struct ut_xt_par *par)
{
	const struct ut_nflog_info *info = par->data;
	char prefix[sizeof(info->prefix)];

	/* the kernel prints the prefix with "%s" into its own buffer */
	ut_strput(prefix, sizeof(prefix), info->prefix);
	ut_nfulog_packet(par->eng, par->pkt, par->hook, par->in, par->out,
			 info->group, info->flags & UT_NFLOG_F_COPY_LEN,
			 info->len, prefix);
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_NFLOG = {
	.name = "NFLOG", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_nflog_info),
	.cmp_size = sizeof(struct ut_nflog_info),
	.opts = nflog_opts,
	.init = nflog_init, .parse = nflog_parse,
	.final_check = nflog_final_check,
	.print = nflog_print, .save = nflog_save, .kcheck = nflog_kcheck,
	.target = nflog_tg,
};
