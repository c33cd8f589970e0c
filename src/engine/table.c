/* table.c: one table at one hook, with the semantics of the kernel's
 * ipt_do_table (net/ipv4/netfilter/ip_tables.c): the generic IP match,
 * the extension matches in order, counters on a full match, standard
 * verdicts with a jump stack (jumps push, gotos do not, RETURN pops or
 * falls to the policy), extension targets returning a verdict or
 * XT_CONTINUE, hot-drop, and TRACE lines for traced packets.
 *
 * The kernel walks a flat blob of entries; the IR keeps chains as rule
 * arrays. A position is (chain, index); index == n_rules stands for the
 * chain's tail entry: the policy of a built-in chain, the implicit RETURN
 * of a user chain (whose counters the kernel keeps but nobody prints).
 */
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"
#include "rules/ext.h"

/* the kernel's jump stack is sized by the chain depth; our rule sets are
 * checked loop-free, so the depth is bounded by the number of chains */
#define TABLE_STACK_MAX 1024

/* ipt_do_table's trace_loginfo: level 4, NF_LOG_DEFAULT_MASK */
#define TRACE_LOGFLAGS 0x0f

struct frame {
	const struct ut_chain *chain;
	const struct ut_addr_view *addrs; /* the chain's packed addresses */
	size_t idx;
};

/* ---- packed views ------------------------------------------------------- */

static size_t
view_slot(const struct ut_engine *e, const struct ut_chain *c)
{
	size_t h = ((uintptr_t)c >> 4) * 0x9e3779b97f4a7c15ull;

	for (h &= e->cap_views - 1; e->views[h].chain &&
	     e->views[h].chain != c; h = (h + 1) & (e->cap_views - 1))
		;
	return h;
}

static const struct ut_addr_view *
chain_addrs(const struct ut_engine *e, const struct ut_chain *c)
{
	return e->views[view_slot(e, c)].addrs;
}

static int
view_add(struct ut_engine *e, const struct ut_chain *c)
{
	struct ut_chain_view *v = &e->views[view_slot(e, c)];

	v->chain = c;
	v->addrs = calloc(c->n_rules ? c->n_rules : 1, sizeof(*v->addrs));
	if (!v->addrs)
		return -1;
	for (size_t i = 0; i < c->n_rules; i++) {
		const struct ut_ipt_ip *ip = &c->rules[i]->ip;

		v->addrs[i].src = ip->src;
		v->addrs[i].smsk = ip->smsk;
		v->addrs[i].dst = ip->dst;
		v->addrs[i].dmsk = ip->dmsk;
		v->addrs[i].invflags = ip->invflags;
	}
	return 0;
}

int
ut_table_views_build(struct ut_engine *e)
{
	size_t n = 0;

	for (int id = 0; id < UT_TABLE_MAX; id++)
		if (e->rs->tables[id])
			n += e->rs->tables[id]->n_chains;
	for (e->cap_views = 16; e->cap_views < 2 * n; e->cap_views *= 2)
		;
	e->views = calloc(e->cap_views, sizeof(*e->views));
	if (!e->views)
		return -1;
	for (int id = 0; id < UT_TABLE_MAX; id++) {
		const struct ut_table *t = e->rs->tables[id];

		for (size_t i = 0; t && i < t->n_chains; i++)
			if (view_add(e, t->chains[i]) < 0)
				return -1;
	}
	return 0;
}

void
ut_table_views_free(struct ut_engine *e)
{
	for (size_t i = 0; e->views && i < e->cap_views; i++)
		free(e->views[i].addrs);
	free(e->views);
	e->views = NULL;
}

/* the source and destination tests of ip_packet_match, on the view */
static bool
addrs_match(const struct ut_addr_view *a, uint32_t saddr, uint32_t daddr)
{
	if (((saddr & a->smsk) != a->src) ^ !!(a->invflags & UT_INV_SRCIP))
		return false;
	return ((daddr & a->dmsk) == a->dst) ^ !!(a->invflags & UT_INV_DSTIP);
}

/* ifname_compare_aligned with the mask iptables builds: a name ending in
 * '+' compares the characters before it, any other the whole name with
 * its NUL; an empty name matches everything. */
static bool
iface_matches(const char *rule_name, bool wild, const struct ut_iface *dev)
{
	const char *name = dev ? dev->name : "";
	size_t n = strnlen(rule_name, UT_IFNAMSIZ);

	if (n == 0)
		return true;
	if (wild)
		return strncmp(name, rule_name, n - 1) == 0;
	return strncmp(name, rule_name, UT_IFNAMSIZ) == 0;
}

/* the rest of ip_packet_match (addresses: addrs_match) */
static bool
ip_matches(const struct ut_ipt_ip *ip, const struct ut_pkt *p,
	   const struct ut_iface *in, const struct ut_iface *out, bool isfrag)
{
	uint8_t inv = ip->invflags;

	if (!iface_matches(ip->iniface, ip->iniface_wild, in) ^
	    !!(inv & UT_INV_VIA_IN))
		return false;
	if (!iface_matches(ip->outiface, ip->outiface_wild, out) ^
	    !!(inv & UT_INV_VIA_OUT))
		return false;
	if (ip->proto &&
	    ((ut_ip_proto(p) != ip->proto) ^ !!(inv & UT_INV_PROTO)))
		return false;
	if (((ip->flags & UT_IPT_F_FRAG) && !isfrag) ^ !!(inv & UT_INV_FRAG))
		return false;
	return true;
}

/* unconditional(): no IP part and no matches. The kernel's trace names
 * such a rule with an ACCEPT/DROP/QUEUE/RETURN verdict "policy" or
 * "return" even when the user wrote it, because it cannot tell it from a
 * chain's tail entry. */
static bool
rule_unconditional(const struct ut_rule *r)
{
	const struct ut_ipt_ip *ip = &r->ip;

	return r->n_matches == 0 && !ip->src && !ip->dst && !ip->smsk &&
	       !ip->dmsk && !ip->iniface[0] && !ip->outiface[0] &&
	       !ip->proto && !ip->flags && !ip->invflags;
}

static bool
verdict_is_negative(enum ut_verdict_kind v)
{
	return v == UT_V_ACCEPT || v == UT_V_DROP || v == UT_V_QUEUE ||
	       v == UT_V_RETURN;
}

/* trace_packet: "TRACE: table:chain:comment:rulenum " + the packet */
static void
trace_entry(struct ut_engine *e, const char *table, enum ut_hook hook,
	    const struct frame *f, struct ut_pkt *p,
	    const struct ut_iface *in, const struct ut_iface *out)
{
	const char *comment = "rule";
	const struct ut_chain *c = f->chain;
	struct ut_buf prefix, line;
	bool tail = f->idx == c->n_rules;

	if (tail || (rule_unconditional(c->rules[f->idx]) &&
		     verdict_is_negative(c->rules[f->idx]->verdict)))
		comment = c->hook >= 0 ? "policy" : "return";
	ut_buf_init(&prefix);
	ut_buf_init(&line);
	ut_buf_printf(&prefix, "TRACE: %s:%s:%s:%zu ", table, c->name,
		      comment, f->idx + 1);
	ut_nflog_packet(e, p, hook, in, out, TRACE_LOGFLAGS,
			ut_buf_str(&prefix), &line);
	ut_engine_log(e, ut_buf_str(&line), line.len);
	ut_buf_fini(&line);
	ut_buf_fini(&prefix);
}

static unsigned
standard_verdict(enum ut_verdict_kind v)
{
	switch (v) {
	case UT_V_ACCEPT:
		return UT_NF_ACCEPT;
	case UT_V_QUEUE:
		return UT_NF_QUEUE;
	default:
		return UT_NF_DROP;
	}
}

unsigned
ut_table_run(struct ut_engine *e, enum ut_table_id id, enum ut_hook hook,
	     struct ut_pkt *p, const struct ut_iface *in,
	     const struct ut_iface *out)
{
	struct ut_table *t = e->rs ? e->rs->tables[id] : NULL;
	struct frame stack[TABLE_STACK_MAX];
	size_t depth = 0;
	struct ut_xt_par par;
	struct frame f, policy;
	uint32_t saddr, daddr;
	unsigned verdict = UT_NF_DROP;

	if (!t || !(t->hooks & UT_HM(hook)))
		return UT_NF_ACCEPT;
	memset(&par, 0, sizeof(par));
	par.eng = e;
	par.pkt = p;
	par.in = in;
	par.out = out;
	par.hook = hook;
	par.table = t->name;
	par.fragoff = ut_ip_fragoff(p);
	par.thoff = ut_ip_hlen(p);
	saddr = ut_ip_saddr_nbo(p);
	daddr = ut_ip_daddr_nbo(p);
	/* built-in chains come first in the table (ruleset.h) */
	f.chain = NULL;
	for (size_t i = 0; i < t->n_chains && t->chains[i]->hook >= 0; i++)
		if (t->chains[i]->hook == (int)hook)
			f.chain = t->chains[i];
	if (!f.chain)
		return UT_NF_ACCEPT;
	f.addrs = chain_addrs(e, f.chain);
	f.idx = 0;
	/* the underflow entry: where RETURN with an empty stack lands */
	policy.chain = f.chain;
	policy.idx = f.chain->n_rules;
	policy.addrs = f.addrs;

	for (;;) {
		const struct ut_chain *c = f.chain;
		const struct ut_rule *r;
		enum ut_verdict_kind v;

		/* the kernel's loop runs while no match asked for a drop
		 * (a match may set hotdrop and still return true) */
		if (par.hotdrop)
			return UT_NF_DROP;
		if (f.idx == c->n_rules) {
			/* the chain's tail: policy or implicit RETURN */
			if (c->hook >= 0) {
				struct ut_chain *mc = (struct ut_chain *)c;

				mc->pcnt++;
				mc->bcnt += p->len;
				if (p->nf_trace)
					trace_entry(e, t->name, hook, &f, p,
						    in, out);
				return standard_verdict(c->policy);
			}
			if (p->nf_trace)
				trace_entry(e, t->name, hook, &f, p, in, out);
			if (depth == 0) {
				f = policy; /* the chain was reached by goto */
				continue;
			}
			f = stack[--depth];
			goto next;
		}
		if (!addrs_match(&f.addrs[f.idx], saddr, daddr))
			goto next;
		r = c->rules[f.idx];
		if (!ip_matches(&r->ip, p, in, out, par.fragoff != 0))
			goto next;
		for (size_t i = 0; i < r->n_matches; i++) {
			par.data = r->matches[i].data;
			if (!r->matches[i].ext->match(&par))
				goto next;
		}
		((struct ut_rule *)r)->pcnt++;
		((struct ut_rule *)r)->bcnt += p->len;
		if (p->nf_trace)
			trace_entry(e, t->name, hook, &f, p, in, out);
		v = r->verdict;
		switch (v) {
		case UT_V_NONE:
			goto next;
		case UT_V_ACCEPT:
		case UT_V_DROP:
		case UT_V_QUEUE:
			return par.hotdrop ? UT_NF_DROP : standard_verdict(v);
		case UT_V_RETURN:
			if (depth == 0) {
				/* nothing to return to (the built-in chain,
				 * or a chain reached by goto): the policy */
				f = policy;
				continue;
			}
			f = stack[--depth];
			goto next;
		case UT_V_JUMP:
			if (depth >= TABLE_STACK_MAX)
				return UT_NF_DROP;
			stack[depth++] = f;
			f.chain = r->chain;
			f.addrs = chain_addrs(e, f.chain);
			f.idx = 0;
			continue;
		case UT_V_GOTO:
			f.chain = r->chain;
			f.addrs = chain_addrs(e, f.chain);
			f.idx = 0;
			continue;
		case UT_V_EXT:
			par.data = r->target.data;
			verdict = r->target.ext->target(&par);
			if (verdict == UT_XT_CONTINUE) {
				/* the target may have changed the header */
				par.fragoff = ut_ip_fragoff(p);
				par.thoff = ut_ip_hlen(p);
				saddr = ut_ip_saddr_nbo(p);
				daddr = ut_ip_daddr_nbo(p);
				goto next;
			}
			return par.hotdrop ? UT_NF_DROP : verdict;
		}
next:
		f.idx++;
	}
}
