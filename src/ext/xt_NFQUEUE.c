/* xt_NFQUEUE.c: the NFQUEUE target, revisions 0 to 3 (iptables 1.8.9
 * extensions/libxt_NFQUEUE.c; kernel net/netfilter/xt_NFQUEUE.c). All
 * revisions share one layout, xt_NFQ_info_v3; each uses a prefix of it
 * (v0: queuenum; v1: + queues_total; v2: + bypass; v3: flags there). */
#include <errno.h>
#include <stddef.h>

#include "engine/engine.h"
#include "rules/jhash.h"
#include "rules/ext.h"

#define UT_NFQ_FLAG_BYPASS 0x01
#define UT_NFQ_FLAG_CPU_FANOUT 0x02
#define UT_NFQ_FLAG_MASK 0x03

/* struct xt_NFQ_info_v3 (v2 calls flags "bypass") */
struct ut_nfq_info {
	uint16_t queuenum;
	uint16_t queues_total;
	uint16_t flags; /* UT_NFQ_FLAG_* */
};

enum {
	O_QUEUE_NUM = 0,
	O_QUEUE_BALANCE,
	O_QUEUE_BYPASS,
	O_QUEUE_CPU_FANOUT,
	F_QUEUE_NUM = 1 << O_QUEUE_NUM,
	F_QUEUE_BALANCE = 1 << O_QUEUE_BALANCE,
	F_QUEUE_CPU_FANOUT = 1 << O_QUEUE_CPU_FANOUT,
};

/* iptables sets max = 65534 on --queue-balance, but its range parser
 * ignores it and checks 0-65535; ":" thus gives 0:65535, which the
 * kernel refuses (queues_total wraps to 0) */
static const struct ut_opt nfq_opts[] = {
	{ .name = "queue-num", .id = O_QUEUE_NUM, .type = UT_OPT_UINT16,
	  .flags = UT_OPTF_PUT, .off = offsetof(struct ut_nfq_info, queuenum),
	  .excl = F_QUEUE_BALANCE },
	{ .name = "queue-balance", .id = O_QUEUE_BALANCE,
	  .type = UT_OPT_UINT16RC, .excl = F_QUEUE_NUM },
	{ .name = "queue-bypass", .id = O_QUEUE_BYPASS, .type = UT_OPT_NONE },
	{ .name = "queue-cpu-fanout", .id = O_QUEUE_CPU_FANOUT,
	  .type = UT_OPT_NONE, .also = F_QUEUE_BALANCE },
	UT_OPT_END
};

static void
nfq_init(void *data)
{
	struct ut_nfq_info *info = data;

	info->queues_total = 1;
}

/* nfq_parse_balance: "first:last" into queuenum and queues_total */
static int
nfq_parse_balance(struct ut_opt_call *call)
{
	struct ut_nfq_info *info = call->data;
	const uint32_t *r = call->val.u32range;

	if (call->nvals != 2)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Bad range \"%s\"", call->arg);
	if (r[0] >= r[1])
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "%u should be less than %u", r[0], r[1]);
	info->queuenum = (uint16_t)r[0];
	info->queues_total = (uint16_t)(r[1] - r[0] + 1);
	return 0;
}

/* revision 0 predates --queue-balance; its other options are ignored */
static int
nfq0_parse(struct ut_opt_call *call)
{
	if (call->opt->id == O_QUEUE_BALANCE)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"NFQUEUE target: --queue-balance not supported "
			"(kernel too old?)");
	return 0;
}

static int
nfq1_parse(struct ut_opt_call *call)
{
	if (call->opt->id == O_QUEUE_BALANCE)
		return nfq_parse_balance(call);
	return 0;
}

static int
nfq2_parse(struct ut_opt_call *call)
{
	struct ut_nfq_info *info = call->data;

	if (call->opt->id == O_QUEUE_BYPASS) {
		info->flags |= UT_NFQ_FLAG_BYPASS;
		return 0;
	}
	return nfq1_parse(call);
}

static int
nfq3_parse(struct ut_opt_call *call)
{
	struct ut_nfq_info *info = call->data;

	if (call->opt->id == O_QUEUE_CPU_FANOUT) {
		info->flags |= UT_NFQ_FLAG_CPU_FANOUT;
		return 0;
	}
	return nfq2_parse(call);
}

/* nfq_out: " NFQUEUE num N" / " --queue-num N" or the balance form, then
 * the flags words the revision knows */
static void
nfq_out(const struct ut_nfq_info *info, unsigned rev, bool save,
	struct ut_buf *out)
{
	/* revision 0 data ends before queues_total */
	unsigned last = rev >= 1 ? info->queues_total : 1;

	if (last > 1) {
		last += info->queuenum - 1u;
		ut_buf_printf(out, save ? " --queue-balance %u:%u" :
			      " NFQUEUE balance %u:%u", info->queuenum, last);
	} else {
		ut_buf_printf(out, save ? " --queue-num %u" : " NFQUEUE num %u",
			      info->queuenum);
	}
	if (rev >= 2 && (info->flags & UT_NFQ_FLAG_BYPASS))
		ut_buf_puts(out, save ? " --queue-bypass" : " bypass");
	if (rev >= 3 && (info->flags & UT_NFQ_FLAG_CPU_FANOUT))
		ut_buf_puts(out, save ? " --queue-cpu-fanout" : " cpu-fanout");
}

#define NFQ_PRINTERS(rev)						\
static void								\
nfq##rev##_print(const struct ut_print_ctx *pc, struct ut_buf *out)	\
{									\
	nfq_out(pc->data, rev, false, out);				\
}									\
static void								\
nfq##rev##_save(const struct ut_print_ctx *pc, struct ut_buf *out)	\
{									\
	nfq_out(pc->data, rev, true, out);				\
}

NFQ_PRINTERS(0)
NFQ_PRINTERS(1)
NFQ_PRINTERS(2)
NFQ_PRINTERS(3)

/* nfqueue_tg_check (revisions 1 to 3) */
static int
nfq_kcheck_rev(const struct ut_kcheck *kc, unsigned rev)
{
	const struct ut_nfq_info *info = kc->data;
	uint32_t maxid;

	if (info->queues_total == 0) {
		ut_buf_puts(kc->dmesg,
			    "xt_NFQUEUE: number of total queues is 0");
		return -EINVAL;
	}
	maxid = info->queues_total - 1u + info->queuenum;
	if (maxid > 0xffff) {
		ut_buf_printf(kc->dmesg, "xt_NFQUEUE: number of queues (%u) "
			      "out of range (got %u)", info->queues_total,
			      maxid);
		return -ERANGE;
	}
	if (rev == 2 && info->flags > 1)
		return -EINVAL;
	if (rev == 3 && (info->flags & ~UT_NFQ_FLAG_MASK))
		return -EINVAL;
	return 0;
}

static int
nfq1_kcheck(const struct ut_kcheck *kc)
{
	return nfq_kcheck_rev(kc, 1);
}

static int
nfq2_kcheck(const struct ut_kcheck *kc)
{
	return nfq_kcheck_rev(kc, 2);
}

static int
nfq3_kcheck(const struct ut_kcheck *kc)
{
	return nfq_kcheck_rev(kc, 3);
}

/* The kernel draws jhash_initval at random (init_hashrandom, never 0)
 * when the first NFQUEUE rule is checked, so the queue a flow is
 * balanced to differs from boot to boot. utables uses this fixed value
 * to stay deterministic. Without a listener, which utables never has,
 * every queue behaves alike (the packet is dropped, or accepted with
 * --queue-bypass), so only the queue number a trace shows depends on
 * it. */
#define UT_NFQ_HASH_INITVAL 0x5f3759dfu
/* raw_smp_processor_id() for --queue-cpu-fanout: the engine is CPU 0 */
#define UT_NFQ_CPU 0u

/* an address as the kernel's (__force u32) cast sees it on a
 * little-endian machine (x86, where the kernel facts were measured) */
static uint32_t
nfq_addr_word(const uint8_t *a)
{
	return (uint32_t)a[0] | (uint32_t)a[1] << 8 | (uint32_t)a[2] << 16 |
	       (uint32_t)a[3] << 24;
}

/* nfqueue_hash for IPv4 (hash_v4): both directions of a flow go to the
 * same queue; reciprocal_scale maps the hash onto the queues_total
 * queues from queuenum */
static uint32_t
nfq_hash(const struct ut_pkt *p, uint16_t queuenum, uint16_t total)
{
	uint32_t s = nfq_addr_word(p->ip + UT_IP_OFF_SADDR);
	uint32_t d = nfq_addr_word(p->ip + UT_IP_OFF_DADDR);
	uint8_t proto = p->ip[UT_IP_OFF_PROTO];
	uint32_t h;

	if (s < d)
		h = ut_jhash_3words(s, d, proto, UT_NFQ_HASH_INITVAL);
	else
		h = ut_jhash_3words(d, s, proto, UT_NFQ_HASH_INITVAL);
	return queuenum + (uint32_t)(((uint64_t)h * total) >> 32);
}

/* nfqueue_tg: revision 0 knows only the queue number */
static unsigned
nfq0_target(struct ut_xt_par *par)
{
	const struct ut_nfq_info *info = par->data;

	return UT_NF_QUEUE_NR(info->queuenum);
}

/* nfqueue_tg_v1: --queue-balance spreads flows by their addresses */
static unsigned
nfq1_target(struct ut_xt_par *par)
{
	const struct ut_nfq_info *info = par->data;
	uint32_t queue = info->queuenum;

	if (info->queues_total > 1)
		queue = nfq_hash(par->pkt, info->queuenum, info->queues_total);
	return UT_NF_QUEUE_NR(queue);
}

/* nfqueue_tg_v2: + --queue-bypass */
static unsigned
nfq2_target(struct ut_xt_par *par)
{
	const struct ut_nfq_info *info = par->data;
	unsigned ret = nfq1_target(par);

	if (info->flags)
		ret |= UT_NF_VERDICT_FLAG_QUEUE_BYPASS;
	return ret;
}

/* nfqueue_tg_v3: + --queue-cpu-fanout, which picks queuenum + the
 * processing CPU modulo the queues */
static unsigned
nfq3_target(struct ut_xt_par *par)
{
	const struct ut_nfq_info *info = par->data;
	uint32_t queue = info->queuenum;
	unsigned ret;

	if (info->queues_total > 1) {
		if (info->flags & UT_NFQ_FLAG_CPU_FANOUT)
			queue = info->queuenum +
				UT_NFQ_CPU % info->queues_total;
		else
			queue = nfq_hash(par->pkt, info->queuenum,
					 info->queues_total);
	}
	ret = UT_NF_QUEUE_NR(queue);
	if (info->flags & UT_NFQ_FLAG_BYPASS)
		ret |= UT_NF_VERDICT_FLAG_QUEUE_BYPASS;
	return ret;
}

const struct ut_ext ut_ext_NFQUEUE0 = {
	.name = "NFQUEUE", .revision = 0, .kind = UT_EXT_TARGET,
	.size = offsetof(struct ut_nfq_info, queues_total),
	.opts = nfq_opts,
	.parse = nfq0_parse, .print = nfq0_print, .save = nfq0_save,
	.target = nfq0_target,
};

const struct ut_ext ut_ext_NFQUEUE1 = {
	.name = "NFQUEUE", .revision = 1, .kind = UT_EXT_TARGET,
	.size = offsetof(struct ut_nfq_info, flags),
	.opts = nfq_opts,
	.init = nfq_init, .parse = nfq1_parse,
	.print = nfq1_print, .save = nfq1_save, .kcheck = nfq1_kcheck,
	.target = nfq1_target,
};

const struct ut_ext ut_ext_NFQUEUE2 = {
	.name = "NFQUEUE", .revision = 2, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_nfq_info),
	.opts = nfq_opts,
	.init = nfq_init, .parse = nfq2_parse,
	.print = nfq2_print, .save = nfq2_save, .kcheck = nfq2_kcheck,
	.target = nfq2_target,
};

const struct ut_ext ut_ext_NFQUEUE = {
	.name = "NFQUEUE", .revision = 3, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_nfq_info),
	.opts = nfq_opts,
	.init = nfq_init, .parse = nfq3_parse,
	.print = nfq3_print, .save = nfq3_save, .kcheck = nfq3_kcheck,
	.target = nfq3_target,
};
