/* nat_core.c: choosing a connection's binding (the kernel's nf_nat_core.c:
 * nf_nat_setup_info, get_unique_tuple, find_best_ips_proto,
 * nf_nat_l4proto_unique_tuple, the null binding).
 *
 * A binding is the tuple the connection's packets get at the hooks of
 * one kind (source or destination), chosen among those the range allows
 * and not used by another connection ("unique": its inverse is nobody's
 * reply tuple), in the kernel's order:
 *  1. source NAT, not random: the tuple as it is when it is in range and
 *     unused; else the mapping an existing connection from the same
 *     source (address, port, protocol) got, when in range and unused;
 *  2. an address of the range: the kernel's jhash2 of the source address
 *     keyed by the destination address and zone (or by 0 with
 *     --persistent), scaled into the range. jhash2 has fixed constants,
 *     so this is the address Linux picks, not an approximation;
 *  3. the port (or ICMP id) kept when in range and unused (unless
 *     --random/--random-fully), else searched from an offset in the range
 *     (or the default range by the original port: 1-511, 600-1023 or
 *     1024-65535) for an unused one, at most 128 tries, then halving
 *     rounds from new offsets.
 * Where the kernel draws the offset at random (source NAT, and --random),
 * the engine's seeded generator draws it (ut_engine_random_u32, `run
 * --seed`): the port then differs from Linux's, but is in range and
 * unused as Linux's is. Destination NAT without --random starts at the
 * range's first port, as the kernel does; a shifted range (a-b/base)
 * starts at port - base.
 */
#include <stdlib.h>

#include "conntrack/ct_net.h"
#include "engine/engine_int.h"
#include "rules/jhash.h"
#include "nat/nat_int.h"

#define IPPROTO_ICMP_ 1
#define IPPROTO_TCP_ 6
#define IPPROTO_UDP_ 17
#define IPPROTO_UDPLITE_ 136
#define IPPROTO_SCTP_ 132
#define IPPROTO_GRE_ 47

#define NAT_RANDOM_ALL (UT_NAT_RANGE_PROTO_RANDOM | \
			UT_NAT_RANGE_PROTO_RANDOM_FULLY)
/* nf_nat_l4proto_unique_tuple's bound on one search round */
#define NAT_MAX_ATTEMPTS 128u
#define NAT_HARDER_THRESH (NAT_MAX_ATTEMPTS / 4)

/* the 32-bit word the kernel reads from a network-order address: it
 * hashes raw memory, and the reference (x86-64) is little-endian */
static uint32_t
le_word(uint32_t nbo)
{
	const uint8_t *b = (const uint8_t *)&nbo;

	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static uint32_t
host32(uint32_t nbo)
{
	return ut_get32((const uint8_t *)&nbo);
}

static uint32_t
nbo32(uint32_t host)
{
	uint32_t v;

	ut_put32((uint8_t *)&v, host);
	return v;
}

/* reciprocal_scale: val scaled into [0, ep_ro) */
static uint32_t
reciprocal_scale(uint32_t val, uint32_t ep_ro)
{
	return (uint32_t)(((uint64_t)val * ep_ro) >> 32);
}

uint32_t
ut_nat_pick_ip(uint32_t src, uint32_t dst, uint16_t zone, uint32_t min_ip,
	       uint32_t max_ip, bool persistent)
{
	/* union nf_inet_addr: the IPv4 address and three zero words */
	uint32_t key[4] = { le_word(src), 0, 0, 0 };
	uint32_t j, minip = host32(min_ip);

	if (min_ip == max_ip)
		return min_ip;
	j = ut_jhash2(key, 4, persistent ? 0 : le_word(dst) ^ zone);
	return nbo32(minip + reciprocal_scale(j, host32(max_ip) - minip + 1));
}

/* ---- is a tuple free ------------------------------------------------- */

/* nf_nat_used_tuple: would ct with this tuple clash with a connection in
 * the table: is its inverse somebody's reply (or original) tuple */
static bool
used_tuple(struct ut_nat *nat, const struct ut_ct_tuple *t,
	   const struct ut_conn *ct)
{
	struct ut_ct_tuple reply;

	ut_nat_invert(&reply, t);
	return ut_ct_tuple_taken(ut_ct_engine_net(nat->e), &reply, ct->zone,
				 ct);
}

/* nf_nat_used_tuple_new refines the answer for a race between CPUs (a
 * reply-direction clash of two new entries): with one packet at a time
 * it is used_tuple. */

/* nf_nat_may_kill: a source-NATed entry past its TCP teardown, on an
 * ordinary timeout */
static bool
may_kill(const struct ut_conn *old)
{
	if (old->proto.tcp.state < UT_TCP_TIME_WAIT)
		return false;
	if (old->status & (UT_IPS_FIXED_TIMEOUT | UT_IPS_DYING))
		return false;
	return old->status & UT_IPS_SRC_NAT;
}

/* nf_nat_used_tuple_harder: in the last tries of a TCP SYN's port search
 * (at most NAT_HARDER_THRESH left), a clash with the reply of an entry in
 * TIME_WAIT or later whose sequence numbers the new SYN has passed is
 * resolved by killing that entry (its late packets would be invalid for
 * the new one anyway) */
static bool
used_tuple_harder(struct ut_nat *nat, const struct ut_ct_tuple *t,
		  const struct ut_conn *ct, unsigned attempts_left)
{
	struct ut_ct_tuple reply;
	struct ut_conn *old;
	enum ut_ct_dir dir;

	if (attempts_left > NAT_HARDER_THRESH || t->proto != IPPROTO_TCP_ ||
	    ct->proto.tcp.state != UT_TCP_SYN_SENT || !nat->cx)
		return used_tuple(nat, t, ct);
	ut_nat_invert(&reply, t);
	old = ut_ct_find(nat->cx, &reply, ut_ct_conn_zone(ct),
			 UT_CT_DIR_ORIGINAL, &dir);
	if (!old)
		return false;
	if (dir == UT_CT_DIR_ORIGINAL || old == ct || !may_kill(old))
		return true;
	/* nf_seq_has_advanced */
	if ((int32_t)(ct->proto.tcp.seen[0].td_end -
		      old->proto.tcp.seen[0].td_end) <= 0)
		return true;
	ut_ct_kill(nat->cx, old);
	return false;
}

/* ---- in range -------------------------------------------------------- */

static bool
port_in(uint16_t port, uint16_t min_nbo, uint16_t max_nbo)
{
	return port >= ut_get16((const uint8_t *)&min_nbo) &&
	       port <= ut_get16((const uint8_t *)&max_nbo);
}

/* l4proto_in_range */
static bool
l4proto_in_range(const struct ut_ct_tuple *t, enum ut_nat_manip manip,
		 uint16_t min, uint16_t max)
{
	switch (t->proto) {
	case IPPROTO_ICMP_:
		return port_in(t->sport, min, max);
	case IPPROTO_GRE_:
	case IPPROTO_TCP_:
	case IPPROTO_UDP_:
	case IPPROTO_UDPLITE_:
	case IPPROTO_SCTP_:
		return port_in(manip == UT_NAT_MANIP_SRC ? t->sport : t->dport,
			       min, max);
	default:
		return true;
	}
}

/* nf_in_range: would t (source-mapped) meet range */
static bool
in_range(const struct ut_ct_tuple *t, const struct ut_nat_range2 *r)
{
	if ((r->flags & UT_NAT_RANGE_MAP_IPS) &&
	    (host32(t->src) < host32(r->min_addr[0]) ||
	     host32(t->src) > host32(r->max_addr[0])))
		return false;
	if (!(r->flags & UT_NAT_RANGE_PROTO_SPECIFIED))
		return true;
	return l4proto_in_range(t, UT_NAT_MANIP_SRC, r->min_proto,
				r->max_proto);
}

/* ---- the source mappings (nf_nat_bysource) --------------------------- */

static size_t
bysrc_hash(const struct ut_nat *nat, uint32_t src, uint16_t sport,
	   uint8_t proto)
{
	uint32_t k[2] = { src, (uint32_t)sport << 8 | proto };

	return ut_jhash2(k, 2, 0) & (nat->n_buckets - 1);
}

/* an entry is live while its connection is: while its reply tuple is in
 * conntrack's table (for another connection than ct, the one being set
 * up) */
static bool
bysrc_live(struct ut_nat *nat, const struct ut_nat_src *s,
	   const struct ut_conn *ct)
{
	return ut_ct_tuple_taken(ut_ct_engine_net(nat->e), &s->reply, s->zone,
				 ct);
}

/* bysrc_sweep: drop the entries of connections that are gone */
static void
bysrc_sweep(struct ut_nat *nat, const struct ut_conn *ct)
{
	for (size_t b = 0; b < nat->n_buckets; b++) {
		struct ut_nat_src **pp = &nat->bysrc[b];

		while (*pp) {
			struct ut_nat_src *s = *pp;

			if (bysrc_live(nat, s, ct)) {
				pp = &s->next;
				continue;
			}
			*pp = s->next;
			free(s);
			nat->n_src--;
		}
	}
}

/* bysrc_make_room: room for one more entry: sweep the dead first, and double
 * the buckets while they are more than full */
static void
bysrc_make_room(struct ut_nat *nat, const struct ut_conn *ct)
{
	struct ut_nat_src **nb;
	size_t old = nat->n_buckets, n = old ? old * 2 : 64;

	if (nat->n_src < old)
		return;
	if (old)
		bysrc_sweep(nat, ct);
	if (nat->n_src < old / 2)
		return;
	nb = calloc(n, sizeof(*nb));
	if (!nb)
		return;  /* keep the old table, only fuller */
	nat->n_buckets = n;
	for (size_t b = 0; b < old; b++) {
		/* an old bucket's entries all go to one new bucket: moved
		 * in order, they stay newest first */
		struct ut_nat_src *s = nat->bysrc[b], *next;

		for (; s; s = next) {
			struct ut_nat_src **pp;

			next = s->next;
			pp = &nb[bysrc_hash(nat, s->src, s->sport, s->proto)];
			while (*pp)
				pp = &(*pp)->next;
			s->next = NULL;
			*pp = s;
		}
	}
	free(nat->bysrc);
	nat->bysrc = nb;
}

static void
bysrc_add(struct ut_nat *nat, const struct ut_conn *ct)
{
	const struct ut_ct_tuple *o = &ct->tuple[UT_CT_DIR_ORIGINAL];
	struct ut_nat_src *s;
	size_t h;

	bysrc_make_room(nat, ct);
	if (!nat->n_buckets)
		return;
	s = calloc(1, sizeof(*s));
	if (!s)
		return;  /* the mapping is only not reused */
	s->src = o->src;
	s->sport = o->sport;
	s->proto = o->proto;
	s->zone = ct->zone;
	s->reply = ct->tuple[UT_CT_DIR_REPLY];
	s->ct_id = ct->id;
	h = bysrc_hash(nat, s->src, s->sport, s->proto);
	s->next = nat->bysrc[h];
	nat->bysrc[h] = s;
	nat->n_src++;
}

void
ut_nat_bysrc_free(struct ut_nat *nat)
{
	for (size_t b = 0; b < nat->n_buckets; b++) {
		struct ut_nat_src *s = nat->bysrc[b], *next;

		for (; s; s = next) {
			next = s->next;
			free(s);
		}
	}
	free(nat->bysrc);
	nat->bysrc = NULL;
	nat->n_buckets = nat->n_src = 0;
}

/* find_appropriate_src: the mapping of the newest live connection from
 * t's source (address, port, protocol, zone) whose mapped source is in
 * range, into result (t's destination kept) */
static bool
find_appropriate_src(struct ut_nat *nat, const struct ut_ct_tuple *t,
		     struct ut_ct_tuple *result,
		     const struct ut_nat_range2 *range,
		     const struct ut_conn *ct)
{
	struct ut_nat_src **pp;

	if (!nat->n_buckets)
		return false;
	pp = &nat->bysrc[bysrc_hash(nat, t->src, t->sport, t->proto)];
	while (*pp) {
		struct ut_nat_src *s = *pp;

		if (s->src != t->src || s->sport != t->sport ||
		    s->proto != t->proto || s->zone != ct->zone) {
			pp = &s->next;
			continue;
		}
		if (!bysrc_live(nat, s, ct)) {
			*pp = s->next;
			free(s);
			nat->n_src--;
			continue;
		}
		ut_nat_invert(result, &s->reply);
		result->dst = t->dst;
		result->dport = t->dport;
		if (in_range(result, range))
			return true;
		pp = &s->next;
	}
	return false;
}

/* ---- the address and the port ---------------------------------------- */

/* find_best_ips_proto */
static void
find_best_ips(struct ut_ct_tuple *t, const struct ut_nat_range2 *range,
	      const struct ut_conn *ct, enum ut_nat_manip manip)
{
	uint32_t ip;

	if (!(range->flags & UT_NAT_RANGE_MAP_IPS))
		return;
	ip = ut_nat_pick_ip(t->src, t->dst, ct->zone, range->min_addr[0],
			    range->max_addr[0],
			    range->flags & UT_NAT_RANGE_PERSISTENT);
	if (manip == UT_NAT_MANIP_SRC)
		t->src = ip;
	else
		t->dst = ip;
}

/* the key nf_nat_l4proto_unique_tuple searches, and its range */
struct l4_search {
	uint16_t *key;
	unsigned min, size;
};

/* unique_search_range: where to search for t's protocol; false: the
 * protocol's part is not changed */
static bool
unique_search_range(struct ut_ct_tuple *t, const struct ut_nat_range2 *range,
		    enum ut_nat_manip manip, struct l4_search *s)
{
	unsigned min = ut_get16((const uint8_t *)&range->min_proto);
	unsigned max = ut_get16((const uint8_t *)&range->max_proto);
	bool specified = range->flags & UT_NAT_RANGE_PROTO_SPECIFIED;

	switch (t->proto) {
	case IPPROTO_ICMP_:
		/* the id is the same for both directions */
		s->key = &t->sport;
		s->min = specified ? min : 0;
		s->size = specified ? max - min + 1 : 65536;
		return true;
	case IPPROTO_GRE_:
		/* only PPTP's (an expected connection) has keys to map */
		return false;
	case IPPROTO_TCP_:
	case IPPROTO_UDP_:
	case IPPROTO_UDPLITE_:
	case IPPROTO_SCTP_:
		s->key = manip == UT_NAT_MANIP_SRC ? &t->sport : &t->dport;
		break;
	default:
		return false;
	}
	if (specified) {
		if (max < min) {
			unsigned tmp = max;

			max = min;
			min = tmp;
		}
		s->min = min;
		s->size = max - min + 1;
		return true;
	}
	/* the destination port is not changed without a range */
	if (manip == UT_NAT_MANIP_DST)
		return false;
	/* keep privileged ports privileged: below 512 (credential
	 * passing), 600-1023, or the rest */
	if (*s->key < 512) {
		s->min = 1;
		s->size = 511;
	} else if (*s->key < 1024) {
		s->min = 600;
		s->size = 1023 - 600 + 1;
	} else {
		s->min = 1024;
		s->size = 65535 - 1024 + 1;
	}
	return true;
}

/* nf_nat_l4proto_unique_tuple */
static void
l4proto_unique_tuple(struct ut_nat *nat, struct ut_ct_tuple *t,
		     const struct ut_nat_range2 *range,
		     enum ut_nat_manip manip, const struct ut_conn *ct)
{
	struct l4_search s;
	unsigned attempts;
	uint16_t off;  /* 16 bits, as the kernel's: it wraps */

	if (!unique_search_range(t, range, manip, &s))
		return;
	if (range->flags & UT_NAT_RANGE_PROTO_OFFSET)
		off = (uint16_t)(*s.key -
				 ut_get16((const uint8_t *)&range->base_proto));
	else if ((range->flags & NAT_RANDOM_ALL) || manip != UT_NAT_MANIP_DST)
		off = (uint16_t)ut_engine_random_u32(nat->e);
	else
		off = 0;
	attempts = s.size < NAT_MAX_ATTEMPTS ? s.size : NAT_MAX_ATTEMPTS;
	for (;;) {
		for (unsigned i = 0; i < attempts; i++, off++) {
			*s.key = (uint16_t)(s.min + off % s.size);
			if (!used_tuple_harder(nat, t, ct, attempts - i))
				return;
		}
		/* smaller rounds from new offsets, until 16 tries */
		if (attempts >= s.size || attempts < 16)
			return;
		attempts /= 2;
		off = (uint16_t)ut_engine_random_u32(nat->e);
	}
}

void
ut_nat_get_unique_tuple(struct ut_nat *nat, struct ut_ct_tuple *tuple,
			const struct ut_ct_tuple *orig,
			const struct ut_nat_range2 *range, struct ut_conn *ct,
			enum ut_nat_manip manip)
{
	uint32_t flags = range->flags;

	/* 1) source NAT: keep the tuple, or reuse the source's mapping */
	if (manip == UT_NAT_MANIP_SRC && !(flags & NAT_RANDOM_ALL)) {
		if (in_range(orig, range)) {
			if (!used_tuple(nat, orig, ct)) {
				*tuple = *orig;
				return;
			}
		} else if (find_appropriate_src(nat, orig, tuple, range, ct)) {
			if (!used_tuple(nat, tuple, ct))
				return;
		}
	}
	/* 2) the address */
	*tuple = *orig;
	find_best_ips(tuple, range, ct, manip);
	/* 3) the port, kept when it is in range and unique */
	if (!(flags & NAT_RANDOM_ALL)) {
		if (flags & UT_NAT_RANGE_PROTO_SPECIFIED) {
			if (!(flags & UT_NAT_RANGE_PROTO_OFFSET) &&
			    l4proto_in_range(tuple, manip, range->min_proto,
					     range->max_proto) &&
			    (range->min_proto == range->max_proto ||
			     !used_tuple(nat, tuple, ct)))
				return;
		} else if (!used_tuple(nat, tuple, ct)) {
			return;
		}
	}
	l4proto_unique_tuple(nat, tuple, range, manip, ct);
}

/* ---- nf_nat_setup_info ------------------------------------------------- */

unsigned
ut_nat_setup_info(struct ut_engine *e, struct ut_conn *ct,
		  const struct ut_nat_range2 *range, enum ut_nat_manip manip)
{
	struct ut_ct_tuple curr, tuple;

	if (ut_ct_confirmed(ct))
		return UT_NF_ACCEPT;
	if (!e->nat || ut_nat_initialized(ct, manip))
		return UT_NF_DROP;
	/* the tuple the packets have now: the inverse of the reply (which
	 * an earlier manipulation may have altered) */
	ut_nat_invert(&curr, &ct->tuple[UT_CT_DIR_REPLY]);
	ut_nat_get_unique_tuple(e->nat, &tuple, &curr, range, ct, manip);
	if (!ut_ct_tuple_equal(&tuple, &curr)) {
		struct ut_ct_tuple reply;

		ut_nat_invert(&reply, &tuple);
		ut_ct_alter_reply(ct, &reply);
		ct->status |= manip == UT_NAT_MANIP_SRC ? UT_IPS_SRC_NAT :
			      UT_IPS_DST_NAT;
		/* a helper's connection (ftp) also needs the sequence
		 * adjustment (nfct_seqadj_ext_add): the helper's NAT part
		 * sets ct->seqadj up when it first changes a length */
	}
	if (manip == UT_NAT_MANIP_SRC)
		bysrc_add(e->nat, ct);
	ct->status |= manip == UT_NAT_MANIP_SRC ? UT_IPS_SRC_NAT_DONE :
		      UT_IPS_DST_NAT_DONE;
	return UT_NF_ACCEPT;
}

/* __nf_nat_alloc_null_binding: the range of the one address the packets
 * have now (the reply's, in case it was already mangled), ports left to
 * the protocol */
unsigned
ut_nat_alloc_null_binding(struct ut_engine *e, struct ut_conn *ct,
			  enum ut_hook hook)
{
	enum ut_nat_manip manip = ut_nat_hook2manip(hook);
	const struct ut_ct_tuple *r = &ct->tuple[UT_CT_DIR_REPLY];
	uint32_t ip = manip == UT_NAT_MANIP_SRC ? r->dst : r->src;
	struct ut_nat_range2 range = {
		.flags = UT_NAT_RANGE_MAP_IPS,
		.min_addr = { ip },
		.max_addr = { ip },
	};

	return ut_nat_setup_info(e, ct, &range, manip);
}

uint32_t
ut_nat_netmap(uint32_t addr, uint32_t min_ip, uint32_t max_ip)
{
	uint32_t netmask = ~(min_ip ^ max_ip);

	return (addr & ~netmask) | (min_ip & netmask);
}

void
ut_nat_range_from_mrc(struct ut_nat_range2 *r,
		      const struct ut_nat_ipv4_mrc *mr)
{
	*r = (struct ut_nat_range2){
		.flags = mr->range[0].flags,
		.min_addr = { mr->range[0].min_ip },
		.max_addr = { mr->range[0].max_ip },
		.min_proto = mr->range[0].min,
		.max_proto = mr->range[0].max,
	};
}
