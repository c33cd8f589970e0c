/* hostmask.c: "host[/mask]" and "prefix length or mask" arguments of
 * NETMAP, policy and HMARK. Unlike the option core's UT_OPT_PLEN
 * (inet_aton), the mask goes through getaddrinfo, which refuses text
 * after the address. */
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include "ext/hostmask.h"

int
ut_plenmask_parse(struct ut_opt_call *call, const char *arg, uint32_t *mask)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_flags = AI_NUMERICHOST }, *res;
	uint64_t plen;
	uint32_t m;

	if (ut_parse_uint(arg, 0, 32, &plen) == 0) {
		*mask = plen ? htonl(UINT32_MAX << (32 - plen)) : 0;
		return 0;
	}
	if (getaddrinfo(arg, NULL, &hints, &res) != 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"%s: bad value for option \"--%s\", neither a valid "
			"network mask nor valid CIDR (%u-%u).\n",
			call->ext_name, call->opt->name, 0, 32);
	m = ((struct sockaddr_in *)res->ai_addr)->sin_addr.s_addr;
	freeaddrinfo(res);
	*mask = ut_mask_to_plen(m) < 0 ? UINT32_MAX : m;
	return 0;
}

int
ut_hostmask_parse(struct ut_opt_call *call, uint32_t *addr, uint32_t *mask)
{
	char *host = strdup(call->arg), *slash;
	int ret;

	if (!host)
		return ut_err_set(call->err, UT_OTHER_PROBLEM, "strdup: %s",
				  strerror(ENOMEM));
	slash = strchr(host, '/');
	if (slash)
		*slash++ = '\0';
	*mask = UINT32_MAX;
	ret = ut_opt_host(host, addr, call->err);
	if (ret == 0 && slash)
		ret = ut_plenmask_parse(call, slash, mask);
	free(host);
	return ret;
}
