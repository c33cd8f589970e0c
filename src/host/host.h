/* host.h: the described host (interfaces, addresses, routes, neighbours,
 * sysctls) and the kernel's routing decisions on it.
 *
 * A host is read from a HOST file in iproute2/sysctl syntax (see
 * ARCHITECTURE.md "utables run"): link / addr / route / neigh / sysctl
 * lines. Like a fresh network namespace it always has `lo` (index 1,
 * 127.0.0.1/8, up); links get indexes 2, 3, ... in file order. Addresses
 * add the routes iproute2 adds (local table: local + broadcast routes;
 * main table: the connected prefix). Lookups follow fib_lookup: local
 * table first, then main, longest prefix, then lowest metric, then the
 * first added. (Precisely, as Linux without policy rules: local and main
 * are one trie, so the longest prefix of either wins and local comes
 * first at equal prefixes; see ut_fib_lookup. host.c and route.c say
 * which kernel functions each part reproduces.)
 */
#ifndef UT_HOST_HOST_H
#define UT_HOST_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules/ruleset.h"
#include "utables/utables.h"

/* route types (RTN_* values of linux/rtnetlink.h: -m addrtype uses them) */
enum ut_rtn {
	UT_RTN_UNSPEC = 0,
	UT_RTN_UNICAST = 1,
	UT_RTN_LOCAL = 2,
	UT_RTN_BROADCAST = 3,
	UT_RTN_ANYCAST = 4,
	UT_RTN_MULTICAST = 5,
	UT_RTN_BLACKHOLE = 6,
	UT_RTN_UNREACHABLE = 7,
	UT_RTN_PROHIBIT = 8,
	UT_RTN_THROW = 9,
	UT_RTN_NAT = 10,
	UT_RTN_XRESOLVE = 11,
};

/* route and address scopes (RT_SCOPE_* of linux/rtnetlink.h) */
enum ut_scope {
	UT_SCOPE_UNIVERSE = 0,
	UT_SCOPE_SITE = 200,
	UT_SCOPE_LINK = 253,
	UT_SCOPE_HOST = 254,
	UT_SCOPE_NOWHERE = 255,
};

struct ut_ifaddr {
	uint32_t addr;      /* network order */
	uint32_t mask;      /* network order */
	uint8_t plen;
	uint32_t bcast;     /* network order (addr | ~mask for plen < 31) */
	/* added: the fields below are kept by host.c */
	bool bcast_set;     /* `broadcast B` given (ifa_broadcast != 0) */
	bool secondary;     /* IFA_F_SECONDARY: same subnet as an earlier one */
	uint8_t scope;      /* enum ut_scope: host for 127/8, else universe */
	unsigned seq;       /* order added over the whole host */
};

/* Per-interface IPv4 settings (net.ipv4.conf.NAME.*). The effective value
 * of each is computed as the kernel does (IN_DEV_CONF / ORCONF / MAXCONF
 * with `all`) by ut_iface_conf_*(). */
struct ut_ifconf {
	int forwarding;
	int rp_filter;
	int accept_source_route;
	int send_redirects;
	int accept_local;
	int route_localnet;
	int log_martians;
	int arp_ignore;
	int shared_media;   /* (added) redirects: IN_DEV_SHARED_MEDIA (1) */
	int src_valid_mark; /* (added) the mark in reverse-path lookups */
};

struct ut_iface {
	char name[UT_IFNAMSIZ];
	int index;          /* lo = 1, then 2, 3, ... */
	uint8_t mac[6];
	uint32_t mtu;
	uint32_t group;     /* devgroup */
	bool loopback;
	struct ut_ifaddr *addrs;  /* in the order added (primary first) */
	size_t n_addrs;
	struct ut_ifconf conf;
	/* (added) devinet's cnf.state: bit i set when option i of conf was
	 * written for this device, so conf.default no longer overrides it */
	uint32_t conf_set;
	/* (added) IFF_UP: `link set NAME down` clears it (links are up when
	 * added, lo always); a down device receives nothing and no route
	 * uses it (the kernel removed them: host.c) */
	bool up;
	/* (added) an 802.1Q sub-interface (`link add NAME link PARENT type
	 * vlan id N`): tagged frames with vlan_id arriving on vlan_parent
	 * arrive here untagged; frames sent here leave vlan_parent tagged */
	const struct ut_iface *vlan_parent;
	uint16_t vlan_id;
};

struct ut_route {
	uint32_t table;     /* 255 local, 254 main, 253 default, any other */
	enum ut_rtn type;
	uint32_t dst;       /* network order, masked */
	uint8_t plen;
	uint32_t gw;        /* 0: directly connected */
	const struct ut_iface *dev; /* NULL for unreachable/blackhole/prohibit */
	uint32_t prefsrc;   /* 0: choose */
	uint32_t metric;
	uint8_t tos;
	uint32_t mtu;       /* 0: the device's */
	unsigned seq;       /* order added */
	/* added: */
	uint8_t scope;      /* enum ut_scope of the route (fib_scope) */
	uint8_t nh_scope;   /* of the next hop: link for a gateway on a
			     * connected network, host for a direct route */
	bool kernel;        /* added by the kernel from an address
			     * (proto kernel), not by a route line */
	uint8_t proto;      /* RTPROT_*: a label (boot 3 unless `proto`
			     * says; kernel 2 for the address routes) */
};

/* neighbour states a HOST line may give (NUD_* of linux/neighbour.h) */
enum ut_nud {
	UT_NUD_INCOMPLETE = 0x01,
	UT_NUD_REACHABLE = 0x02,
	UT_NUD_STALE = 0x04,
	UT_NUD_DELAY = 0x08,
	UT_NUD_PROBE = 0x10,
	UT_NUD_FAILED = 0x20,
	UT_NUD_NOARP = 0x40,
	UT_NUD_PERMANENT = 0x80,
};

/* a route's place in the lookup order: its destination test beside the
 * index into ut_host.routes (most routes fail that test; the loop over
 * these stays in a few cache lines) */
struct ut_route_walk {
	uint32_t dst;       /* network order, as ut_route.dst */
	uint32_t mask;      /* of its plen, network order */
	uint32_t idx;
};

struct ut_neigh {
	uint32_t ip;        /* network order */
	uint8_t mac[6];     /* zero for a FAILED entry without lladdr */
	const struct ut_iface *dev;
	enum ut_nud nud;    /* PERMANENT unless `nud` says; only PERMANENT
			     * and NOARP entries are static (ut_neigh_lookup),
			     * the engine's state machine starts from the
			     * others (src/engine/neigh.c) */
	bool has_mac;       /* lladdr given */
};

/* rule actions (FR_ACT_* of linux/fib_rules.h) */
enum ut_rule_action {
	UT_FR_TO_TBL = 1,
	UT_FR_GOTO = 2,
	UT_FR_NOP = 3,
	UT_FR_BLACKHOLE = 6,
	UT_FR_UNREACHABLE = 7,
	UT_FR_PROHIBIT = 8,
};

/* A policy routing rule (`rule add`: struct fib_rule + fib4_rule). */
struct ut_fib_rule {
	uint32_t pref;
	enum ut_rule_action action;
	bool invert;               /* `not` */
	uint32_t table;            /* UT_FR_TO_TBL (stored for the others) */
	uint32_t target;           /* UT_FR_GOTO: the pref to go to */
	uint32_t src, dst;         /* network order, as given (not masked) */
	uint8_t src_len, dst_len;
	uint8_t tos;
	uint32_t mark, mask;       /* mask 0: any mark */
	char iif[UT_IFNAMSIZ];     /* "" any; a name no link has: no match */
	char oif[UT_IFNAMSIZ];
	int suppress_prefixlen;    /* -1: none */
	int suppress_ifgroup;      /* -1: none */
	uint8_t proto;             /* a label (RTPROT_*), 0 unless given */
	bool dflt;                 /* one of the three the kernel starts with */
};

struct ut_sysctl {
	char *key;          /* e.g. "net.ipv4.ip_forward" */
	char *value;
};

/* net.netfilter.nf_conntrack_* (defaults of Linux 6.18; timeouts in
 * seconds). Read by connection tracking (src/conntrack). */
struct ut_nf_sysctl {
	int max;                 /* nf_conntrack_max (262144) */
	int buckets;             /* nf_conntrack_buckets (262144) */
	int expect_max;          /* (4096) */
	int checksum;            /* (1) */
	int log_invalid;         /* protocol number, 255 all, 0 none (0) */
	int acct;                /* (0) */
	int timestamp;           /* (0) */
	int events;              /* (2) */
	int tcp_loose;           /* (1) */
	int tcp_be_liberal;      /* (0) */
	int tcp_ignore_invalid_rst; /* (0) */
	int tcp_max_retrans;     /* (3) */
	int tcp_timeout[14];     /* by enum ut_tcp_state: SYN_SENT .. and
				  * RETRANS (max_retrans), UNACK */
	int udp_timeout, udp_timeout_stream;      /* (30, 120) */
	int icmp_timeout;        /* (30) */
	int generic_timeout;     /* (600) */
	int gre_timeout, gre_timeout_stream;      /* (30, 180) */
	int sctp_timeout[10];    /* by SCTP state: CLOSED .. HEARTBEAT_SENT */
};

/* the module parameters of xt_recent (`module xt_recent K=V ...`), the
 * kernel's defaults unless given */
struct ut_recent_params {
	unsigned ip_list_tot;       /* entries per list (100) */
	unsigned ip_pkt_list_tot;   /* stamps per entry, 0: from --hitcount */
	unsigned ip_list_hash_size; /* as given; the kernel replaces it with
				     * 1 << fls(ip_list_tot) */
};

/* one write to /proc/net/xt_recent/TABLE (`recent TABLE CMD`), applied
 * by the engine at the start of a run */
struct ut_host_recent_cmd {
	char *table;
	char *cmd;          /* "+A.B.C.D", "-A.B.C.D" or "/" */
	char *where;        /* "HOST:LINE", for messages */
};

/* a socket of the host's own stack: `listen tcp|udp [ADDR:]PORT
 * [transparent] [mark M]` (host_stack.c) */
struct ut_listen {
	uint8_t proto;      /* 6 (a TCP listener) or 17 (a bound UDP socket) */
	uint32_t addr;      /* bound address, network order; 0: any */
	uint16_t port;      /* host order */
	bool transparent;   /* IP_TRANSPARENT (TPROXY, -m socket) */
	uint32_t mark;      /* SO_MARK (--restore-skmark) */
	unsigned backlog;   /* listen(2)'s (128), below net.core.somaxconn */
	unsigned line;      /* its HOST line, for messages */
};

struct ut_host {
	struct ut_iface **ifaces; /* ifaces[0] is lo */
	size_t n_ifaces;
	struct ut_route *routes;
	size_t n_routes;
	/* the routes in the order a table lookup meets them
	 * (ut_route_before): the first one that fits is the answer */
	struct ut_route_walk *route_walk;
	struct ut_neigh *neighs;
	size_t n_neighs;
	/* policy rules in the kernel's list order (by pref, equal prefs in
	 * the order added); the three default rules first of all */
	struct ut_fib_rule *fib_rules;
	size_t n_fib_rules;
	/* `rt_table ID NAME` lines: the names /etc/iproute2/rt_tables gives
	 * tables, for `table NAME` and `lookup NAME` (owned) */
	struct ut_rt_table_alias {
		uint32_t id;
		char *name;
	} *table_names;
	size_t n_table_names;
	/* net->ipv4.fib_has_custom_rules: a `rule add` line was read. Until
	 * then lookups use the local and main tables as one trie, then the
	 * default table, as Linux does; after it, the rules. */
	bool custom_rules;
	struct ut_sysctl *sysctls; /* every sysctl line, last value wins */
	size_t n_sysctls;
	/* the sysctls the packet path reads (defaults as in a new netns) */
	int ip_forward;            /* net.ipv4.ip_forward (0) */
	unsigned hz;               /* kernel.hz (250) */
	int ip_default_ttl;        /* net.ipv4.ip_default_ttl (64) */
	int icmp_ratelimit;        /* net.ipv4.icmp_ratelimit, ms (1000) */
	uint32_t icmp_ratemask;    /* net.ipv4.icmp_ratemask (6168) */
	int icmp_echo_ignore_all;  /* (0) */
	int icmp_echo_ignore_broadcasts; /* (1) */
	int icmp_msgs_per_sec;     /* (1000) */
	int icmp_msgs_burst;       /* (50) */
	int ip_no_pmtu_disc;       /* (0) */
	int ipfrag_time;           /* net.ipv4.ipfrag_time, seconds (30) */
	/* net.ipv4.ipfrag_high_thresh (4 MiB): above it fragments are
	 * refused; ipfrag_low_thresh (3 MiB) only bounds it (the kernel
	 * no longer evicts down to it) */
	long ipfrag_high_thresh, ipfrag_low_thresh;
	struct ut_ifconf conf_all, conf_default;
	struct ut_nf_sysctl nf;
	/* the CPU that handles every packet (`cpu N`, default 0): the
	 * receiving CPU's softirq, the sender's for the host's own packets;
	 * what `-m cpu` compares with (smp_processor_id) */
	unsigned cpu;
	/* the fingerprints `osf load FILE` lines loaded (nfnetlink_osf's
	 * nf_osf_fingers), in two lists by the DF bit, in load order */
	struct ut_osf_finger *osf[2];
	size_t n_osf[2];
	/* extended accounting objects (`nfacct add NAME` lines), in the
	 * order they were added, as `nfacct list` shows them */
	char **nfacct;
	size_t n_nfacct;
	/* xt_recent's module parameters and the writes to its /proc files
	 * (`module xt_recent ...`, `recent NAME CMD`: host_module.c) */
	struct ut_recent_params recent;
	struct ut_host_recent_cmd *recent_cmds;
	size_t n_recent_cmds;
	/* the TCP syncookie keys (the kernel's syncookie_secret: two
	 * SipHash keys, drawn at boot) from `syncookie secret HEX`; without
	 * the line the engine derives them from its seed (has_ = false) */
	bool has_syncookie_secret;
	uint64_t syncookie_secret[2][2];
	/* `stack on`: the host's TCP/UDP/ICMP answer what reaches them
	 * (engine/stack.c); off, delivered packets go nowhere, as before.
	 * The sockets of `listen` lines, in their order. */
	bool stack_on;
	struct ut_listen *listens;
	size_t n_listens;
};

/* A passive OS fingerprint as nfnl_osf hands it to the kernel (struct
 * nf_osf_user_finger): the kernel compares the whole struct to refuse a
 * duplicate, so it is kept zero-filled beyond the strings. */
#define UT_OSF_GENRELEN 32   /* MAXGENRELEN */
#define UT_OSF_MAXOPTS 40    /* MAX_IPOPTLEN */
enum ut_osf_wc {             /* how a window (or option value) compares */
	UT_OSF_WSS_PLAIN = 0,    /* equal (0: any) */
	UT_OSF_WSS_MSS,          /* a multiple of the MSS ("S") */
	UT_OSF_WSS_MTU,          /* a multiple of the MSS + 40 ("T") */
	UT_OSF_WSS_MODULO,       /* a multiple of val ("%") */
};
struct ut_osf_wc_val {
	uint32_t wc, val;
};
struct ut_osf_opt {
	uint16_t kind, length;   /* TCP option kind, length in bytes */
	struct ut_osf_wc_val wc; /* parsed, never compared by the kernel */
};
struct ut_osf_finger {
	struct ut_osf_wc_val wss; /* the SYN's window */
	uint8_t ttl, df;
	uint16_t ss;              /* the SYN's IP total length */
	char genre[UT_OSF_GENRELEN], version[UT_OSF_GENRELEN],
	     subtype[UT_OSF_GENRELEN];
	uint16_t opt_num;
	struct ut_osf_opt opt[UT_OSF_MAXOPTS];
};

/* the defaults of a new network namespace (host_sysctl.c) */
extern const struct ut_nf_sysctl ut_nf_sysctl_default;

/* ut_host_new: a host with only `lo`; NULL on allocation failure. */
struct ut_host *ut_host_new(void);
void ut_host_free(struct ut_host *h);
/* ut_host_parse: apply the lines of a HOST file (text, named fname in
 * messages). 0, or -1 with err = "FNAME:LINE: what is wrong" (status 2). */
int ut_host_parse(struct ut_host *h, const char *text, const char *fname,
		  struct ut_err *err);
/* ut_host_export: the running system (this network namespace) in HOST
 * syntax; what it leaves out is a comment in out and a warning line in
 * warn. 0, or -1 with err set. */
int ut_host_export(struct ut_buf *out, struct ut_buf *warn,
		   struct ut_err *err);
/* ut_host_recent_cmd_parse: a write to /proc/net/xt_recent/NAME as
 * recent_mt_proc_write reads it: *op is '+', '-' or '/', *addr the
 * address (network order). 0, or a negative errno with *why set to the
 * kernel's message (IPv6 addresses: refused, the engine is IPv4). */
int ut_host_recent_cmd_parse(const char *cmd, char *op, uint32_t *addr,
			     const char **why);
/* ut_host_sysctl: the last value given for key, NULL if none. */
const char *ut_host_sysctl(const struct ut_host *h, const char *key);

const struct ut_iface *ut_host_iface(const struct ut_host *h,
				     const char *name);
const struct ut_iface *ut_host_iface_by_index(const struct ut_host *h,
					      int index);
/* effective per-interface settings, combining `all` as the kernel does */
int ut_iface_forwarding(const struct ut_host *h, const struct ut_iface *i);
int ut_iface_rp_filter(const struct ut_host *h, const struct ut_iface *i);
int ut_iface_accept_source_route(const struct ut_host *h,
				 const struct ut_iface *i);
int ut_iface_send_redirects(const struct ut_host *h,
			    const struct ut_iface *i);
int ut_iface_accept_local(const struct ut_host *h, const struct ut_iface *i);
int ut_iface_route_localnet(const struct ut_host *h,
			    const struct ut_iface *i);

/* which of ip_route_input_slow's martian messages a drop prints */
enum ut_martian {
	UT_MARTIAN_NONE,
	UT_MARTIAN_SOURCE,       /* "martian source D from S, on dev X" */
	UT_MARTIAN_DESTINATION,  /* "martian destination D from S, dev X" */
};

/* The result of a routing decision (the parts of a dst/rtable the path
 * needs). */
struct ut_rt {
	enum ut_rtn type;   /* LOCAL, BROADCAST, UNICAST, MULTICAST,
			     * UNREACHABLE, BLACKHOLE, PROHIBIT */
	int error;          /* for UNREACHABLE...: ENETUNREACH, EHOSTUNREACH,
			     * EACCES (prohibit), EINVAL (blackhole) */
	const struct ut_iface *dev; /* output device (lo for local) */
	uint32_t nexthop;   /* gateway, or the destination (network order) */
	bool has_gw;        /* nexthop is a gateway (rt_uses_gateway) */
	uint32_t src;       /* source address the host would use */
	uint32_t mtu;
	/* ip_route_input: the packet should get an ICMP redirect (forwarded
	 * out of the interface it came in on to a host on that link) */
	bool redirect;
	const struct ut_route *route; /* the matched route, NULL if none */
	/* added: the table the result came from (what `ip route get` prints
	 * as `table`: main when local and main are merged), 0 if none */
	uint32_t table;
	/* a UT_DROP_MARTIAN or UT_DROP_RPFILTER result: what the kernel
	 * logs of it when log_martians is on (a multicast's nothing) */
	enum ut_martian martian;
};

/* ut_route_input: ip_route_input_noref for a packet that arrived on in.
 * Returns UT_DROP_NONE with *rt filled (an unreachable rt is a result too,
 * the path then runs ip_error), or the drop reason (UT_DROP_MARTIAN,
 * UT_DROP_RPFILTER, UT_DROP_NOT_FORWARDED for a multicast group the host
 * is not in: it is in 224.0.0.1 only). Addresses in network order. rt->src
 * is fib_compute_spec_dst (the address replies come from). mark is the
 * packet's (skb->mark): policy rules match on it. */
int ut_route_input(const struct ut_host *h, uint32_t daddr, uint32_t saddr,
		   uint8_t tos, const struct ut_iface *in, uint32_t mark,
		   struct ut_rt *rt);
/* ut_route_output: ip_route_output_key for a locally generated packet
 * (saddr 0: choose one; oif NULL: any). 0 or a negative errno:
 * -ENETUNREACH (no route, or a saddr that is not ours: measured), -EINVAL
 * (multicast/broadcast/loopback saddr, blackhole), -EHOSTUNREACH
 * (unreachable route), -EACCES (prohibit); rt->type/error say it too. */
int ut_route_output(const struct ut_host *h, uint32_t daddr, uint32_t saddr,
		    uint8_t tos, const struct ut_iface *oif, uint32_t mark,
		    struct ut_rt *rt);
/* ut_route_me_harder: ip_route_me_harder's lookup for a packet already
 * on its way out (re-routing after mangle OUTPUT or NAT, the host's own
 * RSTs and ICMP errors): saddr, if it is a local or unicast address (as
 * seen from dev, the packet's current output device; NULL: any), stays
 * in the flow with FLOWI_FLAG_ANYSRC (it need not be the host's: rules
 * match on it, and rt->src is it), else the route chooses one. The
 * results are ut_route_output's. */
int ut_route_me_harder(const struct ut_host *h, uint32_t daddr,
		       uint32_t saddr, uint8_t tos, const struct ut_iface *dev,
		       uint32_t mark, struct ut_rt *rt);
/* ut_host_addr_type: inet_addr_type_dev_table: the RTN_* type of addr as
 * seen from dev (NULL: any device), for -m addrtype. */
enum ut_rtn ut_host_addr_type(const struct ut_host *h, uint32_t addr,
			      const struct ut_iface *dev);
/* ut_host_select_addr: inet_select_addr(dev, dst, scope universe): the
 * source address the host uses towards dst on dev. Scope link gives the
 * same on any HOST file host except for 127/8 addresses under
 * route_localnet; ut_host_select_addr_scope takes the scope. */
uint32_t ut_host_select_addr(const struct ut_host *h,
			     const struct ut_iface *dev, uint32_t dst);
/* ut_host_mc_joined: dev is in the multicast group (network order):
 * every IPv4 device is in 224.0.0.1 (ip_mc_up) and, with no sockets
 * offline, in no other group */
bool ut_host_mc_joined(const struct ut_host *h, const struct ut_iface *dev,
		       uint32_t group);
/* ut_neigh_lookup: the static (PERMANENT or NOARP) neighbour entry for
 * ip on dev (NULL: any device), NULL if there is none. */
const struct ut_neigh *ut_neigh_lookup(const struct ut_host *h, uint32_t ip,
				       const struct ut_iface *dev);

/* ---- added by host.c/route.c (not in the first contract) ---------- */

/* A routing flow (struct flowi4: what fib_lookup and the rules see). */
struct ut_flow {
	uint32_t daddr, saddr;     /* network order; saddr 0: none */
	uint8_t tos;               /* the TOS byte (rules and routes use
				    * tos & 0x1c) */
	uint8_t scope;             /* enum ut_scope */
	int iif;                   /* ifindex: the input device; 1 (lo) for
				    * the host's own packets */
	int oif;                   /* ifindex of a forced output device, 0 */
	uint32_t mark;
};

/* The result of ut_fib_lookup_flow. */
struct ut_fib_res {
	const struct ut_route *route; /* NULL for a rule's error or none */
	uint32_t table;            /* the table searched (0: none) */
	const struct ut_fib_rule *rule;   /* the rule that answered, NULL without
				       * custom rules */
};

/* ut_fib_lookup_flow: fib_lookup. Without custom rules: the local and
 * main tables as one trie (longest prefix, then local before main, then
 * higher route tos first, lowest metric, first added), then the default
 * table if it has routes. With rules: fib_rules_lookup over h->fib_rules
 * (iif, oif, fwmark/mask, from, to, tos, not; goto, nop; unreachable
 * -ENETUNREACH, prohibit -EACCES, blackhole -EINVAL; suppress_prefixlength
 * and suppress_ifgroup), each table searched alone. A route matches when
 * its tos is 0 or equals tos & 0x1c, its scope >= scope, and (for a route
 * with a device) its device is oif when oif is given. Returns 0 with res
 * set, -ENETUNREACH when nothing matches, or the error of an unreachable
 * (-EHOSTUNREACH), blackhole (-EINVAL) or prohibit (-EACCES) route or of
 * a rule, res set to what answered. */
int ut_fib_lookup_flow(const struct ut_host *h, const struct ut_flow *fl,
		       struct ut_fib_res *res);
/* ut_fib_lookup: ut_fib_lookup_flow for a flow of the host's own (iif lo,
 * no source, no mark), *res the route. */
int ut_fib_lookup(const struct ut_host *h, uint32_t daddr, uint8_t tos,
		  const struct ut_iface *oif, uint8_t scope,
		  const struct ut_route **res);
/* ut_fib_table_lookup: fib_table_lookup in one table (local and main are
 * one trie until the first rule). 0, -EAGAIN (no route, or a throw route)
 * or a route's error; *res the route or NULL. */
int ut_fib_table_lookup(const struct ut_host *h, uint32_t table,
			const struct ut_flow *fl, const struct ut_route **res);
/* ut_fib_rule_show: one line of `ip rule show` (no newline) */
void ut_fib_rule_show(const struct ut_host *h, const struct ut_fib_rule *r,
		      struct ut_buf *out);
/* ut_fib_rule_line: the HOST line that adds r (`rule add pref N ...`, no
 * newline) */
void ut_fib_rule_line(const struct ut_fib_rule *r, struct ut_buf *out);
/* ut_rt_proto_name: a route or rule protocol as `ip route|rule show`
 * prints it (the names Debian's rt_protos file gives, else the number) */
const char *ut_rt_proto_name(uint8_t proto, char buf[4]);
/* ut_rt_table_name: the name iproute2 prints for a table (rt_tables:
 * local, main, default, unspec, and the host's `rt_table` lines; h may
 * be NULL), else the number in buf */
const char *ut_rt_table_name(const struct ut_host *h, uint32_t table,
			     char buf[11]);
/* ut_host_select_addr_scope: inet_select_addr with an explicit scope
 * (enum ut_scope). ut_host_select_addr is this with scope universe. */
uint32_t ut_host_select_addr_scope(const struct ut_host *h,
				   const struct ut_iface *dev, uint32_t dst,
				   uint8_t scope);
/* more effective per-interface settings */
int ut_iface_log_martians(const struct ut_host *h, const struct ut_iface *i);
int ut_iface_arp_ignore(const struct ut_host *h, const struct ut_iface *i);
int ut_iface_shared_media(const struct ut_host *h, const struct ut_iface *i);
int ut_iface_src_valid_mark(const struct ut_host *h,
			    const struct ut_iface *i);

#endif
