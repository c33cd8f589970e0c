/* host_cmd.c: `utables host`: the HOST model from the command line.
 *
 *   utables host export            this network namespace in HOST syntax
 *   utables host check FILE        read FILE; the first error, if any
 *   utables host show FILE [rules|routes]
 *                                  what FILE describes: the rules as
 *                                  `ip rule show` and the routes with
 *                                  those the kernel adds as `ip route
 *                                  show table all` list them
 *   utables host get FILE ADDR [from A] [iif DEV] [oif DEV] [tos T]
 *                    [mark M]      a routing decision, printed as `ip
 *                                  route get` prints it (with iif: the
 *                                  input decision); an error as ip
 *                                  prints it, exit 2
 * show and get make the model comparable with a kernel configured the
 * same way, line by line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "tool/tool.h"
#include "host/host.h"
#include "engine/pkt.h"
#include "utables/utables.h"

static const char usage_text[] =
	"usage: utables host export\n"
	"       utables host check FILE\n"
	"       utables host show FILE [rules|routes]\n"
	"       utables host get FILE ADDR [from A] [iif DEV] [oif DEV] "
	"[tos T] [mark M]\n";

static const char *
ntoa(uint32_t a, char buf[16])
{
	return inet_ntop(AF_INET, &a, buf, 16);
}


static const char *
rtn_name(enum ut_rtn t)
{
	static const char *const names[] = {
		"unspec", "unicast", "local", "broadcast", "anycast",
		"multicast", "blackhole", "unreachable", "prohibit", "throw",
		"nat", "xresolve",
	};

	return (unsigned)t < sizeof(names) / sizeof(names[0]) ? names[t] :
	       "?";
}

/* rtnl_rtscope_n2a, NULL for universe (not printed) */
static const char *
scope_name(uint8_t s, char buf[4])
{
	switch (s) {
	case UT_SCOPE_UNIVERSE:
		return NULL;
	case UT_SCOPE_SITE:
		return "site";
	case UT_SCOPE_HOST:
		return "host";
	case UT_SCOPE_LINK:
		return "link";
	default:
		snprintf(buf, 4, "%u", s);
		return buf;
	}
}

/* the state as `ip neigh show` prints it */
static const char *
nud_name(enum ut_nud nud)
{
	switch (nud) {
	case UT_NUD_NOARP:
		return "NOARP";
	case UT_NUD_REACHABLE:
		return "REACHABLE";
	case UT_NUD_STALE:
		return "STALE";
	case UT_NUD_FAILED:
		return "FAILED";
	default:
		return "PERMANENT";
	}
}

/* show_route: one route the way `ip route show table all` prints it
 * (proto boot, what route lines get, is not printed) */
static void
show_route(const struct ut_host *h, const struct ut_route *r,
	   struct ut_buf *out)
{
	char a[16];

	if (r->type != UT_RTN_UNICAST)
		ut_buf_printf(out, "%s ", rtn_name(r->type));
	if (r->plen == 0)
		ut_buf_puts(out, "default ");
	else if (r->plen == 32)
		ut_buf_printf(out, "%s ", ntoa(r->dst, a));
	else
		ut_buf_printf(out, "%s/%u ", ntoa(r->dst, a), r->plen);
	if (r->tos)
		ut_buf_printf(out, "tos 0x%02x ", r->tos);
	if (r->gw)
		ut_buf_printf(out, "via %s ", ntoa(r->gw, a));
	if (r->dev)
		ut_buf_printf(out, "dev %s ", r->dev->name);
	if (r->table != 254)
		ut_buf_printf(out, "table %s ",
			      ut_rt_table_name(h, r->table, a));
	if (r->proto != 3 /* boot */)
		ut_buf_printf(out, "proto %s ", ut_rt_proto_name(r->proto, a));
	if (scope_name(r->scope, a))
		ut_buf_printf(out, "scope %s ", scope_name(r->scope, a));
	if (r->prefsrc)
		ut_buf_printf(out, "src %s ", ntoa(r->prefsrc, a));
	if (r->metric)
		ut_buf_printf(out, "metric %u ", r->metric);
	if (r->mtu)
		ut_buf_printf(out, "mtu %u ", r->mtu);
	ut_buf_putc(out, '\n');
}

/* the kernel dumps its tables by hash bucket (id & 255), the newest
 * table of a bucket first: ascending ids, as HOST files go */
static bool
table_before(uint32_t a, uint32_t b)
{
	if ((a & 255) != (b & 255))
		return (a & 255) < (b & 255);
	return a > b;
}

/* a table's routes in trie order: by address, a longer prefix first at
 * one address, then the order a lookup tries them */
static int
route_cmp(const void *pa, const void *pb)
{
	const struct ut_route *a = *(const struct ut_route *const *)pa;
	const struct ut_route *b = *(const struct ut_route *const *)pb;

	if (a->table != b->table)
		return table_before(a->table, b->table) ? -1 : 1;
	if (a->dst != b->dst)
		return ntohl(a->dst) < ntohl(b->dst) ? -1 : 1;
	if (a->plen != b->plen)
		return a->plen > b->plen ? -1 : 1;
	if (a->tos != b->tos)
		return a->tos > b->tos ? -1 : 1;
	if (a->metric != b->metric)
		return a->metric < b->metric ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
show_routes(const struct ut_host *h, struct ut_buf *out)
{
	const struct ut_route **v = malloc((h->n_routes + 1) * sizeof(*v));

	if (!v)
		return -1;
	for (size_t i = 0; i < h->n_routes; i++)
		v[i] = &h->routes[i];
	qsort(v, h->n_routes, sizeof(*v), route_cmp);
	for (size_t i = 0; i < h->n_routes; i++)
		show_route(h, v[i], out);
	free(v);
	return 0;
}

static void
show_rules(const struct ut_host *h, struct ut_buf *out)
{
	for (size_t i = 0; i < h->n_fib_rules; i++) {
		ut_fib_rule_show(h, &h->fib_rules[i], out);
		ut_buf_putc(out, '\n');
	}
}

static void
show_iface(const struct ut_host *h, const struct ut_iface *i,
	   struct ut_buf *out)
{
	const uint8_t *m = i->mac;
	char a[16], b[16];

	ut_buf_printf(out, "%d: %s mtu %u link %02x:%02x:%02x:%02x:%02x:%02x%s",
		      i->index, i->name, i->mtu, m[0], m[1], m[2], m[3], m[4],
		      m[5], i->up ? "" : " DOWN");
	if (i->vlan_parent)
		ut_buf_printf(out, " vlan id %u on %s", i->vlan_id,
			      i->vlan_parent->name);
	ut_buf_putc(out, '\n');
	for (size_t j = 0; j < i->n_addrs; j++) {
		const struct ut_ifaddr *f = &i->addrs[j];

		ut_buf_printf(out, "    inet %s/%u", ntoa(f->addr, a), f->plen);
		if (f->bcast_set)
			ut_buf_printf(out, " brd %s", ntoa(f->bcast, b));
		ut_buf_printf(out, " scope %s%s\n",
			      f->scope == UT_SCOPE_HOST ? "host" : "global",
			      f->secondary ? " secondary" : "");
	}
	ut_buf_printf(out, "    conf forwarding %d rp_filter %d "
		      "accept_source_route %d send_redirects %d accept_local "
		      "%d route_localnet %d\n", ut_iface_forwarding(h, i),
		      ut_iface_rp_filter(h, i), ut_iface_accept_source_route(h, i),
		      ut_iface_send_redirects(h, i), ut_iface_accept_local(h, i),
		      ut_iface_route_localnet(h, i));
}

static void
show(const struct ut_host *h, struct ut_buf *out)
{
	char a[16];

	for (size_t i = 0; i < h->n_ifaces; i++)
		show_iface(h, h->ifaces[i], out);
	show_rules(h, out);
	if (show_routes(h, out) < 0)
		ut_buf_puts(out, "(out of memory)\n");
	for (size_t i = 0; i < h->n_neighs; i++) {
		const struct ut_neigh *n = &h->neighs[i];
		const uint8_t *m = n->mac;

		ut_buf_printf(out, "%s dev %s ", ntoa(n->ip, a), n->dev->name);
		if (n->has_mac)
			ut_buf_printf(out, "lladdr %02x:%02x:%02x:%02x:%02x:%02x ",
				      m[0], m[1], m[2], m[3], m[4], m[5]);
		ut_buf_printf(out, "%s\n", nud_name(n->nud));
	}
	ut_buf_printf(out, "ip_forward %d hz %u ip_default_ttl %d "
		      "icmp_ratelimit %d icmp_ratemask %u "
		      "icmp_echo_ignore_broadcasts %d\n", h->ip_forward, h->hz,
		      h->ip_default_ttl, h->icmp_ratelimit, h->icmp_ratemask,
		      h->icmp_echo_ignore_broadcasts);
}

/* the arguments of `host get` after FILE (ip route get's) */
struct get_args {
	uint32_t daddr, saddr, mark;
	uint8_t tos;
	bool has_from;
	const char *iif, *oif;
};

static int
get_parse(int argc, char **argv, struct get_args *g, struct ut_err *err)
{
	if (argc < 1 || inet_pton(AF_INET, argv[0], &g->daddr) != 1)
		return ut_err_set(err, UT_PARAMETER_PROBLEM, "get: bad address "
				  "'%s'", argc ? argv[0] : "");
	for (int i = 1; i < argc; i += 2) {
		const char *k = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *end;

		if (!v)
			return ut_err_set(err, UT_PARAMETER_PROBLEM, "get: "
					  "'%s' needs a value", k);
		if (strcmp(k, "from") == 0 &&
		    inet_pton(AF_INET, v, &g->saddr) == 1) {
			g->has_from = true;
		} else if (strcmp(k, "iif") == 0) {
			g->iif = v;
		} else if (strcmp(k, "oif") == 0) {
			g->oif = v;
		} else if (strcmp(k, "tos") == 0 || strcmp(k, "dsfield") == 0) {
			unsigned long t = strtoul(v, &end, 16);

			if (!*v || *end || t > 255)
				return ut_err_set(err, UT_PARAMETER_PROBLEM,
						  "get: bad tos '%s'", v);
			g->tos = (uint8_t)t;
		} else if (strcmp(k, "mark") == 0) {
			unsigned long long m = strtoull(v, &end, 0);

			if (!*v || *v == '-' || *end || m > UINT32_MAX)
				return ut_err_set(err, UT_PARAMETER_PROBLEM,
						  "get: bad mark '%s'", v);
			g->mark = (uint32_t)m;
		} else {
			return ut_err_set(err, UT_PARAMETER_PROBLEM, "get: bad "
					  "argument '%s %s'", k, v);
		}
	}
	return 0;
}

static const struct ut_iface *
get_dev(const struct ut_host *h, const char *name, struct ut_err *err)
{
	const struct ut_iface *i = ut_host_iface(h, name);

	if (!i)
		ut_err_set(err, UT_PARAMETER_PROBLEM, "get: unknown device "
			   "'%s'", name);
	return i;
}

/* the flags of the cache line (iproute2's print_cache_flags: RTCF_LOCAL,
 * RTCF_MULTICAST, RTCF_BROADCAST, RTCF_DOREDIRECT, in that order) */
static void
get_flags(const struct ut_host *h, const struct ut_rt *rt, uint32_t daddr,
	  bool input, struct ut_buf *out)
{
	const char *f[4];
	int n = 0;
	bool mc = rt->type == UT_RTN_MULTICAST;

	/* an output multicast is local only to a group the device joined */
	if (rt->type == UT_RTN_LOCAL || rt->type == UT_RTN_BROADCAST ||
	    (mc && (input || ut_host_mc_joined(h, rt->dev, daddr))))
		f[n++] = "local";
	if (mc)
		f[n++] = "mc";
	if (rt->type == UT_RTN_BROADCAST)
		f[n++] = "brd";
	if (rt->redirect)
		f[n++] = "redirect";
	for (int i = 0; i < n; i++)
		ut_buf_printf(out, "%s%s%s", i ? "," : "<", f[i],
			      i == n - 1 ? "> " : "");
}

static void
get_print(const struct ut_host *h, const struct ut_rt *rt,
	  const struct get_args *g, const struct ut_iface *iif,
	  struct ut_buf *out)
{
	char a[16], b[11];

	if (rt->type != UT_RTN_UNICAST)
		ut_buf_printf(out, "%s ", rtn_name(rt->type));
	ut_buf_printf(out, "%s ", ntoa(g->daddr, a));
	if (g->has_from || iif)
		ut_buf_printf(out, "from %s ", ntoa(g->saddr, a));
	if (rt->has_gw)
		ut_buf_printf(out, "via %s ", ntoa(rt->nexthop, a));
	ut_buf_printf(out, "dev %s ", rt->dev->name);
	if (rt->table && rt->table != 254)
		ut_buf_printf(out, "table %s ",
			      ut_rt_table_name(h, rt->table, b));
	/* the source an output route chose (none when it was given) */
	if (!iif && !g->has_from)
		ut_buf_printf(out, "src %s ", ntoa(rt->src, a));
	/* ip prints a mark below 16 in decimal, a larger one in hex
	 * (measured: 15 is "15", 16 is "0x10") */
	if (g->mark)
		ut_buf_printf(out, g->mark < 16 ? "mark %u " : "mark %#x ",
			      g->mark);
	if (!iif)
		ut_buf_puts(out, "uid 0 ");
	ut_buf_puts(out, "\n    cache ");
	get_flags(h, rt, g->daddr, iif != NULL, out);
	if (rt->route && rt->route->mtu)
		ut_buf_printf(out, "mtu %u ", rt->route->mtu);
	if (iif)
		ut_buf_printf(out, "iif %s ", iif->name);
	ut_buf_putc(out, '\n');
}

/* get: 0 with the route on out, 1 with ip's error on errb (exit 2), -1
 * with err */
static int
get(const struct ut_host *h, int argc, char **argv, struct ut_cli_io *io,
    struct ut_err *err)
{
	struct get_args g = { 0 };
	const struct ut_iface *iif = NULL, *oif = NULL;
	struct ut_rt rt;
	int r, e = 0;

	if (get_parse(argc, argv, &g, err) < 0 ||
	    (g.iif && !(iif = get_dev(h, g.iif, err))) ||
	    (g.oif && !(oif = get_dev(h, g.oif, err))))
		return -1;
	if (iif) {
		/* every drop of the input path is "Invalid argument" */
		r = ut_route_input(h, g.daddr, g.saddr, g.tos, iif, g.mark,
				   &rt);
		e = r != UT_DROP_NONE ? EINVAL : rt.error;
	} else {
		r = ut_route_output(h, g.daddr, g.saddr, g.tos, oif, g.mark,
				    &rt);
		e = r < 0 ? -r : rt.error;
	}
	if (e) {
		ut_buf_printf(&io->errb, "RTNETLINK answers: %s\n", strerror(e));
		return 1;
	}
	get_print(h, &rt, &g, iif, &io->out);
	return 0;
}

int
ut_tool_host(int argc, char **argv, struct ut_cli_io *io)
{
	const char *sub = argc > 1 ? argv[1] : "";
	struct ut_host *h = NULL;
	struct ut_err err;
	int ret = 0;

	ut_err_clear(&err);
	if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 ||
	    strcmp(sub, "help") == 0) {
		ut_tool_help("host", &io->out);
		return 0;
	}
	if (strcmp(sub, "export") == 0 && argc == 2) {
		ret = ut_host_export(&io->out, &io->errb, &err);
	} else if (strcmp(sub, "check") == 0 && argc == 3) {
		h = ut_tool_load_host(argv[2], &err);
		ret = h ? 0 : -1;
	} else if (strcmp(sub, "show") == 0 && (argc == 3 || (argc == 4 &&
		   (strcmp(argv[3], "rules") == 0 ||
		    strcmp(argv[3], "routes") == 0)))) {
		h = ut_tool_load_host(argv[2], &err);
		if (!h)
			ret = -1;
		else if (argc == 3)
			show(h, &io->out);
		else if (argv[3][1] == 'u')
			show_rules(h, &io->out);
		else if (show_routes(h, &io->out) < 0)
			ret = ut_err_set(&err, UT_RESOURCE_PROBLEM, "out of "
					 "memory");
	} else if (strcmp(sub, "get") == 0 && argc >= 4) {
		h = ut_tool_load_host(argv[2], &err);
		ret = h ? get(h, argc - 3, argv + 3, io, &err) : -1;
		if (ret > 0) {
			ut_host_free(h);
			return 2;
		}
	} else {
		ut_buf_puts(&io->errb, usage_text);
		return UT_PARAMETER_PROBLEM;
	}
	ut_host_free(h);
	if (ret < 0) {
		ut_buf_printf(&io->errb, "utables host: %s\n", err.msg);
		return err.status ? err.status : UT_OTHER_PROBLEM;
	}
	return 0;
}
