/* xt_osf.c: the osf match (passive OS fingerprinting: --genre, --ttl,
 * --log); reproduces iptables 1.8.9 extensions/libxt_osf.c and the
 * registration of Linux net/netfilter/xt_osf.c. */
#include <stddef.h>
#include <string.h>

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
};
