/* xt_TCPMSS.c: the TCPMSS target (--set-mss, --clamp-mss-to-pmtu);
 * reproduces iptables 1.8.9 extensions/libxt_TCPMSS.c and Linux
 * net/netfilter/xt_TCPMSS.c (-p tcp only, PMTU clamping hooks, and the
 * requirement of a tcp match on SYN). */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "engine/engine.h"
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

#define TCPOPT_MSS 2
#define TCPOLEN_MSS 4
/* sizeof(struct iphdr) + sizeof(struct tcphdr): what the path MTU
 * leaves for the segment */
#define TCPMSS_MINLEN 40

/* the kernel's optlen: a zero length or EOL/NOP advances one byte */
static unsigned
tcpmss_optlen(const uint8_t *opt, unsigned i)
{
	if (opt[i] <= 1 || opt[i + 1] == 0)
		return 1;
	return opt[i + 1];
}

/* dst_mtu (ipv4_mtu): the route's MTU metric, else the device's, at most
 * IP_MAX_MTU */
static uint32_t
tcpmss_dst_mtu(const struct ut_rt *rt)
{
	uint32_t mtu = rt->mtu ? rt->mtu : rt->dev->mtu;

	return mtu > 0xffff ? 0xffff : mtu;
}

/* tcpmss_reverse_mtu: the MTU of the route back to the source (an output
 * lookup with only the destination set); ~0 without one */
static uint32_t
tcpmss_reverse_mtu(struct ut_xt_par *par)
{
	struct ut_rt rt;

	if (ut_route_output(ut_engine_host(par->eng),
			    ut_ip_saddr_nbo(par->pkt), 0, 0, NULL, 0, &rt) < 0)
		return ~0u;
	return tcpmss_dst_mtu(&rt);
}

/* the MSS to write: the given one, or the smaller of both directions'
 * MTUs less 40 (-1: no usable MTU, logged and dropped) */
static int
tcpmss_newmss(struct ut_xt_par *par, const struct ut_tcpmss_info *info)
{
	const struct ut_pkt *p = par->pkt;
	uint32_t in_mtu, min_mtu;
	char line[64];
	int n;

	if (info->mss != UT_TCPMSS_CLAMP_PMTU)
		return info->mss;
	in_mtu = tcpmss_reverse_mtu(par);
	min_mtu = p->rt ? tcpmss_dst_mtu(p->rt) : ~0u;
	if (in_mtu < min_mtu)
		min_mtu = in_mtu;
	if (min_mtu <= TCPMSS_MINLEN) {
		if (ut_engine_net_ratelimit(par->eng)) {
			n = snprintf(line, sizeof(line), "xt_TCPMSS: unknown "
				     "or invalid path-MTU (%u)", min_mtu);
			ut_engine_log(par->eng, line, (size_t)n);
		}
		return -1;
	}
	return (int)(min_mtu - TCPMSS_MINLEN);
}

/* an MSS option in the header: lowered to newmss, never raised.
 * true when one was found */
static bool
tcpmss_lower(uint8_t *th, unsigned thlen, uint16_t newmss)
{
	for (unsigned i = 20; i + TCPOLEN_MSS <= thlen;
	     i += tcpmss_optlen(th, i)) {
		uint16_t oldmss;

		if (th[i] != TCPOPT_MSS || th[i + 1] != TCPOLEN_MSS)
			continue;
		oldmss = ut_get16(th + i + 2);
		if (oldmss <= newmss)
			return true;
		ut_put16(th + i + 2, newmss);
		ut_csum_replace2(th + 16, oldmss, newmss);
		return true;
	}
	return false;
}

/* tcpmss_mangle_packet: bytes added (0 or 4), or -1 to drop */
static int
tcpmss_mangle(struct ut_xt_par *par, const struct ut_tcpmss_info *info)
{
	struct ut_pkt *p = par->pkt;
	unsigned thoff = ut_ip_hlen(p), thlen;
	int len, newmss;
	uint8_t *th, *opt;
	uint16_t oldval;

	if (par->fragoff != 0)
		return 0;
	len = (int)p->len - (int)thoff;
	if (len < 20)
		return -1;
	th = p->ip + thoff;
	thlen = (th[12] >> 4) * 4u;
	if (len < (int)thlen || thlen < 20)
		return -1;
	newmss = tcpmss_newmss(par, info);
	if (newmss < 0)
		return -1;
	if (tcpmss_lower(th, thlen, (uint16_t)newmss))
		return 0;
	/* data after the header, or no room left in doff: unchanged */
	if (len > (int)thlen || thlen >= 15 * 4)
		return 0;
	if ((size_t)(p->ip - p->buf) + p->len + TCPOLEN_MSS > p->cap)
		return -1;
	/* RFC 1122: without an option the peer assumes 536 */
	if (newmss > 536)
		newmss = 536;
	opt = th + 20;
	memmove(opt + TCPOLEN_MSS, opt, (size_t)len - 20);
	p->len += TCPOLEN_MSS;
	/* the pseudo-header's length, the option, then doff: three
	 * incremental updates, as the kernel makes them */
	ut_csum_replace2(th + 16, (uint16_t)len, (uint16_t)(len + TCPOLEN_MSS));
	opt[0] = TCPOPT_MSS;
	opt[1] = TCPOLEN_MSS;
	ut_put16(opt + 2, (uint16_t)newmss);
	ut_csum_replace4(th + 16, 0, ut_get32(opt));
	oldval = ut_get16(th + 12);
	th[12] = (uint8_t)(th[12] + ((TCPOLEN_MSS / 4) << 4));
	ut_csum_replace2(th + 16, oldval, ut_get16(th + 12));
	return TCPOLEN_MSS;
}

/* tcpmss_tg4 */
static unsigned
tcpmss_tg(struct ut_xt_par *par)
{
	uint8_t *iph;
	uint16_t tot;
	int ret = tcpmss_mangle(par, par->data);

	if (ret < 0)
		return UT_NF_DROP;
	if (ret > 0) {
		iph = par->pkt->ip;
		tot = ut_get16(iph + UT_IP_OFF_TOTLEN);
		ut_csum_replace2(iph + UT_IP_OFF_CSUM, tot,
				 (uint16_t)(tot + ret));
		ut_put16(iph + UT_IP_OFF_TOTLEN, (uint16_t)(tot + ret));
	}
	return UT_XT_CONTINUE;
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
	.target = tcpmss_tg,
};
