/* proto_udp.c: UDP and UDP-Lite (nf_conntrack_proto_udp): a flow is
 * "unreplied" (udp_timeout) until the reply direction is seen; replies
 * that continue more than 2 s after the first packet make it a stream
 * (udp_timeout_stream) and ASSURED. */
#include "conntrack/ct_int.h"

#define STREAM_DELAY_S 2

/* nf_ct_get_tuple_ports: the two ports are all the tuple needs */
static bool
udp_pkt_to_tuple(const uint8_t *l4, size_t len, struct ut_ct_tuple *t)
{
	if (len < 4)
		return false;
	t->sport = ut_get16(l4);
	t->dport = ut_get16(l4 + 2);
	return true;
}

/* udp_error: the header and its length; the checksum (when there is
 * one) only in PREROUTING and with nf_conntrack_checksum */
static bool
udp_error(struct ut_ct_ctx *cx, const struct ut_pkt *p, unsigned dataoff)
{
	const uint8_t *uh = p->ip + dataoff;
	size_t left = p->len - dataoff;
	unsigned ulen;

	if (left < 8) {
		ut_ct_log_invalid(cx, p, 17, "short packet");
		return false;
	}
	ulen = ut_get16(uh + 4);
	if (ulen > left || ulen < 8) {
		ut_ct_log_invalid(cx, p, 17, "truncated/malformed packet");
		return false;
	}
	if (ut_get16(uh + 6) == 0)
		return true;
	if (cx->sys->checksum && cx->hook == UT_HOOK_PRE_ROUTING &&
	    ut_l4_csum(p->ip, uh, ulen, 17) != 0) {
		ut_ct_log_invalid(cx, p, 17, "bad checksum");
		return false;
	}
	return true;
}

/* udplite_error: the checksum coverage (0: the whole datagram), and a
 * checksum is mandatory */
static bool
udplite_error(struct ut_ct_ctx *cx, const struct ut_pkt *p, unsigned dataoff)
{
	const uint8_t *uh = p->ip + dataoff;
	size_t left = p->len - dataoff;
	unsigned cscov;

	if (left < 8) {
		ut_ct_log_invalid(cx, p, 136, "short packet");
		return false;
	}
	cscov = ut_get16(uh + 4);
	if (cscov == 0) {
		cscov = (unsigned)left;
	} else if (cscov < 8 || cscov > left) {
		ut_ct_log_invalid(cx, p, 136, "invalid checksum coverage");
		return false;
	}
	if (ut_get16(uh + 6) == 0) {
		ut_ct_log_invalid(cx, p, 136, "checksum missing");
		return false;
	}
	if (cx->sys->checksum && cx->hook == UT_HOOK_PRE_ROUTING) {
		uint32_t sum = ut_csum_add(0, p->ip + UT_IP_OFF_SADDR, 8);

		sum += 136 + (uint32_t)left;
		if (ut_csum_fold(ut_csum_add(sum, uh, cscov)) != 0) {
			ut_ct_log_invalid(cx, p, 136, "bad checksum");
			return false;
		}
	}
	return true;
}

static int
udp_packet(struct ut_ct_ctx *cx, struct ut_conn *ct, struct ut_pkt *p,
	   unsigned dataoff, unsigned ctinfo)
{
	uint64_t now = ut_engine_jiffies64(cx->e);

	(void)p;
	(void)dataoff;
	(void)ctinfo;
	if (!ut_ct_confirmed(ct) && !ct->proto.udp.stream_ts)
		ct->proto.udp.stream_ts = now +
			(uint64_t)STREAM_DELAY_S * ut_engine_hz(cx->e);
	if (!(ct->status & UT_IPS_SEEN_REPLY)) {
		ut_ct_refresh(cx, ct, (uint32_t)cx->sys->udp_timeout);
		return UT_NF_ACCEPT;
	}
	if (now > ct->proto.udp.stream_ts) {
		bool stream = !(ct->status & UT_IPS_ASSURED);

		ut_ct_refresh(cx, ct, (uint32_t)cx->sys->udp_timeout_stream);
		if (stream) {
			ct->status |= UT_IPS_ASSURED;
			ut_ct_event(cx, ct, UT_CT_EV_ASSURED);
		}
	} else {
		ut_ct_refresh(cx, ct, (uint32_t)cx->sys->udp_timeout);
	}
	return UT_NF_ACCEPT;
}

const struct ut_ct_l4proto ut_ct_l4proto_udp = {
	.proto = 17,
	.pkt_to_tuple = udp_pkt_to_tuple,
	.error = udp_error,
	.packet = udp_packet,
};

const struct ut_ct_l4proto ut_ct_l4proto_udplite = {
	.proto = 136,
	.pkt_to_tuple = udp_pkt_to_tuple,
	.error = udplite_error,
	.packet = udp_packet,
};
