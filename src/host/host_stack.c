/* host_stack.c: the HOST lines of the host's own stack: `stack on|off`
 * and `listen tcp|udp [ADDR:]PORT [transparent] [mark M] [backlog N]`,
 * the sockets
 * that stack has open (what engine/stack.c answers with and what -m
 * socket and TPROXY look up). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "host/host_int.h"

int
ut_host_line_stack(struct ut_host *h, const struct ut_host_line *ln,
		   struct ut_err *err)
{
	if (ln->n != 2 || (strcmp(ln->tok[1], "on") != 0 &&
			   strcmp(ln->tok[1], "off") != 0))
		return ut_host_line_err(err, ln, "expected 'stack on' or "
					"'stack off'");
	h->stack_on = strcmp(ln->tok[1], "on") == 0;
	return 0;
}

/* listen_port: a port 1..65535, decimal */
static bool
listen_port(const char *s, uint16_t *port)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v == 0 || v > 65535)
		return false;
	*port = (uint16_t)v;
	return true;
}

/* listen_where: [ADDR:]PORT */
static bool
listen_where(const char *s, uint32_t *addr, uint16_t *port)
{
	const char *colon = strrchr(s, ':');
	char a[INET_ADDRSTRLEN];
	size_t n;

	*addr = 0;
	if (!colon)
		return listen_port(s, port);
	n = (size_t)(colon - s);
	if (n == 0 || n >= sizeof(a))
		return false;
	memcpy(a, s, n);
	a[n] = '\0';
	return inet_pton(AF_INET, a, addr) == 1 && listen_port(colon + 1, port);
}

/* two sockets that bind() would refuse (EADDRINUSE without
 * SO_REUSEADDR/SO_REUSEPORT): same protocol and port, and the same
 * address or either one the wildcard */
static const struct ut_listen *
listen_clash(const struct ut_host *h, const struct ut_listen *l)
{
	for (size_t i = 0; i < h->n_listens; i++) {
		const struct ut_listen *o = &h->listens[i];

		if (o->proto == l->proto && o->port == l->port &&
		    (o->addr == l->addr || !o->addr || !l->addr))
			return o;
	}
	return NULL;
}

int
ut_host_line_listen(struct ut_host *h, const struct ut_host_line *ln,
		    struct ut_err *err)
{
	struct ut_listen l = { .line = ln->no, .backlog = 128 };
	const struct ut_listen *clash;
	struct ut_listen *grown;
	int i = 3;

	if (ln->n < 3 || (strcmp(ln->tok[1], "tcp") != 0 &&
			  strcmp(ln->tok[1], "udp") != 0))
		return ut_host_line_err(err, ln, "expected 'listen tcp|udp "
					"[ADDR:]PORT [transparent] [mark M] "
					"[backlog N]'");
	l.proto = ln->tok[1][0] == 't' ? 6 : 17;
	if (!listen_where(ln->tok[2], &l.addr, &l.port))
		return ut_host_line_err(err, ln, "'%s': expected [ADDR:]PORT "
					"(an IPv4 address, a port 1-65535)",
					ln->tok[2]);
	if (l.addr && ut_ipv4_is_multicast(l.addr))
		return ut_host_line_err(err, ln, "'%s': a multicast address "
					"(group sockets are not modelled)",
					ln->tok[2]);
	while (i < ln->n) {
		char *end;

		if (strcmp(ln->tok[i], "transparent") == 0) {
			l.transparent = true;
			i++;
		} else if (strcmp(ln->tok[i], "mark") == 0 && i + 1 < ln->n) {
			unsigned long v;

			errno = 0;
			v = strtoul(ln->tok[i + 1], &end, 0);
			if (errno || *end || ln->tok[i + 1][0] == '-' ||
			    v > 0xffffffffu)
				return ut_host_line_err(err, ln, "'mark %s': "
							"expected a number "
							"(0 to 0xffffffff)",
							ln->tok[i + 1]);
			l.mark = (uint32_t)v;
			i += 2;
		} else if (strcmp(ln->tok[i], "backlog") == 0 &&
			   i + 1 < ln->n && l.proto == 6) {
			unsigned long v;

			errno = 0;
			v = strtoul(ln->tok[i + 1], &end, 10);
			if (errno || *end || ln->tok[i + 1][0] == '-' ||
			    v > 65535)
				return ut_host_line_err(err, ln, "'backlog %s': "
							"expected a number (0 "
							"to 65535)",
							ln->tok[i + 1]);
			l.backlog = (unsigned)v;
			i += 2;
		} else {
			return ut_host_line_err(err, ln, "'%s': expected "
						"'transparent', 'mark M' or "
						"(tcp) 'backlog N'",
						ln->tok[i]);
		}
	}
	clash = listen_clash(h, &l);
	if (clash)
		return ut_host_line_err(err, ln, "the %s port %u is already "
					"bound by line %u (bind: address "
					"already in use)",
					l.proto == 6 ? "TCP" : "UDP", l.port,
					clash->line);
	grown = realloc(h->listens, (h->n_listens + 1) * sizeof(*grown));
	if (!grown)
		return ut_host_oom_err(err, ln);
	h->listens = grown;
	h->listens[h->n_listens++] = l;
	return 0;
}

int
ut_host_stack_check(const struct ut_host *h, const char *fname,
		    struct ut_err *err)
{
	if (h->n_listens && !h->stack_on) {
		struct ut_host_line ln = { .fname = fname,
					   .no = h->listens[0].line };

		return ut_host_line_err(err, &ln, "a 'listen' line needs "
					"'stack on' (without the host's stack "
					"no socket answers)");
	}
	return 0;
}
