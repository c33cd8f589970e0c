/* nat_proto.c: changing a packet to follow its connection's binding (the
 * kernel's nf_nat_proto.c): the transport part first (ports, the ICMP
 * query id, with the checksum updated for the address change of the
 * pseudo-header too), then the IP address and header checksum.
 *
 * Checksums are updated incrementally, never recomputed, as the kernel
 * does for a packet whose checksum is complete (the engine has no
 * CHECKSUM_PARTIAL): a segment that arrived with a wrong checksum leaves
 * with a wrong one, and where the kernel's arithmetic gives 0x0000
 * rather than 0xffff, so does this (csum_replace4's 32-bit form). A UDP
 * checksum of 0 (none) stays 0; a UDP checksum that the update makes 0
 * becomes 0xffff (CSUM_MANGLED_0).
 */
#include "conntrack/ct_int.h"
#include "engine/engine.h"
#include "engine/pkt.h"
#include "nat/nat_int.h"

#define IPPROTO_ICMP_ 1
#define IPPROTO_TCP_ 6
#define IPPROTO_UDP_ 17
#define IPPROTO_UDPLITE_ 136
#define IPPROTO_SCTP_ 132

#define CSUM_MANGLED_0 0xffffu

/* ---- the kernel's checksum arithmetic (32-bit, end-around carry) ----- */

static uint32_t
csum_add(uint32_t a, uint32_t b)
{
	uint32_t r = a + b;

	return r + (r < b);
}

static uint16_t
csum_fold(uint32_t sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* One's complement sums do not depend on byte order, so the kernel's
 * arithmetic on little-endian loads gives the same bytes as this one on
 * network-order values. */
void
ut_nat_csum_replace4(uint8_t *sum, uint32_t from, uint32_t to)
{
	uint32_t tmp = csum_add(~(uint32_t)ut_get16(sum), ~from);

	ut_put16(sum, csum_fold(csum_add(tmp, to)));
}

void
ut_nat_csum_replace2(uint8_t *sum, uint16_t from, uint16_t to)
{
	ut_nat_csum_replace4(sum, from, to);
}

/* ---- the transport part --------------------------------------------- */

/* what one manipulation needs: the datagram, where its headers are, the
 * target and which side of it */
struct manip {
	struct ut_pkt *p;
	unsigned iphdroff, hdroff;
	const struct ut_ct_tuple *t;
	enum ut_nat_manip m;
};

static uint8_t *
iph(const struct manip *x)
{
	return x->p->ip + x->iphdroff;
}

/* nf_nat_ipv4_csum_update: the pseudo-header's address change in the
 * transport checksum at check */
static void
csum_update_addr(const struct manip *x, uint8_t *check)
{
	unsigned off = x->m == UT_NAT_MANIP_SRC ? UT_IP_OFF_SADDR :
			UT_IP_OFF_DADDR;
	uint32_t newip = x->m == UT_NAT_MANIP_SRC ? x->t->src : x->t->dst;

	ut_nat_csum_replace4(check, ut_get32(iph(x) + off),
			     ut_get32((const uint8_t *)&newip));
}

/* the new port of the manipulated side, and where it goes in a header
 * with the source port at 0 and the destination port at 2 */
static uint16_t
new_port(const struct manip *x)
{
	return x->m == UT_NAT_MANIP_SRC ? x->t->sport : x->t->dport;
}

static unsigned
port_off(const struct manip *x)
{
	return x->m == UT_NAT_MANIP_SRC ? 0 : 2;
}

/* ut_pkt bytes [0, len) are there (skb_ensure_writable) */
static bool
has(const struct manip *x, unsigned len)
{
	return len <= x->p->len;
}

/* udp_manip_pkt / udplite_manip_pkt: the checksum is updated when there
 * is one (UDP-Lite always has one) */
static bool
udp_manip(const struct manip *x, bool always_csum)
{
	uint8_t *h = x->p->ip + x->hdroff;
	uint8_t *portp = h + port_off(x);
	uint16_t newport = new_port(x);

	if (!has(x, x->hdroff + 8))
		return false;
	if (always_csum || ut_get16(h + 6) != 0) {
		csum_update_addr(x, h + 6);
		ut_nat_csum_replace2(h + 6, ut_get16(portp), newport);
		if (ut_get16(h + 6) == 0)
			ut_put16(h + 6, CSUM_MANGLED_0);
	}
	ut_put16(portp, newport);
	return true;
}

/* tcp_manip_pkt: conntrack guarantees 8 bytes; a quoted header (inside
 * an ICMP error) shorter than 20 keeps its checksum as it is */
static bool
tcp_manip(const struct manip *x)
{
	uint8_t *h = x->p->ip + x->hdroff;
	uint8_t *portp = h + port_off(x);
	uint16_t oldport = ut_get16(portp), newport = new_port(x);
	unsigned hdrsize = has(x, x->hdroff + 20) ? 20 : 8;

	if (!has(x, x->hdroff + hdrsize))
		return false;
	ut_put16(portp, newport);
	if (hdrsize < 20)
		return true;
	csum_update_addr(x, h + 16);
	ut_nat_csum_replace2(h + 16, oldport, newport);
	return true;
}

/* sctp_manip_pkt: ports, and the CRC32c recomputed over the packet when
 * the whole common header is there */
static uint32_t
crc32c(uint32_t crc, const uint8_t *b, size_t n)
{
	while (n--) {
		crc ^= *b++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0x82f63b78u & (0u - (crc & 1)));
	}
	return crc;
}

static bool
sctp_manip(const struct manip *x)
{
	uint8_t *h = x->p->ip + x->hdroff;
	unsigned hdrsize = has(x, x->hdroff + 12) ? 12 : 8;
	uint32_t crc;
	static const uint8_t zero[4];

	if (!has(x, x->hdroff + hdrsize))
		return false;
	ut_put16(h + port_off(x), new_port(x));
	if (hdrsize < 12)
		return true;
	/* sctp_compute_cksum: over the rest of the packet with the
	 * checksum field as zero, stored little-endian */
	crc = crc32c(~0u, h, 8);
	crc = crc32c(crc, zero, 4);
	crc = ~crc32c(crc, h + 12, x->p->len - x->hdroff - 12);
	h[8] = (uint8_t)crc;
	h[9] = (uint8_t)(crc >> 8);
	h[10] = (uint8_t)(crc >> 16);
	h[11] = (uint8_t)(crc >> 24);
	return true;
}

/* icmp_manip_pkt: the query id of the messages that have one (an error
 * keeps its header: its "id" bytes are something else) */
static bool
icmp_manip(const struct manip *x)
{
	uint8_t *h = x->p->ip + x->hdroff;

	if (!has(x, x->hdroff + 8))
		return false;
	switch (h[0]) {
	case 0:  /* echo reply */
	case 8:  /* echo */
	case 13: /* timestamp */
	case 14: /* timestamp reply */
	case 15: /* info request */
	case 16: /* info reply */
	case 17: /* address mask request */
	case 18: /* address mask reply */
		break;
	default:
		return true;
	}
	ut_nat_csum_replace2(h + 2, ut_get16(h + 4), x->t->sport);
	ut_put16(h + 4, x->t->sport);
	return true;
}

/* l4proto_manip_pkt: unknown protocols pass unchanged; GRE keys are not
 * translated (only PPTP's, which needs its helper) */
static bool
l4proto_manip(const struct manip *x)
{
	switch (x->t->proto) {
	case IPPROTO_TCP_:
		return tcp_manip(x);
	case IPPROTO_UDP_:
		return udp_manip(x, false);
	case IPPROTO_UDPLITE_:
		return udp_manip(x, true);
	case IPPROTO_SCTP_:
		return sctp_manip(x);
	case IPPROTO_ICMP_:
		return icmp_manip(x);
	default:
		return true;
	}
}

bool
ut_nat_ipv4_manip_pkt(struct ut_pkt *p, unsigned iphdroff,
		      const struct ut_ct_tuple *target,
		      enum ut_nat_manip manip)
{
	struct manip x = { .p = p, .iphdroff = iphdroff, .t = target,
			   .m = manip };
	unsigned off;
	uint32_t addr;

	if (iphdroff + 20 > p->len)
		return false;
	x.hdroff = iphdroff + (iph(&x)[0] & 0x0fu) * 4u;
	if (!l4proto_manip(&x))
		return false;
	off = manip == UT_NAT_MANIP_SRC ? UT_IP_OFF_SADDR : UT_IP_OFF_DADDR;
	addr = manip == UT_NAT_MANIP_SRC ? target->src : target->dst;
	ut_nat_csum_replace4(iph(&x) + UT_IP_OFF_CSUM, ut_get32(iph(&x) + off),
			     ut_get32((const uint8_t *)&addr));
	__builtin_memcpy(iph(&x) + off, &addr, 4);
	return true;
}

/* nf_ct_invert_tuple of a connection's tuple: NAT's targets are always
 * inverses of tuples conntrack made, which have one; the addresses are
 * swapped whatever the tracker says */
void
ut_nat_invert(struct ut_ct_tuple *inv, const struct ut_ct_tuple *t)
{
	if (!ut_ct_invert(inv, t)) {
		*inv = *t;
		inv->src = t->dst;
		inv->dst = t->src;
		inv->sport = t->dport;
		inv->dport = t->sport;
	}
}

unsigned
ut_nat_manip_pkt(struct ut_pkt *p, const struct ut_conn *ct,
		 enum ut_nat_manip manip, enum ut_ct_dir dir)
{
	struct ut_ct_tuple target;

	/* what the packet must look like: the inverse of the other
	 * direction */
	ut_nat_invert(&target, &ct->tuple[!dir]);
	return ut_nat_ipv4_manip_pkt(p, 0, &target, manip) ? UT_NF_ACCEPT :
	       UT_NF_DROP;
}

/* the status bit that says packets of direction dir are changed at a
 * hook of kind manip: a source NAT changes the original direction's
 * source and the reply direction's destination */
uint32_t
ut_nat_statusbit(enum ut_nat_manip manip, enum ut_ct_dir dir)
{
	uint32_t bit = manip == UT_NAT_MANIP_SRC ? UT_IPS_SRC_NAT :
		       UT_IPS_DST_NAT;

	return dir == UT_CT_DIR_REPLY ? bit ^ UT_IPS_NAT_MASK : bit;
}

unsigned
ut_nat_packet(struct ut_pkt *p, const struct ut_conn *ct, unsigned ctinfo,
	      enum ut_hook hook)
{
	enum ut_nat_manip manip = ut_nat_hook2manip(hook);
	enum ut_ct_dir dir = ut_ctinfo2dir(ctinfo);

	if (!(ct->status & ut_nat_statusbit(manip, dir)))
		return UT_NF_ACCEPT;
	return ut_nat_manip_pkt(p, ct, manip, dir);
}
