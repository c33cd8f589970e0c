/* xt_osf.c: the osf match (passive OS fingerprinting: --genre, --ttl,
 * --log); reproduces iptables 1.8.9 extensions/libxt_osf.c and the
 * registration of Linux net/netfilter/xt_osf.c. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"

#define OSF_MAXGENRELEN 32 /* MAXGENRELEN */

/* struct xt_osf_info (linux/netfilter/xt_osf.h) */
struct ut_osf_info {
	char genre[OSF_MAXGENRELEN]; /* NUL-terminated */
	uint32_t len;      /* strlen(genre) */
	uint32_t flags;    /* UT_OSF_* */
	uint32_t loglevel; /* 0 all, 1 first, 2 all known */
	uint32_t ttl;      /* 0 true compare, 1 less than, 2 no check */
};

enum {
	UT_OSF_GENRE = 1 << 0,  /* never set by iptables */
	UT_OSF_TTL = 1 << 1,
	UT_OSF_LOG = 1 << 2,
	UT_OSF_INVERT = 1 << 3,
};

enum {
	O_GENRE = 0,
	O_TTL,
	O_LOGLEVEL,
};

static const struct ut_opt osf_opts[] = {
	{ .name = "genre", .id = O_GENRE, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT },
	{ .name = "ttl", .id = O_TTL, .type = UT_OPT_UINT32,
	  .min = 0, .max = 2, .flags = UT_OPTF_PUT,
	  .off = offsetof(struct ut_osf_info, ttl) },
	{ .name = "log", .id = O_LOGLEVEL, .type = UT_OPT_UINT32,
	  .min = 0, .max = 2, .flags = UT_OPTF_PUT,
	  .off = offsetof(struct ut_osf_info, loglevel) },
	UT_OPT_END
};

static int
osf_parse(struct ut_opt_call *call)
{
	struct ut_osf_info *info = call->data;
	size_t n;

	switch (call->opt->id) {
	case O_GENRE:
		/* libxtables' string PUT silently cuts to the field size */
		n = strlen(call->arg);
		if (n >= sizeof(info->genre))
			n = sizeof(info->genre) - 1;
		memcpy(info->genre, call->arg, n);
		info->genre[n] = '\0';
		info->len = (uint32_t)n;
		if (call->invert)
			info->flags |= UT_OSF_INVERT;
		break;
	case O_TTL:
		info->flags |= UT_OSF_TTL;
		break;
	case O_LOGLEVEL:
		info->flags |= UT_OSF_LOG;
		break;
	}
	return 0;
}

static void
osf_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_osf_info *info = pc->data;

	ut_buf_printf(out, " OS fingerprint match %s%.*s",
		      info->flags & UT_OSF_INVERT ? "! " : "",
		      OSF_MAXGENRELEN, info->genre);
}

static void
osf_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_osf_info *info = pc->data;

	/* the genre is printed raw, unquoted, as iptables does */
	if (info->flags & UT_OSF_INVERT)
		ut_buf_puts(out, " !");
	ut_buf_printf(out, " --genre %.*s", OSF_MAXGENRELEN, info->genre);
	if (info->flags & UT_OSF_TTL)
		ut_buf_printf(out, " --ttl %u", info->ttl);
	if (info->flags & UT_OSF_LOG)
		ut_buf_printf(out, " --log %u", info->loglevel);
}

enum {
	OSF_TTL_TRUE = 0,    /* NF_OSF_TTL_TRUE: equal */
	OSF_TTL_LESS = 1,    /* below, or equal from the device's subnet */
	OSF_TTL_NOCHECK = 2,
	OSF_LOGLEVEL_FIRST = 1,
	OSF_SMART_MSS_1 = 1460,  /* modems that lower the MSS */
	OSF_SMART_MSS_2 = 1448,
};

/* What nf_osf_hdr_ctx holds: the SYN's figures and a cursor in its TCP
 * options that a matching fingerprint leaves after its last option (the
 * kernel's, read on by the next fingerprint; bytes past the datagram
 * read as 0 here, whatever the kernel's memory held) */
struct osf_ctx {
	const struct ut_pkt *p;
	bool df;
	uint16_t window, totlen;
	unsigned optsize;        /* bytes of TCP options */
	unsigned opt;            /* the cursor: an offset from the IP header */
};

static uint8_t
osf_byte(const struct osf_ctx *c, unsigned off)
{
	return off < c->p->len ? c->p->ip[off] : 0;
}

/* nf_osf_ttl: the datagram's TTL against the fingerprint's; "less"
 * accepts a larger TTL only from a neighbour on the device's subnets */
static bool
osf_ttl(const struct ut_xt_par *par, uint32_t check, uint8_t f_ttl)
{
	const struct ut_iface *dev = par->in;
	uint8_t ttl = par->pkt->ip[8];
	uint32_t saddr = ut_ip_saddr_nbo(par->pkt);

	if (check == OSF_TTL_TRUE)
		return ttl == f_ttl;
	if (check == OSF_TTL_NOCHECK || ttl <= f_ttl)
		return true;
	for (size_t i = 0; dev && i < dev->n_addrs; i++)
		if (((saddr ^ dev->addrs[i].addr) & dev->addrs[i].mask) == 0)
			return ttl == f_ttl;
	return false;
}

/* osf_window: the SYN's window against the fingerprint's, mss from its
 * MSS option (0 without one) */
static bool
osf_window(const struct ut_osf_wc_val *wss, uint16_t window, uint32_t mss)
{
	switch (wss->wc) {
	case UT_OSF_WSS_PLAIN:
		return wss->val == 0 || window == wss->val;
	case UT_OSF_WSS_MSS:
		return window == wss->val * mss ||
		       window == wss->val * OSF_SMART_MSS_1 ||
		       window == wss->val * OSF_SMART_MSS_2;
	case UT_OSF_WSS_MTU:
		return window == wss->val * (mss + 40) ||
		       window == wss->val * (OSF_SMART_MSS_1 + 40) ||
		       window == wss->val * (OSF_SMART_MSS_2 + 40);
	case UT_OSF_WSS_MODULO:
		return window % wss->val == 0;
	}
	return false;
}

/* nf_osf_match_one: size, TTL, the options' kinds in order (each as long
 * as the fingerprint says), then the window */
static bool
osf_match_one(const struct ut_xt_par *par, const struct ut_osf_finger *f,
	      uint32_t ttl_check, struct osf_ctx *c)
{
	unsigned start = c->opt, foptsize = 0;
	uint32_t mss = 0;
	bool ok = true;

	if (c->totlen != f->ss || !osf_ttl(par, ttl_check, f->ttl))
		return false;
	for (unsigned i = 0; i < f->opt_num; i++)
		foptsize += f->opt[i].length;
	if (foptsize > 40 || c->optsize > 40 || c->optsize != foptsize)
		return false;
	for (unsigned i = 0; ok && i < f->opt_num; i++) {
		if (f->opt[i].kind != osf_byte(c, c->opt)) {
			ok = false;
			break;
		}
		if (f->opt[i].kind == 2)
			mss = (uint32_t)osf_byte(c, c->opt + 2) << 8 |
			      osf_byte(c, c->opt + 3);
		c->opt += f->opt[i].length;
	}
	if (ok && osf_window(&f->wss, c->window, mss))
		return true;
	c->opt = start;
	return false;
}

/* osf_log: nf_log_packet without a loginfo: the logger's defaults
 * (NF_LOG_DEFAULT_MASK: TCP sequence and options, IP options, UID), the
 * text as the prefix (its newline included; cut to NF_LOG_PREFIXLEN) */
static void
osf_log(const struct ut_xt_par *par, char *prefix)
{
	struct ut_buf line;

	if (strlen(prefix) > 127)
		prefix[127] = '\0';
	ut_buf_init(&line);
	ut_nflog_packet(par->eng, par->pkt, par->hook, par->in, par->out,
			UT_LOG_TCPSEQ | UT_LOG_TCPOPT | UT_LOG_IPOPT |
			UT_LOG_UID, prefix, &line);
	if (!line.oom)
		ut_engine_log(par->eng, ut_buf_str(&line), line.len);
	ut_buf_fini(&line);
}

/* nf_osf_match: every fingerprint of the SYN's DF list that matches
 * counts (with --log, whatever its genre: the kernel compares the genre
 * only without --log) and is logged with --log; --log 1 stops at the
 * first. The kernel never looks at the inversion flag: `! --genre`
 * matches as `--genre`. */
static bool
osf_match(struct ut_xt_par *par)
{
	const struct ut_osf_info *info = par->data;
	const struct ut_host *h = ut_engine_host(par->eng);
	const struct ut_pkt *p = par->pkt;
	unsigned th = ut_ip_hlen(p), doff;
	struct osf_ctx c = { .p = p };
	uint32_t ttl_check = info->flags & UT_OSF_TTL ? info->ttl : 0;
	bool log = info->flags & UT_OSF_LOG;
	char prefix[256], src[16], dst[16];
	unsigned count = 0;
	size_t df;

	if (th + 20 > p->len || !(p->ip[th + 13] & 0x02))
		return false;
	doff = (p->ip[th + 12] >> 4) * 4u;
	c.totlen = ut_get16(p->ip + 2);
	c.df = ut_get16(p->ip + 6) & 0x4000;
	c.window = ut_get16(p->ip + th + 14);
	c.opt = th + 20;
	if (doff > 20) {
		/* skb_header_pointer fails on options past the packet */
		if (th + doff > p->len)
			return false;
		c.optsize = doff - 20;
	}
	ut_ipv4_ntoa(ut_ip_saddr_nbo(p), src);
	ut_ipv4_ntoa(ut_ip_daddr_nbo(p), dst);
	df = c.df;
	for (size_t i = 0; i < h->n_osf[df]; i++) {
		const struct ut_osf_finger *f = &h->osf[df][i];

		if (!log && strcmp(info->genre, f->genre) != 0)
			continue;
		if (!osf_match_one(par, f, ttl_check, &c))
			continue;
		count++;
		if (!log)
			continue;
		snprintf(prefix, sizeof(prefix), "%s [%s:%s] : %s:%d -> %s:%d "
			 "hops=%d\n", f->genre, f->version, f->subtype, src,
			 ut_get16(p->ip + th), dst, ut_get16(p->ip + th + 2),
			 f->ttl - p->ip[8]);
		osf_log(par, prefix);
		if (info->loglevel == OSF_LOGLEVEL_FIRST)
			break;
	}
	if (!count && log) {
		snprintf(prefix, sizeof(prefix), "Remote OS is not known: "
			 "%s:%u -> %s:%u\n", src, ut_get16(p->ip + th), dst,
			 ut_get16(p->ip + th + 2));
		osf_log(par, prefix);
	}
	return count != 0;
}

const struct ut_ext ut_ext_osf = {
	.name = "osf",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_osf_info),
	.opts = osf_opts,
	.hooks = UT_HM_PRE | UT_HM_IN | UT_HM_FWD,
	.proto = 6, /* IPPROTO_TCP */
	.parse = osf_parse,
	.print = osf_print,
	.save = osf_save,
	.match = osf_match,
};
