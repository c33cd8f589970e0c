/* frag.c: IPv4 reassembly (ip_defrag) for ip_local_deliver (INPUT sees
 * whole datagrams) and for connection tracking (nf_defrag_ipv4, before
 * PREROUTING's conntrack), each user with its own queues.
 *
 * As net/ipv4/ip_fragment.c: a queue per (saddr, daddr, id, protocol);
 * a fragment's end is rounded down to 8 unless it is the last; a
 * fragment that overlaps data already queued (other than an exact
 * duplicate) discards the whole queue (RFC 5722 behaviour Linux applies
 * to IPv4 too); inconsistent last fragments discard it too. The
 * datagram gets the first fragment's header with offset and MF cleared,
 * DF when the largest fragment had it, CE when a fragment had it (ECT
 * mixed with not-ECT: dropped), and what output needs to fragment it
 * again as it came: frag_max_size and, for conntrack's queues, the
 * pieces' lengths (pkt.h).
 * A queue expires net.ipv4.ipfrag_time (30 s) after its first fragment,
 * on the engine's timer queue with the kernel timer's rounding
 * (ut_clock_timer_expiry: a 30 s timer runs up to 2 s late). Then, as
 * ip_expire for local delivery, if the fragment at offset 0 had come, it
 * gets an ICMP "fragment reassembly time exceeded", routed again from
 * the device the last fragment came in on (no answer for a broadcast,
 * ICMP's rate limits).
 */
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"
#include "rules/jhash.h"

/* The memory the queues hold, as the kernel counts it against
 * net.ipv4.ipfrag_high_thresh: each queue its struct ipq (the ip4-frags
 * slab's object, 200 bytes on 6.18), each queued fragment its skb's
 * truesize: the sk_buff (256) and its data buffer, which holds the frame
 * after headroom and before the shared info (384 bytes together): a
 * 576-byte small head when that is enough, else a power-of-two kmalloc
 * size. Fitted to the kernel's answers in path-frag-mem (60-byte frames:
 * 801 to 834 bytes each) and path-frag-mem-large (1034-byte frames: 2301
 * to 2408). While the count is above the threshold every fragment is
 * refused (inet_frag_find finds no queue, old or new). */
#define FRAG_QUEUE_SIZE 200u
#define SKB_SIZE 256u
#define SKB_SMALL_HEAD 576u
#define SKB_HEAD_EXTRA 384u

struct frag_seg {
	unsigned off, end;  /* payload bytes [off, end) */
	struct ut_pkt *pkt;
};

struct ut_frag_queue {
	struct ut_timer expiry;   /* first: the timer leads to the queue */
	struct ut_frag_queue *next; /* in its hash bucket */
	uint32_t saddr, daddr;
	uint16_t id;
	uint8_t proto;
	unsigned len;       /* payload length; known once the last came */
	bool last_in;
	const struct ut_iface *iif; /* of the last fragment queued */
	bool local_user;    /* IP_DEFRAG_LOCAL_DELIVER (else conntrack's) */
	/* the largest fragment queued (IP length, trimmed to what counts),
	 * the largest with DF, the ECN codepoints seen (IPFRAG_ECN_*) */
	unsigned max_size, max_df_size;
	uint8_t ecn;
	/* the pieces by offset: as many as come (the kernel's rbtree has
	 * no cap either) */
	struct frag_seg *segs;
	size_t n_segs, cap_segs;
};

static size_t
frag_truesize(const struct ut_pkt *p)
{
	size_t frame = p->len + 14 < 60 ? 60 : p->len + 14;
	size_t need = frame + SKB_HEAD_EXTRA, data = SKB_SMALL_HEAD;

	if (need > data)
		for (data = 1024; data < need; data *= 2)
			;
	return SKB_SIZE + data;
}

static void
queue_free(struct ut_engine *e, struct ut_frag_queue *q)
{
	ut_timer_cancel(e, &q->expiry);
	for (size_t i = 0; i < q->n_segs; i++) {
		e->frag_mem -= frag_truesize(q->segs[i].pkt);
		ut_pkt_free(q->segs[i].pkt);
	}
	e->frag_mem -= FRAG_QUEUE_SIZE;
	e->n_frags--;
	free(q->segs);
	free(q);
}

void
ut_path_frags_free(struct ut_engine *e)
{
	for (size_t b = 0; b < e->frag_nbuckets; b++)
		while (e->frag_buckets[b]) {
			struct ut_frag_queue *q = e->frag_buckets[b];

			e->frag_buckets[b] = q->next;
			queue_free(e, q);
		}
	free(e->frag_buckets);
	e->frag_buckets = NULL;
	e->frag_nbuckets = 0;
}

static size_t
key_bucket(const struct ut_engine *e, uint32_t saddr, uint32_t daddr,
	   uint16_t id, uint8_t proto, bool local_user)
{
	uint32_t h = ut_jhash_3words(saddr, daddr,
				     (uint32_t)id << 16 | (uint32_t)proto << 8 |
				     local_user, 0);

	return h & (e->frag_nbuckets - 1);
}

static size_t
queue_bucket(const struct ut_engine *e, const struct ut_frag_queue *q)
{
	return key_bucket(e, q->saddr, q->daddr, q->id, q->proto,
			  q->local_user);
}

static void
queue_unlink(struct ut_engine *e, struct ut_frag_queue *q)
{
	struct ut_frag_queue **pp = &e->frag_buckets[queue_bucket(e, q)];

	while (*pp && *pp != q)
		pp = &(*pp)->next;
	if (*pp)
		*pp = q->next;
}

/* grow: a bucket per queue at most on average (a power of two); without
 * memory the table stays as it is, only slower */
static void
buckets_grow(struct ut_engine *e)
{
	size_t n = e->frag_nbuckets ? 2 * e->frag_nbuckets : 64;
	struct ut_frag_queue **nb = calloc(n, sizeof(*nb));
	struct ut_frag_queue **old = e->frag_buckets;
	size_t old_n = e->frag_nbuckets;

	if (!nb)
		return;
	e->frag_buckets = nb;
	e->frag_nbuckets = n;
	for (size_t b = 0; b < old_n; b++)
		while (old[b]) {
			struct ut_frag_queue *q = old[b];
			size_t k = queue_bucket(e, q);

			old[b] = q->next;
			q->next = nb[k];
			nb[k] = q;
		}
	free(old);
}

/* expire_answers: frag_expire_skip_icmp: ip_local_deliver's queues
 * always answer; conntrack's (nf_defrag_ipv4, before routing) only for a
 * datagram routed to the host itself */
static bool
expire_answers(const struct ut_engine *e, const struct ut_frag_queue *q,
	       const struct ut_pkt *head)
{
	struct ut_rt rt;

	if (q->local_user)
		return true;
	return ut_route_input(e->host, ut_ip_daddr_nbo(head),
			      ut_ip_saddr_nbo(head), head->ip[UT_IP_OFF_TOS],
			      q->iif, head->mark, &rt) == UT_DROP_NONE &&
	       rt.type == UT_RTN_LOCAL;
}

/* queue_expire: ip_expire: the queue's time is up, its fragments go;
 * the first fragment, if it came, gets the time exceeded error */
static void
queue_expire(struct ut_engine *e, struct ut_timer *t)
{
	struct ut_frag_queue *q = (struct ut_frag_queue *)t;

	if (q->n_segs > 0 && q->segs[0].off == 0 && q->iif &&
	    expire_answers(e, q, q->segs[0].pkt)) {
		struct ut_pkt *head = q->segs[0].pkt;

		head->indev = q->iif;
		head->tstamp_ns = ut_engine_now_ns(e);
		ut_engine_step(e, head, "reassembly timed out: time exceeded");
		ut_icmp_send(e, head, 11, 1, 0);
	}
	e->stats.drops[UT_DROP_REASM] += q->n_segs;
	queue_unlink(e, q);
	queue_free(e, q);
}

/* inet_frag_create: the queue's timer, jiffies + ipfrag_time * HZ */
static uint64_t
expiry_time(const struct ut_engine *e)
{
	long timeout = (long)e->host->ipfrag_time * (long)ut_engine_hz(e);

	return ut_clock_timer_expiry(e, ut_engine_jiffies(e) +
					(unsigned long)timeout);
}

static struct ut_frag_queue *
queue_find(struct ut_engine *e, const struct ut_pkt *p, bool local_user)
{
	uint32_t s = ut_ip_saddr_nbo(p), d = ut_ip_daddr_nbo(p);
	uint16_t id = ut_get16(p->ip + UT_IP_OFF_ID);
	struct ut_frag_queue *q;
	size_t b;

	if (e->n_frags >= e->frag_nbuckets)
		buckets_grow(e);
	if (!e->frag_nbuckets)
		return NULL;
	b = key_bucket(e, s, d, id, ut_ip_proto(p), local_user);
	for (q = e->frag_buckets[b]; q; q = q->next)
		if (q->saddr == s && q->daddr == d && q->id == id &&
		    q->proto == ut_ip_proto(p) && q->local_user == local_user)
			return q;
	q = calloc(1, sizeof(*q));
	if (!q)
		return NULL;
	q->saddr = s;
	q->daddr = d;
	q->id = id;
	q->proto = ut_ip_proto(p);
	q->local_user = local_user;
	ut_timer_init(&q->expiry, queue_expire);
	if (ut_timer_arm(e, &q->expiry, expiry_time(e)) < 0) {
		free(q);
		return NULL;
	}
	q->next = e->frag_buckets[b];
	e->frag_buckets[b] = q;
	e->n_frags++;
	e->frag_mem += FRAG_QUEUE_SIZE;
	return q;
}

/* ip4_frag_ecn: a fragment's ECN codepoint as one bit of q->ecn */
enum {
	ECN_NOT_ECT = 1u << 0,
	ECN_ECT_1 = 1u << 1,
	ECN_ECT_0 = 1u << 2,
	ECN_CE = 1u << 3,
};

/* ip_frag_queue's bookkeeping of a fragment just queued: its size (its
 * header and the payload as trimmed, fragsize) for frag_max_size, DF,
 * ECN */
static void
queue_note(struct ut_frag_queue *q, const struct ut_pkt *p,
	   const struct frag_seg *seg)
{
	unsigned size = ut_ip_hlen(p) + (seg->end - seg->off);

	if (size > q->max_size)
		q->max_size = size;
	if ((ut_get16(p->ip + UT_IP_OFF_FRAG) & UT_IP_DF) &&
	    size > q->max_df_size)
		q->max_df_size = size;
	q->ecn |= (uint8_t)(1u << (p->ip[UT_IP_OFF_TOS] & 3u));
}

/* seg_position: the index of the first piece starting after off (the
 * pieces do not overlap: sorted by off and by end alike) */
static size_t
seg_position(const struct ut_frag_queue *q, unsigned off)
{
	size_t lo = 0, hi = q->n_segs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (q->segs[mid].off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
segs_grow(struct ut_frag_queue *q)
{
	size_t cap = q->cap_segs ? 2 * q->cap_segs : 4;
	struct frag_seg *v = realloc(q->segs, cap * sizeof(*v));

	if (!v)
		return -1;
	q->segs = v;
	q->cap_segs = cap;
	return 0;
}

/* ip_frag_queue: 1 queued, 0 dropped (fragment only), -1 the queue must
 * go */
static int
queue_add(struct ut_frag_queue *q, struct ut_pkt *p)
{
	unsigned hlen = ut_ip_hlen(p);
	uint16_t frag = ut_get16(p->ip + UT_IP_OFF_FRAG);
	unsigned off = (frag & UT_IP_OFFMASK) * 8u;
	unsigned end = off + (p->len - hlen);
	size_t pos;

	if (!(frag & UT_IP_MF)) {
		if (end < q->len || (q->last_in && end != q->len))
			return -1;
		q->last_in = true;
		q->len = end;
	} else {
		end &= ~7u;
		if (end > q->len) {
			if (q->last_in)
				return -1;
			q->len = end;
		}
	}
	/* a piece without payload: the queue goes, as for corruption */
	if (end == off)
		return -1;
	pos = seg_position(q, off);
	/* the pieces around pos: an exact duplicate is ignored, any other
	 * overlap discards the queue */
	for (size_t i = pos ? pos - 1 : 0; i < q->n_segs && i <= pos; i++) {
		const struct frag_seg *s = &q->segs[i];

		if (s->off == off && s->end == end)
			return 0; /* duplicate */
		if (off < s->end && end > s->off)
			return -1; /* overlap */
	}
	if (q->n_segs == q->cap_segs && segs_grow(q) < 0)
		return -1;
	memmove(&q->segs[pos + 1], &q->segs[pos],
		(q->n_segs - pos) * sizeof(q->segs[0]));
	q->segs[pos].off = off;
	q->segs[pos].end = end;
	q->segs[pos].pkt = p;
	q->n_segs++;
	queue_note(q, p, &q->segs[pos]);
	return 1;
}

static bool
queue_complete(const struct ut_frag_queue *q)
{
	unsigned at = 0;

	if (!q->last_in)
		return false;
	for (size_t i = 0; i < q->n_segs; i++) {
		if (q->segs[i].off != at)
			return false;
		at = q->segs[i].end;
	}
	return at == q->len;
}

/* ip_frag_ecn_table: the datagram's ECN from its fragments' (-1: not-ECT
 * mixed with ECT or CE, the datagram is dropped) */
static int
reasm_ecn(uint8_t ecn)
{
	if ((ecn & ECN_NOT_ECT) && (ecn & ~ECN_NOT_ECT))
		return -1;
	return (ecn & ECN_CE) ? 3 : 0;
}

/* the pieces the datagram came in, for ip_do_fragment's fast path (the
 * fragment list conntrack's reassembly keeps: no coalescing for it) */
static void
keep_geometry(struct ut_pkt *p, const struct ut_frag_queue *q)
{
	p->frag_lens = malloc(q->n_segs * sizeof(*p->frag_lens));
	if (!p->frag_lens)
		return;  /* the slow path then: same bytes for even pieces */
	for (size_t i = 0; i < q->n_segs; i++)
		p->frag_lens[i] = (uint16_t)(q->segs[i].end - q->segs[i].off);
	p->n_frags = (uint16_t)q->n_segs;
}

/* ip_frag_reasm: the first fragment's header, the total length, ECN,
 * DF when the largest fragment had it (IPSKB_FRAG_PMTU), frag_max_size */
static struct ut_pkt *
reassemble(struct ut_frag_queue *q)
{
	const struct ut_pkt *head = q->segs[0].pkt;
	unsigned hlen = ut_ip_hlen(head);
	int ecn = reasm_ecn(q->ecn);
	struct ut_pkt *p;

	if (hlen + q->len > 65535 || ecn < 0)
		return NULL;
	p = ut_pkt_new(head->ip, hlen, hlen + q->len);
	if (!p)
		return NULL;
	memcpy(p->mac, head->mac, sizeof(p->mac));
	p->has_mac = head->has_mac;
	p->pkttype = head->pkttype;
	p->indev = head->indev;
	p->mark = head->mark;
	p->nf_trace = head->nf_trace;
	for (size_t i = 0; i < q->n_segs; i++) {
		const struct ut_pkt *f = q->segs[i].pkt;

		memcpy(p->ip + hlen + q->segs[i].off, f->ip + ut_ip_hlen(f),
		       q->segs[i].end - q->segs[i].off);
		if (i + 1 < q->n_segs && q->n_segs <= UT_PKT_MAX_BLOCKS + 1)
			p->block_end[p->n_blocks++] =
				(uint16_t)(hlen + q->segs[i].end);
	}
	p->len = hlen + q->len;
	ut_put16(p->ip + UT_IP_OFF_TOTLEN, (uint16_t)p->len);
	p->ip[UT_IP_OFF_TOS] |= (uint8_t)ecn;
	p->frag_max_size = (uint16_t)(q->max_df_size > q->max_size ?
				      q->max_df_size : q->max_size);
	/* DF only when the largest fragment had it: no tiny DF pieces
	 * from one small DF fragment beside large ones */
	p->frag_pmtu = q->max_df_size == q->max_size;
	ut_put16(p->ip + UT_IP_OFF_FRAG, p->frag_pmtu ? UT_IP_DF : 0);
	ut_ip_send_check(p->ip);
	if (!q->local_user)
		keep_geometry(p, q);
	return p;
}

static struct ut_pkt *
defrag(struct ut_engine *e, struct ut_pkt *p, bool local_user)
{
	uint16_t frag = ut_get16(p->ip + UT_IP_OFF_FRAG);
	struct ut_frag_queue *q;
	struct ut_pkt *whole;
	unsigned long number = p->number;
	uint64_t tstamp = p->tstamp_ns;
	int r;

	if (!(frag & (UT_IP_MF | UT_IP_OFFMASK)))
		return p;
	q = (long)e->frag_mem > e->host->ipfrag_high_thresh ? NULL :
	    queue_find(e, p, local_user);
	if (!q) {
		ut_engine_drop(e, p, UT_DROP_REASM);
		ut_pkt_free(p);
		return NULL;
	}
	r = queue_add(q, p);
	if (r > 0) {
		e->frag_mem += frag_truesize(p);
		q->iif = p->indev;
	}
	if (r <= 0) {
		ut_engine_drop(e, p, UT_DROP_REASM);
		ut_pkt_free(p);
		if (r < 0) {
			e->stats.drops[UT_DROP_REASM] += q->n_segs;
			queue_unlink(e, q);
			queue_free(e, q);
		}
		return NULL;
	}
	if (!queue_complete(q)) {
		ut_engine_step(e, p, "queued for reassembly");
		return NULL;
	}
	whole = reassemble(q);
	queue_unlink(e, q);
	queue_free(e, q);
	/* the datagram exists from its last fragment on: what it causes
	 * carries that time and number */
	if (whole) {
		whole->number = number;
		whole->tstamp_ns = tstamp;
	}
	return whole;
}

struct ut_pkt *
ut_path_defrag(struct ut_engine *e, struct ut_pkt *p)
{
	return defrag(e, p, false);
}

struct ut_pkt *
ut_path_defrag_local(struct ut_engine *e, struct ut_pkt *p)
{
	return defrag(e, p, true);
}
