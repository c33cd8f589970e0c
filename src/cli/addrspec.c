/* addrspec.c: the -s/-d arguments of iptables: comma-separated lists of
 * addresses, networks (networks(5)) or host names (every address the
 * resolver gives), each with an optional /plen or /dotted-mask, as
 * libxtables' xtables_ipparse_multiple reads them. */
#include <ctype.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "cli/cli.h"


static int
parse_mask(struct ut_err *err, const char *mask, uint32_t *out)
{
	uint64_t bits;

	if (!mask) {
		*out = UINT32_MAX;
		return 0;
	}
	if (strchr(mask, '.')) {
		uint32_t m;
		/* numeric_to_ipmask: all four bytes are needed */
		int dots = 0;
		for (const char *p = mask; *p; p++)
			dots += *p == '.';
		if (dots == 3 && ut_parse_ipv4_addr(mask, &m) == 0) {
			*out = m;
			return 0;
		}
	}
	if (ut_parse_uint(mask, 0, 32, &bits) < 0)
		return UT_PERR(err, "invalid mask `%s' specified", mask);
	*out = bits ? htonl(UINT32_MAX << (32 - bits)) : 0;
	return 0;
}

/* A list of addresses and masks. The usual single address lives in the
 * command itself (inl: address, mask); more go to the heap. */
struct addr_list {
	uint32_t **a, **m;
	unsigned *n;
	uint32_t *inl;
};

/* grow: room for one more entry in *p (an array of n entries) */
static uint32_t *
addr_grow(uint32_t *p, unsigned n, const uint32_t *inl)
{
	uint32_t *v;

	if (p != inl)
		return realloc(p, (n + 1) * sizeof(*p));
	v = malloc((n + 1) * sizeof(*p));
	if (v)
		v[0] = *p;
	return v;
}

static int
push_addr(struct addr_list *l, uint32_t addr, uint32_t mask)
{
	uint32_t *na, *nm;

	if (*l->n == 0) {
		*l->a = &l->inl[0];
		*l->m = &l->inl[1];
	} else {
		na = addr_grow(*l->a, *l->n, &l->inl[0]);
		if (!na)
			return -1;
		*l->a = na;
		nm = addr_grow(*l->m, *l->n, &l->inl[1]);
		if (!nm)
			return -1;
		*l->m = nm;
	}
	(*l->a)[*l->n] = addr & mask;
	(*l->m)[*l->n] = mask;
	(*l->n)++;
	return 0;
}

/* host_addrs: numeric, network name or host name (all its addresses). */
static int
host_addrs(struct ut_err *err, const char *name, uint32_t mask,
	   struct addr_list *l)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = SOCK_RAW };
	struct addrinfo *res, *p;
	struct netent *ne;
	uint32_t addr;

	if (ut_parse_ipv4_addr(name, &addr) == 0)
		return push_addr(l, addr, mask);
	if ((ne = getnetbyname(name)) != NULL)
		return push_addr(l, htonl(ne->n_net), mask);
	if (getaddrinfo(name, NULL, &hints, &res) != 0)
		return UT_PERR(err, "host/network `%s' not found", name);
	for (p = res; p; p = p->ai_next)
		if (push_addr(l, ((struct sockaddr_in *)
				   p->ai_addr)->sin_addr.s_addr, mask)) {
			freeaddrinfo(res);
			return -1;
		}
	freeaddrinfo(res);
	return 0;
}

static int
parse_addresses(struct ut_err *err, const char *spec,
		struct addr_list *l)
{
	const char *loop = spec;

	for (;;) {
		char buf[256], *slash;
		const char *next;
		size_t len;
		uint32_t mask = 0;
		int ret;

		while (isspace((unsigned char)*loop))
			loop++;
		next = strchr(loop, ',');
		len = next ? (size_t)(next - loop) : strlen(loop);
		if (len > sizeof(buf) - 1)
			return UT_PERR(err, "Hostname too long");
		memcpy(buf, loop, len);
		buf[len] = '\0';
		slash = strrchr(buf, '/');
		if (slash)
			*slash = '\0';
		ret = parse_mask(err, slash ? slash + 1 : NULL, &mask);
		if (ret < 0)
			return ret;
		if (mask == 0)
			strcpy(buf, "0.0.0.0");
		ret = host_addrs(err, buf, mask, l);
		if (ret < 0)
			return ret == -1 ? ut_err_set(err,
				UT_OTHER_PROBLEM, "can't alloc memory!") : ret;
		if (!next)
			return 0;
		loop = next + 1;
	}
}

int
ut_ipt_addresses(struct ipt_cmd *cmd, const char *shost, const char *dhost,
		 struct ut_err *err)
{
	struct addr_list src = { &cmd->saddrs, &cmd->smasks, &cmd->nsaddrs,
				 cmd->inline_addrs };
	struct addr_list dst = { &cmd->daddrs, &cmd->dmasks, &cmd->ndaddrs,
				 cmd->inline_addrs + 2 };
	int ret;

	if (shost && (ret = parse_addresses(err, shost, &src)) < 0)
		return ret;
	if (dhost && (ret = parse_addresses(err, dhost, &dst)) < 0)
		return ret;
	return 0;
}
