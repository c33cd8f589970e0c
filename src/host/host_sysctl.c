/* host_sysctl.c: `sysctl KEY=VALUE` lines of a HOST file: the values the
 * path reads, with the kernel's side effects (ip_forward, conf.all and
 * conf.default propagation), all stored for later readers. */
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

/* ---- sysctl ------------------------------------------------------------ */

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
#define NF(key, field, lo, hi) \
	{ "net.netfilter.nf_conntrack_" key, \
	  offsetof(struct ut_host, nf.field), lo, hi, false }
/* timeouts: proc_dointvec_jiffies (seconds that fit in jiffies) */
#define NF_T(key, field) NF(key, field, 0, INT_MAX / 1000)
	NF("max", max, INT_MIN, INT_MAX),
	NF("buckets", buckets, 1, INT_MAX),
	NF("expect_max", expect_max, 1, INT_MAX),
	NF("checksum", checksum, 0, 1),
	NF("log_invalid", log_invalid, 0, 255),
	NF("acct", acct, 0, 1),
	NF("timestamp", timestamp, 0, 1),
	NF("events", events, 0, 2),
	NF("tcp_loose", tcp_loose, 0, 1),
	NF("tcp_be_liberal", tcp_be_liberal, 0, 1),
	NF("tcp_ignore_invalid_rst", tcp_ignore_invalid_rst, 0, 1),
	NF("tcp_max_retrans", tcp_max_retrans, 0, 255),
	NF_T("tcp_timeout_syn_sent", tcp_timeout[1]),
	NF_T("tcp_timeout_syn_recv", tcp_timeout[2]),
	NF_T("tcp_timeout_established", tcp_timeout[3]),
	NF_T("tcp_timeout_fin_wait", tcp_timeout[4]),
	NF_T("tcp_timeout_close_wait", tcp_timeout[5]),
	NF_T("tcp_timeout_last_ack", tcp_timeout[6]),
	NF_T("tcp_timeout_time_wait", tcp_timeout[7]),
	NF_T("tcp_timeout_close", tcp_timeout[8]),
	NF_T("tcp_timeout_max_retrans", tcp_timeout[12]),
	NF_T("tcp_timeout_unacknowledged", tcp_timeout[13]),
	NF_T("udp_timeout", udp_timeout),
	NF_T("udp_timeout_stream", udp_timeout_stream),
	NF_T("icmp_timeout", icmp_timeout),
	NF_T("generic_timeout", generic_timeout),
	NF_T("gre_timeout", gre_timeout),
	NF_T("gre_timeout_stream", gre_timeout_stream),
	NF_T("sctp_timeout_closed", sctp_timeout[1]),
	NF_T("sctp_timeout_cookie_wait", sctp_timeout[2]),
	NF_T("sctp_timeout_cookie_echoed", sctp_timeout[3]),
	NF_T("sctp_timeout_established", sctp_timeout[4]),
	NF_T("sctp_timeout_shutdown_sent", sctp_timeout[5]),
	NF_T("sctp_timeout_shutdown_recd", sctp_timeout[6]),
	NF_T("sctp_timeout_shutdown_ack_sent", sctp_timeout[7]),
	NF_T("sctp_timeout_heartbeat_sent", sctp_timeout[8]),
#undef NF_T
#undef NF
};

/* a new network namespace's net.netfilter.nf_conntrack_* on Linux 6.18
 * (tcp: SYN_SENT2 shares syn_sent's value; sctp states by index) */
const struct ut_nf_sysctl ut_nf_sysctl_default = {
	.max = 262144,
	.buckets = 262144,
	.expect_max = 4096,
	.checksum = 1,
	.events = 2,
	.tcp_loose = 1,
	.tcp_max_retrans = 3,
	.tcp_timeout = { 0, 120, 60, 432000, 120, 60, 30, 120, 10, 120,
			 0, 0, 300, 300 },
	.udp_timeout = 30,
	.udp_timeout_stream = 120,
	.icmp_timeout = 30,
	.generic_timeout = 600,
	.gre_timeout = 30,
	.gre_timeout_stream = 180,
	.sctp_timeout = { 0, 10, 3, 3, 210, 3, 3, 3, 30, 0 },
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
sysctl_conf(struct ut_host *h, const struct ut_host_line *ln, const char *key,
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
		return ut_host_line_err(err, ln, "bad sysctl key '%s'", key);
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
			return ut_host_line_err(err, ln, "unknown device '%s' in '%s'",
					name, key);
	}
	for (opt = 0; opt < ut_n_conf_opts; opt++)
		if (strcmp(ut_conf_opts[opt].name, dot + 1) == 0)
			break;
	if (opt == ut_n_conf_opts)
		return 0;
	if (!parse_int(val, INT_MIN, INT_MAX, &v))
		return ut_host_line_err(err, ln, "sysctl %s: bad value '%s'", key, val);
	conf_write(h, dev, dflt, opt, (int)v);
	return 0;
}

/* sysctl_apply: what writing key=val changes in the host model */
static int
sysctl_apply(struct ut_host *h, const struct ut_host_line *ln, const char *key,
	     const char *val, struct ut_err *err)
{
	long v;

	if (strncmp(key, "net.ipv4.conf.", strlen("net.ipv4.conf.")) == 0)
		return sysctl_conf(h, ln, key, val, err);
	if (strcmp(key, "net.ipv4.ipfrag_time") == 0) {
		/* proc_dointvec_jiffies: seconds whose jiffies fit an int,
		 * either sign */
		long lim = INT_MAX / (long)h->hz;

		if (!parse_int(val, -lim, lim, &v))
			return ut_host_line_err(err, ln, "sysctl %s: bad value "
					"'%s' (%ld-%ld)", key, val, -lim, lim);
		h->ipfrag_time = (int)v;
		return 0;
	}
	/* proc_doulongvec_minmax: low within [0, high], high at least low
	 * (the kernel keeps them ordered) */
	if (strcmp(key, "net.ipv4.ipfrag_high_thresh") == 0 ||
	    strcmp(key, "net.ipv4.ipfrag_low_thresh") == 0) {
		bool high = key[strlen("net.ipv4.ipfrag_")] == 'h';
		long lo = high ? h->ipfrag_low_thresh : 0;
		long hi = high ? LONG_MAX : h->ipfrag_high_thresh;

		if (!parse_int(val, lo, hi, &v))
			return ut_host_line_err(err, ln, "sysctl %s: bad value "
					"'%s' (%ld-%ld)", key, val, lo, hi);
		*(high ? &h->ipfrag_high_thresh : &h->ipfrag_low_thresh) = v;
		return 0;
	}
	if (strcmp(key, "net.ipv4.ip_forward") == 0) {
		if (!parse_int(val, INT_MIN, INT_MAX, &v))
			return ut_host_line_err(err, ln, "sysctl %s: bad value '%s'",
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
			return ut_host_line_err(err, ln, "sysctl %s: bad value '%s' "
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

static int
key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* linux_has_key: does Linux have the key (in a network namespace)?
 * Per-device keys are looked up with `*` for the device: its existence
 * is checked where the device matters. */
static bool
linux_has_key(const char *key)
{
	static const char *const per_dev[] = {
		"net.ipv4.conf.", "net.ipv6.conf.", "net.ipv4.neigh.",
		"net.ipv6.neigh.",
	};
	char norm[256];
	const char *k = key;

	for (size_t i = 0; i < sizeof(per_dev) / sizeof(per_dev[0]); i++) {
		size_t n = strlen(per_dev[i]);
		const char *opt = strrchr(key, '.');

		if (strncmp(key, per_dev[i], n) != 0 || opt < key + n + 1)
			continue;
		snprintf(norm, sizeof(norm), "%s*%s", per_dev[i], opt);
		k = norm;
		break;
	}
	return bsearch(&k, ut_sysctl_keys, ut_n_sysctl_keys,
		       sizeof(ut_sysctl_keys[0]), key_cmp) != NULL;
}

/* sysctl -w's words for a key Linux does not have: its /proc/sys path
 * (dots as slashes, a slash in a device name as a dot) */
static int
unknown_key(const struct ut_host_line *ln, const char *key, struct ut_err *err)
{
	char path[256];
	size_t i;

	for (i = 0; key[i] && i + 1 < sizeof(path); i++)
		path[i] = key[i] == '.' ? '/' : key[i] == '/' ? '.' : key[i];
	path[i] = '\0';
	return ut_host_line_err(err, ln, "sysctl: cannot stat /proc/sys/%s: "
				"No such file or directory", path);
}

/* sysctl [-w] KEY=VALUE (blanks around '=' allowed, as in sysctl.conf;
 * the value is kept as written, e.g. "32768 60999") */
int
ut_host_line_sysctl(struct ut_host *h, const struct ut_host_line *ln,
		    struct ut_err *err)
{
	char *text = strdup(ln->rest), *t, *eq, *key, *val;
	int ret = -1;

	if (!text)
		return ut_host_oom_err(err, ln);
	t = trim(text);
	if (strncmp(t, "-w", 2) == 0 && isspace((unsigned char)t[2]))
		t = trim(t + 2);
	eq = strchr(t, '=');
	if (!eq) {
		ut_host_line_err(err, ln, "usage: sysctl KEY=VALUE");
		goto out;
	}
	*eq = '\0';
	key = trim(t);
	val = trim(eq + 1);
	if (!*key || strpbrk(key, " \t")) {
		ut_host_line_err(err, ln, "bad sysctl key '%s'", key);
		goto out;
	}
	/* kernel.hz: the model's clock rate (CONFIG_HZ), not a sysctl */
	if (strcmp(key, "kernel.hz") != 0 && !linux_has_key(key)) {
		unknown_key(ln, key, err);
		goto out;
	}
	if (sysctl_apply(h, ln, key, val, err))
		goto out;
	ret = sysctl_store(h, key, val) ? ut_host_oom_err(err, ln) : 0;
out:
	free(text);
	return ret;
}
