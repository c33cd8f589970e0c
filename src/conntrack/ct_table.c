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

/* a link is an entry's address with the direction of its tuple that is
 * in this chain in the low bit (entries are malloc'd: the bit is free) */
static inline struct ut_conn *
link_ct(uintptr_t l)
{
	return (struct ut_conn *)(l & ~(uintptr_t)1);
}

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

	uint64_t h = mix64(a ^ mix64(b));

	/* the same bucket as h % n_buckets: the division only when the
	 * size is not a power of two (the default, 262144, is) */
	if (net->bucket_mask)
		return (size_t)(h & net->bucket_mask);
	return (size_t)(h % net->n_buckets);
}

void
ut_ct_prefetch_entry(struct ut_ct_net *net)
{
	uintptr_t l;

	if (!net->pf_pending)
		return;
	net->pf_pending = false;
	l = net->buckets[net->pf_bucket];
	if (l)
		__builtin_prefetch(link_ct(l));
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
	free(ct->synproxy);
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

		/* every link is compared: both tuples of one entry may be
		 * in this chain, side by side */
		if (!ut_ct_tuple_equal(&ct->tuple[d], t) ||
		    !ut_ct_zone_equal(ct, z, d)) {
			l = ct->hnext[d];
			continue;
		}
		if (ut_ct_expired(net, ct)) {
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

/* bucket_snapshot: the entries chained in bucket b, each once, in chain
 * order, each held (killing one unlinks it, and maybe its neighbour);
 * *n of them, NULL when none or out of memory */
static struct ut_conn **
bucket_snapshot(struct ut_ct_net *net, size_t b, size_t *n)
{
	struct ut_conn **v;
	size_t k = 0, cap = 0;

	for (uintptr_t l = net->buckets[b]; l;
	     l = link_ct(l)->hnext[link_dir(l)])
		cap++;
	*n = 0;
	if (!cap || !(v = malloc(cap * sizeof(*v))))
		return NULL;
	for (uintptr_t l = net->buckets[b]; l;
	     l = link_ct(l)->hnext[link_dir(l)]) {
		struct ut_conn *ct = link_ct(l);

		/* both tuples side by side: the entry once */
		if (k && v[k - 1] == ct)
			continue;
		ut_ct_hold(ct);
		v[k++] = ct;
	}
	*n = k;
	return v;
}

/* early_drop_list: every entry of the bucket that is not assured goes
 * (nf_ct_delete), whatever its protocol and state; an expired one is
 * reaped on the way but does not count as room made. The number that
 * went. */
static unsigned
early_drop_list(struct ut_ct_ctx *cx, size_t b)
{
	struct ut_ct_net *net = cx->net;
	unsigned drops = 0;
	size_t n;
	struct ut_conn **v = bucket_snapshot(net, b, &n);

	for (size_t i = 0; i < n; i++) {
		struct ut_conn *ct = v[i];

		if (ct->status & UT_IPS_DYING)
			continue;
		if (ut_ct_expired(net, ct)) {
			ut_ct_kill(cx, ct);
			continue;
		}
		if (ct->status & UT_IPS_ASSURED)
			continue;
		ut_ct_kill(cx, ct);
		drops++;
	}
	for (size_t i = 0; i < n; i++)
		ut_ct_put(v[i]);
	free(v);
	return drops;
}

/* early_drop: make room for a new entry: the first of the
 * EVICTION_RANGE buckets from the new tuple's where early_drop_list
 * killed anything. The tracker is not asked (its can_early_drop is the
 * gc worker's business, sweep below). */
static bool
early_drop(struct ut_ct_ctx *cx, size_t h)
{
	struct ut_ct_net *net = cx->net;

	for (size_t i = 0; i < EVICTION_RANGE; i++) {
		unsigned drops = early_drop_list(cx,
						 (h + i) % net->n_buckets);

		if (drops) {
			net->early_drop += drops;
			return true;
		}
	}
	return false;
}

/* table_full: the kernel's "table full" message (net_warn_ratelimited) */
static void
table_full(struct ut_ct_ctx *cx)
{
	/* net_warn_ratelimited with the netns inode: a run's host is one
	 * namespace; the number is the initial namespace's (the kernel's
	 * is the namespace's own, different every run) */
	static const char line[] = "nf_conntrack: nf_conntrack: table full "
				   "in netns 4026531833, dropping packet";

	if (ut_engine_net_ratelimit(cx->e))
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
		/* the gc worker's next pass evicts too (sweep) */
		net->gc_early_drop = true;
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

/* ---- the sweep: expired entries go on the packet clock ---------------- */

struct sweep_arg {
	struct ut_ct_ctx cx;
	size_t max95;  /* 0: no eviction in this pass */
};

/* gc_worker_can_early_drop: not assured, or assured but the tracker
 * lets it go (a TCP connection closing) */
static bool
gc_can_early_drop(const struct ut_conn *ct)
{
	const struct ut_ct_l4proto *l4 = ut_ct_l4proto_find(ct->tuple[0].proto);

	if (!(ct->status & UT_IPS_ASSURED))
		return true;
	return l4->can_early_drop && l4->can_early_drop(ct);
}

static void
sweep_one(struct ut_conn *ct, void *arg)
{
	struct sweep_arg *a = arg;

	if (ut_ct_expired(a->cx.net, ct)) {
		ut_ct_kill(&a->cx, ct);
		return;
	}
	if (a->max95 && a->cx.net->count >= a->max95 && gc_can_early_drop(ct))
		ut_ct_kill(&a->cx, ct);
}

/* the kernel's gc worker, once a second of packet time while there are
 * entries: what expired is destroyed (its event stamped "timer"); after
 * the table was found full, while it holds 95% of nf_conntrack_max (in
 * the kernel's integer steps: max / 100 * 95, nothing below 100) the
 * entries gc_can_early_drop allows go too */
static void
sweep(struct ut_engine *e, struct ut_timer *t)
{
	struct ut_ct_net *net = (struct ut_ct_net *)(void *)((char *)t -
				offsetof(struct ut_ct_net, gc));
	struct sweep_arg a = {
		.cx = ut_ct_ctx_make(net, UT_HOOK_MAX, NULL, NULL, 0),
	};

	(void)e;
	if (net->gc_early_drop && net->sys->max > 0)
		a.max95 = (size_t)net->sys->max / 100u * 95u;
	net->gc_early_drop = false;
	ut_ct_each(net, sweep_one, &a);
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
