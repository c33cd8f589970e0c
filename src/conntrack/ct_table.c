/* ct_table.c: the connection table (nf_conntrack_core's hash, entry
 * life and references, limits and early drop, expiry on the packet
 * clock, events).
 *
 * Both tuples of a confirmed entry are chained in one hash table
 * (intrusive links ct->hnext[dir]). The hash is a fixed function of the
 * tuple and zone: the kernel keys it with a random seed at boot, so
 * which entries share a bucket (what early drop looks at) differs from
 * run to run there; here it is the same every run (docs/run.md).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conntrack/ct_help.h"

/* entries looked at per early drop (NF_CT_EVICTION_RANGE) */
#define EVICTION_RANGE 8
/* net_warn_ratelimited: 10 messages per 5 seconds */
#define WARN_BURST 10
#define WARN_INTERVAL_S 5

static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	x ^= x >> 33;
	return x;
}

size_t
ut_ct_hash(const struct ut_ct_net *net, const struct ut_ct_tuple *t,
	   uint16_t zone)
{
	uint64_t a = (uint64_t)t->src << 32 | t->dst;
	uint64_t b = (uint64_t)t->sport << 48 | (uint64_t)t->dport << 32 |
		     (uint64_t)t->proto << 16 | zone;

	return (size_t)(mix64(a ^ mix64(b)) % net->n_buckets);
}

uint64_t
ut_ct_jiffies(const struct ut_ct_net *net)
{
	return ut_engine_jiffies64(net->e);
}

bool
ut_ct_expired(const struct ut_ct_net *net, const struct ut_conn *ct)
{
	return ct->timeout <= ut_ct_jiffies(net);
}

void
ut_ct_hold(struct ut_conn *ct)
{
	ct->use++;
}

static void
conn_free(struct ut_conn *ct)
{
	if (ct->net)
		ct->net->count--;
	if (ct->master)
		ut_ct_put(ct->master);
	free(ct->seqadj);
	free(ct->help);
	free(ct);
}

void
ut_ct_put(struct ut_conn *ct)
{
	if (ct && --ct->use == 0)
		conn_free(ct);
}

static void
pkt_put(void *nfct)
{
	ut_ct_put(nfct);
}

static void
pkt_get(void *nfct)
{
	ut_ct_hold(nfct);
}

void
ut_ct_attach(struct ut_pkt *p, struct ut_conn *ct, unsigned ctinfo)
{
	if (ct)
		ut_ct_hold(ct);
	if (p->nfct)
		p->nfct_put(p->nfct);
	p->nfct = ct;
	p->ctinfo = ctinfo;
	p->nfct_put = pkt_put;
	p->nfct_get = pkt_get;
}

void
ut_ct_attach_related(struct ut_pkt *nskb, const struct ut_pkt *skb)
{
	unsigned ctinfo;
	struct ut_conn *ct = ut_ct_get(skb, &ctinfo);

	if (!ct)
		return;
	ut_ct_attach(nskb, ct, ut_ctinfo2dir(ctinfo) == UT_CT_DIR_ORIGINAL ?
			       UT_CT_RELATED_REPLY : UT_CT_RELATED);
}

void
ut_ct_set_untracked(struct ut_pkt *p)
{
	ut_ct_attach(p, NULL, UT_CT_UNTRACKED);
}

/* ---- the hash chains ------------------------------------------------------ */

/* a link is an entry's address with the direction of its tuple that is
 * in this chain in the low bit (entries are malloc'd: the bit is free) */
static inline struct ut_conn *
link_ct(uintptr_t l)
{
	return (struct ut_conn *)(l & ~(uintptr_t)1);
}

static inline unsigned
link_dir(uintptr_t l)
{
	return (unsigned)(l & 1);
}

/* the link after ct's in the chain it was reached by (direction d),
 * past ct's other tuple when both are in this chain side by side: read
 * before ct may be killed and freed */
static uintptr_t
link_after(const struct ut_conn *ct, unsigned d)
{
	uintptr_t l = ct->hnext[d];

	if (l && link_ct(l) == ct)
		l = ct->hnext[link_dir(l)];
	return l;
}

static void
hash_insert(struct ut_ct_net *net, struct ut_conn *ct)
{
	for (unsigned d = 0; d < 2; d++) {
		size_t h = ut_ct_hash(net, &ct->tuple[d],
				      ut_ct_zone_id(ut_ct_conn_zone(ct), d));

		ct->hnext[d] = net->buckets[h];
		net->buckets[h] = (uintptr_t)ct | d;
	}
}

static void
hash_remove(struct ut_ct_net *net, struct ut_conn *ct)
{
	for (unsigned d = 0; d < 2; d++) {
		uintptr_t *pp = &net->buckets[ut_ct_hash(net, &ct->tuple[d],
				ut_ct_zone_id(ut_ct_conn_zone(ct), d))];
		uintptr_t me = (uintptr_t)ct | d;

		while (*pp && *pp != me)
			pp = &link_ct(*pp)->hnext[link_dir(*pp)];
		if (*pp)
			*pp = ct->hnext[d];
	}
}

/* ut_ct_find: a live entry with tuple t in zone (its direction in *dir),
 * or NULL; an expired one met on the way is removed (nf_ct_gc_expired) */
struct ut_conn *
ut_ct_find(struct ut_ct_ctx *cx, const struct ut_ct_tuple *t,
	   struct ut_ct_zone z, unsigned hdir, enum ut_ct_dir *dir)
{
	struct ut_ct_net *net = cx->net;
	uintptr_t l = net->buckets[ut_ct_hash(net, t, ut_ct_zone_id(z, hdir))];

	while (l) {
		struct ut_conn *ct = link_ct(l);
		unsigned d = link_dir(l);

		/* the next link, which may be ct's other tuple: both
		 * tuples of an entry can hash to one chain, where the
		 * reply's link comes first (hash_insert) */
		l = ct->hnext[d];
		if (!ut_ct_tuple_equal(&ct->tuple[d], t) ||
		    !ut_ct_zone_equal(ct, z, d))
			continue;
		if (ut_ct_expired(net, ct)) {
			/* ct goes: step past its other tuple too */
			l = link_after(ct, d);
			ut_ct_kill(cx, ct);
			continue;
		}
		*dir = (enum ut_ct_dir)d;
		return ct;
	}
	return NULL;
}

bool
ut_ct_tuple_taken(struct ut_ct_net *net, const struct ut_ct_tuple *reply,
		  uint16_t zone, const struct ut_conn *ignored)
{
	struct ut_ct_zone z = ignored ? ut_ct_conn_zone(ignored) :
				       UT_CT_ZONE_DEFAULT;
	uintptr_t l;

	z.id = zone;
	l = net->buckets[ut_ct_hash(net, reply, ut_ct_zone_id(z, 1))];
	while (l) {
		struct ut_conn *ct = link_ct(l);
		unsigned d = link_dir(l);

		l = ct->hnext[d];
		if (ct != ignored && ut_ct_zone_equal(ct, z, d) &&
		    ut_ct_tuple_equal(&ct->tuple[d], reply) &&
		    !ut_ct_expired(net, ct))
			return true;
	}
	return false;
}

/* ut_ct_each: fn for every confirmed entry (in bucket order); fn may
 * kill the entry it is given */
void
ut_ct_each(struct ut_ct_net *net, void (*fn)(struct ut_conn *, void *),
	   void *arg)
{
	for (size_t b = 0; b < net->n_buckets && net->n_confirmed; b++) {
		uintptr_t l = net->buckets[b];

		while (l) {
			struct ut_conn *ct = link_ct(l);
			unsigned d = link_dir(l);

			/* each entry once, at its original tuple (fn may free
			 * it: step past it first) */
			l = d == UT_CT_DIR_ORIGINAL ? link_after(ct, d) :
			    ct->hnext[d];
			if (d == UT_CT_DIR_ORIGINAL)
				fn(ct, arg);
		}
	}
}

/* ---- life ----------------------------------------------------------------- */

void
ut_ct_refresh(struct ut_ct_ctx *cx, struct ut_conn *ct, uint32_t secs)
{
	if (ct->status & UT_IPS_FIXED_TIMEOUT)
		return;
	ct->timeout = ut_ct_jiffies(cx->net) +
		      (uint64_t)secs * ut_engine_hz(cx->e);
}

uint32_t
ut_ct_expires_in(const struct ut_engine *e, const struct ut_conn *ct)
{
	uint64_t now = ut_engine_jiffies64(e);

	/* an unconfirmed entry's timeout is still relative in the kernel:
	 * nf_ct_expires subtracts the (32-bit) jiffies of a host up for
	 * any while, and gives 0 (measured: --ctexpire 0:50 matches a
	 * connection's first packet) */
	if (!(ct->status & UT_IPS_CONFIRMED))
		return 0;
	return ct->timeout > now ?
	       (uint32_t)((ct->timeout - now) / ut_engine_hz(e)) : 0;
}

void
ut_ct_kill(struct ut_ct_ctx *cx, struct ut_conn *ct)
{
	if (ct->status & UT_IPS_DYING)
		return;
	ct->status |= UT_IPS_DYING;
	if (!(ct->status & UT_IPS_CONFIRMED))
		return;
	ut_ct_event_deliver(cx->net, ct, UT_CT_EV_DESTROY, cx->number);
	if (cx->net->n_expect)
		ut_ct_expect_kill_master(cx->net, ct);
	hash_remove(cx->net, ct);
	cx->net->n_confirmed--;
	ut_ct_put(ct);
}

/* early_drop: make room by killing a confirmed entry that is not
 * assured (and whose tracker allows it) in the EVICTION_RANGE buckets
 * from the new tuple's */
static bool
early_drop(struct ut_ct_ctx *cx, size_t h)
{
	struct ut_ct_net *net = cx->net;

	for (size_t i = 0; i < EVICTION_RANGE; i++) {
		uintptr_t l = net->buckets[(h + i) % net->n_buckets];

		while (l) {
			struct ut_conn *ct = link_ct(l);
			const struct ut_ct_l4proto *l4 =
				ut_ct_l4proto_find(ct->tuple[0].proto);

			l = link_after(ct, link_dir(l));
			if (ct->status & UT_IPS_ASSURED)
				continue;
			if (!ut_ct_expired(net, ct) && l4->can_early_drop &&
			    !l4->can_early_drop(ct))
				continue;
			ut_ct_kill(cx, ct);
			net->early_drop++;
			return true;
		}
	}
	return false;
}

/* table_full: the kernel's "table full" message, rate-limited */
static void
table_full(struct ut_ct_ctx *cx)
{
	struct ut_ct_net *net = cx->net;
	uint64_t now = ut_ct_jiffies(net);
	uint64_t interval = (uint64_t)WARN_INTERVAL_S * ut_engine_hz(cx->e);
	/* net_warn_ratelimited with the netns inode: a run's host is one
	 * namespace; the number is the initial namespace's (the kernel's
	 * is the namespace's own, different every run) */
	static const char line[] = "nf_conntrack: nf_conntrack: table full "
				   "in netns 4026531833, dropping packet";

	if (!net->warn_begin || now >= net->warn_begin + interval) {
		net->warn_begin = now;
		net->warn_printed = 0;
	}
	if (net->warn_printed++ < WARN_BURST)
		ut_engine_log(cx->e, line, sizeof(line) - 1);
}

struct ut_conn *
ut_ct_alloc(struct ut_ct_ctx *cx, const struct ut_ct_tuple *orig,
	    const struct ut_ct_tuple *repl, struct ut_ct_zone zone, bool *full)
{
	struct ut_ct_net *net = cx->net;
	struct ut_conn *ct;

	*full = false;
	if (cx->sys->max > 0 && net->count + 1 > (size_t)cx->sys->max &&
	    !early_drop(cx, ut_ct_hash(net, orig, ut_ct_zone_id(zone, 0)))) {
		table_full(cx);
		*full = true;
		return NULL;
	}
	ct = calloc(1, sizeof(*ct));
	if (!ct) {
		*full = true;
		return NULL;
	}
	ct->net = net;
	net->count++;
	ct->tuple[UT_CT_DIR_ORIGINAL] = *orig;
	ct->tuple[UT_CT_DIR_REPLY] = *repl;
	ct->zone = zone.id;
	ct->zone_dir = zone.dir;
	ct->use = 1;
	ct->id = ++net->next_id;
	ct->ctmask = UT_CT_EV_ALL;
	ct->timeout = ut_ct_jiffies(net);
	return ct;
}

void
ut_ct_insert(struct ut_ct_net *net, struct ut_conn *ct)
{
	ct->status |= UT_IPS_CONFIRMED;
	ut_ct_hold(ct);  /* the table's reference */
	hash_insert(net, ct);
	net->n_confirmed++;
}

void
ut_ct_alter_reply(struct ut_conn *ct, const struct ut_ct_tuple *reply)
{
	ct->tuple[UT_CT_DIR_REPLY] = *reply;
}

int32_t
ut_ct_seq_offset(const struct ut_conn *ct, enum ut_ct_dir dir, uint32_t seq)
{
	const struct ut_ct_seqadj_dir *s;

	if (!(ct->status & UT_IPS_SEQ_ADJUST) || !ct->seqadj)
		return 0;
	s = &ct->seqadj[dir];
	return (int32_t)(seq - s->correction_pos) > 0 ? s->offset_after :
	       s->offset_before;
}

/* ---- the sweep: expired entries go on the packet clock ---------------- */

static void
kill_expired(struct ut_conn *ct, void *arg)
{
	struct ut_ct_ctx *cx = arg;

	if (ut_ct_expired(cx->net, ct))
		ut_ct_kill(cx, ct);
}

/* the kernel's gc worker, once a second of packet time while there are
 * entries: what expired is destroyed (its event stamped "timer") */
static void
sweep(struct ut_engine *e, struct ut_timer *t)
{
	struct ut_ct_net *net = (struct ut_ct_net *)(void *)((char *)t -
				offsetof(struct ut_ct_net, gc));
	struct ut_ct_ctx cx = ut_ct_ctx_make(net, UT_HOOK_MAX, NULL, NULL, 0);

	(void)e;
	ut_ct_each(net, kill_expired, &cx);
	ut_ct_gc_arm(net);
}

void
ut_ct_gc_arm(struct ut_ct_net *net)
{
	if (ut_timer_armed(&net->gc) || !net->n_confirmed)
		return;
	ut_timer_arm(net->e, &net->gc,
		     ut_engine_now_ns(net->e) + 1000000000ull);
}

void
ut_ct_gc_init(struct ut_ct_net *net)
{
	ut_timer_init(&net->gc, sweep);
}

static void
detach(struct ut_conn *ct, void *arg)
{
	struct ut_ct_net *net = arg;

	hash_remove(net, ct);
	net->n_confirmed--;
	net->count--;
	ct->net = NULL;   /* packets still holding it free it later */
	ct->status |= UT_IPS_DYING;
	ut_ct_put(ct);
}

/* ut_ct_table_free: every entry, at the end of the engine */
void
ut_ct_table_free(struct ut_ct_net *net)
{
	ut_ct_each(net, detach, net);
}
