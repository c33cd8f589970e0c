/* xt_set.c: the set match, revision 4: packet fields looked up in an
 * ipset (iptables 1.8.9 extensions/libxt_set.c, Linux
 * net/netfilter/xt_set.c). The emulated host has no ipsets yet, so every
 * --match-set fails as iptables does for an unknown set. */
#include <errno.h>
#include <inttypes.h>

#include "rules/ext.h"
#include "ext/ipset.h"

enum {
	SET_INV_MATCH = 1 << 0,                 /* in match_set.flags */
	SET_SKIP_COUNTER_UPDATE = 1 << 3,       /* in flags */
	SET_SKIP_SUBCOUNTER_UPDATE = 1 << 4,
	SET_RETURN_NOMATCH = 1 << 7,
};

enum {
	SET_COUNTER_NONE = 0,
	SET_COUNTER_EQ,
	SET_COUNTER_NE,
	SET_COUNTER_LT,
	SET_COUNTER_GT,
};

/* struct ip_set_counter_match */
struct ut_set_counter {
	uint8_t op; /* SET_COUNTER_* */
	uint64_t value;
};

/* struct xt_set_info_match_v4, the set named as well as indexed */
struct ut_set_info {
	struct ut_ipset_ref match_set;
	struct ut_set_counter packets;
	struct ut_set_counter bytes;
	uint32_t flags;
};

enum {
	O_MATCH_SET = 0,
	O_SET,
	O_RETURN_NOMATCH,
	O_UPDATE_COUNTERS,
	O_PACKETS_EQ,
	O_PACKETS_LT,
	O_PACKETS_GT,
	O_BYTES_EQ,
	O_BYTES_LT,
	O_BYTES_GT,
	O_UPDATE_SUBCOUNTERS,
};

/* parsed by hand in iptables: the engine checks nothing (MULTI, INVERT)
 * and set_parse gives iptables' own messages */
#define SET_F (UT_OPTF_INVERT | UT_OPTF_MULTI)
static const struct ut_opt set_opts[] = {
	{ .name = "match-set", .id = O_MATCH_SET, .type = UT_OPT_STRING,
	  .flags = SET_F },
	{ .name = "set", .id = O_SET, .type = UT_OPT_STRING, .flags = SET_F },
	{ .name = "return-nomatch", .id = O_RETURN_NOMATCH,
	  .type = UT_OPT_NONE, .flags = SET_F },
	{ .name = "update-counters", .id = O_UPDATE_COUNTERS,
	  .type = UT_OPT_NONE, .flags = SET_F },
	{ .name = "packets-eq", .id = O_PACKETS_EQ, .type = UT_OPT_STRING,
	  .flags = SET_F },
	{ .name = "packets-lt", .id = O_PACKETS_LT, .type = UT_OPT_STRING,
	  .flags = SET_F },
	{ .name = "packets-gt", .id = O_PACKETS_GT, .type = UT_OPT_STRING,
	  .flags = SET_F },
	{ .name = "bytes-eq", .id = O_BYTES_EQ, .type = UT_OPT_STRING,
	  .flags = SET_F },
	{ .name = "bytes-lt", .id = O_BYTES_LT, .type = UT_OPT_STRING,
	  .flags = SET_F },
	{ .name = "bytes-gt", .id = O_BYTES_GT, .type = UT_OPT_STRING,
	  .flags = SET_F },
	{ .name = "update-subcounters", .id = O_UPDATE_SUBCOUNTERS,
	  .type = UT_OPT_NONE, .flags = SET_F },
	UT_OPT_END
};

static void
set_init(void *data)
{
	struct ut_set_info *info = data;

	info->match_set.index = 0xffff;
}

/* set_counter: --{packets,bytes}-{eq,lt,gt}; which: "packets"/"bytes" */
static int
set_counter(struct ut_opt_call *call, struct ut_set_counter *c,
	    const char *which, uint8_t op)
{
	uint64_t v;

	if (c->op != SET_COUNTER_NONE)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "only one of the --%s-[eq|lt|gt] is allowed",
				  which);
	if (call->invert && op != SET_COUNTER_EQ)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "--%s option cannot be inverted",
				  call->opt->name);
	if (!ut_strtoul(call->arg, NULL, &v, 0, UINT64_MAX))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Cannot parse %s as a counter value",
				  call->arg);
	c->op = (call->invert && op == SET_COUNTER_EQ) ? SET_COUNTER_NE : op;
	c->value = v;
	return 0;
}

static int
set_parse(struct ut_opt_call *call)
{
	struct ut_set_info *info = call->data;

	switch (call->opt->id) {
	case O_UPDATE_SUBCOUNTERS:
		if (call->invert)
			info->flags |= SET_SKIP_SUBCOUNTER_UPDATE;
		return 0;
	case O_BYTES_GT:
		return set_counter(call, &info->bytes, "bytes", SET_COUNTER_GT);
	case O_BYTES_LT:
		return set_counter(call, &info->bytes, "bytes", SET_COUNTER_LT);
	case O_BYTES_EQ:
		return set_counter(call, &info->bytes, "bytes", SET_COUNTER_EQ);
	case O_PACKETS_GT:
		return set_counter(call, &info->packets, "packets",
				   SET_COUNTER_GT);
	case O_PACKETS_LT:
		return set_counter(call, &info->packets, "packets",
				   SET_COUNTER_LT);
	case O_PACKETS_EQ:
		return set_counter(call, &info->packets, "packets",
				   SET_COUNTER_EQ);
	case O_UPDATE_COUNTERS:
		if (call->invert)
			info->flags |= SET_SKIP_COUNTER_UPDATE;
		return 0;
	case O_RETURN_NOMATCH:
		if (call->invert)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "--return-nomatch flag cannot be "
					  "inverted");
		info->flags |= SET_RETURN_NOMATCH;
		return 0;
	}
	/* --match-set NAME DIRS (--set is its deprecated name): DIRS is the
	 * next word. With no set to find, the lookup fails before DIRS would
	 * be read. */
	if (info->match_set.dim)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "--match-set can be specified only once");
	if (call->invert)
		info->match_set.flags |= SET_INV_MATCH;
	if (!ut_opt_take_arg(call))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "--match-set requires two args.");
	return ut_ipset_resolve(&info->match_set, call->arg, call->err);
}

static int
set_final_check(struct ut_fcheck_call *call)
{
	if (!(call->xflags & ((1u << O_MATCH_SET) | (1u << O_SET))))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "You must specify `--match-set' with proper "
				  "arguments");
	return 0;
}

static void
set_print_counter(const struct ut_set_counter *c, const char *name,
		  const char *sep, struct ut_buf *out)
{
	static const char *const ops[] = {
		[SET_COUNTER_EQ] = "eq", [SET_COUNTER_NE] = "eq",
		[SET_COUNTER_LT] = "lt", [SET_COUNTER_GT] = "gt",
	};

	if (c->op == SET_COUNTER_NONE || c->op > SET_COUNTER_GT)
		return;
	ut_buf_printf(out, "%s %s%s-%s %" PRIu64,
		      c->op == SET_COUNTER_NE ? " !" : "", sep, name,
		      ops[c->op], c->value);
}

/* set_print_all: opt "match-set"/"--match-set", sep ""/"--" */
static void
set_print_all(const struct ut_set_info *info, const char *opt,
	      const char *sep, struct ut_buf *out)
{
	if (info->match_set.flags & SET_INV_MATCH)
		ut_buf_puts(out, " !");
	ut_ipset_print(out, opt, &info->match_set);
	if (info->flags & SET_RETURN_NOMATCH)
		ut_buf_printf(out, " %sreturn-nomatch", sep);
	if (info->flags & SET_SKIP_COUNTER_UPDATE)
		ut_buf_printf(out, " ! %supdate-counters", sep);
	if (info->flags & SET_SKIP_SUBCOUNTER_UPDATE)
		ut_buf_printf(out, " ! %supdate-subcounters", sep);
	set_print_counter(&info->packets, "packets", sep, out);
	set_print_counter(&info->bytes, "bytes", sep, out);
}

static void
set_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	set_print_all(pc->data, "match-set", "", out);
}

static void
set_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	set_print_all(pc->data, "--match-set", "--", out);
}

const struct ut_ext ut_ext_set = {
	.name = "set",
	.revision = 4,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_set_info),
	.cmp_size = sizeof(struct ut_set_info),
	.opts = set_opts,
	.init = set_init,
	.parse = set_parse,
	.final_check = set_final_check,
	.print = set_print,
	.save = set_save,
};
