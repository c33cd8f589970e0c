/* proto_generic.c: protocols without a tracker of their own
 * (nf_conntrack_proto_generic): one entry per address pair and
 * protocol, refreshed by every packet, nf_conntrack_generic_timeout. */
#include "conntrack/ct_int.h"

static int
generic_packet(struct ut_ct_ctx *cx, struct ut_conn *ct, struct ut_pkt *p,
	       unsigned dataoff, unsigned ctinfo)
{
	(void)p;
	(void)dataoff;
	(void)ctinfo;
	ut_ct_refresh(cx, ct, (uint32_t)cx->sys->generic_timeout);
	return UT_NF_ACCEPT;
}

const struct ut_ct_l4proto ut_ct_l4proto_generic = {
	.proto = 255,
	.packet = generic_packet,
};

const struct ut_ct_l4proto *
ut_ct_l4proto_find(uint8_t proto)
{
	switch (proto) {
	case 1:
		return &ut_ct_l4proto_icmp;
	case 6:
		return &ut_ct_l4proto_tcp;
	case 17:
		return &ut_ct_l4proto_udp;
	case 47:
		return &ut_ct_l4proto_gre;
	case 132:
		return &ut_ct_l4proto_sctp;
	case 136:
		return &ut_ct_l4proto_udplite;
	default:
		return &ut_ct_l4proto_generic;
	}
}
