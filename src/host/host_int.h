/* host_int.h: what host.c (the model, parsing) shares with host_export.c
 * (the running system in HOST syntax): the net.ipv4.conf options the
 * model knows. */
#ifndef UT_HOST_HOST_INT_H
#define UT_HOST_HOST_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <arpa/inet.h>

#include "host/host.h"

/* how the kernel combines a device's value with conf.all's */
enum ut_conf_rule {
	UT_CONF_DEV,   /* IN_DEV_CONF_GET: the device's own */
	UT_CONF_AND,   /* IN_DEV_ANDCONF */
	UT_CONF_OR,    /* IN_DEV_ORCONF */
	UT_CONF_MAX,   /* IN_DEV_MAXCONF */
};

struct ut_conf_opt {
	const char *name;
	size_t off;
	enum ut_conf_rule rule;
};
/* the sysctl keys of a new network namespace, sorted (sysctl_keys.c,
 * generated: per-device keys with `*` for the device) */
extern const char *const ut_sysctl_keys[];
extern const size_t ut_n_sysctl_keys;
extern const struct ut_conf_opt ut_conf_opts[];
extern const size_t ut_n_conf_opts;
/* a new namespace's conf.default */
extern const struct ut_ifconf ut_conf_default_init;
#define UT_CONF_FORWARDING 0 /* index of forwarding in ut_conf_opts */

static inline int *
ut_conf_ptr(struct ut_ifconf *c, size_t opt)
{
	return (int *)((char *)c + ut_conf_opts[opt].off);
}

static inline int
ut_conf_get(const struct ut_ifconf *c, size_t opt)
{
	return *(const int *)((const char *)c + ut_conf_opts[opt].off);
}

/* ut_route_before: a comes before b in a table's (or the merged trie's)
 * walk: longest prefix, local before main, tos, metric, then the order
 * added (route.c) */
bool ut_route_before(const struct ut_route *a, const struct ut_route *b);

/* ---- shared by host.c (the model), host_file.c (HOST lines) and
 * host_sysctl.c (sysctl lines) ---- */

#define UT_HOST_MAX_TOKENS 32
#define UT_RT_TABLE_DEFAULT 253
#define UT_RT_TABLE_MAIN 254
#define UT_RT_TABLE_LOCAL 255

/* one HOST line, split into words */
struct ut_host_line {
	const char *fname;
	unsigned no;
	char *tok[UT_HOST_MAX_TOKENS];
	int n;
	const char *rest; /* sysctl: the text after the command word */
	/* a line copied from a shell (`ip -4 addr add ...`): the HOST words
	 * its object and command stand for, tok[0] and tok[1] point here */
	char word[8], verb[8];
};

/* ut_host_line_err: "FILE:LINE: message", status 2; returns -1 */
int ut_host_line_err(struct ut_err *err, const struct ut_host_line *ln,
		     const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int ut_host_oom_err(struct ut_err *err, const struct ut_host_line *ln);
/* ut_host_line_sysctl: `sysctl [-w] KEY=VALUE` */
int ut_host_line_sysctl(struct ut_host *h, const struct ut_host_line *ln,
			struct ut_err *err);

/* `module NAME K=V ...` and `recent TABLE CMD` (host_module.c) */
int ut_host_line_module(struct ut_host *h, const struct ut_host_line *ln,
			struct ut_err *err);
int ut_host_line_recent(struct ut_host *h, const struct ut_host_line *ln,
			struct ut_err *err);

/* model operations the lines use (host.c) */
struct ut_iface *ut_host_iface_alloc(struct ut_host *h, const char *name);
int ut_host_route_append(struct ut_host *h, const struct ut_route *r);
/* ut_host_rule_insert: r into the rule list where fib_newrule puts it
 * (after every rule of lower or equal pref) */
int ut_host_rule_insert(struct ut_host *h, const struct ut_fib_rule *r);
/* iproute2's matches(): arg is a non-empty prefix of word */
bool ut_host_matches(const char *arg, const char *word);
/* rtnl_rtprot_a2n: a name of rt_protos or a number 0-255 */
bool ut_rt_proto_parse(const char *s, uint8_t *v);
/* host_rule.c: `rule add ...` */
int ut_host_line_rule(struct ut_host *h, const struct ut_host_line *ln,
		      struct ut_err *err);
/* iproute2's rtnl_rttable_a2n: a table name of rt_tables (the reserved
 * ones and the host's `rt_table` lines) or a number */
bool ut_rt_table_parse(const struct ut_host *h, const char *s, uint32_t *id);
/* host_rule.c: `rt_table ID NAME` */
int ut_host_line_rt_table(struct ut_host *h, const struct ut_host_line *ln,
			  struct ut_err *err);
int ut_host_addr_add(struct ut_host *h, struct ut_iface *dev,
		     struct ut_ifaddr a);
/* ut_host_link_updown: `link set DEV up|down` as the kernel applies it
 * (host.c). 0, -ENETDOWN (a VLAN whose parent is down), -ENOMEM. */
int ut_host_link_updown(struct ut_host *h, struct ut_iface *dev, bool up);
/* ut_host_link_mtu: `link set DEV mtu N` (its VLANs follow it down) */
void ut_host_link_mtu(struct ut_host *h, struct ut_iface *dev, uint32_t mtu);

/* address classes (include/linux/in.h), network order */
static inline uint32_t
ut_plen_mask(unsigned plen)
{
	return plen ? htonl(0xffffffffu << (32 - plen)) : 0;
}

static inline bool
ut_ipv4_is_loopback(uint32_t a)
{
	return (ntohl(a) & 0xff000000u) == 0x7f000000u;
}

static inline bool
ut_ipv4_is_multicast(uint32_t a)
{
	return (ntohl(a) & 0xf0000000u) == 0xe0000000u;
}

/* `stack on|off` and `listen tcp|udp [ADDR:]PORT ...` (host_stack.c) */
int ut_host_line_stack(struct ut_host *h, const struct ut_host_line *ln,
		       struct ut_err *err);
int ut_host_line_listen(struct ut_host *h, const struct ut_host_line *ln,
			struct ut_err *err);
/* ut_host_stack_check: after the last line: listen lines need `stack
 * on` (else they would be silently ignored) */
int ut_host_stack_check(const struct ut_host *h, const char *fname,
			struct ut_err *err);

/* ut_host_line_osf: `osf load FILE` (host_osf.c) */
int ut_host_line_osf(struct ut_host *h, const struct ut_host_line *ln,
		     struct ut_err *err);

#endif
