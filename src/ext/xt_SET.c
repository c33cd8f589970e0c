/* xt_SET.c: the SET target, revision 3: add to / delete from / map with
 * ipsets (iptables 1.8.9 extensions/libxt_SET.c, Linux
 * net/netfilter/xt_set.c). The emulated host has no ipsets yet, so every
 * set named fails as iptables does for an unknown set. */
#include <errno.h>
#include <stdio.h>

#include "rules/ext.h"
#include "ext/ipset.h"

enum {
	SET_EXIST = 1 << 0,          /* IPSET_FLAG_EXIST */
	SET_MAP_SKBMARK = 1 << 8,
	SET_MAP_SKBPRIO = 1 << 9,
	SET_MAP_SKBQUEUE = 1 << 10,
};

/* struct xt_set_info_target_v3, sets named as well as indexed */
struct ut_SET_info {
	struct ut_ipset_ref add_set;
	struct ut_ipset_ref del_set;
	uint32_t flags;
	uint32_t timeout;
	struct ut_ipset_ref map_set;
};

enum {
	O_ADD_SET = 0,
	O_DEL_SET,
	O_EXIST,
	O_TIMEOUT,
	O_MAP_SET,
	O_MAP_MARK,
	O_MAP_PRIO,
	O_MAP_QUEUE,
	F_ADD = 1 << O_ADD_SET,
	F_DEL = 1 << O_DEL_SET,
	F_EXIST = 1 << O_EXIST,
	F_TIMEOUT = 1 << O_TIMEOUT,
	F_MAP = 1 << O_MAP_SET,
	F_MAP_MARK = 1 << O_MAP_MARK,
	F_MAP_PRIO = 1 << O_MAP_PRIO,
	F_MAP_QUEUE = 1 << O_MAP_QUEUE,
};

/* parsed by hand in iptables: the engine checks nothing */
#define SETT_F (UT_OPTF_INVERT | UT_OPTF_MULTI)
static const struct ut_opt SET_opts[] = {
	{ .name = "add-set", .id = O_ADD_SET, .type = UT_OPT_STRING,
	  .flags = SETT_F },
	{ .name = "del-set", .id = O_DEL_SET, .type = UT_OPT_STRING,
	  .flags = SETT_F },
	{ .name = "exist", .id = O_EXIST, .type = UT_OPT_NONE,
	  .flags = SETT_F },
	{ .name = "timeout", .id = O_TIMEOUT, .type = UT_OPT_STRING,
	  .flags = SETT_F },
	{ .name = "map-set", .id = O_MAP_SET, .type = UT_OPT_STRING,
	  .flags = SETT_F },
	{ .name = "map-mark", .id = O_MAP_MARK, .type = UT_OPT_NONE,
	  .flags = SETT_F },
	{ .name = "map-prio", .id = O_MAP_PRIO, .type = UT_OPT_NONE,
	  .flags = SETT_F },
	{ .name = "map-queue", .id = O_MAP_QUEUE, .type = UT_OPT_NONE,
	  .flags = SETT_F },
	UT_OPT_END
};

static void
SET_init(void *data)
{
	struct ut_SET_info *info = data;

	info->add_set.index = info->del_set.index = 0xffff;
	info->map_set.index = 0xffff;
	info->timeout = UINT32_MAX;
}

/* SET_target: --add-set/--del-set/--map-set NAME DIRS, DIRS being the
 * next word; with no set to find, the lookup fails before DIRS is read. */
static int
SET_target(struct ut_opt_call *call, struct ut_ipset_ref *ref)
{
	if (ref->dim)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "--%s can be specified only once",
				  call->opt->name);
	if (!ut_opt_take_arg(call))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "--%s requires two args.", call->opt->name);
	return ut_ipset_resolve(ref, call->arg, call->err);
}

static int
SET_parse(struct ut_opt_call *call)
{
	static const uint32_t flag[] = {
		[O_EXIST] = SET_EXIST, [O_MAP_MARK] = SET_MAP_SKBMARK,
		[O_MAP_PRIO] = SET_MAP_SKBPRIO,
		[O_MAP_QUEUE] = SET_MAP_SKBQUEUE,
	};
	struct ut_SET_info *info = call->data;
	uint64_t v;

	switch (call->opt->id) {
	case O_ADD_SET:
		return SET_target(call, &info->add_set);
	case O_DEL_SET:
		return SET_target(call, &info->del_set);
	case O_MAP_SET:
		return SET_target(call, &info->map_set);
	case O_TIMEOUT:
		if (!ut_strtoul(call->arg, NULL, &v, 0, UINT32_MAX - 1))
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "Invalid value for option --timeout "
					  "or out of range 0-%u",
					  UINT32_MAX - 1);
		info->timeout = (uint32_t)v;
		return 0;
	default:
		info->flags |= flag[call->opt->id];
		return 0;
	}
}

static int
SET_fail(struct ut_fcheck_call *call, const char *msg)
{
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM, "%s", msg);
}

static int
SET_final_check(struct ut_fcheck_call *call)
{
	unsigned f = call->xflags;

	if (!(f & (F_ADD | F_DEL | F_MAP)))
		return SET_fail(call, "You must specify either `--add-set' or "
				"`--del-set' or `--map-set'");
	if (!(f & F_ADD) && (f & F_EXIST))
		return SET_fail(call, "Flag `--exist' can be used with "
				"`--add-set' only");
	if (!(f & F_ADD) && (f & F_TIMEOUT))
		return SET_fail(call, "Option `--timeout' can be used with "
				"`--add-set' only");
	if (!(f & F_MAP) && (f & F_MAP_MARK))
		return SET_fail(call, "Flag `--map-mark' can be used with "
				"`--map-set' only");
	if (!(f & F_MAP) && (f & F_MAP_PRIO))
		return SET_fail(call, "Flag `--map-prio' can be used with "
				"`--map-set' only");
	if (!(f & F_MAP) && (f & F_MAP_QUEUE))
		return SET_fail(call, "Flag `--map-queue' can be used with "
				"`--map-set' only");
	if ((f & F_MAP) && !(f & (F_MAP_MARK | F_MAP_PRIO | F_MAP_QUEUE)))
		return SET_fail(call, "You must specify flags `--map-mark' or "
				"'--map-prio` or `--map-queue'");
	return 0;
}

static void
SET_print_ref(const struct ut_ipset_ref *ref, const char *prefix,
	      struct ut_buf *out)
{
	if (ref->index != 0xffff)
		ut_ipset_print(out, prefix, ref);
}

/* SET_print_all: pfx "" for -L, "--" for save */
static void
SET_print_all(const struct ut_SET_info *info, const char *pfx,
	      struct ut_buf *out)
{
	char opt[16];

	snprintf(opt, sizeof(opt), "%sadd-set", pfx);
	SET_print_ref(&info->add_set, opt, out);
	if (info->flags & SET_EXIST)
		ut_buf_printf(out, " %sexist", pfx);
	if (info->timeout != UINT32_MAX)
		ut_buf_printf(out, " %stimeout %u", pfx, info->timeout);
	snprintf(opt, sizeof(opt), "%sdel-set", pfx);
	SET_print_ref(&info->del_set, opt, out);
	snprintf(opt, sizeof(opt), "%smap-set", pfx);
	SET_print_ref(&info->map_set, opt, out);
	if (info->flags & SET_MAP_SKBMARK)
		ut_buf_printf(out, " %smap-mark", pfx);
	if (info->flags & SET_MAP_SKBPRIO)
		ut_buf_printf(out, " %smap-prio", pfx);
	if (info->flags & SET_MAP_SKBQUEUE)
		ut_buf_printf(out, " %smap-queue", pfx);
}

static void
SET_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	SET_print_all(pc->data, "", out);
}

static void
SET_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	SET_print_all(pc->data, "--", out);
}

const struct ut_ext ut_ext_SET = {
	.name = "SET",
	.revision = 3,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_SET_info),
	.cmp_size = sizeof(struct ut_SET_info),
	.opts = SET_opts,
	.init = SET_init,
	.parse = SET_parse,
	.final_check = SET_final_check,
	.print = SET_print,
	.save = SET_save,
};
