/* xt_IPID.c: the IPID target, which is not in mainline Linux nor in
 * iptables: the seed's out-of-tree ipt_IPID (iptables-ipid-2.1), used
 * with TTL so that a NAT router's clients all look like one host. utables
 * defines it from the seed's description (docs/run.md, "IPID"):
 *
 *   -j IPID --ipid-pace N     the IP ID of each packet comes from one
 *                             counter per rule, which starts at the ID of
 *                             the first packet the rule sees and advances
 *                             by N (0..65535) after each packet: pace 1
 *                             numbers the packets in sequence, pace 0
 *                             gives every packet that first ID (a fixed
 *                             value)
 *   -j IPID --ipid-chaotic 0  a random ID for each packet, from the run's
 *                             seeded generator (`run --seed`); the 0 is
 *                             only a placeholder, as in the seed
 *
 * The header checksum is updated incrementally, as the kernel's mangling
 * targets do. mangle table only; elsewhere the commit fails with the
 * kernel's "only valid in mangle table" message, as for TTL.
 */
#include <stddef.h>
#include <stdlib.h>

#include "engine/engine.h"
#include "rules/ext.h"

struct ut_ipid_info {
	uint16_t pace;
	uint8_t chaotic;  /* --ipid-chaotic given */
};

/* the rule's counter (its runtime state) */
struct ut_ipid_state {
	bool started;
	uint16_t next;
};

enum {
	O_PACE = 0,
	O_CHAOTIC,
	F_PACE = 1 << O_PACE,
	F_CHAOTIC = 1 << O_CHAOTIC,
};

static const struct ut_opt ipid_opts[] = {
	{ .name = "ipid-pace", .id = O_PACE, .type = UT_OPT_UINT16,
	  .flags = UT_OPTF_PUT, .off = offsetof(struct ut_ipid_info, pace),
	  .excl = F_CHAOTIC },
	{ .name = "ipid-chaotic", .id = O_CHAOTIC, .type = UT_OPT_UINT8,
	  .min = 0, .max = 0, .excl = F_PACE },
	UT_OPT_END
};

static int
ipid_parse(struct ut_opt_call *call)
{
	struct ut_ipid_info *info = call->data;

	if (call->opt->id == O_CHAOTIC)
		info->chaotic = 1;
	return 0;
}

static int
ipid_final_check(struct ut_fcheck_call *call)
{
	if (call->xflags == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "IPID: --ipid-pace or --ipid-chaotic is "
				  "required");
	return 0;
}

static void
ipid_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_ipid_info *info = pc->data;

	if (info->chaotic)
		ut_buf_puts(out, " IPID chaotic");
	else
		ut_buf_printf(out, " IPID pace %u", info->pace);
}

static void
ipid_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_ipid_info *info = pc->data;

	if (info->chaotic)
		ut_buf_puts(out, " --ipid-chaotic 0");
	else
		ut_buf_printf(out, " --ipid-pace %u", info->pace);
}

static int
ipid_state_new(struct ut_engine *eng, const void *data, void **state,
	       struct ut_err *err)
{
	(void)eng;
	(void)data;
	*state = calloc(1, sizeof(struct ut_ipid_state));
	if (!*state)
		return ut_err_set(err, 2, "out of memory");
	return 0;
}

static void
ipid_state_free(struct ut_engine *eng, void *state)
{
	(void)eng;
	free(state);
}

static unsigned
ipid_tg(struct ut_xt_par *par)
{
	const struct ut_ipid_info *info = par->data;
	struct ut_ipid_state *st = par->state;
	uint8_t *iph = par->pkt->ip;
	uint16_t old = ut_get16(iph + UT_IP_OFF_ID), id;

	if (info->chaotic) {
		id = (uint16_t)ut_engine_random_u32(par->eng);
	} else {
		if (!st->started) {
			st->started = true;
			st->next = old;
		}
		id = st->next;
		st->next = (uint16_t)(st->next + info->pace);
	}
	if (id != old) {
		ut_put16(iph + UT_IP_OFF_ID, id);
		ut_csum_replace2(iph + UT_IP_OFF_CSUM, old, id);
	}
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_IPID = {
	.name = "IPID",
	.revision = 0,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_ipid_info),
	.opts = ipid_opts,
	.table = "mangle",
	.parse = ipid_parse,
	.final_check = ipid_final_check,
	.print = ipid_print,
	.save = ipid_save,
	.target = ipid_tg,
	.state_new = ipid_state_new,
	.state_free = ipid_state_free,
};
