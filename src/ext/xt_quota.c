/* xt_quota.c: the quota match (iptables 1.8.9 extensions/libxt_quota.c,
 * Linux net/netfilter/xt_quota.c). */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "engine/engine.h"

#include "rules/ext.h"

enum {
	QUOTA_INVERT = 0x1,
};

/* struct xt_quota_info without the kernel's shared counter (master): the
 * bytes left are runtime state, starting from quota */
struct ut_quota_info {
	uint32_t flags; /* QUOTA_INVERT */
	uint32_t pad;
	uint64_t quota; /* bytes */
};

enum {
	O_QUOTA = 0,
};

static const struct ut_opt quota_opts[] = {
	{ .name = "quota", .id = O_QUOTA, .type = UT_OPT_UINT64,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_quota_info, quota) },
	UT_OPT_END
};

static int
quota_parse(struct ut_opt_call *call)
{
	struct ut_quota_info *info = call->data;

	if (call->invert)
		info->flags |= QUOTA_INVERT;
	return 0;
}

/* -L does not show the inversion (iptables' quota_print) */
static void
quota_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_quota_info *q = pc->data;

	ut_buf_printf(out, " quota: %" PRIu64 " bytes", q->quota);
}

static void
quota_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_quota_info *q = pc->data;

	if (q->flags & QUOTA_INVERT)
		ut_buf_puts(out, " !");
	ut_buf_printf(out, " --quota %" PRIu64, q->quota);
}

static int
quota_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_quota_info *q = kc->data;

	return (q->flags & ~QUOTA_INVERT) ? -EINVAL : 0;
}

/* ---- packet evaluation (quota_mt) ----------------------------------------- */

/* the kernel's xt_quota_priv: the bytes left of this rule's quota */
struct quota_state {
	uint64_t left;
};

static int
quota_state_new(struct ut_engine *eng, const void *data, void **state,
		struct ut_err *err)
{
	const struct ut_quota_info *q = data;
	struct quota_state *s = calloc(1, sizeof(*s));

	(void)eng;
	if (!s)
		return ut_err_set(err, 2, "out of memory");
	s->left = q->quota;
	*state = s;
	return 0;
}

static void
quota_state_free(struct ut_engine *eng, void *state)
{
	(void)eng;
	free(state);
}

/* quota_mt: a packet that fits takes its length (skb->len) from what is
 * left; the first one that does not fit empties the quota, so that no
 * smaller packet passes after it */
static bool
quota_match(struct ut_xt_par *par)
{
	const struct ut_quota_info *q = par->data;
	struct quota_state *s = par->state;
	bool ret = q->flags & QUOTA_INVERT;

	if (s->left >= par->pkt->len) {
		s->left -= par->pkt->len;
		return !ret;
	}
	s->left = 0;
	return ret;
}

const struct ut_ext ut_ext_quota = {
	.name = "quota",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_quota_info),
	.cmp_size = sizeof(struct ut_quota_info),
	.opts = quota_opts,
	.parse = quota_parse,
	.print = quota_print,
	.save = quota_save,
	.kcheck = quota_kcheck,
	.match = quota_match,
	.state_new = quota_state_new,
	.state_free = quota_state_free,
};
