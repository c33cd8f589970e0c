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
	const char *val[12];      /* by slot, NULL if absent */
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

/* What a `link add` line says, in iproute2's words (iplink_parse): the
 * name (`name NAME`, `dev NAME` or a bare word), `link PARENT`, the
 * options, and after `type vlan` the VLAN's own. */
struct link_args {
	const char *name, *parent, *mac, *mtu, *group, *index;
	const char *type;         /* NULL: an Ethernet device */
	const char *vlan_id, *vlan_proto;
};

/* link_word: the option at tok[*at] into a (its value after it) */
static int
link_word(const struct ut_host_line *ln, int *at, struct link_args *a,
	  struct ut_err *err)
{
	static const struct {
		const char *word;
		size_t off;
	} opts[] = {
		{ "name", offsetof(struct link_args, name) },
		{ "dev", offsetof(struct link_args, name) },
		{ "link", offsetof(struct link_args, parent) },
		{ "address", offsetof(struct link_args, mac) },
		{ "mtu", offsetof(struct link_args, mtu) },
		{ "group", offsetof(struct link_args, group) },
		{ "index", offsetof(struct link_args, index) },
		{ "type", offsetof(struct link_args, type) },
	};
	const char *w = ln->tok[*at];

	for (size_t k = 0; k < sizeof(opts) / sizeof(opts[0]); k++) {
		const char **slot = (const char **)((char *)a + opts[k].off);

		if (strcmp(w, opts[k].word) != 0)
			continue;
		if (*at + 1 >= ln->n)
			return ut_host_line_err(err, ln, "'%s' needs a value", w);
		if (*slot)
			return ut_host_line_err(err, ln, "'%s' given twice", w);
		*slot = ln->tok[++*at];
		return 0;
	}
	/* a bare word is the name (iproute2: the device) */
	if (!a->name && w[0] != '-') {
		a->name = w;
		return 0;
	}
	return ut_host_line_err(err, ln, "unknown keyword '%s' (link add takes "
			"NAME, address, mtu, group, index, and link PARENT type "
			"vlan id N)", w);
}

/* vlan_words: what follows `type vlan` (vlan_parse_opt) */
static int
vlan_words(const struct ut_host_line *ln, int at, struct link_args *a,
	   struct ut_err *err)
{
	for (; at < ln->n; at += 2) {
		const char *w = ln->tok[at];
		const char **slot;

		if (strcmp(w, "id") == 0)
			slot = &a->vlan_id;
		else if (strcmp(w, "protocol") == 0)
			slot = &a->vlan_proto;
		else if (strcmp(w, "address") == 0 || strcmp(w, "mtu") == 0 ||
			 strcmp(w, "name") == 0 || strcmp(w, "link") == 0)
			return ut_host_line_err(err, ln, "'%s' goes before 'type' "
					"(what follows type vlan is the VLAN's, "
					"as iproute2 reads it)", w);
		else
			return ut_host_line_err(err, ln, "vlan option '%s' is not "
					"modelled (only id and protocol)", w);
		if (at + 1 >= ln->n)
			return ut_host_line_err(err, ln, "'%s' needs a value", w);
		if (*slot)
			return ut_host_line_err(err, ln, "'%s' given twice", w);
		*slot = ln->tok[at + 1];
	}
	return 0;
}

static int
link_args_parse(const struct ut_host_line *ln, struct link_args *a,
		struct ut_err *err)
{
	for (int at = 2; at < ln->n; at++) {
		if (link_word(ln, &at, a, err))
			return -1;
		if (a->type)
			return strcmp(a->type, "vlan") == 0 ?
			       vlan_words(ln, at + 1, a, err) :
			       ut_host_line_err(err, ln, "link type '%s' is not "
					"modelled (a link without type is an "
					"Ethernet device; type vlan)", a->type);
	}
	return 0;
}

/* link_vlan: the 802.1Q part of a `type vlan` link (vlan_newlink and
 * vlan_check_real_dev: id below 4095, one device per parent and id, an
 * Ethernet parent; nested VLANs are not modelled) */
static int
link_vlan(struct ut_host *h, const struct ut_host_line *ln,
	  const struct link_args *a, struct ut_iface *i, struct ut_err *err)
{
	const struct ut_iface *parent;
	unsigned long id;

	if (!a->parent)
		return ut_host_line_err(err, ln, "vlan %s: 'link PARENT' is required",
				a->name);
	if (!a->vlan_id)
		return ut_host_line_err(err, ln, "vlan %s: 'id N' is required",
				a->name);
	if (!parse_uint(a->vlan_id, 0, 0, 4094, &id))
		return ut_host_line_err(err, ln, "bad vlan id '%s' (0-4094)",
				a->vlan_id);
	if (a->vlan_proto && strcasecmp(a->vlan_proto, "802.1Q") != 0)
		return ut_host_line_err(err, ln, "vlan protocol '%s' is not "
				"modelled (only 802.1Q)", a->vlan_proto);
	parent = dev_arg(h, ln, a->parent, err);
	if (!parent)
		return -1;
	if (parent->loopback || parent->vlan_parent)
		return ut_host_line_err(err, ln, "vlan %s: parent %s is not an "
				"Ethernet link (VLANs on VLANs are not modelled)",
				a->name, parent->name);
	for (size_t k = 0; k < h->n_ifaces; k++)
		if (h->ifaces[k]->vlan_parent == parent &&
		    h->ifaces[k]->vlan_id == id)
			return ut_host_line_err(err, ln, "vlan id %lu on %s exists "
					"already (%s)", id, parent->name,
					h->ifaces[k]->name);
	i->vlan_parent = parent;
	i->vlan_id = (uint16_t)id;
	/* the parent's address and MTU unless given; a VLAN is up only
	 * while its parent is */
	memcpy(i->mac, parent->mac, 6);
	i->mtu = parent->mtu;
	i->up = parent->up;
	return 0;
}

/* link add [link PARENT] [name] NAME [address MAC] [mtu N] [group N]
 *   [index N] [type vlan id N [protocol 802.1Q]] */
static int
line_link_add(struct ut_host *h, const struct ut_host_line *ln,
	      struct ut_err *err)
{
	struct link_args a = { 0 };
	uint8_t mac[6];
	unsigned long mtu = 1500, group = 0, index = 0;
	struct ut_iface *i;

	if (link_args_parse(ln, &a, err))
		return -1;
	if (!a.name)
		return ut_host_line_err(err, ln, "usage: link add NAME address MAC "
				"[mtu N] [group N] [index N], or link add NAME "
				"link PARENT type vlan id N");
	if (!valid_ifname(a.name))
		return ut_host_line_err(err, ln, "bad interface name '%s'", a.name);
	if (ut_host_iface(h, a.name))
		return ut_host_line_err(err, ln, "duplicate link '%s'", a.name);
	if (a.parent && !a.type)
		return ut_host_line_err(err, ln, "link %s: 'link %s' needs 'type "
				"vlan id N'", a.name, a.parent);
	if (!a.mac && !a.type)
		return ut_host_line_err(err, ln, "link %s: 'address MAC' is required",
				a.name);
	if (a.mac && !parse_mac(a.mac, mac))
		return ut_host_line_err(err, ln, "bad MAC address '%s'", a.mac);
	/* is_valid_ether_addr (the kernel: EADDRNOTAVAIL) */
	if (a.mac && ((mac[0] & 1) || !(mac[0] | mac[1] | mac[2] | mac[3] |
					 mac[4] | mac[5])))
		return ut_host_line_err(err, ln, "MAC address '%s' is multicast or "
				"zero", a.mac);
	if (a.mtu && !parse_uint(a.mtu, 10, 68, 65535, &mtu))
		return ut_host_line_err(err, ln, "bad mtu '%s' (68-65535)", a.mtu);
	/* iproute2 also takes names from /etc/iproute2/group: only
	 * numbers (and its one built-in name) here */
	if (a.group && strcmp(a.group, "default") != 0 &&
	    !parse_uint(a.group, 0, 0, 0xffffffffu, &group))
		return ut_host_line_err(err, ln, "bad group '%s'", a.group);
	/* the interface index (1 is lo's): what a capture of the real host
	 * names its interfaces by (Linux cooked v2, `--in any=FILE`) */
	if (a.index && !parse_uint(a.index, 10, 2, 0x7fffffff, &index))
		return ut_host_line_err(err, ln, "bad index '%s' (2-2147483647)",
				a.index);
	if (index && ut_host_iface_by_index(h, (int)index))
		return ut_host_line_err(err, ln, "index %lu is %s's", index,
				ut_host_iface_by_index(h, (int)index)->name);
	i = ut_host_iface_alloc(h, a.name);
	if (!i)
		return ut_host_oom_err(err, ln);
	if (index)
		i->index = (int)index;
	i->group = (uint32_t)group;
	/* on an error the host is discarded (ut_host_parse): the new
	 * device may stay half made */
	if (a.type && link_vlan(h, ln, &a, i, err))
		return -1;
	if (a.mac)
		memcpy(i->mac, mac, 6);
	if (a.mtu && i->vlan_parent && mtu > i->vlan_parent->mtu)
		return ut_host_line_err(err, ln, "vlan %s: mtu %lu is above its "
				"parent's (%u)", a.name, mtu, i->vlan_parent->mtu);
	if (a.mtu || !i->vlan_parent)
		i->mtu = (uint32_t)mtu;
	return 0;
}

/* link set [dev] NAME up|down|mtu N ... (iplink's do_set, in order) */
static int
line_link_set(struct ut_host *h, const struct ut_host_line *ln,
	      struct ut_err *err)
{
	int at = 2;
	struct ut_iface *dev;

	if (at < ln->n && strcmp(ln->tok[at], "dev") == 0)
		at++;
	if (at + 1 >= ln->n)
		return ut_host_line_err(err, ln, "usage: link set NAME up|down|mtu "
				"N");
	dev = dev_arg(h, ln, ln->tok[at], err);
	if (!dev)
		return -1;
	for (at++; at < ln->n; at++) {
		const char *w = ln->tok[at];
		unsigned long mtu;
		int ret;

		if (strcmp(w, "up") == 0 || strcmp(w, "down") == 0) {
			ret = ut_host_link_updown(h, dev, w[0] == 'u');
			if (ret == -ENETDOWN)
				return ut_host_line_err(err, ln, "link %s up: its "
						"parent %s is down", dev->name,
						dev->vlan_parent->name);
			if (ret)
				return ut_host_oom_err(err, ln);
		} else if (strcmp(w, "mtu") == 0) {
			if (at + 1 >= ln->n ||
			    !parse_uint(ln->tok[at + 1], 10, 68, 65535, &mtu))
				return ut_host_line_err(err, ln, "bad mtu '%s' "
						"(68-65535)", at + 1 < ln->n ?
						ln->tok[at + 1] : "");
			if (dev->loopback)
				return ut_host_line_err(err, ln, "the mtu of lo is "
						"not modelled");
			if (dev->vlan_parent && mtu > dev->vlan_parent->mtu)
				return ut_host_line_err(err, ln, "vlan %s: mtu %lu "
						"is above its parent's (%u)",
						dev->name, mtu,
						dev->vlan_parent->mtu);
			ut_host_link_mtu(h, dev, (uint32_t)mtu);
			at++;
		} else {
			return ut_host_line_err(err, ln, "link set: '%s' is not "
					"modelled (up, down, mtu N)", w);
		}
	}
	return 0;
}

static int
line_link(struct ut_host *h, const struct ut_host_line *ln, struct ut_err *err)
{
	if (ln->n >= 2 && strcmp(ln->tok[1], "set") == 0)
		return line_link_set(h, ln, err);
	if (ln->n < 2 || strcmp(ln->tok[1], "add") != 0)
		return ut_host_line_err(err, ln, "expected 'link add' or 'link "
				"set'");
	return line_link_add(h, ln, err);
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

enum { R_VIA, R_DEV, R_SRC, R_METRIC, R_TOS, R_MTU, R_TABLE, R_PROTO,
       R_SCOPE };

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

/* rtnl_rtscope_a2n: a scope name or a number; the kernel refuses the
 * scope nowhere (255) for a route ("Invalid scope") */
static bool
scope_parse(const char *s, uint8_t *v)
{
	static const struct {
		const char *name;
		uint8_t scope;
	} names[] = {
		{ "global", UT_SCOPE_UNIVERSE }, { "universe", UT_SCOPE_UNIVERSE },
		{ "site", UT_SCOPE_SITE }, { "link", UT_SCOPE_LINK },
		{ "host", UT_SCOPE_HOST }, { "nowhere", UT_SCOPE_NOWHERE },
	};
	unsigned long x;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0) {
			*v = names[i].scope;
			return true;
		}
	if (!parse_uint(s, 0, 0, 255, &x))
		return false;
	*v = (uint8_t)x;
	return true;
}

/* route_labels: proto and scope. Without scope iproute2 gives a route
 * with a gateway, and any route of another type, scope universe; one
 * with a device only scope link (route_nexthop). */
static int
route_labels(const struct ut_host_line *ln, const struct kv *kv,
	     struct ut_route *r, struct ut_err *err)
{
	if (kv->val[R_PROTO] && !ut_rt_proto_parse(kv->val[R_PROTO], &r->proto))
		return ut_host_line_err(err, ln, "bad proto '%s' (a name of "
				"rt_protos or 0-255)", kv->val[R_PROTO]);
	if (!kv->val[R_SCOPE])
		return 0;
	if (!scope_parse(kv->val[R_SCOPE], &r->scope))
		return ut_host_line_err(err, ln, "bad scope '%s' (global, site, "
				"link, host or 0-254)", kv->val[R_SCOPE]);
	if (r->scope == UT_SCOPE_NOWHERE)
		return ut_host_line_err(err, ln, "scope '%s': invalid scope for a "
				"route", kv->val[R_SCOPE]);
	return 0;
}

/* fib_check_nh_v4_gw's lookup of a gateway at scope link: in the
 * route's own table first (unless main), then a full lookup (through the
 * rules, as the host's own flow) */
static int
gw_lookup(const struct ut_host *h, const struct ut_route *r,
	  const struct ut_iface *dev, const struct ut_route **res)
{
	/* the route's scope + 1, at least link */
	struct ut_flow fl = {
		.daddr = r->gw, .iif = 1, .oif = dev ? dev->index : 0,
		.scope = r->scope + 1 > UT_SCOPE_LINK ? (uint8_t)(r->scope + 1) :
			 UT_SCOPE_LINK,
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
		if (!kv->val[R_SCOPE])
			r->scope = UT_SCOPE_LINK;
		/* fib_create_info: a host-scope route's next hop is
		 * "nowhere" and its device is not checked (fib_check_nh) */
		if (r->scope == UT_SCOPE_HOST) {
			r->nh_scope = UT_SCOPE_NOWHERE;
			return 0;
		}
		r->nh_scope = UT_SCOPE_HOST;
		if (!dev->up)
			return ut_host_line_err(err, ln, "device %s for the next "
					"hop is not up", dev->name);
		return 0;
	}
	if (!parse_ip(kv->val[R_VIA], &r->gw))
		return ut_host_line_err(err, ln, "bad gateway '%s'", kv->val[R_VIA]);
	if (r->scope == UT_SCOPE_HOST)
		return ut_host_line_err(err, ln, "a route with host scope can not "
				"have a gateway");
	if (gw_lookup(h, r, dev, &res) != 0 ||
	    (res->type != UT_RTN_UNICAST && res->type != UT_RTN_LOCAL))
		return ut_host_line_err(err, ln, "gateway %s is not on a network "
				"connected to %s", kv->val[R_VIA],
				dev ? dev->name : "any device");
	r->dev = res->dev;
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
 *   [tos T] [mtu N] [table N|NAME] [proto P] [scope S] */
static int
line_route(struct ut_host *h, const struct ut_host_line *ln, struct ut_err *err)
{
	static const char *const names[] = { "via", "dev", "src", "metric",
		"priority", "preference", "tos", "dsfield", "mtu", "table",
		"proto", "protocol", "scope", NULL };
	static const int slot[] = { R_VIA, R_DEV, R_SRC, R_METRIC, R_METRIC,
		R_METRIC, R_TOS, R_TOS, R_MTU, R_TABLE, R_PROTO, R_PROTO,
		R_SCOPE };
	struct kv kv = { names, slot, { NULL } };
	/* iproute2's `ip route add` says proto boot unless told */
	struct ut_route r = { .table = UT_RT_TABLE_MAIN, .type = UT_RTN_UNICAST,
			      .proto = 3 };
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
				"[mtu N] [table N|NAME] [proto P] [scope S]");
	if (strcmp(ln->tok[at], "default") != 0 &&
	    !parse_prefix(ln->tok[at], &r.dst, &r.plen, &host_bits))
		return ut_host_line_err(err, ln, "bad prefix '%s'", ln->tok[at]);
	if (host_bits)
		return ut_host_line_err(err, ln, "prefix '%s' has bits set past its "
				"length", ln->tok[at]);
	if (kv_parse(ln, at + 1, &kv, err) || route_numbers(ln, &kv, &r, err) ||
	    route_labels(ln, &kv, &r, err))
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

/* the `nud` states a neigh line may give (iproute2's nud_strtostate);
 * delay, probe and incomplete are the state machine's own */
static const struct {
	const char *name;
	enum ut_nud nud;
} nud_names[] = {
	{ "permanent", UT_NUD_PERMANENT }, { "noarp", UT_NUD_NOARP },
	{ "reachable", UT_NUD_REACHABLE }, { "stale", UT_NUD_STALE },
	{ "failed", UT_NUD_FAILED },
};

static int
neigh_nud(const struct ut_host_line *ln, const char *s, enum ut_nud *nud,
	  struct ut_err *err)
{
	for (size_t i = 0; i < sizeof(nud_names) / sizeof(nud_names[0]); i++)
		if (strcmp(s, nud_names[i].name) == 0) {
			*nud = nud_names[i].nud;
			return 0;
		}
	return ut_host_line_err(err, ln, "nud '%s' is not modelled (permanent, "
			"noarp, reachable, stale or failed)", s);
}

/* neigh add IP lladdr MAC dev NAME [nud STATE] */
static int
line_neigh(struct ut_host *h, const struct ut_host_line *ln, struct ut_err *err)
{
	static const char *const names[] = { "lladdr", "dev", "nud", NULL };
	static const int slot[] = { 0, 1, 2 };
	struct kv kv = { names, slot, { NULL } };
	struct ut_neigh n = { .nud = UT_NUD_PERMANENT };
	struct ut_neigh *v;
	struct ut_iface *dev;

	if (ln->n < 3)
		return ut_host_line_err(err, ln, "usage: neigh add IP lladdr MAC dev "
				"NAME [nud STATE]");
	if (!parse_ip(ln->tok[2], &n.ip))
		return ut_host_line_err(err, ln, "bad address '%s'", ln->tok[2]);
	if (kv_parse(ln, 3, &kv, err))
		return -1;
	if (kv.val[2] && neigh_nud(ln, kv.val[2], &n.nud, err))
		return -1;
	if (!kv.val[1])
		return ut_host_line_err(err, ln, "neigh %s: 'dev NAME' is required",
				ln->tok[2]);
	/* the kernel wants an address for any state but failed (measured:
	 * "No link layer address given"); a failed entry forgets it */
	if (!kv.val[0] && n.nud != UT_NUD_FAILED)
		return ut_host_line_err(err, ln, "neigh %s: 'lladdr MAC' is "
				"required (but for nud failed)", ln->tok[2]);
	if (kv.val[0] && !parse_mac(kv.val[0], n.mac))
		return ut_host_line_err(err, ln, "bad MAC address '%s'", kv.val[0]);
	if (n.nud == UT_NUD_FAILED)
		memset(n.mac, 0, sizeof(n.mac));
	n.has_mac = n.nud != UT_NUD_FAILED;
	dev = dev_arg(h, ln, kv.val[1], err);
	if (!dev)
		return -1;
	n.dev = dev;
	for (size_t i = 0; i < h->n_neighs; i++)
		if (h->neighs[i].ip == n.ip && h->neighs[i].dev == dev)
			return ut_host_line_err(err, ln, "neighbour %s on %s exists "
					"already", ln->tok[2], dev->name);
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

/* ---- the syncookie secret ------------------------------------------------- */

/* `syncookie secret HEX`: the 32 bytes of the kernel's syncookie_secret
 * (two SipHash keys of 16 bytes: the first for the cookie's time-less
 * hash, the second for the timed one), 64 hex digits, each key's two
 * 64-bit words in the order the kernel stores them (little-endian bytes
 * as written). A live kernel draws them at boot and never shows them. */
static int
line_syncookie(struct ut_host *h, const struct ut_host_line *ln,
	       struct ut_err *err)
{
	const char *hex = ln->n == 3 ? ln->tok[2] : "";
	uint8_t bytes[32];

	if (ln->n != 3 || strcmp(ln->tok[1], "secret") != 0 ||
	    strlen(hex) != 64)
		return ut_host_line_err(err, ln, "expected 'syncookie secret "
					"HEX' (64 hex digits)");
	for (size_t i = 0; i < 32; i++) {
		unsigned v;

		if (!isxdigit((unsigned char)hex[2 * i]) ||
		    !isxdigit((unsigned char)hex[2 * i + 1]) ||
		    sscanf(hex + 2 * i, "%2x", &v) != 1)
			return ut_host_line_err(err, ln, "syncookie secret: "
						"'%c%c' is not a hex byte",
						hex[2 * i], hex[2 * i + 1]);
		bytes[i] = (uint8_t)v;
	}
	for (size_t k = 0; k < 4; k++) {
		uint64_t w = 0;

		for (size_t b = 0; b < 8; b++)
			w |= (uint64_t)bytes[8 * k + b] << (8 * b);
		h->syncookie_secret[k / 2][k % 2] = w;
	}
	h->has_syncookie_secret = true;
	return 0;
}

/* ---- the file ----------------------------------------------------------- */

static const struct {
	const char *word;
	int (*fn)(struct ut_host *, const struct ut_host_line *,
		  struct ut_err *);
	bool add; /* `WORD add ...` */
} line_kinds[] = {
	{ "link", line_link, false },
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
	{ "syncookie", line_syncookie, false },
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

/* the objects of `ip` in the order iproute2 tries them (ip.c): a prefix
 * stands for the first one it begins; those that are no HOST line have
 * no word */
static const struct {
	const char *object, *word;
} ip_objects[] = {
	{ "address", "addr" }, { "addrlabel", NULL }, { "maddress", NULL },
	{ "route", "route" }, { "rule", "rule" }, { "neighbor", "neigh" },
	{ "neighbour", "neigh" }, { "ntable", NULL }, { "ntbl", NULL },
	{ "link", "link" },
};

/* ip_options: `ip`'s options before the object (tok[*at] on): only
 * the IPv4 family, as the model has nothing else */
static int
ip_options(const struct ut_host_line *ln, int *at, struct ut_err *err)
{
	for (; *at < ln->n && ln->tok[*at][0] == '-'; (*at)++) {
		const char *o = ln->tok[*at], *fam = NULL;

		if (strcmp(o, "-4") == 0)
			continue;
		if ((strcmp(o, "-f") == 0 || strcmp(o, "-family") == 0) &&
		    *at + 1 < ln->n)
			fam = ln->tok[++*at];
		if (fam && strcmp(fam, "inet") == 0)
			continue;
		if (strcmp(o, "-6") == 0 || (fam && strcmp(fam, "inet6") == 0))
			return ut_host_line_err(err, ln, "IPv6 is not modelled "
					"(the engine is IPv4): drop the line");
		return ut_host_line_err(err, ln, "ip option '%s' is not taken "
				"in a HOST file (only -4)", fam ? fam : o);
	}
	return 0;
}

/* ip_line: a line that starts with `ip` as the HOST line it stands for
 * (`ip -4 a add ...` is `addr add ...`): tok[0] and tok[1] become the
 * HOST words, the rest moves up */
static int
ip_line(struct ut_host_line *ln, struct ut_err *err)
{
	const char *word = NULL, *verb;
	int at = 1;
	size_t k;

	if (ip_options(ln, &at, err))
		return -1;
	if (at >= ln->n)
		return ut_host_line_err(err, ln, "'ip' needs an object (addr, "
				"route, rule, neigh or link)");
	for (k = 0; k < sizeof(ip_objects) / sizeof(ip_objects[0]); k++)
		if (ut_host_matches(ln->tok[at], ip_objects[k].object)) {
			word = ip_objects[k].word;
			break;
		}
	if (!word)
		return ut_host_line_err(err, ln, "'ip %s' is not a HOST line (addr, "
				"route, rule, neigh or link)", ln->tok[at]);
	verb = at + 1 < ln->n ? ln->tok[at + 1] : "";
	if (ut_host_matches(verb, "add"))
		verb = "add";
	else if (strcmp(word, "link") == 0 && (ut_host_matches(verb, "set") ||
					       ut_host_matches(verb, "change")))
		verb = "set";
	else
		return ut_host_line_err(err, ln, "'ip %s %s' does not describe a "
				"host: only add lines (and link set)", ln->tok[at],
				verb);
	snprintf(ln->word, sizeof(ln->word), "%s", word);
	snprintf(ln->verb, sizeof(ln->verb), "%s", verb);
	ln->tok[0] = ln->word;
	ln->tok[1] = ln->verb;
	memmove(&ln->tok[2], &ln->tok[at + 2],
		(size_t)(ln->n - at - 2) * sizeof(ln->tok[0]));
	ln->n -= at;
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
	if (strcmp(ln.tok[0], "ip") == 0 && (ret = ip_line(&ln, err)) != 0)
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
		       "route, rule, neigh, sysctl, nfacct, module, recent, "
		       "rt_table, cpu, osf, syncookie, stack or listen, or ip ...)",
		       ln.tok[0]);
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
