/* host.c: the described host (interfaces, addresses, routes, neighbours,
 * sysctls): built from a HOST file, or exported from the running network
 * namespace in that syntax.
 *
 * Overview. A new host is a fresh network namespace: `lo` (index 1, up,
 * 127.0.0.1/8) and the sysctl defaults of a new namespace. ut_host_parse
 * then applies the lines in file order, each as the kernel applies the
 * command it names:
 *  - `link add NAME address MAC [mtu N] [group N]`: a new device, up, index 2, 3,
 *    ..., whose net.ipv4.conf values are conf.default's at that moment
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
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_arp.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <sys/utsname.h>

#include "core/host.h"
#include "core/host_int.h"

#define TABLE_MAIN 254
#define TABLE_LOCAL 255
#define MAX_TOKENS 32

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

static uint32_t
plen_mask(unsigned plen)
{
	return plen ? htonl(0xffffffffu << (32 - plen)) : 0;
}

static bool
is_loopback(uint32_t a)
{
	return (ntohl(a) & 0xff000000u) == 0x7f000000u;
}

static bool
is_multicast(uint32_t a)
{
	return (ntohl(a) & 0xf0000000u) == 0xe0000000u;
}

static const char *
ntoa(uint32_t a, char buf[16])
{
	return inet_ntop(AF_INET, &a, buf, 16);
}

static struct ut_iface *
iface_alloc(struct ut_host *h, const char *name)
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
	i->index = (int)h->n_ifaces + 1;
	i->mtu = 1500;
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

/* route_append: add r as the last route (its seq) */
static int
route_append(struct ut_host *h, const struct ut_route *r)
{
	struct ut_route *v = realloc(h->routes, (h->n_routes + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	h->routes = v;
	v[h->n_routes] = *r;
	v[h->n_routes].seq = (unsigned)h->n_routes;
	h->n_routes++;
	return 0;
}

/* fib_magic: a route the kernel adds for an address (NLM_F_APPEND: after
 * the routes of the same key; an identical one is not added twice) */
static int
route_kernel(struct ut_host *h, enum ut_rtn type, uint32_t dst, uint8_t plen,
	     const struct ut_iface *dev, uint32_t prefsrc)
{
	struct ut_route r = {
		.table = type == UT_RTN_UNICAST ? TABLE_MAIN : TABLE_LOCAL,
		.type = type, .dst = dst, .plen = plen, .dev = dev,
		.prefsrc = prefsrc,
		.scope = type == UT_RTN_LOCAL ? UT_SCOPE_HOST : UT_SCOPE_LINK,
		.nh_scope = UT_SCOPE_HOST, .kernel = true,
	};

	for (size_t i = 0; i < h->n_routes; i++) {
		const struct ut_route *o = &h->routes[i];

		if (o->table == r.table && o->type == type && o->dst == dst &&
		    o->plen == plen && o->tos == 0 && o->metric == 0 &&
		    o->dev == dev && o->prefsrc == prefsrc && o->gw == 0)
			return 0;
	}
	return route_append(h, &r);
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
	if (!ret && a->bcast_set && a->bcast != 0xffffffffu)
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
static int
host_addr_add(struct ut_host *h, struct ut_iface *dev, struct ut_ifaddr a)
{
	struct ut_ifaddr *v;
	int slot;

	a.mask = plen_mask(a.plen);
	if (!a.bcast_set)
		a.bcast = a.plen < 31 ? (a.addr | ~a.mask) : 0;
	/* iproute2 gives 127/8 addresses scope host (default_scope) */
	a.scope = is_loopback(a.addr) ? UT_SCOPE_HOST : UT_SCOPE_UNIVERSE;
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
	h->conf_all = conf_all_init;
	h->conf_default = ut_conf_default_init;
	lo = iface_alloc(h, "lo");
	if (!lo)
		goto fail;
	lo->loopback = true;
	lo->mtu = 65536;
	if (host_addr_add(h, lo, a) != 0)
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
	free(h->ifaces);
	free(h->routes);
	free(h->neighs);
	free(h->sysctls);
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
	if (index < 1 || (size_t)index > h->n_ifaces)
		return NULL;
	return h->ifaces[index - 1];
}

const char *
ut_host_sysctl(const struct ut_host *h, const char *key)
{
	for (size_t i = 0; i < h->n_sysctls; i++)
		if (strcmp(h->sysctls[i].key, key) == 0)
			return h->sysctls[i].value;
	return NULL;
}

/* ---- HOST file lines ------------------------------------------------------ */

struct line {
	const char *fname;
	unsigned no;
	char *tok[MAX_TOKENS];
	int n;
	const char *rest; /* sysctl: the text after the command word */
};

/* line_err: "FILE:LINE: message", status 2; returns -1 */
static int
line_err(struct ut_err *err, const struct line *ln, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
line_err(struct ut_err *err, const struct line *ln, const char *fmt, ...)
{
	char msg[UT_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ut_err_set(err, UT_PARAMETER_PROBLEM, "%s:%u: %s", ln->fname, ln->no,
		   msg);
	return -1;
}

static int
oom_err(struct ut_err *err, const struct line *ln)
{
	return line_err(err, ln, "out of memory");
}

/* parse_ip: an IPv4 address as iproute2's get_addr_ipv4 reads it: 1 to 4
 * numbers (base 0, each <= 255) joined by dots, missing ones zero */
static bool
parse_ip(const char *s, uint32_t *out)
{
	uint8_t b[4] = { 0, 0, 0, 0 };

	for (int i = 0; i < 4; i++) {
		char *end;
		unsigned long v;

		if (!isdigit((unsigned char)*s))
			return false;
		v = strtoul(s, &end, 0);
		if (v > 255)
			return false;
		b[i] = (uint8_t)v;
		if (*end == '\0') {
			memcpy(out, b, 4);
			return true;
		}
		if (i == 3 || *end != '.')
			return false;
		s = end + 1;
	}
	return false;
}

/* parse_uint: a whole unsigned number (base base) in [min, max] */
static bool
parse_uint(const char *s, int base, unsigned long min, unsigned long max,
	   unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!isxdigit((unsigned char)*s))
		return false;
	errno = 0;
	v = strtoul(s, &end, base);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* parse_prefix: A/LEN or A (a host); *host_bits: bits set past LEN */
static bool
parse_prefix(const char *s, uint32_t *addr, uint8_t *plen, bool *host_bits)
{
	char buf[64];
	char *slash;
	unsigned long len = 32;

	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash) {
		*slash = '\0';
		if (!parse_uint(slash + 1, 10, 0, 32, &len))
			return false;
	}
	if (!parse_ip(buf, addr))
		return false;
	*plen = (uint8_t)len;
	*host_bits = (*addr & ~plen_mask(*plen)) != 0;
	return true;
}

/* parse_mac: six hex bytes separated by ':' */
static bool
parse_mac(const char *s, uint8_t mac[6])
{
	for (int i = 0; i < 6; i++) {
		char *end;
		unsigned long v;

		if (!isxdigit((unsigned char)*s))
			return false;
		v = strtoul(s, &end, 16);
		if (v > 0xff || end - s > 2)
			return false;
		mac[i] = (uint8_t)v;
		if (i < 5 && *end != ':')
			return false;
		if (i == 5 && *end)
			return false;
		s = end + 1;
	}
	return true;
}

/* dev_valid_name, plus `all` and `default`, the names of the conf
 * directories (the kernel refuses them too: measured EINVAL) */
static bool
valid_ifname(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= UT_IFNAMSIZ || strcmp(s, ".") == 0 ||
	    strcmp(s, "..") == 0 || strcmp(s, "all") == 0 ||
	    strcmp(s, "default") == 0)
		return false;
	for (; *s; s++)
		if (*s == '/' || *s == ':' || isspace((unsigned char)*s))
			return false;
	return true;
}

/* Keyword-value pairs after the fixed words of a line. */
struct kv {
	const char *const *names; /* NULL-terminated; aliases share a slot */
	const int *slot;          /* slot of each name */
	const char *val[8];       /* by slot, NULL if absent */
};

/* kv_parse: tokens from tok[from] on as keyword-value pairs */
static int
kv_parse(const struct line *ln, int from, struct kv *kv, struct ut_err *err)
{
	for (int i = from; i < ln->n; i += 2) {
		int k = 0;

		while (kv->names[k] && strcmp(kv->names[k], ln->tok[i]) != 0)
			k++;
		if (!kv->names[k])
			return line_err(err, ln, "unknown keyword '%s'",
					ln->tok[i]);
		if (i + 1 >= ln->n)
			return line_err(err, ln, "'%s' needs a value",
					ln->tok[i]);
		if (kv->val[kv->slot[k]])
			return line_err(err, ln, "'%s' given twice",
					ln->tok[i]);
		kv->val[kv->slot[k]] = ln->tok[i + 1];
	}
	return 0;
}

static struct ut_iface *
dev_arg(struct ut_host *h, const struct line *ln, const char *name,
	struct ut_err *err)
{
	for (size_t i = 0; i < h->n_ifaces; i++)
		if (strcmp(h->ifaces[i]->name, name) == 0)
			return h->ifaces[i];
	line_err(err, ln, "unknown device '%s'", name);
	return NULL;
}

/* link add NAME address MAC [mtu N] [group N] */
static int
line_link(struct ut_host *h, const struct line *ln, struct ut_err *err)
{
	static const char *const names[] = { "address", "mtu", "group", NULL };
	static const int slot[] = { 0, 1, 2 };
	struct kv kv = { names, slot, { NULL } };
	uint8_t mac[6];
	unsigned long mtu = 1500, group = 0;
	struct ut_iface *i;

	if (ln->n < 3)
		return line_err(err, ln, "usage: link add NAME address MAC "
				"[mtu N] [group N]");
	if (!valid_ifname(ln->tok[2]))
		return line_err(err, ln, "bad interface name '%s'",
				ln->tok[2]);
	if (ut_host_iface(h, ln->tok[2]))
		return line_err(err, ln, "duplicate link '%s'", ln->tok[2]);
	if (kv_parse(ln, 3, &kv, err))
		return -1;
	if (!kv.val[0])
		return line_err(err, ln, "link %s: 'address MAC' is required",
				ln->tok[2]);
	if (!parse_mac(kv.val[0], mac))
		return line_err(err, ln, "bad MAC address '%s'", kv.val[0]);
	/* is_valid_ether_addr (the kernel: EADDRNOTAVAIL) */
	if ((mac[0] & 1) || !(mac[0] | mac[1] | mac[2] | mac[3] | mac[4] |
			      mac[5]))
		return line_err(err, ln, "MAC address '%s' is multicast or "
				"zero", kv.val[0]);
	if (kv.val[1] && !parse_uint(kv.val[1], 10, 68, 65535, &mtu))
		return line_err(err, ln, "bad mtu '%s' (68-65535)", kv.val[1]);
	/* iproute2 also takes names from /etc/iproute2/group: only
	 * numbers (and its one built-in name) here */
	if (kv.val[2] && strcmp(kv.val[2], "default") != 0 &&
	    !parse_uint(kv.val[2], 0, 0, 0xffffffffu, &group))
		return line_err(err, ln, "bad group '%s'", kv.val[2]);
	i = iface_alloc(h, ln->tok[2]);
	if (!i)
		return oom_err(err, ln);
	memcpy(i->mac, mac, 6);
	i->mtu = (uint32_t)mtu;
	i->group = (uint32_t)group;
	return 0;
}

/* addr add A[/LEN] dev NAME [broadcast B] */
static int
line_addr(struct ut_host *h, const struct line *ln, struct ut_err *err)
{
	static const char *const names[] = { "dev", "broadcast", "brd", NULL };
	static const int slot[] = { 0, 1, 1 };
	struct kv kv = { names, slot, { NULL } };
	struct ut_ifaddr a = { 0 };
	struct ut_iface *dev;
	bool host_bits;
	char buf[16];
	int ret;

	if (ln->n < 3)
		return line_err(err, ln, "usage: addr add A/LEN dev NAME "
				"[broadcast B]");
	if (!parse_prefix(ln->tok[2], &a.addr, &a.plen, &host_bits) ||
	    a.addr == 0 || a.addr == 0xffffffffu || is_multicast(a.addr))
		return line_err(err, ln, "bad address '%s'", ln->tok[2]);
	if (kv_parse(ln, 3, &kv, err))
		return -1;
	if (!kv.val[0])
		return line_err(err, ln, "addr %s: 'dev NAME' is required",
				ln->tok[2]);
	dev = dev_arg(h, ln, kv.val[0], err);
	if (!dev)
		return -1;
	if (kv.val[1]) {
		a.bcast_set = true;
		if (strcmp(kv.val[1], "+") == 0)
			a.bcast = a.addr | ~plen_mask(a.plen);
		else if (!parse_ip(kv.val[1], &a.bcast))
			return line_err(err, ln, "bad broadcast address '%s'",
					kv.val[1]);
	}
	ret = host_addr_add(h, dev, a);
	if (ret == -EEXIST)
		return line_err(err, ln, "address %s/%u already assigned to "
				"%s", ntoa(a.addr, buf), a.plen,
				dev->name);
	return ret ? oom_err(err, ln) : 0;
}

/* the route types a `route add` line may start with */
static const struct {
	const char *name;
	enum ut_rtn type;
} route_types[] = {
	{ "unicast", UT_RTN_UNICAST },
	{ "unreachable", UT_RTN_UNREACHABLE },
	{ "blackhole", UT_RTN_BLACKHOLE },
	{ "prohibit", UT_RTN_PROHIBIT },
};

enum { R_VIA, R_DEV, R_SRC, R_METRIC, R_TOS, R_MTU };

/* route_tos: iproute2's rtnl_dsfield_a2n reads hex ("tos 10" is 0x10);
 * the kernel refuses ECN bits ("Invalid dsfield (tos): ECN bits must
 * be 0", measured) */
static int
route_tos(const struct line *ln, const char *s, uint8_t *tos,
	  struct ut_err *err)
{
	unsigned long v;

	if (!parse_uint(s, 16, 0, 255, &v))
		return line_err(err, ln, "bad tos '%s'", s);
	if (v & 3)
		return line_err(err, ln, "tos '%s': the ECN bits must be 0", s);
	*tos = (uint8_t)v;
	return 0;
}

/* route_numbers: metric, tos and mtu */
static int
route_numbers(const struct line *ln, const struct kv *kv, struct ut_route *r,
	      struct ut_err *err)
{
	unsigned long v;

	if (kv->val[R_METRIC]) {
		if (!parse_uint(kv->val[R_METRIC], 0, 0, UINT32_MAX, &v))
			return line_err(err, ln, "bad metric '%s'",
					kv->val[R_METRIC]);
		r->metric = (uint32_t)v;
	}
	if (kv->val[R_TOS] && route_tos(ln, kv->val[R_TOS], &r->tos, err))
		return -1;
	if (kv->val[R_MTU]) {
		if (!parse_uint(kv->val[R_MTU], 0, 1, UINT32_MAX, &v))
			return line_err(err, ln, "bad mtu '%s'",
					kv->val[R_MTU]);
		/* the kernel caps a route's mtu at IP_MAX_MTU - 15 (measured:
		 * mtu 70000 is shown as 65520) */
		r->mtu = v > 65520 ? 65520 : (uint32_t)v;
	}
	return 0;
}

/* route_nexthop: dev, or the device through which the gateway is
 * reachable (fib_check_nh_v4_gw: a lookup at scope link, so through a
 * connected network or one of our addresses, on dev if given) */
static int
route_nexthop(struct ut_host *h, const struct line *ln, const struct kv *kv,
	      struct ut_route *r, struct ut_err *err)
{
	const struct ut_route *res;
	const struct ut_iface *dev = NULL;

	if (kv->val[R_DEV] && !(dev = dev_arg(h, ln, kv->val[R_DEV], err)))
		return -1;
	if (!kv->val[R_VIA]) {
		if (!dev)
			return line_err(err, ln, "route needs 'dev NAME' or "
					"'via GW'");
		r->dev = dev;
		r->scope = UT_SCOPE_LINK;
		r->nh_scope = UT_SCOPE_HOST;
		return 0;
	}
	if (!parse_ip(kv->val[R_VIA], &r->gw))
		return line_err(err, ln, "bad gateway '%s'", kv->val[R_VIA]);
	if (ut_fib_lookup(h, r->gw, 0, dev, UT_SCOPE_LINK, &res) != 0 ||
	    (res->type != UT_RTN_UNICAST && res->type != UT_RTN_LOCAL))
		return line_err(err, ln, "gateway %s is not on a network "
				"connected to %s", kv->val[R_VIA],
				dev ? dev->name : "any device");
	r->dev = res->dev;
	r->scope = UT_SCOPE_UNIVERSE;
	/* a gateway that is one of our addresses makes a direct route */
	r->nh_scope = res->scope;
	return 0;
}

static int
route_exists(const struct ut_host *h, const struct ut_route *r)
{
	for (size_t i = 0; i < h->n_routes; i++) {
		const struct ut_route *o = &h->routes[i];

		if (o->table == r->table && o->dst == r->dst &&
		    o->plen == r->plen && o->tos == r->tos &&
		    o->metric == r->metric)
			return 1;
	}
	return 0;
}

/* route add [TYPE] PREFIX|default [via GW] [dev NAME] [src A] [metric N]
 *   [tos T] [mtu N] */
static int
line_route(struct ut_host *h, const struct line *ln, struct ut_err *err)
{
	static const char *const names[] = { "via", "dev", "src", "metric",
		"priority", "preference", "tos", "dsfield", "mtu", NULL };
	static const int slot[] = { R_VIA, R_DEV, R_SRC, R_METRIC, R_METRIC,
		R_METRIC, R_TOS, R_TOS, R_MTU };
	struct kv kv = { names, slot, { NULL } };
	struct ut_route r = { .table = TABLE_MAIN, .type = UT_RTN_UNICAST };
	bool host_bits = false;
	int at = 2;
	char buf[16];

	for (size_t i = 0; ln->n > 2 && i < sizeof(route_types) /
	     sizeof(route_types[0]); i++)
		if (strcmp(ln->tok[2], route_types[i].name) == 0) {
			r.type = route_types[i].type;
			at = 3;
		}
	if (ln->n <= at)
		return line_err(err, ln, "usage: route add PREFIX|default "
				"[via GW] dev NAME [src A] [metric N] [tos T] "
				"[mtu N]");
	if (strcmp(ln->tok[at], "default") != 0 &&
	    !parse_prefix(ln->tok[at], &r.dst, &r.plen, &host_bits))
		return line_err(err, ln, "bad prefix '%s'", ln->tok[at]);
	if (host_bits)
		return line_err(err, ln, "prefix '%s' has bits set past its "
				"length", ln->tok[at]);
	if (kv_parse(ln, at + 1, &kv, err) || route_numbers(ln, &kv, &r, err))
		return -1;
	if (r.type != UT_RTN_UNICAST) {
		/* "Gateway, device and multipath can not be specified for
		 * this route type" */
		if (kv.val[R_VIA] || kv.val[R_DEV] || kv.val[R_SRC])
			return line_err(err, ln, "%s routes take no via, dev "
					"or src", ln->tok[2]);
	} else if (route_nexthop(h, ln, &kv, &r, err)) {
		return -1;
	}
	if (kv.val[R_SRC]) {
		if (!parse_ip(kv.val[R_SRC], &r.prefsrc))
			return line_err(err, ln, "bad src '%s'",
					kv.val[R_SRC]);
		if (ut_host_addr_type(h, r.prefsrc, NULL) != UT_RTN_LOCAL)
			return line_err(err, ln, "src %s is not a local "
					"address", kv.val[R_SRC]);
	}
	if (route_exists(h, &r))
		return line_err(err, ln, "route %s/%u tos 0x%02x metric %u "
				"exists already", ntoa(r.dst, buf), r.plen,
				r.tos, r.metric);
	return route_append(h, &r) ? oom_err(err, ln) : 0;
}

/* neigh add IP lladdr MAC dev NAME */
static int
line_neigh(struct ut_host *h, const struct line *ln, struct ut_err *err)
{
	static const char *const names[] = { "lladdr", "dev", NULL };
	static const int slot[] = { 0, 1 };
	struct kv kv = { names, slot, { NULL } };
	struct ut_neigh n = { 0 };
	struct ut_neigh *v;
	const struct ut_iface *dev;

	if (ln->n < 3)
		return line_err(err, ln, "usage: neigh add IP lladdr MAC dev "
				"NAME");
	if (!parse_ip(ln->tok[2], &n.ip))
		return line_err(err, ln, "bad address '%s'", ln->tok[2]);
	if (kv_parse(ln, 3, &kv, err))
		return -1;
	if (!kv.val[0] || !kv.val[1])
		return line_err(err, ln, "neigh %s: 'lladdr MAC' and 'dev "
				"NAME' are required", ln->tok[2]);
	if (!parse_mac(kv.val[0], n.mac))
		return line_err(err, ln, "bad MAC address '%s'", kv.val[0]);
	dev = dev_arg(h, ln, kv.val[1], err);
	if (!dev)
		return -1;
	n.dev = dev;
	if (ut_neigh_lookup(h, n.ip, dev))
		return line_err(err, ln, "neighbour %s on %s exists already",
				ln->tok[2], dev->name);
	v = realloc(h->neighs, (h->n_neighs + 1) * sizeof(*v));
	if (!v)
		return oom_err(err, ln);
	h->neighs = v;
	v[h->n_neighs++] = n;
	return 0;
}

/* ---- sysctl ---------------------------------------------------------------- */

/* The host-wide keys the packet path reads, with the ranges the kernel
 * accepts (proc_dointvec_minmax: others are refused with EINVAL). */
static const struct host_key {
	const char *key;
	size_t off;
	long min, max;
	bool u32; /* an unsigned field */
} host_keys[] = {
	{ "kernel.hz", offsetof(struct ut_host, hz), 1, 100000, true },
	{ "net.ipv4.ip_default_ttl", offsetof(struct ut_host, ip_default_ttl),
	  1, 255, false },
	{ "net.ipv4.icmp_ratelimit", offsetof(struct ut_host, icmp_ratelimit),
	  0, INT_MAX, false },
	{ "net.ipv4.icmp_ratemask", offsetof(struct ut_host, icmp_ratemask),
	  INT_MIN, INT_MAX, true },
	{ "net.ipv4.icmp_echo_ignore_all",
	  offsetof(struct ut_host, icmp_echo_ignore_all), 0, 1, false },
	{ "net.ipv4.icmp_echo_ignore_broadcasts",
	  offsetof(struct ut_host, icmp_echo_ignore_broadcasts), 0, 1, false },
	{ "net.ipv4.icmp_msgs_per_sec",
	  offsetof(struct ut_host, icmp_msgs_per_sec), 0, INT_MAX, false },
	{ "net.ipv4.icmp_msgs_burst", offsetof(struct ut_host, icmp_msgs_burst),
	  0, INT_MAX, false },
	{ "net.ipv4.ip_no_pmtu_disc", offsetof(struct ut_host, ip_no_pmtu_disc),
	  0, 3, false },
};

/* parse_int: a whole number (base 0, as proc_dointvec reads) in range */
static bool
parse_int(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!*s)
		return false;
	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* inet_forward_change: ip_forward / conf.all.forwarding, when changed */
static void
forward_change(struct ut_host *h, int on)
{
	int old = h->conf_all.forwarding;

	h->conf_all.forwarding = on;
	h->ip_forward = on;
	if (old == on)
		return;
	h->conf_default.forwarding = on;
	for (size_t i = 0; i < h->n_ifaces; i++) {
		h->ifaces[i]->conf.forwarding = on;
		h->ifaces[i]->conf_set |= 1u << UT_CONF_FORWARDING;
	}
}

/* conf_write: the proc handlers of net.ipv4.conf.{all,default,DEV}.OPT
 * (devinet_conf_proc, devinet_sysctl_forward) */
static void
conf_write(struct ut_host *h, struct ut_iface *dev, bool dflt, size_t opt,
	   int v)
{
	if (dev) {
		*ut_conf_ptr(&dev->conf, opt) = v;
		dev->conf_set |= 1u << opt;
	} else if (!dflt) {
		if (opt == UT_CONF_FORWARDING)
			forward_change(h, v);
		else
			*ut_conf_ptr(&h->conf_all, opt) = v;
	} else {
		*ut_conf_ptr(&h->conf_default, opt) = v;
		/* conf.default.forwarding reaches only devices to come */
		for (size_t i = 0; opt != UT_CONF_FORWARDING && i < h->n_ifaces;
		     i++)
			if (!(h->ifaces[i]->conf_set & (1u << opt)))
				*ut_conf_ptr(&h->ifaces[i]->conf, opt) = v;
	}
}

/* sysctl_conf: net.ipv4.conf.NAME.OPT (in NAME, '/' stands for '.' as
 * sysctl(8) writes it); options we do not model are only stored */
static int
sysctl_conf(struct ut_host *h, const struct line *ln, const char *key,
	    const char *val, struct ut_err *err)
{
	const char *rest = key + strlen("net.ipv4.conf."), *dot;
	char name[UT_IFNAMSIZ + 8];
	struct ut_iface *dev = NULL;
	bool dflt = false;
	size_t opt;
	long v;

	dot = strrchr(rest, '.');
	if (!dot || dot == rest || (size_t)(dot - rest) >= sizeof(name))
		return line_err(err, ln, "bad sysctl key '%s'", key);
	memcpy(name, rest, (size_t)(dot - rest));
	name[dot - rest] = '\0';
	for (char *c = name; *c; c++)
		if (*c == '/')
			*c = '.';
	if (strcmp(name, "default") == 0) {
		dflt = true;
	} else if (strcmp(name, "all") != 0) {
		dev = (struct ut_iface *)ut_host_iface(h, name);
		if (!dev)
			return line_err(err, ln, "unknown device '%s' in '%s'",
					name, key);
	}
	for (opt = 0; opt < ut_n_conf_opts; opt++)
		if (strcmp(ut_conf_opts[opt].name, dot + 1) == 0)
			break;
	if (opt == ut_n_conf_opts)
		return 0;
	if (!parse_int(val, INT_MIN, INT_MAX, &v))
		return line_err(err, ln, "sysctl %s: bad value '%s'", key, val);
	conf_write(h, dev, dflt, opt, (int)v);
	return 0;
}

/* sysctl_apply: what writing key=val changes in the host model */
static int
sysctl_apply(struct ut_host *h, const struct line *ln, const char *key,
	     const char *val, struct ut_err *err)
{
	long v;

	if (strncmp(key, "net.ipv4.conf.", strlen("net.ipv4.conf.")) == 0)
		return sysctl_conf(h, ln, key, val, err);
	if (strcmp(key, "net.ipv4.ip_forward") == 0) {
		if (!parse_int(val, INT_MIN, INT_MAX, &v))
			return line_err(err, ln, "sysctl %s: bad value '%s'",
					key, val);
		forward_change(h, (int)v);
		return 0;
	}
	for (size_t i = 0; i < sizeof(host_keys) / sizeof(host_keys[0]); i++) {
		const struct host_key *k = &host_keys[i];
		char *field = (char *)h + k->off;

		if (strcmp(key, k->key) != 0)
			continue;
		if (!parse_int(val, k->min, k->max, &v))
			return line_err(err, ln, "sysctl %s: bad value '%s' "
					"(%ld-%ld)", key, val, k->min, k->max);
		if (k->u32)
			*(uint32_t *)(void *)field = (uint32_t)v;
		else
			*(int *)(void *)field = (int)v;
	}
	return 0;
}

/* sysctl_store: remember key=val (the last value wins) */
static int
sysctl_store(struct ut_host *h, const char *key, const char *val)
{
	struct ut_sysctl *v;
	char *k, *s = strdup(val);

	if (!s)
		return -ENOMEM;
	for (size_t i = 0; i < h->n_sysctls; i++)
		if (strcmp(h->sysctls[i].key, key) == 0) {
			free(h->sysctls[i].value);
			h->sysctls[i].value = s;
			return 0;
		}
	k = strdup(key);
	v = realloc(h->sysctls, (h->n_sysctls + 1) * sizeof(*v));
	if (!k || !v) {
		free(k);
		free(s);
		if (v)
			h->sysctls = v;
		return -ENOMEM;
	}
	h->sysctls = v;
	v[h->n_sysctls].key = k;
	v[h->n_sysctls].value = s;
	h->n_sysctls++;
	return 0;
}

/* trim: s without surrounding blanks (in place) */
static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* sysctl [-w] KEY=VALUE (blanks around '=' allowed, as in sysctl.conf;
 * the value is kept as written, e.g. "32768 60999") */
static int
line_sysctl(struct ut_host *h, const struct line *ln, struct ut_err *err)
{
	char *text = strdup(ln->rest), *t, *eq, *key, *val;
	int ret = -1;

	if (!text)
		return oom_err(err, ln);
	t = trim(text);
	if (strncmp(t, "-w", 2) == 0 && isspace((unsigned char)t[2]))
		t = trim(t + 2);
	eq = strchr(t, '=');
	if (!eq) {
		line_err(err, ln, "usage: sysctl KEY=VALUE");
		goto out;
	}
	*eq = '\0';
	key = trim(t);
	val = trim(eq + 1);
	if (!*key || strpbrk(key, " \t")) {
		line_err(err, ln, "bad sysctl key '%s'", key);
		goto out;
	}
	if (sysctl_apply(h, ln, key, val, err))
		goto out;
	ret = sysctl_store(h, key, val) ? oom_err(err, ln) : 0;
out:
	free(text);
	return ret;
}

/* ---- the file ----------------------------------------------------------- */

static const struct {
	const char *word;
	int (*fn)(struct ut_host *, const struct line *, struct ut_err *);
	bool add; /* `WORD add ...` */
} line_kinds[] = {
	{ "link", line_link, true },
	{ "addr", line_addr, true },
	{ "route", line_route, true },
	{ "neigh", line_neigh, true },
	{ "sysctl", line_sysctl, false },
};

/* tokenize: split buf at blanks; a word starting with '#' starts a
 * comment; sets ln->rest to the raw text after the first word */
static int
tokenize(char *buf, const char *raw, struct line *ln, struct ut_err *err)
{
	char *p = buf;

	ln->n = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			break;
		if (ln->n == MAX_TOKENS)
			return line_err(err, ln, "too many words");
		ln->tok[ln->n++] = p;
		if (ln->n == 1)
			ln->rest = raw + (p - buf) + strcspn(p, " \t\r");
		p += strcspn(p, " \t\r");
		if (*p)
			*p++ = '\0';
	}
	return 0;
}

static int
parse_line(struct ut_host *h, const char *text, size_t len, const char *fname,
	   unsigned no, struct ut_err *err)
{
	struct line ln = { .fname = fname, .no = no };
	char *buf = malloc(2 * len + 2), *raw;
	int ret = -1;

	if (!buf)
		return oom_err(err, &ln);
	raw = buf + len + 1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	memcpy(raw, text, len);
	raw[len] = '\0';
	/* a comment ends the raw text too (sysctl reads it) */
	for (char *c = raw; *c; c++)
		if (*c == '#' && (c == raw || c[-1] == ' ' || c[-1] == '\t')) {
			*c = '\0';
			break;
		}
	if (tokenize(buf, raw, &ln, err))
		goto out;
	ret = 0;
	if (ln.n == 0)
		goto out;
	for (size_t i = 0; i < sizeof(line_kinds) / sizeof(line_kinds[0]);
	     i++) {
		if (strcmp(ln.tok[0], line_kinds[i].word) != 0)
			continue;
		if (line_kinds[i].add && ln.n < 2)
			ret = line_err(err, &ln, "expected '%s add'",
				       ln.tok[0]);
		else if (line_kinds[i].add && strcmp(ln.tok[1], "add") != 0)
			ret = line_err(err, &ln, "expected '%s add', got '%s "
				       "%s'", ln.tok[0], ln.tok[0], ln.tok[1]);
		else
			ret = line_kinds[i].fn(h, &ln, err);
		goto out;
	}
	ret = line_err(err, &ln, "unknown keyword '%s' (expected link, addr, "
		       "route, neigh or sysctl)", ln.tok[0]);
out:
	free(buf);
	return ret;
}

int
ut_host_parse(struct ut_host *h, const char *text, const char *fname,
	      struct ut_err *err)
{
	unsigned no = 0;

	while (*text) {
		const char *eol = strchr(text, '\n');
		size_t len = eol ? (size_t)(eol - text) : strlen(text);

		if (parse_line(h, text, len, fname, ++no, err))
			return -1;
		text += len + (eol ? 1 : 0);
	}
	return 0;
}
