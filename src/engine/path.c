/* path.c: the netfilter path of an IPv4 host, top to bottom, as Linux 6.x
 * walks it (the seed's "traversal of tables and chains"):
 *
 *   frame in ── L2 (our MAC? VLAN 0? ARP?) ── ip_rcv_core checks
 *     └─ PREROUTING: raw, [conntrack], mangle, [nat]
 *        └─ routing decision (ip_route_input), IP options
 *           ├─ local ── defrag ── INPUT: mangle, filter, security, [nat]
 *           │                       └─ delivered to the local stack
 *           ├─ forward ── TTL, MTU/DF, TTL-1 ── FORWARD: mangle, filter,
 *           │             security ── POSTROUTING (below)
 *           └─ unreachable ── ip_error (ICMP unreachable, rate-limited)
 *   local packet ── route (ip_route_output) ── OUTPUT: raw, [conntrack],
 *     mangle (re-route if it changed mark/addresses/tos), [nat], filter,
 *     security ── POSTROUTING: mangle, [nat], [conntrack confirm]
 *       └─ fragmentation ── neighbour ── frame out | loopback to PREROUTING
 *
 * At each hook the engine runs that hook's entries in the kernel's
 * priority order (hook.h): the tables, and the [bracketed] steps of
 * conntrack and NAT once they register there (until then the engine
 * refuses rule sets that need them, so they are not silently skipped).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conntrack/conntrack.h"
#include "engine/engine_int.h"
#include "engine/ipopt.h"
#include "engine/stack.h"
#include "rules/addr.h"

/* packets the host builds while handling one (ICMP errors, RSTs) may
 * themselves hit REJECT; the kernel stops that by not answering errors
 * and RSTs, we also bound the nesting */
#define MAX_DEPTH 8

static void ip_rcv_finish(struct ut_engine *e, struct ut_pkt *p,
			  const struct ut_rt *known_rt);

static void
drop(struct ut_engine *e, struct ut_pkt *p, enum ut_drop_reason why)
{
	ut_engine_drop(e, p, why);
	ut_pkt_free(p);
}

/* nf_hook_slow: the hook's entries in priority order (hook.h: tables,
 * and later conntrack and NAT). true: go on (p is still ours); false:
 * the packet was dropped (and freed). */
static bool
nf_hook(struct ut_engine *e, enum ut_hook hook, struct ut_pkt *p,
	const struct ut_iface *in, const struct ut_iface *out)
{
	const struct ut_hook_list *l = ut_hook_entries(e, hook);
	const struct ut_hook_state st = { .hook = hook, .in = in, .out = out };

	for (size_t i = 0; i < l->n; i++) {
		const struct ut_hook_entry *he = &l->entries[i];
		unsigned v = he->fn(e, he->priv, p, &st);

		switch (v & UT_NF_VERDICT_MASK) {
		case UT_NF_ACCEPT:
			continue;
		case UT_NF_QUEUE:
			/* nf_queue without a listener: -ESRCH; with
			 * --queue-bypass the next entry sees it */
			if (v & UT_NF_VERDICT_FLAG_QUEUE_BYPASS)
				continue;
			drop(e, p, UT_DROP_QUEUE);
			return false;
		case UT_NF_STOLEN:
			ut_pkt_free(p);
			return false;
		default:
			drop(e, p, UT_DROP_NETFILTER);
			return false;
		}
	}
	return true;
}

/* ---- transmit (the frame itself leaves through sink.c) ---------------------- */

/* ip_finish_output2 + neighbour output: the next hop's MAC (broadcast and
 * multicast map without ARP, HOST's neighbours are permanent). Another
 * next hop goes through the neighbour state machine (neigh.c): the
 * packet waits for ARP, and leaves or gets a host unreachable later. */
static void
neigh_output(struct ut_engine *e, struct ut_pkt *p, const struct ut_rt *rt)
{
	const struct ut_iface *dev = rt->dev;
	uint32_t nh = rt->nexthop;
	const uint8_t *nhb = (const uint8_t *)&nh;
	const struct ut_neigh *n;
	uint8_t mac[6];

	if (nh == 0xffffffffu ||
	    ut_host_addr_type(e->host, nh, dev) == UT_RTN_BROADCAST) {
		memset(mac, 0xff, 6);
	} else if ((nhb[0] & 0xf0) == 0xe0) {
		/* ip_eth_mc_map */
		mac[0] = 0x01;
		mac[1] = 0x00;
		mac[2] = 0x5e;
		mac[3] = nhb[1] & 0x7f;
		mac[4] = nhb[2];
		mac[5] = nhb[3];
	} else if ((n = ut_neigh_lookup(e->host, nh, dev))) {
		memcpy(mac, n->mac, 6);
	} else if (!ut_neigh_resolve(e, p, dev, nh, mac)) {
		return;
	}
	ut_sink_tx(e, p, dev, mac, UT_ETH_P_IP);
	ut_pkt_free(p);
}

/* ip_options_fragment: options without the "copied" bit become NOPs in
 * the fragments after the first */
static void
options_fragment(uint8_t *iph)
{
	unsigned hlen = (iph[0] & 0x0fu) * 4u;
	unsigned i = 20;

	while (i < hlen) {
		unsigned type = iph[i], len;

		if (type == 0)
			break;
		if (type == 1) {
			i++;
			continue;
		}
		if (i + 1 >= hlen)
			break;
		len = iph[i + 1];
		if (len < 2 || i + len > hlen)
			break;
		if (!(type & 0x80))
			memset(iph + i, 1, len);
		i += len;
	}
}

/* one fragment of p: hdr (hlen bytes) with frag_off fo, the n bytes of
 * p's payload from off, to the neighbour */
static bool
send_piece(struct ut_engine *e, const struct ut_pkt *p, const uint8_t *hdr,
	   unsigned hlen, unsigned off, unsigned n, uint16_t fo,
	   const struct ut_rt *rt)
{
	struct ut_pkt *f = ut_pkt_new(NULL, 0, hlen + n);

	if (!f)
		return false;
	f->tstamp_ns = p->tstamp_ns;
	f->number = p->number;
	f->mark = p->mark;
	memcpy(f->ip, hdr, hlen);
	memcpy(f->ip + hlen, p->ip + hlen + off, n);
	f->len = hlen + n;
	ut_put16(f->ip + UT_IP_OFF_FRAG, fo);
	ut_put16(f->ip + UT_IP_OFF_TOTLEN, (uint16_t)f->len);
	ut_ip_send_check(f->ip);
	neigh_output(e, f, rt);
	return true;
}

/* the pieces a reassembled datagram came in still make valid fragments
 * of at most space payload bytes (ip_do_fragment's "correct geometry":
 * none too big, all but the last a multiple of 8), and nothing changed
 * its length since */
static bool
geometry_fits(const struct ut_pkt *p, unsigned hlen, unsigned space)
{
	unsigned sum = 0;

	if (!p->frag_lens || ut_ip_fragoff(p) ||
	    (ut_get16(p->ip + UT_IP_OFF_FRAG) & UT_IP_MF))
		return false;
	for (unsigned i = 0; i < p->n_frags; i++) {
		unsigned n = p->frag_lens[i];

		if (n > space || ((n & 7u) && i + 1 < p->n_frags))
			return false;
		sum += n;
	}
	return sum == p->len - hlen;
}

/* ip_do_fragment's fast path: the skb's fragment list as it is, each
 * piece with the header copied (options reduced after the first);
 * frag_off is the offset and MF but the last: the first piece's DF is
 * not kept (ip_fraglist_init writes IP_MF alone) */
static void
fragment_list(struct ut_engine *e, struct ut_pkt *p, const struct ut_rt *rt)
{
	unsigned hlen = ut_ip_hlen(p), off = 0;
	uint8_t hdr[60];

	memcpy(hdr, p->ip, hlen);
	for (unsigned i = 0; i < p->n_frags; i++) {
		unsigned n = p->frag_lens[i];
		uint16_t fo = (uint16_t)(off / 8);

		if (i + 1 < p->n_frags)
			fo |= UT_IP_MF;
		if (!send_piece(e, p, hdr, hlen, off, n, fo, rt))
			break;
		if (i == 0)
			options_fragment(hdr);
		off += n;
	}
	ut_pkt_free(p);
}

/* ip_do_fragment: at most mtu bytes each (a reassembled datagram's
 * largest fragment when that is smaller), the fragment list when it
 * fits; else the slow path: data in multiples of 8, the header copied
 * (options reduced after the first), offsets relative to the original's
 * own offset, MF on all but the last (which keeps the original's MF), DF
 * only for a datagram reassembled from DF fragments (IPSKB_FRAG_PMTU) */
static void
fragment(struct ut_engine *e, struct ut_pkt *p, const struct ut_rt *rt,
	 uint32_t mtu)
{
	unsigned hlen = ut_ip_hlen(p);
	uint16_t frag = ut_get16(p->ip + UT_IP_OFF_FRAG);
	unsigned base = (frag & UT_IP_OFFMASK) * 8u;
	bool orig_mf = frag & UT_IP_MF;
	unsigned left = p->len - hlen, off = 0, space;
	uint8_t hdr[60];

	if (p->frag_max_size && p->frag_max_size < mtu)
		mtu = p->frag_max_size;
	space = mtu - hlen;
	if (geometry_fits(p, hlen, space)) {
		fragment_list(e, p, rt);
		return;
	}
	memcpy(hdr, p->ip, hlen);
	while (left > 0) {
		unsigned n = left;
		uint16_t fo;

		if (n > space)
			n = space & ~7u;
		fo = (uint16_t)((base + off) / 8) |
		     (p->frag_pmtu ? UT_IP_DF : 0);
		if (left > n || orig_mf)
			fo |= UT_IP_MF;
		if (!send_piece(e, p, hdr, hlen, off, n, fo, rt))
			break;
		if (off == 0)
			options_fragment(hdr);
		off += n;
		left -= n;
	}
	ut_pkt_free(p);
}

/* ip_finish_output: fragment what exceeds the route's MTU, and every
 * datagram conntrack reassembled (frag_max_size); with DF (ip_fragment)
 * only a reassembled one whose largest fragment fits (the kernel's
 * ignore_df), others get frag needed; then the neighbour */
static void
finish_output(struct ut_engine *e, struct ut_pkt *p, const struct ut_rt *rt)
{
	uint32_t mtu = rt->mtu ? rt->mtu : rt->dev->mtu;

	if (p->len <= mtu && !p->frag_max_size) {
		neigh_output(e, p, rt);
		return;
	}
	if ((ut_get16(p->ip + UT_IP_OFF_FRAG) & UT_IP_DF) &&
	    (!p->frag_max_size || p->frag_max_size > mtu)) {
		ut_icmp_send(e, p, 3, 4, mtu);
		drop(e, p, UT_DROP_FRAG_NEEDED);
		return;
	}
	fragment(e, p, rt, mtu);
}

/* loopback_xmit / dev_loopback_xmit: a packet for ourselves comes back
 * in on the output device, keeping its route: through lo with an all
 * zero Ethernet header, a looped multicast copy without one. ip_rcv
 * orphans it: from PREROUTING on there is no socket. */
static void
loopback(struct ut_engine *e, struct ut_pkt *p, const struct ut_rt *rt)
{
	uint32_t daddr;

	p->has_mac = rt->dev->loopback;
	/* ip_rcv_core clears IPCB: no frag_max_size any more */
	p->frag_max_size = 0;
	p->frag_pmtu = false;
	memset(p->mac, 0, sizeof(p->mac));
	ut_put16(p->mac + 12, UT_ETH_P_IP);
	p->pkttype = rt->dev->loopback ? UT_PACKET_HOST : UT_PACKET_LOOPBACK;
	p->indev = rt->dev;
	p->has_sock = false;
	daddr = ut_ip_daddr_nbo(p);
	if (!nf_hook(e, UT_HOOK_PRE_ROUTING, p, rt->dev, NULL))
		return;
	/* nf_nat_ipv4_pre_routing: a new destination drops the route */
	ip_rcv_finish(e, p, daddr == ut_ip_daddr_nbo(p) ? rt : NULL);
}

/* the POSTROUTING hook with the packet's route at hand (skb_dst) */
static bool
postrouting(struct ut_engine *e, struct ut_pkt *p, const struct ut_rt *rt)
{
	bool go_on;

	p->rt = rt;
	go_on = nf_hook(e, UT_HOOK_POST_ROUTING, p, p->indev, rt->dev);
	if (go_on)
		p->rt = NULL;
	return go_on;
}

/* mc_loop: ip_mc_output's copy for the host itself: through POSTROUTING,
 * then back in on the output device (dev_loopback_xmit) */
static void
mc_loop(struct ut_engine *e, const struct ut_pkt *p, const struct ut_rt *rt)
{
	struct ut_pkt *copy = ut_pkt_clone(p);

	if (copy && postrouting(e, copy, rt))
		loopback(e, copy, rt);
}

/* ip_mc_output: a multicast the host sends to a group it is in is also
 * delivered to itself (sockets loop multicast by default; TTL 0 stays on
 * the host), and so is every broadcast it sends (the route is local as
 * well as broadcast): a copy goes through POSTROUTING and back in first */
static bool
mc_output(struct ut_engine *e, struct ut_pkt *p, const struct ut_rt *rt)
{
	if (rt->type == UT_RTN_MULTICAST) {
		if (!p->indev &&
		    ut_host_mc_joined(e->host, rt->dev, ut_ip_daddr_nbo(p)))
			mc_loop(e, p, rt);
		if (p->ip[UT_IP_OFF_TTL] == 0) {
			ut_pkt_free(p);
			return false;
		}
	} else if (rt->type == UT_RTN_BROADCAST && !p->indev &&
		   !rt->dev->loopback) {
		mc_loop(e, p, rt);
	}
	return true;
}

/* ip_output: POSTROUTING, then out of the device or back in on lo. The
 * hook's input device is skb->dev: the arrival device of a forwarded
 * packet (LOG prints IN= and MAC= there), none for a local one. */
static void
ip_output(struct ut_engine *e, struct ut_pkt *p, const struct ut_rt *rt)
{
	if (!mc_output(e, p, rt))
		return;
	if (!postrouting(e, p, rt))
		return;
	if (rt->dev->loopback) {
		loopback(e, p, rt);
		return;
	}
	finish_output(e, p, rt);
}

/* ---- local delivery ----------------------------------------------------- */

/* ip_local_deliver: reassemble, INPUT, the local stack (answering, with
 * HOST `stack on`: stack.c) */
static void
local_deliver(struct ut_engine *e, struct ut_pkt *p)
{
	const struct ut_iface *in = p->indev;

	p = ut_path_defrag_local(e, p);
	if (!p)
		return;
	if (!nf_hook(e, UT_HOOK_LOCAL_IN, p, in, NULL))
		return;
	e->stats.local++;
	if (e->sink.sent)
		e->sink.sent(e->sink.ctx, p, NULL);
	else
		ut_engine_step(e, p, "delivered to the local stack");
	if (e->sink.local)
		e->sink.local(e->sink.ctx, p->tstamp_ns, p->ip, p->len);
	if (e->host->stack_on)
		ut_stack_rcv(e, p);
	else
		ut_engine_why(e, p, "the host's stack is off (HOST has no "
			      "`stack on`): nothing answers");
	ut_pkt_free(p);
}

/* ---- forwarding --------------------------------------------------------- */

/* ip_exceeds_mtu: DF and too big, unless conntrack reassembled it from
 * fragments that fit (ignore_df; they go out as such) */
static bool
exceeds_mtu(const struct ut_pkt *p, uint32_t mtu)
{
	if (p->len <= mtu || !(ut_get16(p->ip + UT_IP_OFF_FRAG) & UT_IP_DF))
		return false;
	return !p->frag_max_size || p->frag_max_size > mtu;
}

/* ip_decrease_ttl: TTL - 1 with the incremental checksum update */
static void
decrease_ttl(uint8_t *iph)
{
	uint32_t check = ut_get16(iph + UT_IP_OFF_CSUM);

	check += 0x0100;
	ut_put16(iph + UT_IP_OFF_CSUM, (uint16_t)(check + (check >= 0xffff)));
	iph[UT_IP_OFF_TTL]--;
}

/* ip_forward (+ ip_forward_finish's options) */
static void
ip_forward(struct ut_engine *e, struct ut_pkt *p, const struct ut_rt *rt,
	   struct ut_ipopt *opt)
{
	uint32_t mtu = rt->mtu ? rt->mtu : rt->dev->mtu;

	if (p->pkttype != UT_PACKET_HOST) {
		drop(e, p, UT_DROP_NOT_FORWARDED);
		return;
	}
	/* a socket was assigned (TPROXY) but the route is not local */
	if (p->sk) {
		ut_engine_step(e, p, "TPROXY assigned a socket, but the route "
			       "forwards: dropped");
		drop(e, p, UT_DROP_NOT_FORWARDED);
		return;
	}
	if (p->ip[UT_IP_OFF_TTL] <= 1) {
		ut_icmp_send(e, p, 11, 0, 0);
		drop(e, p, UT_DROP_TTL);
		return;
	}
	if (exceeds_mtu(p, mtu)) {
		ut_icmp_send(e, p, 3, 4, mtu);
		drop(e, p, UT_DROP_FRAG_NEEDED);
		return;
	}
	decrease_ttl(p->ip);
	/* ip_rt_send_redirect: before FORWARD, whatever FORWARD decides */
	if (rt->redirect && !opt->srr &&
	    ut_iface_send_redirects(e->host, rt->dev) &&
	    ut_icmp_redirect_allow(e, ut_ip_saddr_nbo(p)))
		ut_icmp_send(e, p, 5, 1, ut_get32((const uint8_t *)&rt->nexthop));
	p->rt = rt;
	if (!nf_hook(e, UT_HOOK_FORWARD, p, p->indev, rt->dev))
		return;
	p->rt = NULL;
	ut_ipopt_forward(e, p, rt, opt);
	ip_output(e, p, rt);
}

/* ip_error: the answer for an unreachable destination, only when the
 * input device forwards, rate-limited per source */
static void
ip_error(struct ut_engine *e, struct ut_pkt *p, const struct ut_rt *rt)
{
	uint8_t code;

	if (!ut_iface_forwarding(e->host, p->indev)) {
		drop(e, p, UT_DROP_NOT_FORWARDED);
		return;
	}
	switch (rt->error) {
	case EHOSTUNREACH:
		code = 1;
		break;
	case ENETUNREACH:
		code = 0;
		break;
	case EACCES:
		code = 13;
		break;
	default:
		drop(e, p, UT_DROP_NO_ROUTE);
		return;
	}
	if (ut_icmp_ip_error_allow(e, ut_ip_saddr_nbo(p)))
		ut_icmp_send(e, p, 3, code, 0);
	drop(e, p, UT_DROP_NO_ROUTE);
}

/* ---- arrival ------------------------------------------------------------ */

/* ip_rcv_options: a malformed option gets a parameter problem pointing at
 * it; a source-routed packet is dropped unless accept_source_route (and
 * source routing itself is not modelled: such packets are dropped) */
static bool
rcv_options(struct ut_engine *e, struct ut_pkt *p, const struct ut_rt *rt,
	    struct ut_ipopt *opt)
{
	unsigned bad = ut_ipopt_rcv(e, p, rt->type == UT_RTN_LOCAL, opt);

	if (bad) {
		ut_icmp_send(e, p, 12, 0, (uint32_t)bad << 24);
		drop(e, p, UT_DROP_IP_OPTIONS);
		return false;
	}
	if (opt->srr) {
		drop(e, p, UT_DROP_IP_OPTIONS);
		return false;
	}
	return true;
}

void
ut_log_martian(struct ut_engine *e, const struct ut_iface *dev,
	       const uint8_t *mac, uint32_t daddr, uint32_t saddr,
	       enum ut_martian kind)
{
	char line[128], d[16], s[16];
	int n;

	if (kind == UT_MARTIAN_NONE || !dev ||
	    !ut_iface_log_martians(e->host, dev) ||
	    !ut_engine_net_ratelimit(e))
		return;
	ut_ipv4_ntoa(daddr, d);
	ut_ipv4_ntoa(saddr, s);
	n = snprintf(line, sizeof(line), kind == UT_MARTIAN_SOURCE ?
		     "IPv4: martian source %s from %s, on dev %s" :
		     "IPv4: martian destination %s from %s, dev %s",
		     d, s, dev->name);
	ut_engine_log(e, line, (size_t)n);
	if (kind != UT_MARTIAN_SOURCE || !mac)
		return;
	n = snprintf(line, sizeof(line), "ll header: 00000000:");
	for (size_t i = 0; i < UT_ETH_HLEN; i++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, " %02x",
			      mac[i]);
	ut_engine_log(e, line, (size_t)n);
}

/* ip_rcv_finish: the routing decision (kept for looped-back packets),
 * options, then dst_input */
static void
ip_rcv_finish(struct ut_engine *e, struct ut_pkt *p,
	      const struct ut_rt *known_rt)
{
	struct ut_ipopt opt = { 0 };
	struct ut_rt rt;
	int why;

	if (known_rt) {
		rt = *known_rt;
		rt.type = UT_RTN_LOCAL;
	} else {
		why = ut_route_input(e->host, ut_ip_daddr_nbo(p),
				     ut_ip_saddr_nbo(p), p->ip[UT_IP_OFF_TOS],
				     p->indev, p->mark, &rt);
		if (why != UT_DROP_NONE) {
			ut_log_martian(e, p->indev,
				       ut_pkt_mac_header(p, p->indev),
				       ut_ip_daddr_nbo(p), ut_ip_saddr_nbo(p),
				       rt.martian);
			drop(e, p, (enum ut_drop_reason)why);
			return;
		}
	}
	if (ut_ip_hlen(p) > 20 && !rcv_options(e, p, &rt, &opt))
		return;
	switch (rt.type) {
	case UT_RTN_LOCAL:
	case UT_RTN_BROADCAST:
	case UT_RTN_MULTICAST:
		local_deliver(e, p);
		return;
	case UT_RTN_UNICAST:
		ip_forward(e, p, &rt, &opt);
		return;
	default:
		ip_error(e, p, &rt);
		return;
	}
}

/* ip_rcv_core: what Linux checks before PREROUTING (drops are silent and
 * counted by no rule) */
enum ut_drop_reason
ut_ip_rcv_check(const uint8_t *ip, size_t len)
{
	unsigned hlen, tot;

	if (len < 20)
		return UT_DROP_IP_HDR;
	hlen = (ip[0] & 0x0fu) * 4u;
	if (hlen < 20 || (ip[0] >> 4) != 4 || len < hlen)
		return UT_DROP_IP_HDR;
	if (ut_csum_fold(ut_csum_add(0, ip, hlen)) != 0)
		return UT_DROP_IP_CSUM;
	tot = ut_get16(ip + UT_IP_OFF_TOTLEN);
	if (len < tot || tot < hlen)
		return UT_DROP_IP_HDR;
	return UT_DROP_NONE;
}

static void
ip_rcv(struct ut_engine *e, struct ut_pkt *p)
{
	if (!nf_hook(e, UT_HOOK_PRE_ROUTING, p, p->indev, NULL))
		return;
	ip_rcv_finish(e, p, NULL);
}

static enum ut_pkt_type
l2_pkttype(const struct ut_iface *dev, const uint8_t *dst)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	if (memcmp(dst, dev->mac, 6) == 0)
		return UT_PACKET_HOST;
	if (memcmp(dst, bcast, 6) == 0)
		return UT_PACKET_BROADCAST;
	if (dst[0] & 1)
		return UT_PACKET_MULTICAST;
	return UT_PACKET_OTHERHOST;
}

/* vlan_of: dev's VLAN device for vid (vlan_find_dev), NULL if none */
static const struct ut_iface *
vlan_of(const struct ut_host *h, const struct ut_iface *dev, uint16_t vid)
{
	for (size_t i = 0; i < h->n_ifaces; i++)
		if (h->ifaces[i]->vlan_parent == dev &&
		    h->ifaces[i]->vlan_id == vid)
			return h->ifaces[i];
	return NULL;
}

static void rx_l2(struct ut_engine *e, const struct ut_iface *dev,
		  uint64_t tstamp_ns, unsigned long number, const uint8_t *frame,
		  size_t len, size_t at, enum ut_pkt_type type);

/* rx_vlan: a frame tagged with vdev's id, as 8021q receives it
 * (skb_vlan_untag, vlan_do_receive): the tag goes (the MAC header is
 * the untagged one), the frame arrives on the VLAN device; a frame the
 * parent found for another host is the VLAN's if it carries the VLAN's
 * own MAC; a VLAN that is down drops it */
static void
rx_vlan(struct ut_engine *e, const struct ut_iface *vdev,
	uint64_t tstamp_ns, unsigned long number, const uint8_t *frame,
	size_t len, size_t at, enum ut_pkt_type type)
{
	if (!vdev->up) {
		ut_engine_drop(e, NULL, UT_DROP_LINK_DOWN);
		return;
	}
	if (type == UT_PACKET_OTHERHOST && memcmp(frame, vdev->mac, 6) == 0)
		type = UT_PACKET_HOST;
	rx_l2(e, vdev, tstamp_ns, number, frame, len, at + 4, type);
}

/* rx_l2: a frame on dev: its MAC addresses, then the type at offset at
 * (12, or after the tags taken off), the payload after it (type: what
 * its destination MAC made it) */
static void
rx_l2(struct ut_engine *e, const struct ut_iface *dev, uint64_t tstamp_ns,
      unsigned long number, const uint8_t *frame, size_t len, size_t at,
      enum ut_pkt_type type)
{
	enum ut_drop_reason why;
	uint16_t proto, tot;
	size_t off = at + 2;
	struct ut_pkt *p;

	proto = ut_get16(frame + at);
	if (proto == UT_ETH_P_8021Q || proto == UT_ETH_P_8021AD) {
		const struct ut_iface *vdev;
		uint16_t vid;

		if (len < off + 4) {
			ut_engine_drop(e, NULL, UT_DROP_L2_ETHERTYPE);
			return;
		}
		/* an 802.1Q tag with the id of a VLAN device of dev goes
		 * there; a priority tag (VID 0, 802.1Q or 802.1ad) without one
		 * is untagged; other VLANs have no device here */
		vid = ut_get16(frame + off) & 0x0fff;
		vdev = proto == UT_ETH_P_8021Q ? vlan_of(e->host, dev, vid) :
		       NULL;
		if (vdev) {
			rx_vlan(e, vdev, tstamp_ns, number, frame, len, at, type);
			return;
		}
		if (vid != 0) {
			ut_engine_drop(e, NULL, UT_DROP_L2_ETHERTYPE);
			return;
		}
		proto = ut_get16(frame + off + 2);
		off += 4;
	}
	if (type == UT_PACKET_OTHERHOST) {
		ut_engine_drop(e, NULL, UT_DROP_L2_OTHERHOST);
		return;
	}
	if (proto == UT_ETH_P_ARP) {
		/* the MAC header as the stack sees it: without a tag */
		uint8_t mac[UT_ETH_HLEN];

		memcpy(mac, frame, 12);
		ut_put16(mac + 12, proto);
		ut_arp_rcv(e, dev, tstamp_ns, number, type == UT_PACKET_HOST,
			   mac, frame + off, len - off);
		return;
	}
	if (proto != UT_ETH_P_IP) {
		ut_engine_drop(e, NULL, UT_DROP_L2_ETHERTYPE);
		return;
	}
	why = ut_ip_rcv_check(frame + off, len - off);
	if (why != UT_DROP_NONE) {
		ut_engine_drop(e, NULL, why);
		return;
	}
	tot = ut_get16(frame + off + UT_IP_OFF_TOTLEN);
	p = ut_pkt_new(frame + off, tot, tot + UT_PKT_TAILROOM);
	if (!p)
		return;
	memcpy(p->mac, frame, 12);
	ut_put16(p->mac + 12, proto);
	p->has_mac = true;
	p->tstamp_ns = tstamp_ns;
	p->number = number;
	p->pkttype = type;
	p->indev = dev;
	p->nf_trace = e->trace_all;
	ip_rcv(e, p);
}

static void
rx_frame(struct ut_engine *e, const struct ut_iface *dev,
	 uint64_t tstamp_ns, unsigned long number, const uint8_t *frame,
	 size_t len)
{
	ut_clock_advance(e, tstamp_ns);
	e->stats.rx++;
	/* a veth (or a NIC) that is down takes no frame */
	if (!dev->up) {
		ut_engine_drop(e, NULL, UT_DROP_LINK_DOWN);
		return;
	}
	if (len < UT_ETH_HLEN) {
		ut_engine_drop(e, NULL, UT_DROP_L2_SHORT);
		return;
	}
	if (len > (size_t)dev->mtu + UT_ETH_HLEN + 4) {
		ut_engine_drop(e, NULL, UT_DROP_L2_OVERSIZE);
		return;
	}
	rx_l2(e, dev, tstamp_ns, number, frame, len, 12, l2_pkttype(dev, frame));
}

void
ut_engine_rx(struct ut_engine *e, const struct ut_iface *dev,
	     uint64_t tstamp_ns, unsigned long number, const uint8_t *frame,
	     size_t len)
{
	rx_frame(e, dev, tstamp_ns, number, frame, len);
	/* the hinted frame's bucket has had this packet's time to arrive:
	 * its entry can be asked for now (ut_engine_prefetch) */
	if (e->ct)
		ut_ct_prefetch_entry(e->ct);
}

void
ut_engine_prefetch(struct ut_engine *e, const uint8_t *frame, size_t len)
{
	size_t off = UT_ETH_HLEN;
	uint16_t proto;

	if (!e->ct || len < UT_ETH_HLEN + 20)
		return;
	proto = ut_get16(frame + 12);
	if (proto == UT_ETH_P_8021Q || proto == UT_ETH_P_8021AD) {
		proto = ut_get16(frame + 16);
		off += 4;
	}
	if (proto == UT_ETH_P_IP)
		ut_ct_prefetch(e->ct, frame + off, len - off);
}

/* ---- locally generated -------------------------------------------------- */

/* __ip_local_out + dst_output: OUTPUT, then ip_output. Routed again
 * (ip_route_me_harder) when mangle changed addresses, mark or TOS
 * (ipt_mangle_out, table.c) or NAT the destination
 * (nf_nat_ipv4_local_fn); the hooks after mangle still see the first
 * route's device as their output, as in the kernel */
static void
local_out(struct ut_engine *e, struct ut_pkt *p, struct ut_rt *rt)
{
	uint32_t daddr = ut_ip_daddr_nbo(p);

	p->reroute = false;
	p->rt = rt;
	if (!nf_hook(e, UT_HOOK_LOCAL_OUT, p, NULL, rt->dev))
		return;
	p->rt = NULL;
	if ((p->reroute || daddr != ut_ip_daddr_nbo(p)) &&
	    ut_route_me_harder(e->host, ut_ip_daddr_nbo(p),
			       ut_ip_saddr_nbo(p), p->ip[UT_IP_OFF_TOS],
			       rt->dev, p->mark, rt) < 0) {
		drop(e, p, UT_DROP_NO_ROUTE);
		return;
	}
	p->reroute = false;
	ip_output(e, p, rt);
}

/* ut_ip_local_out: the one re-entry of the path, as in the kernel: a
 * packet the host builds while handling another (icmp_send from
 * icmp.c, REJECT's RST) goes back out through OUTPUT and POSTROUTING.
 * It is the only call into path.c from a module path.c calls (icmp.c),
 * bounded by MAX_DEPTH. */
void
ut_ip_local_out(struct ut_engine *e, struct ut_pkt *p)
{
	struct ut_rt rt;

	if (e->depth >= MAX_DEPTH) {
		drop(e, p, UT_DROP_NETFILTER);
		return;
	}
	if (ut_route_me_harder(e->host, ut_ip_daddr_nbo(p),
			       ut_ip_saddr_nbo(p), p->ip[UT_IP_OFF_TOS], NULL,
			       p->mark, &rt) < 0) {
		drop(e, p, UT_DROP_NO_ROUTE);
		return;
	}
	p->indev = NULL;
	p->has_mac = false;
	p->pkttype = UT_PACKET_HOST;
	p->nf_trace = e->trace_all;
	p->host_built = true;
	e->depth++;
	local_out(e, p, &rt);
	e->depth--;
}

/* raw_send_hdrinc (a raw socket of root with SO_BROADCAST): the header
 * as given, except a zero source (the route's), the total length, a zero ID (0 with DF, else the host's
 * counter: the kernel's is a keyed hash), and the header checksum */
void
ut_engine_local_out(struct ut_engine *e, uint64_t tstamp_ns,
		    unsigned long number, const uint8_t *ip, size_t len)
{
	struct ut_rt rt;
	struct ut_pkt *p;
	uint32_t saddr, daddr;

	ut_clock_advance(e, tstamp_ns);
	if (len < 20 || len > 65535 || (ip[0] >> 4) != 4 ||
	    (ip[0] & 0x0f) < 5 || (size_t)(ip[0] & 0x0f) * 4 > len) {
		ut_engine_drop(e, NULL, UT_DROP_IP_HDR);
		return;
	}
	p = ut_pkt_new(ip, (uint32_t)len, (uint32_t)len + UT_PKT_TAILROOM);
	if (!p)
		return;
	p->tstamp_ns = tstamp_ns;
	p->number = number;
	p->pkttype = UT_PACKET_HOST;
	p->has_sock = true;
	p->nf_trace = e->trace_all;
	saddr = ut_ip_saddr_nbo(p);
	daddr = ut_ip_daddr_nbo(p);
	/* raw_sendmsg routes with the socket's address (0), not the
	 * header's: a raw socket may send any source */
	if (ut_route_output(e->host, daddr, 0, 0, NULL, 0, &rt) < 0) {
		drop(e, p, UT_DROP_NO_ROUTE);
		return;
	}
	/* the socket has SO_BROADCAST (every datagram in the capture was
	 * sent by some program): a broadcast route is no EACCES */
	/* raw_send_hdrinc: EMSGSIZE above the device's MTU (a smaller
	 * route MTU fragments later, as for any packet) */
	if (len > rt.dev->mtu) {
		drop(e, p, UT_DROP_NOT_SENT);
		return;
	}
	if (saddr == 0)
		memcpy(p->ip + UT_IP_OFF_SADDR, &rt.src, 4);
	ut_put16(p->ip + UT_IP_OFF_TOTLEN, (uint16_t)len);
	if (ut_get16(p->ip + UT_IP_OFF_ID) == 0 &&
	    !(ut_get16(p->ip + UT_IP_OFF_FRAG) & UT_IP_DF))
		ut_put16(p->ip + UT_IP_OFF_ID, ++e->ip_id);
	ut_ip_send_check(p->ip);
	local_out(e, p, &rt);
}

/* nf_dup_ipv4 */
void
ut_nf_dup_ipv4(struct ut_engine *e, const struct ut_pkt *p, enum ut_hook hook,
	       uint32_t gw, const struct ut_iface *oif)
{
	struct ut_pkt *c;
	struct ut_rt rt;

	if (e->dup_active || e->depth >= MAX_DEPTH)
		return;
	c = ut_pkt_clone(p);
	if (!c)
		return;
	c->rt = NULL;
	c->nfct_tmpl = NULL;
	ut_ct_set_untracked(c);
	/* DF, so that the source learns of a smaller MTU on the copy's
	 * route; one hop less against routing loops (__ip_local_out fixes
	 * the checksum) */
	c->ip[UT_IP_OFF_FRAG] |= UT_IP_DF >> 8;
	if (hook == UT_HOOK_PRE_ROUTING || hook == UT_HOOK_LOCAL_IN)
		c->ip[UT_IP_OFF_TTL]--;
	/* FLOWI_FLAG_KNOWN_NH: the next hop is gw itself unless its route
	 * goes through a gateway; no mark, the packet's TOS */
	if (ut_route_output(e->host, gw, 0, c->ip[UT_IP_OFF_TOS], oif, 0,
			    &rt) < 0) {
		ut_pkt_free(c);
		return;
	}
	/* skb->dev is the route's device: POSTROUTING sees it as input */
	c->indev = rt.dev;
	c->has_sock = false;
	c->dup = true;
	ut_put16(c->ip + UT_IP_OFF_TOTLEN, (uint16_t)c->len);
	ut_ip_send_check(c->ip);
	ut_engine_step(e, c, "TEE: a copy sent towards the gateway");
	e->dup_active = true;
	e->depth++;
	local_out(e, c, &rt);
	e->depth--;
	e->dup_active = false;
}
