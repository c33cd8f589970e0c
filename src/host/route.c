/* route.c: the kernel's IPv4 routing decisions on a described host.
 *
 * Overview. Each function here reproduces one function of Linux 6.x
 * (net/ipv4/route.c, fib_frontend.c, fib_trie.c, fib_semantics.c,
 * devinet.c) on the tables host.c builds:
 *   ut_fib_lookup          fib_lookup + fib_table_lookup
 *   ut_route_input         ip_route_input_noref (ip_route_input_slow,
 *                          ip_route_input_mc, __mkroute_input)
 *   ut_route_output        ip_route_output_key_hash_rcu + __mkroute_output
 *   ut_host_addr_type      inet_addr_type_dev_table
 *   ut_host_select_addr    inet_select_addr
 * The host has no policy rules, so Linux keeps the local and main tables
 * in one trie and a lookup is a walk of that trie: longest prefix first;
 * at one prefix the local table's routes come first, then higher route
 * tos, then lower metric, then the order added. The first route whose
 * tos, scope and device fit wins; an unreachable/blackhole/prohibit route
 * answers with its error as soon as its tos and scope fit. Routes are few
 * (tens), so the walk is a linear scan for the minimum in that order.
 *
 * Facts measured with `ip route get` on Linux 6.18 (see host_test.c) are
 * noted where the code depends on them. Addresses are in network order.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "host/host.h"
#include "host/host_int.h"
#include "engine/drop.h"

#define INADDR_ALLHOSTS 0xe0000001u /* 224.0.0.1, host order */

/* ---- address classes (include/linux/in.h) ---------------------------- */

static bool
is_local_multicast(uint32_t a)
{
	return (ntohl(a) & 0xffffff00u) == 0xe0000000u;
}

static bool
is_lbcast(uint32_t a)
{
	return a == 0xffffffffu;
}

/* ipv4_is_zeronet is `addr == 0` since Linux 5.3 (0/8 became a valid
 * range): measured, 0.1.2.3 is neither a martian source nor destination */
static bool
is_zeronet(uint32_t a)
{
	return a == 0;
}

/* inet_ifa_match: a is in ifa's subnet */
static bool
ifa_match(uint32_t a, const struct ut_ifaddr *ifa)
{
	return ((a ^ ifa->addr) & ifa->mask) == 0;
}

/* ---- the FIB ---------------------------------------------------------- */

/* fib_props[type].error */
static int
route_error(enum ut_rtn type)
{
	switch (type) {
	case UT_RTN_UNREACHABLE:
		return -EHOSTUNREACH;
	case UT_RTN_BLACKHOLE:
		return -EINVAL;
	case UT_RTN_PROHIBIT:
		return -EACCES;
	case UT_RTN_THROW:
		return -EAGAIN;
	default:
		return 0;
	}
}

/* merged: local and main are one trie (no custom rules yet): a lookup in
 * either searches both (fib_trie_table's alias, undone by fib_unmerge) */
static bool
in_table(const struct ut_host *h, const struct ut_route *r, uint32_t table)
{
	if (r->table == table)
		return true;
	return !h->custom_rules &&
	       (table == UT_RT_TABLE_LOCAL || table == UT_RT_TABLE_MAIN) &&
	       (r->table == UT_RT_TABLE_LOCAL || r->table == UT_RT_TABLE_MAIN);
}

bool
ut_route_before(const struct ut_route *a, const struct ut_route *b)
{
	if (a->plen != b->plen)
		return a->plen > b->plen;
	if (a->table != b->table)
		return a->table > b->table;  /* local (255) before main (254) */
	if (a->tos != b->tos)
		return a->tos > b->tos;
	if (a->metric != b->metric)
		return a->metric < b->metric;
	return a->seq < b->seq;
}

/* route_fits: fib_table_lookup's tests of one alias. Route tos matching
 * masks the flow's tos with 0x1c (fib_dscp_masked_match): measured, a tos
 * 0x10 route takes tos 0x12 and 0xb0, not 0x14; a tos 0x20 route takes
 * nothing. Error routes answer before the next-hop (oif) test. */
static bool
route_fits(const struct ut_route *r, const struct ut_flow *fl,
	   const struct ut_iface *oif)
{
	if ((fl->daddr & ut_plen_mask(r->plen)) != r->dst)
		return false;
	if (r->tos && r->tos != (fl->tos & 0x1c))
		return false;
	if (r->scope < fl->scope)
		return false;
	if (route_error(r->type))
		return true;
	return !oif || r->dev == oif;
}

int
ut_fib_table_lookup(const struct ut_host *h, uint32_t table,
		    const struct ut_flow *fl, const struct ut_route **res)
{
	const struct ut_iface *oif = fl->oif ?
		ut_host_iface_by_index(h, fl->oif) : NULL;
	const struct ut_route *best = NULL;

	/* routes in walk order: the first that fits comes before every
	 * other that fits */
	for (size_t i = 0; i < h->n_routes; i++) {
		const struct ut_route_walk *w = &h->route_walk[i];
		const struct ut_route *r;

		if ((fl->daddr & w->mask) != w->dst)
			continue;
		r = &h->routes[w->idx];
		if (in_table(h, r, table) && route_fits(r, fl, oif)) {
			best = r;
			break;
		}
	}
	*res = best;
	if (!best)
		return -EAGAIN;
	return route_error(best->type);
}

/* ---- policy rules (fib_rules.c, fib4_rules.c) ------------------------- */

/* the index of a rule's device: 0 for none, -1 for a name no link has
 * (the kernel's detached rule, which matches nothing) */
static int
rule_ifindex(const struct ut_host *h, const char *name)
{
	const struct ut_iface *dev;

	if (!name[0])
		return 0;
	dev = ut_host_iface(h, name);
	return dev ? dev->index : -1;
}

/* fib_rule_match + fib4_rule_match (the rule tos matches tos & 0x1c as
 * a route's does); `not` inverts the whole answer */
static bool
rule_match(const struct ut_host *h, const struct ut_fib_rule *r,
	   const struct ut_flow *fl)
{
	int iif = rule_ifindex(h, r->iif), oif = rule_ifindex(h, r->oif);
	bool m = true;

	if ((iif && iif != fl->iif) || (oif && oif != fl->oif))
		m = false;
	else if ((r->mark ^ fl->mark) & r->mask)
		m = false;
	else if ((fl->saddr ^ r->src) & ut_plen_mask(r->src_len))
		m = false;
	else if ((fl->daddr ^ r->dst) & ut_plen_mask(r->dst_len))
		m = false;
	else if (r->tos && r->tos != (fl->tos & 0x1c))
		m = false;
	return r->invert ? !m : m;
}

/* fib4_rule_suppress: a found route is refused when its prefix is not
 * longer than suppress_prefixlength, or its device is in suppress_ifgroup */
static bool
rule_suppress(const struct ut_fib_rule *r, const struct ut_route *res)
{
	if ((int)res->plen <= r->suppress_prefixlen)
		return true;
	return r->suppress_ifgroup != -1 && res->dev &&
	       res->dev->group == (uint32_t)r->suppress_ifgroup;
}

/* the goto target: the first rule of pref target (after i: a goto only
 * goes forward), SIZE_MAX when there is none (the rule is skipped) */
static size_t
rule_target(const struct ut_host *h, size_t i)
{
	for (size_t j = i + 1; j < h->n_fib_rules; j++)
		if (h->fib_rules[j].pref == h->fib_rules[i].target)
			return j;
	return SIZE_MAX;
}

/* fib4_rule_action */
static int
rule_action(const struct ut_host *h, const struct ut_fib_rule *r,
	    const struct ut_flow *fl, struct ut_fib_res *res)
{
	switch (r->action) {
	case UT_FR_TO_TBL:
		res->table = r->table;
		return ut_fib_table_lookup(h, r->table, fl, &res->route);
	case UT_FR_UNREACHABLE:
		return -ENETUNREACH;
	case UT_FR_PROHIBIT:
		return -EACCES;
	default:
		return -EINVAL;
	}
}

/* fib_rules_lookup */
static int
rules_lookup(const struct ut_host *h, const struct ut_flow *fl,
	     struct ut_fib_res *res)
{
	for (size_t i = 0; i < h->n_fib_rules; i++) {
		const struct ut_fib_rule *r = &h->fib_rules[i];
		int err;

		if (!rule_match(h, r, fl))
			continue;
		if (r->action == UT_FR_GOTO) {
			size_t j = rule_target(h, i);

			/* the target is tested as any rule, from its place */
			if (j != SIZE_MAX)
				i = j - 1;
			continue;
		}
		if (r->action == UT_FR_NOP)
			continue;
		res->route = NULL;
		res->table = 0;
		err = rule_action(h, r, fl, res);
		if (!err && rule_suppress(r, res->route))
			continue;
		if (err != -EAGAIN) {
			res->rule = r;
			return err;
		}
	}
	res->route = NULL;
	res->table = 0;
	return -ENETUNREACH;
}

static bool
has_table(const struct ut_host *h, uint32_t table)
{
	for (size_t i = 0; i < h->n_routes; i++)
		if (h->routes[i].table == table)
			return true;
	return false;
}

int
ut_fib_lookup_flow(const struct ut_host *h, const struct ut_flow *fl,
		   struct ut_fib_res *res)
{
	int err;

	memset(res, 0, sizeof(*res));
	if (h->custom_rules)
		return rules_lookup(h, fl, res);
	/* the inline fib_lookup: main (the merged trie), then, when nothing
	 * there answered (no route, a throw route: an unreachable one is an
	 * answer, measured), the default table once a route went into it */
	res->table = UT_RT_TABLE_MAIN;
	err = ut_fib_table_lookup(h, UT_RT_TABLE_MAIN, fl, &res->route);
	if (err == -EAGAIN && has_table(h, UT_RT_TABLE_DEFAULT)) {
		res->table = UT_RT_TABLE_DEFAULT;
		err = ut_fib_table_lookup(h, UT_RT_TABLE_DEFAULT, fl,
					  &res->route);
	}
	if (err == -EAGAIN) {
		err = -ENETUNREACH;
		res->route = NULL;
		res->table = 0;
	}
	return err;
}

int
ut_fib_lookup(const struct ut_host *h, uint32_t daddr, uint8_t tos,
	      const struct ut_iface *oif, uint8_t scope,
	      const struct ut_route **res)
{
	struct ut_flow fl = {
		.daddr = daddr, .tos = tos, .scope = scope, .iif = 1,
		.oif = oif ? oif->index : 0,
	};
	struct ut_fib_res fr;
	int err = ut_fib_lookup_flow(h, &fl, &fr);

	*res = fr.route;
	return err;
}

const char *
ut_rt_table_name(const struct ut_host *h, uint32_t table, char buf[11])
{
	for (size_t i = 0; h && i < h->n_table_names; i++)
		if (h->table_names[i].id == table)
			return h->table_names[i].name;
	switch (table) {
	case UT_RT_TABLE_LOCAL:
		return "local";
	case UT_RT_TABLE_MAIN:
		return "main";
	case UT_RT_TABLE_DEFAULT:
		return "default";
	case 0:
		return "unspec";
	default:
		snprintf(buf, 11, "%u", table);
		return buf;
	}
}

/* ---- addresses -------------------------------------------------------- */

/* in_dev_select_addr: the first primary address of dev usable at scope
 * (link-scope addresses never serve other devices) */
static uint32_t
dev_select_addr(const struct ut_iface *dev, uint8_t scope)
{
	for (size_t i = 0; i < dev->n_addrs; i++) {
		const struct ut_ifaddr *ifa = &dev->addrs[i];

		if (!ifa->secondary && ifa->scope != UT_SCOPE_LINK &&
		    ifa->scope <= scope)
			return ifa->addr;
	}
	return 0;
}

uint32_t
ut_host_select_addr_scope(const struct ut_host *h, const struct ut_iface *dev,
			  uint32_t dst, uint8_t scope)
{
	uint8_t localnet = UT_SCOPE_HOST;
	uint32_t addr = 0;

	/* route_localnet lets 127/8 addresses (scope host) serve at link
	 * scope */
	if (dev && ut_iface_route_localnet(h, dev))
		localnet = UT_SCOPE_LINK;
	for (size_t i = 0; dev && i < dev->n_addrs; i++) {
		const struct ut_ifaddr *ifa = &dev->addrs[i];
		uint8_t s = ifa->scope < localnet ? ifa->scope : localnet;

		if (ifa->secondary || s > scope)
			continue;
		if (!dst || ifa_match(dst, ifa))
			return ifa->addr;
		if (!addr)
			addr = ifa->addr;
	}
	if (addr)
		return addr;
	/* any device's, lo first: "not loopback addresses on loopback
	 * should be preferred" */
	for (size_t i = 0; i < h->n_ifaces; i++) {
		addr = dev_select_addr(h->ifaces[i], scope);
		if (addr)
			return addr;
	}
	return 0;
}

uint32_t
ut_host_select_addr(const struct ut_host *h, const struct ut_iface *dev,
		    uint32_t dst)
{
	return ut_host_select_addr_scope(h, dev, dst, UT_SCOPE_UNIVERSE);
}

/* inet_lookup_ifaddr: the device that has addr (the latest added when
 * several have it: the kernel's address hash inserts at the head) */
static const struct ut_iface *
ifaddr_dev(const struct ut_host *h, uint32_t addr)
{
	const struct ut_iface *found = NULL;
	unsigned seq = 0;

	for (size_t i = 0; i < h->n_ifaces; i++) {
		const struct ut_iface *dev = h->ifaces[i];

		for (size_t j = 0; j < dev->n_addrs; j++)
			if (dev->addrs[j].addr == addr &&
			    (!found || dev->addrs[j].seq > seq)) {
				found = dev;
				seq = dev->addrs[j].seq;
			}
	}
	return found;
}

/* __ip_dev_find: that device, or else the device of a local route that
 * covers addr ("so that communication over loopback subnets work":
 * measured, with 10.254.0.1/24 on lo, 10.254.0.5 is a usable source) */
static const struct ut_iface *
dev_find(const struct ut_host *h, uint32_t addr)
{
	const struct ut_iface *dev = ifaddr_dev(h, addr);
	struct ut_flow fl = { .daddr = addr, .iif = 1 };
	const struct ut_route *r;

	/* a lookup in the local table itself, not through the rules */
	if (!dev && ut_fib_table_lookup(h, UT_RT_TABLE_LOCAL, &fl, &r) == 0 &&
	    r->type == UT_RTN_LOCAL)
		dev = r->dev;
	return dev;
}

/* inet_addr_onlink: a (and b, if not 0) on one subnet of dev */
static bool
addr_onlink(const struct ut_iface *dev, uint32_t a, uint32_t b)
{
	for (size_t i = 0; i < dev->n_addrs; i++)
		if (ifa_match(a, &dev->addrs[i]) &&
		    (!b || ifa_match(b, &dev->addrs[i])))
			return true;
	return false;
}

/* fib_result_prefsrc: the route's src, else the device's address towards
 * the gateway at the route's scope */
static uint32_t
route_prefsrc(const struct ut_host *h, const struct ut_route *r)
{
	if (r->prefsrc)
		return r->prefsrc;
	return ut_host_select_addr_scope(h, r->dev, r->gw, r->scope);
}

enum ut_rtn
ut_host_addr_type(const struct ut_host *h, uint32_t addr,
		  const struct ut_iface *dev)
{
	struct ut_flow fl = { .daddr = addr };
	const struct ut_route *r;

	if (is_zeronet(addr) || is_lbcast(addr))
		return UT_RTN_BROADCAST;
	if (ut_ipv4_is_multicast(addr))
		return UT_RTN_MULTICAST;
	/* a lookup in the local table (until the first rule the merged
	 * trie: a main-table route can only answer UNICAST, like no route
	 * at all) */
	if (ut_fib_table_lookup(h, UT_RT_TABLE_LOCAL, &fl, &r) != 0)
		return UT_RTN_UNICAST;
	if (!dev || dev == r->dev)
		return r->type;
	return UT_RTN_UNICAST;
}

const struct ut_neigh *
ut_neigh_lookup(const struct ut_host *h, uint32_t ip,
		const struct ut_iface *dev)
{
	for (size_t i = 0; i < h->n_neighs; i++)
		if (h->neighs[i].ip == ip && (!dev || h->neighs[i].dev == dev))
			return (h->neighs[i].nud & (UT_NUD_PERMANENT |
						    UT_NUD_NOARP)) ?
			       &h->neighs[i] : NULL;
	return NULL;
}

/* ---- input ------------------------------------------------------------ */

/* What ip_route_input_slow works on: the packet's addresses, TOS and
 * mark, and its input device. */
struct in_pkt {
	uint32_t daddr, saddr, mark;
	uint8_t tos;
	const struct ut_iface *in;
};

/* the flow of a lookup of the packet's source (fib_validate_source,
 * fib_compute_spec_dst): the mark only with src_valid_mark */
static struct ut_flow
reverse_flow(const struct ut_host *h, const struct in_pkt *k, int iif)
{
	struct ut_flow fl = {
		.daddr = k->saddr, .tos = k->tos, .iif = iif,
		.mark = ut_iface_src_valid_mark(h, k->in) ? k->mark : 0,
	};
	return fl;
}

/* fib_validate_source: < 0 (-EINVAL: a martian, -EXDEV: reverse path
 * filter), else 1 when saddr is on a network directly connected to in
 * (the reverse route has no gateway), 0 when that is not known. oif is
 * the output device of a forwarded packet, NULL otherwise. */
static int
validate_source(const struct ut_host *h, const struct in_pkt *k,
		const struct ut_iface *oif)
{
	const struct ut_iface *in = k->in;
	int rpf = ut_iface_rp_filter(h, in);
	struct ut_flow fl = reverse_flow(h, k, oif ? oif->index : 1);
	struct ut_fib_res res;
	const struct ut_route *r;

	/* the cheap check, unless rp_filter is on or a redirect may be due
	 * (the packet goes back out where it came in); with custom rules
	 * the full check runs all the same (custom local routes would do it
	 * too: routes of type local, which a HOST file cannot add) */
	if (!rpf && (oif != in || !ut_iface_send_redirects(h, in))) {
		if (ut_iface_accept_local(h, in))
			return 0;
		if (!h->custom_rules)
			return ifaddr_dev(h, k->saddr) ? -EINVAL : 0;
	}
	/* the reverse flow comes from the packet's destination */
	fl.saddr = k->daddr;
	if (ut_fib_lookup_flow(h, &fl, &res) != 0)
		return rpf ? -EXDEV : 0;
	r = res.route;
	if (r->type != UT_RTN_UNICAST &&
	    (r->type != UT_RTN_LOCAL || !ut_iface_accept_local(h, in)))
		return -EINVAL;
	if (r->dev == in || (r->type == UT_RTN_LOCAL && in->loopback))
		return r->nh_scope >= UT_SCOPE_HOST;
	if (in->n_addrs == 0)
		return rpf ? -EXDEV : 0;
	if (rpf == 1)
		return -EXDEV;
	/* loose mode: any route will do; is there one through in? */
	fl.oif = in->index;
	if (ut_fib_lookup_flow(h, &fl, &res) == 0 &&
	    res.route->type == UT_RTN_UNICAST)
		return res.route->nh_scope >= UT_SCOPE_HOST;
	return 0;
}

/* a failed source check: ip_handle_martian_source logs both kinds */
static int
source_drop(struct ut_rt *rt, int err)
{
	rt->martian = UT_MARTIAN_SOURCE;
	return err == -EXDEV ? UT_DROP_RPFILTER : UT_DROP_MARTIAN;
}

static int
martian(struct ut_rt *rt, enum ut_martian kind)
{
	rt->martian = kind;
	return UT_DROP_MARTIAN;
}

/* fib_compute_spec_dst: the address the host answers from (ICMP echo
 * replies, options): the destination when it is ours, else the address
 * it would use towards the sender */
static uint32_t
spec_dst(const struct ut_host *h, const struct ut_rt *rt,
	 const struct in_pkt *k)
{
	struct ut_flow fl = reverse_flow(h, k, 1);
	struct ut_fib_res res;
	uint8_t scope = UT_SCOPE_UNIVERSE;

	if (rt->type == UT_RTN_LOCAL)
		return k->daddr;
	if (!is_zeronet(k->saddr)) {
		if (ut_fib_lookup_flow(h, &fl, &res) == 0)
			return route_prefsrc(h, res.route);
	} else {
		scope = UT_SCOPE_LINK;
	}
	return ut_host_select_addr_scope(h, k->in, k->saddr, scope);
}

/* a packet for the host itself (local, broadcast, multicast): rth->dev is
 * the loopback device */
static void
rt_local(const struct ut_host *h, struct ut_rt *rt, enum ut_rtn type,
	 uint32_t daddr, const struct ut_route *r)
{
	rt->type = type;
	rt->dev = h->ifaces[0];
	rt->nexthop = daddr;
	rt->mtu = h->ifaces[0]->mtu;
	rt->route = r;
}

/* ip_route_input_mc: only groups the device joined are received, and
 * every IPv4 device joins 224.0.0.1 (ip_mc_up); nothing else is joined
 * (no sockets) and there is no multicast routing. ip_mc_validate_source
 * checks the source; the IGMP exception for source 0 is not modelled (the
 * protocol is not an argument). */
bool
ut_host_mc_joined(const struct ut_host *h, const struct ut_iface *dev,
		  uint32_t group)
{
	(void)h;
	(void)dev;
	return group == htonl(INADDR_ALLHOSTS);
}

static int
input_mc(const struct ut_host *h, const struct in_pkt *k, struct ut_rt *rt)
{
	int err;

	if (!ut_host_mc_joined(h, k->in, k->daddr))
		return UT_DROP_NOT_FORWARDED;
	if (ut_ipv4_is_multicast(k->saddr) || is_lbcast(k->saddr))
		return UT_DROP_MARTIAN;
	if (ut_ipv4_is_loopback(k->saddr) &&
	    !ut_iface_route_localnet(h, k->in))
		return UT_DROP_MARTIAN;
	if (is_zeronet(k->saddr)) {
		if (!is_local_multicast(k->daddr))
			return UT_DROP_MARTIAN;
	} else {
		/* ip_route_input_mc prints nothing */
		err = validate_source(h, k, NULL);
		if (err < 0)
			return err == -EXDEV ? UT_DROP_RPFILTER :
					       UT_DROP_MARTIAN;
	}
	rt_local(h, rt, UT_RTN_MULTICAST, k->daddr, NULL);
	return UT_DROP_NONE;
}

/* brd_input: a broadcast for the host */
static int
input_broadcast(const struct ut_host *h, const struct in_pkt *k,
		const struct ut_fib_res *res, struct ut_rt *rt)
{
	int err;

	if (!is_zeronet(k->saddr)) {
		err = validate_source(h, k, NULL);
		if (err < 0)
			return source_drop(rt, err);
	}
	rt_local(h, rt, UT_RTN_BROADCAST, k->daddr, res ? res->route : NULL);
	rt->table = res ? res->table : 0;
	return UT_DROP_NONE;
}

/* no_route: the packet goes to ip_error with err (a rule's unreachable
 * is -ENETUNREACH, a route's -EHOSTUNREACH) */
static int
input_error(const struct ut_host *h, uint32_t daddr, int err,
	    const struct ut_fib_res *res, struct ut_rt *rt)
{
	enum ut_rtn type = UT_RTN_UNREACHABLE;

	if (err == -EINVAL)
		type = UT_RTN_BLACKHOLE;
	else if (err == -EACCES)
		type = UT_RTN_PROHIBIT;
	rt_local(h, rt, type, daddr, res ? res->route : NULL);
	rt->error = -err;
	return UT_DROP_NONE;
}

/* __mkroute_input: a packet to forward through route r */
static int
input_forward(const struct ut_host *h, const struct in_pkt *k,
	      const struct ut_fib_res *res, struct ut_rt *rt)
{
	const struct ut_route *r = res->route;
	const struct ut_iface *in = k->in, *out = r->dev;
	int err = validate_source(h, k, out);

	if (err < 0)
		return source_drop(rt, err);
	/* IPSKB_DOREDIRECT: back out of the same device, the sender on a
	 * connected network, and the next hop on the sender's link
	 * (shared_media, on by default, waives that last test). Measured:
	 * 10.0.0.3 from 10.0.0.2 iif eth0 (10.0.0.0/24 on eth0) is a
	 * redirect; 10.1.0.3 from 10.9.0.7 iif eth1 (sender behind the
	 * default gateway) is not. */
	if (out == in && err > 0 && ut_iface_send_redirects(h, in) &&
	    (ut_iface_shared_media(h, in) || addr_onlink(in, k->saddr, r->gw)))
		rt->redirect = true;
	rt->type = UT_RTN_UNICAST;
	rt->dev = out;
	rt->has_gw = r->gw && r->nh_scope == UT_SCOPE_LINK;
	rt->nexthop = rt->has_gw ? r->gw : k->daddr;
	rt->mtu = r->mtu ? r->mtu : out->mtu;
	rt->route = r;
	rt->table = res->table;
	return UT_DROP_NONE;
}

/* ip_route_input_slow after the multicast case */
static int
input_slow(const struct ut_host *h, const struct in_pkt *k, struct ut_rt *rt)
{
	const struct ut_iface *in = k->in;
	struct ut_flow fl = {
		.daddr = k->daddr, .saddr = k->saddr, .tos = k->tos,
		.iif = in->index, .mark = k->mark,
	};
	struct ut_fib_res res;
	int err;

	if (ut_ipv4_is_multicast(k->saddr) || is_lbcast(k->saddr))
		return martian(rt, UT_MARTIAN_SOURCE);
	/* before the zero and loopback tests: 255.255.255.255 from 0.0.0.0
	 * (DHCP) is fine */
	if (is_lbcast(k->daddr) || (k->saddr == 0 && k->daddr == 0))
		return input_broadcast(h, k, NULL, rt);
	if (is_zeronet(k->saddr))
		return martian(rt, UT_MARTIAN_SOURCE);
	if (is_zeronet(k->daddr))
		return martian(rt, UT_MARTIAN_DESTINATION);
	if (ut_ipv4_is_loopback(k->daddr)) {
		if (!ut_iface_route_localnet(h, in))
			return martian(rt, UT_MARTIAN_DESTINATION);
	} else if (ut_ipv4_is_loopback(k->saddr) &&
		   !ut_iface_route_localnet(h, in)) {
		return martian(rt, UT_MARTIAN_SOURCE);
	}
	err = ut_fib_lookup_flow(h, &fl, &res);
	if (err) {
		if (!ut_iface_forwarding(h, in))
			err = -EHOSTUNREACH;
		return input_error(h, k->daddr, err, &res, rt);
	}
	if (res.route->type == UT_RTN_BROADCAST)
		return input_broadcast(h, k, &res, rt);
	if (res.route->type == UT_RTN_LOCAL) {
		err = validate_source(h, k, NULL);
		if (err < 0)
			return source_drop(rt, err);
		rt_local(h, rt, UT_RTN_LOCAL, k->daddr, res.route);
		rt->table = res.table;
		return UT_DROP_NONE;
	}
	if (!ut_iface_forwarding(h, in))
		return input_error(h, k->daddr, -EHOSTUNREACH, NULL, rt);
	if (res.route->type != UT_RTN_UNICAST)
		return martian(rt, UT_MARTIAN_DESTINATION);
	return input_forward(h, k, &res, rt);
}

int
ut_route_input(const struct ut_host *h, uint32_t daddr, uint32_t saddr,
	       uint8_t tos, const struct ut_iface *in, uint32_t mark,
	       struct ut_rt *rt)
{
	struct in_pkt k = {
		.daddr = daddr, .saddr = saddr, .mark = mark, .tos = tos,
		.in = in,
	};
	int why;

	memset(rt, 0, sizeof(*rt));
	if (!in)
		return UT_DROP_MARTIAN;
	if (ut_ipv4_is_multicast(daddr))
		why = input_mc(h, &k, rt);
	else
		why = input_slow(h, &k, rt);
	if (why == UT_DROP_NONE)
		rt->src = spec_dst(h, rt, &k);
	return why;
}

/* ---- output ----------------------------------------------------------- */

/* The flow of ip_route_output_key_hash_rcu as it goes. */
struct flow {
	uint32_t daddr, saddr, mark;
	uint8_t tos;
	const struct ut_iface *oif;
	const struct ut_iface *dev_out;
	enum ut_rtn type;
	const struct ut_route *res;
	uint32_t table;
	bool anysrc;        /* FLOWI_FLAG_ANYSRC: saddr need not be ours */
};

/* __mkroute_output: the route the flow ends with */
static int
make_output(const struct ut_host *h, struct flow *f, struct ut_rt *rt)
{
	const struct ut_route *r = f->res;
	enum ut_rtn type = f->type;
	bool gw_ok = true;

	if (ut_ipv4_is_loopback(f->saddr) && !f->dev_out->loopback &&
	    !ut_iface_route_localnet(h, f->dev_out))
		return -EINVAL;
	if (is_lbcast(f->daddr))
		type = UT_RTN_BROADCAST;
	else if (ut_ipv4_is_multicast(f->daddr))
		type = UT_RTN_MULTICAST;
	else if (is_zeronet(f->daddr))
		return -EINVAL;
	/* a broadcast never goes through a gateway; a multicast only
	 * through a route more specific than /4 ("Yes, it is hack.") */
	if (type == UT_RTN_BROADCAST ||
	    (type == UT_RTN_MULTICAST && r && r->plen < 4))
		gw_ok = false;
	rt->type = type;
	rt->dev = f->dev_out;
	rt->has_gw = gw_ok && r && r->gw && r->nh_scope == UT_SCOPE_LINK;
	rt->nexthop = rt->has_gw ? r->gw : f->daddr;
	rt->src = f->saddr;
	rt->mtu = r && r->mtu ? r->mtu : f->dev_out->mtu;
	rt->route = r;
	rt->table = r ? f->table : 0;
	return 0;
}

/* the checks of a given source address; 1: route it now (make_output) */
static int
output_saddr(const struct ut_host *h, struct flow *f)
{
	if (ut_ipv4_is_multicast(f->saddr) || is_lbcast(f->saddr))
		return -EINVAL;
	/* "user can direct multicasts and limited broadcast via necessary
	 * interface" by binding to that interface's address */
	if (!f->oif && (ut_ipv4_is_multicast(f->daddr) || is_lbcast(f->daddr))) {
		f->dev_out = dev_find(h, f->saddr);
		if (!f->dev_out)
			return -ENETUNREACH;
		f->oif = f->dev_out;
		return 1;
	}
	/* measured: ip route get 8.8.8.8 from 10.0.0.255 (not ours) gives
	 * "Network is unreachable" */
	if (!f->anysrc && !dev_find(h, f->saddr))
		return -ENETUNREACH;
	return 0;
}

/* the choices an output device forces; 1: route it now */
static int
output_oif(const struct ut_host *h, struct flow *f)
{
	f->dev_out = f->oif;
	if (is_local_multicast(f->daddr) || is_lbcast(f->daddr)) {
		if (!f->saddr)
			f->saddr = ut_host_select_addr_scope(h, f->oif, 0,
							     UT_SCOPE_LINK);
		return 1;
	}
	if (!f->saddr) {
		if (ut_ipv4_is_multicast(f->daddr))
			f->saddr = ut_host_select_addr_scope(
				h, f->oif, 0, UT_SCOPE_UNIVERSE);
		else if (!f->daddr)
			f->saddr = ut_host_select_addr_scope(h, f->oif, 0,
							     UT_SCOPE_HOST);
	}
	return 0;
}

/* the fib lookup and what follows it */
static int
output_lookup(const struct ut_host *h, struct flow *f, struct ut_rt *rt)
{
	struct ut_flow fl = {
		.daddr = f->daddr, .saddr = f->saddr, .tos = f->tos,
		.iif = 1 /* LOOPBACK_IFINDEX */, .mark = f->mark,
		.oif = f->oif ? f->oif->index : 0,
	};
	struct ut_fib_res res;
	const struct ut_route *r;
	int err = ut_fib_lookup_flow(h, &fl, &res);

	if (err) {
		if (f->oif) {
			/* "Apparently, routing tables are wrong. Assume,
			 * that the destination is on link." */
			if (!f->saddr)
				f->saddr = ut_host_select_addr_scope(
					h, f->dev_out, 0, UT_SCOPE_LINK);
			f->type = UT_RTN_UNICAST;
			return make_output(h, f, rt);
		}
		rt->type = err == -EINVAL ? UT_RTN_BLACKHOLE :
			   err == -EACCES ? UT_RTN_PROHIBIT :
			   UT_RTN_UNREACHABLE;
		rt->error = -err;
		rt->route = res.route;
		return err;
	}
	r = res.route;
	f->res = r;
	f->table = res.table;
	f->type = r->type;
	if (r->type == UT_RTN_LOCAL) {
		if (!f->saddr)
			f->saddr = r->prefsrc ? r->prefsrc : f->daddr;
		f->dev_out = h->ifaces[0];
		return make_output(h, f, rt);
	}
	if (!f->saddr)
		f->saddr = route_prefsrc(h, r);
	f->dev_out = r->dev;
	return make_output(h, f, rt);
}

static int
route_output(const struct ut_host *h, struct flow f, struct ut_rt *rt)
{
	uint32_t saddr = f.saddr;
	int ret;

	memset(rt, 0, sizeof(*rt));
	if (saddr) {
		ret = output_saddr(h, &f);
		if (ret < 0)
			return ret;
		if (ret > 0)
			return make_output(h, &f, rt);
	}
	if (f.oif && output_oif(h, &f) > 0)
		return make_output(h, &f, rt);
	if (!f.daddr) {
		/* to nowhere: to ourselves over lo */
		f.daddr = f.saddr ? f.saddr : htonl(0x7f000001u);
		f.saddr = f.daddr;
		f.dev_out = h->ifaces[0];
		f.type = UT_RTN_LOCAL;
		return make_output(h, &f, rt);
	}
	return output_lookup(h, &f, rt);
}

int
ut_route_output(const struct ut_host *h, uint32_t daddr, uint32_t saddr,
		uint8_t tos, const struct ut_iface *oif, uint32_t mark,
		struct ut_rt *rt)
{
	struct flow f = {
		.daddr = daddr, .saddr = saddr, .mark = mark, .tos = tos,
		.oif = oif, .type = UT_RTN_UNSPEC,
	};

	return route_output(h, f, rt);
}

int
ut_route_me_harder(const struct ut_host *h, uint32_t daddr, uint32_t saddr,
		   uint8_t tos, const struct ut_iface *dev, uint32_t mark,
		   struct ut_rt *rt)
{
	struct flow f = {
		.daddr = daddr, .saddr = saddr, .mark = mark, .tos = tos,
		.type = UT_RTN_UNSPEC, .anysrc = true,
	};
	enum ut_rtn type = ut_host_addr_type(h, saddr, dev);

	/* a local or foreign unicast source stays in the flow (the rules
	 * see it), anything else is routed without one */
	if (type != UT_RTN_LOCAL && type != UT_RTN_UNICAST)
		f.saddr = 0;
	return route_output(h, f, rt);
}
