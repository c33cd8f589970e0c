/* host_export.c: `utables host export`: the running network namespace in
 * HOST syntax, read with rtnetlink dumps and /proc/sys. */
#include <ctype.h>
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/fib_rules.h>
#include <sys/socket.h>
#include <sys/utsname.h>

#include "host/host.h"
#include "rules/addr.h"
#include "host/host_int.h"

/* ---- export: the running namespace in HOST syntax --------------------------
 *
 * Read with rtnetlink dumps (links, addresses, routes, neighbours) and
 * /proc/sys. Printed so that ut_host_parse builds the same host: links,
 * then addresses (in the order they were created, so the same ones come
 * out secondary and their routes come in the same order), then routes of
 * the main table that the addresses did not add (direct ones before those
 * through a gateway, which need them), then permanent and reachable
 * neighbours (as permanent ones), then the sysctls in an order whose side
 * effects end in the exported values: ip_forward, conf.all, conf.default,
 * then per device only the values that differ from what the lines before
 * leave. What the model cannot express (non-Ethernet links, multipath or
 * onlink routes, other route types, appended duplicates) is left out
 * with a comment line saying so. Routes of every table are exported
 * (`table N`) but the local table's and main's that addresses add; then
 * the policy rules as `rule add pref N ...` lines, but the three default
 * ones (a missing default rule, or a rule with a selector the model has
 * no field for, is a comment). Tables that iproute2's rt_tables files
 * name get `rt_table ID NAME` lines first, so that `host show` prints the
 * names `ip` prints here. A link that is down gets `link set NAME down`
 * after the addresses (the kernel already removed its routes), an 802.1Q
 * VLAN `link add ... link PARENT type vlan id N` after the other links,
 * neighbours their `nud` state. Not exported (a comment says so): IPv6
 * (the engine is IPv4), the bridging of a bridge's ports (the bridge is a
 * plain link), 802.1ad VLANs, neighbours still being resolved. Every such
 * comment is also a warning (ut_host_export's warn), so that nothing is
 * left out silently.
 */

struct ex_link {
	int index;
	char name[UT_IFNAMSIZ];
	uint8_t mac[6];
	uint32_t mtu, group;
	unsigned short type; /* ARPHRD_* */
	bool up, ok; /* ok: exported (an Ethernet link with a valid MAC) */
	char kind[16];       /* IFLA_INFO_KIND ("" for none) */
	int parent;          /* IFLA_LINK: a VLAN's parent (ifindex), 0 */
	int master;          /* IFLA_MASTER: the bridge (or bond) it is in */
	uint16_t vlan_id, vlan_proto; /* IFLA_VLAN_ID, _PROTOCOL (network
				       * order) of a vlan */
};

struct ex_addr {
	int index;
	uint32_t addr, bcast;
	uint8_t plen;
	bool has_bcast;
	uint32_t cstamp; /* creation time, 1/100 s since boot */
	size_t pos;      /* in the dump */
};

struct ex_route {
	uint32_t table;
	uint8_t type, plen, tos;
	uint32_t dst, gw, prefsrc, metric, mtu;
	int oif;
	bool multipath, onlink;
	uint8_t proto, scope;
};

struct ex_neigh {
	int index;
	uint32_t ip;
	uint8_t mac[6];
	uint16_t state;  /* NUD_* */
	bool has_mac;
};

struct ex_rule {
	struct ut_fib_rule r;
	const char *left_out; /* a selector the model has no field for */
};

struct ex {
	struct ex_rule *rules;
	size_t n_rules;
	struct ex_link *links;
	size_t n_links;
	struct ex_addr *addrs;
	size_t n_addrs;
	struct ex_route *routes;
	size_t n_routes;
	struct ex_neigh *neighs;
	size_t n_neighs;
	/* IPv6 configuration, counted to say it is left out: addresses of
	 * global or site scope, routes not added by the kernel */
	size_t n_addrs6, n_routes6;
	bool oom;
};

/* ex_grow: v (n elements of size sz) with room for one more; NULL (and
 * x->oom) when out of memory, v is then still valid */
static void *
ex_grow(struct ex *x, void *v, size_t n, size_t sz)
{
	void *p = realloc(v, (n + 1) * sz);

	if (!p)
		x->oom = true;
	return p;
}

/* ex_attrs: the attributes after a message's fixed header, by type */
static void
ex_attrs(const struct nlmsghdr *nh, size_t hdrlen, struct rtattr **tb,
	 int max)
{
	struct rtattr *a = (struct rtattr *)((char *)NLMSG_DATA(nh) +
					     NLMSG_ALIGN(hdrlen));
	int len = (int)nh->nlmsg_len - NLMSG_LENGTH(hdrlen);

	memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
	for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type <= max && !tb[a->rta_type])
			tb[a->rta_type] = a;
}

static uint32_t
ex_u32(const struct rtattr *a)
{
	uint32_t v = 0;

	if (a && RTA_PAYLOAD(a) >= 4)
		memcpy(&v, RTA_DATA(a), 4);
	return v;
}

/* ex_nested: the attributes nested in a, by type */
static void
ex_nested(const struct rtattr *a, struct rtattr **tb, int max)
{
	int len = (int)RTA_PAYLOAD(a);

	memset(tb, 0, (size_t)(max + 1) * sizeof(*tb));
	for (struct rtattr *n = RTA_DATA(a); RTA_OK(n, len);
	     n = RTA_NEXT(n, len))
		if (n->rta_type <= max && !tb[n->rta_type])
			tb[n->rta_type] = n;
}

/* ex_linkinfo: IFLA_LINKINFO: the kind, and a vlan's id and protocol */
static void
ex_linkinfo(struct ex_link *l, const struct rtattr *info)
{
	struct rtattr *tb[IFLA_INFO_MAX + 1], *vt[IFLA_VLAN_MAX + 1];

	ex_nested(info, tb, IFLA_INFO_MAX);
	if (tb[IFLA_INFO_KIND])
		snprintf(l->kind, sizeof(l->kind), "%.*s",
			 (int)RTA_PAYLOAD(tb[IFLA_INFO_KIND]),
			 (const char *)RTA_DATA(tb[IFLA_INFO_KIND]));
	if (strcmp(l->kind, "vlan") != 0 || !tb[IFLA_INFO_DATA])
		return;
	ex_nested(tb[IFLA_INFO_DATA], vt, IFLA_VLAN_MAX);
	if (vt[IFLA_VLAN_ID])
		memcpy(&l->vlan_id, RTA_DATA(vt[IFLA_VLAN_ID]), 2);
	if (vt[IFLA_VLAN_PROTOCOL])
		memcpy(&l->vlan_proto, RTA_DATA(vt[IFLA_VLAN_PROTOCOL]), 2);
}

static void
ex_link(struct ex *x, const struct nlmsghdr *nh)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(nh);
	struct rtattr *tb[IFLA_MAX + 1];
	struct ex_link *l;

	if (ifi->ifi_flags & IFF_LOOPBACK)
		return;
	ex_attrs(nh, sizeof(*ifi), tb, IFLA_MAX);
	if (!tb[IFLA_IFNAME])
		return;
	l = ex_grow(x, x->links, x->n_links, sizeof(*l));
	if (!l)
		return;
	x->links = l;
	l += x->n_links;
	memset(l, 0, sizeof(*l));
	l->index = ifi->ifi_index;
	snprintf(l->name, sizeof(l->name), "%s",
		 (const char *)RTA_DATA(tb[IFLA_IFNAME]));
	l->mtu = ex_u32(tb[IFLA_MTU]);
	l->group = ex_u32(tb[IFLA_GROUP]);
	l->up = ifi->ifi_flags & IFF_UP;
	l->type = ifi->ifi_type;
	l->parent = (int)ex_u32(tb[IFLA_LINK]);
	l->master = (int)ex_u32(tb[IFLA_MASTER]);
	if (tb[IFLA_LINKINFO])
		ex_linkinfo(l, tb[IFLA_LINKINFO]);
	if (l->type == ARPHRD_ETHER && tb[IFLA_ADDRESS] &&
	    RTA_PAYLOAD(tb[IFLA_ADDRESS]) == 6) {
		memcpy(l->mac, RTA_DATA(tb[IFLA_ADDRESS]), 6);
		l->ok = !(l->mac[0] & 1) && (l->mac[0] | l->mac[1] | l->mac[2] |
					     l->mac[3] | l->mac[4] | l->mac[5]);
	}
	x->n_links++;
}

static void
ex_addr(struct ex *x, const struct nlmsghdr *nh)
{
	const struct ifaddrmsg *ifa = NLMSG_DATA(nh);
	struct rtattr *tb[IFA_MAX + 1];
	struct ex_addr *a;

	if (ifa->ifa_family != AF_INET)
		return;
	ex_attrs(nh, sizeof(*ifa), tb, IFA_MAX);
	if (!tb[IFA_LOCAL] && !tb[IFA_ADDRESS])
		return;
	a = ex_grow(x, x->addrs, x->n_addrs, sizeof(*a));
	if (!a)
		return;
	x->addrs = a;
	a += x->n_addrs;
	a->index = (int)ifa->ifa_index;
	a->addr = ex_u32(tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS]);
	a->plen = ifa->ifa_prefixlen;
	a->has_bcast = tb[IFA_BROADCAST] != NULL;
	a->bcast = ex_u32(tb[IFA_BROADCAST]);
	a->cstamp = 0;
	if (tb[IFA_CACHEINFO] && RTA_PAYLOAD(tb[IFA_CACHEINFO]) >=
	    sizeof(struct ifa_cacheinfo))
		a->cstamp = ((const struct ifa_cacheinfo *)
			     RTA_DATA(tb[IFA_CACHEINFO]))->cstamp;
	a->pos = x->n_addrs;
	x->n_addrs++;
}

/* ex_route_mtu: RTAX_MTU inside RTA_METRICS */
static uint32_t
ex_route_mtu(const struct rtattr *metrics)
{
	const struct rtattr *a;
	int len;

	if (!metrics)
		return 0;
	len = (int)RTA_PAYLOAD(metrics);
	for (a = RTA_DATA(metrics); RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == RTAX_MTU)
			return ex_u32(a);
	return 0;
}

static void
ex_route(struct ex *x, const struct nlmsghdr *nh)
{
	const struct rtmsg *rtm = NLMSG_DATA(nh);
	struct rtattr *tb[RTA_MAX + 1];
	struct ex_route *r;
	uint32_t table;

	if (rtm->rtm_family != AF_INET)
		return;
	ex_attrs(nh, sizeof(*rtm), tb, RTA_MAX);
	table = tb[RTA_TABLE] ? ex_u32(tb[RTA_TABLE]) : rtm->rtm_table;
	/* the routes the kernel adds for addresses come back from them */
	if ((table == RT_TABLE_MAIN || table == RT_TABLE_LOCAL) &&
	    rtm->rtm_protocol == RTPROT_KERNEL)
		return;
	r = ex_grow(x, x->routes, x->n_routes, sizeof(*r));
	if (!r)
		return;
	x->routes = r;
	r += x->n_routes;
	memset(r, 0, sizeof(*r));
	r->table = table;
	r->type = rtm->rtm_type;
	r->plen = rtm->rtm_dst_len;
	r->tos = rtm->rtm_tos;
	r->dst = ex_u32(tb[RTA_DST]);
	r->gw = ex_u32(tb[RTA_GATEWAY]);
	r->prefsrc = ex_u32(tb[RTA_PREFSRC]);
	r->metric = ex_u32(tb[RTA_PRIORITY]);
	r->mtu = ex_route_mtu(tb[RTA_METRICS]);
	r->oif = (int)ex_u32(tb[RTA_OIF]);
	r->multipath = tb[RTA_MULTIPATH] != NULL;
	r->onlink = rtm->rtm_flags & RTNH_F_ONLINK;
	r->proto = rtm->rtm_protocol;
	r->scope = rtm->rtm_scope;
	x->n_routes++;
}

/* ex_rule_attrs: the FRA_* attributes into e */
static void
ex_rule_attrs(struct ex_rule *e, struct rtattr **tb)
{
	struct ut_fib_rule *r = &e->r;

	r->pref = ex_u32(tb[FRA_PRIORITY]);
	r->src = ex_u32(tb[FRA_SRC]);
	r->dst = ex_u32(tb[FRA_DST]);
	r->mark = ex_u32(tb[FRA_FWMARK]);
	r->mask = ex_u32(tb[FRA_FWMASK]);
	if (tb[FRA_TABLE])
		r->table = ex_u32(tb[FRA_TABLE]);
	r->target = ex_u32(tb[FRA_GOTO]);
	if (tb[FRA_SUPPRESS_PREFIXLEN])
		r->suppress_prefixlen = (int)ex_u32(tb[FRA_SUPPRESS_PREFIXLEN]);
	if (tb[FRA_SUPPRESS_IFGROUP])
		r->suppress_ifgroup = (int)ex_u32(tb[FRA_SUPPRESS_IFGROUP]);
	if (tb[FRA_PROTOCOL] && RTA_PAYLOAD(tb[FRA_PROTOCOL]) >= 1)
		r->proto = *(const uint8_t *)RTA_DATA(tb[FRA_PROTOCOL]);
	if (tb[FRA_IIFNAME])
		snprintf(r->iif, sizeof(r->iif), "%s",
			 (const char *)RTA_DATA(tb[FRA_IIFNAME]));
	if (tb[FRA_OIFNAME])
		snprintf(r->oif, sizeof(r->oif), "%s",
			 (const char *)RTA_DATA(tb[FRA_OIFNAME]));
	e->left_out = tb[FRA_L3MDEV] ? "l3mdev" :
		      tb[FRA_UID_RANGE] ? "uidrange" :
		      tb[FRA_IP_PROTO] ? "ipproto" :
		      tb[FRA_SPORT_RANGE] ? "sport" :
		      tb[FRA_DPORT_RANGE] ? "dport" :
		      tb[FRA_TUN_ID] ? "tun_id" :
		      tb[FRA_FLOW] ? "realms" : NULL;
}

static void
ex_rule(struct ex *x, const struct nlmsghdr *nh)
{
	const struct fib_rule_hdr *frh = NLMSG_DATA(nh);
	struct rtattr *tb[FRA_MAX + 1];
	struct ex_rule *e;

	if (frh->family != AF_INET)
		return;
	ex_attrs(nh, sizeof(*frh), tb, FRA_MAX);
	e = ex_grow(x, x->rules, x->n_rules, sizeof(*e));
	if (!e)
		return;
	x->rules = e;
	e += x->n_rules;
	memset(e, 0, sizeof(*e));
	e->r.action = (enum ut_rule_action)frh->action;
	e->r.invert = frh->flags & FIB_RULE_INVERT;
	e->r.table = frh->table;
	e->r.src_len = frh->src_len;
	e->r.dst_len = frh->dst_len;
	e->r.tos = frh->tos;
	e->r.suppress_prefixlen = -1;
	e->r.suppress_ifgroup = -1;
	ex_rule_attrs(e, tb);
	switch (frh->action) {
	case FR_ACT_TO_TBL: case FR_ACT_GOTO: case FR_ACT_NOP:
	case FR_ACT_BLACKHOLE: case FR_ACT_UNREACHABLE: case FR_ACT_PROHIBIT:
		break;
	default:
		e->left_out = "action";
	}
	x->n_rules++;
}

static void
ex_neigh(struct ex *x, const struct nlmsghdr *nh)
{
	const struct ndmsg *nd = NLMSG_DATA(nh);
	struct rtattr *tb[NDA_MAX + 1];
	struct ex_neigh *n;

	if (nd->ndm_family != AF_INET)
		return;
	ex_attrs(nh, sizeof(*nd), tb, NDA_MAX);
	if (!tb[NDA_DST])
		return;
	n = ex_grow(x, x->neighs, x->n_neighs, sizeof(*n));
	if (!n)
		return;
	x->neighs = n;
	n += x->n_neighs;
	n->index = nd->ndm_ifindex;
	n->ip = ex_u32(tb[NDA_DST]);
	n->state = nd->ndm_state;
	n->has_mac = tb[NDA_LLADDR] && RTA_PAYLOAD(tb[NDA_LLADDR]) == 6;
	if (n->has_mac)
		memcpy(n->mac, RTA_DATA(tb[NDA_LLADDR]), 6);
	x->n_neighs++;
}

/* ex_addr6, ex_route6: the IPv6 configuration, counted */
static void
ex_addr6(struct ex *x, const struct nlmsghdr *nh)
{
	const struct ifaddrmsg *ifa = NLMSG_DATA(nh);

	if (ifa->ifa_family == AF_INET6 && ifa->ifa_scope < RT_SCOPE_LINK)
		x->n_addrs6++;
}

static void
ex_route6(struct ex *x, const struct nlmsghdr *nh)
{
	const struct rtmsg *rtm = NLMSG_DATA(nh);

	if (rtm->rtm_family == AF_INET6 && rtm->rtm_protocol != RTPROT_KERNEL &&
	    rtm->rtm_table != RT_TABLE_LOCAL)
		x->n_routes6++;
}

/* ex_dump: one rtnetlink dump of type for family (AF_UNSPEC for links),
 * each message handed to fn */
static int
ex_dump(int fd, uint16_t type, uint8_t family,
	void (*fn)(struct ex *, const struct nlmsghdr *), struct ex *x,
	struct ut_err *err)
{
	enum { BUF_SIZE = 65536 }; /* more than a dump datagram holds */
	struct {
		struct nlmsghdr nh;
		union {
			struct ifinfomsg ifi;
			struct ifaddrmsg ifa;
			struct rtmsg rtm;
			struct ndmsg nd;
			struct fib_rule_hdr frh;
		} u;
	} req;
	/* exactly the type's header: the kernel logs "bytes leftover"
	 * for anything more */
	size_t hdrlen = type == RTM_GETLINK ? sizeof(struct ifinfomsg) :
			type == RTM_GETADDR ? sizeof(struct ifaddrmsg) :
			type == RTM_GETROUTE ? sizeof(struct rtmsg) :
			type == RTM_GETRULE ? sizeof(struct fib_rule_hdr) :
			sizeof(struct ndmsg);
	char *buf = malloc(BUF_SIZE);
	int ret = 0;

	if (!buf)
		return ut_err_set(err, UT_RESOURCE_PROBLEM, "host export: out "
				  "of memory");
	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_len = NLMSG_LENGTH(hdrlen);
	req.nh.nlmsg_type = type;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.nh.nlmsg_seq = type | (uint32_t)family << 16; /* one dump each */
	/* every header starts with its family byte */
	req.u.rtm.rtm_family = family;
	if (send(fd, &req, req.nh.nlmsg_len, 0) < 0)
		goto fail;
	for (;;) {
		ssize_t n = recv(fd, buf, BUF_SIZE, 0);
		struct nlmsghdr *nh = (struct nlmsghdr *)(void *)buf;
		int len = (int)n;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		for (; NLMSG_OK(nh, (unsigned)len); nh = NLMSG_NEXT(nh, len)) {
			if (nh->nlmsg_seq != req.nh.nlmsg_seq)
				continue;
			if (nh->nlmsg_type == NLMSG_DONE)
				goto out;
			if (nh->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(nh);

				errno = -e->error;
				goto fail;
			}
			fn(x, nh);
		}
	}
fail:
	ret = ut_err_set(err, UT_OTHER_PROBLEM, "host export: rtnetlink "
			 "dump: %s", strerror(errno));
out:
	free(buf);
	return ret;
}

static const struct ex_link *
ex_link_by_index(const struct ex *x, int index)
{
	for (size_t i = 0; i < x->n_links; i++)
		if (x->links[i].index == index)
			return &x->links[i];
	return NULL;
}

/* ex_dev: the name of an exported device (lo counts), NULL if not */
static const char *
ex_dev(const struct ex *x, int index, int lo_index)
{
	const struct ex_link *l = ex_link_by_index(x, index);

	if (index == lo_index)
		return "lo";
	return l && l->ok ? l->name : NULL;
}

/* ex_link_line: `link add` for l (a VLAN: on its parent) */
static void
ex_link_line(const struct ex *x, const struct ex_link *l, struct ut_buf *out)
{
	const uint8_t *m = l->mac;

	ut_buf_printf(out, "link add %s", l->name);
	if (l->parent && strcmp(l->kind, "vlan") == 0)
		ut_buf_printf(out, " link %s", ex_link_by_index(x, l->parent)->name);
	ut_buf_printf(out, " address %02x:%02x:%02x:%02x:%02x:%02x mtu %u",
		      m[0], m[1], m[2], m[3], m[4], m[5], l->mtu);
	if (l->group)
		ut_buf_printf(out, " group %u", l->group);
	/* the index names the link in `tcpdump -i any` captures */
	ut_buf_printf(out, " index %d", l->index);
	if (strcmp(l->kind, "vlan") == 0)
		ut_buf_printf(out, " type vlan id %u", l->vlan_id);
	ut_buf_putc(out, '\n');
}

/* ex_vlan_ok: a VLAN the model takes: 802.1Q on an exported Ethernet
 * link that is no VLAN itself */
static bool
ex_vlan_ok(const struct ex *x, const struct ex_link *l, const char **why)
{
	const struct ex_link *p = ex_link_by_index(x, l->parent);

	*why = NULL;
	if (l->vlan_proto && l->vlan_proto != htons(0x8100))
		*why = "an 802.1ad VLAN: only 802.1Q is modelled";
	else if (!p || !p->ok || strcmp(p->kind, "vlan") == 0)
		*why = "a VLAN on a link the HOST cannot have";
	return !*why;
}

/* ex_print_links: the links, the VLANs after the others (they name their
 * parent); what the model does not do with a link is said */
static void
ex_print_links(struct ex *x, struct ut_buf *out)
{
	for (int vlans = 0; vlans < 2; vlans++)
		for (size_t i = 0; i < x->n_links; i++) {
			struct ex_link *l = &x->links[i];
			const struct ex_link *m = ex_link_by_index(x, l->master);
			const char *why;

			if ((strcmp(l->kind, "vlan") == 0) != vlans)
				continue;
			if (!l->ok) {
				ut_buf_printf(out, "# %s left out: %s\n", l->name,
					      l->type != ARPHRD_ETHER ?
					      "not Ethernet" :
					      "no valid unicast MAC address");
				continue;
			}
			if (vlans && !ex_vlan_ok(x, l, &why)) {
				ut_buf_printf(out, "# %s left out: %s\n", l->name,
					      why);
				l->ok = false;
				continue;
			}
			if (strcmp(l->kind, "bridge") == 0 ||
			    strcmp(l->kind, "bond") == 0)
				ut_buf_printf(out, "# %s is a %s: forwarding "
					      "between its ports is not modelled "
					      "(a plain link here)\n", l->name,
					      l->kind);
			if (m)
				ut_buf_printf(out, "# %s is a port of %s: not "
					      "modelled (a link of its own "
					      "here)\n", l->name, m->name);
			ex_link_line(x, l, out);
		}
}

/* ex_print_down: links that are down, after their addresses: the kernel
 * removed the routes through them, as `link set NAME down` does */
static void
ex_print_down(const struct ex *x, struct ut_buf *out)
{
	for (size_t i = 0; i < x->n_links; i++)
		if (x->links[i].ok && !x->links[i].up)
			ut_buf_printf(out, "link set %s down\n",
				      x->links[i].name);
}

/* ex_print_ipv6: what the IPv6 configuration would need */
static void
ex_print_ipv6(const struct ex *x, struct ut_buf *out)
{
	if (x->n_addrs6 || x->n_routes6)
		ut_buf_printf(out, "# left out (IPv6: the engine is IPv4): %zu "
			      "addresses, %zu routes\n", x->n_addrs6,
			      x->n_routes6);
}

/* ex_addr_cmp: by creation time, then as dumped. Replaying the additions
 * in their order gives the kernel's list (primaries before secondaries)
 * and the order of the routes they add: a dump lists primaries first,
 * whenever they were added. */
static int
ex_addr_cmp(const void *pa, const void *pb)
{
	const struct ex_addr *a = pa, *b = pb;

	if (a->cstamp != b->cstamp)
		return a->cstamp < b->cstamp ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static void
ex_print_addrs(struct ex *x, int lo_index, struct ut_buf *out)
{
	char a[16], b[16];

	qsort(x->addrs, x->n_addrs, sizeof(x->addrs[0]), ex_addr_cmp);

	for (size_t i = 0; i < x->n_addrs; i++) {
		const struct ex_addr *e = &x->addrs[i];
		const char *dev = ex_dev(x, e->index, lo_index);

		/* lo's own address comes with every host */
		if (e->index == lo_index && e->addr == htonl(0x7f000001u) &&
		    e->plen == 8)
			continue;
		if (!dev) {
			const struct ex_link *l = ex_link_by_index(x, e->index);

			dev = l ? l->name : "?";
			ut_buf_puts(out, "# left out (device): ");
		}
		ut_buf_printf(out, "addr add %s/%u dev %s", ut_ipv4_ntoa(e->addr, a),
			      e->plen, dev);
		if (e->has_bcast)
			ut_buf_printf(out, " broadcast %s", ut_ipv4_ntoa(e->bcast, b));
		ut_buf_putc(out, '\n');
	}
}

/* ex_type_name: the route-line word of a route type ("" for unicast);
 * NULL for the types a HOST file cannot add */
static const char *
ex_type_name(uint8_t type)
{
	switch (type) {
	case RTN_UNICAST:
		return "";
	case RTN_UNREACHABLE:
		return "unreachable ";
	case RTN_BLACKHOLE:
		return "blackhole ";
	case RTN_PROHIBIT:
		return "prohibit ";
	case RTN_THROW:
		return "throw ";
	default:
		return NULL;
	}
}

/* ex_src_left_out: src is an address of a link the export leaves out
 * (`src` must be a local address of the host read back) */
static bool
ex_src_left_out(const struct ex *x, uint32_t src, int lo_index)
{
	for (size_t i = 0; src && i < x->n_addrs; i++)
		if (x->addrs[i].addr == src &&
		    !ex_dev(x, x->addrs[i].index, lo_index))
			return true;
	return false;
}

/* ex_route_line: one route line (or the comment saying why not) */
static void
ex_route_line(const struct ex *x, const struct ex_route *r, int lo_index,
	      struct ut_buf *out)
{
	const char *type = ex_type_name(r->type);
	const char *dev = ex_dev(x, r->oif, lo_index);
	char a[16];

	if (!type)
		ut_buf_printf(out, "# left out (route type %u): ", r->type);
	else if (r->multipath || r->onlink || (r->type == RTN_UNICAST && !dev) ||
		 ex_src_left_out(x, r->prefsrc, lo_index))
		ut_buf_printf(out, "# left out (%s): ", r->multipath ?
			      "multipath" : r->onlink ? "onlink" : !dev ?
			      "device" : "src");
	ut_buf_printf(out, "route add %s", type ? type : "");
	if (r->plen == 0 && r->dst == 0)
		ut_buf_puts(out, "default");
	else
		ut_buf_printf(out, "%s/%u", ut_ipv4_ntoa(r->dst, a), r->plen);
	if (r->gw)
		ut_buf_printf(out, " via %s", ut_ipv4_ntoa(r->gw, a));
	if (r->type == RTN_UNICAST && r->oif)
		ut_buf_printf(out, " dev %s", dev ? dev :
			      ex_link_by_index(x, r->oif) ?
			      ex_link_by_index(x, r->oif)->name : "?");
	if (r->table != RT_TABLE_MAIN)
		ut_buf_printf(out, " table %s", ut_rt_table_name(NULL, r->table, a));
	if (r->prefsrc)
		ut_buf_printf(out, " src %s", ut_ipv4_ntoa(r->prefsrc, a));
	if (r->metric)
		ut_buf_printf(out, " metric %u", r->metric);
	if (r->tos)
		ut_buf_printf(out, " tos 0x%02x", r->tos);
	if (r->mtu)
		ut_buf_printf(out, " mtu %u", r->mtu);
	if (r->proto != RTPROT_BOOT)
		ut_buf_printf(out, " proto %u", r->proto);
	/* iproute2's default: link for a route with only a device */
	if (r->scope != (r->type == RTN_UNICAST && !r->gw ? RT_SCOPE_LINK :
			 RT_SCOPE_UNIVERSE))
		ut_buf_printf(out, " scope %u", r->scope);
	ut_buf_putc(out, '\n');
}

/* ex_route_dup: an earlier route has the same key (ip route append);
 * `route add` would refuse it */
static bool
ex_route_dup(const struct ex *x, size_t i)
{
	const struct ex_route *r = &x->routes[i];

	for (size_t j = 0; j < i; j++) {
		const struct ex_route *o = &x->routes[j];

		if (o->table == r->table && o->dst == r->dst &&
		    o->plen == r->plen && o->tos == r->tos &&
		    o->metric == r->metric)
			return true;
	}
	return false;
}

static void
ex_print_routes(const struct ex *x, int lo_index, struct ut_buf *out)
{
	/* pass 0: direct routes, 1: through a gateway, 2: the rest */
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < x->n_routes; i++) {
			const struct ex_route *r = &x->routes[i];
			int p = r->type != RTN_UNICAST ? 2 : r->gw ? 1 : 0;

			if (p != pass)
				continue;
			if (ex_route_dup(x, i))
				ut_buf_puts(out, "# left out (same prefix, "
					    "tos and metric): ");
			ex_route_line(x, r, lo_index, out);
		}
}

/* ex_default_rule: one of the three rules every host starts with */
static bool
ex_default_rule(const struct ut_fib_rule *r)
{
	return r->action == UT_FR_TO_TBL && !r->invert && !r->src_len &&
	       !r->dst_len && !r->tos && !r->mark && !r->mask && !r->iif[0] &&
	       !r->oif[0] && r->suppress_prefixlen == -1 &&
	       r->suppress_ifgroup == -1 &&
	       ((r->pref == 0 && r->table == RT_TABLE_LOCAL) ||
		(r->pref == 32766 && r->table == RT_TABLE_MAIN) ||
		(r->pref == 32767 && r->table == RT_TABLE_DEFAULT));
}

static void
ex_print_rules(const struct ex *x, struct ut_buf *out)
{
	static const uint32_t dflt[][2] = {
		{ 0, RT_TABLE_LOCAL }, { 32766, RT_TABLE_MAIN },
		{ 32767, RT_TABLE_DEFAULT },
	};

	for (size_t d = 0; d < 3; d++) {
		bool found = false;

		for (size_t i = 0; i < x->n_rules; i++)
			found |= ex_default_rule(&x->rules[i].r) &&
				 x->rules[i].r.pref == dflt[d][0];
		if (!found)
			ut_buf_printf(out, "# the default rule %u (lookup %u) is "
				      "missing here; every HOST has it\n",
				      dflt[d][0], dflt[d][1]);
	}
	for (size_t i = 0; i < x->n_rules; i++) {
		const struct ex_rule *e = &x->rules[i];

		if (ex_default_rule(&e->r) && !e->left_out)
			continue;
		if (e->left_out)
			ut_buf_printf(out, "# left out (%s): ", e->left_out);
		ut_fib_rule_line(&e->r, out);
		ut_buf_putc(out, '\n');
	}
}

/* ex_nud: the `nud` word of a neighbour's state ("" for permanent), NULL
 * for one still being resolved (no address yet: left out) */
static const char *
ex_nud(const struct ex_neigh *n)
{
	if (n->state & NUD_PERMANENT)
		return n->has_mac ? "" : NULL;
	if (n->state & NUD_NOARP)
		return n->has_mac ? " nud noarp" : NULL;
	if (n->state & NUD_FAILED)
		return " nud failed";
	if (!n->has_mac)
		return NULL;
	if (n->state & NUD_REACHABLE)
		return " nud reachable";
	/* STALE, DELAY, PROBE: an address not confirmed lately */
	return n->state & (NUD_STALE | NUD_DELAY | NUD_PROBE) ? " nud stale" :
	       NULL;
}

static void
ex_print_neighs(const struct ex *x, int lo_index, struct ut_buf *out)
{
	char a[16];

	for (size_t i = 0; i < x->n_neighs; i++) {
		const struct ex_neigh *n = &x->neighs[i];
		const char *dev = ex_dev(x, n->index, lo_index);
		const char *nud = ex_nud(n);
		const uint8_t *m = n->mac;

		if (!dev || n->index == lo_index)
			continue;
		if (!nud) {
			ut_buf_printf(out, "# left out (neighbour being "
				      "resolved, state 0x%02x): %s dev %s\n",
				      n->state, ut_ipv4_ntoa(n->ip, a), dev);
			continue;
		}
		ut_buf_printf(out, "neigh add %s", ut_ipv4_ntoa(n->ip, a));
		if (n->has_mac && !(n->state & NUD_FAILED))
			ut_buf_printf(out, " lladdr %02x:%02x:%02x:%02x:%02x:%02x",
				      m[0], m[1], m[2], m[3], m[4], m[5]);
		ut_buf_printf(out, " dev %s%s\n", dev, nud);
	}
}

/* ex_proc_int: the integer in /proc/sys/PATH */
static bool
ex_proc_int(const char *path, long *v)
{
	char full[256], buf[64];
	FILE *f;
	bool ok;

	snprintf(full, sizeof(full), "/proc/sys/%s", path);
	f = fopen(full, "r");
	if (!f)
		return false;
	ok = fgets(buf, sizeof(buf), f) != NULL;
	if (ok) {
		char *end;

		errno = 0;
		*v = strtol(buf, &end, 0);
		ok = errno == 0 && end != buf && (*end == '\n' || !*end);
	}
	fclose(f);
	return ok;
}

/* ex_conf: net.ipv4.conf.NAME.* (all of them, or only those differing
 * from want, what the lines before leave on a device) */
static void
ex_conf(const char *name, const struct ut_ifconf *want, long fwd_want,
	struct ut_ifconf *got, struct ut_buf *out)
{
	char path[128], key_name[UT_IFNAMSIZ];
	long v;

	/* sysctl(8) writes a '.' inside a device name as '/' */
	snprintf(key_name, sizeof(key_name), "%s", name);
	for (char *c = key_name; *c; c++)
		if (*c == '.')
			*c = '/';
	for (size_t opt = 0; opt < ut_n_conf_opts; opt++) {
		snprintf(path, sizeof(path), "net/ipv4/conf/%s/%s", name,
			 ut_conf_opts[opt].name);
		if (!ex_proc_int(path, &v))
			continue;
		if (got)
			*ut_conf_ptr(got, opt) = (int)v;
		/* conf.all.forwarding is ip_forward, printed before */
		if (!want && opt == UT_CONF_FORWARDING && strcmp(name, "all") == 0)
			continue;
		if (want && v == (opt == UT_CONF_FORWARDING ? fwd_want :
				  ut_conf_get(want, opt)))
			continue;
		ut_buf_printf(out, "sysctl net.ipv4.conf.%s.%s=%ld\n",
			      key_name, ut_conf_opts[opt].name, v);
	}
}

/* ex_hz: CONFIG_HZ from /boot/config-RELEASE, else 250 */
static void
ex_hz(struct ut_buf *out)
{
	struct utsname u;
	char path[128 + sizeof(u.release)], line[256];
	long hz = 0;
	FILE *f = NULL;

	if (uname(&u) == 0) {
		snprintf(path, sizeof(path), "/boot/config-%s", u.release);
		f = fopen(path, "r");
	}
	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, "CONFIG_HZ=", 10) == 0)
			hz = strtol(line + 10, NULL, 10);
	if (f)
		fclose(f);
	if (hz <= 0 || hz > 100000)
		hz = 0;
	if (hz)
		ut_buf_printf(out, "# kernel.hz: CONFIG_HZ of %s\n", path);
	else
		ut_buf_puts(out, "# kernel.hz: CONFIG_HZ is not visible in "
			    "/proc and no /boot/config-$(uname -r) says it; "
			    "250 (Debian's) assumed\n");
	ut_buf_printf(out, "sysctl kernel.hz=%ld\n", hz ? hz : 250);
}

static bool
ex_has_addr(const struct ex *x, int index)
{
	for (size_t i = 0; i < x->n_addrs; i++)
		if (x->addrs[i].index == index)
			return true;
	return false;
}

static void
ex_print_sysctls(const struct ex *x, struct ut_buf *out)
{
	static const char *const host_wide[] = {
		"net.ipv4.icmp_ratelimit", "net.ipv4.icmp_ratemask",
		"net.ipv4.icmp_echo_ignore_all",
		"net.ipv4.icmp_echo_ignore_broadcasts",
		"net.ipv4.icmp_msgs_per_sec", "net.ipv4.icmp_msgs_burst",
		"net.ipv4.ip_default_ttl", "net.ipv4.ip_no_pmtu_disc",
	};
	struct ut_ifconf dflt = ut_conf_default_init;
	char path[128];
	long fwd = 0, v;

	ex_proc_int("net/ipv4/ip_forward", &fwd);
	ut_buf_printf(out, "sysctl net.ipv4.ip_forward=%ld\n", fwd);
	ex_conf("all", NULL, 0, NULL, out);
	ex_conf("default", NULL, 0, &dflt, out);
	/* after those lines a device has ip_forward's forwarding, and the
	 * other values it was created with if it has an address (lo has),
	 * else conf.default's */
	ex_conf("lo", &ut_conf_default_init, fwd, NULL, out);
	for (size_t i = 0; i < x->n_links; i++)
		if (x->links[i].ok)
			ex_conf(x->links[i].name,
				ex_has_addr(x, x->links[i].index) ?
				&ut_conf_default_init : &dflt, fwd, NULL, out);
	for (size_t i = 0; i < sizeof(host_wide) / sizeof(host_wide[0]); i++) {
		snprintf(path, sizeof(path), "%s", host_wide[i]);
		for (char *c = path; *c; c++)
			if (*c == '.')
				*c = '/';
		if (ex_proc_int(path, &v))
			ut_buf_printf(out, "sysctl %s=%ld\n", host_wide[i], v);
	}
	ex_hz(out);
}

/* ---- table names ------------------------------------------------------- */

/* the files iproute2 reads table names from (rtnl_rttable_init): its
 * /etc file, else the one under /usr/share, then the *.conf of both
 * rt_tables.d directories */
static const char *const rt_tables_files[] = {
	"/etc/iproute2/rt_tables", "/usr/share/iproute2/rt_tables",
};
static const char *const rt_tables_dirs[] = {
	"/etc/iproute2/rt_tables.d/*.conf",
	"/usr/share/iproute2/rt_tables.d/*.conf",
};

struct ex_name {
	uint32_t id;
	char name[64];
};

static bool
ex_table_used(const struct ex *x, uint32_t id)
{
	for (size_t i = 0; i < x->n_routes; i++)
		if (x->routes[i].table == id)
			return true;
	for (size_t i = 0; i < x->n_rules; i++)
		if (x->rules[i].r.table == id)
			return true;
	return false;
}

/* ex_read_names: "ID NAME" lines of one file (rtnl_tab_initialize: a
 * number in decimal or 0x hex, then the name; `#` comments); a later
 * name for an ID replaces an earlier one. false: no such file. */
static bool
ex_read_names(const char *path, struct ex_name *v, size_t *n, size_t cap)
{
	FILE *f = fopen(path, "r");
	char line[256], name[64];
	unsigned long id;
	char *p, *end;
	size_t i;

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		p = line + strspn(line, " \t");
		if (!isdigit((unsigned char)*p))
			continue;
		errno = 0;
		id = strtoul(p, &end, 0);
		if (errno || id > UINT32_MAX || (*end != ' ' && *end != '\t') ||
		    sscanf(end, "%63s", name) != 1 || name[0] == '#')
			continue;
		for (i = 0; i < *n && v[i].id != id; i++)
			;
		if (i == *n) {
			if (*n == cap)
				continue;
			(*n)++;
		}
		v[i].id = (uint32_t)id;
		snprintf(v[i].name, sizeof(v[i].name), "%s", name);
	}
	fclose(f);
	return true;
}

/* ex_name_ok: a name the HOST syntax takes for table v[i] (not a number,
 * not a reserved name, not given to an earlier table in use) */
static bool
ex_name_ok(const struct ex *x, const struct ex_name *v, size_t i)
{
	uint32_t known;

	if (isdigit((unsigned char)v[i].name[0]) ||
	    ut_rt_table_parse(NULL, v[i].name, &known))
		return false;
	for (size_t j = 0; j < i; j++)
		if (strcmp(v[j].name, v[i].name) == 0 &&
		    ex_table_used(x, v[j].id))
			return false;
	return true;
}

/* ex_print_table_names: `rt_table` lines for the tables in use that the
 * files name (not the reserved ones, which every host has; a name the
 * HOST syntax cannot take is a comment) */
static void
ex_print_table_names(struct ex *x, struct ut_buf *out)
{
	enum { CAP = 256 };
	struct ex_name *v = calloc(CAP, sizeof(*v));
	size_t n = 0;
	glob_t g;

	if (!v) {
		x->oom = true;
		return;
	}
	if (!ex_read_names(rt_tables_files[0], v, &n, CAP))
		ex_read_names(rt_tables_files[1], v, &n, CAP);
	for (size_t d = 0; d < 2; d++) {
		if (glob(rt_tables_dirs[d], 0, NULL, &g) != 0)
			continue;
		for (size_t i = 0; i < g.gl_pathc; i++)
			ex_read_names(g.gl_pathv[i], v, &n, CAP);
		globfree(&g);
	}
	for (size_t i = 0; i < n; i++) {
		if (v[i].id == 0 || v[i].id == UT_RT_TABLE_LOCAL ||
		    v[i].id == UT_RT_TABLE_MAIN ||
		    v[i].id == UT_RT_TABLE_DEFAULT ||
		    !ex_table_used(x, v[i].id))
			continue;
		if (!ex_name_ok(x, v, i))
			ut_buf_printf(out, "# left out (a name the HOST syntax "
				      "refuses): ");
		ut_buf_printf(out, "rt_table %u %s\n", v[i].id, v[i].name);
	}
	free(v);
}

static void
ex_free(struct ex *x)
{
	free(x->links);
	free(x->addrs);
	free(x->routes);
	free(x->neighs);
	free(x->rules);
}

/* ex_warnings: each comment of out that says something was left out (or
 * is not modelled, or missing) again as a warning line */
static void
ex_warnings(const struct ut_buf *out, struct ut_buf *warn)
{
	const char *line = ut_buf_str(out);

	while (line && *line) {
		const char *eol = strchr(line, '\n');
		size_t n = eol ? (size_t)(eol - line) : strlen(line);
		char text[1024];

		snprintf(text, sizeof(text), "%.*s", (int)n, line);
		if (text[0] == '#' && (strstr(text, "left out") ||
				       strstr(text, "not modelled") ||
				       strstr(text, "missing here")))
			ut_buf_printf(warn, "utables host export: warning: %s\n",
				      text + 2);
		line += n + (eol ? 1 : 0);
	}
}

int
ut_host_export(struct ut_buf *out, struct ut_buf *warn, struct ut_err *err)
{
	struct ex x = { 0 };
	int fd, ret = 0;
	int lo_index = 1;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return ut_err_set(err, UT_OTHER_PROBLEM, "host export: "
				  "rtnetlink socket: %s", strerror(errno));
	if (ex_dump(fd, RTM_GETLINK, AF_UNSPEC, ex_link, &x, err) ||
	    ex_dump(fd, RTM_GETADDR, AF_INET, ex_addr, &x, err) ||
	    ex_dump(fd, RTM_GETROUTE, AF_INET, ex_route, &x, err) ||
	    ex_dump(fd, RTM_GETNEIGH, AF_INET, ex_neigh, &x, err) ||
	    ex_dump(fd, RTM_GETRULE, AF_INET, ex_rule, &x, err))
		ret = -1;
	/* a kernel without IPv6 refuses these dumps: nothing to count */
	if (!ret) {
		struct ut_err e6;

		ut_err_clear(&e6);
		(void)ex_dump(fd, RTM_GETADDR, AF_INET6, ex_addr6, &x, &e6);
		(void)ex_dump(fd, RTM_GETROUTE, AF_INET6, ex_route6, &x, &e6);
	}
	close(fd);
	if (!ret && x.oom)
		ret = ut_err_set(err, UT_RESOURCE_PROBLEM, "host export: out "
				 "of memory");
	if (!ret) {
		ut_buf_puts(out, "# utables host export: this network "
			    "namespace in `utables run --host` syntax\n");
		ex_print_links(&x, out);
		ex_print_addrs(&x, lo_index, out);
		ex_print_down(&x, out);
		ex_print_table_names(&x, out);
		ex_print_routes(&x, lo_index, out);
		ex_print_rules(&x, out);
		ex_print_neighs(&x, lo_index, out);
		ex_print_ipv6(&x, out);
		ex_print_sysctls(&x, out);
		ex_warnings(out, warn);
	}
	ex_free(&x);
	return ret < 0 ? -1 : 0;
}
