/* xt_cpu.c: the cpu match, the CPU handling the packet (iptables 1.8.9
 * extensions/libxt_cpu.c, Linux net/netfilter/xt_cpu.c). */
#include <errno.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_cpu_info of the kernel */
struct ut_cpu_info {
	uint32_t cpu;
	uint32_t invert;
};

enum {
	O_CPU = 0,
};

static const struct ut_opt cpu_opts[] = {
	{ .name = "cpu", .id = O_CPU, .type = UT_OPT_UINT32,
	  .flags = UT_OPTF_INVERT | UT_OPTF_MAND | UT_OPTF_PUT,
	  .off = offsetof(struct ut_cpu_info, cpu) },
	UT_OPT_END
};

static int
cpu_parse(struct ut_opt_call *call)
{
	struct ut_cpu_info *info = call->data;

	if (call->invert)
		info->invert = 1;
	return 0;
}

static void
cpu_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_cpu_info *info = pc->data;

	ut_buf_printf(out, " cpu %s%u", info->invert ? "! " : "", info->cpu);
}

static void
cpu_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_cpu_info *info = pc->data;

	ut_buf_printf(out, "%s --cpu %u", info->invert ? " !" : "", info->cpu);
}

static int
cpu_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_cpu_info *info = kc->data;

	return (info->invert & ~1u) ? -EINVAL : 0;
}

/* cpu_mt: the CPU handling the packet is the host's one CPU (HOST `cpu
 * N`, default 0) */
static bool
cpu_match(struct ut_xt_par *par)
{
	const struct ut_cpu_info *info = par->data;

	return (info->cpu == ut_engine_host(par->eng)->cpu) ^ info->invert;
}

const struct ut_ext ut_ext_cpu = {
	.name = "cpu",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_cpu_info),
	.cmp_size = sizeof(struct ut_cpu_info),
	.opts = cpu_opts,
	.parse = cpu_parse,
	.print = cpu_print,
	.save = cpu_save,
	.kcheck = cpu_kcheck,
	.match = cpu_match,
};
