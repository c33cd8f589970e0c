/* addr.c: address, port, protocol and string helpers with the parsing
 * rules and printed forms of libxtables (iptables 1.8.9). */
#include <ctype.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "rules/addr.h"

int
ut_parse_port(const char *s, const char *proto_name, uint16_t *port)
{
	uint64_t v;
	struct servent *se;

	if (ut_parse_uint(s, 0, UINT16_MAX, &v) == 0) {
		*port = (uint16_t)v;
		return 0;
	}
	se = getservbyname(s, proto_name);
	if (!se)
		return -1;
	*port = ntohs((uint16_t)se->s_port);
	return 0;
}

const char *
ut_port_name(uint16_t port, const char *proto_name)
{
	struct servent *se = getservbyport(htons(port), proto_name);

	return se ? se->s_name : NULL;
}

const char *
ut_ipv4_ntoa(uint32_t addr_nbo, char buf[16])
{
	const unsigned char *b = (const unsigned char *)&addr_nbo;
	char *o = buf;

	/* by hand: a rule set's addresses are printed by the ten thousand
	 * (iptables-save, run's counters) */
	for (int i = 0; i < 4; i++) {
		unsigned v = b[i];

		if (v >= 100)
			*o++ = (char)('0' + v / 100);
		if (v >= 10)
			*o++ = (char)('0' + v / 10 % 10);
		*o++ = (char)('0' + v % 10);
		*o++ = i < 3 ? '.' : '\0';
	}
	return buf;
}

const char *
ut_ipv4_anyname(uint32_t addr_nbo, char *buf, size_t len)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_addr.s_addr = addr_nbo };
	struct netent *ne;
	char tmp[16];

	if (getnameinfo((struct sockaddr *)&sa, sizeof(sa), buf,
			(socklen_t)len - 1, NULL, 0, 0) == 0)
		return buf;
	ne = getnetbyaddr(ntohl(addr_nbo), AF_INET);
	snprintf(buf, len, "%s", ne ? ne->n_name : ut_ipv4_ntoa(addr_nbo, tmp));
	return buf;
}

int
ut_mask_to_plen(uint32_t mask_nbo)
{
	uint32_t m = ntohl(mask_nbo), bits = UINT32_MAX;

	for (int i = 32; i >= 0; i--, bits <<= 1) {
		if (bits == m)
			return i;
		if (i == 0)
			break;
	}
	return m == 0 ? 0 : -1;
}

void
ut_ipv4_mask_print(uint32_t mask_nbo, struct ut_buf *out)
{
	int plen = ut_mask_to_plen(mask_nbo);
	char buf[16];

	if (plen < 0)
		ut_buf_printf(out, "/%s", ut_ipv4_ntoa(mask_nbo, buf));
	else if (plen != 32)
		ut_buf_printf(out, "/%d", plen);
}

/* addr_byte: one component as xtables_strtoui(p, NULL, .., 0, 255)
 * reads it (base 0: "0x10", "010"; leading blanks). Plain decimal, the
 * usual case, is read directly. */
static bool
addr_byte(const char *p, size_t len, unsigned char *out)
{
	char buf[32];
	uint64_t v;

	if (len >= 1 && len <= 3 && (len == 1 || p[0] != '0')) {
		unsigned n = 0;
		size_t i;
		for (i = 0; i < len && p[i] >= '0' && p[i] <= '9'; i++)
			n = n * 10 + (unsigned)(p[i] - '0');
		if (i == len) {
			if (n > 255)
				return false;
			*out = (unsigned char)n;
			return true;
		}
	}
	if (len >= sizeof(buf))
		return false;
	memcpy(buf, p, len);
	buf[len] = '\0';
	if (ut_parse_uint(buf, 0, 255, &v) < 0)
		return false;
	*out = (unsigned char)v;
	return true;
}

int
ut_parse_ipv4_addr(const char *s, uint32_t *addr_nbo)
{
	unsigned char b[4] = {0, 0, 0, 0};
	const char *p = s, *q;
	char cut[20];

	/* like libxtables, only the first 19 characters count */
	if (strnlen(s, sizeof(cut)) >= sizeof(cut)) {
		memcpy(cut, s, sizeof(cut) - 1);
		cut[sizeof(cut) - 1] = '\0';
		p = cut;
	}
	for (int i = 0; i < 3; i++) {
		q = strchr(p, '.');
		if (!q) {
			/* "10" or "10.1": a network address, rest zero */
			if (!addr_byte(p, strlen(p), &b[i]))
				return -1;
			memcpy(addr_nbo, b, 4);
			return 0;
		}
		if (!addr_byte(p, (size_t)(q - p), &b[i]))
			return -1;
		p = q + 1;
	}
	if (!addr_byte(p, strlen(p), &b[3]))
		return -1;
	memcpy(addr_nbo, b, 4);
	return 0;
}

/* iptables' own protocol names, consulted before /etc/protocols */
static const struct { const char *name; uint16_t num; } chain_protos[] = {
	{"tcp", 6}, {"sctp", 132}, {"udp", 17}, {"udplite", 136},
	{"icmp", 1}, {"ipv6-icmp", 58}, {"icmpv6", 58}, {"esp", 50},
	{"ah", 51}, {"mobility-header", 135}, {"ipv6-mh", 135}, {"mh", 135},
	{"all", 0},
};
#define N_CHAIN_PROTOS (sizeof(chain_protos) / sizeof(chain_protos[0]))

const char *
ut_proto_name_own(uint16_t proto)
{
	for (size_t i = 0; i < N_CHAIN_PROTOS; i++)
		if (chain_protos[i].num == proto)
			return chain_protos[i].name;
	return NULL;
}

const char *
ut_proto_name(uint16_t proto)
{
	struct protoent *pe;
	const char *own = ut_proto_name_own(proto);

	if (own)
		return own;
	if (proto) {
		pe = getprotobynumber(proto);
		if (pe)
			return pe->p_name;
	}
	return NULL;
}

int
ut_parse_proto(const char *s, uint16_t *proto, struct ut_err *err)
{
	uint64_t v;
	struct protoent *pe;

	if (ut_parse_uint(s, 0, UINT8_MAX, &v) == 0) {
		*proto = (uint16_t)v;
		return 0;
	}
	for (size_t i = 0; i < N_CHAIN_PROTOS; i++)
		if (strcmp(s, chain_protos[i].name) == 0) {
			*proto = chain_protos[i].num;
			return 0;
		}
	pe = getprotobyname(s);
	if (pe) {
		*proto = (uint16_t)pe->p_proto;
		return 0;
	}
	return ut_err_set(err, UT_PARAMETER_PROBLEM,
			  "unknown protocol \"%s\" specified", s);
}

void
ut_save_string(struct ut_buf *out, const char *s)
{
	static const char plain[] = "_-0123456789abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	size_t n = strspn(s, plain);

	if (n > 0 && s[n] == '\0') {
		ut_buf_putc(out, ' ');
		ut_buf_puts(out, s);
		return;
	}
	ut_buf_puts(out, " \"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\' || *s == '\'')
			ut_buf_putc(out, '\\');
		ut_buf_putc(out, *s);
	}
	ut_buf_putc(out, '"');
}

void
ut_print_val_mask(struct ut_buf *out, uint32_t val, uint32_t mask)
{
	if (mask != UINT32_MAX)
		ut_buf_printf(out, " 0x%x/0x%x", val, mask);
	else
		ut_buf_printf(out, " 0x%x", val);
}
