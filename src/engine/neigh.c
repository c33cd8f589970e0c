/* neigh.c: the host's learned neighbours, as the kernel's neighbour state
 * machine (net/core/neighbour.c with ARP's operations, net/ipv4/arp.c)
 * runs it for a next hop that HOST does not list (`neigh add` entries are
 * PERMANENT and never get here).
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
 * Timer expiry follows the kernel's timer wheel (ut_clock_timer_expiry):
 * with HZ 250 the retries come 1.000 to 1.032 s after the first request,
 * then every 1.024 s.
 *
 * Not modelled (documented in docs/run.md): the aging of a usable entry
 * (REACHABLE for a random 15-45 s, then STALE, DELAY and unicast PROBEs),
 * garbage collection (with few entries the kernel keeps FAILED ones), and
 * arp_accept (unsolicited replies create nothing, the default).
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
#define DEF_RETRANS_MS 1000
#define DEF_UNRES_QLEN_BYTES 212992

enum nud {
	NUD_INCOMPLETE,
	NUD_REACHABLE,
	NUD_STALE,
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
	unsigned long updated;    /* jiffies of the last change (locktime) */
	/* the packets waiting for the address (arp_queue), oldest first */
	struct ut_pkt **queue;
	size_t qn, qcap;
	size_t qbytes;            /* arp_queue_len_bytes */
};

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

/* NEIGH_VAR(RETRANS_TIME) in jiffies, at least HZ/100 as the timer uses */
static unsigned long
retrans_jiffies(const struct ut_engine *e, const struct ut_iface *dev)
{
	unsigned hz = ut_engine_hz(e);
	long ms = neigh_param(e, dev, "retrans_time_ms", DEF_RETRANS_MS);
	unsigned long j = ms > 0 ? (unsigned long)((ms * (long)hz + 999) / 1000)
				 : 0;

	return j > hz / 100 ? j : hz / 100;
}

/* neigh_max_probes for an INCOMPLETE entry */
static int
max_probes(const struct ut_engine *e, const struct ut_iface *dev)
{
	return (int)(neigh_param(e, dev, "ucast_solicit", DEF_UCAST_SOLICIT) +
		     neigh_param(e, dev, "app_solicit", DEF_APP_SOLICIT) +
		     neigh_param(e, dev, "mcast_solicit", DEF_MCAST_SOLICIT));
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

static struct ut_neigh_entry *
entry_find(struct ut_engine *e, uint32_t ip, const struct ut_iface *dev)
{
	for (struct ut_neigh_entry *n = e->neighs; n; n = n->next)
		if (n->ip == ip && n->dev == dev)
			return n;
	return NULL;
}

static void neigh_timer(struct ut_engine *e, struct ut_timer *t);

static struct ut_neigh_entry *
entry_new(struct ut_engine *e, uint32_t ip, const struct ut_iface *dev)
{
	struct ut_neigh_entry *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->ip = ip;
	n->dev = dev;
	n->state = NUD_FAILED;  /* NUD_NONE: becomes INCOMPLETE at once */
	ut_timer_init(&n->timer, neigh_timer);
	n->next = e->neighs;
	e->neighs = n;
	return n;
}

void
ut_neigh_free_all(struct ut_engine *e)
{
	while (e->neighs) {
		struct ut_neigh_entry *n = e->neighs;

		e->neighs = n->next;
		ut_timer_cancel(e, &n->timer);
		for (size_t i = 0; i < n->qn; i++)
			ut_pkt_free(n->queue[i]);
		free(n->queue);
		free(n);
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

/* neigh_add_timer with the timer wheel's rounding */
static void
timer_arm(struct ut_engine *e, struct ut_neigh_entry *n, unsigned long delay)
{
	unsigned long expires = ut_engine_jiffies(e) + delay;

	/* a queue that cannot grow leaves the entry without its timer: it
	 * stays INCOMPLETE, as if its requests had no end */
	(void)ut_timer_arm(e, &n->timer, ut_clock_timer_expiry(e, expires));
}

/* neigh_probe: a request with the newest waiting packet (its source
 * address, arp_solicit), then one more probe counted */
static void
probe(struct ut_engine *e, struct ut_neigh_entry *n)
{
	const struct ut_pkt *tail = n->qn ? n->queue[n->qn - 1] : NULL;

	ut_arp_solicit(e, tail, n->dev, n->ip);
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

/* neigh_timer_handler for an INCOMPLETE entry: the next request, or the
 * end when all were sent */
static void
neigh_timer(struct ut_engine *e, struct ut_timer *t)
{
	struct ut_neigh_entry *n = (struct ut_neigh_entry *)t;

	if (n->state != NUD_INCOMPLETE)
		return;
	if (n->probes >= max_probes(e, n->dev)) {
		n->state = NUD_FAILED;
		invalidate(e, n);
		return;
	}
	timer_arm(e, n, retrans_jiffies(e, n->dev));
	probe(e, n);
}

/* __neigh_event_send: a packet for an entry that is not usable */
static void
event_send(struct ut_engine *e, struct ut_neigh_entry *n, struct ut_pkt *p)
{
	bool first = false;

	if (n->state != NUD_INCOMPLETE) {
		if (neigh_param(e, n->dev, "mcast_solicit", DEF_MCAST_SOLICIT) +
		    neigh_param(e, n->dev, "app_solicit", DEF_APP_SOLICIT) <= 0) {
			n->state = NUD_FAILED;
			n->updated = ut_engine_jiffies(e);
			ut_engine_drop(e, p, UT_DROP_NO_NEIGH);
			ut_pkt_free(p);
			return;
		}
		/* the count starts at ucast_solicit: the broadcast requests
		 * of an INCOMPLETE entry are the ones after the unicast
		 * share (arp_solicit) */
		n->probes = (int)neigh_param(e, n->dev, "ucast_solicit",
					     DEF_UCAST_SOLICIT);
		n->state = NUD_INCOMPLETE;
		n->updated = ut_engine_jiffies(e);
		timer_arm(e, n, retrans_jiffies(e, n->dev));
		first = true;
	}
	ut_engine_step(e, p, "waiting for the next hop's address (ARP)");
	if (!queue_push(e, n, p))
		return;
	if (first)
		probe(e, n);
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
	if (n->state == NUD_REACHABLE || n->state == NUD_STALE) {
		memcpy(mac, n->mac, 6);
		return true;
	}
	event_send(e, n, p);
	return false;
}

/* neigh_update from arp_process: an ARP message from ip/mac on dev.
 * Only an existing entry learns (arp_accept 0) unless `create` (a request
 * for our address: neigh_event_ns). reachable: a unicast reply (else the
 * entry is STALE). Within locktime (1 s) of its last change a usable
 * entry keeps its address: the first of several replies wins. */
void
ut_neigh_arp_update(struct ut_engine *e, const struct ut_iface *dev,
		    uint32_t ip, const uint8_t mac[6], bool reachable,
		    bool create)
{
	struct ut_neigh_entry *n = entry_find(e, ip, dev);
	unsigned long now = ut_engine_jiffies(e);
	enum nud new = reachable ? NUD_REACHABLE : NUD_STALE;
	bool valid, same, override;
	struct ut_pkt *p;

	if (!n && (!create || !(n = entry_new(e, ip, dev))))
		return;
	valid = n->state == NUD_REACHABLE || n->state == NUD_STALE;
	same = valid && memcmp(n->mac, mac, 6) == 0;
	override = create ||
		   (long)(now - (n->updated + ut_engine_hz(e))) > 0;
	if (valid && !same && !override)
		return;
	/* a valid entry told its own address again keeps its state unless
	 * the news is "reachable" */
	if (same && new == NUD_STALE)
		new = n->state;
	if (new != n->state || !same)
		n->updated = now;
	memcpy(n->mac, mac, 6);
	ut_timer_cancel(e, &n->timer);
	n->state = new;
	if (valid)
		return;
	/* what waited leaves now, with the address */
	while ((p = queue_pop(n))) {
		p->tstamp_ns = ut_engine_now_ns(e);
		ut_sink_tx(e, p, n->dev, n->mac, UT_ETH_P_IP);
		ut_pkt_free(p);
	}
}
