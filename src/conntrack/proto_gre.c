/* proto_gre.c: GRE (nf_conntrack_proto_gre, Linux 6.18). Version 0 GRE
 * is tracked like a protocol without a tracker: one connection per
 * address pair, keys 0, whatever key the packet carries. Version 1 (the
 * enhanced GRE of PPTP, RFC 2637) is keyed by the call id: it is the
 * destination key; the source key comes from the keymap the PPTP helper
 * fills from the control connection, and without that helper (utables
 * has none) the map is empty and the source key 0. A version 1 packet of
 * another protocol than PPP has no tuple (INVALID).
 *
 * Timeouts: nf_conntrack_gre_timeout until both directions were seen,
 * then nf_conntrack_gre_timeout_stream and ASSURED; an entry keeps the
 * values it was created with. */
#include "conntrack/ct_int.h"

#define GRE_VERSION_MASK 0x0007u
#define GRE_VERSION_1 1u
#define GRE_PROTO_PPP 0x880bu

static bool
gre_pkt_to_tuple(const uint8_t *l4, size_t len, struct ut_ct_tuple *t)
{
	/* the base header: flags and version, protocol */
	if (len < 4 || (ut_get16(l4) & GRE_VERSION_MASK) != GRE_VERSION_1) {
		t->sport = t->dport = 0;
		return true;
	}
	/* up to the call id: shorter is keys 0 too */
	if (len < 8)
		return true;
	if (ut_get16(l4 + 2) != GRE_PROTO_PPP)
		return false;
	t->dport = ut_get16(l4 + 6);
	t->sport = 0;  /* the empty keymap's answer */
	return true;
}

static bool
gre_invert_tuple(struct ut_ct_tuple *inv, const struct ut_ct_tuple *orig)
{
	inv->sport = orig->dport;
	inv->dport = orig->sport;
	return true;
}

static int
gre_packet(struct ut_ct_ctx *cx, struct ut_conn *ct, struct ut_pkt *p,
	   unsigned dataoff, unsigned ctinfo)
{
	struct ut_ct_gre *g = &ct->proto.gre;

	(void)p;
	(void)dataoff;
	(void)ctinfo;
	if (!ut_ct_confirmed(ct)) {
		g->timeout = (uint32_t)cx->sys->gre_timeout;
		g->stream_timeout = (uint32_t)cx->sys->gre_timeout_stream;
	}
	if (!(ct->status & UT_IPS_SEEN_REPLY)) {
		ut_ct_refresh(cx, ct, g->timeout);
		return UT_NF_ACCEPT;
	}
	ut_ct_refresh(cx, ct, g->stream_timeout);
	if (!(ct->status & UT_IPS_ASSURED)) {
		ct->status |= UT_IPS_ASSURED;
		ut_ct_event(cx, ct, UT_CT_EV_ASSURED);
	}
	return UT_NF_ACCEPT;
}

const struct ut_ct_l4proto ut_ct_l4proto_gre = {
	.proto = 47,
	.pkt_to_tuple = gre_pkt_to_tuple,
	.invert_tuple = gre_invert_tuple,
	.packet = gre_packet,
};
