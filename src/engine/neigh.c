/* neigh.c: the host's learned neighbours, as the kernel's neighbour state
 * machine (net/core/neighbour.c with ARP's operations, net/ipv4/arp.c)
 * runs it for a next hop that HOST does not list (`neigh add` entries are
 * PERMANENT or NOARP and never get here) or lists in another state
 * (`nud reachable|stale|failed`: ut_neigh_host_entries).
 *
 * A packet to a next hop without an entry creates one, INCOMPLETE: the
 * packet waits in the entry's queue (at most unres_qlen_bytes of
 * truesize; the oldest go first) and an ARP request goes out at once,
 * then one per retrans_time from the entry's timer, mcast_solicit in all
 * (app_solicit 0: no daemon is asked). When the timer finds them all sent
 * the entry FAILS: each queued packet, oldest first, gets an ICMP host
 * unreachable (arp_error_report -> ipv4_link_failure -> icmp_send, with
 * the normal output path and ICMP's rate limits), and a later packet
 * starts again. An ARP reply (or a request for one of our addresses)
 * from the next hop makes the entry usable and sends what waits.
 *
 * A usable entry ages as the kernel's: REACHABLE for the device's
 * reachable_time after its last confirmation (a unicast reply), then
 * DELAY (if a packet used it within delay_first_probe_time) or STALE; a
 * packet to a STALE entry leaves at once and makes it DELAY; DELAY
 * becomes PROBE after delay_first_probe_time without confirmation: up to
 * ucast_solicit unicast requests to the known address, one per
 * retrans_time, packets still leave; then FAILED. reachable_time is the
 * kernel's random pick in [base/2, 3*base/2) of base_reachable_time_ms
 * (30 s), per device: drawn from the engine's generator (`--seed`).
 *
 * Timer expiry follows the kernel's timer wheel (ut_clock_timer_expiry):
 * with HZ 250 the retries come 1.000 to 1.032 s after the first request,
 * then every 1.024 s.
 *
 * Not modelled (documented in docs/run.md): confirmations from the
 * host's own TCP (it has no sockets), garbage collection (with few
 * entries the kernel keeps FAILED ones), arp_accept (unsolicited replies
 * create nothing, the default), the periodic re-draw of reachable_time
 * (every 300 s) and the table's limit (gc_thresh3).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"

/* the kernel's neigh parameter defaults of a new namespace's devices
 * (net.ipv4.neigh.DEV.*) */
#define DEF_MCAST_SOLICIT 3
#define DEF_UCAST_SOLICIT 3
#define DEF_APP_SOLICIT 0
#define DEF_MCAST_RESOLICIT 0
#define DEF_RETRANS_MS 1000
#define DEF_BASE_REACHABLE_MS 30000
#define DEF_DELAY_FIRST_PROBE_S 5
#define DEF_UNRES_QLEN_BYTES 212992

enum nud {
	NUD_NONE,
	NUD_INCOMPLETE,
	NUD_REACHABLE,
	NUD_STALE,
	NUD_DELAY,
	NUD_PROBE,
	NUD_FAILED,
};

struct ut_neigh_entry {
	struct ut_timer timer;    /* first: the timer leads to the entry */
	struct ut_neigh_entry *next;
	uint32_t ip;              /* network order */
	const struct ut_iface *dev;
	enum nud state;
	int probes;               /* neigh->probes */
	uint8_t mac[6];
	/* jiffies: the last change (locktime), confirmation (a unicast
	 * reply), use by a packet (neigh_event_send) */
	unsigned long updated, confirmed, used;
	/* the packets waiting for the address (arp_queue), oldest first */
	struct ut_pkt **queue;
	size_t qn, qcap;
	size_t qbytes;            /* arp_queue_len_bytes */
};

/* a device's neigh_parms: its reachable_time, drawn once */
struct ut_neigh_parms {
	struct ut_neigh_parms *next;
	const struct ut_iface *dev;
	unsigned long reachable_time;   /* jiffies */
};

static bool
valid(enum nud s)
{
	return s == NUD_REACHABLE || s == NUD_STALE || s == NUD_DELAY ||
	       s == NUD_PROBE;
}

static bool
in_timer(enum nud s)
{
	return s == NUD_INCOMPLETE || s == NUD_REACHABLE || s == NUD_DELAY ||
	       s == NUD_PROBE;
}

/* time_before_eq / time_after on wrapping jiffies */
static bool
before_eq(unsigned long a, unsigned long b)
{
	return (long)(a - b) <= 0;
}

/* ---- parameters ---------------------------------------------------------- */

/* neigh_param: net.ipv4.neigh.DEV.KEY as HOST sets it, else the default
 * (a new namespace has no neigh.default of its own: per device only) */
static long
neigh_param(const struct ut_engine *e, const struct ut_iface *dev,
	    const char *key, long dflt)
{
	char name[96];
	const char *v;

	snprintf(name, sizeof(name), "net.ipv4.neigh.%s.%s", dev->name, key);
	v = ut_host_sysctl(e->host, name);
	return v ? strtol(v, NULL, 0) : dflt;
}

static unsigned long
ms_to_jiffies(const struct ut_engine *e, long ms)
{
	return ms > 0 ? (unsigned long)((ms * (long)ut_engine_hz(e) + 999) /
					1000) : 0;
}

/* NEIGH_VAR(RETRANS_TIME) in jiffies, at least HZ/100 as the timer uses */
static unsigned long
retrans_jiffies(const struct ut_engine *e, const struct ut_iface *dev)
{
	unsigned long j = ms_to_jiffies(e, neigh_param(e, dev,
				"retrans_time_ms", DEF_RETRANS_MS));
	unsigned long min = ut_engine_hz(e) / 100;

	return j > min ? j : min;
}

static unsigned long
delay_jiffies(const struct ut_engine *e, const struct ut_iface *dev)
{
	return (unsigned long)neigh_param(e, dev, "delay_first_probe_time",
					  DEF_DELAY_FIRST_PROBE_S) *
	       ut_engine_hz(e);
}

static unsigned long
base_reachable_jiffies(const struct ut_engine *e, const struct ut_iface *dev)
{
	return ms_to_jiffies(e, neigh_param(e, dev, "base_reachable_time_ms",
					    DEF_BASE_REACHABLE_MS));
}

/* the device's reachable_time: neigh_rand_reach_time(base), a random
 * value in [base/2, 3*base/2) drawn when the device's parms are made;
 * here when first needed, from the engine's seeded generator */
static unsigned long
reachable_jiffies(struct ut_engine *e, const struct ut_iface *dev)
{
	struct ut_neigh_parms *np;
	unsigned long base;

	for (np = e->neigh_parms; np; np = np->next)
		if (np->dev == dev)
			return np->reachable_time;
	base = base_reachable_jiffies(e, dev);
	np = calloc(1, sizeof(*np));
	if (!np)
		return base;
	np->dev = dev;
	np->reachable_time = base ? ut_engine_random_u32(e) % base + base / 2
				  : 0;
	np->next = e->neigh_parms;
	e->neigh_parms = np;
	return np->reachable_time;
}

/* neigh_max_probes */
static int
max_probes(const struct ut_engine *e, const struct ut_neigh_entry *n)
{
	return (int)(neigh_param(e, n->dev, "ucast_solicit", DEF_UCAST_SOLICIT) +
		     neigh_param(e, n->dev, "app_solicit", DEF_APP_SOLICIT) +
		     (n->state == NUD_PROBE ?
		      neigh_param(e, n->dev, "mcast_resolicit",
				  DEF_MCAST_RESOLICIT) :
		      neigh_param(e, n->dev, "mcast_solicit",
				  DEF_MCAST_SOLICIT)));
}

/* skb->truesize of a queued packet: the kernel's depends on how the
 * driver allocated the buffer; this is the buffer of a small frame
 * (64-byte aligned data plus the sk_buff and shared info), which the
 * kernel's queue limit measures exactly for frames up to 64 bytes */
size_t
ut_neigh_truesize(const struct ut_pkt *p)
{
	return (((size_t)p->len + UT_ETH_HLEN + 63) & ~(size_t)63) + 768;
}

/* ---- the table ----------------------------------------------------------- */

/* the entries, hashed by address (a host resolving thousands of on-link
 * next hops must not search a list); chained through `next` */
struct ut_neigh_table {
	struct ut_neigh_entry **b;
	size_t nb, n;               /* buckets (a power of 2), entries */
};

static size_t
bucket_of(const struct ut_neigh_table *t, uint32_t ip)
{
	return (size_t)((ip * 0x9e3779b1u) >> 7) & (t->nb - 1);
}

static struct ut_neigh_entry *
entry_find(struct ut_engine *e, uint32_t ip, const struct ut_iface *dev)
{
	const struct ut_neigh_table *t = e->neighs;

	if (!t)
		return NULL;
	for (struct ut_neigh_entry *n = t->b[bucket_of(t, ip)]; n; n = n->next)
		if (n->ip == ip && n->dev == dev)
			return n;
	return NULL;
}

/* table_grow: twice the buckets (the first time: 64); false without
 * memory (the table keeps working, only longer chains) */
static bool
table_grow(struct ut_neigh_table *t)
{
	size_t nb = t->nb ? 2 * t->nb : 64;
	struct ut_neigh_entry **b = calloc(nb, sizeof(*b));
	struct ut_neigh_table nt = { b, nb, t->n };

	if (!b)
		return false;
	for (size_t i = 0; i < t->nb; i++)
		while (t->b[i]) {
			struct ut_neigh_entry *n = t->b[i];
			size_t j = bucket_of(&nt, n->ip);

			t->b[i] = n->next;
			n->next = b[j];
			b[j] = n;
		}
	free(t->b);
	*t = nt;
	return true;
}

static void neigh_timer(struct ut_engine *e, struct ut_timer *t);

static struct ut_neigh_entry *
entry_new(struct ut_engine *e, uint32_t ip, const struct ut_iface *dev)
{
	struct ut_neigh_table *t = e->neighs;
	struct ut_neigh_entry *n;
	size_t i;

	if (!t && !(t = e->neighs = calloc(1, sizeof(*t))))
		return NULL;
	if ((t->nb == 0 || t->n >= 2 * t->nb) && !table_grow(t) && t->nb == 0)
		return NULL;
	n = calloc(1, sizeof(*n));
	if (!n)
		return NULL;
	n->ip = ip;
	n->dev = dev;
	n->state = NUD_NONE;
	ut_timer_init(&n->timer, neigh_timer);
	i = bucket_of(t, ip);
	n->next = t->b[i];
	t->b[i] = n;
	t->n++;
	return n;
}

void
ut_neigh_free_all(struct ut_engine *e)
{
	struct ut_neigh_table *t = e->neighs;

	for (size_t i = 0; t && i < t->nb; i++)
		while (t->b[i]) {
			struct ut_neigh_entry *n = t->b[i];

			t->b[i] = n->next;
			ut_timer_cancel(e, &n->timer);
			for (size_t k = 0; k < n->qn; k++)
				ut_pkt_free(n->queue[k]);
			free(n->queue);
			free(n);
		}
	if (t)
		free(t->b);
	free(t);
	e->neighs = NULL;
	while (e->neigh_parms) {
		struct ut_neigh_parms *np = e->neigh_parms;

		e->neigh_parms = np->next;
		free(np);
	}
}

/* queue_pop: the oldest waiting packet, NULL when none */
static struct ut_pkt *
queue_pop(struct ut_neigh_entry *n)
{
	struct ut_pkt *p;

	if (n->qn == 0)
		return NULL;
	p = n->queue[0];
	memmove(n->queue, n->queue + 1, (n->qn - 1) * sizeof(*n->queue));
	n->qn--;
	n->qbytes -= ut_neigh_truesize(p);
	return p;
}

/* queue_push: p waits at the tail; the oldest make room beyond
 * unres_qlen_bytes (unresolved discards). false: not queued (freed). */
static bool
queue_push(struct ut_engine *e, struct ut_neigh_entry *n, struct ut_pkt *p)
{
	size_t limit = (size_t)neigh_param(e, n->dev, "unres_qlen_bytes",
					   DEF_UNRES_QLEN_BYTES);
	size_t ts = ut_neigh_truesize(p);
	struct ut_pkt *old;

	while (n->qbytes + ts > limit && (old = queue_pop(n))) {
		ut_engine_drop(e, old, UT_DROP_NO_NEIGH);
		ut_pkt_free(old);
	}
	if (n->qn == n->qcap) {
		size_t cap = n->qcap ? 2 * n->qcap : 4;
		struct ut_pkt **q = realloc(n->queue, cap * sizeof(*q));

		if (!q) {
			ut_engine_drop(e, p, UT_DROP_NO_NEIGH);
			ut_pkt_free(p);
			return false;
		}
		n->queue = q;
		n->qcap = cap;
	}
	n->queue[n->qn++] = p;
	n->qbytes += ts;
	return true;
}

static void
queue_purge(struct ut_engine *e, struct ut_neigh_entry *n)
{
	struct ut_pkt *p;

	while ((p = queue_pop(n))) {
		ut_engine_drop(e, p, UT_DROP_NO_NEIGH);
		ut_pkt_free(p);
	}
	n->qbytes = 0;
}

/* ---- the state machine --------------------------------------------------- */

/* neigh_add_timer / mod_timer with the timer wheel's rounding */
static void
timer_at(struct ut_engine *e, struct ut_neigh_entry *n, unsigned long expires)
{
	/* a queue that cannot grow leaves the entry without its timer: it
	 * keeps its state, as if the timer never ran */
	(void)ut_timer_arm(e, &n->timer, ut_clock_timer_expiry(e, expires));
}

/* neigh_probe + arp_solicit: a request with the newest waiting packet
 * (its source address); the first ucast_solicit probes of a PROBE entry
 * go to the known address, then app_solicit ones to no one (no daemon),
 * the rest are broadcast */
static void
probe(struct ut_engine *e, struct ut_neigh_entry *n)
{
	const struct ut_pkt *tail = n->qn ? n->queue[n->qn - 1] : NULL;
	long left = n->probes - neigh_param(e, n->dev, "ucast_solicit",
					    DEF_UCAST_SOLICIT);

	if (left < 0)
		ut_arp_solicit(e, tail, n->dev, n->ip, n->mac);
	else if (left - neigh_param(e, n->dev, "app_solicit",
				    DEF_APP_SOLICIT) >= 0)
		ut_arp_solicit(e, tail, n->dev, n->ip, NULL);
	n->probes++;
}

/* neigh_invalidate: every waiting packet is reported unreachable, oldest
 * first, while the entry stays FAILED (an error that itself goes to this
 * neighbour starts resolution again, which ends the reports); what is
 * left is dropped */
static void
invalidate(struct ut_engine *e, struct ut_neigh_entry *n)
{
	struct ut_pkt *p;

	n->updated = ut_engine_jiffies(e);
	while (n->state == NUD_FAILED && (p = queue_pop(n))) {
		p->tstamp_ns = ut_engine_now_ns(e);
		ut_engine_step(e, p, "neighbour resolution failed: host "
			       "unreachable");
		/* arp_error_report: ipv4_link_failure's icmp_send */
		ut_icmp_send(e, p, 3, 1, 0);
		ut_engine_drop(e, p, UT_DROP_NO_NEIGH);
		ut_pkt_free(p);
	}
	queue_purge(e, n);
}

/* neigh_timer_handler's state changes; returns the next expiry */
static unsigned long
timer_transition(struct ut_engine *e, struct ut_neigh_entry *n,
		 unsigned long now)
{
	unsigned long rt, delay = delay_jiffies(e, n->dev);

	switch (n->state) {
	case NUD_REACHABLE:
		rt = reachable_jiffies(e, n->dev);
		if (before_eq(now, n->confirmed + rt))
			return n->confirmed + rt;
		n->updated = now;
		if (before_eq(now, n->used + delay)) {
			n->state = NUD_DELAY;
			return now + delay;
		}
		n->state = NUD_STALE;
		return now + ut_engine_hz(e);
	case NUD_DELAY:
		n->updated = now;
		if (before_eq(now, n->confirmed + delay)) {
			n->state = NUD_REACHABLE;
			return n->confirmed + reachable_jiffies(e, n->dev);
		}
		n->state = NUD_PROBE;
		n->probes = 0;
		return now + retrans_jiffies(e, n->dev);
	default:    /* INCOMPLETE, PROBE */
		return now + retrans_jiffies(e, n->dev);
	}
}

static void
neigh_timer(struct ut_engine *e, struct ut_timer *t)
{
	struct ut_neigh_entry *n = (struct ut_neigh_entry *)t;
	unsigned long now = ut_engine_jiffies(e), next, min;

	if (!in_timer(n->state))
		return;
	next = timer_transition(e, n, now);
	if ((n->state == NUD_INCOMPLETE || n->state == NUD_PROBE) &&
	    n->probes >= max_probes(e, n)) {
		n->state = NUD_FAILED;
		invalidate(e, n);
		return;
	}
	if (in_timer(n->state)) {
		min = now + ut_engine_hz(e) / 100;
		timer_at(e, n, (long)(next - min) < 0 ? min : next);
	}
	if (n->state == NUD_INCOMPLETE || n->state == NUD_PROBE)
		probe(e, n);
}

/* __neigh_event_send for a packet to an entry that is not REACHABLE:
 * true when the packet may leave now (STALE, DELAY, PROBE), false when the
 * state machine took it */
static bool
event_send(struct ut_engine *e, struct ut_neigh_entry *n, struct ut_pkt *p)
{
	unsigned long now = ut_engine_jiffies(e);
	bool first = false;

	n->used = now;
	if (n->state == NUD_DELAY || n->state == NUD_PROBE)
		return true;
	if (n->state == NUD_STALE) {
		n->state = NUD_DELAY;
		n->updated = now;
		timer_at(e, n, now + delay_jiffies(e, n->dev));
		return true;
	}
	if (n->state != NUD_INCOMPLETE) {
		if (neigh_param(e, n->dev, "mcast_solicit", DEF_MCAST_SOLICIT) +
		    neigh_param(e, n->dev, "app_solicit", DEF_APP_SOLICIT) <= 0) {
			n->state = NUD_FAILED;
			n->updated = now;
			ut_engine_drop(e, p, UT_DROP_NO_NEIGH);
			ut_pkt_free(p);
			return false;
		}
		/* the count starts at ucast_solicit: the requests of an
		 * INCOMPLETE entry are broadcast (arp_solicit) */
		n->probes = (int)neigh_param(e, n->dev, "ucast_solicit",
					     DEF_UCAST_SOLICIT);
		n->state = NUD_INCOMPLETE;
		n->updated = now;
		timer_at(e, n, now + retrans_jiffies(e, n->dev));
		first = true;
	}
	ut_engine_step(e, p, "waiting for the next hop's address (ARP)");
	if (queue_push(e, n, p) && first)
		probe(e, n);
	return false;
}

/* ---- HOST's entries in other states than permanent -------------------- */

/* ut_neigh_host_entries: the HOST's `neigh add ... nud reachable|stale|
 * failed` entries become entries of the state machine when the clock
 * starts, as `ip neigh add` leaves them (__neigh_update from NUD_NONE):
 * REACHABLE confirmed now with its timer, STALE unconfirmed
 * (neigh_alloc's confirmed), FAILED without an address. They were added
 * before the traffic: their last change is taken as more than locktime
 * (1 s) earlier, so an ARP reply may change their address at once, as
 * it does on the kernel side of tests/kernel, whose set-up takes longer
 * than that. */
void
ut_neigh_host_entries(struct ut_engine *e)
{
	unsigned long now = ut_engine_jiffies(e);
	const struct ut_host *h = e->host;

	for (size_t i = 0; i < h->n_neighs; i++) {
		const struct ut_neigh *hn = &h->neighs[i];
		struct ut_neigh_entry *n;

		if (hn->nud & (UT_NUD_PERMANENT | UT_NUD_NOARP))
			continue;
		n = entry_new(e, hn->ip, hn->dev);
		if (!n)
			return;
		memcpy(n->mac, hn->mac, 6);
		n->updated = now - ut_engine_hz(e) - 1;
		n->confirmed = now - 2 * base_reachable_jiffies(e, hn->dev);
		if (hn->nud == UT_NUD_REACHABLE) {
			n->state = NUD_REACHABLE;
			n->confirmed = now;
			timer_at(e, n, now + reachable_jiffies(e, hn->dev));
		} else {
			n->state = hn->nud == UT_NUD_STALE ? NUD_STALE : NUD_FAILED;
		}
	}
}

bool
ut_neigh_resolve(struct ut_engine *e, struct ut_pkt *p,
		 const struct ut_iface *dev, uint32_t nexthop, uint8_t mac[6])
{
	struct ut_neigh_entry *n = entry_find(e, nexthop, dev);

	if (!n && !(n = entry_new(e, nexthop, dev))) {
		ut_engine_drop(e, p, UT_DROP_NO_NEIGH);
		ut_pkt_free(p);
		return false;
	}
	/* REACHABLE: neigh_connected_output, no state to change */
	if (n->state != NUD_REACHABLE && !event_send(e, n, p))
		return false;
	memcpy(mac, n->mac, 6);
	return true;
}

/* __neigh_update from arp_process: an ARP message from ip/mac on dev.
 * Only an existing entry learns (arp_accept 0) unless `create` (a request
 * for our address: neigh_event_ns, which overrides). reachable: a unicast
 * reply (confirms the entry), else the news is "stale". Within locktime
 * (1 s) of its last change a valid entry keeps its address: the first of
 * several replies wins. */
void
ut_neigh_arp_update(struct ut_engine *e, const struct ut_iface *dev,
		    uint32_t ip, const uint8_t mac[6], bool reachable,
		    bool create)
{
	struct ut_neigh_entry *n = entry_find(e, ip, dev);
	unsigned long now = ut_engine_jiffies(e);
	enum nud old, new = reachable ? NUD_REACHABLE : NUD_STALE;
	bool same, override;
	struct ut_pkt *p;

	if (!n && (!create || !(n = entry_new(e, ip, dev))))
		return;
	old = n->state;
	same = valid(old) && memcmp(n->mac, mac, 6) == 0;
	if (reachable)
		n->confirmed = now;
	override = create ||
		   (long)(now - (n->updated + ut_engine_hz(e))) > 0;
	if (valid(old) && !same && !override)
		return;
	/* a valid entry told its own address again keeps its state unless
	 * the news is "reachable" */
	if (same && new == NUD_STALE)
		new = old;
	if (new != old || !same)
		n->updated = now;
	if (new != old) {
		ut_timer_cancel(e, &n->timer);
		if (new == NUD_REACHABLE)
			timer_at(e, n, now + reachable_jiffies(e, dev));
		n->state = new;
	}
	if (!same) {
		memcpy(n->mac, mac, 6);
		if (new != NUD_REACHABLE)
			n->confirmed = now - 2 * base_reachable_jiffies(e, dev);
	}
	if (new == old || valid(old))
		return;
	/* what waited leaves now, with the address (through the entry's
	 * output again: a STALE one becomes DELAY on the first) */
	while (valid(n->state) && (p = queue_pop(n))) {
		p->tstamp_ns = ut_engine_now_ns(e);
		if (n->state == NUD_STALE)
			(void)event_send(e, n, p);
		ut_sink_tx(e, p, n->dev, n->mac, UT_ETH_P_IP);
		ut_pkt_free(p);
	}
	queue_purge(e, n);
}
