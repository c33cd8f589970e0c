/* xt_conntrack.c: the conntrack match (revision 3) and its "state" alias;
 * reproduces iptables 1.8.9 extensions/libxt_conntrack.c (which serves
 * -m state from conntrack revision 3 when the kernel has it) and Linux
 * net/netfilter/xt_conntrack.c (whose checkentry refuses nothing here).
 * Revision 3 is what iptables 1.8.9 sends to a Linux 6.x kernel for both
 * -m conntrack and -m state (revisions 1 and 2 only go to kernels without
 * 3); its blob holds every option of 1 and 2 (a single port is the range
 * port:port, which is revision 1/2's equality), so one eval serves. */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "conntrack/conntrack.h"
#include "engine/engine.h"
#include "ext/ct_addr.h"
#include "rules/ext.h"

/* struct xt_conntrack_mtinfo3 (linux/netfilter/xt_conntrack.h), IPv4 only:
 * addresses and masks in network order, ports in host order. */
struct ut_conntrack_info {
	uint32_t origsrc_addr, origsrc_mask;
	uint32_t origdst_addr, origdst_mask;
	uint32_t replsrc_addr, replsrc_mask;
	uint32_t repldst_addr, repldst_mask;
	uint32_t expires_min, expires_max;  /* seconds, inclusive */
	uint16_t l4proto;
	uint16_t origsrc_port, origdst_port;
	uint16_t replsrc_port, repldst_port;
	uint16_t match_flags, invert_flags; /* UT_CT_F_* */
	uint16_t state_mask, status_mask;   /* UT_CT_STATE_*, UT_CT_IPS_* */
	uint16_t origsrc_port_high, origdst_port_high;
	uint16_t replsrc_port_high, repldst_port_high;
};

/* match_flags / invert_flags (enum XT_CONNTRACK_*). */
enum {
	UT_CT_F_STATE = 1 << 0,
	UT_CT_F_PROTO = 1 << 1,
	UT_CT_F_ORIGSRC = 1 << 2,
	UT_CT_F_ORIGDST = 1 << 3,
	UT_CT_F_REPLSRC = 1 << 4,
	UT_CT_F_REPLDST = 1 << 5,
	UT_CT_F_STATUS = 1 << 6,
	UT_CT_F_EXPIRES = 1 << 7,
	UT_CT_F_ORIGSRC_PORT = 1 << 8,
	UT_CT_F_ORIGDST_PORT = 1 << 9,
	UT_CT_F_REPLSRC_PORT = 1 << 10,
	UT_CT_F_REPLDST_PORT = 1 << 11,
	UT_CT_F_DIRECTION = 1 << 12,
	UT_CT_F_STATE_ALIAS = 1 << 13, /* rule was given as -m state */
};

/* state_mask bits: XT_CONNTRACK_STATE_BIT(ctinfo) = 1 << (ctinfo %
 * IP_CT_IS_REPLY + 1) for IP_CT_ESTABLISHED (0), IP_CT_RELATED (1),
 * IP_CT_NEW (2) and their replies; the pseudo-states follow
 * IP_CT_NUMBER (5). */
enum {
	UT_CT_STATE_INVALID = 1 << 0,
	UT_CT_STATE_ESTABLISHED = 1 << 1,
	UT_CT_STATE_RELATED = 1 << 2,
	UT_CT_STATE_NEW = 1 << 3,
	UT_CT_STATE_SNAT = 1 << 6,
	UT_CT_STATE_DNAT = 1 << 7,
	UT_CT_STATE_UNTRACKED = 1 << 8,
};

/* status_mask bits (enum ip_conntrack_status). */
enum {
	UT_CT_IPS_EXPECTED = 1 << 0,
	UT_CT_IPS_SEEN_REPLY = 1 << 1,
	UT_CT_IPS_ASSURED = 1 << 2,
	UT_CT_IPS_CONFIRMED = 1 << 3,
};

enum {
	O_CTSTATE = 0,
	O_CTPROTO,
	O_CTORIGSRC,
	O_CTORIGDST,
	O_CTREPLSRC,
	O_CTREPLDST,
	O_CTORIGSRCPORT,
	O_CTORIGDSTPORT,
	O_CTREPLSRCPORT,
	O_CTREPLDSTPORT,
	O_CTSTATUS,
	O_CTEXPIRE,
	O_CTDIR,
};

static const struct ut_opt conntrack_opts[] = {
	{ .name = "ctstate", .id = O_CTSTATE, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT,
	  .arg = "state[,state...]",
	  .help = "connection state: INVALID, NEW, ESTABLISHED, RELATED, "
		  "UNTRACKED, SNAT, DNAT" },
	{ .name = "ctproto", .id = O_CTPROTO, .type = UT_OPT_PROTOCOL,
	  .flags = UT_OPTF_INVERT,
	  .help = "layer-4 protocol of the connection" },
	{ .name = "ctorigsrc", .id = O_CTORIGSRC, .type = UT_OPT_HOSTMASK,
	  .flags = UT_OPTF_INVERT,
	  .help = "source address of the original direction" },
	{ .name = "ctorigdst", .id = O_CTORIGDST, .type = UT_OPT_HOSTMASK,
	  .flags = UT_OPTF_INVERT,
	  .help = "destination address of the original direction" },
	{ .name = "ctreplsrc", .id = O_CTREPLSRC, .type = UT_OPT_HOSTMASK,
	  .flags = UT_OPTF_INVERT,
	  .help = "source address of the reply direction" },
	{ .name = "ctrepldst", .id = O_CTREPLDST, .type = UT_OPT_HOSTMASK,
	  .flags = UT_OPTF_INVERT,
	  .help = "destination address of the reply direction" },
	{ .name = "ctstatus", .id = O_CTSTATUS, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT,
	  .arg = "status[,status...]",
	  .help = "status bits: NONE, EXPECTED, SEEN_REPLY, ASSURED, "
		  "CONFIRMED" },
	{ .name = "ctexpire", .id = O_CTEXPIRE, .type = UT_OPT_UINT32RC,
	  .flags = UT_OPTF_INVERT,
	  .arg = "seconds[:seconds]",
	  .help = "seconds left before the entry expires" },
	{ .name = "ctorigsrcport", .id = O_CTORIGSRCPORT,
	  .type = UT_OPT_PORTRC, .flags = UT_OPTF_INVERT,
	  .help = "source port of the original direction" },
	{ .name = "ctorigdstport", .id = O_CTORIGDSTPORT,
	  .type = UT_OPT_PORTRC, .flags = UT_OPTF_INVERT,
	  .help = "destination port of the original direction" },
	{ .name = "ctreplsrcport", .id = O_CTREPLSRCPORT,
	  .type = UT_OPT_PORTRC, .flags = UT_OPTF_INVERT,
	  .help = "source port of the reply direction" },
	{ .name = "ctrepldstport", .id = O_CTREPLDSTPORT,
	  .type = UT_OPT_PORTRC, .flags = UT_OPTF_INVERT,
	  .help = "destination port of the reply direction" },
	{ .name = "ctdir", .id = O_CTDIR, .type = UT_OPT_STRING,
	  .arg = "ORIGINAL|REPLY",
	  .help = "only packets of this direction" },
	UT_OPT_END
};

static const struct ut_opt state_opts[] = {
	{ .name = "state", .id = O_CTSTATE, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT,
	  .arg = "state[,state...]",
	  .help = "connection state: INVALID, NEW, ESTABLISHED, RELATED, "
		  "UNTRACKED" },
	UT_OPT_END
};

struct ct_name {
	const char *name;
	uint16_t bit;
};

/* Lookup order of libxt_conntrack: a word matches the first name it is a
 * (case-insensitive) prefix of, so "N" is NEW and "S" is SNAT. */
static const struct ct_name ct_states[] = {
	{ "INVALID", UT_CT_STATE_INVALID },
	{ "NEW", UT_CT_STATE_NEW },
	{ "ESTABLISHED", UT_CT_STATE_ESTABLISHED },
	{ "RELATED", UT_CT_STATE_RELATED },
	{ "UNTRACKED", UT_CT_STATE_UNTRACKED },
	{ "SNAT", UT_CT_STATE_SNAT },
	{ "DNAT", UT_CT_STATE_DNAT },
	{ NULL, 0 },
};

/* -m state knows no SNAT/DNAT */
#define CT_N_STATE_STATES 5

static const struct ct_name ct_statuses[] = {
	{ "NONE", 0 },
	{ "EXPECTED", UT_CT_IPS_EXPECTED },
	{ "SEEN_REPLY", UT_CT_IPS_SEEN_REPLY },
	{ "ASSURED", UT_CT_IPS_ASSURED },
	{ "CONFIRMED", UT_CT_IPS_CONFIRMED },
	{ NULL, 0 },
};

/* ct_word: the bit of the word s[0..len) in names (first n entries);
 * false if none. strncasecmp with len: the word is a prefix. */
static bool
ct_word(const struct ct_name *names, size_t n, const char *s, size_t len,
	uint16_t *bit)
{
	for (size_t i = 0; i < n && names[i].name; i++)
		if (strncasecmp(s, names[i].name, len) == 0) {
			*bit = names[i].bit;
			return true;
		}
	return false;
}

/* ct_words: a comma list as conntrack_ps_states/_statuses parse it; on a
 * bad word the message names the rest of the list from that word on. */
static int
ct_words(const struct ct_name *names, const char *arg, const char *what,
	 uint16_t *mask, struct ut_err *err)
{
	const char *comma;
	uint16_t bit;

	while ((comma = strchr(arg, ',')) != NULL) {
		if (comma == arg || !ct_word(names, SIZE_MAX, arg,
					     (size_t)(comma - arg), &bit))
			return ut_err_set(err, UT_PARAMETER_PROBLEM,
					  "Bad %s \"%s\"", what, arg);
		*mask |= bit;
		arg = comma + 1;
	}
	if (*arg == '\0' || !ct_word(names, SIZE_MAX, arg, strlen(arg), &bit))
		return ut_err_set(err, UT_PARAMETER_PROBLEM, "Bad %s \"%s\"",
				  what, arg);
	*mask |= bit;
	return 0;
}

/* ct_port_set: low/high of a port range option. */
static void
ct_port_set(const struct ut_opt_call *call, uint16_t *low, uint16_t *high)
{
	*low = call->val.port[0];
	*high = call->val.port[call->nvals >= 2 ? 1 : 0];
}

/* ct_flag: the match/invert flag an option id sets. */
static uint16_t
ct_flag(unsigned id)
{
	static const uint16_t flags[] = {
		[O_CTSTATE] = UT_CT_F_STATE,
		[O_CTPROTO] = UT_CT_F_PROTO,
		[O_CTORIGSRC] = UT_CT_F_ORIGSRC,
		[O_CTORIGDST] = UT_CT_F_ORIGDST,
		[O_CTREPLSRC] = UT_CT_F_REPLSRC,
		[O_CTREPLDST] = UT_CT_F_REPLDST,
		[O_CTORIGSRCPORT] = UT_CT_F_ORIGSRC_PORT,
		[O_CTORIGDSTPORT] = UT_CT_F_ORIGDST_PORT,
		[O_CTREPLSRCPORT] = UT_CT_F_REPLSRC_PORT,
		[O_CTREPLDSTPORT] = UT_CT_F_REPLDST_PORT,
		[O_CTSTATUS] = UT_CT_F_STATUS,
		[O_CTEXPIRE] = UT_CT_F_EXPIRES,
		[O_CTDIR] = UT_CT_F_DIRECTION,
	};
	return flags[id];
}

/* ct_parse_value: store the option's value (all but the flags). */
static int
ct_parse_value(struct ut_opt_call *call, struct ut_conntrack_info *info)
{
	switch (call->opt->id) {
	case O_CTSTATE:
		return ct_words(ct_states, call->arg, "ctstate",
				&info->state_mask, call->err);
	case O_CTPROTO:
		info->l4proto = call->val.u8;
		/* libxt_conntrack tests XT_INV_PROTO (0x40) against the
		 * conntrack invert flags, where 0x40 is the ctstatus bit:
		 * "! --ctstatus X --ctproto 0" is what it refuses. */
		if (info->l4proto == 0 && (info->invert_flags & 0x40))
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"conntrack: rule would never match protocol");
		return 0;
	case O_CTORIGSRC:
		info->origsrc_addr = call->val.inet;
		info->origsrc_mask = call->val.inetmask;
		return 0;
	case O_CTORIGDST:
		info->origdst_addr = call->val.inet;
		info->origdst_mask = call->val.inetmask;
		return 0;
	case O_CTREPLSRC:
		info->replsrc_addr = call->val.inet;
		info->replsrc_mask = call->val.inetmask;
		return 0;
	case O_CTREPLDST:
		info->repldst_addr = call->val.inet;
		info->repldst_mask = call->val.inetmask;
		return 0;
	case O_CTORIGSRCPORT:
		ct_port_set(call, &info->origsrc_port,
			    &info->origsrc_port_high);
		return 0;
	case O_CTORIGDSTPORT:
		ct_port_set(call, &info->origdst_port,
			    &info->origdst_port_high);
		return 0;
	case O_CTREPLSRCPORT:
		ct_port_set(call, &info->replsrc_port,
			    &info->replsrc_port_high);
		return 0;
	case O_CTREPLDSTPORT:
		ct_port_set(call, &info->repldst_port,
			    &info->repldst_port_high);
		return 0;
	case O_CTSTATUS:
		return ct_words(ct_statuses, call->arg, "ctstatus",
				&info->status_mask, call->err);
	case O_CTEXPIRE:
		/* "4:3" is kept as given: neither iptables nor the kernel
		 * refuses it */
		info->expires_min = call->val.u32range[0];
		info->expires_max = call->val.u32range[call->nvals >= 2];
		return 0;
	}
	return 0;
}

static int
conntrack_parse(struct ut_opt_call *call)
{
	struct ut_conntrack_info *info = call->data;
	uint16_t flag = ct_flag(call->opt->id);
	int ret;

	if (call->opt->id == O_CTDIR) {
		/* the direction is stored as an inversion of the flag */
		if (strcasecmp(call->arg, "ORIGINAL") == 0)
			info->invert_flags &= ~UT_CT_F_DIRECTION;
		else if (strcasecmp(call->arg, "REPLY") == 0)
			info->invert_flags |= UT_CT_F_DIRECTION;
		else
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"conntrack: Bad value for \"--ctdir\" option: "
				"\"%s\"", call->arg);
		info->match_flags |= flag;
		return 0;
	}
	ret = ct_parse_value(call, info);
	if (ret < 0)
		return ret;
	info->match_flags |= flag;
	if (call->invert)
		info->invert_flags |= flag;
	return 0;
}

static int
conntrack_final_check(struct ut_fcheck_call *call)
{
	if (call->xflags == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"conntrack: At least one option is required");
	return 0;
}

/* state_parse: -m state --state LIST (state_ct23_parse). Unlike --ctstate,
 * SNAT/DNAT are unknown and an empty last word has its own message. */
static int
state_parse(struct ut_opt_call *call)
{
	struct ut_conntrack_info *info = call->data;
	const char *arg = call->arg, *comma;
	uint16_t mask = 0, bit;

	while ((comma = strchr(arg, ',')) != NULL) {
		if (comma == arg || !ct_word(ct_states, CT_N_STATE_STATES, arg,
					     (size_t)(comma - arg), &bit))
			goto bad;
		mask |= bit;
		arg = comma + 1;
	}
	if (*arg == '\0')
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"\"--state\" requires a list of states with no "
			"spaces, e.g. ESTABLISHED,RELATED");
	if (!ct_word(ct_states, CT_N_STATE_STATES, arg, strlen(arg), &bit))
		goto bad;
	mask |= bit;
	info->match_flags = UT_CT_F_STATE | UT_CT_F_STATE_ALIAS;
	info->state_mask = mask;
	if (call->invert)
		info->invert_flags |= UT_CT_F_STATE;
	return 0;
bad:
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM, "Bad state \"%s\"",
			  arg);
}

/* ct_print_states: print order differs from parse order (RELATED before
 * ESTABLISHED). */
static void
ct_print_states(struct ut_buf *out, uint16_t mask)
{
	static const struct ct_name order[] = {
		{ "INVALID", UT_CT_STATE_INVALID },
		{ "NEW", UT_CT_STATE_NEW },
		{ "RELATED", UT_CT_STATE_RELATED },
		{ "ESTABLISHED", UT_CT_STATE_ESTABLISHED },
		{ "UNTRACKED", UT_CT_STATE_UNTRACKED },
		{ "SNAT", UT_CT_STATE_SNAT },
		{ "DNAT", UT_CT_STATE_DNAT },
	};
	const char *sep = " ";

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (mask & order[i].bit) {
			ut_buf_printf(out, "%s%s", sep, order[i].name);
			sep = ",";
		}
}

static void
ct_print_statuses(struct ut_buf *out, uint16_t mask)
{
	const char *sep = " ";

	for (size_t i = 1; ct_statuses[i].name; i++)
		if (mask & ct_statuses[i].bit) {
			ut_buf_printf(out, "%s%s", sep, ct_statuses[i].name);
			sep = ",";
		}
	if (mask == 0)
		ut_buf_printf(out, "%sNONE", sep);
}

/* ct_not: " !" when flag is inverted. */
static void
ct_not(struct ut_buf *out, const struct ut_conntrack_info *info,
       uint16_t flag)
{
	if (info->invert_flags & flag)
		ut_buf_puts(out, " !");
}

static void
ct_dump_addr(struct ut_buf *out, const struct ut_conntrack_info *info,
	     uint16_t flag, const char *pfx, const char *name, uint32_t addr,
	     uint32_t mask, bool numeric)
{
	if (!(info->match_flags & flag))
		return;
	ct_not(out, info, flag);
	ut_buf_printf(out, " %s%s", pfx, name);
	ut_ct_addr_print(out, addr, mask, numeric);
}

static void
ct_dump_port(struct ut_buf *out, const struct ut_conntrack_info *info,
	     uint16_t flag, const char *pfx, const char *name, uint16_t low,
	     uint16_t high)
{
	if (!(info->match_flags & flag))
		return;
	ct_not(out, info, flag);
	if (high == 0 || low == high)
		ut_buf_printf(out, " %s%s %u", pfx, name, low);
	else
		ut_buf_printf(out, " %s%s %u:%u", pfx, name, low, high);
}

/* ct_dump: conntrack_dump; pfx "" for -L, "--" for save. */
static void
ct_dump(struct ut_buf *out, const struct ut_conntrack_info *info,
	const char *pfx, bool numeric)
{
	uint16_t mf = info->match_flags;

	if (mf & UT_CT_F_STATE) {
		ct_not(out, info, UT_CT_F_STATE);
		ut_buf_printf(out, " %s%s", pfx, mf & UT_CT_F_STATE_ALIAS ?
			      "state" : "ctstate");
		ct_print_states(out, info->state_mask);
	}
	if (mf & UT_CT_F_PROTO) {
		ct_not(out, info, UT_CT_F_PROTO);
		ut_buf_printf(out, " %sctproto %u", pfx, info->l4proto);
	}
	ct_dump_addr(out, info, UT_CT_F_ORIGSRC, pfx, "ctorigsrc",
		     info->origsrc_addr, info->origsrc_mask, numeric);
	ct_dump_addr(out, info, UT_CT_F_ORIGDST, pfx, "ctorigdst",
		     info->origdst_addr, info->origdst_mask, numeric);
	ct_dump_addr(out, info, UT_CT_F_REPLSRC, pfx, "ctreplsrc",
		     info->replsrc_addr, info->replsrc_mask, numeric);
	ct_dump_addr(out, info, UT_CT_F_REPLDST, pfx, "ctrepldst",
		     info->repldst_addr, info->repldst_mask, numeric);
	ct_dump_port(out, info, UT_CT_F_ORIGSRC_PORT, pfx, "ctorigsrcport",
		     info->origsrc_port, info->origsrc_port_high);
	ct_dump_port(out, info, UT_CT_F_ORIGDST_PORT, pfx, "ctorigdstport",
		     info->origdst_port, info->origdst_port_high);
	ct_dump_port(out, info, UT_CT_F_REPLSRC_PORT, pfx, "ctreplsrcport",
		     info->replsrc_port, info->replsrc_port_high);
	ct_dump_port(out, info, UT_CT_F_REPLDST_PORT, pfx, "ctrepldstport",
		     info->repldst_port, info->repldst_port_high);
	if (mf & UT_CT_F_STATUS) {
		ct_not(out, info, UT_CT_F_STATUS);
		ut_buf_printf(out, " %sctstatus", pfx);
		ct_print_statuses(out, info->status_mask);
	}
	if (mf & UT_CT_F_EXPIRES) {
		ct_not(out, info, UT_CT_F_EXPIRES);
		ut_buf_printf(out, " %sctexpire ", pfx);
		if (info->expires_max == info->expires_min)
			ut_buf_printf(out, "%u", info->expires_min);
		else
			ut_buf_printf(out, "%u:%u", info->expires_min,
				      info->expires_max);
	}
	if (mf & UT_CT_F_DIRECTION)
		ut_buf_printf(out, " %sctdir %s", pfx,
			      info->invert_flags & UT_CT_F_DIRECTION ?
			      "REPLY" : "ORIGINAL");
}

static void
conntrack_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ct_dump(out, pc->data, "", pc->numeric);
}

static void
conntrack_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ct_dump(out, pc->data, "--", true);
}

/* ---- packet evaluation (conntrack_mt of Linux net/netfilter/xt_conntrack.c,
 * revision 3; -m state comes here too, as the alias it is in 1.8.9) ---- */

/* ct_statebit: the packet's state bit: its ctinfo (a reply counts as its
 * original-direction state) when it has a connection, else UNTRACKED or
 * INVALID */
static uint16_t
ct_statebit(const struct ut_conn *ct, unsigned ctinfo)
{
	if (ct)
		return (uint16_t)(1u << (ctinfo % UT_CT_IS_REPLY + 1));
	if (ctinfo == UT_CT_UNTRACKED)
		return UT_CT_STATE_UNTRACKED;
	return UT_CT_STATE_INVALID;
}

/* ct_fails: the kernel's test shape "(result) ^ !(invert_flags & flag)":
 * true when the option fails */
static bool
ct_fails(const struct ut_conntrack_info *info, uint16_t flag, bool result)
{
	return result ^ !(info->invert_flags & flag);
}

/* ct_addr_fails: an address option (both in network order) */
static bool
ct_addr_fails(const struct ut_conntrack_info *info, uint16_t flag,
	      uint32_t have, uint32_t addr, uint32_t mask)
{
	if (!(info->match_flags & flag))
		return false;
	return ct_fails(info, flag, ((have ^ addr) & mask) == 0);
}

/* ct_port_fails: a port range option. The tuple's per-protocol part is
 * compared whatever the protocol (the kernel's "shortcut" through
 * src.u.all): ICMP's id and type/code, GRE's keys, 0 for protocols
 * without ports. */
static bool
ct_port_fails(const struct ut_conntrack_info *info, uint16_t flag,
	      uint16_t have, uint16_t low, uint16_t high)
{
	if (!(info->match_flags & flag))
		return false;
	return ct_fails(info, flag, have >= low && have <= high);
}

static bool
ct_state_fails(const struct ut_conntrack_info *info, const struct ut_conn *ct,
	       unsigned ctinfo)
{
	uint16_t statebit = ct_statebit(ct, ctinfo);

	if (ct) {
		if (ct->status & UT_IPS_SRC_NAT)
			statebit |= UT_CT_STATE_SNAT;
		if (ct->status & UT_IPS_DST_NAT)
			statebit |= UT_CT_STATE_DNAT;
	}
	return ct_fails(info, UT_CT_F_STATE, (info->state_mask & statebit) != 0);
}

static bool
ct_tuples_fail(const struct ut_conntrack_info *info, const struct ut_conn *ct)
{
	const struct ut_ct_tuple *o = &ct->tuple[UT_CT_DIR_ORIGINAL];
	const struct ut_ct_tuple *r = &ct->tuple[UT_CT_DIR_REPLY];

	return ct_addr_fails(info, UT_CT_F_ORIGSRC, o->src,
			     info->origsrc_addr, info->origsrc_mask) ||
	       ct_addr_fails(info, UT_CT_F_ORIGDST, o->dst,
			     info->origdst_addr, info->origdst_mask) ||
	       ct_addr_fails(info, UT_CT_F_REPLSRC, r->src,
			     info->replsrc_addr, info->replsrc_mask) ||
	       ct_addr_fails(info, UT_CT_F_REPLDST, r->dst,
			     info->repldst_addr, info->repldst_mask) ||
	       ((info->match_flags & UT_CT_F_PROTO) &&
		ct_fails(info, UT_CT_F_PROTO, o->proto == info->l4proto)) ||
	       ct_port_fails(info, UT_CT_F_ORIGSRC_PORT, o->sport,
			     info->origsrc_port, info->origsrc_port_high) ||
	       ct_port_fails(info, UT_CT_F_ORIGDST_PORT, o->dport,
			     info->origdst_port, info->origdst_port_high) ||
	       ct_port_fails(info, UT_CT_F_REPLSRC_PORT, r->sport,
			     info->replsrc_port, info->replsrc_port_high) ||
	       ct_port_fails(info, UT_CT_F_REPLDST_PORT, r->dport,
			     info->repldst_port, info->repldst_port_high);
}

/* ct_expires: nf_ct_expires(ct) / HZ: what is left of a confirmed
 * entry's timeout. An unconfirmed one still holds the kernel's relative
 * timeout, which nf_ct_expires subtracts from the 32-bit jiffies of a
 * host that has been up a while: 0 (ut_ct_expires_in; measured); a
 * template's timeout is 0. */
static uint32_t
ct_expires(const struct ut_engine *e, const struct ut_conn *ct)
{
	if (ct->status & UT_IPS_TEMPLATE)
		return 0;
	return ut_ct_expires_in(e, ct);
}

/* The template xt_ct_tg_check allocates: zeroed tuples, IPS_TEMPLATE and
 * IPS_CONFIRMED, no master. Between -j CT and nf_conntrack_in (the raw
 * table, which runs before conntrack at PREROUTING and OUTPUT) it is the
 * packet's conntrack as nf_ct_get returns it, with IP_CT_NEW. */
static const struct ut_conn ct_template_conn = {
	.status = UT_IPS_TEMPLATE | UT_IPS_CONFIRMED,
};

/* ct_packet_conn: ut_ct_get, and the template the packet carries in the
 * raw table (the core keeps templates apart from connections) */
static const struct ut_conn *
ct_packet_conn(const struct ut_xt_par *par, unsigned *ctinfo)
{
	const struct ut_conn *ct = ut_ct_get(par->pkt, ctinfo);

	if (!ct && par->pkt->nfct_tmpl && *ctinfo != UT_CT_UNTRACKED &&
	    par->table && strcmp(par->table, "raw") == 0) {
		*ctinfo = UT_CT_NEW;
		return &ct_template_conn;
	}
	return ct;
}

/* conntrack_match: the options in the kernel's order. Without a
 * connection (INVALID, UNTRACKED) only --ctstate can match: every other
 * option, negated or not, fails. --ctdir ORIGINAL is stored as the
 * direction flag without inversion, REPLY with it. --ctstatus NONE (mask
 * 0) never matches and "! --ctstatus NONE" always does. --ctexpire reads
 * the remaining seconds as nf_ct_expires(ct) / HZ. In the raw table after
 * -j CT the packet's conntrack is the template (NEW, CONFIRMED). */
static bool
conntrack_match(struct ut_xt_par *par)
{
	const struct ut_conntrack_info *info = par->data;
	uint16_t mf = info->match_flags;
	unsigned ctinfo;
	const struct ut_conn *ct = ct_packet_conn(par, &ctinfo);

	if ((mf & UT_CT_F_STATE) && ct_state_fails(info, ct, ctinfo))
		return false;
	if (!ct)
		return mf & UT_CT_F_STATE;
	if ((mf & UT_CT_F_DIRECTION) &&
	    ct_fails(info, UT_CT_F_DIRECTION,
		     ut_ctinfo2dir(ctinfo) == UT_CT_DIR_ORIGINAL))
		return false;
	if (ct_tuples_fail(info, ct))
		return false;
	if ((mf & UT_CT_F_STATUS) &&
	    ct_fails(info, UT_CT_F_STATUS,
		     (info->status_mask & ct->status) != 0))
		return false;
	if (mf & UT_CT_F_EXPIRES) {
		uint32_t left = ct_expires(par->eng, ct);

		if (ct_fails(info, UT_CT_F_EXPIRES,
			     left >= info->expires_min &&
			     left <= info->expires_max))
			return false;
	}
	return true;
}

/* -m conntrack: revision 3, the one iptables 1.8.9 picks on Linux 6.x. */
const struct ut_ext ut_ext_conntrack = {
	.name = "conntrack", .revision = 3, .kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_conntrack_info),
	.cmp_size = sizeof(struct ut_conntrack_info),
	.opts = conntrack_opts,
	.parse = conntrack_parse, .final_check = conntrack_final_check,
	.print = conntrack_print, .save = conntrack_save,
	.match = conntrack_match,
};

/* -m state: in 1.8.9 an alias of conntrack revision 3 (match_flags carry
 * STATE_ALIAS, so it prints and saves as "state"), not xt_state. */
const struct ut_ext ut_ext_state = {
	.name = "state", .revision = 3, .kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_conntrack_info),
	.cmp_size = sizeof(struct ut_conntrack_info),
	.opts = state_opts,
	.parse = state_parse,
	.print = conntrack_print, .save = conntrack_save,
	.match = conntrack_match,
};
