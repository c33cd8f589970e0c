/* arp.c: the host's ARP (net/ipv4/arp.c, the parts a described host
 * needs): requests for next hops without a neighbour entry, and replies to
 * requests for its addresses. ARP never traverses iptables. */
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"

static bool
pending_has(struct ut_engine *e, uint32_t ip, const struct ut_iface *dev)
{
	for (size_t i = 0; i < e->n_pending; i++)
		if (e->pending[i].ip == ip && e->pending[i].dev == dev)
			return true;
	return false;
}

static bool
pending_add(struct ut_engine *e, uint32_t ip, const struct ut_iface *dev)
{
	if (e->n_pending == e->cap_pending) {
		size_t cap = e->cap_pending ? 2 * e->cap_pending : 8;
		struct ut_pending_neigh *n =
			realloc(e->pending, cap * sizeof(*n));

		if (!n)
			return false;
		e->pending = n;
		e->cap_pending = cap;
	}
	e->pending[e->n_pending].ip = ip;
	e->pending[e->n_pending].dev = dev;
	e->n_pending++;
	return true;
}

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

/* arp_send(ARPOP_REQUEST) as arp_solicit builds it: the packet's source
 * if it is ours on this device, else the device's address towards the
 * target; target hardware address zero */
static void
arp_request(struct ut_engine *e, const struct ut_pkt *p,
	    const struct ut_iface *dev, uint32_t target)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t zero_mac[6];
	uint8_t arp[28];
	uint32_t sip = ut_ip_saddr_nbo(p);
	struct ut_pkt *req;

	if (ut_host_addr_type(e->host, sip, dev) != UT_RTN_LOCAL)
		sip = ut_host_select_addr(e->host, dev, target);
	arp_build(arp, 1, dev->mac, sip, zero_mac, target);
	req = ut_pkt_new(arp, sizeof(arp), sizeof(arp));
	if (!req)
		return;
	req->tstamp_ns = p->tstamp_ns;
	req->number = p->number;
	req->host_built = true;
	ut_sink_tx(e, req, dev, bcast, UT_ETH_P_ARP);
	ut_pkt_free(req);
}

/* the first request for a neighbour: Linux retries and queues, offline no
 * answer ever comes (docs/run.md) */
void
ut_arp_solicit(struct ut_engine *e, const struct ut_pkt *p,
	       const struct ut_iface *dev, uint32_t nexthop)
{
	if (!pending_has(e, nexthop, dev) && pending_add(e, nexthop, dev))
		arp_request(e, p, dev, nexthop);
}

/* arp_process, the part that answers: a request for one of our
 * addresses (arp_ignore 0: any local address) gets a reply from the
 * device it came in on. ARP never traverses iptables. */
void
ut_arp_rcv(struct ut_engine *e, const struct ut_iface *dev, uint64_t ts,
	unsigned long number, const uint8_t *arp, size_t len)
{
	uint8_t reply[28];
	uint32_t sip, tip;
	struct ut_rt rt;
	struct ut_pkt *p;

	if (len < 28 || ut_get16(arp) != 1 || ut_get16(arp + 2) !=
	    UT_ETH_P_IP || arp[4] != 6 || arp[5] != 4 ||
	    ut_get16(arp + 6) != 1) {
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
	 * target is ours on this device, without routing */
	if (sip == 0) {
		if (ut_host_addr_type(e->host, tip, dev) != UT_RTN_LOCAL) {
			ut_engine_drop(e, NULL, UT_DROP_ARP);
			return;
		}
	} else if (ut_route_input(e->host, tip, sip, 0, dev, 0, &rt) !=
	    UT_DROP_NONE || rt.type != UT_RTN_LOCAL) {
		ut_engine_drop(e, NULL, UT_DROP_ARP);
		return;
	}
	arp_build(reply, 2, dev->mac, tip, arp + 8, sip);
	p = ut_pkt_new(reply, sizeof(reply), sizeof(reply));
	if (!p)
		return;
	p->tstamp_ns = ts;
	p->number = number;
	p->host_built = true;
	ut_sink_tx(e, p, dev, arp + 8, UT_ETH_P_ARP);
	ut_pkt_free(p);
}
