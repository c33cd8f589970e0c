/* ct_core.c: connection tracking at its hooks, as nf_conntrack_core and
 * nf_conntrack_proto (ipv4_conntrack_in/local, ipv4_confirm,
 * nf_defrag_ipv4):
 *
 *   PREROUTING, OUTPUT  -400  defrag: whole datagrams from here on
 *                       -200  conntrack_in: find or create the entry,
 *                             the tracker's verdict, ctinfo on the packet
 *   POSTROUTING, INPUT  INT_MAX  confirm: a new entry enters the table;
 *                             cached events are delivered
 */
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "conntrack/ct_help.h"
#include "engine/engine_int.h"
#include "rules/ext.h"

/* ---- which rule sets need it -------------------------------------------- */

static bool
ext_needs_ct(const struct ut_ext *x)
{
	static const char *const names[] = {
		"state", "conntrack", "helper", "connmark", "connlimit",
		"connbytes", "connlabel", "NOTRACK", "CT", "CONNMARK",
		"CONNSECMARK", "cluster", "SYNPROXY",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(x->name, names[i]) == 0)
			return true;
	return false;
}

/* ext_needs_defrag: what enables nf_defrag_ipv4 without conntrack
 * (xt_socket's and xt_TPROXY's checkentry) */
static bool
ext_needs_defrag(const struct ut_ext *x)
{
	return strcmp(x->name, "socket") == 0 || strcmp(x->name, "TPROXY") == 0;
}

static bool
rule_uses(const struct ut_rule *r, bool (*pred)(const struct ut_ext *))
{
	for (size_t i = 0; i < r->n_matches; i++)
		if (pred(r->matches[i].ext))
			return true;
	return r->verdict == UT_V_EXT && pred(r->target.ext);
}

static bool
ruleset_uses(const struct ut_ruleset *rs, bool (*pred)(const struct ut_ext *))
{
	for (int id = 0; id < UT_TABLE_MAX; id++) {
		const struct ut_table *t = rs->tables[id];

		for (size_t i = 0; t && i < t->n_chains; i++)
			for (size_t n = 0; n < t->chains[i]->n_rules; n++)
				if (rule_uses(t->chains[i]->rules[n], pred))
					return true;
	}
	return false;
}

bool
ut_ct_needed(const struct ut_ruleset *rs)
{
	return rs->tables[UT_TABLE_NAT] || ruleset_uses(rs, ext_needs_ct);
}

bool
ut_defrag_needed(const struct ut_ruleset *rs)
{
	return ruleset_uses(rs, ext_needs_defrag);
}

/* ---- tuples ------------------------------------------------------------- */

/* the transport header of a datagram at dataoff: what get_l4proto
 * accepts (a non-first fragment has none) */
static bool
l4_offset(const struct ut_pkt *p, unsigned *dataoff)
{
	if (ut_ip_fragoff(p))
		return false;
	*dataoff = ut_ip_hlen(p);
	return *dataoff <= p->len;
}

/* tuple_from: the tuple of the IP datagram at ip (len bytes, its
 * transport header at hlen) */
static bool
tuple_from(const uint8_t *ip, size_t len, unsigned hlen,
	   struct ut_ct_tuple *t)
{
	const struct ut_ct_l4proto *l4;

	memset(t, 0, sizeof(*t));
	memcpy(&t->src, ip + UT_IP_OFF_SADDR, 4);
	memcpy(&t->dst, ip + UT_IP_OFF_DADDR, 4);
	t->proto = ip[UT_IP_OFF_PROTO];
	l4 = ut_ct_l4proto_find(t->proto);
	if (!l4->pkt_to_tuple)
		return true;
	return len >= hlen && l4->pkt_to_tuple(ip + hlen, len - hlen, t);
}

bool
ut_ct_invert(struct ut_ct_tuple *inv, const struct ut_ct_tuple *orig)
{
	const struct ut_ct_l4proto *l4 = ut_ct_l4proto_find(orig->proto);

	memset(inv, 0, sizeof(*inv));
	inv->src = orig->dst;
	inv->dst = orig->src;
	inv->proto = orig->proto;
	if (l4->invert_tuple)
		return l4->invert_tuple(inv, orig);
	inv->sport = orig->dport;
	inv->dport = orig->sport;
	return true;
}

/* ---- the packet's connection --------------------------------------------- */

static const struct ut_ct_template *
pkt_template(const struct ut_pkt *p)
{
	return p->nfct_tmpl;
}

/* nf_ct_zone_tmpl: the zone a packet is looked up in (a template's, its
 * id from the mark with --zone mark; else the default) */
static struct ut_ct_zone
pkt_zone(const struct ut_pkt *p)
{
	const struct ut_ct_template *t = pkt_template(p);
	struct ut_ct_zone z = UT_CT_ZONE_DEFAULT;

	if (t) {
		z.id = t->zone_from_mark ? (uint16_t)p->mark : t->zone;
		z.dir = t->zone_dir;
	}
	return z;
}

/* nf_conntrack_find_get: the entry of a packet's tuple; with a zone for
 * one direction only the tuple may be a reply's, hashed with the other
 * direction's zone id: looked up there too */
static struct ut_conn *
find_get(struct ut_ct_ctx *cx, const struct ut_ct_tuple *t,
	 struct ut_ct_zone zone, enum ut_ct_dir *dir)
{
	struct ut_conn *ct = ut_ct_find(cx, t, zone, UT_CT_DIR_ORIGINAL, dir);

	if (!ct && ut_ct_zone_id(zone, 0) != ut_ct_zone_id(zone, 1))
		ct = ut_ct_find(cx, t, zone, UT_CT_DIR_REPLY, dir);
	return ct;
}

bool
ut_ct_pkt_tuple(const struct ut_pkt *p, struct ut_ct_tuple *t)
{
	unsigned dataoff;

	return l4_offset(p, &dataoff) &&
	       tuple_from(p->ip, p->len, dataoff, t);
}

struct ut_conn *
ut_ct_lookup(struct ut_engine *e, const struct ut_pkt *p,
	     const struct ut_ct_tuple *t, uint16_t zone, uint8_t zone_dir)
{
	struct ut_ct_ctx cx;
	struct ut_ct_zone z = { zone, zone_dir };
	enum ut_ct_dir dir;

	if (!e->ct)
		return NULL;
	cx = ut_ct_ctx_make(e->ct, UT_HOOK_PRE_ROUTING, NULL, NULL,
			    p->number);
	return find_get(&cx, t, z, &dir);
}

void
ut_ct_acct_force(struct ut_engine *e)
{
	if (e->ct)
		e->ct->acct = true;
}

/* init_conntrack: a new unconfirmed entry for tuple t (NULL: no entry,
 * the packet is invalid, or *full: dropped) */
static struct ut_conn *
init_conn(struct ut_ct_ctx *cx, const struct ut_ct_tuple *t,
	  const struct ut_ct_template *tmpl, struct ut_ct_zone zone, bool *full)
{
	struct ut_ct_tuple repl;
	struct ut_ct_expect *exp;
	struct ut_conn *ct;

	*full = false;
	if (!ut_ct_invert(&repl, t))
		return NULL;
	ct = ut_ct_alloc(cx, t, &repl, zone, full);
	if (!ct)
		return NULL;
	/* confirm looks the reply tuple up when the packet leaves: its
	 * bucket can be on its way meanwhile */
	__builtin_prefetch(&cx->net->buckets[ut_ct_hash(cx->net, &repl,
				ut_ct_zone_id(zone, UT_CT_DIR_REPLY))]);
	/* an event mask given (--ctevents or --expevents) replaces all */
	if (tmpl && (tmpl->ctmask || tmpl->expmask))
		ct->ctmask = tmpl->ctmask;
	if (tmpl && tmpl->synproxy) {
		ct->synproxy = calloc(1, sizeof(*ct->synproxy));
		if (!ct->synproxy) {
			ut_ct_put(ct);
			return NULL;
		}
	}
	exp = ut_ct_expect_take(cx->net, t, ct->zone);
	if (exp) {
		/* RELATED: the helper's connection is its master */
		ct->status |= UT_IPS_EXPECTED;
		ct->master = exp->master;
		ut_ct_hold(ct->master);
		ct->mark = ct->master->mark;
	} else if (tmpl) {
		ct->helper = tmpl->helper;
	}
	if (exp) {
		/* NAT's nf_nat_follow_master binds it before any hook */
		if (exp->expectfn)
			exp->expectfn(cx, ct, exp);
		ut_ct_expect_free(exp);
	}
	return ct;
}

/* resolve_normal_ct: find or create, and the ctinfo of the packet */
static int
resolve(struct ut_ct_ctx *cx, struct ut_pkt *p, unsigned dataoff)
{
	const struct ut_ct_template *tmpl = pkt_template(p);
	struct ut_ct_zone zone = pkt_zone(p);
	struct ut_ct_tuple t;
	enum ut_ct_dir dir = UT_CT_DIR_ORIGINAL;
	struct ut_conn *ct;
	unsigned ctinfo;
	bool full;

	if (!tuple_from(p->ip, p->len, dataoff, &t))
		return 0;
	ct = find_get(cx, &t, zone, &dir);
	if (ct) {
		ut_ct_hold(ct);
	} else {
		ct = init_conn(cx, &t, tmpl, zone, &full);
		if (!ct)
			return full ? -1 : 0;
	}
	if (dir == UT_CT_DIR_REPLY)
		ctinfo = UT_CT_ESTABLISHED_REPLY;
	else if (ct->status & UT_IPS_SEEN_REPLY)
		ctinfo = UT_CT_ESTABLISHED;
	else if (ct->status & UT_IPS_EXPECTED)
		ctinfo = UT_CT_RELATED;
	else
		ctinfo = UT_CT_NEW;
	ut_ct_attach(p, ct, ctinfo);
	ut_ct_put(ct);
	return 0;
}

void
ut_ct_prefetch(struct ut_ct_net *net, const uint8_t *ip, size_t len)
{
	struct ut_ct_tuple t;
	unsigned hlen;

	if (len < 20 || (ip[0] >> 4) != 4 || (hlen = (ip[0] & 0x0fu) * 4u) < 20 ||
	    hlen > len || (ut_get16(ip + UT_IP_OFF_FRAG) & UT_IP_OFFMASK) ||
	    !tuple_from(ip, len, hlen, &t))
		return;
	net->pf_bucket = ut_ct_hash(net, &t, 0);
	net->pf_pending = true;
	__builtin_prefetch(&net->buckets[net->pf_bucket]);
}

/* ---- ICMP errors: RELATED to the connection they quote ------------------- */

static bool
icmp_is_error(uint8_t type)
{
	return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
}

static void
log_icmp(struct ut_ct_ctx *cx, const struct ut_pkt *p, const char *why)
{
	ut_ct_log_invalid(cx, p, 1, "%s", why);
}

/* nf_conntrack_icmpv4_error + nf_conntrack_inet_error: > 0 go on with
 * normal tracking; 0 the packet is done (RELATED set, or invalid) */
static int
handle_icmp(struct ut_ct_ctx *cx, struct ut_pkt *p, unsigned dataoff)
{
	const uint8_t *icmp = p->ip + dataoff, *inner;
	size_t len = p->len - dataoff, ilen;
	struct ut_ct_tuple orig, inv;
	enum ut_ct_dir dir;
	struct ut_conn *ct;
	unsigned ihlen;
	uint32_t outer_daddr;

	if (len < 8) {
		log_icmp(cx, p, "short packet");
		return 0;
	}
	if (cx->sys->checksum && cx->hook == UT_HOOK_PRE_ROUTING &&
	    ut_csum_fold(ut_csum_add(0, icmp, len)) != 0) {
		log_icmp(cx, p, "bad hw icmp checksum");
		return 0;
	}
	if (icmp[0] > 18) {
		log_icmp(cx, p, "invalid icmp type");
		return 0;
	}
	if (!icmp_is_error(icmp[0]))
		return 1;
	/* the quoted datagram: a header and 8 bytes of what followed */
	inner = icmp + 8;
	ilen = len - 8;
	if (ilen < 20 || (inner[0] & 0x0f) < 5 ||
	    (ihlen = (inner[0] & 0x0fu) * 4u) > ilen ||
	    (ut_get16(inner + UT_IP_OFF_FRAG) & UT_IP_OFFMASK) ||
	    !tuple_from(inner, ilen, ihlen, &orig)) {
		log_icmp(cx, p, "failed to get tuple");
		return 0;
	}
	if (!ut_ct_invert(&inv, &orig))
		return 0;
	ct = find_get(cx, &inv, pkt_zone(p), &dir);
	if (!ct)
		return 0;
	outer_daddr = ut_ip_daddr_nbo(p);
	if (outer_daddr != ct->tuple[dir].dst) {
		char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, &outer_daddr, a, sizeof(a));
		inet_ntop(AF_INET, &ct->tuple[dir].dst, b, sizeof(b));
		ut_ct_log_invalid(cx, p, 1, "outer daddr %s != inner %s", a,
				  b);
		return 0;
	}
	ut_ct_attach(p, ct, dir == UT_CT_DIR_REPLY ? UT_CT_RELATED_REPLY :
						    UT_CT_RELATED);
	return 0;
}

/* ---- the hooks ------------------------------------------------------------ */

static const char *const ctinfo_names[] = {
	[UT_CT_ESTABLISHED] = "ESTABLISHED",
	[UT_CT_RELATED] = "RELATED",
	[UT_CT_NEW] = "NEW",
	[UT_CT_ESTABLISHED_REPLY] = "ESTABLISHED reply",
	[UT_CT_RELATED_REPLY] = "RELATED reply",
};

/* `utables trace`: what conntrack made of the packet at this hook */
static void
trace_conn(struct ut_engine *e, const struct ut_pkt *p, const char *what)
{
	struct ut_buf b;
	unsigned ctinfo;
	struct ut_conn *ct = ut_ct_get(p, &ctinfo);

	if (!ut_engine_tracing(e))
		return;
	ut_buf_init(&b);
	if (ctinfo == UT_CT_UNTRACKED && !ct)
		ut_buf_printf(&b, "conntrack %s: UNTRACKED", what);
	else if (!ct)
		ut_buf_printf(&b, "conntrack %s: INVALID", what);
	else {
		ut_buf_printf(&b, "conntrack %s: %s%s, ", what,
			      ctinfo < 5 ? ctinfo_names[ctinfo] : "?",
			      ut_ct_confirmed(ct) ? "" : " (unconfirmed)");
		ut_ct_format(e->ct, ct, UT_CT_EV_PROTOINFO, false, &b);
	}
	ut_engine_step(e, p, ut_buf_str(&b));
	ut_buf_fini(&b);
}

static void
account(struct ut_conn *ct, unsigned ctinfo, const struct ut_pkt *p)
{
	enum ut_ct_dir d = ut_ctinfo2dir(ctinfo);

	ct->packets[d]++;
	ct->bytes[d] += p->len;
}

/* nf_conntrack_in: the verdict for p (UT_NF_ACCEPT or UT_NF_DROP);
 * p->nfct/ctinfo set when it belongs to a connection */
static unsigned
conntrack_in(struct ut_engine *e, struct ut_pkt *p,
	     const struct ut_hook_state *st)
{
	struct ut_ct_net *net = e->ct;
	struct ut_ct_ctx cx = ut_ct_ctx_make(net, st->hook, st->in, st->out,
					     p->number);
	const struct ut_ct_l4proto *l4;
	unsigned dataoff, ctinfo;
	struct ut_conn *ct;
	int v;

	/* seen before (looped back) or untracked (NOTRACK) */
	if (p->nfct || p->ctinfo == UT_CT_UNTRACKED)
		return UT_NF_ACCEPT;
	if (!l4_offset(p, &dataoff)) {
		net->invalid++;
		return UT_NF_ACCEPT;
	}
	l4 = ut_ct_l4proto_find(ut_ip_proto(p));
	if (l4->proto == 1 && !handle_icmp(&cx, p, dataoff)) {
		if (!p->nfct)
			net->invalid++;
		return UT_NF_ACCEPT;
	}
	if (l4->error && !l4->error(&cx, p, dataoff)) {
		net->invalid++;
		return UT_NF_ACCEPT;
	}
	for (;;) {
		if (resolve(&cx, p, dataoff) < 0) {
			net->drop++;
			return UT_NF_DROP;
		}
		ct = ut_ct_get(p, &ctinfo);
		if (!ct) {
			net->invalid++;
			return UT_NF_ACCEPT;
		}
		v = l4->packet(&cx, ct, p, dataoff, ctinfo);
		if (v > 0)
			break;
		ut_ct_attach(p, NULL, 0);
		if (v == UT_CT_VERDICT_REPEAT)
			continue;
		net->invalid++;
		if (v == UT_NF_DROP) {
			net->drop++;
			return UT_NF_DROP;
		}
		return UT_NF_ACCEPT;
	}
	account(ct, ctinfo, p);
	if (ctinfo == UT_CT_ESTABLISHED_REPLY &&
	    !(ct->status & UT_IPS_SEEN_REPLY)) {
		ct->status |= UT_IPS_SEEN_REPLY;
		ut_ct_event(&cx, ct, UT_CT_EV_REPLY);
	}
	return UT_NF_ACCEPT;
}

static unsigned
hook_conntrack(struct ut_engine *e, const void *priv, struct ut_pkt *p,
	       const struct ut_hook_state *st)
{
	unsigned v;

	(void)priv;
	/* ipv4_conntrack_local: a fragment a local socket sends with
	 * IP_NODEFRAG is not tracked; others were reassembled */
	if (st->hook == UT_HOOK_LOCAL_OUT && (ut_ip_fragoff(p) ||
	    (ut_get16(p->ip + UT_IP_OFF_FRAG) & UT_IP_MF)))
		return UT_NF_ACCEPT;
	v = conntrack_in(e, p, st);
	if (v == UT_NF_ACCEPT)
		trace_conn(e, p, st->hook == UT_HOOK_LOCAL_OUT ? "OUTPUT" :
				 "PREROUTING");
	return v;
}

/* __nf_conntrack_confirm: a new entry enters the table when the
 * packet that made it leaves netfilter in the original direction */
static unsigned
confirm_new(struct ut_ct_ctx *cx, struct ut_conn *ct, unsigned ctinfo)
{
	enum ut_ct_dir dummy;

	if (ut_ctinfo2dir(ctinfo) != UT_CT_DIR_ORIGINAL)
		return UT_NF_ACCEPT;
	if (ct->status & UT_IPS_DYING) {
		cx->net->insert_failed++;
		return UT_NF_DROP;
	}
	/* a clash: another packet of the same flow made its entry first
	 * (or NAT gave two connections one reply tuple) */
	if (ut_ct_find(cx, &ct->tuple[0], ut_ct_conn_zone(ct),
		       UT_CT_DIR_ORIGINAL, &dummy) ||
	    ut_ct_find(cx, &ct->tuple[1], ut_ct_conn_zone(ct), UT_CT_DIR_REPLY,
		       &dummy)) {
		cx->net->insert_failed++;
		return UT_NF_DROP;
	}
	ut_ct_insert(cx->net, ct);
	ut_ct_event(cx, ct, ct->master ? UT_CT_EV_RELATED : UT_CT_EV_NEW);
	ut_ct_gc_arm(cx->net);
	return UT_NF_ACCEPT;
}

/* the trace's line for a segment whose numbers the adjustment moved */
static void
trace_seqadj(struct ut_engine *e, const struct ut_pkt *p, unsigned thoff,
	     uint32_t seq, uint32_t ack)
{
	struct ut_buf b;
	uint32_t nseq = ut_get32(p->ip + thoff + 4);
	uint32_t nack = ut_get32(p->ip + thoff + 8);

	if (!ut_engine_tracing(e) || (seq == nseq && ack == nack))
		return;
	ut_buf_init(&b);
	ut_buf_printf(&b, "conntrack seqadj: SEQ=%u ACK=%u now SEQ=%u ACK=%u",
		      seq, ack, nseq, nack);
	ut_engine_step(e, p, ut_buf_str(&b));
	ut_buf_fini(&b);
}

/* nf_confirm's first part: the helper reads (and may rewrite) the
 * packet, then the sequence numbers are adjusted for what helpers
 * changed before; not for ICMP errors in the reply direction, and not
 * on loopback (seen on the way out already) */
static unsigned
help_and_adjust(struct ut_ct_ctx *cx, struct ut_pkt *p, struct ut_conn *ct,
		unsigned ctinfo, const struct ut_hook_state *st)
{
	const struct ut_iface *dev = st->hook == UT_HOOK_LOCAL_IN ? st->in :
				     st->out;
	bool adjust = (ct->status & UT_IPS_SEQ_ADJUST) &&
		      !(dev && dev->loopback);
	unsigned v;

	if ((!ct->helper && !adjust) || ctinfo == UT_CT_RELATED_REPLY)
		return UT_NF_ACCEPT;
	if (ct->helper) {
		v = ct->helper->help(cx, p, ct, ctinfo);
		if (v != UT_NF_ACCEPT)
			return v;
	}
	/* the kernel adjusts at the transport offset whatever the packet
	 * is (an ICMP error of the original direction too) */
	if (adjust) {
		unsigned thoff = ut_ip_hlen(p);
		uint32_t seq = 0, ack = 0;

		if (thoff + 12 <= p->len) {
			seq = ut_get32(p->ip + thoff + 4);
			ack = ut_get32(p->ip + thoff + 8);
		}
		if (!ut_ct_seq_adjust(p, ct, ctinfo, thoff)) {
			cx->net->drop++;
			return UT_NF_DROP;
		}
		trace_seqadj(cx->e, p, thoff, seq, ack);
	}
	return UT_NF_ACCEPT;
}

static unsigned
hook_confirm(struct ut_engine *e, const void *priv, struct ut_pkt *p,
	     const struct ut_hook_state *st)
{
	struct ut_ct_ctx cx = ut_ct_ctx_make(e->ct, st->hook, st->in, st->out,
					     p->number);
	unsigned ctinfo, v = UT_NF_ACCEPT;
	struct ut_conn *ct = ut_ct_get(p, &ctinfo);

	(void)priv;
	if (!ct)
		return UT_NF_ACCEPT;
	v = help_and_adjust(&cx, p, ct, ctinfo, st);
	if (v != UT_NF_ACCEPT)
		return v;
	if (!ut_ct_confirmed(ct)) {
		v = confirm_new(&cx, ct, ctinfo);
		if (v == UT_NF_ACCEPT && ut_ct_confirmed(ct))
			trace_conn(e, p, "confirmed");
	}
	/* nf_ct_deliver_cached_events: nothing for an entry already
	 * killed (its [DESTROY] went out; a RST answering a SYN) */
	if (v == UT_NF_ACCEPT && ut_ct_confirmed(ct) && ct->ecache &&
	    !(ct->status & UT_IPS_DYING)) {
		unsigned ev = ct->ecache;

		ct->ecache = 0;
		ut_ct_event_deliver(cx.net, ct, ev, p->number);
	}
	return v;
}

/* nf_defrag_ipv4: whole datagrams before conntrack (the fragments are
 * kept until the last one; the packet that completes it continues) */
static unsigned
hook_defrag(struct ut_engine *e, const void *priv, struct ut_pkt *p,
	    const struct ut_hook_state *st)
{
	struct ut_pkt *frag, *whole;

	(void)priv;
	(void)st;
	if (p->nfct || !(ut_get16(p->ip + UT_IP_OFF_FRAG) &
			 (UT_IP_MF | UT_IP_OFFMASK)))
		return UT_NF_ACCEPT;
	frag = ut_pkt_clone(p);
	if (!frag)
		return UT_NF_DROP;
	whole = ut_path_defrag(e, frag);
	if (!whole)
		return UT_NF_STOLEN;
	/* p becomes the datagram (the hook keeps its packet object) */
	if (!ut_pkt_swap_data(p, whole)) {
		ut_pkt_free(whole);
		return UT_NF_DROP;
	}
	ut_pkt_free(whole);
	return UT_NF_ACCEPT;
}

void
ut_ct_event(struct ut_ct_ctx *cx, struct ut_conn *ct, unsigned events)
{
	(void)cx;
	ct->ecache |= (uint16_t)events;
}

void
ut_ct_mark_set(struct ut_conn *ct, uint32_t mark)
{
	if (ct->mark == mark)
		return;
	ct->mark = mark;
	ct->ecache |= UT_CT_EV_MARK;
}

bool
ut_ct_label_set(struct ut_conn *ct, unsigned bit)
{
	uint32_t b = 1u << (bit % 32);

	if (ct->labels[bit / 32] & b)
		return false;
	ct->labels[bit / 32] |= b;
	ct->ecache |= UT_CT_EV_LABEL;
	return true;
}

struct ut_ct_net *
ut_ct_engine_net(struct ut_engine *e)
{
	return e->ct;
}

static const struct {
	enum ut_hook hook;
	int prio;
	ut_hook_fn fn;
} ct_hooks[] = {
	{ UT_HOOK_PRE_ROUTING, UT_PRI_CONNTRACK_DEFRAG, hook_defrag },
	{ UT_HOOK_LOCAL_OUT, UT_PRI_CONNTRACK_DEFRAG, hook_defrag },
	{ UT_HOOK_PRE_ROUTING, UT_PRI_CONNTRACK, hook_conntrack },
	{ UT_HOOK_LOCAL_OUT, UT_PRI_CONNTRACK, hook_conntrack },
	{ UT_HOOK_POST_ROUTING, UT_PRI_CONNTRACK_CONFIRM, hook_confirm },
	{ UT_HOOK_LOCAL_IN, UT_PRI_CONNTRACK_CONFIRM, hook_confirm },
};

/* the first n entries of ct_hooks (2: defragmentation alone) */
static int
register_hooks(struct ut_engine *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ut_hook_register(e, ct_hooks[i].hook, ct_hooks[i].prio,
				     ct_hooks[i].fn, NULL) < 0)
			return -1;
	return 0;
}

int
ut_defrag_register(struct ut_engine *e)
{
	return register_hooks(e, 2);
}

struct ut_ct_net *
ut_ct_net_new(struct ut_engine *e, struct ut_err *err)
{
	struct ut_ct_net *net = calloc(1, sizeof(*net));

	if (!net) {
		ut_err_set(err, 2, "out of memory");
		return NULL;
	}
	net->e = e;
	net->sys = &e->host->nf;
	net->acct = net->sys->acct != 0;
	net->n_buckets = net->sys->buckets > 0 ? (size_t)net->sys->buckets :
			 1;
	if ((net->n_buckets & (net->n_buckets - 1)) == 0)
		net->bucket_mask = net->n_buckets - 1;
	net->buckets = calloc(net->n_buckets, sizeof(*net->buckets));
	ut_buf_init(&net->events);
	ut_ct_gc_init(net);
	if (!net->buckets ||
	    register_hooks(e, sizeof(ct_hooks) / sizeof(ct_hooks[0])) < 0) {
		ut_ct_net_free(net);
		ut_err_set(err, 2, "out of memory");
		return NULL;
	}
	return net;
}

void
ut_ct_net_free(struct ut_ct_net *net)
{
	if (!net)
		return;
	if (net->buckets)
		ut_ct_table_free(net);
	ut_timer_cancel(net->e, &net->gc);
	ut_ct_expect_free_all(net);
	ut_buf_fini(&net->events);
	free(net->buckets);
	free(net);
}
