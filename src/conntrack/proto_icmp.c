/* proto_icmp.c: ICMP queries (nf_conntrack_proto_icmp): a request
 * (echo, timestamp, info, address mask) starts a connection that its
 * reply (same id, the matching type) answers; the reply tuple of a
 * type without a partner does not exist (the packet is INVALID). Errors
 * are handled by the core (RELATED to the connection they quote). */
#include "conntrack/ct_int.h"

/* the reply type of each query type and back (0: none) */
static int
icmp_partner(uint8_t type)
{
	switch (type) {
	case 8: return 0;
	case 0: return 8;
	case 13: return 14;
	case 14: return 13;
	case 15: return 16;
	case 16: return 15;
	case 17: return 18;
	case 18: return 17;
	default: return -1;
	}
}

static bool
icmp_pkt_to_tuple(const uint8_t *l4, size_t len, struct ut_ct_tuple *t)
{
	if (len < 8)
		return false;
	t->dport = (uint16_t)(l4[0] << 8 | l4[1]);
	t->sport = ut_get16(l4 + 4);
	return true;
}

static bool
icmp_invert_tuple(struct ut_ct_tuple *inv, const struct ut_ct_tuple *orig)
{
	int type = icmp_partner((uint8_t)(orig->dport >> 8));

	if (type < 0)
		return false;
	inv->sport = orig->sport;
	inv->dport = (uint16_t)(type << 8 | (orig->dport & 0xffu));
	return true;
}

static bool
icmp_is_request(uint8_t type)
{
	return type == 8 || type == 13 || type == 15 || type == 17;
}

static int
icmp_packet(struct ut_ct_ctx *cx, struct ut_conn *ct, struct ut_pkt *p,
	    unsigned dataoff, unsigned ctinfo)
{
	(void)p;
	(void)dataoff;
	(void)ctinfo;
	/* only a request can have made the connection */
	if (!icmp_is_request((uint8_t)(ct->tuple[0].dport >> 8)))
		return UT_CT_VERDICT_INVALID;
	ut_ct_refresh(cx, ct, (uint32_t)cx->sys->icmp_timeout);
	return UT_NF_ACCEPT;
}

const struct ut_ct_l4proto ut_ct_l4proto_icmp = {
	.proto = 1,
	.pkt_to_tuple = icmp_pkt_to_tuple,
	.invert_tuple = icmp_invert_tuple,
	.packet = icmp_packet,
};
