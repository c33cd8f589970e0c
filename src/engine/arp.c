/* arp.c: the host's ARP (net/ipv4/arp.c, the parts a described host
 * needs): requests for next hops being resolved (neigh.c asks), replies
 * to requests for its addresses, and what arriving ARP teaches the
 * neighbour table. ARP never traverses iptables. */
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"

/* arp_create: an Ethernet/IPv4 ARP message (addresses network order) */
static void
arp_build(uint8_t arp[28], uint16_t op, const uint8_t sha[6], uint32_t sip,
	  const uint8_t tha[6], uint32_t tip)
{
	ut_put16(arp, 1);
	ut_put16(arp + 2, UT_ETH_P_IP);
	arp[4] = 6;
	arp[5] = 4;
	ut_put16(arp + 6, op);
	memcpy(arp + 8, sha, 6);
	memcpy(arp + 14, &sip, 4);
	memcpy(arp + 18, tha, 6);
	memcpy(arp + 24, &tip, 4);
}

/* arp_solicit: arp_send(ARPOP_REQUEST) to the broadcast address (or to
 * unicast: the probe of a known address; the target hardware address
 * stays zero either way): from
 * the source of the newest packet waiting (p) if it is one of ours, on
 * any device (arp_announce 0), else the device's address towards the target;
 * target hardware address zero. Stamped now: a retry is sent by the
 * entry's timer. */
void
ut_arp_solicit(struct ut_engine *e, const struct ut_pkt *p,
	       const struct ut_iface *dev, uint32_t target,
	       const uint8_t *unicast)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t zero_mac[6];
	uint8_t arp[28];
	uint32_t sip = p ? ut_ip_saddr_nbo(p) : 0;
	struct ut_pkt *req;

	/* inet_addr_type_dev_table: the local table, whatever the device */
	if (!p || ut_host_addr_type(e->host, sip, NULL) != UT_RTN_LOCAL)
		sip = ut_host_select_addr(e->host, dev, target);
	arp_build(arp, 1, dev->mac, sip, zero_mac, target);
	req = ut_pkt_new(arp, sizeof(arp), sizeof(arp));
	if (!req)
		return;
	req->tstamp_ns = ut_engine_now_ns(e);
	req->number = p ? p->number : 0;
	req->host_built = true;
	ut_sink_tx(e, req, dev, unicast ? unicast : bcast, UT_ETH_P_ARP);
	ut_pkt_free(req);
}

/* arp_reply: arp_send(ARPOP_REPLY) for a request for tip to its sender */
static void
arp_reply(struct ut_engine *e, const struct ut_iface *dev, uint64_t ts,
	  unsigned long number, const uint8_t *req, uint32_t tip, uint32_t sip)
{
	uint8_t reply[28];
	struct ut_pkt *p;

	arp_build(reply, 2, dev->mac, tip, req + 8, sip);
	p = ut_pkt_new(reply, sizeof(reply), sizeof(reply));
	if (!p)
		return;
	p->tstamp_ns = ts;
	p->number = number;
	p->host_built = true;
	ut_sink_tx(e, p, dev, req + 8, UT_ETH_P_ARP);
	ut_pkt_free(p);
}

/* learn: what the message tells the neighbour table (neigh.c), unless
 * HOST lists the sender (a PERMANENT entry does not change) */
static void
learn(struct ut_engine *e, const struct ut_iface *dev, uint32_t sip,
      const uint8_t *sha, bool reachable, bool create)
{
	if (!ut_neigh_lookup(e->host, sip, dev))
		ut_neigh_arp_update(e, dev, sip, sha, reachable, create);
}

/* arp_process: a request for one of our addresses (arp_ignore 0: any
 * local address) teaches us its sender and gets a reply from the device
 * it came in on; other requests and the replies update an entry the host
 * already has (a unicast reply makes it reachable: the entry being
 * resolved gets its address and sends what waited). to_us: the frame was
 * sent to our MAC (not broadcast). */
void
ut_arp_rcv(struct ut_engine *e, const struct ut_iface *dev, uint64_t ts,
	   unsigned long number, bool to_us, const uint8_t *mac,
	   const uint8_t *arp, size_t len)
{
	uint32_t sip, tip;
	uint16_t op;
	struct ut_rt rt;
	int why;

	op = len >= 28 ? ut_get16(arp + 6) : 0;
	if (len < 28 || ut_get16(arp) != 1 || ut_get16(arp + 2) !=
	    UT_ETH_P_IP || arp[4] != 6 || arp[5] != 4 || (op != 1 && op != 2)) {
		ut_engine_drop(e, NULL, UT_DROP_ARP);
		return;
	}
	memcpy(&sip, arp + 14, 4);
	memcpy(&tip, arp + 24, 4);
	if ((((const uint8_t *)&tip)[0] & 0xf0) == 0xe0 ||
	    (((const uint8_t *)&tip)[0] == 127 &&
	     !ut_iface_route_localnet(e->host, dev))) {
		ut_engine_drop(e, NULL, UT_DROP_ARP);
		return;
	}
	/* duplicate address detection (sender 0.0.0.0): answered when the
	 * target is ours (any device), without routing; nothing learnt */
	if (sip == 0) {
		if (op == 1 && ut_host_addr_type(e->host, tip, NULL) ==
		    UT_RTN_LOCAL)
			arp_reply(e, dev, ts, number, arp, tip, sip);
		else
			ut_engine_drop(e, NULL, UT_DROP_ARP);
		return;
	}
	if (op == 1) {
		/* ip_route_input_noref, its martian lines included */
		why = ut_route_input(e->host, tip, sip, 0, dev, 0, &rt);
		if (why == UT_DROP_NONE && rt.type == UT_RTN_LOCAL) {
			/* neigh_event_ns, then the reply */
			learn(e, dev, sip, arp + 8, false, true);
			arp_reply(e, dev, ts, number, arp, tip, sip);
			return;
		}
		if (why != UT_DROP_NONE)
			ut_log_martian(e, dev, mac, tip, sip, rt.martian);
	}
	learn(e, dev, sip, arp + 8, op == 2 && to_us, false);
	if (op == 1)
		ut_engine_drop(e, NULL, UT_DROP_ARP);
}
