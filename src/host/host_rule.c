/* host_rule.c: `rule add ...` lines (policy routing rules), read as
 * iproute2's `ip rule add` reads its arguments and checked as the kernel
 * checks the rule it is sent (fib_nl2rule, fib4_rule_configure,
 * fib_newrule), with their messages:
 *   iproute2: `Error: argument "X" is wrong: WHAT`, `Error: any valid
 *             prefix is expected rather than "X".`, `Command line is not
 *             complete. Try option "help"`;
 *   kernel:   `Error: Invalid tos.`, `Error: Invalid dsfield (tos): ECN
 *             bits must be 0.`, `Error: Backward goto not supported.`,
 *             `RTNETLINK answers: File exists` (an equal rule, as
 *             rule_exists compares them).
 * Each after "FILE:LINE: ". Selectors the host model has no flow field
 * for (uidrange, l3mdev, ipproto, sport, dport, tun_id, realms, nat) are
 * refused with a message saying so. Messages and behaviour were measured
 * with iproute2 6.1 on Linux 6.18.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "host/host.h"
#include "host/host_int.h"

bool
ut_host_matches(const char *arg, const char *word)
{
	size_t n = strlen(arg);

	return n > 0 && n <= strlen(word) && strncmp(arg, word, n) == 0;
}

/* get_u32 (base 0): a whole number, no sign */
static bool
get_u32(const char *s, uint32_t *v)
{
	char *end;
	unsigned long long x;

	if (!*s || *s == '-' || isspace((unsigned char)*s))
		return false;
	errno = 0;
	x = strtoull(s, &end, 0);
	if (errno || *end || x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

bool
ut_rt_table_parse(const struct ut_host *h, const char *s, uint32_t *id)
{
	static const struct {
		const char *name;
		uint32_t id;
	} names[] = {
		{ "local", UT_RT_TABLE_LOCAL }, { "main", UT_RT_TABLE_MAIN },
		{ "default", UT_RT_TABLE_DEFAULT }, { "unspec", 0 },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0) {
			*id = names[i].id;
			return true;
		}
	for (size_t i = 0; h && i < h->n_table_names; i++)
		if (strcmp(s, h->table_names[i].name) == 0) {
			*id = h->table_names[i].id;
			return true;
		}
	return get_u32(s, id);
}

/* `rt_table ID NAME`: a line of /etc/iproute2/rt_tables (iproute2 reads
 * the names there; the kernel only ever sees the numbers). The reserved
 * tables keep their names, a name or number is given once. */
int
ut_host_line_rt_table(struct ut_host *h, const struct ut_host_line *ln,
		      struct ut_err *err)
{
	struct ut_rt_table_alias *v;
	uint32_t id, known;
	const char *name;

	if (ln->n != 3)
		return ut_host_line_err(err, ln, "expected 'rt_table ID NAME'");
	name = ln->tok[2];
	if (!get_u32(ln->tok[1], &id))
		return ut_host_line_err(err, ln, "table ID '%s' is not a "
					"number from 0 to 4294967295",
					ln->tok[1]);
	if (isdigit((unsigned char)name[0]))
		return ut_host_line_err(err, ln, "table name '%s' starts with "
					"a digit", name);
	if (ut_rt_table_parse(h, name, &known))
		return ut_host_line_err(err, ln, "table name '%s' is taken "
					"(table %u)", name, known);
	if (id == 0 || id == UT_RT_TABLE_LOCAL || id == UT_RT_TABLE_MAIN ||
	    id == UT_RT_TABLE_DEFAULT)
		return ut_host_line_err(err, ln, "table %u is reserved", id);
	for (size_t i = 0; i < h->n_table_names; i++)
		if (h->table_names[i].id == id)
			return ut_host_line_err(err, ln, "table %u is named "
						"'%s' already", id,
						h->table_names[i].name);
	v = realloc(h->table_names, (h->n_table_names + 1) * sizeof(*v));
	if (!v)
		return ut_host_oom_err(err, ln);
	h->table_names = v;
	v[h->n_table_names].id = id;
	v[h->n_table_names].name = strdup(name);
	if (!v[h->n_table_names].name)
		return ut_host_oom_err(err, ln);
	h->n_table_names++;
	return 0;
}

/* the standard names of iproute2's rt_protos */
static const char *const proto_names[] = {
	[1] = "redirect", [2] = "kernel", [3] = "boot", [4] = "static",
	[8] = "gated", [9] = "ra", [10] = "mrt", [11] = "zebra",
	[12] = "bird", [13] = "dnrouted", [14] = "xorp", [15] = "ntk",
	[16] = "dhcp", [18] = "keepalived", [42] = "babel",
	[99] = "openr", [186] = "bgp", [187] = "isis", [188] = "ospf",
	[189] = "rip", [192] = "eigrp",
};

bool
ut_rt_proto_parse(const char *s, uint8_t *v)
{
	const size_t n = sizeof(proto_names) / sizeof(proto_names[0]);
	uint32_t x;

	for (size_t i = 0; i < n; i++)
		if (proto_names[i] && strcmp(s, proto_names[i]) == 0) {
			*v = (uint8_t)i;
			return true;
		}
	if (!get_u32(s, &x) || x > 255)
		return false;
	*v = (uint8_t)x;
	return true;
}

/* get_prefix for `from`/`to`: all/any/default (no selector) or A[/LEN]
 * (the address kept as given: the kernel masks only when matching) */
static bool
prefix_parse(const char *s, uint32_t *addr, uint8_t *len)
{
	char buf[32];
	char *slash;
	uint32_t l = 32;
	struct in_addr a;

	if (strcmp(s, "all") == 0 || strcmp(s, "any") == 0 ||
	    strcmp(s, "default") == 0) {
		*addr = 0;
		*len = 0;
		return true;
	}
	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash) {
		*slash = '\0';
		if (!get_u32(slash + 1, &l) || l > 32)
			return false;
	}
	if (inet_pton(AF_INET, buf, &a) != 1)
		return false;
	*addr = a.s_addr;
	*len = (uint8_t)l;
	return true;
}

/* check_ifname */
static bool
ifname_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= UT_IFNAMSIZ)
		return false;
	for (; *s; s++)
		if (*s == '/' || isspace((unsigned char)*s))
			return false;
	return true;
}

static int
invarg(struct ut_err *err, const struct ut_host_line *ln, const char *what,
       const char *arg)
{
	return ut_host_line_err(err, ln, "Error: argument \"%s\" is wrong: %s",
				arg, what);
}

/* what the parse collected beyond struct ut_fib_rule */
struct rule_args {
	struct ut_fib_rule r;
	bool pref_given, table_ok;
};

/* the selectors of the kernel's rule that no flow field of the model
 * feeds */
static bool
not_modelled(const char *w)
{
	static const char *const words[] = {
		"uidrange", "l3mdev", "ipproto", "sport", "dport",
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(w, words[i]) == 0)
			return true;
	return ut_host_matches(w, "realms") || ut_host_matches(w, "tun_id") ||
	       strcmp(w, "nat") == 0 || ut_host_matches(w, "map-to");
}

/* the rule type words (`type` is optional before them): goto, nop and
 * the route types iproute2 knows; the ones a rule can act on here */
static int
rule_type(const struct ut_host_line *ln, int *i, struct rule_args *a,
	  struct ut_err *err)
{
	static const struct {
		const char *name;
		enum ut_rule_action act;
	} types[] = {
		{ "unicast", UT_FR_TO_TBL }, { "blackhole", UT_FR_BLACKHOLE },
		{ "unreachable", UT_FR_UNREACHABLE },
		{ "prohibit", UT_FR_PROHIBIT },
	};
	static const char *const others[] = {
		"local", "broadcast", "anycast", "multicast", "throw", "nat",
		"xresolve", "unspec",
	};
	const char *w = ln->tok[*i];

	if (strcmp(w, "type") == 0) {
		if (++*i >= ln->n)
			return ut_host_line_err(err, ln, "Command line is not "
						"complete. Try option \"help\"");
		w = ln->tok[*i];
	}
	a->table_ok = true;
	if (ut_host_matches(w, "goto")) {
		if (++*i >= ln->n)
			return ut_host_line_err(err, ln, "Command line is not "
						"complete. Try option \"help\"");
		if (!get_u32(ln->tok[*i], &a->r.target))
			return invarg(err, ln, "invalid target", ln->tok[*i]);
		a->r.action = UT_FR_GOTO;
		return 0;
	}
	if (ut_host_matches(w, "nop")) {
		a->r.action = UT_FR_NOP;
		return 0;
	}
	for (size_t k = 0; k < sizeof(types) / sizeof(types[0]); k++)
		if (strcmp(w, types[k].name) == 0) {
			a->r.action = types[k].act;
			return 0;
		}
	for (size_t k = 0; k < sizeof(others) / sizeof(others[0]); k++)
		if (strcmp(w, others[k]) == 0)
			return ut_host_line_err(err, ln, "rule type '%s' is not "
						"modelled (unicast/lookup, goto, nop, "
						"blackhole, unreachable, prohibit)", w);
	return ut_host_line_err(err, ln, "Error: argument \"%s\" is wrong: "
				"Failed to parse rule type", w);
}

/* the value after keyword tok[*i] */
static const char *
next_arg(const struct ut_host_line *ln, int *i, struct ut_err *err)
{
	if (++*i >= ln->n) {
		ut_host_line_err(err, ln, "Command line is not complete. Try "
				 "option \"help\"");
		return NULL;
	}
	return ln->tok[*i];
}

/* the selectors and values (iprule_modify's loop, in its order of
 * tests: the first keyword an abbreviation matches wins) */
static int
rule_word(const struct ut_host *h, const struct ut_host_line *ln, int *i,
	  struct rule_args *a, struct ut_err *err)
{
	struct ut_fib_rule *r = &a->r;
	const char *w = ln->tok[*i], *v;
	uint32_t x;

	if (strcmp(w, "not") == 0) {
		r->invert = true;
		return 0;
	}
	if (not_modelled(w))
		return ut_host_line_err(err, ln, "rule selector '%s' is not "
					"modelled (the host model has no flow "
					"field for it)", w);
	if (strcmp(w, "from") != 0 && strcmp(w, "to") != 0 &&
	    !ut_host_matches(w, "preference") && !ut_host_matches(w, "order") &&
	    !ut_host_matches(w, "priority") && strcmp(w, "tos") != 0 &&
	    !ut_host_matches(w, "dsfield") && strcmp(w, "fwmark") != 0 &&
	    !ut_host_matches(w, "protocol") && !ut_host_matches(w, "table") &&
	    strcmp(w, "lookup") != 0 && !ut_host_matches(w, "suppress_prefixlength") &&
	    strcmp(w, "sup_pl") != 0 && !ut_host_matches(w, "suppress_ifgroup") &&
	    strcmp(w, "sup_group") != 0 && strcmp(w, "dev") != 0 &&
	    strcmp(w, "iif") != 0 && strcmp(w, "oif") != 0)
		return rule_type(ln, i, a, err);
	if (!(v = next_arg(ln, i, err)))
		return -1;
	if (strcmp(w, "from") == 0 || strcmp(w, "to") == 0) {
		bool from = w[0] == 'f';

		if (!prefix_parse(v, from ? &r->src : &r->dst,
				  from ? &r->src_len : &r->dst_len))
			return ut_host_line_err(err, ln, "Error: any valid prefix is "
						"expected rather than \"%s\".", v);
	} else if (ut_host_matches(w, "preference") || ut_host_matches(w, "order") ||
		   ut_host_matches(w, "priority")) {
		if (!get_u32(v, &r->pref))
			return invarg(err, ln, "preference value is invalid", v);
		a->pref_given = true;
	} else if (strcmp(w, "tos") == 0 || ut_host_matches(w, "dsfield")) {
		char *end;
		unsigned long t = strtoul(v, &end, 16);

		if (!*v || *end || t > 255)
			return invarg(err, ln, "TOS value is invalid", v);
		r->tos = (uint8_t)t;
	} else if (strcmp(w, "fwmark") == 0) {
		char buf[64];
		char *slash;

		snprintf(buf, sizeof(buf), "%s", v);
		slash = strchr(buf, '/');
		if (slash)
			*slash = '\0';
		if (!get_u32(buf, &r->mark))
			return invarg(err, ln, "fwmark value is invalid", buf);
		/* a mark without a mask compares all bits, unless it is 0 */
		r->mask = r->mark ? 0xffffffffu : 0;
		if (slash && !get_u32(slash + 1, &r->mask))
			return invarg(err, ln, "fwmask value is invalid",
				      slash + 1);
	} else if (ut_host_matches(w, "protocol")) {
		if (!ut_rt_proto_parse(v, &r->proto))
			return invarg(err, ln, "\"protocol\" value is invalid", v);
	} else if (ut_host_matches(w, "table") || strcmp(w, "lookup") == 0) {
		if (!ut_rt_table_parse(h, v, &r->table))
			return invarg(err, ln, "invalid table ID", v);
		a->table_ok = true;
	} else if (ut_host_matches(w, "suppress_prefixlength") ||
		   strcmp(w, "sup_pl") == 0) {
		char *end;
		long pl = strtol(v, &end, 0);

		if (!*v || *end || pl < 0 || pl > INT32_MAX)
			return invarg(err, ln, "suppress_prefixlength value is "
				      "invalid", v);
		r->suppress_prefixlen = (int)pl;
	} else if (ut_host_matches(w, "suppress_ifgroup") ||
		   strcmp(w, "sup_group") == 0) {
		if (strcmp(v, "default") == 0)
			x = 0;
		else if (!get_u32(v, &x))
			return invarg(err, ln, "Invalid \"suppress_ifgroup\" value", v);
		r->suppress_ifgroup = (int)x;
	} else {
		bool in = strcmp(w, "oif") != 0;

		if (!ifname_ok(v))
			return invarg(err, ln, in ? "\"iif\"/\"dev\" not a valid "
				      "ifname" : "\"oif\" not a valid ifname", v);
		snprintf(in ? r->iif : r->oif, UT_IFNAMSIZ, "%s", v);
	}
	return 0;
}

/* fib_default_rule_pref: one below the second rule's pref (0 if that
 * is 0) */
static uint32_t
default_pref(const struct ut_host *h)
{
	if (h->n_fib_rules >= 2 && h->fib_rules[1].pref)
		return h->fib_rules[1].pref - 1;
	return 0;
}

/* fib_empty_table: the lowest table id from 1 without a table (a table
 * exists once a route went into it or a rule was given it this way) */
static uint32_t
empty_table(const struct ut_host *h)
{
	for (uint32_t id = 1;; id++) {
		bool used = id == UT_RT_TABLE_LOCAL || id == UT_RT_TABLE_MAIN;

		for (size_t i = 0; !used && i < h->n_routes; i++)
			used = h->routes[i].table == id;
		for (size_t i = 0; !used && i < h->n_fib_rules; i++)
			used = h->fib_rules[i].action == UT_FR_TO_TBL &&
			       h->fib_rules[i].table == id;
		if (!used)
			return id;
	}
}

/* rule_exists: an equal rule is there (the kernel compares no goto
 * target and no `not`; from, to and tos only when the new rule has
 * them) */
static bool
rule_exists(const struct ut_host *h, const struct ut_fib_rule *n)
{
	for (size_t i = 0; i < h->n_fib_rules; i++) {
		const struct ut_fib_rule *r = &h->fib_rules[i];

		if (r->action != n->action || r->table != n->table ||
		    r->pref != n->pref || strcmp(r->iif, n->iif) != 0 ||
		    strcmp(r->oif, n->oif) != 0 || r->mark != n->mark ||
		    r->mask != n->mask ||
		    r->suppress_ifgroup != n->suppress_ifgroup ||
		    r->suppress_prefixlen != n->suppress_prefixlen ||
		    r->proto != n->proto)
			continue;
		if (n->src_len && (r->src_len != n->src_len || r->src != n->src))
			continue;
		if (n->dst_len && (r->dst_len != n->dst_len || r->dst != n->dst))
			continue;
		if (n->tos && r->tos != n->tos)
			continue;
		return true;
	}
	return false;
}

/* what the kernel checks of the rule (fib_nl2rule, fib4_rule_configure,
 * the NLM_F_EXCL of `ip rule add`) */
static int
rule_kernel(struct ut_host *h, const struct ut_host_line *ln,
	    struct ut_fib_rule *r, struct ut_err *err)
{
	if (r->action == UT_FR_GOTO && r->target <= r->pref)
		return ut_host_line_err(err, ln, "Error: Backward goto not "
					"supported.");
	if (r->tos & 0x03)
		return ut_host_line_err(err, ln, "Error: Invalid dsfield (tos): "
					"ECN bits must be 0.");
	if (r->tos & ~0x1eu)
		return ut_host_line_err(err, ln, "Error: Invalid tos.");
	if (rule_exists(h, r))
		return ut_host_line_err(err, ln, "RTNETLINK answers: File exists");
	/* fib4_rule_configure: a lookup in table 0 gets an empty table */
	if (r->action == UT_FR_TO_TBL && r->table == 0)
		r->table = empty_table(h);
	return 0;
}

int
ut_host_line_rule(struct ut_host *h, const struct ut_host_line *ln,
		  struct ut_err *err)
{
	struct rule_args a = {
		.r = { .action = UT_FR_TO_TBL, .suppress_prefixlen = -1,
		       .suppress_ifgroup = -1 },
	};

	if (ln->n < 3)
		return ut_host_line_err(err, ln, "\"ip rule add\" requires "
					"arguments.");
	for (int i = 2; i < ln->n; i++)
		if (rule_word(h, ln, &i, &a, err))
			return -1;
	if (!a.table_ok)
		a.r.table = UT_RT_TABLE_MAIN;
	if (!a.pref_given)
		a.r.pref = default_pref(h);
	if (rule_kernel(h, ln, &a.r, err))
		return -1;
	if (ut_host_rule_insert(h, &a.r))
		return ut_host_oom_err(err, ln);
	/* fib4_rule_configure: from now on the tables are separate and the
	 * rules are consulted */
	h->custom_rules = true;
	return 0;
}

/* ---- printing ----------------------------------------------------------- */

const char *
ut_rt_proto_name(uint8_t p, char buf[4])
{
	static const char *const names[] = {
		[1] = "redirect", [2] = "kernel", [3] = "boot", [4] = "static",
		[16] = "dhcp",
	};

	if (p < sizeof(names) / sizeof(names[0]) && names[p])
		return names[p];
	snprintf(buf, 4, "%u", p);
	return buf;
}

/* a prefix as iproute2 prints it: A for a /32, else A/LEN */
static void
put_prefix(struct ut_buf *out, const char *word, uint32_t a, uint8_t len)
{
	char s[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &a, s, sizeof(s));
	if (len == 32)
		ut_buf_printf(out, "%s %s", word, s);
	else
		ut_buf_printf(out, "%s %s/%u", word, s, len);
}

static const char *
action_name(enum ut_rule_action a)
{
	switch (a) {
	case UT_FR_BLACKHOLE:
		return "blackhole";
	case UT_FR_UNREACHABLE:
		return "unreachable";
	case UT_FR_PROHIBIT:
		return "prohibit";
	default:
		return "?";
	}
}

/* the goto target is there (not `[unresolved]`) */
static bool
target_resolved(const struct ut_host *h, const struct ut_fib_rule *r)
{
	for (size_t i = 0; i < h->n_fib_rules; i++)
		if (h->fib_rules[i].pref == r->target)
			return true;
	return false;
}

void
ut_fib_rule_show(const struct ut_host *h, const struct ut_fib_rule *r,
		 struct ut_buf *out)
{
	char b[11];

	ut_buf_printf(out, "%u:\t%s", r->pref, r->invert ? "not " : "");
	if (r->src_len)
		put_prefix(out, "from", r->src, r->src_len);
	else
		ut_buf_puts(out, "from all");
	if (r->dst_len) {
		ut_buf_putc(out, ' ');
		put_prefix(out, "to", r->dst, r->dst_len);
	}
	if (r->tos)
		ut_buf_printf(out, " tos 0x%02x", r->tos);
	if (r->mark || r->mask) {
		ut_buf_printf(out, " fwmark %#x", r->mark);
		if (r->mask != 0xffffffffu)
			ut_buf_printf(out, "/%#x", r->mask);
	}
	if (r->iif[0])
		ut_buf_printf(out, " iif %s%s", r->iif,
			      ut_host_iface(h, r->iif) ? "" : " [detached]");
	if (r->oif[0])
		ut_buf_printf(out, " oif %s%s", r->oif,
			      ut_host_iface(h, r->oif) ? "" : " [detached]");
	if (r->table) {
		ut_buf_printf(out, " lookup %s",
			      ut_rt_table_name(h, r->table, b));
		if (r->suppress_prefixlen != -1)
			ut_buf_printf(out, " suppress_prefixlength %d",
				      r->suppress_prefixlen);
		if (r->suppress_ifgroup == 0)
			ut_buf_puts(out, " suppress_ifgroup default");
		else if (r->suppress_ifgroup != -1)
			ut_buf_printf(out, " suppress_ifgroup %d",
				      r->suppress_ifgroup);
	}
	if (r->action == UT_FR_GOTO)
		ut_buf_printf(out, " goto %u%s", r->target,
			      target_resolved(h, r) ? "" : " [unresolved]");
	else if (r->action == UT_FR_NOP)
		ut_buf_puts(out, " nop");
	else if (r->action != UT_FR_TO_TBL)
		ut_buf_printf(out, " %s", action_name(r->action));
	if (r->proto && r->proto != 2)
		ut_buf_printf(out, " proto %s", ut_rt_proto_name(r->proto, b));
}

void
ut_fib_rule_line(const struct ut_fib_rule *r, struct ut_buf *out)
{
	char b[11];

	ut_buf_printf(out, "rule add pref %u", r->pref);
	if (r->invert)
		ut_buf_puts(out, " not");
	if (r->src_len) {
		ut_buf_putc(out, ' ');
		put_prefix(out, "from", r->src, r->src_len);
	}
	if (r->dst_len) {
		ut_buf_putc(out, ' ');
		put_prefix(out, "to", r->dst, r->dst_len);
	}
	if (r->tos)
		ut_buf_printf(out, " tos 0x%02x", r->tos);
	if (r->mark || r->mask)
		ut_buf_printf(out, " fwmark %#x/%#x", r->mark, r->mask);
	if (r->iif[0])
		ut_buf_printf(out, " iif %s", r->iif);
	if (r->oif[0])
		ut_buf_printf(out, " oif %s", r->oif);
	if (r->action == UT_FR_GOTO)
		ut_buf_printf(out, " goto %u", r->target);
	else if (r->action == UT_FR_NOP)
		ut_buf_puts(out, " nop");
	else if (r->action != UT_FR_TO_TBL)
		ut_buf_printf(out, " %s", action_name(r->action));
	if (r->table && r->action != UT_FR_GOTO)
		ut_buf_printf(out, " lookup %s",
			      ut_rt_table_name(NULL, r->table, b));
	if (r->suppress_prefixlen != -1)
		ut_buf_printf(out, " suppress_prefixlength %d",
			      r->suppress_prefixlen);
	if (r->suppress_ifgroup != -1)
		ut_buf_printf(out, " suppress_ifgroup %d", r->suppress_ifgroup);
	if (r->proto && r->proto != 2)
		ut_buf_printf(out, " protocol %s", ut_rt_proto_name(r->proto, b));
}
