/* opt.c: the generic option engine for extensions. Reproduces the checks,
 * argument types and messages of libxtables' xtoptions.c (iptables 1.8.9)
 * so that extensions only add their domain checks. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <arpa/inet.h>

#include "rules/ext.h"

const struct ut_opt *
ut_opt_lookup(const struct ut_ext *ext, const char *name, bool *exact)
{
	const struct ut_opt *o, *found = NULL;
	size_t len = strlen(name);
	int n = 0;

	*exact = false;
	if (!ext->opts)
		return NULL;
	for (o = ext->opts; o->name; o++) {
		if (strcmp(o->name, name) == 0) {
			*exact = true;
			return o;
		}
		if (strncmp(o->name, name, len) == 0) {
			found = o;
			n++;
		}
	}
	return n == 1 ? found : NULL;
}

/* opt_uint_max: the largest value of an integer option type. */
static uint64_t
opt_uint_max(enum ut_opt_type t)
{
	switch (t) {
	case UT_OPT_UINT8:
	case UT_OPT_UINT8RC:
		return UINT8_MAX;
	case UT_OPT_UINT16:
	case UT_OPT_UINT16RC:
		return UINT16_MAX;
	case UT_OPT_UINT32:
	case UT_OPT_UINT32RC:
		return UINT32_MAX;
	default:
		return UINT64_MAX;
	}
}

/* opt_esize: bytes one value of the type occupies when PUT. */
static size_t
opt_esize(enum ut_opt_type t)
{
	switch (t) {
	case UT_OPT_UINT8:
	case UT_OPT_UINT8RC:
	case UT_OPT_SYSLOGLEVEL:
	case UT_OPT_PROTOCOL:
		return 1;
	case UT_OPT_UINT16:
	case UT_OPT_UINT16RC:
	case UT_OPT_PORT:
	case UT_OPT_PORTRC:
		return 2;
	case UT_OPT_UINT32:
	case UT_OPT_UINT32RC:
		return 4;
	default:
		return 8;
	}
}

bool
ut_strtoul(const char *s, char **end, uint64_t *value, uint64_t min,
	   uint64_t max)
{
	const char *p;
	char *my_end;
	uintmax_t v;

	/* strtoumax accepts "-1" and wraps it; xtables refuses it */
	for (p = s; isspace((unsigned char)*p); ++p)
		;
	if (*p == '-')
		return false;
	errno = 0;
	v = strtoumax(s, &my_end, 0);
	if (my_end == s)
		return false;
	if (end)
		*end = my_end;
	if (errno == ERANGE || v < min || (max != 0 && v > max))
		return false;
	if (value)
		*value = v;
	return end ? true : *my_end == '\0';
}

void
ut_strput(char *dst, size_t size, const char *src)
{
	size_t z = strlen(src);

	if (z >= size)
		z = size - 1;
	memcpy(dst, src, z);
	dst[z] = '\0';
}

const char *
ut_opt_take_arg(struct ut_opt_call *c)
{
	const char *next;

	if (!c->argv || !c->optind || *c->optind >= c->argc)
		return NULL;
	next = c->argv[*c->optind];
	if (!next || next[0] == '-' || next[0] == '!')
		return NULL;
	(*c->optind)++;
	return next;
}

int
ut_parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	return ut_strtoul(s, NULL, out, min, max) ? 0 : -1;
}

static void
opt_put(struct ut_opt_call *c, const void *v, size_t n)
{
	if (c->opt->flags & UT_OPTF_PUT)
		memcpy((char *)c->data + c->opt->off, v, n);
}

static int
opt_parse_int(struct ut_opt_call *c)
{
	const struct ut_opt *o = c->opt;
	uint64_t lmin = o->min, lmax = o->max ? o->max : opt_uint_max(o->type);
	uint64_t v;

	if (!ut_strtoul(c->arg, NULL, &v, lmin, lmax))
		return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
			"%s: bad value for option \"--%s\", or out of range "
			"(%" PRIu64 "-%" PRIu64 ").\n", c->ext_name, o->name,
			lmin, lmax);
	switch (o->type) {
	case UT_OPT_UINT8:
		c->val.u8 = (uint8_t)v;
		opt_put(c, &c->val.u8, 1);
		break;
	case UT_OPT_UINT16:
		c->val.u16 = (uint16_t)v;
		opt_put(c, &c->val.u16, 2);
		break;
	case UT_OPT_UINT32:
		c->val.u32 = (uint32_t)v;
		opt_put(c, &c->val.u32, 4);
		break;
	default:
		c->val.u64 = v;
		opt_put(c, &c->val.u64, 8);
		break;
	}
	return 0;
}

/* opt_parse_range: "a:b" with either end optional (xtopt_parse_mint with
 * two components). */
static int
opt_parse_range(struct ut_opt_call *c)
{
	const struct ut_opt *o = c->opt;
	uint64_t lmax = opt_uint_max(o->type), value, vals[2] = {0, 0};
	const char *arg;
	char *end;
	size_t esize = opt_esize(o->type);

	c->nvals = 0;
	for (arg = c->arg, end = (char *)arg;; arg = end + 1) {
		if (c->nvals == 2)
			return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
				"%s: Too many components for option \"--%s\" "
				"(max: %u)\n", c->ext_name, o->name, 2);
		if (*arg == '\0' || *arg == ':') {
			end = (char *)arg;
			value = c->nvals == 1 ? lmax : 0;
		} else {
			if (!ut_strtoul(arg, &end, &value, 0, lmax))
				return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
					"%s: bad value for option \"--%s\" near "
					"\"%s\", or out of range (0-%" PRIu64
					").\n", c->ext_name, o->name, arg, lmax);
			if (*end != '\0' && *end != ':')
				return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
					"%s: Argument to \"--%s\" has unexpected "
					"characters near \"%s\".\n",
					c->ext_name, o->name, end);
		}
		vals[c->nvals++] = value;
		if (*end == '\0')
			break;
	}
	if (o->type == UT_OPT_UINT64RC) {
		c->val.u64range[0] = vals[0];
		c->val.u64range[1] = vals[1];
	} else {
		c->val.u32range[0] = (uint32_t)vals[0];
		c->val.u32range[1] = (uint32_t)vals[1];
	}
	if (c->opt->flags & UT_OPTF_PUT) {
		char *p = (char *)c->data + o->off;
		for (unsigned i = 0; i < c->nvals; i++, p += esize) {
			uint8_t u8 = (uint8_t)vals[i];
			uint16_t u16 = (uint16_t)vals[i];
			uint32_t u32 = (uint32_t)vals[i];
			memcpy(p, esize == 1 ? (void *)&u8 : esize == 2 ?
			       (void *)&u16 : esize == 4 ? (void *)&u32 :
			       (void *)&vals[i], esize);
		}
	}
	return 0;
}

static int
opt_parse_string(struct ut_opt_call *c)
{
	const struct ut_opt *o = c->opt;
	size_t z = strlen(c->arg);

	if (o->min && z < o->min)
		return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
			"Argument must have a minimum length of %u characters\n",
			(unsigned)o->min);
	if (o->max && z > o->max)
		return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
			"Argument must have a maximum length of %u characters\n",
			(unsigned)o->max);
	if (o->flags & UT_OPTF_PUT) {
		char *p = (char *)c->data + o->off;
		memcpy(p, c->arg, z);
		p[z] = '\0';
	}
	return 0;
}

static int
opt_parse_markmask(struct ut_opt_call *c)
{
	uint64_t v;
	char *end;

	c->val.mask = UINT32_MAX;
	if (!ut_strtoul(c->arg, &end, &v, 0, UINT32_MAX))
		goto bad_val;
	c->val.mark = (uint32_t)v;
	if (*end == '/') {
		if (!ut_strtoul(end + 1, &end, &v, 0, UINT32_MAX))
			goto bad_val;
		c->val.mask = (uint32_t)v;
	}
	if (*end != '\0')
		return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
			"%s: trailing garbage after value for option "
			"\"--%s\".\n", c->ext_name, c->opt->name);
	return 0;
bad_val:
	return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
		"%s: bad integer value for option \"--%s\", or out of range.\n",
		c->ext_name, c->opt->name);
}

static int
opt_parse_sysloglevel(struct ut_opt_call *c)
{
	static const struct { const char *name; uint8_t level; } names[] = {
		{"alert", LOG_ALERT}, {"crit", LOG_CRIT}, {"debug", LOG_DEBUG},
		{"emerg", LOG_EMERG}, {"error", LOG_ERR}, {"info", LOG_INFO},
		{"notice", LOG_NOTICE}, {"panic", LOG_EMERG},
		{"warning", LOG_WARNING},
	};
	uint64_t num;

	if (!ut_strtoul(c->arg, NULL, &num, 0, 7)) {
		size_t i;
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strcmp(names[i].name, c->arg) == 0)
				break;
		if (i == sizeof(names) / sizeof(names[0]))
			return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
				"log level \"%s\" unknown\n", c->arg);
		num = names[i].level;
	}
	c->val.u8 = (uint8_t)num;
	opt_put(c, &c->val.u8, 1);
	return 0;
}

/* opt_getportbyname: a number or a service name (any protocol), -1. */
static int
opt_getportbyname(const char *name)
{
	struct addrinfo *res = NULL, *p;
	int ret = -1;
	char *end;
	unsigned long num;

	/* getaddrinfo takes a decimal service as strtoul reads it into an
	 * int: negative means "not a number" (so "-1" is looked up as a
	 * name), otherwise the low 16 bits are the port. Do the same without
	 * its resolver round trip. */
	num = strtoul(name, &end, 10);
	if (end != name && *end == '\0' && (int)num >= 0)
		return (uint16_t)num;

	if (getaddrinfo(NULL, name, NULL, &res) != 0)
		return -1;
	for (p = res; p; p = p->ai_next) {
		if (p->ai_family == AF_INET) {
			ret = ntohs(((struct sockaddr_in *)p->ai_addr)->sin_port);
			break;
		}
		if (p->ai_family == AF_INET6) {
			ret = ntohs(((struct sockaddr_in6 *)
				     p->ai_addr)->sin6_port);
			break;
		}
	}
	freeaddrinfo(res);
	return ret;
}

static int
opt_parse_port(struct ut_opt_call *c)
{
	int v = opt_getportbyname(c->arg);

	if (v < 0)
		return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
			"Port \"%s\" does not resolve to anything.\n", c->arg);
	c->val.u16 = (c->opt->flags & UT_OPTF_NBO) ? htons((uint16_t)v) :
		     (uint16_t)v;
	opt_put(c, &c->val.u16, 2);
	return 0;
}

static int
opt_parse_portrange(struct ut_opt_call *c)
{
	char buf[256];
	char *wp = buf, *arg;

	snprintf(buf, sizeof(buf), "%s", c->arg);
	c->val.port[0] = 0;
	c->val.port[1] = UINT16_MAX;
	c->nvals = 0;
	while ((arg = strsep(&wp, ":")) != NULL) {
		if (c->nvals == 2)
			return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
				"%s: Too many components for option \"--%s\" "
				"(max: %u)\n", c->ext_name, c->opt->name, 2);
		if (*arg != '\0') {
			int v = opt_getportbyname(arg);
			if (v < 0)
				return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
					"Port \"%s\" does not resolve to "
					"anything.\n", arg);
			if (c->opt->flags & UT_OPTF_NBO)
				v = htons((uint16_t)v);
			c->val.port[c->nvals] = (uint16_t)v;
		}
		c->nvals++;
	}
	if (c->nvals == 1) {
		c->val.port[1] = c->val.port[0];
		c->nvals = 2;
	}
	opt_put(c, c->val.port, sizeof(c->val.port));
	return 0;
}

static int
opt_parse_protocol(struct ut_opt_call *c)
{
	uint16_t proto;

	if (ut_parse_proto(c->arg, &proto, c->err) < 0)
		return -UT_PARAMETER_PROBLEM;
	c->val.u8 = (uint8_t)proto;
	opt_put(c, &c->val.u8, 1);
	return 0;
}

int
ut_opt_host(const char *arg, uint32_t *addr, struct ut_err *err)
{
	struct addrinfo hints = { .ai_family = AF_INET };
	struct addrinfo *res, *p;
	bool first = true;
	int ret;

	ret = getaddrinfo(arg, NULL, &hints, &res);
	if (ret != 0)
		return ut_err_set(err, UT_PARAMETER_PROBLEM,
			"getaddrinfo: %s\n", gai_strerror(ret));
	for (p = res; p; p = p->ai_next) {
		uint32_t a = ((struct sockaddr_in *)p->ai_addr)->sin_addr.s_addr;
		if (first) {
			*addr = a;
			first = false;
		} else if (a != *addr) {
			freeaddrinfo(res);
			return ut_err_set(err, UT_PARAMETER_PROBLEM,
				"%s resolves to more than one address\n", arg);
		}
	}
	freeaddrinfo(res);
	return 0;
}

/* opt_parse_host1: one address via getaddrinfo, as xtopt_parse_host. */
static int
opt_parse_host1(struct ut_opt_call *c, const char *arg)
{
	c->val.inetmask = UINT32_MAX;
	return ut_opt_host(arg, &c->val.inet, c->err);
}

/* opt_parse_plen: prefix length or mask into val.inetmask and val.plen
 * (xtopt_parse_plen/plenmask). Like libxtables, a mask is read as an
 * address the way inet_aton reads it ("33" is 0.0.0.33), and a mask that
 * is not a prefix leaves plen 255 and an all-ones mask. */
static int
opt_parse_plen(struct ut_opt_call *c, const char *arg)
{
	uint64_t plen;
	struct in_addr m;
	int p;

	if (ut_strtoul(arg, NULL, &plen, 0, 32)) {
		c->val.inetmask = plen ? htonl(UINT32_MAX << (32 - plen)) : 0;
		c->val.plen = (uint8_t)plen;
		return 0;
	}
	if (inet_aton(arg, &m) != 0) {
		p = ut_mask_to_plen(m.s_addr);
		c->val.plen = p < 0 ? 255 : (uint8_t)p;
		c->val.inetmask = p < 0 ? UINT32_MAX : m.s_addr;
		return 0;
	}
	return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
		"%s: bad value for option \"--%s\", neither a valid network "
		"mask nor valid CIDR (%u-%u).\n", c->ext_name, c->opt->name,
		0, 32);
}

/* opt_parse_hostmask: HOST is one name or address, given whole to the
 * resolver; HOSTMASK splits "host/mask" first. */
static int
opt_parse_hostmask(struct ut_opt_call *c)
{
	char buf[256], *slash;
	int ret;

	snprintf(buf, sizeof(buf), "%s", c->arg);
	slash = c->opt->type == UT_OPT_HOSTMASK ? strchr(buf, '/') : NULL;
	if (slash)
		*slash = '\0';
	ret = opt_parse_host1(c, buf);
	if (ret < 0)
		return ret;
	c->val.plen = 32;
	if (!slash) {
		opt_put(c, &c->val.inet, 4);
		return 0;
	}
	return opt_parse_plen(c, slash + 1);
}

static int
opt_parse_ethermac(struct ut_opt_call *c)
{
	const char *s = c->arg;

	if (strlen(s) != 17)
		goto bad;
	for (int i = 0; i < 6; i++) {
		char *end;
		unsigned long v;
		if (!isxdigit((unsigned char)s[i * 3]))
			goto bad;
		v = strtoul(s + i * 3, &end, 16);
		if (end != s + i * 3 + 2 || v > 255 ||
		    (i < 5 && *end != ':'))
			goto bad;
		c->val.mac[i] = (uint8_t)v;
	}
	opt_put(c, c->val.mac, 6);
	return 0;
bad:
	return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
			  "Invalid MAC address specified.");
}

/* the TOS names of iptables' tos_values.c: parsed here, printed by the
 * tos and TOS extensions through ut_tos_symbol */
static const struct {
	uint8_t value;
	const char *name;
} tos_names[] = {
	{ 0x10, "Minimize-Delay" },
	{ 0x08, "Maximize-Throughput" },
	{ 0x04, "Maximize-Reliability" },
	{ 0x02, "Minimize-Cost" },
	{ 0x00, "Normal-Service" },
};

const char *
ut_tos_symbol(uint8_t value, uint8_t mask)
{
	if (mask != 0x3f)
		return NULL;
	for (size_t i = 0; i < sizeof(tos_names) / sizeof(tos_names[0]); i++)
		if (tos_names[i].value == value)
			return tos_names[i].name;
	return NULL;
}

static int
opt_parse_tosmask(struct ut_opt_call *c)
{
	uint64_t v;
	char *end;

	if (ut_strtoul(c->arg, &end, &v, 0, UINT8_MAX)) {
		c->val.tos = (uint8_t)v;
		c->val.tosmask = UINT8_MAX;
		if (*end == '/') {
			if (!ut_strtoul(end + 1, &end, &v, 0, UINT8_MAX))
				goto illegal;
			c->val.tosmask = (uint8_t)v;
		}
		if (*end != '\0')
			goto illegal;
		return 0;
	}
	c->val.tosmask = (uint8_t)c->opt->max;
	for (size_t i = 0; i < sizeof(tos_names) / sizeof(tos_names[0]); i++)
		if (strcasecmp(c->arg, tos_names[i].name) == 0) {
			c->val.tos = tos_names[i].value;
			return 0;
		}
	return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
			  "Symbolic name \"%s\" is unknown", c->arg);
illegal:
	return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
			  "Illegal value: \"%s\"", c->arg);
}

/* opt_parse_type: the argument parser of the option's type. */
static int
opt_parse_type(struct ut_opt_call *c)
{
	switch (c->opt->type) {
	case UT_OPT_NONE:
		return 0;
	case UT_OPT_STRING:
		return opt_parse_string(c);
	case UT_OPT_UINT8:
	case UT_OPT_UINT16:
	case UT_OPT_UINT32:
	case UT_OPT_UINT64:
		return opt_parse_int(c);
	case UT_OPT_UINT8RC:
	case UT_OPT_UINT16RC:
	case UT_OPT_UINT32RC:
	case UT_OPT_UINT64RC:
		return opt_parse_range(c);
	case UT_OPT_MARKMASK32:
		return opt_parse_markmask(c);
	case UT_OPT_SYSLOGLEVEL:
		return opt_parse_sysloglevel(c);
	case UT_OPT_PORT:
		return opt_parse_port(c);
	case UT_OPT_PORTRC:
		return opt_parse_portrange(c);
	case UT_OPT_PROTOCOL:
		return opt_parse_protocol(c);
	case UT_OPT_HOST:
	case UT_OPT_HOSTMASK:
		return opt_parse_hostmask(c);
	case UT_OPT_PLEN:
		return opt_parse_plen(c, c->arg);
	case UT_OPT_ETHERMAC:
		return opt_parse_ethermac(c);
	case UT_OPT_TOSMASK:
		return opt_parse_tosmask(c);
	}
	return 0;
}

/* opt_by_id: the first option of the table with that id. */
static const struct ut_opt *
opt_by_id(const struct ut_opt *table, unsigned id)
{
	for (; table->name; table++)
		if (table->id == id)
			return table;
	return NULL;
}

int
ut_opt_parse(const struct ut_ext *ext, struct ut_opt_call *c)
{
	/* aliases (--sport/--source-port) share an id; xtables finds the
	 * entry by id, so its messages name the first one */
	const struct ut_opt *o = c->opt = opt_by_id(ext->opts, c->opt->id);
	unsigned eflag = 1u << o->id;
	int ret;

	if ((!(o->flags & UT_OPTF_MULTI) || (o->excl & eflag)) &&
	    (c->xflags & eflag))
		return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
			"%s: option \"--%s\" can only be used once.\n",
			c->ext_name, o->name);
	if (c->invert && !(o->flags & UT_OPTF_INVERT))
		return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
			"%s: option \"--%s\" cannot be inverted.\n",
			c->ext_name, o->name);
	if (o->type != UT_OPT_NONE && c->arg == NULL &&
	    !o->has_optional_arg)
		return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
			"%s: option \"--%s\" requires an argument.\n",
			c->ext_name, o->name);
	/* an optional argument may also be the next word (libxt_rateest) */
	if (o->has_optional_arg && !c->arg)
		c->arg = ut_opt_take_arg(c);
	c->nvals = 1;
	if (c->arg || o->type == UT_OPT_NONE) {
		ret = opt_parse_type(c);
		if (ret < 0)
			return ret;
	}
	c->xflags |= eflag;
	return ext->parse ? ext->parse(c) : 0;
}

int
ut_opt_final(const struct ut_ext *ext, struct ut_fcheck_call *c)
{
	const struct ut_opt *o, *other;
	int ret;

	/* iptables runs the extension's own check first, then the table's */
	if (ext->final_check) {
		ret = ext->final_check(c);
		if (ret < 0)
			return ret;
	}
	if (!ext->opts)
		return 0;
	for (o = ext->opts; o->name; o++) {
		unsigned ef = 1u << o->id;
		if ((o->flags & UT_OPTF_MAND) && !(c->xflags & ef))
			return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
				"%s: option \"--%s\" must be specified\n",
				c->ext_name, o->name);
		/* only the options it needs and lacks, or excludes and has */
		unsigned bad = ((o->also & ~c->xflags) |
				(o->excl & c->xflags)) & ~ef;
		if (!(c->xflags & ef) || !bad)
			continue;
		for (unsigned i = 0; i < 32; i++) {
			unsigned of = 1u << i;
			if (!(bad & of) || !(other = opt_by_id(ext->opts, i)))
				continue;
			if ((o->also & of) && !(c->xflags & of))
				return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
					"%s: option \"--%s\" also requires "
					"\"--%s\".\n", c->ext_name, o->name,
					other->name);
			if ((o->excl & of) && (c->xflags & of))
				return ut_err_set(c->err, UT_PARAMETER_PROBLEM,
					"%s: option \"--%s\" cannot be used "
					"together with \"--%s\".\n",
					c->ext_name, o->name, other->name);
		}
	}
	return 0;
}
