/* xt_CT.c: the CT target (revision 2) and its NOTRACK alias; reproduces
 * iptables 1.8.9 extensions/libxt_CT.c (where -j NOTRACK is CT revision 2
 * with XT_CT_NOTRACK_ALIAS) and the checkentry of Linux
 * net/netfilter/xt_CT.c with the helpers of a Linux 6.x build. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conntrack/conntrack.h"
#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_ct_target_info_v1 (linux/netfilter/xt_CT.h) without the
 * kernel's private template pointer. */
struct ut_ct_info {
	uint16_t flags;      /* UT_CT_* */
	uint16_t zone;
	uint32_t ct_events;  /* 1 << IPCT_* */
	uint32_t exp_events; /* 1 << IPEXP_* */
	char helper[16];
	char timeout[32];
};

enum {
	CT_F_NOTRACK = 1 << 0,
	CT_F_NOTRACK_ALIAS = 1 << 1, /* given as -j NOTRACK */
	CT_F_ZONE_DIR_ORIG = 1 << 2,
	CT_F_ZONE_DIR_REPL = 1 << 3,
	CT_F_ZONE_MARK = 1 << 4,
	CT_F_MASK = (1 << 5) - 1,
};

enum {
	O_NOTRACK = 0,
	O_HELPER,
	O_TIMEOUT,
	O_CTEVENTS,
	O_EXPEVENTS,
	O_ZONE,
	O_ZONE_ORIG,
	O_ZONE_REPLY,
};

/* helper and timeout are copied by ct_parse: xtables truncates them to
 * their field silently, which the engine's string PUT would refuse */
static const struct ut_opt ct_opts[] = {
	{ .name = "notrack", .id = O_NOTRACK, .type = UT_OPT_NONE },
	{ .name = "helper", .id = O_HELPER, .type = UT_OPT_STRING },
	{ .name = "timeout", .id = O_TIMEOUT, .type = UT_OPT_STRING },
	{ .name = "ctevents", .id = O_CTEVENTS, .type = UT_OPT_STRING },
	{ .name = "expevents", .id = O_EXPEVENTS, .type = UT_OPT_STRING },
	{ .name = "zone-orig", .id = O_ZONE_ORIG, .type = UT_OPT_STRING },
	{ .name = "zone-reply", .id = O_ZONE_REPLY, .type = UT_OPT_STRING },
	{ .name = "zone", .id = O_ZONE, .type = UT_OPT_STRING },
	UT_OPT_END
};

struct ct_event {
	const char *name;
	unsigned bit; /* IPCT_* / IPEXP_* */
};

/* in print order */
static const struct ct_event ct_ct_events[] = {
	{ "new", 0 }, { "related", 1 }, { "destroy", 2 }, { "reply", 3 },
	{ "assured", 4 }, { "protoinfo", 5 }, { "helper", 6 }, { "mark", 7 },
	{ "natseqinfo", 8 }, { "secmark", 9 }, { NULL, 0 },
};

static const struct ct_event ct_exp_events[] = {
	{ "new", 0 }, { NULL, 0 },
};

/* ct_parse_events: comma list of exact (case-sensitive) names; an empty
 * word is unknown too ("new," fails on ""). */
static int
ct_parse_events(const struct ct_event *tbl, const char *arg, uint32_t *mask,
		struct ut_err *err)
{
	const char *p = arg;

	*mask = 0;
	for (;;) {
		size_t len = strcspn(p, ",");
		size_t i;

		for (i = 0; tbl[i].name; i++)
			if (strlen(tbl[i].name) == len &&
			    strncmp(tbl[i].name, p, len) == 0)
				break;
		if (!tbl[i].name)
			return ut_err_set(err, UT_PARAMETER_PROBLEM,
				"Unknown event type \"%.*s\"", (int)len, p);
		*mask |= 1u << tbl[i].bit;
		if (p[len] == '\0')
			return 0;
		p += len + 1;
	}
}

/* ct_parse_zone: "mark" (any case) or 0..65535; --zone-orig/--zone-reply
 * add a direction flag, and the flags add up over the options given. */
static int
ct_parse_zone(struct ut_opt_call *call, struct ut_ct_info *info)
{
	uint64_t v;

	if (call->opt->id == O_ZONE_ORIG)
		info->flags |= CT_F_ZONE_DIR_ORIG;
	if (call->opt->id == O_ZONE_REPLY)
		info->flags |= CT_F_ZONE_DIR_REPL;
	info->zone = 0;
	if (strcasecmp(call->arg, "mark") == 0) {
		info->flags |= CT_F_ZONE_MARK;
		return 0;
	}
	if (ut_parse_uint(call->arg, 0, UINT16_MAX, &v) < 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Cannot parse %s as a zone ID", call->arg);
	info->zone = (uint16_t)v;
	return 0;
}

static int
ct_parse(struct ut_opt_call *call)
{
	struct ut_ct_info *info = call->data;

	switch (call->opt->id) {
	case O_NOTRACK:
		info->flags |= CT_F_NOTRACK;
		return 0;
	case O_HELPER:
		ut_strput(info->helper, sizeof(info->helper), call->arg);
		return 0;
	case O_TIMEOUT:
		ut_strput(info->timeout, sizeof(info->timeout), call->arg);
		return 0;
	case O_ZONE:
	case O_ZONE_ORIG:
	case O_ZONE_REPLY:
		return ct_parse_zone(call, info);
	case O_CTEVENTS:
		return ct_parse_events(ct_ct_events, call->arg,
				       &info->ct_events, call->err);
	case O_EXPEVENTS:
		return ct_parse_events(ct_exp_events, call->arg,
				       &info->exp_events, call->err);
	}
	return 0;
}

static void
ct_print_events(struct ut_buf *out, const char *pfx, const char *name,
		const struct ct_event *tbl, uint32_t mask)
{
	const char *sep = "";

	ut_buf_printf(out, " %s%s ", pfx, name);
	for (size_t i = 0; tbl[i].name; i++)
		if (mask & (1u << tbl[i].bit)) {
			ut_buf_printf(out, "%s%s", sep, tbl[i].name);
			sep = ",";
		}
}

static void
ct_print_zone(struct ut_buf *out, const char *pfx,
	      const struct ut_ct_info *info)
{
	uint16_t dir = info->flags & (CT_F_ZONE_DIR_ORIG |
				      CT_F_ZONE_DIR_REPL);

	ut_buf_printf(out, " %s", pfx);
	if (dir == CT_F_ZONE_DIR_ORIG)
		ut_buf_puts(out, "-orig");
	if (dir == CT_F_ZONE_DIR_REPL)
		ut_buf_puts(out, "-reply");
	if (info->flags & CT_F_ZONE_MARK)
		ut_buf_puts(out, " mark");
	else
		ut_buf_printf(out, " %u", info->zone);
}

/* ct_dump: the options, pfx "" for -L and "--" for save. */
static void
ct_dump(struct ut_buf *out, const struct ut_ct_info *info, const char *pfx)
{
	if (info->flags & CT_F_NOTRACK)
		ut_buf_printf(out, " %snotrack", pfx);
	if (info->helper[0])
		ut_buf_printf(out, " %shelper %s", pfx, info->helper);
	if (info->timeout[0])
		ut_buf_printf(out, " %stimeout %s", pfx, info->timeout);
	if (info->ct_events)
		ct_print_events(out, pfx, "ctevents", ct_ct_events,
				info->ct_events);
	if (info->exp_events)
		ct_print_events(out, pfx, "expevents", ct_exp_events,
				info->exp_events);
	if ((info->flags & CT_F_ZONE_MARK) || info->zone) {
		char zpfx[8];

		snprintf(zpfx, sizeof(zpfx), "%szone", pfx);
		ct_print_zone(out, zpfx, info);
	}
}

/* -L: "CT ..." or just "NOTRACK" for the alias. */
static void
ct_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_ct_info *info = pc->data;

	if (info->flags & CT_F_NOTRACK_ALIAS) {
		ut_buf_puts(out, " NOTRACK");
		return;
	}
	ut_buf_puts(out, " CT");
	ct_dump(out, info, "");
}

static void
ct_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_ct_info *info = pc->data;

	if (!(info->flags & CT_F_NOTRACK_ALIAS))
		ct_dump(out, info, "--");
}

/* Conntrack helpers a Linux 6.x kernel registers, by name and layer-4
 * protocol (the kernel looks them up with strcmp and the rule's -p). */
static const struct {
	const char *name;
	uint8_t proto;
} ct_helpers[] = {
	{ "ftp", 6 }, { "irc", 6 }, { "sip", 6 }, { "sip", 17 },
	{ "tftp", 17 }, { "amanda", 17 }, { "RAS", 17 }, { "Q.931", 6 },
	{ "H.245", 17 }, { "pptp", 6 }, { "sane", 6 }, { "snmp", 17 },
	{ "snmp_trap", 17 }, { "netbios-ns", 17 },
};

static bool
ct_helper_exists(const char *name, uint8_t proto)
{
	for (size_t i = 0; i < sizeof(ct_helpers) / sizeof(ct_helpers[0]); i++)
		if (ct_helpers[i].proto == proto &&
		    strcmp(ct_helpers[i].name, name) == 0)
			return true;
	return false;
}

/* ct_l4proto: xt_ct_find_proto: the rule's -p, 0 when inverted. */
static uint8_t
ct_l4proto(const struct ut_kcheck *kc)
{
	if (kc->ip->invflags & UT_INV_PROTO)
		return 0;
	return (uint8_t)kc->ip->proto;
}

/* xt_ct_tg_check_v2 + xt_ct_tg_check. utables has no timeout policy
 * objects (nfct timeout add), so a named one is never found. */
static int
ct_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_ct_info *info = kc->data;
	uint8_t proto = ct_l4proto(kc);

	if (info->flags & ~CT_F_MASK)
		return -EINVAL;
	if (info->flags & CT_F_NOTRACK)
		return 0;
	if (info->helper[0]) {
		if (!proto) {
			ut_buf_puts(kc->dmesg, "xt_CT: You must specify a L4 "
				    "protocol and not use inversions on it");
			return -ENOENT;
		}
		if (!ct_helper_exists(info->helper, proto)) {
			ut_buf_printf(kc->dmesg, "xt_CT: No such helper \"%s\"",
				      info->helper);
			return -ENOENT;
		}
	}
	if (info->timeout[0]) {
		if (!proto) {
			ut_buf_puts(kc->dmesg, "xt_CT: You must specify a L4 "
				    "protocol and not use inversions on it");
			return -EINVAL;
		}
		ut_buf_printf(kc->dmesg, "No such timeout policy \"%s\"",
			      info->timeout);
		return -ENOENT;
	}
	return 0;
}

/* ---- packet evaluation (xt_ct_target) ------------------------------------ */

/* ct_zone_dir: xt_ct_flags_to_dir: --zone-orig alone is the original
 * direction, --zone-reply alone the reply, anything else both */
static uint8_t
ct_zone_dir(uint16_t flags)
{
	switch (flags & (CT_F_ZONE_DIR_ORIG | CT_F_ZONE_DIR_REPL)) {
	case CT_F_ZONE_DIR_ORIG:
		return UT_CT_ZONE_DIR_ORIG;
	case CT_F_ZONE_DIR_REPL:
		return UT_CT_ZONE_DIR_REPL;
	default:
		return UT_CT_ZONE_DIR_BOTH;
	}
}

/* ct_state_new: the template xt_ct_tg_check builds for the rule (none
 * for --notrack). --timeout never gets here: kcheck refused the rule; a
 * helper the kernel has but the engine does not model refuses the rule
 * set rather than run without it. */
static int
ct_state_new(struct ut_engine *eng, const void *data, void **state,
	     struct ut_err *err)
{
	const struct ut_ct_info *info = data;
	const struct ut_ct_helper *helper = NULL;
	struct ut_ct_template *t;

	(void)eng;
	*state = NULL;
	if (info->flags & CT_F_NOTRACK)
		return 0;
	if (info->helper[0]) {
		helper = ut_ct_helper_find(info->helper);
		if (!helper) {
			ut_err_set(err, UT_PARAMETER_PROBLEM, "-j CT --helper "
				   "%s is not supported by the packet engine "
				   "yet", info->helper);
			return -1;
		}
	}
	t = calloc(1, sizeof(*t));
	if (!t) {
		ut_err_set(err, UT_RESOURCE_PROBLEM, "out of memory");
		return -1;
	}
	t->zone = info->zone;
	t->zone_dir = ct_zone_dir(info->flags);
	t->zone_from_mark = (info->flags & CT_F_ZONE_MARK) != 0;
	t->helper = helper;
	/* the names' bits are the kernel's IPCT_* / IPEXP_* numbers, as
	 * UT_CT_EV_* are */
	t->ctmask = (uint16_t)info->ct_events;
	t->expmask = (uint16_t)info->exp_events;
	*state = t;
	return 0;
}

static void
ct_state_free(struct ut_engine *eng, void *state)
{
	(void)eng;
	free(state);
}

/* ct_target: the packet becomes untracked (--notrack, NOTRACK) or carries
 * the rule's template to nf_conntrack_in; CT never ends the chain. A
 * packet that already has conntrack (looped back with its entry), is
 * untracked or carries a template is left alone (xt_ct_target: "previously
 * seen? ignore", skb->_nfct is set): the first CT rule a packet meets
 * wins. */
static unsigned
ct_target(struct ut_xt_par *par)
{
	const struct ut_ct_info *info = par->data;
	struct ut_pkt *p = par->pkt;

	if (p->nfct || ut_ct_is_untracked(p) || p->nfct_tmpl)
		return UT_XT_CONTINUE;
	if (info->flags & CT_F_NOTRACK)
		ut_ct_set_untracked(p);
	else if (par->state)
		ut_ct_set_template(p, par->state);
	return UT_XT_CONTINUE;
}

/* NOTRACK: no options; the blob is a CT --notrack marked as the alias. */
static void
notrack_init(void *data)
{
	struct ut_ct_info *info = data;

	info->flags = CT_F_NOTRACK | CT_F_NOTRACK_ALIAS;
}

static const struct ut_opt notrack_opts[] = {
	UT_OPT_END
};

const struct ut_ext ut_ext_CT = {
	.name = "CT", .revision = 2, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_ct_info),
	.cmp_size = sizeof(struct ut_ct_info),
	.opts = ct_opts,
	.table = "raw",
	.parse = ct_parse,
	.print = ct_print, .save = ct_save, .kcheck = ct_kcheck,
	.target = ct_target,
	.state_new = ct_state_new, .state_free = ct_state_free,
};

/* iptables 1.8.9 sends -j NOTRACK to the kernel as CT revision 2: -L shows
 * "CT" in the target column and the kernel's messages say "CT target". */
/* the kernel knows it as CT: -L and kernel messages say CT, save says
 * NOTRACK (libxt_CT's alias) */
static const char *
notrack_alias(const void *data)
{
	(void)data;
	return "NOTRACK";
}

const struct ut_ext ut_ext_NOTRACK = {
	.name = "NOTRACK", .real_name = "CT", .alias = notrack_alias,
	.revision = 2, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_ct_info),
	.cmp_size = sizeof(struct ut_ct_info),
	.opts = notrack_opts,
	.table = "raw",
	.init = notrack_init,
	.print = ct_print, .save = ct_save, .kcheck = ct_kcheck,
	.target = ct_target,
	.state_new = ct_state_new, .state_free = ct_state_free,
};
