/* nat_icmp.c: ICMP errors about a NATed connection (the kernel's
 * nf_nat_icmp_reply_translation). An error is RELATED to the connection
 * of the packet it quotes; the quoted packet is what the connection's
 * peer saw, so it is translated back (the other manipulation, from the
 * other direction's tuple), the ICMP checksum is recomputed over the
 * message, and the outer header is changed as the connection's packets
 * of that direction are. Errors are never shown to the nat table: they
 * follow their connection's binding or pass unchanged.
 */
#include "engine/engine.h"
#include "engine/pkt.h"
#include "nat/nat_int.h"

#define ICMP_REDIRECT 5
#define ICMP_HDRLEN 8
#define IPPROTO_ICMP_ 1

/* nf_ip_checksum over the ICMP message: true when it is valid. The
 * kernel checks a packet whose checksum was not verified yet; after one
 * translation it stays valid, so checking again changes nothing. */
static bool
icmp_csum_ok(const struct ut_pkt *p, unsigned hdrlen)
{
	return ut_csum_fold(ut_csum_add(0, p->ip + hdrlen,
					p->len - hdrlen)) == 0;
}

/* a redirect is translated only for a connection bound both ways to
 * itself (both null bindings) */
static bool
redirect_ok(const struct ut_conn *ct)
{
	const uint32_t done = UT_IPS_SRC_NAT_DONE | UT_IPS_DST_NAT_DONE;

	return (ct->status & done) == done && !(ct->status & UT_IPS_NAT_MASK);
}

bool
ut_nat_icmp_reply_translation(struct ut_pkt *p, const struct ut_conn *ct,
			      unsigned ctinfo, enum ut_hook hook)
{
	enum ut_ct_dir dir = ut_ctinfo2dir(ctinfo);
	enum ut_nat_manip manip = ut_nat_hook2manip(hook);
	unsigned hdrlen = ut_ip_hlen(p);
	struct ut_ct_tuple target;
	uint8_t *icmp;

	/* the ICMP header and the quoted IP header must be there */
	if (hdrlen + ICMP_HDRLEN + 20 > p->len || !icmp_csum_ok(p, hdrlen))
		return false;
	icmp = p->ip + hdrlen;
	if (icmp[0] == ICMP_REDIRECT && !redirect_ok(ct))
		return false;
	if (!(ct->status & ut_nat_statusbit(manip, dir)))
		return true;
	/* the quoted packet went the other way: undo the other side's
	 * change (the other direction's tuple is what it looked like) */
	if (!ut_nat_ipv4_manip_pkt(p, hdrlen + ICMP_HDRLEN, &ct->tuple[!dir],
				   manip == UT_NAT_MANIP_SRC ?
				   UT_NAT_MANIP_DST : UT_NAT_MANIP_SRC))
		return false;
	icmp[2] = 0;
	icmp[3] = 0;
	ut_put16(icmp + 2, ut_csum_fold(ut_csum_add(0, icmp, p->len - hdrlen)));
	/* the outer header as the reply to the quoted packet; as ICMP, so
	 * that only an error-free header changes (an error has no id) */
	ut_nat_invert(&target, &ct->tuple[!dir]);
	target.proto = IPPROTO_ICMP_;
	return ut_nat_ipv4_manip_pkt(p, 0, &target, manip);
}
