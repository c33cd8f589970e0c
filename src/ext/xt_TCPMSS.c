/* xt_TCPMSS.c: the TCPMSS target (--set-mss, --clamp-mss-to-pmtu);
 * reproduces iptables 1.8.9 extensions/libxt_TCPMSS.c and Linux
 * net/netfilter/xt_TCPMSS.c (-p tcp only, PMTU clamping hooks, and the
 * requirement of a tcp match on SYN). */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "rules/ext.h"

#define UT_TCPMSS_CLAMP_PMTU 0xffff

/* struct xt_tcpmss_info (linux/netfilter/xt_TCPMSS.h) */
struct ut_tcpmss_info {
	uint16_t mss;  /* UT_TCPMSS_CLAMP_PMTU: clamp to path MTU - 40 */
};

enum {
	O_SET_MSS = 0,
	O_CLAMP_MSS,
};

/* the two options do not exclude each other in iptables: the later
 * --clamp-mss-to-pmtu wins */
static const struct ut_opt tcpmss_opts[] = {
	{ .name = "set-mss", .id = O_SET_MSS, .type = UT_OPT_UINT16,
	  .min = 0, .max = UINT16_MAX - 20 /* sizeof(struct iphdr) */,
	  .flags = UT_OPTF_PUT, .off = offsetof(struct ut_tcpmss_info, mss) },
	{ .name = "clamp-mss-to-pmtu", .id = O_CLAMP_MSS, .type = UT_OPT_NONE },
	UT_OPT_END
};

static int
tcpmss_parse(struct ut_opt_call *call)
{
	struct ut_tcpmss_info *info = call->data;

	if (call->opt->id == O_CLAMP_MSS)
		info->mss = UT_TCPMSS_CLAMP_PMTU;
	return 0;
}

static int
tcpmss_final_check(struct ut_fcheck_call *call)
{
	if (call->xflags == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"TCPMSS target: At least one parameter is required");
	return 0;
}

static void
tcpmss_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tcpmss_info *info = pc->data;

	if (info->mss == UT_TCPMSS_CLAMP_PMTU)
		ut_buf_puts(out, " TCPMSS clamp to PMTU");
	else
		ut_buf_printf(out, " TCPMSS set %u", info->mss);
}

static void
tcpmss_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tcpmss_info *info = pc->data;

	if (info->mss == UT_TCPMSS_CLAMP_PMTU)
		ut_buf_puts(out, " --clamp-mss-to-pmtu");
	else
		ut_buf_printf(out, " --set-mss %u", info->mss);
}

/* tcpmss_flags_has_syn: whether a comma-separated tcp flag list (as
 * libxt_tcp prints it: single names first, so SYN appears by name when
 * set) contains SYN. */
static bool
tcpmss_flags_has_syn(const char *list, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t j = i;
		while (j < len && list[j] != ',')
			j++;
		if (j - i == 3 && strncmp(list + i, "SYN", 3) == 0)
			return true;
		i = j + 1;
	}
	return false;
}

/* tcpmss_is_syn_match: find_syn_match of xt_TCPMSS.c: a tcp match whose
 * flag comparison requires SYN and is not inverted. The tcp match's data
 * belongs to another file, so its save text (" [!] --tcp-flags MASK
 * CMP") is read instead of its struct. */
static bool
tcpmss_is_syn_match(const struct ut_xt *m, const struct ut_ipt_ip *ip)
{
	static const char key[] = "--tcp-flags ";
	struct ut_print_ctx pc = { .data = m->data, .ip = ip, .numeric = true };
	struct ut_buf text;
	const char *s, *p, *cmp, *end;
	bool syn = false;

	if (strcmp(m->ext->name, "tcp") != 0 || !m->ext->save)
		return false;
	ut_buf_init(&text);
	m->ext->save(&pc, &text);
	s = ut_buf_str(&text);
	p = strstr(s, key);
	if (p && !(p - s >= 2 && strncmp(p - 2, "! ", 2) == 0)) {
		cmp = strchr(p + sizeof(key) - 1, ' ');
		if (cmp) {
			cmp++;
			end = cmp + strcspn(cmp, " ");
			syn = tcpmss_flags_has_syn(cmp, (size_t)(end - cmp));
		}
	}
	ut_buf_fini(&text);
	return syn;
}

/* tcpmss_tg4_check_hooks, then tcpmss_tg4_check */
static int
tcpmss_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_tcpmss_info *info = kc->data;
	const struct ut_rule *r = ut_kcheck_rule(kc);

	if (info->mss == UT_TCPMSS_CLAMP_PMTU &&
	    (kc->hook_mask & ~(UT_HM_FWD | UT_HM_OUT | UT_HM_POST))) {
		ut_buf_puts(kc->dmesg, "xt_TCPMSS: path-MTU clamping only "
			    "supported in FORWARD, OUTPUT and POSTROUTING "
			    "hooks");
		return -EINVAL;
	}
	for (size_t i = 0; i < r->n_matches; i++)
		if (tcpmss_is_syn_match(&r->matches[i], kc->ip))
			return 0;
	ut_buf_puts(kc->dmesg, "xt_TCPMSS: Only works on TCP SYN packets");
	return -EINVAL;
}

const struct ut_ext ut_ext_TCPMSS = {
	.name = "TCPMSS",
	.revision = 0,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_tcpmss_info),
	.opts = tcpmss_opts,
	.proto = 6, /* IPPROTO_TCP */
	.parse = tcpmss_parse,
	.final_check = tcpmss_final_check,
	.print = tcpmss_print,
	.save = tcpmss_save,
	.kcheck = tcpmss_kcheck,
};
