/* print.c: the printed forms of the rule set, byte for byte as iptables
 * 1.8.9 prints them: -L (print_header/ut_print_firewall in xshared.c and
 * iptables.c), -S (list_rules/print_rule4) and iptables-save. */
#include <string.h>
#include <netdb.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "cli/cli.h"

#define FMT(f, tab, notab) (((f) & FMT_NOTABLE) ? (notab) : (tab))

void
ut_print_num(uint64_t n, unsigned format, struct ut_buf *out)
{
	static const char units[] = "KMGT";

	if (!(format & FMT_KILOMEGAGIGA)) {
		ut_buf_printf(out, FMT(format, "%8llu ", "%llu "),
			      (unsigned long long)n);
		return;
	}
	if (n <= 99999) {
		ut_buf_printf(out, FMT(format, "%5llu ", "%llu "),
			      (unsigned long long)n);
		return;
	}
	for (int i = 0; i < 4; i++) {
		n = (n + 500) / 1000;
		if (n <= 9999 || i == 3) {
			ut_buf_printf(out, FMT(format, "%4llu%c ", "%llu%c "),
				      (unsigned long long)n, units[i]);
			return;
		}
	}
}

static const char *
verdict_name(enum ut_verdict_kind v)
{
	switch (v) {
	case UT_V_ACCEPT:
		return "ACCEPT";
	case UT_V_DROP:
		return "DROP";
	case UT_V_QUEUE:
		return "QUEUE";
	case UT_V_RETURN:
		return "RETURN";
	default:
		return "";
	}
}

/* target_name: what iptc_get_target returns for the rule (the kernel's
 * name of an extension target) */
static const char *
target_name(const struct ut_rule *r)
{
	const struct ut_ext *e = r->target.ext;

	switch (r->verdict) {
	case UT_V_JUMP:
	case UT_V_GOTO:
		return r->chain->name;
	case UT_V_EXT:
		return e->real_name ? e->real_name : e->name;
	default:
		return verdict_name(r->verdict);
	}
}

/* save_name: the name after -m/-j in saved rules */
static const char *
save_name(const struct ut_ext *e, const void *data)
{
	if (e->alias)
		return e->alias(data);
	return e->real_name ? e->real_name : e->name;
}

static void
print_header(const struct ut_chain *c, unsigned format, struct ut_buf *out)
{
	ut_buf_printf(out, "Chain %s", c->name);
	if (c->hook >= 0) {
		ut_buf_printf(out, " (policy %s", verdict_name(c->policy));
		if (!(format & FMT_NOCOUNTS)) {
			struct ut_counter n = ut_counter_get(NULL, c,
							     c->n_rules);

			ut_buf_putc(out, ' ');
			ut_print_num(n.pcnt, format | FMT_NOTABLE, out);
			ut_buf_puts(out, "packets, ");
			ut_print_num(n.bcnt, format | FMT_NOTABLE, out);
			ut_buf_puts(out, "bytes");
		}
		ut_buf_puts(out, ")\n");
	} else {
		ut_buf_printf(out, " (%u references)\n", c->refs);
	}
	if (format & FMT_LINENUMBERS)
		ut_buf_printf(out, FMT(format, "%-4s ", "%s "), "num");
	if (!(format & FMT_NOCOUNTS)) {
		if (format & FMT_KILOMEGAGIGA) {
			ut_buf_printf(out, FMT(format, "%5s ", "%s "), "pkts");
			ut_buf_printf(out, FMT(format, "%5s ", "%s "), "bytes");
		} else {
			ut_buf_printf(out, FMT(format, "%8s ", "%s "), "pkts");
			ut_buf_printf(out, FMT(format, "%10s ", "%s "),
				      "bytes");
		}
	}
	if (!(format & FMT_NOTARGET))
		ut_buf_printf(out, FMT(format, "%-9s ", "%s "), "target");
	ut_buf_puts(out, " prot ");
	if (format & FMT_OPTIONS)
		ut_buf_puts(out, "opt");
	if (format & FMT_VIA) {
		ut_buf_printf(out, FMT(format, " %-6s ", "%s "), "in");
		ut_buf_printf(out, FMT(format, "%-6s ", "%s "), "out");
	}
	ut_buf_printf(out, FMT(format, " %-19s ", "%s "), "source");
	ut_buf_printf(out, FMT(format, " %-19s ", " %s "), "destination");
	ut_buf_puts(out, "\n");
}

static void
addr_to_string(uint32_t addr, uint32_t mask, unsigned format,
	       struct ut_buf *out)
{
	char buf[1100];
	struct ut_buf m;

	if (!mask && !(format & FMT_NUMERIC)) {
		ut_buf_puts(out, "anywhere");
		return;
	}
	if (format & FMT_NUMERIC)
		ut_ipv4_ntoa(addr, buf);
	else
		ut_ipv4_anyname(addr, buf, sizeof(buf));
	ut_buf_puts(out, buf);
	ut_buf_init(&m);
	ut_ipv4_mask_print(mask, &m);
	ut_buf_puts(out, ut_buf_str(&m));
	ut_buf_fini(&m);
}

static void
print_addresses(const struct ut_rule *r, unsigned format, struct ut_buf *out)
{
	struct ut_buf a;

	ut_buf_init(&a);
	ut_buf_putc(out, r->ip.invflags & UT_INV_SRCIP ? '!' : ' ');
	addr_to_string(r->ip.src, r->ip.smsk, format, &a);
	ut_buf_printf(out, FMT(format, "%-19s ", "%s "), ut_buf_str(&a));
	ut_buf_reset(&a);
	ut_buf_putc(out, r->ip.invflags & UT_INV_DSTIP ? '!' : ' ');
	addr_to_string(r->ip.dst, r->ip.dmsk, format, &a);
	ut_buf_printf(out, FMT(format, "%-19s ", "-> %s"), ut_buf_str(&a));
	ut_buf_fini(&a);
}

static void
print_ifaces(const struct ut_rule *r, unsigned format, struct ut_buf *out)
{
	const char *any = format & FMT_NUMERIC ? "*" : "any";
	char iface[UT_IFNAMSIZ + 2];

	if (!(format & FMT_VIA))
		return;
	snprintf(iface, sizeof(iface), "%s%s",
		 r->ip.invflags & UT_INV_VIA_IN ? "!" : "",
		 r->ip.iniface[0] ? r->ip.iniface : any);
	ut_buf_printf(out, FMT(format, " %-6s ", "in %s "), iface);
	snprintf(iface, sizeof(iface), "%s%s",
		 r->ip.invflags & UT_INV_VIA_OUT ? "!" : "",
		 r->ip.outiface[0] ? r->ip.outiface : any);
	ut_buf_printf(out, FMT(format, "%-6s ", "out %s "), iface);
}

/* proto_to_name: iptables' own names always; /etc/protocols unless -n */
static const char *
proto_to_name(uint16_t proto, bool nolookup)
{
	return nolookup ? ut_proto_name_own(proto) : ut_proto_name(proto);
}

void
ut_print_firewall(const struct ut_rule *r, const struct ut_counter *cnt,
		  unsigned num, unsigned format, struct ut_buf *out,
		  struct ut_buf *warn)
{
	const char *pname = proto_to_name(r->ip.proto,
					  format & FMT_NUMERIC);
	struct ut_print_ctx pc = { .ip = &r->ip, .warn = warn,
				   .numeric = format & FMT_NUMERIC };

	if (format & FMT_LINENUMBERS)
		ut_buf_printf(out, FMT(format, "%-4u ", "%u "), num);
	if (!(format & FMT_NOCOUNTS)) {
		ut_print_num(cnt->pcnt, format, out);
		ut_print_num(cnt->bcnt, format, out);
	}
	if (!(format & FMT_NOTARGET))
		ut_buf_printf(out, FMT(format, "%-9s ", "%s "),
			      target_name(r));
	ut_buf_putc(out, r->ip.invflags & UT_INV_PROTO ? '!' : ' ');
	if (((format & (FMT_NUMERIC | FMT_NOTABLE)) == FMT_NUMERIC) || !pname)
		ut_buf_printf(out, FMT(format, "%-4hu ", "%hu "), r->ip.proto);
	else
		ut_buf_printf(out, FMT(format, "%-4s ", "%s "), pname);
	if (format & FMT_OPTIONS) {
		if (format & FMT_NOTABLE)
			ut_buf_puts(out, "opt ");
		ut_buf_putc(out, r->ip.invflags & UT_INV_FRAG ? '!' : '-');
		ut_buf_putc(out, r->ip.flags & UT_IPT_F_FRAG ? 'f' : '-');
		ut_buf_putc(out, ' ');
	}
	print_ifaces(r, format, out);
	print_addresses(r, format, out);
	if (format & FMT_NOTABLE)
		ut_buf_puts(out, "  ");
	if (r->ip.flags & UT_IPT_F_GOTO)
		ut_buf_puts(out, "[goto] ");
	for (size_t i = 0; i < r->n_matches; i++) {
		const struct ut_ext *e = r->matches[i].ext;
		pc.data = r->matches[i].data;
		if (e->print)
			e->print(&pc, out);
		else
			ut_buf_printf(out, "%s ", e->name);
	}
	if (r->verdict == UT_V_EXT && r->target.ext->print) {
		pc.data = r->target.data;
		r->target.ext->print(&pc, out);
	}
	if (!(format & FMT_NONEWLINE))
		ut_buf_putc(out, '\n');
}

bool
ut_print_list(const struct ut_table *t, const char *chain, unsigned rulenum,
	   unsigned format, struct ut_buf *out, struct ut_buf *warn)
{
	bool found = false;

	for (size_t i = 0; i < t->n_chains; i++) {
		const struct ut_chain *c = t->chains[i];
		if (chain && strcmp(chain, c->name) != 0)
			continue;
		if (found)
			ut_buf_putc(out, '\n');
		if (!rulenum)
			print_header(c, format, out);
		for (size_t j = 0; j < c->n_rules; j++) {
			struct ut_counter n;

			if (rulenum && j + 1 != rulenum)
				continue;
			n = ut_counter_get(NULL, c, j);
			ut_print_firewall(c->rules[j], &n, (unsigned)j + 1,
					  format, out, warn);
		}
		found = true;
	}
	return found;
}

static void
save_addr(char letter, uint32_t addr, uint32_t mask, bool invert,
	  struct ut_buf *out)
{
	char buf[16];
	int plen;

	char opt[] = " -s ";

	if (!mask && !invert && !addr)
		return;
	/* puts rather than printf: saved by the ten thousand */
	if (invert)
		ut_buf_puts(out, " !");
	opt[2] = letter;
	ut_buf_puts(out, opt);
	ut_buf_puts(out, ut_ipv4_ntoa(addr, buf));
	ut_buf_putc(out, '/');
	plen = ut_mask_to_plen(mask);
	if (plen >= 0) {
		if (plen >= 10)
			ut_buf_putc(out, (char)('0' + plen / 10));
		ut_buf_putc(out, (char)('0' + plen % 10));
	} else {
		ut_buf_puts(out, ut_ipv4_ntoa(mask, buf));
	}
}

static void
save_iface(char letter, const char *iface, bool invert, struct ut_buf *out)
{
	/* "+" alone matches every name: its mask is empty and iptables-save
	 * prints nothing, not even a "!" */
	if (!iface[0] || strcmp(iface, "+") == 0)
		return;
	ut_buf_printf(out, "%s -%c %s", invert ? " !" : "", letter, iface);
}

void
ut_print_rule_save(const struct ut_rule *r, const char *chain, int counters,
		   const struct ut_counter *cnt, struct ut_buf *out,
		   struct ut_buf *warn)
{
	struct ut_print_ctx pc = { .ip = &r->ip, .warn = warn };

	if (counters > 0) {
		ut_buf_putc(out, '[');
		ut_buf_put_u64(out, cnt->pcnt);
		ut_buf_putc(out, ':');
		ut_buf_put_u64(out, cnt->bcnt);
		ut_buf_puts(out, "] ");
	}
	ut_buf_puts(out, "-A ");
	ut_buf_puts(out, chain);
	save_addr('s', r->ip.src, r->ip.smsk, r->ip.invflags & UT_INV_SRCIP,
		  out);
	save_addr('d', r->ip.dst, r->ip.dmsk, r->ip.invflags & UT_INV_DSTIP,
		  out);
	save_iface('i', r->ip.iniface, r->ip.invflags & UT_INV_VIA_IN, out);
	save_iface('o', r->ip.outiface, r->ip.invflags & UT_INV_VIA_OUT, out);
	if (r->ip.proto > 0) {
		const char *pname = ut_proto_name(r->ip.proto);
		if (r->ip.invflags & UT_INV_PROTO)
			ut_buf_puts(out, " !");
		if (pname)
			ut_buf_printf(out, " -p %s", pname);
		else
			ut_buf_printf(out, " -p %u", r->ip.proto);
	}
	if (r->ip.flags & UT_IPT_F_FRAG)
		ut_buf_puts(out, r->ip.invflags & UT_INV_FRAG ? " ! -f" : " -f");
	for (size_t i = 0; i < r->n_matches; i++) {
		const struct ut_ext *e = r->matches[i].ext;
		pc.data = r->matches[i].data;
		ut_buf_printf(out, " -m %s", save_name(e, pc.data));
		if (e->save)
			e->save(&pc, out);
	}
	if (counters < 0)
		ut_buf_printf(out, " -c %llu %llu",
			      (unsigned long long)cnt->pcnt,
			      (unsigned long long)cnt->bcnt);
	/* a jump to a chain renamed to "" saves as no target at all, -g
	 * included (iptables prints an empty name so) */
	if (r->verdict != UT_V_NONE && *target_name(r)) {
		ut_buf_printf(out, " -%c ",
			      r->ip.flags & UT_IPT_F_GOTO ? 'g' : 'j');
		ut_print_rule_target(r, out, warn);
	}
	ut_buf_putc(out, '\n');
}

void
ut_print_rule_target(const struct ut_rule *r, struct ut_buf *out,
		     struct ut_buf *warn)
{
	struct ut_print_ctx pc = { .ip = &r->ip, .warn = warn };

	if (r->verdict != UT_V_EXT) {
		ut_buf_puts(out, target_name(r));
		return;
	}
	ut_buf_puts(out, save_name(r->target.ext, r->target.data));
	if (r->target.ext->save) {
		pc.data = r->target.data;
		r->target.ext->save(&pc, out);
	}
}

bool
ut_print_rules(const struct ut_table *t, const char *chain, unsigned rulenum,
	    bool counters, struct ut_buf *out, struct ut_buf *warn)
{
	bool found = false;

	for (size_t i = 0; !rulenum && i < t->n_chains; i++) {
		const struct ut_chain *c = t->chains[i];
		if (chain && strcmp(c->name, chain) != 0)
			continue;
		if (c->hook >= 0) {
			struct ut_counter n = ut_counter_get(NULL, c,
							     c->n_rules);

			ut_buf_printf(out, "-P %s %s", c->name,
				      verdict_name(c->policy));
			if (counters)
				ut_buf_printf(out, " -c %llu %llu",
					      (unsigned long long)n.pcnt,
					      (unsigned long long)n.bcnt);
			ut_buf_putc(out, '\n');
		} else {
			ut_buf_printf(out, "-N %s\n", c->name);
		}
	}
	for (size_t i = 0; i < t->n_chains; i++) {
		const struct ut_chain *c = t->chains[i];
		if (chain && strcmp(c->name, chain) != 0)
			continue;
		for (size_t j = 0; j < c->n_rules; j++) {
			struct ut_counter n;

			if (rulenum && j + 1 != rulenum)
				continue;
			n = ut_counter_get(NULL, c, j);
			ut_print_rule_save(c->rules[j], c->name,
					   counters ? -1 : 0, &n, out, warn);
		}
		found = true;
	}
	return found;
}

void
ut_save_table_chains(const struct ut_table *t,
		     const struct ut_counter_src *src, struct ut_buf *out)
{
	ut_buf_printf(out, "*%s\n", t->name);
	for (size_t i = 0; i < t->n_chains; i++) {
		const struct ut_chain *c = t->chains[i];
		/* iptables-save prints policy counters even without -c
		 * (a user chain's are always 0) */
		struct ut_counter n = { 0, 0 };

		if (c->hook >= 0)
			n = ut_counter_get(src, c, c->n_rules);
		ut_buf_printf(out, ":%s %s [%llu:%llu]\n", c->name,
			      c->hook >= 0 ? verdict_name(c->policy) : "-",
			      (unsigned long long)n.pcnt,
			      (unsigned long long)n.bcnt);
	}
}

void
ut_save_table(const struct ut_table *t, const struct ut_counter_src *src,
	      bool counters, struct ut_buf *out, struct ut_buf *warn)
{
	ut_save_table_chains(t, src, out);
	for (size_t i = 0; i < t->n_chains; i++) {
		const struct ut_chain *c = t->chains[i];

		for (size_t j = 0; j < c->n_rules; j++) {
			struct ut_counter n = ut_counter_get(src, c, j);

			ut_print_rule_save(c->rules[j], c->name,
					   counters ? 1 : 0, &n, out, warn);
		}
	}
	ut_buf_puts(out, "COMMIT\n");
}
