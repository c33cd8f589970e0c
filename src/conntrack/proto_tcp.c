/* proto_tcp.c: placeholder until the TCP tracker lands (replaced by
 * nf_conntrack_proto_tcp's model): ports only, no state machine. */
#include "conntrack/ct_int.h"

static bool
tcp_pkt_to_tuple(const uint8_t *l4, size_t len, struct ut_ct_tuple *t)
{
	if (len < 8)
		return false;
	t->sport = ut_get16(l4);
	t->dport = ut_get16(l4 + 2);
	return true;
}

static int
tcp_packet(struct ut_ct_ctx *cx, struct ut_conn *ct, struct ut_pkt *p,
	   unsigned dataoff, unsigned ctinfo)
{
	(void)p;
	(void)dataoff;
	(void)ctinfo;
	ut_ct_refresh(cx, ct, (uint32_t)cx->sys->generic_timeout);
	return UT_NF_ACCEPT;
}

const struct ut_ct_l4proto ut_ct_l4proto_tcp = {
	.proto = 6,
	.pkt_to_tuple = tcp_pkt_to_tuple,
	.packet = tcp_packet,
	.name = "tcp",
};
