/* host.c: the described host (interfaces, addresses, routes, neighbours,
 * sysctls): the model and its operations. The HOST file is read by
 * host_file.c (sysctl lines: host_sysctl.c); host_export.c prints the
 * running network namespace in that syntax.
 *
 * Overview. A new host is a fresh network namespace: `lo` (index 1, up,
 * 127.0.0.1/8) and the sysctl defaults of a new namespace. ut_host_parse
 * then applies the lines in file order, each as the kernel applies the
 * command it names:
 *  - `link add NAME address MAC [mtu N] [group N]`: a new device, up,
 *    index 2, 3, ..., whose net.ipv4.conf values are conf.default's at
 *    that moment
 *    (inetdev_init copies them);
 *  - `addr add A[/LEN] dev NAME [broadcast B]`: inet_insert_ifa (an
 *    address in the subnet of an earlier one is secondary) and
 *    fib_add_ifaddr, the routes the kernel adds: `local A` and, if B was
 *    given, `broadcast B` in the local table; unless secondary, the
 *    connected prefix in main (on lo: a `local` prefix in the local table)
 *    and, for LEN < 31, `broadcast` of the subnet's last address. Linux 6
 *    adds no broadcast route for the network address (measured);
 *  - `route add ...`: fib_table_insert with NLM_F_EXCL: one route per
 *    (prefix, tos, metric) in main, a gateway must be reachable through a
 *    connected route, src must be a local address;
 *  - `neigh add IP lladdr MAC dev NAME`: a permanent ARP entry;
 *  - `sysctl KEY=VALUE`: stored (last value wins); the keys the packet
 *    path reads also update the host as the proc handlers do: ip_forward
 *    (= conf.all.forwarding) switches forwarding on every device and in
 *    conf.default, but only when its value changes (inet_forward_change);
 *    conf.default.X (X not forwarding) also changes every device whose X
 *    was never written (devinet_copy_dflt_conf) and that has no address
 *    (adding one marks all of a device's options written; lo has one from
 *    the start); conf.default.forwarding changes only devices created
 *    afterwards. So the order of sysctl, link and addr lines matters,
 *    exactly as it would in a shell script.
 * Every error is "FILE:LINE: what is wrong", status 2; a host that failed
 * to parse is to be discarded (it may hold the lines before the error).
 *
 * Ownership: the host owns its interfaces (each allocated alone, so
 * pointers to them stay valid), their addresses, the routes, neighbours
 * and sysctl strings. Routes and neighbours point at interfaces.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "host/host.h"
#include "host/host_int.h"

/* ---- net.ipv4.conf options --------------------------------------------- */

const struct ut_conf_opt ut_conf_opts[] = {
	{ "forwarding", offsetof(struct ut_ifconf, forwarding), UT_CONF_DEV },
	{ "rp_filter", offsetof(struct ut_ifconf, rp_filter), UT_CONF_MAX },
	{ "accept_source_route",
	  offsetof(struct ut_ifconf, accept_source_route), UT_CONF_AND },
	{ "send_redirects", offsetof(struct ut_ifconf, send_redirects),
	  UT_CONF_OR },
	{ "accept_local", offsetof(struct ut_ifconf, accept_local), UT_CONF_OR },
	{ "route_localnet", offsetof(struct ut_ifconf, route_localnet),
	  UT_CONF_OR },
	{ "log_martians", offsetof(struct ut_ifconf, log_martians), UT_CONF_OR },
	{ "arp_ignore", offsetof(struct ut_ifconf, arp_ignore), UT_CONF_MAX },
	{ "shared_media", offsetof(struct ut_ifconf, shared_media), UT_CONF_OR },
	{ "src_valid_mark", offsetof(struct ut_ifconf, src_valid_mark),
	  UT_CONF_OR },
};
const size_t ut_n_conf_opts = sizeof(ut_conf_opts) / sizeof(ut_conf_opts[0]);

/* conf_effective: the value the kernel acts on for dev */
static int
conf_effective(const struct ut_host *h, const struct ut_iface *i, size_t opt)
{
	int all = ut_conf_get(&h->conf_all, opt), dev = ut_conf_get(&i->conf, opt);

	switch (ut_conf_opts[opt].rule) {
	case UT_CONF_AND:
		return all && dev;
	case UT_CONF_OR:
		return all || dev;
	case UT_CONF_MAX:
		return all > dev ? all : dev;
	default:
		return dev;
	}
}

int
ut_iface_forwarding(const struct ut_host *h, const struct ut_iface *i)
{
	return conf_effective(h, i, 0);
}

int
ut_iface_rp_filter(const struct ut_host *h, const struct ut_iface *i)
{
	return conf_effective(h, i, 1);
}

int
ut_iface_accept_source_route(const struct ut_host *h,
			     const struct ut_iface *i)
{
	return conf_effective(h, i, 2);
}

int
ut_iface_send_redirects(const struct ut_host *h, const struct ut_iface *i)
{
	return conf_effective(h, i, 3);
}

int
ut_iface_accept_local(const struct ut_host *h, const struct ut_iface *i)
{
	return conf_effective(h, i, 4);
}

int
ut_iface_route_localnet(const struct ut_host *h, const struct ut_iface *i)
{
	return conf_effective(h, i, 5);
}

int
ut_iface_log_martians(const struct ut_host *h, const struct ut_iface *i)
{
	return conf_effective(h, i, 6);
}

int
ut_iface_arp_ignore(const struct ut_host *h, const struct ut_iface *i)
{
	return conf_effective(h, i, 7);
}

int
ut_iface_shared_media(const struct ut_host *h, const struct ut_iface *i)
{
	return conf_effective(h, i, 8);
}

int
ut_iface_src_valid_mark(const struct ut_host *h, const struct ut_iface *i)
{
	return conf_effective(h, i, 9);
}

/* ---- the model ---------------------------------------------------------- */

/* the compiled-in defaults (ipv4_devconf, ipv4_devconf_dflt), which a new
 * namespace has (measured on 6.18: all.accept_source_route 0,
 * default.accept_source_route 1, send_redirects 1, rp_filter 0) */
static const struct ut_ifconf conf_all_init = {
	.send_redirects = 1, .shared_media = 1,
};
const struct ut_ifconf ut_conf_default_init = {
	.accept_source_route = 1, .send_redirects = 1, .shared_media = 1,
};

struct ut_iface *
ut_host_iface_alloc(struct ut_host *h, const char *name)
{
	struct ut_iface **v, *i;

	v = realloc(h->ifaces, (h->n_ifaces + 1) * sizeof(*v));
	if (!v)
		return NULL;
	h->ifaces = v;
	i = calloc(1, sizeof(*i));
	if (!i)
		return NULL;
	snprintf(i->name, sizeof(i->name), "%s", name);
	/* the next index after the largest (a new namespace's counter) */
	i->index = 1;
	for (size_t k = 0; k < h->n_ifaces; k++)
		if (h->ifaces[k]->index >= i->index)
			i->index = h->ifaces[k]->index + 1;
	i->mtu = 1500;
	i->up = true;
	i->conf = h->conf_default;
	h->ifaces[h->n_ifaces++] = i;
	return i;
}

static unsigned
addr_count(const struct ut_host *h)
{
	unsigned n = 0;

	for (size_t i = 0; i < h->n_ifaces; i++)
		n += (unsigned)h->ifaces[i]->n_addrs;
	return n;
}

/* walk_insert: routes[n] into route_walk[0..n), after every route that
 * comes before it */
static void
walk_insert(struct ut_host *h, size_t n)
{
	const struct ut_route *r = &h->routes[n];
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ut_route_before(&h->routes[h->route_walk[mid].idx], r))
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(&h->route_walk[lo + 1], &h->route_walk[lo],
		(n - lo) * sizeof(*h->route_walk));
	h->route_walk[lo].dst = r->dst;
	h->route_walk[lo].mask = ut_plen_mask(r->plen);
	h->route_walk[lo].idx = (uint32_t)n;
}

/* route_append: add r as the last route (its seq) */
int
ut_host_route_append(struct ut_host *h, const struct ut_route *r)
{
	struct ut_route *v;
	struct ut_route_walk *w;

	if (h->n_routes >= UINT32_MAX)
		return -ENOMEM;
	v = realloc(h->routes, (h->n_routes + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	h->routes = v;
	w = realloc(h->route_walk, (h->n_routes + 1) * sizeof(*w));
	if (!w)
		return -ENOMEM;
	h->route_walk = w;
	v[h->n_routes] = *r;
	v[h->n_routes].seq = (unsigned)h->n_routes;
	walk_insert(h, h->n_routes);
	h->n_routes++;
	return 0;
}

int
ut_host_rule_insert(struct ut_host *h, const struct ut_fib_rule *r)
{
	struct ut_fib_rule *v = realloc(h->fib_rules, (h->n_fib_rules + 1) * sizeof(*v));
	size_t at = 0;

	if (!v)
		return -ENOMEM;
	h->fib_rules = v;
	while (at < h->n_fib_rules && v[at].pref <= r->pref)
		at++;
	memmove(&v[at + 1], &v[at], (h->n_fib_rules - at) * sizeof(*v));
	v[at] = *r;
	h->n_fib_rules++;
	return 0;
}

/* fib_default_rules_init: 0 lookup local, 32766 main, 32767 default */
static int
default_rules(struct ut_host *h)
{
	static const uint32_t prefs[] = { 0, 32766, 32767 };
	static const uint32_t tables[] = { UT_RT_TABLE_LOCAL, UT_RT_TABLE_MAIN,
					   UT_RT_TABLE_DEFAULT };

	for (size_t i = 0; i < 3; i++) {
		struct ut_fib_rule r = {
			.pref = prefs[i], .action = UT_FR_TO_TBL,
			.table = tables[i], .suppress_prefixlen = -1,
			.suppress_ifgroup = -1, .proto = 2 /* kernel */,
			.dflt = true,
		};

		if (ut_host_rule_insert(h, &r))
			return -ENOMEM;
	}
	return 0;
}

/* fib_magic: a route the kernel adds for an address (NLM_F_APPEND: after
 * the routes of the same key; an identical one is not added twice) */
static int
route_kernel(struct ut_host *h, enum ut_rtn type, uint32_t dst, uint8_t plen,
	     const struct ut_iface *dev, uint32_t prefsrc)
{
	struct ut_route r = {
		.table = type == UT_RTN_UNICAST ? UT_RT_TABLE_MAIN : UT_RT_TABLE_LOCAL,
		.type = type, .dst = dst, .plen = plen, .dev = dev,
		.prefsrc = prefsrc,
		.scope = type == UT_RTN_LOCAL ? UT_SCOPE_HOST : UT_SCOPE_LINK,
		.nh_scope = UT_SCOPE_HOST, .kernel = true,
		.proto = 2 /* RTPROT_KERNEL */,
	};

	for (size_t i = 0; i < h->n_routes; i++) {
		const struct ut_route *o = &h->routes[i];

		if (o->table == r.table && o->type == type && o->dst == dst &&
		    o->plen == plen && o->tos == 0 && o->metric == 0 &&
		    o->dev == dev && o->prefsrc == prefsrc && o->gw == 0)
			return 0;
	}
	return ut_host_route_append(h, &r);
}

/* fib_add_ifaddr: the routes of address a (a secondary one uses its
 * primary's address as the routes' source) */
static int
addr_routes(struct ut_host *h, const struct ut_iface *dev,
	    const struct ut_ifaddr *a)
{
	uint32_t prefix = a->addr & a->mask, src = a->addr;
	int ret;

	for (size_t i = 0; a->secondary && i < dev->n_addrs; i++)
		if (!dev->addrs[i].secondary && dev->addrs[i].mask == a->mask &&
		    (dev->addrs[i].addr & a->mask) == prefix) {
			src = dev->addrs[i].addr;
			break;
		}
	ret = route_kernel(h, UT_RTN_LOCAL, a->addr, 32, dev, src);
	/* a device that is down gets the rest when it comes up */
	if (ret || !dev->up)
		return ret;
	if (a->bcast_set && a->bcast != 0xffffffffu)
		ret = route_kernel(h, UT_RTN_BROADCAST, a->bcast, 32, dev, src);
	if (ret || prefix == 0 || a->secondary ||
	    (prefix == a->addr && a->plen == 32))
		return ret;
	ret = route_kernel(h, dev->loopback ? UT_RTN_LOCAL : UT_RTN_UNICAST,
			   prefix, a->plen, dev, src);
	if (!ret && a->plen < 31)
		ret = route_kernel(h, UT_RTN_BROADCAST, prefix | ~a->mask, 32,
				   dev, src);
	return ret;
}

/* inet_insert_ifa: where a new address goes in dev's list (primaries in
 * order of scope, then secondaries) and whether it is secondary.
 * Returns the index, or -EEXIST for an address already on that subnet. */
static int
addr_slot(const struct ut_iface *dev, struct ut_ifaddr *a)
{
	size_t last_primary = 0;

	for (size_t i = 0; i < dev->n_addrs; i++) {
		const struct ut_ifaddr *o = &dev->addrs[i];

		if (!o->secondary && a->scope <= o->scope)
			last_primary = i + 1;
		if (o->mask == a->mask && ((o->addr ^ a->addr) & a->mask) == 0) {
			if (o->addr == a->addr)
				return -EEXIST;
			a->secondary = true;
		}
	}
	return (int)(a->secondary ? dev->n_addrs : last_primary);
}

/* host_addr_add: add a (addr, plen, bcast_set/bcast filled) to dev */
int
ut_host_addr_add(struct ut_host *h, struct ut_iface *dev, struct ut_ifaddr a)
{
	struct ut_ifaddr *v;
	int slot;

	a.mask = ut_plen_mask(a.plen);
	if (!a.bcast_set)
		a.bcast = a.plen < 31 ? (a.addr | ~a.mask) : 0;
	/* iproute2 gives 127/8 addresses scope host (default_scope) */
	a.scope = ut_ipv4_is_loopback(a.addr) ? UT_SCOPE_HOST : UT_SCOPE_UNIVERSE;
	a.seq = addr_count(h);
	slot = addr_slot(dev, &a);
	if (slot < 0)
		return slot;
	v = realloc(dev->addrs, (dev->n_addrs + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	dev->addrs = v;
	memmove(&v[slot + 1], &v[slot],
		(dev->n_addrs - (size_t)slot) * sizeof(*v));
	v[slot] = a;
	dev->n_addrs++;
	/* an address marks every conf option of its device as written
	 * (ipv4_devconf_setall in rtm_to_ifaddr, and for lo in
	 * inetdev_event): conf.default no longer reaches it. Measured: with
	 * 10.9.9.1/24 on b0 and none on a0, conf.default.rp_filter=2 gives
	 * a0 2, b0 0. */
	dev->conf_set = (1u << ut_n_conf_opts) - 1;
	return addr_routes(h, dev, &v[slot]);
}

/* ---- link state (`link set`) ------------------------------------------- */

/* link_down: fib_disable_ip and arp_ifdown for a device going down:
 * every route through it goes (fib_sync_down_dev kills the next hops
 * whose scope is not "nowhere": all but those of host-scope routes, the
 * local routes of its addresses among them; measured: they stay and the
 * addresses are still the host's), so do all its neighbours, permanent
 * ones included (measured); its VLANs go down with it
 * (vlan_device_event). The routes do not come back when it is up again,
 * but for the address routes. */
static void
link_down(struct ut_host *h, struct ut_iface *dev)
{
	size_t n = 0;

	dev->up = false;
	for (size_t i = 0; i < h->n_routes; i++)
		if (h->routes[i].dev != dev || h->routes[i].scope == UT_SCOPE_HOST)
			h->routes[n++] = h->routes[i];
	h->n_routes = n;
	/* the lookup order holds indexes into routes: rebuilt over the
	 * routes left (their order, and so their seq, is unchanged) */
	for (size_t i = 0; i < n; i++)
		walk_insert(h, i);
	n = 0;
	for (size_t i = 0; i < h->n_neighs; i++)
		if (h->neighs[i].dev != dev)
			h->neighs[n++] = h->neighs[i];
	h->n_neighs = n;
	for (size_t i = 0; i < h->n_ifaces; i++)
		if (h->ifaces[i]->vlan_parent == dev && h->ifaces[i]->up)
			link_down(h, h->ifaces[i]);
}

/* link_up: NETDEV_UP: fib_add_ifaddr for each address again, then the
 * device's VLANs come up too (vlan_device_event) */
static int
link_up(struct ut_host *h, struct ut_iface *dev)
{
	dev->up = true;
	for (size_t i = 0; i < dev->n_addrs; i++)
		if (addr_routes(h, dev, &dev->addrs[i]))
			return -ENOMEM;
	for (size_t i = 0; i < h->n_ifaces; i++)
		if (h->ifaces[i]->vlan_parent == dev && !h->ifaces[i]->up &&
		    link_up(h, h->ifaces[i]))
			return -ENOMEM;
	return 0;
}

int
ut_host_link_updown(struct ut_host *h, struct ut_iface *dev, bool up)
{
	if (up == dev->up)
		return 0;
	if (!up) {
		link_down(h, dev);
		return 0;
	}
	/* vlan_dev_open: not while the parent is down */
	if (dev->vlan_parent && !dev->vlan_parent->up)
		return -ENETDOWN;
	return link_up(h, dev);
}

void
ut_host_link_mtu(struct ut_host *h, struct ut_iface *dev, uint32_t mtu)
{
	dev->mtu = mtu;
	/* vlan_device_event (NETDEV_CHANGEMTU): a VLAN is never larger */
	for (size_t i = 0; i < h->n_ifaces; i++)
		if (h->ifaces[i]->vlan_parent == dev && h->ifaces[i]->mtu > mtu)
			h->ifaces[i]->mtu = mtu;
}

struct ut_host *
ut_host_new(void)
{
	struct ut_host *h = calloc(1, sizeof(*h));
	struct ut_iface *lo;
	struct ut_ifaddr a = { .addr = htonl(0x7f000001u), .plen = 8 };

	if (!h)
		return NULL;
	h->hz = 250;
	h->ip_default_ttl = 64;
	h->icmp_ratelimit = 1000;
	h->icmp_ratemask = 6168;
	h->icmp_echo_ignore_broadcasts = 1;
	h->icmp_msgs_per_sec = 1000;
	h->icmp_msgs_burst = 50;
	h->ipfrag_time = 30;
	h->ipfrag_high_thresh = 4L * 1024 * 1024;
	h->ipfrag_low_thresh = 3L * 1024 * 1024;
	h->conf_all = conf_all_init;
	h->conf_default = ut_conf_default_init;
	h->nf = ut_nf_sysctl_default;
	h->recent.ip_list_tot = 100;
	if (default_rules(h))
		goto fail;
	lo = ut_host_iface_alloc(h, "lo");
	if (!lo)
		goto fail;
	lo->loopback = true;
	lo->mtu = 65536;
	if (ut_host_addr_add(h, lo, a) != 0)
		goto fail;
	return h;
fail:
	ut_host_free(h);
	return NULL;
}

void
ut_host_free(struct ut_host *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n_ifaces; i++) {
		free(h->ifaces[i]->addrs);
		free(h->ifaces[i]);
	}
	for (size_t i = 0; i < h->n_sysctls; i++) {
		free(h->sysctls[i].key);
		free(h->sysctls[i].value);
	}
	free(h->osf[0]);
	free(h->osf[1]);
	free(h->listens);
	for (size_t i = 0; i < h->n_nfacct; i++)
		free(h->nfacct[i]);
	free(h->nfacct);
	free(h->ifaces);
	free(h->routes);
	free(h->route_walk);
	free(h->neighs);
	free(h->fib_rules);
	for (size_t i = 0; i < h->n_table_names; i++)
		free(h->table_names[i].name);
	free(h->table_names);
	free(h->sysctls);
	for (size_t i = 0; i < h->n_recent_cmds; i++) {
		free(h->recent_cmds[i].table);
		free(h->recent_cmds[i].cmd);
		free(h->recent_cmds[i].where);
	}
	free(h->recent_cmds);
	free(h);
}

const struct ut_iface *
ut_host_iface(const struct ut_host *h, const char *name)
{
	for (size_t i = 0; i < h->n_ifaces; i++)
		if (strcmp(h->ifaces[i]->name, name) == 0)
			return h->ifaces[i];
	return NULL;
}

const struct ut_iface *
ut_host_iface_by_index(const struct ut_host *h, int index)
{
	for (size_t i = 0; i < h->n_ifaces; i++)
		if (h->ifaces[i]->index == index)
			return h->ifaces[i];
	return NULL;
}

const char *
ut_host_sysctl(const struct ut_host *h, const char *key)
{
	for (size_t i = 0; i < h->n_sysctls; i++)
		if (strcmp(h->sysctls[i].key, key) == 0)
			return h->sysctls[i].value;
	return NULL;
}
