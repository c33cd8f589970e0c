/* pkt.c: packet buffers and Internet checksums. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "engine/pkt.h"
#include "host/host.h"

/* A packet and its buffer are one allocation: the buffer follows the
 * struct (one malloc and one free per packet, and malloc rather than
 * calloc, which glibc serves without its per-thread cache). A buffer
 * that must leave the block (it grows, ut_pkt_swap_data gives it to
 * another packet) gets an allocation of its own. */
static uint8_t *
inline_buf(const struct ut_pkt *p)
{
	return (uint8_t *)(uintptr_t)(p + 1);
}

static struct ut_pkt *
pkt_alloc(size_t cap)
{
	struct ut_pkt *p = malloc(sizeof(*p) + cap);

	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->buf = inline_buf(p);
	p->cap = cap;
	return p;
}

/* detach_buf: the buffer into an allocation of its own of cap bytes
 * (cap >= p->cap) */
static bool
detach_buf(struct ut_pkt *p, size_t cap)
{
	size_t off = (size_t)(p->ip - p->buf);
	uint8_t *buf;

	if (p->buf != inline_buf(p)) {
		buf = cap > p->cap ? realloc(p->buf, cap) : p->buf;
	} else {
		buf = malloc(cap);
		if (buf)
			memcpy(buf, p->buf, p->cap);
	}
	if (!buf)
		return false;
	p->buf = buf;
	p->cap = cap;
	p->ip = buf + off;
	return true;
}

struct ut_pkt *
ut_pkt_new(const uint8_t *ip, uint32_t len, uint32_t room)
{
	struct ut_pkt *p;

	if (room < len)
		room = len;
	p = pkt_alloc(UT_PKT_HEADROOM + (size_t)room);
	if (!p)
		return NULL;
	p->ip = p->buf + UT_PKT_HEADROOM;
	if (len)
		memcpy(p->ip, ip, len);
	p->len = len;
	return p;
}

struct ut_pkt *
ut_pkt_clone(const struct ut_pkt *p)
{
	struct ut_pkt *c = pkt_alloc(p->cap);

	if (!c)
		return NULL;
	*c = *p;
	c->buf = inline_buf(c);
	memcpy(c->buf, p->buf, p->cap);
	c->ip = c->buf + (p->ip - p->buf);
	if (p->frag_lens) {
		/* pskb_copy shares the frag_list: the copy keeps the shape */
		c->frag_lens = malloc(p->n_frags * sizeof(*p->frag_lens));
		if (!c->frag_lens)
			c->n_frags = 0;
		else
			memcpy(c->frag_lens, p->frag_lens,
			       p->n_frags * sizeof(*p->frag_lens));
	}
	if (c->nfct)
		c->nfct_get(c->nfct);
	return c;
}

void
ut_pkt_free(struct ut_pkt *p)
{
	if (!p)
		return;
	if (p->nfct)
		p->nfct_put(p->nfct);
	free(p->frag_lens);
	if (p->buf != inline_buf(p))
		free(p->buf);
	free(p);
}

bool
ut_pkt_resize(struct ut_pkt *p, uint32_t newlen)
{
	size_t off = (size_t)(p->ip - p->buf);

	/* room for a later growth too, as TAILROOM gives new ones */
	if (off + newlen > p->cap &&
	    !detach_buf(p, off + (size_t)newlen + UT_PKT_TAILROOM))
		return false;
	if (newlen > p->len)
		memset(p->ip + p->len, 0, newlen - p->len);
	p->len = newlen;
	return true;
}

uint8_t *
ut_pkt_push_eth(struct ut_pkt *p, const uint8_t dst[6], const uint8_t src[6],
		uint16_t ethertype)
{
	uint8_t *eth = p->ip - UT_ETH_HLEN;

	/* the headroom holds any Ethernet header, and the datagram fits */
	assert(p->ip - p->buf >= UT_ETH_HLEN);
	assert((size_t)(p->ip - p->buf) + p->len <= p->cap);
	memcpy(eth, dst, 6);
	memcpy(eth + 6, src, 6);
	ut_put16(eth + 12, ethertype);
	return eth;
}

uint8_t *
ut_pkt_push_eth_vlan(struct ut_pkt *p, const uint8_t dst[6],
		     const uint8_t src[6], uint16_t vid, uint16_t ethertype)
{
	uint8_t *eth = p->ip - UT_ETH_HLEN - 4;

	assert(p->ip - p->buf >= UT_ETH_HLEN + 4);
	assert((size_t)(p->ip - p->buf) + p->len <= p->cap);
	memcpy(eth, dst, 6);
	memcpy(eth + 6, src, 6);
	ut_put16(eth + 12, UT_ETH_P_8021Q);
	ut_put16(eth + 14, vid);
	ut_put16(eth + 16, ethertype);
	return eth;
}

uint32_t
ut_csum_add(uint32_t sum, const void *data, size_t len)
{
	const uint8_t *b = data;
	uint64_t s = sum;

	/* four 16-bit words a step (the same sum: conntrack verifies every
	 * segment's checksum) */
	while (len >= 8) {
		s += ((uint32_t)b[0] << 8 | b[1]) + ((uint32_t)b[2] << 8 | b[3]) +
		     ((uint32_t)b[4] << 8 | b[5]) + ((uint32_t)b[6] << 8 | b[7]);
		b += 8;
		len -= 8;
	}
	while (len > 1) {
		s += (uint32_t)b[0] << 8 | b[1];
		b += 2;
		len -= 2;
	}
	if (len)
		s += (uint32_t)b[0] << 8;
	while (s >> 32)
		s = (s & 0xffffffffu) + (s >> 32);
	/* keep the running sum in 32 bits without losing carries */
	s = (s & 0xffff) + (s >> 16);
	return (uint32_t)s;
}

uint16_t
ut_csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

void
ut_ip_send_check(uint8_t *iph)
{
	unsigned hlen = (iph[0] & 0x0fu) * 4u;

	iph[UT_IP_OFF_CSUM] = 0;
	iph[UT_IP_OFF_CSUM + 1] = 0;
	ut_put16(iph + UT_IP_OFF_CSUM, ut_csum_fold(ut_csum_add(0, iph, hlen)));
}

uint16_t
ut_l4_csum(const uint8_t *iph, const uint8_t *seg, size_t len, uint8_t proto)
{
	uint8_t pseudo[12];
	uint32_t sum;

	memcpy(pseudo, iph + UT_IP_OFF_SADDR, 8);
	pseudo[8] = 0;
	pseudo[9] = proto;
	ut_put16(pseudo + 10, (uint16_t)len);
	sum = ut_csum_add(0, pseudo, sizeof(pseudo));
	sum = ut_csum_add(sum, seg, len);
	return ut_csum_fold(sum);
}

/* csum_add with the end-around carry of the kernel's 32-bit sums */
static uint32_t
csum32_add(uint32_t a, uint32_t b)
{
	uint32_t r = a + b;

	return r + (r < b);
}

void
ut_csum_replace4(uint8_t *sum, uint32_t from, uint32_t to)
{
	uint32_t s = csum32_add(~(uint32_t)ut_get16(sum), ~from);

	s = csum32_add(s, to);
	ut_put16(sum, ut_csum_fold(s));
}

void
ut_csum_replace2(uint8_t *sum, uint16_t from, uint16_t to)
{
	ut_csum_replace4(sum, from, to);
}

void
ut_ipv4_change_dsfield(uint8_t *iph, uint8_t mask, uint8_t value)
{
	uint32_t check = ut_get16(iph + UT_IP_OFF_CSUM);
	uint8_t ds = (uint8_t)((iph[UT_IP_OFF_TOS] & mask) | value);

	/* the kernel's own one's-complement steps, not a generic update:
	 * its 0x0000/0xffff results are what leaves the host */
	check += iph[UT_IP_OFF_TOS];
	if ((check + 1) >> 16)
		check = (check + 1) & 0xffff;
	check -= ds;
	check += check >> 16;
	ut_put16(iph + UT_IP_OFF_CSUM, (uint16_t)check);
	iph[UT_IP_OFF_TOS] = ds;
}

/* each reason's name (run --json) and what it means (trace) */
static const struct {
	const char *name, *why;
} drops[UT_DROP_MAX] = {
	[UT_DROP_NONE] = { "none", "" },
	[UT_DROP_L2_SHORT] = { "l2-short", "before netfilter: the frame is "
			       "shorter than an Ethernet header" },
	[UT_DROP_L2_OVERSIZE] = { "l2-oversize", "before netfilter: the "
				  "frame is longer than the link's MTU + 18" },
	[UT_DROP_L2_OTHERHOST] = { "l2-otherhost", "before netfilter: the "
				   "destination MAC is not the interface's "
				   "(PACKET_OTHERHOST)" },
	[UT_DROP_L2_ETHERTYPE] = { "l2-ethertype", "before netfilter: not "
				   "IPv4 or ARP (or a VLAN tag other than "
				   "0 without a VLAN device for it)" },
	[UT_DROP_LINK_DOWN] = { "link-down", "before netfilter: the "
				"receiving device is down (link set down)" },
	[UT_DROP_IP_HDR] = { "ip-header", "before netfilter: a bad IP header "
			     "(version, header length or total length)" },
	[UT_DROP_IP_CSUM] = { "ip-checksum", "before netfilter: the IP header "
			      "checksum is wrong" },
	[UT_DROP_MARTIAN] = { "martian", "routing: a martian source or "
			      "destination address" },
	[UT_DROP_NO_ROUTE] = { "no-route", "routing: no route to the "
			       "destination" },
	[UT_DROP_RPFILTER] = { "rp-filter", "routing: the reverse path "
			       "filter (rp_filter) refused the source" },
	[UT_DROP_IP_OPTIONS] = { "ip-options", "a bad IP option or a source "
				 "route" },
	[UT_DROP_TTL] = { "ttl-expired", "forwarding: the TTL ran out" },
	[UT_DROP_FRAG_NEEDED] = { "frag-needed", "too big for the route's "
				  "MTU with DF set" },
	[UT_DROP_NO_NEIGH] = { "no-neighbour", "the next hop's MAC address "
			       "is not known (ARP failed or its queue was "
			       "full)" },
	[UT_DROP_NOT_FORWARDED] = { "not-forwarded", "routing: forwarding is "
				    "off, or the packet is for no one here" },
	[UT_DROP_NETFILTER] = { "netfilter", "a rule or policy said DROP" },
	[UT_DROP_QUEUE] = { "queue-no-listener", "QUEUE/NFQUEUE without a "
			    "listener" },
	[UT_DROP_REASM] = { "reassembly", "incomplete or bad fragments" },
	[UT_DROP_ARP] = { "arp", "an ARP frame the host does not answer" },
	[UT_DROP_NOT_SENT] = { "refused-by-socket", "the sending socket "
			       "refused it (EMSGSIZE)" },
};

const uint8_t *
ut_pkt_mac_header(const struct ut_pkt *p, const struct ut_iface *dev)
{
	/* loopback_xmit leaves eth_type_trans' view of the zeroed header
	 * eth_header builds on lo: 12 zero bytes and ETH_P_IP */
	static const uint8_t lo_hdr[UT_ETH_HLEN] = { [12] = 0x08 };

	if (p->has_mac)
		return p->mac;
	if (dev && dev->loopback)
		return lo_hdr;
	return NULL;
}

const char *
ut_drop_reason_name(enum ut_drop_reason r)
{
	if ((unsigned)r >= UT_DROP_MAX || !drops[r].name)
		return "?";
	return drops[r].name;
}

const char *
ut_drop_reason_why(enum ut_drop_reason r)
{
	if ((unsigned)r >= UT_DROP_MAX || !drops[r].why)
		return "?";
	return drops[r].why;
}

static void
swap_geometry(struct ut_pkt *a, struct ut_pkt *b)
{
	uint16_t max = a->frag_max_size, *lens = a->frag_lens;
	bool pmtu = a->frag_pmtu;
	uint8_t n = a->n_frags;

	a->frag_max_size = b->frag_max_size;
	a->frag_pmtu = b->frag_pmtu;
	a->n_frags = b->n_frags;
	a->frag_lens = b->frag_lens;
	b->frag_max_size = max;
	b->frag_pmtu = pmtu;
	b->n_frags = n;
	b->frag_lens = lens;
}

bool
ut_pkt_swap_data(struct ut_pkt *a, struct ut_pkt *b)
{
	uint8_t *buf, *ip;
	size_t cap;
	uint32_t len;

	/* the buffers change hands: neither may stay in its packet's block */
	if (!detach_buf(a, a->cap) || !detach_buf(b, b->cap))
		return false;
	buf = a->buf;
	ip = a->ip;
	cap = a->cap;
	len = a->len;

	a->buf = b->buf;
	a->ip = b->ip;
	a->cap = b->cap;
	a->len = b->len;
	b->buf = buf;
	b->ip = ip;
	b->cap = cap;
	b->len = len;
	swap_geometry(a, b);
	/* the fragments' buffers go with the data */
	{
		uint16_t ends[UT_PKT_MAX_BLOCKS];
		uint8_t n = a->n_blocks;

		memcpy(ends, a->block_end, sizeof(ends));
		memcpy(a->block_end, b->block_end, sizeof(ends));
		a->n_blocks = b->n_blocks;
		memcpy(b->block_end, ends, sizeof(ends));
		b->n_blocks = n;
	}
	return true;
}
