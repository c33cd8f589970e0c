/* xt_tcp.c: the tcp match (-p tcp [-m tcp] --sport/--dport/--tcp-flags/
 * --syn/--tcp-option); reproduces iptables 1.8.9 extensions/libxt_tcp.c
 * and the checkentry of Linux net/netfilter/xt_tcpudp.c. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/engine.h"
#include "classify/classify.h"
#include "rules/ext.h"
#include "ext/ports.h"

/* struct xt_tcp (linux/netfilter/xt_tcpudp.h), plus a userspace tail. */
struct ut_tcp_info {
	uint16_t spts[2];   /* source port range, host order, inclusive */
	uint16_t dpts[2];   /* destination port range */
	uint8_t option;     /* TCP option kind that must be present, 0 none */
	uint8_t flg_mask;   /* TCP flags to look at */
	uint8_t flg_cmp;    /* ... and the value they must have */
	uint8_t invflags;   /* UT_TCP_INV_* */
	/* parse-time only (not compared): options seen, for iptables'
	 * own "Only one ..." messages, which the generic engine's
	 * "can only be used once" would not reproduce */
	uint8_t seen;
};

enum {
	UT_TCP_INV_SRCPT = 0x01,
	UT_TCP_INV_DSTPT = 0x02,
	UT_TCP_INV_FLAGS = 0x04,
	UT_TCP_INV_OPTION = 0x08,
	UT_TCP_INV_MASK = 0x0f,
};

enum {
	O_SPORT = 0,
	O_DPORT,
	O_SYN,
	O_FLAGS,
	O_OPTION,
	F_SPORT = 1 << O_SPORT,
	F_DPORT = 1 << O_DPORT,
	F_SYN = 1 << O_SYN,
	F_FLAGS = 1 << O_FLAGS,
	F_OPTION = 1 << O_OPTION,
};

/* libxt_tcp is an old-style (getopt) extension: it checks repeats
 * itself, so every option is MULTI here and tcp_parse does the rest. */
static const struct ut_opt tcp_opts[] = {
	{ .name = "source-port", .id = O_SPORT, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT | UT_OPTF_MULTI,
	  .arg = "port[:port]",
	  .help = "source port, or range of ports (a missing end is 0 or "
		  "65535)" },
	{ .name = "sport", .id = O_SPORT, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT | UT_OPTF_MULTI },
	{ .name = "destination-port", .id = O_DPORT, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT | UT_OPTF_MULTI,
	  .arg = "port[:port]",
	  .help = "destination port or range, as --sport" },
	{ .name = "dport", .id = O_DPORT, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT | UT_OPTF_MULTI },
	{ .name = "syn", .id = O_SYN, .type = UT_OPT_NONE,
	  .flags = UT_OPTF_INVERT | UT_OPTF_MULTI,
	  .help = "SYN set and ACK, RST, FIN clear: the first packet of a "
		  "connection" },
	{ .name = "tcp-flags", .id = O_FLAGS, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT | UT_OPTF_MULTI,
	  .arg = "mask comp",
	  .help = "of the flags in mask (comma list of SYN ACK FIN RST URG "
		  "PSH, or ALL, NONE), exactly those in comp are set" },
	{ .name = "tcp-option", .id = O_OPTION, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT | UT_OPTF_MULTI,
	  .arg = "number",
	  .help = "the TCP option of this kind (0-255) is present" },
	UT_OPT_END
};

/* Flag names in the order iptables prints them; ALL and NONE are only
 * accepted on input (printing finds single bits first). */
static const struct {
	const char *name;
	uint8_t flag;
} tcp_flag_names[] = {
	{ "FIN", 0x01 }, { "SYN", 0x02 }, { "RST", 0x04 }, { "PSH", 0x08 },
	{ "ACK", 0x10 }, { "URG", 0x20 }, { "ALL", 0x3f }, { "NONE", 0x00 },
};
#define N_TCP_FLAG_NAMES (sizeof(tcp_flag_names) / sizeof(tcp_flag_names[0]))

static void
tcp_init(void *data)
{
	struct ut_tcp_info *info = data;

	info->spts[1] = info->dpts[1] = UINT16_MAX;
}

/* tcp_parse_ports: "p", "p:", ":p", "p:q", ":" with names of tcp
 * services; a missing end means 0 or 65535. */
static int
tcp_parse_ports(struct ut_opt_call *call, uint16_t ports[2])
{
	char *buf, *lo, *hi, *bad = NULL;
	int ret = 0;

	buf = strdup(call->arg);
	if (!buf)
		return ut_err_set(call->err, UT_OTHER_PROBLEM,
				  "strdup failed");
	lo = buf;
	hi = strchr(buf, ':');
	if (hi)
		*hi++ = '\0';
	if (hi == NULL) {
		if (ut_parse_port(lo, "tcp", &ports[0]) < 0)
			bad = lo;
		ports[1] = ports[0];
		goto out;
	}
	ports[0] = 0;
	ports[1] = UINT16_MAX;
	if (*lo != '\0' && ut_parse_port(lo, "tcp", &ports[0]) < 0)
		bad = lo;
	else if (*hi != '\0' && ut_parse_port(hi, "tcp", &ports[1]) < 0)
		bad = hi;
	else if (ports[0] > ports[1])
		ret = ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				 "invalid portrange (min > max)");
out:
	if (bad)
		ret = ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				 "invalid port/service `%s' specified", bad);
	free(buf);
	return ret;
}

/* tcp_parse_flag_list: "SYN,ACK" (case-insensitive, empty items
 * skipped as strtok does) into a bit mask. */
static int
tcp_parse_flag_list(struct ut_opt_call *call, const char *s, uint8_t *out)
{
	char *buf, *save = NULL, *tok;
	int ret = 0;

	buf = strdup(s);
	if (!buf)
		return ut_err_set(call->err, UT_OTHER_PROBLEM,
				  "strdup failed");
	*out = 0;
	for (tok = strtok_r(buf, ",", &save); tok && ret == 0;
	     tok = strtok_r(NULL, ",", &save)) {
		size_t i;

		for (i = 0; i < N_TCP_FLAG_NAMES; i++)
			if (strcasecmp(tcp_flag_names[i].name, tok) == 0)
				break;
		if (i == N_TCP_FLAG_NAMES)
			ret = ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					 "Unknown TCP flag `%s'", tok);
		else
			*out |= tcp_flag_names[i].flag;
	}
	free(buf);
	return ret;
}

/* tcp_flags_comp_arg: the second argument of --tcp-flags, i.e. the word
 * after the option's own argument, consumed; NULL when it is missing or
 * looks like an option ("-..." or "!"), as libxt_tcp checks argv[optind].
 * CORE DEPENDENCY: struct ut_opt_call has to expose the command line
 * (argv, argc, optind) for this; ext.h announces it by defining
 * UT_OPT_CALL_HAS_ARGV. Without it every --tcp-flags reports a missing
 * second argument (--syn still works, but its saved form cannot be read
 * back). */
static const char *
tcp_flags_comp_arg(struct ut_opt_call *call)
{
#ifdef UT_OPT_CALL_HAS_ARGV
	const char *comp;

	if (!call->argv || !call->optind || *call->optind >= call->argc)
		return NULL;
	comp = call->argv[*call->optind];
	if (!comp || comp[0] == '-' || comp[0] == '!')
		return NULL;
	(*call->optind)++;
	return comp;
#else
	(void)call;
	return NULL;
#endif
}

static int
tcp_parse_flags(struct ut_opt_call *call, struct ut_tcp_info *info,
		const char *mask, const char *comp)
{
	int ret;

	ret = tcp_parse_flag_list(call, mask, &info->flg_mask);
	if (ret < 0)
		return ret;
	ret = tcp_parse_flag_list(call, comp, &info->flg_cmp);
	if (ret < 0)
		return ret;
	if (call->invert)
		info->invflags |= UT_TCP_INV_FLAGS;
	return 0;
}

static int
tcp_parse_option(struct ut_opt_call *call, struct ut_tcp_info *info)
{
	uint64_t v;

	if (ut_parse_uint(call->arg, 1, UINT8_MAX, &v) < 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Bad TCP option \"%s\"", call->arg);
	info->option = (uint8_t)v;
	if (call->invert)
		info->invflags |= UT_TCP_INV_OPTION;
	return 0;
}

static int
tcp_parse(struct ut_opt_call *call)
{
	struct ut_tcp_info *info = call->data;
	const char *comp;
	int ret = 0;

	switch (call->opt->id) {
	case O_SPORT:
		if (info->seen & F_SPORT)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"Only one `--source-port' allowed");
		ret = tcp_parse_ports(call, info->spts);
		if (call->invert)
			info->invflags |= UT_TCP_INV_SRCPT;
		info->seen |= F_SPORT;
		break;
	case O_DPORT:
		if (info->seen & F_DPORT)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"Only one `--destination-port' allowed");
		ret = tcp_parse_ports(call, info->dpts);
		if (call->invert)
			info->invflags |= UT_TCP_INV_DSTPT;
		info->seen |= F_DPORT;
		break;
	case O_SYN:
	case O_FLAGS:
		/* --syn and --tcp-flags share one slot (iptables' double
		 * space in the message is its own) */
		if (info->seen & F_FLAGS)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"Only one of `--syn' or `--tcp-flags'  allowed");
		if (call->opt->id == O_SYN) {
			ret = tcp_parse_flags(call, info, "SYN,RST,ACK,FIN",
					      "SYN");
		} else {
			comp = tcp_flags_comp_arg(call);
			if (!comp)
				return ut_err_set(call->err,
					UT_PARAMETER_PROBLEM,
					"--tcp-flags requires two args.");
			ret = tcp_parse_flags(call, info, call->arg, comp);
		}
		info->seen |= F_FLAGS;
		break;
	case O_OPTION:
		if (info->seen & F_OPTION)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"Only one `--tcp-option' allowed");
		ret = tcp_parse_option(call, info);
		info->seen |= F_OPTION;
		break;
	}
	return ret;
}

/* tcp_print_flag_list: "FIN,SYN" in bit order, "NONE" for 0. */
static void
tcp_print_flag_list(struct ut_buf *out, uint8_t flags)
{
	bool first = true;

	for (size_t i = 0; i < 6; i++) {
		if (!(flags & tcp_flag_names[i].flag))
			continue;
		ut_buf_printf(out, "%s%s", first ? "" : ",",
			      tcp_flag_names[i].name);
		first = false;
	}
	if (first)
		ut_buf_puts(out, "NONE");
}

static void
tcp_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tcp_info *info = pc->data;
	bool inv;

	ut_buf_puts(out, " tcp");
	ut_ports_print_range(out, "spt", info->spts,
			     info->invflags & UT_TCP_INV_SRCPT, "tcp",
			     pc->numeric);
	ut_ports_print_range(out, "dpt", info->dpts,
			     info->invflags & UT_TCP_INV_DSTPT, "tcp",
			     pc->numeric);
	inv = info->invflags & UT_TCP_INV_OPTION;
	if (info->option || inv)
		ut_buf_printf(out, " option=%s%u", inv ? "!" : "",
			      info->option);
	inv = info->invflags & UT_TCP_INV_FLAGS;
	if (info->flg_mask || inv) {
		ut_buf_printf(out, " flags:%s", inv ? "!" : "");
		if (pc->numeric) {
			ut_buf_printf(out, "0x%02X/0x%02X", info->flg_mask,
				      info->flg_cmp);
		} else {
			tcp_print_flag_list(out, info->flg_mask);
			ut_buf_putc(out, '/');
			tcp_print_flag_list(out, info->flg_cmp);
		}
	}
	if (info->invflags & ~UT_TCP_INV_MASK)
		ut_buf_printf(out, " Unknown invflags: 0x%X",
			      info->invflags & ~UT_TCP_INV_MASK);
}

static void
tcp_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tcp_info *info = pc->data;

	ut_ports_save_given(out, "sport", info->spts,
			    info->invflags & UT_TCP_INV_SRCPT);
	ut_ports_save_given(out, "dport", info->dpts,
			    info->invflags & UT_TCP_INV_DSTPT);
	if (info->option || (info->invflags & UT_TCP_INV_OPTION)) {
		if (info->invflags & UT_TCP_INV_OPTION)
			ut_buf_puts(out, " !");
		ut_buf_printf(out, " --tcp-option %u", info->option);
	}
	if (info->flg_mask || (info->invflags & UT_TCP_INV_FLAGS)) {
		if (info->invflags & UT_TCP_INV_FLAGS)
			ut_buf_puts(out, " !");
		ut_buf_puts(out, " --tcp-flags ");
		tcp_print_flag_list(out, info->flg_mask);
		ut_buf_putc(out, ' ');
		tcp_print_flag_list(out, info->flg_cmp);
	}
}

/* tcp_mt_check: unknown inversion bits are refused, without a log line. */
static int
tcp_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_tcp_info *info = kc->data;

	return (info->invflags & ~UT_TCP_INV_MASK) ? -EINVAL : 0;
}

/* port_match (xt_tcpudp.c) */
static bool
tcp_port_in(const uint16_t range[2], uint16_t port, bool invert)
{
	return (port >= range[0] && port <= range[1]) ^ invert;
}

/* tcp_find_option: the option list (optlen bytes after the fixed
 * header) must be in the packet, else hot-drop. The walk is the
 * kernel's: kinds 0 and 1 take one byte, others their length byte (0
 * counting as 1, so a bad list cannot loop), the last byte one; a
 * length that runs past the list just ends the walk. An END (0) does
 * not stop it: a kind after it is still found. */
static bool
tcp_find_option(struct ut_xt_par *par, uint8_t option, unsigned optlen,
		bool invert)
{
	const struct ut_pkt *p = par->pkt;
	const uint8_t *op;
	unsigned i;

	if (optlen == 0)
		return invert;
	if ((uint64_t)par->thoff + 20 + optlen > p->len) {
		par->hotdrop = true;
		return false;
	}
	op = p->ip + par->thoff + 20;
	for (i = 0; i < optlen;) {
		if (op[i] == option)
			return !invert;
		if (op[i] < 2 || i == optlen - 1)
			i++;
		else
			i += op[i + 1] ? op[i + 1] : 1;
	}
	return invert;
}

/* tcp_mt: a non-first fragment never matches, and the one at offset 8
 * bytes is hot-dropped (it could rewrite the flags of the first); a
 * first fragment or packet without a whole TCP header is hot-dropped,
 * and so is one whose data offset is below 5 or whose options are cut
 * when --tcp-option is asked (measured: tests/unit/match_stateless_test.c). */
static bool
tcp_match(struct ut_xt_par *par)
{
	const struct ut_tcp_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	const uint8_t *th;
	unsigned doff;

	if (par->fragoff != 0) {
		if (par->fragoff == 1)
			par->hotdrop = true;
		return false;
	}
	if ((uint64_t)par->thoff + 20 > p->len) {
		par->hotdrop = true;
		return false;
	}
	th = p->ip + par->thoff;
	if (!tcp_port_in(info->spts, ut_get16(th),
			 info->invflags & UT_TCP_INV_SRCPT))
		return false;
	if (!tcp_port_in(info->dpts, ut_get16(th + 2),
			 info->invflags & UT_TCP_INV_DSTPT))
		return false;
	if (!(((th[13] & info->flg_mask) == info->flg_cmp) ^
	      !!(info->invflags & UT_TCP_INV_FLAGS)))
		return false;
	if (info->option) {
		doff = (th[12] >> 4) * 4u;
		if (doff < 20) {
			par->hotdrop = true;
			return false;
		}
		if (!tcp_find_option(par, info->option, doff - 20,
				     info->invflags & UT_TCP_INV_OPTION))
			return false;
	}
	return true;
}

/* tcp_classify: ports and flags are header tests (tcp_match above
 * tests them before the option, with no hot-drop for a whole header) */
static void
tcp_classify(const void *data, struct ut_cls_rule *cr)
{
	const struct ut_tcp_info *info = data;

	if (!cr->sport.given)
		ut_cls_range_set(&cr->sport, info->spts[0], info->spts[1],
				 info->invflags & UT_TCP_INV_SRCPT);
	if (!cr->dport.given)
		ut_cls_range_set(&cr->dport, info->dpts[0], info->dpts[1],
				 info->invflags & UT_TCP_INV_DSTPT);
	if (!cr->flg_given &&
	    (info->flg_mask || (info->invflags & UT_TCP_INV_FLAGS))) {
		cr->flg_given = true;
		cr->flg_mask = info->flg_mask;
		cr->flg_cmp = info->flg_cmp;
		cr->flg_inv = info->invflags & UT_TCP_INV_FLAGS;
	}
}

const struct ut_ext ut_ext_tcp = {
	.name = "tcp",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_tcp_info),
	.cmp_size = offsetof(struct ut_tcp_info, seen),
	.opts = tcp_opts,
	.proto = 6, /* IPPROTO_TCP */
	.init = tcp_init,
	.parse = tcp_parse,
	.print = tcp_print,
	.save = tcp_save,
	.kcheck = tcp_kcheck,
	.match = tcp_match,
	.classify = tcp_classify,
};
