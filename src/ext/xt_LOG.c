/* xt_LOG.c: the LOG target (iptables 1.8.9 extensions/libxt_LOG.c;
 * kernel net/netfilter/xt_LOG.c). */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* xt_LOG.h XT_LOG_* flags beyond engine.h's UT_LOG_* */
enum {
	UT_LOG_NFLOG = 0x10,   /* unsupported, never set by iptables */
	UT_LOG_MASK = 0x2f,
};

#define LOG_DEFAULT_LEVEL 4 /* LOG_WARNING */

/* struct xt_log_info */
struct ut_log_info {
	uint8_t level;
	uint8_t logflags;  /* UT_LOG_* */
	char prefix[30];   /* NUL-terminated */
};

/* ids equal the bit positions of the flags they set */
enum {
	O_LOG_TCPSEQ = 0,
	O_LOG_TCPOPTS,
	O_LOG_IPOPTS,
	O_LOG_UID,
	O__LOG_NFLOG,
	O_LOG_MAC,
	O_LOG_LEVEL,
	O_LOG_PREFIX,
};

static const struct ut_opt log_opts[] = {
	{ .name = "log-level", .id = O_LOG_LEVEL, .type = UT_OPT_SYSLOGLEVEL,
	  .flags = UT_OPTF_PUT, .off = offsetof(struct ut_log_info, level),
	  .help = "syslog level of the kernel line (default warning)" },
	/* no PUT: iptables silently cuts the prefix to 29 characters */
	{ .name = "log-prefix", .id = O_LOG_PREFIX, .type = UT_OPT_STRING,
	  .min = 1,
	  .arg = "prefix",
	  .help = "text put before the line (at most 29 characters, longer "
		  "is cut)" },
	{ .name = "log-tcp-sequence", .id = O_LOG_TCPSEQ, .type = UT_OPT_NONE,
	  .help = "add TCP sequence and acknowledgement numbers" },
	{ .name = "log-tcp-options", .id = O_LOG_TCPOPTS, .type = UT_OPT_NONE,
	  .help = "add the TCP header options" },
	{ .name = "log-ip-options", .id = O_LOG_IPOPTS, .type = UT_OPT_NONE,
	  .help = "add the IP header options" },
	{ .name = "log-uid", .id = O_LOG_UID, .type = UT_OPT_NONE,
	  .help = "add the UID and GID of the local socket that sent the "
		  "packet" },
	{ .name = "log-macdecode", .id = O_LOG_MAC, .type = UT_OPT_NONE,
	  .help = "print MAC addresses and EtherType decoded, not as raw "
		  "bytes" },
	UT_OPT_END
};

static void
log_init(void *data)
{
	struct ut_log_info *info = data;

	info->level = LOG_DEFAULT_LEVEL;
}

static int
log_parse(struct ut_opt_call *call)
{
	struct ut_log_info *info = call->data;

	switch (call->opt->id) {
	case O_LOG_PREFIX:
		if (strchr(call->arg, '\n'))
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"Newlines not allowed in --log-prefix");
		snprintf(info->prefix, sizeof(info->prefix), "%s", call->arg);
		break;
	case O_LOG_TCPSEQ:
	case O_LOG_TCPOPTS:
	case O_LOG_IPOPTS:
	case O_LOG_UID:
	case O_LOG_MAC:
		info->logflags |= 1u << call->opt->id;
		break;
	}
	return 0;
}

/* log_level_name: the first name glibc's prioritynames[] gives a level
 * (its order makes 3 "err" and 4 "warn"), NULL if none */
static const char *
log_level_name(unsigned level)
{
	static const char *const names[] = {
		"emerg", "alert", "crit", "err", "warn", "notice", "info",
		"debug",
	};

	return level < 8 ? names[level] : NULL;
}

static void
log_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_log_info *info = pc->data;
	const char *name;

	ut_buf_puts(out, " LOG");
	if (pc->numeric) {
		ut_buf_printf(out, " flags %u level %u", info->logflags,
			      info->level);
	} else {
		name = log_level_name(info->level);
		if (name)
			ut_buf_printf(out, " level %s", name);
		else
			ut_buf_printf(out, " UNKNOWN level %u", info->level);
		if (info->logflags & UT_LOG_TCPSEQ)
			ut_buf_puts(out, " tcp-sequence");
		if (info->logflags & UT_LOG_TCPOPT)
			ut_buf_puts(out, " tcp-options");
		if (info->logflags & UT_LOG_IPOPT)
			ut_buf_puts(out, " ip-options");
		if (info->logflags & UT_LOG_UID)
			ut_buf_puts(out, " uid");
		if (info->logflags & UT_LOG_MACDECODE)
			ut_buf_puts(out, " macdecode");
		if (info->logflags & ~UT_LOG_MASK)
			ut_buf_puts(out, " unknown-flags");
	}
	/* -L shows the prefix between plain quotes, unescaped */
	if (info->prefix[0])
		ut_buf_printf(out, " prefix \"%s\"", info->prefix);
}

static void
log_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_log_info *info = pc->data;

	if (info->prefix[0]) {
		ut_buf_puts(out, " --log-prefix");
		ut_save_string(out, info->prefix);
	}
	if (info->level != LOG_DEFAULT_LEVEL)
		ut_buf_printf(out, " --log-level %d", info->level);
	if (info->logflags & UT_LOG_TCPSEQ)
		ut_buf_puts(out, " --log-tcp-sequence");
	if (info->logflags & UT_LOG_TCPOPT)
		ut_buf_puts(out, " --log-tcp-options");
	if (info->logflags & UT_LOG_IPOPT)
		ut_buf_puts(out, " --log-ip-options");
	if (info->logflags & UT_LOG_UID)
		ut_buf_puts(out, " --log-uid");
	if (info->logflags & UT_LOG_MACDECODE)
		ut_buf_puts(out, " --log-macdecode");
}

/* log_tg_check: its messages are pr_debug, so nothing is logged */
static int
log_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_log_info *info = kc->data;

	if (info->level >= 8 ||
	    info->prefix[sizeof(info->prefix) - 1] != '\0')
		return -EINVAL;
	return 0;
}

/* log_tg: nf_log_packet with the rule's flags and prefix (the level only
 * picks the syslog priority, not part of the line); LOG never decides */
static unsigned
log_target(struct ut_xt_par *par)
{
	const struct ut_log_info *info = par->data;
	struct ut_buf line;

	ut_buf_init(&line);
	ut_nflog_packet(par->eng, par->pkt, par->hook, par->in, par->out,
			info->logflags, info->prefix, &line);
	if (!line.oom)
		ut_engine_log(par->eng, ut_buf_str(&line), line.len);
	ut_buf_fini(&line);
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_LOG = {
	.name = "LOG", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_log_info),
	.cmp_size = sizeof(struct ut_log_info),
	.opts = log_opts,
	.init = log_init, .parse = log_parse,
	.print = log_print, .save = log_save, .kcheck = log_kcheck,
	.target = log_target,
};
