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
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/classify.h"
#include "engine/engine_int.h"
#include "rules/ext.h"

/* ipt_do_table's trace_loginfo: level 4, NF_LOG_DEFAULT_MASK */
#define TRACE_LOGFLAGS 0x0f

/* a position in the table: rule idx of a chain (idx == n_rules: the
 * chain's tail entry) */
struct frame {
	const struct ut_chain_view *v;
	size_t idx;
};

/* one ipt_do_table call: the packet as the rules see it */
struct walk {
	struct ut_engine *e;
	const struct ut_table *t;
	struct ut_xt_par par;
	uint32_t saddr, daddr;    /* network order */
	size_t hotdrop_idx;       /* the rule whose failed match asked for
				   * the drop (next_match's WALK_HOTDROP) */
	bool explain;             /* report the walk (ut_engine_rule) */
	/* the compiled lookup of the packet in the chain cur_view (NULL:
	 * none yet, or the header changed since) */
	const struct ut_chain_view *cur_view;
	struct ut_cls_cursor cur;
};

/* what next_match returns when a match asked for the packet's drop */
#define WALK_HOTDROP SIZE_MAX

/* the source and destination tests of ip_packet_match, on the view */
static bool
addrs_match(const struct ut_addr_view *a, uint32_t saddr, uint32_t daddr)
{
	if (((saddr & a->smsk) != a->src) ^ !!(a->invflags & UT_INV_SRCIP))
		return false;
	return ((daddr & a->dmsk) == a->dst) ^ !!(a->invflags & UT_INV_DSTIP);
}

/* an interface test of ip_packet_match (ut_cls_iface_matches: the
 * classifier builds on the same test); no device is the name "" */
static bool
iface_matches(const char *rule_name, bool wild, const struct ut_iface *dev)
{
	return ut_cls_iface_matches(rule_name, wild, dev ? dev->name : "");
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
	const struct ut_chain *c = f->v->chain;
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

/* walk_header: what the rules read of the packet's header; again after
 * a target that may have changed it */
static void
walk_header(struct walk *w)
{
	struct ut_pkt *p = w->par.pkt;

	w->par.fragoff = ut_ip_fragoff(p);
	w->par.thoff = ut_ip_hlen(p);
	w->saddr = ut_ip_saddr_nbo(p);
	w->daddr = ut_ip_daddr_nbo(p);
	w->cur_view = NULL;
}

/* walk_key: what the classifier reads of the packet (classify.h: a
 * transport field counts only when the header the match reads is
 * whole and the packet is not a later fragment) */
static void
walk_key(const struct walk *w, struct ut_cls_key *k)
{
	const struct ut_pkt *p = w->par.pkt;
	const uint8_t *th = p->ip + w->par.thoff;
	uint64_t avail = p->len > w->par.thoff ? p->len - w->par.thoff : 0;

	memset(k, 0, sizeof(*k));
	k->saddr = ut_get32(p->ip + UT_IP_OFF_SADDR);
	k->daddr = ut_get32(p->ip + UT_IP_OFF_DADDR);
	k->proto = ut_ip_proto(p);
	k->isfrag = w->par.fragoff != 0;
	k->in = w->par.in ? w->par.in->index : 0;
	k->out = w->par.out ? w->par.out->index : 0;
	if (k->isfrag)
		return;
	switch (k->proto) {
	case 6: /* IPPROTO_TCP: tcp_match reads 20 bytes */
		if (avail < 20)
			return;
		k->has_flags = true;
		k->flags = th[13];
		/* fall through */
	case 17: /* IPPROTO_UDP: udp_match reads 8 */
		if (avail < 8)
			return;
		k->has_ports = true;
		k->sport = ut_get16(th);
		k->dport = ut_get16(th + 2);
		break;
	case 1: /* IPPROTO_ICMP: icmp_match reads 8 */
		if (avail < 8)
			return;
		k->has_icmp = true;
		k->icmp = ut_get16(th);
		break;
	}
}

/* instance_state: the runtime state of instance i of rule id (the
 * target is instance n_matches); NULL for extensions without one */
static void *
instance_state(const struct ut_engine *e, uint32_t id, size_t i)
{
	assert(id < e->n_ids);
	return e->states[id] ? e->states[id][i] : NULL;
}

/* rule_matches: does rule i of the chain match the packet: the rest of
 * ipt_ip (addresses were tested by next_candidate), then each match in
 * order (a match may set hotdrop) */
static bool
rule_matches(struct walk *w, const struct ut_chain_view *v, size_t i)
{
	const struct ut_rule *r = v->chain->rules[i];

	if (!ip_matches(&r->ip, w->par.pkt, w->par.in, w->par.out,
			w->par.fragoff != 0))
		return false;
	for (size_t m = 0; m < r->n_matches; m++) {
		w->par.data = r->matches[m].data;
		w->par.state = instance_state(w->e, v->first_id + (uint32_t)i,
					      m);
		if (!r->matches[m].ext->match(&w->par))
			return false;
	}
	return true;
}

/* next_candidate: the first rule at or after i that may match (i ==
 * n_rules: none). The linear walk's candidates are the rules whose
 * packed address tests pass; the compiled classifier (src/classify)
 * answers the same question without the scan, offering a superset of
 * them (negated addresses are not classified: tested here again). */
static size_t
next_candidate(struct walk *w, const struct ut_chain_view *v, size_t i)
{
	size_t n = v->chain->n_rules;

	if (v->cls) {
		if (w->cur_view != v) {
			struct ut_cls_key k;

			walk_key(w, &k);
			ut_cls_cursor_init(v->cls, &k, &w->cur);
			w->cur_view = v;
		}
		for (i = ut_cls_next(&w->cur, i); i < n &&
		     !addrs_match(&v->addrs[i], w->saddr, w->daddr);)
			i = ut_cls_next(&w->cur, i + 1);
		return i;
	}
	while (i < n && !addrs_match(&v->addrs[i], w->saddr, w->daddr))
		i++;
	return i;
}

/* trace_rejected: `utables trace` says which candidates the classifier
 * offered that the rest of the rule (its IP part, its matches) rejected */
static void
trace_rejected(struct walk *w, const struct ut_chain_view *v, size_t i)
{
	char text[160];

	snprintf(text, sizeof(text), "%s:%s:%zu offered by the %s, "
		 "rejected by its other matches", w->t->name,
		 v->chain->name, i + 1,
		 v->cls ? "compiled classifier" : "linear scan");
	ut_engine_step(w->e, w->par.pkt, text);
}

/* next_match: the first rule at or after i that matches, n_rules when
 * none does, WALK_HOTDROP when a match that failed asked for a drop */
static size_t
next_match(struct walk *w, const struct ut_chain_view *v, size_t i)
{
	for (;; i++) {
		i = next_candidate(w, v, i);
		if (i == v->chain->n_rules || rule_matches(w, v, i))
			return i;
		if (ut_engine_tracing(w->e))
			trace_rejected(w, v, i);
		/* ipt_do_table's loop ends when a match set hotdrop */
		if (w->par.hotdrop) {
			w->hotdrop_idx = i;
			return WALK_HOTDROP;
		}
	}
}

static void
count(struct ut_engine *e, const struct frame *f, const struct ut_pkt *p)
{
	uint32_t id = f->v->first_id + (uint32_t)f->idx;

	assert(id < e->n_ids && f->idx <= f->v->chain->n_rules);
	e->counters[id].pcnt++;
	e->counters[id].bcnt += p->len;
}

/* report: an entry of the walk for the trace sink (end: the walk's
 * verdict) */
static void
report(const struct walk *w, const struct frame *f, bool end,
       unsigned verdict, bool hotdrop)
{
	struct ut_trace_rule r = {
		.hook = w->par.hook, .table = w->t, .chain = f->v->chain,
		.idx = f->idx, .end = end, .verdict = verdict,
		.hotdrop = hotdrop,
	};

	ut_engine_rule(w->e, w->par.pkt, &r);
}

static void
trace(struct walk *w, const struct frame *f)
{
	if (w->explain)
		report(w, f, false, 0, false);
	if (w->par.pkt->nf_trace)
		trace_entry(w->e, w->t->name, w->par.hook, f, w->par.pkt,
			    w->par.in, w->par.out);
}

/* walk_start: the hook's built-in chain of t, false if t has none */
static bool
walk_start(struct walk *w, struct ut_engine *e, const struct ut_table *t,
	   enum ut_hook hook, struct ut_pkt *p, const struct ut_iface *in,
	   const struct ut_iface *out, struct frame *f)
{
	memset(w, 0, sizeof(*w));
	w->e = e;
	w->t = t;
	w->par.eng = e;
	w->par.pkt = p;
	w->par.in = in;
	w->par.out = out;
	w->par.hook = hook;
	w->par.table = t->name;
	w->explain = ut_engine_explaining(e);
	walk_header(w);
	/* built-in chains come first in the table (ruleset.h) */
	for (size_t i = 0; i < t->n_chains && t->chains[i]->hook >= 0; i++) {
		if (t->chains[i]->hook == (int)hook) {
			f->v = ut_view_chain(e, t->chains[i]);
			f->idx = 0;
			return true;
		}
	}
	return false;
}

/* the frames of this walk's jump stack: e->jumps[base ...], read through
 * e each time (a target's nested walk may move the buffer) */
#define STACK(e, base) ((struct frame *)(e)->jumps + (base))

/* walk: ipt_do_table from f, with n_frames frames of jump stack from
 * base; *f ends at the entry that decided (for a hotdrop: the rule whose
 * match asked for it, *hotdrop set) */
static unsigned
walk(struct walk *w, struct frame *fp, bool *hotdrop, size_t base,
     size_t n_frames)
{
	struct ut_engine *e = w->e;
	struct ut_pkt *p = w->par.pkt;
	size_t depth = 0;
	struct frame f = *fp, policy, last = *fp;
	unsigned v;

	/* the underflow entry: where RETURN with an empty stack lands */
	policy.v = f.v;
	policy.idx = f.v->chain->n_rules;

	for (;;) {
		const struct ut_rule *r;
		unsigned verdict;

		/* the kernel's loop runs while no match asked for a drop
		 * (a match may set hotdrop and still return true) */
		if (w->par.hotdrop) {
			f = last; /* the rule whose match asked for it */
			*hotdrop = true;
			v = UT_NF_DROP;
			goto out;
		}
		f.idx = next_match(w, f.v, f.idx);
		if (f.idx == WALK_HOTDROP) {
			f.idx = w->hotdrop_idx;
			*hotdrop = true;
			v = UT_NF_DROP;
			goto out;
		}
		count(e, &f, p);
		trace(w, &f);
		last = f;
		if (f.idx == f.v->chain->n_rules) {
			/* the chain's tail: policy or implicit RETURN */
			if (f.v->chain->hook >= 0) {
				v = standard_verdict(f.v->chain->policy);
				goto out;
			}
			if (depth == 0)
				f = policy; /* the chain was reached by goto */
			else
				f = STACK(e, base)[--depth], f.idx++;
			continue;
		}
		r = f.v->chain->rules[f.idx];
		switch (r->verdict) {
		case UT_V_NONE:
			break;
		case UT_V_ACCEPT:
		case UT_V_DROP:
		case UT_V_QUEUE:
			*hotdrop = w->par.hotdrop;
			v = w->par.hotdrop ? UT_NF_DROP :
			    standard_verdict(r->verdict);
			goto out;
		case UT_V_RETURN:
			/* nothing to return to (the built-in chain, or a
			 * chain reached by goto): the policy */
			if (depth == 0)
				f = policy;
			else
				f = STACK(e, base)[--depth], f.idx++;
			continue;
		case UT_V_JUMP:
			/* the stack holds at most one frame a chain: the
			 * rule set is loop-free (ut_table_check_loops), so
			 * this never drops */
			if (depth == n_frames) {
				v = UT_NF_DROP;
				goto out;
			}
			STACK(e, base)[depth++] = f;
			/* fall through */
		case UT_V_GOTO:
			f.v = ut_view_chain(e, r->chain);
			f.idx = 0;
			continue;
		case UT_V_EXT:
			w->par.data = r->target.data;
			w->par.state = instance_state(
				e, f.v->first_id + (uint32_t)f.idx,
				r->n_matches);
			verdict = r->target.ext->target(&w->par);
			if (verdict != UT_XT_CONTINUE) {
				*hotdrop = w->par.hotdrop;
				v = w->par.hotdrop ? UT_NF_DROP : verdict;
				goto out;
			}
			/* the target may have changed the header */
			walk_header(w);
			break;
		}
		f.idx++;
	}
out:
	*fp = f;
	return v;
}

/* ut_table_run: ipt_do_table. Its jump stack has a frame for each chain
 * of the table, as ip_tables sizes it (stacksize: the chains), so no
 * nesting the rule set allows is cut short; a walk a target starts
 * while this one is under way gets the frames above these. */
unsigned
ut_table_run(struct ut_engine *e, const struct ut_table *t,
	     enum ut_hook hook, struct ut_pkt *p, const struct ut_iface *in,
	     const struct ut_iface *out)
{
	size_t base = e->jumps_top, need = base + t->n_chains;
	struct walk w;
	struct frame f;
	bool hotdrop = false;
	unsigned v;

	if (!walk_start(&w, e, t, hook, p, in, out, &f))
		return UT_NF_ACCEPT;
	if (need > e->jumps_cap) {
		size_t cap = need > 2 * e->jumps_cap ? need : 2 * e->jumps_cap;
		void *n = realloc(e->jumps, cap * sizeof(struct frame));

		if (!n)
			return UT_NF_DROP; /* counted as the table's drop */
		e->jumps = n;
		e->jumps_cap = cap;
	}
	e->jumps_top = need;
	v = walk(&w, &f, &hotdrop, base, t->n_chains);
	e->jumps_top = base;
	if (w.explain)
		report(&w, &f, true, v, hotdrop);
	return v;
}

/* ---- the tables in the hook lists --------------------------------------- */

/* each table's priority at each of its hooks (iptable_*.c). The nat
 * table is not a hook entry of its own: NAT's hooks run it, for a
 * connection's first packet only (src/nat, ut_nat_register) */
static const struct {
	int priority[UT_HOOK_MAX];
	bool by_nat;
} table_hooks[UT_TABLE_MAX] = {
	[UT_TABLE_RAW] = { { UT_PRI_RAW, UT_PRI_RAW, UT_PRI_RAW, UT_PRI_RAW,
			     UT_PRI_RAW } },
	[UT_TABLE_MANGLE] = { { UT_PRI_MANGLE, UT_PRI_MANGLE, UT_PRI_MANGLE,
				UT_PRI_MANGLE, UT_PRI_MANGLE } },
	[UT_TABLE_NAT] = { { UT_PRI_NAT_DST, UT_PRI_NAT_SRC, 0,
			     UT_PRI_NAT_DST, UT_PRI_NAT_SRC }, true },
	[UT_TABLE_FILTER] = { { UT_PRI_FILTER, UT_PRI_FILTER, UT_PRI_FILTER,
				UT_PRI_FILTER, UT_PRI_FILTER } },
	[UT_TABLE_SECURITY] = { { UT_PRI_SECURITY, UT_PRI_SECURITY,
				  UT_PRI_SECURITY, UT_PRI_SECURITY,
				  UT_PRI_SECURITY } },
};

/* ipt_mangle_out: what the mangle table changes in OUTPUT that routes
 * the packet (addresses, mark, TOS) asks for ip_route_me_harder, which
 * the path does after the hook; changes by other tables route nothing */
static unsigned
mangle_out(struct ut_engine *e, const struct ut_table *t, struct ut_pkt *p,
	   const struct ut_hook_state *st)
{
	uint8_t before[8], tos = p->ip[UT_IP_OFF_TOS];
	uint32_t mark = p->mark;
	unsigned v;

	memcpy(before, p->ip + UT_IP_OFF_SADDR, 8);
	v = ut_table_run(e, t, st->hook, p, st->in, st->out);
	if (v != UT_NF_DROP && v != UT_NF_STOLEN &&
	    (memcmp(before, p->ip + UT_IP_OFF_SADDR, 8) != 0 ||
	     mark != p->mark || tos != p->ip[UT_IP_OFF_TOS]))
		p->reroute = true;
	return v;
}

static unsigned
table_hook(struct ut_engine *e, const void *priv, struct ut_pkt *p,
	   const struct ut_hook_state *st)
{
	if (st->hook == UT_HOOK_LOCAL_OUT &&
	    priv == e->rs->tables[UT_TABLE_MANGLE])
		return mangle_out(e, priv, p, st);
	return ut_table_run(e, priv, st->hook, p, st->in, st->out);
}

int
ut_table_hooks_register(struct ut_engine *e, struct ut_err *err)
{
	for (int id = 0; id < UT_TABLE_MAX; id++) {
		const struct ut_table *t = e->rs->tables[id];

		if (!t || table_hooks[id].by_nat)
			continue;
		for (int h = 0; h < UT_HOOK_MAX; h++)
			if ((t->hooks & UT_HM(h)) &&
			    ut_hook_register(e, (enum ut_hook)h,
					     table_hooks[id].priority[h],
					     table_hook, t) < 0)
				return ut_err_set(err, 2, "out of memory");
	}
	return 0;
}
