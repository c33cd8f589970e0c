/* host_file.c: the HOST file (iproute2 lines: link, addr, route, neigh;
 * sysctl lines are host_sysctl.c's), with "FILE:LINE: what is wrong" for
 * anything the model or the kernel would refuse. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "rules/addr.h"
#include "host/host.h"
#include "host/host_int.h"

/* ---- HOST file lines --------------------------------------------------- */

int
ut_host_line_err(struct ut_err *err, const struct ut_host_line *ln,
		 const char *fmt, ...)
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

int
ut_host_oom_err(struct ut_err *err, const struct ut_host_line *ln)
{
	return ut_host_line_err(err, ln, "out of memory");
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
	*host_bits = (*addr & ~ut_plen_mask(*plen)) != 0;
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
kv_parse(const struct ut_host_line *ln, int from, struct kv *kv,
	 struct ut_err *err)
{
	for (int i = from; i < ln->n; i += 2) {
		int k = 0;

		while (kv->names[k] && strcmp(kv->names[k], ln->tok[i]) != 0)
			k++;
		if (!kv->names[k])
			return ut_host_line_err(err, ln, "unknown keyword '%s'",
					ln->tok[i]);
		if (i + 1 >= ln->n)
			return ut_host_line_err(err, ln, "'%s' needs a value",
					ln->tok[i]);
		if (kv->val[kv->slot[k]])
			return ut_host_line_err(err, ln, "'%s' given twice",
					ln->tok[i]);
		kv->val[kv->slot[k]] = ln->tok[i + 1];
	}
	return 0;
}

static struct ut_iface *
dev_arg(struct ut_host *h, const struct ut_host_line *ln, const char *name,
	struct ut_err *err)
{
	for (size_t i = 0; i < h->n_ifaces; i++)
		if (strcmp(h->ifaces[i]->name, name) == 0)
			return h->ifaces[i];
	ut_host_line_err(err, ln, "unknown device '%s'", name);
	return NULL;
}

/* link add NAME address MAC [mtu N] [group N] [index N] */
static int
line_link(struct ut_host *h, const struct ut_host_line *ln, struct ut_err *err)
{
	static const char *const names[] = { "address", "mtu", "group",
					      "index", NULL };
	static const int slot[] = { 0, 1, 2, 3 };
	struct kv kv = { names, slot, { NULL } };
	uint8_t mac[6];
	unsigned long mtu = 1500, group = 0, index = 0;
	struct ut_iface *i;

	if (ln->n < 3)
		return ut_host_line_err(err, ln, "usage: link add NAME address MAC "
				"[mtu N] [group N] [index N]");
	if (!valid_ifname(ln->tok[2]))
		return ut_host_line_err(err, ln, "bad interface name '%s'",
				ln->tok[2]);
	if (ut_host_iface(h, ln->tok[2]))
		return ut_host_line_err(err, ln, "duplicate link '%s'", ln->tok[2]);
	if (kv_parse(ln, 3, &kv, err))
		return -1;
	if (!kv.val[0])
		return ut_host_line_err(err, ln, "link %s: 'address MAC' is required",
				ln->tok[2]);
	if (!parse_mac(kv.val[0], mac))
		return ut_host_line_err(err, ln, "bad MAC address '%s'", kv.val[0]);
	/* is_valid_ether_addr (the kernel: EADDRNOTAVAIL) */
	if ((mac[0] & 1) || !(mac[0] | mac[1] | mac[2] | mac[3] | mac[4] |
			      mac[5]))
		return ut_host_line_err(err, ln, "MAC address '%s' is multicast or "
				"zero", kv.val[0]);
	if (kv.val[1] && !parse_uint(kv.val[1], 10, 68, 65535, &mtu))
		return ut_host_line_err(err, ln, "bad mtu '%s' (68-65535)", kv.val[1]);
	/* iproute2 also takes names from /etc/iproute2/group: only
	 * numbers (and its one built-in name) here */
	if (kv.val[2] && strcmp(kv.val[2], "default") != 0 &&
	    !parse_uint(kv.val[2], 0, 0, 0xffffffffu, &group))
		return ut_host_line_err(err, ln, "bad group '%s'", kv.val[2]);
	/* the interface index (1 is lo's): what a capture of the real host
	 * names its interfaces by (Linux cooked v2, `--in any=FILE`) */
	if (kv.val[3] && !parse_uint(kv.val[3], 10, 2, 0x7fffffff, &index))
		return ut_host_line_err(err, ln, "bad index '%s' (2-2147483647)",
				kv.val[3]);
	if (index && ut_host_iface_by_index(h, (int)index))
		return ut_host_line_err(err, ln, "index %lu is %s's", index,
				ut_host_iface_by_index(h, (int)index)->name);
	i = ut_host_iface_alloc(h, ln->tok[2]);
	if (!i)
		return ut_host_oom_err(err, ln);
	if (index)
		i->index = (int)index;
	memcpy(i->mac, mac, 6);
	i->mtu = (uint32_t)mtu;
	i->group = (uint32_t)group;
	return 0;
}

/* addr add A[/LEN] dev NAME [broadcast B] */
static int
line_addr(struct ut_host *h, const struct ut_host_line *ln, struct ut_err *err)
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
		return ut_host_line_err(err, ln, "usage: addr add A/LEN dev NAME "
				"[broadcast B]");
	if (!parse_prefix(ln->tok[2], &a.addr, &a.plen, &host_bits) ||
	    a.addr == 0 || a.addr == 0xffffffffu || ut_ipv4_is_multicast(a.addr))
		return ut_host_line_err(err, ln, "bad address '%s'", ln->tok[2]);
	if (kv_parse(ln, 3, &kv, err))
		return -1;
	if (!kv.val[0])
		return ut_host_line_err(err, ln, "addr %s: 'dev NAME' is required",
				ln->tok[2]);
	dev = dev_arg(h, ln, kv.val[0], err);
	if (!dev)
		return -1;
	if (kv.val[1]) {
		a.bcast_set = true;
		if (strcmp(kv.val[1], "+") == 0)
			a.bcast = a.addr | ~ut_plen_mask(a.plen);
		else if (!parse_ip(kv.val[1], &a.bcast))
			return ut_host_line_err(err, ln, "bad broadcast address '%s'",
					kv.val[1]);
	}
	ret = ut_host_addr_add(h, dev, a);
	if (ret == -EEXIST)
		return ut_host_line_err(err, ln, "address %s/%u already assigned to "
				"%s", ut_ipv4_ntoa(a.addr, buf), a.plen,
				dev->name);
	return ret ? ut_host_oom_err(err, ln) : 0;
}

/* the route types a `route add` line may start with */
static const struct {
	const char *name;
	enum ut_rtn type;
} route_types[] = {
	{ "unicast", UT_RTN_UNICAST },
	{ "local", UT_RTN_LOCAL },
	{ "unreachable", UT_RTN_UNREACHABLE },
	{ "blackhole", UT_RTN_BLACKHOLE },
	{ "prohibit", UT_RTN_PROHIBIT },
	{ "throw", UT_RTN_THROW },
};

enum { R_VIA, R_DEV, R_SRC, R_METRIC, R_TOS, R_MTU, R_TABLE };

/* route_tos: iproute2's rtnl_dsfield_a2n reads hex ("tos 10" is 0x10);
 * the kernel refuses ECN bits ("Invalid dsfield (tos): ECN bits must
 * be 0", measured) */
static int
route_tos(const struct ut_host_line *ln, const char *s, uint8_t *tos,
	  struct ut_err *err)
{
	unsigned long v;

	if (!parse_uint(s, 16, 0, 255, &v))
		return ut_host_line_err(err, ln, "bad tos '%s'", s);
	if (v & 3)
		return ut_host_line_err(err, ln, "tos '%s': the ECN bits must be 0", s);
	*tos = (uint8_t)v;
	return 0;
}

/* route_numbers: metric, tos and mtu */
static int
route_numbers(const struct ut_host_line *ln, const struct kv *kv,
	      struct ut_route *r, struct ut_err *err)
{
	unsigned long v;

	if (kv->val[R_METRIC]) {
		if (!parse_uint(kv->val[R_METRIC], 0, 0, UINT32_MAX, &v))
			return ut_host_line_err(err, ln, "bad metric '%s'",
					kv->val[R_METRIC]);
		r->metric = (uint32_t)v;
	}
	if (kv->val[R_TOS] && route_tos(ln, kv->val[R_TOS], &r->tos, err))
		return -1;
	if (kv->val[R_MTU]) {
		if (!parse_uint(kv->val[R_MTU], 0, 1, UINT32_MAX, &v))
			return ut_host_line_err(err, ln, "bad mtu '%s'",
					kv->val[R_MTU]);
		/* the kernel caps a route's mtu at IP_MAX_MTU - 15 (measured:
		 * mtu 70000 is shown as 65520) */
		r->mtu = v > 65520 ? 65520 : (uint32_t)v;
	}
	return 0;
}

/* fib_check_nh_v4_gw's lookup of a gateway at scope link: in the
 * route's own table first (unless main), then a full lookup (through the
 * rules, as the host's own flow) */
static int
gw_lookup(const struct ut_host *h, const struct ut_route *r,
	  const struct ut_iface *dev, const struct ut_route **res)
{
	struct ut_flow fl = {
		.daddr = r->gw, .scope = UT_SCOPE_LINK, .iif = 1,
		.oif = dev ? dev->index : 0,
	};
	struct ut_fib_res fr;
	int err;

	if (r->table != UT_RT_TABLE_MAIN &&
	    ut_fib_table_lookup(h, r->table, &fl, res) == 0)
		return 0;
	err = ut_fib_lookup_flow(h, &fl, &fr);
	*res = fr.route;
	return err;
}

/* route_nexthop: dev, or the device through which the gateway is
 * reachable (fib_check_nh_v4_gw: a lookup at scope link, so through a
 * connected network or one of our addresses, on dev if given) */
static int
route_nexthop(struct ut_host *h, const struct ut_host_line *ln,
	      const struct kv *kv, struct ut_route *r, struct ut_err *err)
{
	const struct ut_route *res;
	const struct ut_iface *dev = NULL;

	if (kv->val[R_DEV] && !(dev = dev_arg(h, ln, kv->val[R_DEV], err)))
		return -1;
	if (!kv->val[R_VIA]) {
		if (!dev)
			return ut_host_line_err(err, ln, "route needs 'dev NAME' or "
					"'via GW'");
		r->dev = dev;
		r->scope = UT_SCOPE_LINK;
		r->nh_scope = UT_SCOPE_HOST;
		return 0;
	}
	if (!parse_ip(kv->val[R_VIA], &r->gw))
		return ut_host_line_err(err, ln, "bad gateway '%s'", kv->val[R_VIA]);
	if (gw_lookup(h, r, dev, &res) != 0 ||
	    (res->type != UT_RTN_UNICAST && res->type != UT_RTN_LOCAL))
		return ut_host_line_err(err, ln, "gateway %s is not on a network "
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
 *   [tos T] [mtu N] [table N|NAME] */
static int
line_route(struct ut_host *h, const struct ut_host_line *ln, struct ut_err *err)
{
	static const char *const names[] = { "via", "dev", "src", "metric",
		"priority", "preference", "tos", "dsfield", "mtu", "table", NULL };
	static const int slot[] = { R_VIA, R_DEV, R_SRC, R_METRIC, R_METRIC,
		R_METRIC, R_TOS, R_TOS, R_MTU, R_TABLE };
	struct kv kv = { names, slot, { NULL } };
	struct ut_route r = { .table = UT_RT_TABLE_MAIN, .type = UT_RTN_UNICAST };
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
		return ut_host_line_err(err, ln, "usage: route add PREFIX|default "
				"[via GW] dev NAME [src A] [metric N] [tos T] "
				"[mtu N] [table N|NAME]");
	if (strcmp(ln->tok[at], "default") != 0 &&
	    !parse_prefix(ln->tok[at], &r.dst, &r.plen, &host_bits))
		return ut_host_line_err(err, ln, "bad prefix '%s'", ln->tok[at]);
	if (host_bits)
		return ut_host_line_err(err, ln, "prefix '%s' has bits set past its "
				"length", ln->tok[at]);
	if (kv_parse(ln, at + 1, &kv, err) || route_numbers(ln, &kv, &r, err))
		return -1;
	/* iproute2's rtnl_rttable_a2n; table 0 is "main" to the kernel
	 * (rtm_table RT_TABLE_UNSPEC: fib_new_table gives main) */
	if (kv.val[R_TABLE]) {
		if (!ut_rt_table_parse(h, kv.val[R_TABLE], &r.table))
			return ut_host_line_err(err, ln, "Error: argument \"%s\" is "
					"wrong: \"table\" value is invalid",
					kv.val[R_TABLE]);
		if (r.table == 0)
			r.table = UT_RT_TABLE_MAIN;
	}
	if (r.type != UT_RTN_UNICAST && r.type != UT_RTN_LOCAL) {
		/* "Gateway, device and multipath can not be specified for
		 * this route type" */
		if (kv.val[R_VIA] || kv.val[R_DEV] || kv.val[R_SRC])
			return ut_host_line_err(err, ln, "%s routes take no via, dev "
					"or src", ln->tok[2]);
	} else if (route_nexthop(h, ln, &kv, &r, err)) {
		return -1;
	}
	if (kv.val[R_SRC]) {
		if (!parse_ip(kv.val[R_SRC], &r.prefsrc))
			return ut_host_line_err(err, ln, "bad src '%s'",
					kv.val[R_SRC]);
		if (ut_host_addr_type(h, r.prefsrc, NULL) != UT_RTN_LOCAL)
			return ut_host_line_err(err, ln, "src %s is not a local "
					"address", kv.val[R_SRC]);
	}
	if (route_exists(h, &r))
		return ut_host_line_err(err, ln, "route %s/%u tos 0x%02x metric %u "
				"exists already", ut_ipv4_ntoa(r.dst, buf), r.plen,
				r.tos, r.metric);
	return ut_host_route_append(h, &r) ? ut_host_oom_err(err, ln) : 0;
}

/* neigh add IP lladdr MAC dev NAME */
static int
line_neigh(struct ut_host *h, const struct ut_host_line *ln, struct ut_err *err)
{
	static const char *const names[] = { "lladdr", "dev", NULL };
	static const int slot[] = { 0, 1 };
	struct kv kv = { names, slot, { NULL } };
	struct ut_neigh n = { 0 };
	struct ut_neigh *v;
	const struct ut_iface *dev;

	if (ln->n < 3)
		return ut_host_line_err(err, ln, "usage: neigh add IP lladdr MAC dev "
				"NAME");
	if (!parse_ip(ln->tok[2], &n.ip))
		return ut_host_line_err(err, ln, "bad address '%s'", ln->tok[2]);
	if (kv_parse(ln, 3, &kv, err))
		return -1;
	if (!kv.val[0] || !kv.val[1])
		return ut_host_line_err(err, ln, "neigh %s: 'lladdr MAC' and 'dev "
				"NAME' are required", ln->tok[2]);
	if (!parse_mac(kv.val[0], n.mac))
		return ut_host_line_err(err, ln, "bad MAC address '%s'", kv.val[0]);
	dev = dev_arg(h, ln, kv.val[1], err);
	if (!dev)
		return -1;
	n.dev = dev;
	if (ut_neigh_lookup(h, n.ip, dev))
		return ut_host_line_err(err, ln, "neighbour %s on %s exists already",
				ln->tok[2], dev->name);
	v = realloc(h->neighs, (h->n_neighs + 1) * sizeof(*v));
	if (!v)
		return ut_host_oom_err(err, ln);
	h->neighs = v;
	v[h->n_neighs++] = n;
	return 0;
}

/* ---- nfacct objects ------------------------------------------------------ */

#define NFACCT_NAME_MAX 32   /* NFACCT_NAME_MAX, with its NUL */

/* `nfacct add NAME`: an accounting object, as nfacct(8) creates it (the
 * nfacct match refuses a rule naming an object that does not exist) */
static int
line_nfacct(struct ut_host *h, const struct ut_host_line *ln,
	    struct ut_err *err)
{
	char **v;

	if (ln->n != 3)
		return ut_host_line_err(err, ln, "expected 'nfacct add NAME'");
	if (strlen(ln->tok[2]) >= NFACCT_NAME_MAX)
		return ut_host_line_err(err, ln, "nfacct name '%s' longer "
					"than %d characters", ln->tok[2],
					NFACCT_NAME_MAX - 1);
	for (size_t i = 0; i < h->n_nfacct; i++)
		if (strcmp(h->nfacct[i], ln->tok[2]) == 0)
			return ut_host_line_err(err, ln, "nfacct object '%s' "
						"exists already", ln->tok[2]);
	v = realloc(h->nfacct, (h->n_nfacct + 1) * sizeof(*v));
	if (!v)
		return ut_host_oom_err(err, ln);
	h->nfacct = v;
	v[h->n_nfacct] = strdup(ln->tok[2]);
	if (!v[h->n_nfacct])
		return ut_host_oom_err(err, ln);
	h->n_nfacct++;
	return 0;
}

/* ---- the CPU ------------------------------------------------------------ */

#define CPU_MAX 8191 /* Debian's CONFIG_NR_CPUS is 8192 */

/* `cpu N`: the CPU every packet is handled on (a Linux host spreads
 * them over its CPUs by where they arrive and who sends them; an offline
 * host is one CPU) */
static int
line_cpu(struct ut_host *h, const struct ut_host_line *ln, struct ut_err *err)
{
	unsigned long v;

	if (ln->n != 2 || !parse_uint(ln->tok[1], 10, 0, CPU_MAX, &v))
		return ut_host_line_err(err, ln, "expected 'cpu N' (0 to %d)",
					CPU_MAX);
	h->cpu = (unsigned)v;
	return 0;
}

/* ---- the file ----------------------------------------------------------- */

static const struct {
	const char *word;
	int (*fn)(struct ut_host *, const struct ut_host_line *,
		  struct ut_err *);
	bool add; /* `WORD add ...` */
} line_kinds[] = {
	{ "link", line_link, true },
	{ "addr", line_addr, true },
	{ "route", line_route, true },
	{ "neigh", line_neigh, true },
	{ "rule", ut_host_line_rule, true },
	{ "sysctl", ut_host_line_sysctl, false },
	{ "nfacct", line_nfacct, true },
	{ "module", ut_host_line_module, false },
	{ "recent", ut_host_line_recent, false },
	{ "rt_table", ut_host_line_rt_table, false },
	{ "cpu", line_cpu, false },
	{ "osf", ut_host_line_osf, false },
	{ "stack", ut_host_line_stack, false },
	{ "listen", ut_host_line_listen, false },
};

/* tokenize: split buf at blanks; a word starting with '#' starts a
 * comment; sets ln->rest to the raw text after the first word */
static int
tokenize(char *buf, const char *raw, struct ut_host_line *ln,
	 struct ut_err *err)
{
	char *p = buf;

	ln->n = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			break;
		if (ln->n == UT_HOST_MAX_TOKENS)
			return ut_host_line_err(err, ln, "too many words");
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
	struct ut_host_line ln = { .fname = fname, .no = no };
	char *buf = malloc(2 * len + 2), *raw;
	int ret = -1;

	if (!buf)
		return ut_host_oom_err(err, &ln);
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
			ret = ut_host_line_err(err, &ln, "expected '%s add'",
				       ln.tok[0]);
		else if (line_kinds[i].add && strcmp(ln.tok[1], "add") != 0)
			ret = ut_host_line_err(err, &ln, "expected '%s add', got '%s "
				       "%s'", ln.tok[0], ln.tok[0], ln.tok[1]);
		else
			ret = line_kinds[i].fn(h, &ln, err);
		goto out;
	}
	ret = ut_host_line_err(err, &ln, "unknown keyword '%s' (expected link, addr, "
		       "route, rule, neigh, sysctl, nfacct, module, recent, cpu, osf, stack or listen)", ln.tok[0]);
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
	return ut_host_stack_check(h, fname, err);
}
