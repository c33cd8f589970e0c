/* xt_connbytes.c: the connbytes match; reproduces iptables 1.8.9
 * extensions/libxt_connbytes.c and Linux net/netfilter/xt_connbytes.c. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "conntrack/conntrack.h"
#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_connbytes_info (linux/netfilter/xt_connbytes.h). An inverted
 * range is stored swapped (from > to). */
struct ut_connbytes_info {
	uint64_t from, to;
	uint8_t what;      /* UT_CONNBYTES_PKTS... */
	uint8_t direction; /* UT_CONNBYTES_DIR_... */
};

enum {
	UT_CONNBYTES_PKTS = 0,
	UT_CONNBYTES_BYTES,
	UT_CONNBYTES_AVGPKT,
};

enum {
	UT_CONNBYTES_DIR_ORIGINAL = 0,
	UT_CONNBYTES_DIR_REPLY,
	UT_CONNBYTES_DIR_BOTH,
};

enum {
	O_CONNBYTES = 0,
	O_CONNBYTES_DIR,
	O_CONNBYTES_MODE,
};

/* table order decides which missing option is reported first */
static const struct ut_opt connbytes_opts[] = {
	{ .name = "connbytes", .id = O_CONNBYTES, .type = UT_OPT_UINT64RC,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT },
	{ .name = "connbytes-dir", .id = O_CONNBYTES_DIR,
	  .type = UT_OPT_STRING, .flags = UT_OPTF_MAND },
	{ .name = "connbytes-mode", .id = O_CONNBYTES_MODE,
	  .type = UT_OPT_STRING, .flags = UT_OPTF_MAND },
	UT_OPT_END
};

static const char *const connbytes_modes[] = { "packets", "bytes", "avgpkt" };
static const char *const connbytes_dirs[] = { "original", "reply", "both" };

/* connbytes_word: index of s in words[3], -1 if none (exact match). */
static int
connbytes_word(const char *const words[3], const char *s)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(words[i], s) == 0)
			return i;
	return -1;
}

static int
connbytes_parse(struct ut_opt_call *call)
{
	struct ut_connbytes_info *info = call->data;
	int i;

	switch (call->opt->id) {
	case O_CONNBYTES:
		info->from = call->val.u64range[0];
		info->to = call->nvals == 2 ? call->val.u64range[1] :
			   UINT64_MAX;
		if (info->to < info->from)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"%" PRIu64 " should be less than %" PRIu64,
				info->from, info->to);
		if (call->invert) {
			uint64_t t = info->from;
			info->from = info->to;
			info->to = t;
		}
		return 0;
	case O_CONNBYTES_DIR:
		i = connbytes_word(connbytes_dirs, call->arg);
		if (i < 0)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"Unknown --connbytes-dir `%s'", call->arg);
		info->direction = (uint8_t)i;
		return 0;
	case O_CONNBYTES_MODE:
		i = connbytes_word(connbytes_modes, call->arg);
		if (i < 0)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"Unknown --connbytes-mode `%s'", call->arg);
		info->what = (uint8_t)i;
		return 0;
	}
	return 0;
}

/* connbytes_range: " [!] PFXconnbytes FROM[:TO]"; TO is left out when it
 * is 0 or the maximum. */
static void
connbytes_range(struct ut_buf *out, const struct ut_connbytes_info *info,
		const char *pfx)
{
	uint64_t from = info->from, to = info->to;

	if (from > to) {
		ut_buf_puts(out, " !");
		from = info->to;
		to = info->from;
	}
	ut_buf_printf(out, " %sconnbytes %" PRIu64, pfx, from);
	if (to && to < UINT64_MAX)
		ut_buf_printf(out, ":%" PRIu64, to);
}

static const char *
connbytes_name(const char *const words[3], uint8_t i)
{
	return i < 3 ? words[i] : "unknown";
}

static void
connbytes_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_connbytes_info *info = pc->data;

	connbytes_range(out, info, "");
	ut_buf_printf(out, " connbytes mode %s connbytes direction %s",
		      connbytes_name(connbytes_modes, info->what),
		      connbytes_name(connbytes_dirs, info->direction));
}

static void
connbytes_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_connbytes_info *info = pc->data;

	connbytes_range(out, info, "--");
	ut_buf_printf(out, " --connbytes-mode %s --connbytes-dir %s",
		      connbytes_name(connbytes_modes, info->what),
		      connbytes_name(connbytes_dirs, info->direction));
}

/* connbytes_mt_check: unknown mode or direction (not reachable from the
 * command line). The kernel also forces conntrack accounting on and logs
 * "xt_connbytes: Forcing CT accounting to be enabled", but succeeds. */
static int
connbytes_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_connbytes_info *info = kc->data;

	if (info->what > UT_CONNBYTES_AVGPKT ||
	    info->direction > UT_CONNBYTES_DIR_BOTH)
		return -EINVAL;
	return 0;
}

/* ---- packet evaluation (Linux 6.18 xt_connbytes.c) ------------------- */

/* connbytes_mt_check turns accounting on for the namespace (with the
 * kernel's "Forcing CT accounting to be enabled"): every connection from
 * then on counts packets and bytes, and `conntrack -L` prints them. The
 * state is only a marker that this was done. */
static int
connbytes_state_new(struct ut_engine *e, const void *data, void **state,
		    struct ut_err *err)
{
	(void)data;
	(void)err;
	ut_ct_acct_force(e);
	*state = NULL;
	return 0;
}

static uint64_t
connbytes_sum(const uint64_t v[2], uint8_t direction)
{
	switch (direction) {
	case UT_CONNBYTES_DIR_ORIGINAL:
		return v[UT_CT_DIR_ORIGINAL];
	case UT_CONNBYTES_DIR_REPLY:
		return v[UT_CT_DIR_REPLY];
	default:
		return v[UT_CT_DIR_ORIGINAL] + v[UT_CT_DIR_REPLY];
	}
}

static bool
connbytes_match(struct ut_xt_par *par)
{
	const struct ut_connbytes_info *info = par->data;
	unsigned ctinfo;
	const struct ut_conn *ct = ut_ct_get(par->pkt, &ctinfo);
	uint64_t what = 0, pkts;

	/* no connection (invalid, untracked): no counters, no match */
	if (!ct)
		return false;
	pkts = connbytes_sum(ct->packets, info->direction);
	switch (info->what) {
	case UT_CONNBYTES_PKTS:
		what = pkts;
		break;
	case UT_CONNBYTES_BYTES:
		what = connbytes_sum(ct->bytes, info->direction);
		break;
	default:
		/* the average: 0 before any packet */
		if (pkts)
			what = connbytes_sum(ct->bytes, info->direction) /
			       pkts;
		break;
	}
	if (info->to >= info->from)
		return what <= info->to && what >= info->from;
	/* inverted: stored swapped */
	return what < info->to || what > info->from;
}

const struct ut_ext ut_ext_connbytes = {
	.name = "connbytes", .revision = 0, .kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_connbytes_info),
	.cmp_size = sizeof(struct ut_connbytes_info),
	.opts = connbytes_opts,
	.parse = connbytes_parse,
	.print = connbytes_print, .save = connbytes_save,
	.kcheck = connbytes_kcheck,
	.match = connbytes_match,
	.state_new = connbytes_state_new,
};
