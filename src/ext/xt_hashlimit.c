/* xt_hashlimit.c: the hashlimit match, revision 3 (iptables 1.8.9
 * extensions/libxt_hashlimit.c, Linux net/netfilter/xt_hashlimit.c). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/bucket.h"
#include "engine/engine.h"
#include "rules/ext.h"
#include "ext/rate.h"

/* Per-second scale of the packet rate (XT_HASHLIMIT_SCALE_v2): avg is
 * "microseconds between packets". */
#define HL_SCALE 1000000ULL
#define HL_BURST_DEFAULT 5
#define HL_BURST_MAX 1000000
#define HL_GCINTERVAL 1000       /* ms */
#define HL_BYTE_SHIFT 4          /* bytes are accounted in 16-byte steps */
#define HL_BYTE_EXPIRE 15        /* s, default expiry in byte mode */
#define HL_BYTE_EXPIRE_BURST 60  /* s, the same when a burst was given */
#define HL_NAME_MAX 255          /* NAME_MAX: the kernel's name[] size */

enum {
	HL_HASH_DIP = 1 << 0,
	HL_HASH_DPT = 1 << 1,
	HL_HASH_SIP = 1 << 2,
	HL_HASH_SPT = 1 << 3,
	HL_INVERT = 1 << 4,
	HL_BYTES = 1 << 5,
	HL_RATE_MATCH = 1 << 6,
	HL_HASH_ANY = HL_HASH_DIP | HL_HASH_DPT | HL_HASH_SIP | HL_HASH_SPT,
	HL_ALL = HL_HASH_ANY | HL_INVERT | HL_BYTES | HL_RATE_MATCH,
};

/* struct hashlimit_cfg3 of the kernel */
struct ut_hashlimit_cfg {
	uint64_t avg;         /* packets: us between packets; bytes: cost */
	uint64_t burst;       /* packets; in byte mode a count of avg units */
	uint32_t mode;        /* HL_* */
	uint32_t size;        /* hash buckets, 0 = kernel default */
	uint32_t max;         /* entries, 0 = 8 * size */
	uint32_t gc_interval; /* ms */
	uint32_t expire;      /* ms */
	uint32_t interval;    /* s, rate-match window */
	uint8_t srcmask, dstmask;
};

/* struct xt_hashlimit_mtinfo3 without the kernel's table pointer */
struct ut_hashlimit_info {
	char name[HL_NAME_MAX];
	struct ut_hashlimit_cfg cfg;
	/* parse scratch (libxtables' udata), outside cmp_size: the unit
	 * of the rate in seconds, for the default expiry */
	uint32_t mult;
};

enum {
	O_UPTO = 0,
	O_ABOVE,
	O_LIMIT,
	O_MODE,
	O_SRCMASK,
	O_DSTMASK,
	O_NAME,
	O_BURST,
	O_HTABLE_SIZE,
	O_HTABLE_MAX,
	O_HTABLE_GCINT,
	O_HTABLE_EXPIRE,
	O_RATEMATCH,
	O_INTERVAL,
	F_UPTO = 1 << O_UPTO,
	F_ABOVE = 1 << O_ABOVE,
	F_BURST = 1 << O_BURST,
	F_HTABLE_EXPIRE = 1 << O_HTABLE_EXPIRE,
	F_RATEMATCH = 1 << O_RATEMATCH,
};

#define HL_OFF(f) offsetof(struct ut_hashlimit_info, f)
static const struct ut_opt hashlimit_opts[] = {
	{ .name = "hashlimit-upto", .id = O_UPTO, .excl = F_ABOVE,
	  .type = UT_OPT_STRING, .flags = UT_OPTF_INVERT },
	{ .name = "hashlimit-above", .id = O_ABOVE, .excl = F_UPTO,
	  .type = UT_OPT_STRING, .flags = UT_OPTF_INVERT },
	/* the old name of --hashlimit-upto */
	{ .name = "hashlimit", .id = O_UPTO, .excl = F_ABOVE,
	  .type = UT_OPT_STRING, .flags = UT_OPTF_INVERT },
	{ .name = "hashlimit-srcmask", .id = O_SRCMASK, .type = UT_OPT_PLEN },
	{ .name = "hashlimit-dstmask", .id = O_DSTMASK, .type = UT_OPT_PLEN },
	{ .name = "hashlimit-burst", .id = O_BURST, .type = UT_OPT_STRING },
	{ .name = "hashlimit-htable-size", .id = O_HTABLE_SIZE,
	  .type = UT_OPT_UINT32, .flags = UT_OPTF_PUT,
	  .off = HL_OFF(cfg.size) },
	{ .name = "hashlimit-htable-max", .id = O_HTABLE_MAX,
	  .type = UT_OPT_UINT32, .flags = UT_OPTF_PUT,
	  .off = HL_OFF(cfg.max) },
	{ .name = "hashlimit-htable-gcinterval", .id = O_HTABLE_GCINT,
	  .type = UT_OPT_UINT32, .flags = UT_OPTF_PUT,
	  .off = HL_OFF(cfg.gc_interval) },
	{ .name = "hashlimit-htable-expire", .id = O_HTABLE_EXPIRE,
	  .type = UT_OPT_UINT32, .flags = UT_OPTF_PUT,
	  .off = HL_OFF(cfg.expire) },
	{ .name = "hashlimit-mode", .id = O_MODE, .type = UT_OPT_STRING },
	/* copied by hashlimit_parse: libxtables truncates, never refuses */
	{ .name = "hashlimit-name", .id = O_NAME, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND, .min = 1 },
	{ .name = "hashlimit-rate-match", .id = O_RATEMATCH,
	  .type = UT_OPT_NONE },
	{ .name = "hashlimit-rate-interval", .id = O_INTERVAL,
	  .type = UT_OPT_STRING },
	UT_OPT_END
};

static void
hashlimit_init(void *data)
{
	struct ut_hashlimit_info *info = data;

	info->cfg.burst = HL_BURST_DEFAULT;
	info->cfg.gc_interval = HL_GCINTERVAL;
	info->cfg.srcmask = 32;
	info->cfg.dstmask = 32;
}

/* hl_cost_to_bytes: bytes per second of a byte-mode cost (iptables'
 * cost_to_bytes). */
static uint64_t
hl_cost_to_bytes(uint64_t cost)
{
	uint64_t r = cost ? UINT32_MAX / cost : UINT32_MAX;

	return (r - 1) << HL_BYTE_SHIFT;
}

/* hl_bytes_to_cost: the inverse; the 32-bit truncation is iptables'. */
static uint64_t
hl_bytes_to_cost(uint64_t bytes)
{
	uint32_t r = (uint32_t)(bytes >> HL_BYTE_SHIFT);

	/* r + 1 wraps to 0 for huge values; iptables would divide by 0 */
	return (uint32_t)(r + 1) ? UINT32_MAX / ((uint64_t)r + 1) : 0;
}

static uint32_t
hl_factor(char c)
{
	return c == 'm' ? 1024 * 1024 : c == 'k' ? 1024 : 1;
}

/* hl_parse_bytes: "<n>[k|m]b/s" into a cost. 1 parsed, 0 not a byte
 * rate, negative on error. */
static int
hl_parse_bytes(struct ut_opt_call *call, struct ut_hashlimit_info *info)
{
	const char *rate = call->arg, *unit = strstr(rate, "b/s");
	uint64_t r, tmp;

	if (!unit || unit == rate)
		return 0;
	r = (uint64_t)atoll(rate);
	if (r == 0)
		return 0;
	tmp = r * hl_factor(unit[-1]);
	tmp = hl_bytes_to_cost(tmp);
	if (tmp == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Rate too high \"%s\"", rate);
	info->mult = HL_BYTE_EXPIRE;
	info->cfg.avg = tmp;
	return 1;
}

/* hl_parse_rate: "<n>[/second|/minute|/hour|/day]" (any prefix of the
 * unit, any case). 1 parsed, 0 bad, negative on error. */
static int
hl_parse_rate(struct ut_opt_call *call, struct ut_hashlimit_info *info)
{
	const char *rate = call->arg;
	uint64_t r, tmp;

	info->mult = ut_rate_unit(rate);
	if (info->mult == 0)
		return 0;
	r = (uint64_t)atoll(rate);
	if (r == 0)
		return 0;
	tmp = HL_SCALE * info->mult / r;
	if (tmp == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Rate too fast \"%s\"", rate);
	info->cfg.avg = tmp;
	return 1;
}

static int
hl_parse_limit(struct ut_opt_call *call, struct ut_hashlimit_info *info,
	       const char *optname)
{
	int ret = hl_parse_bytes(call, info);

	if (ret < 0)
		return ret;
	if (ret > 0) {
		info->cfg.mode |= HL_BYTES;
		return 0;
	}
	ret = hl_parse_rate(call, info);
	if (ret < 0)
		return ret;
	if (ret == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "hashlimit: Bad value for \"%s\" option: "
				  "\"%s\"", optname, call->arg);
	return 0;
}

static int
hl_burst_error(struct ut_err *err)
{
	return ut_err_set(err, UT_PARAMETER_PROBLEM, "bad value for option "
			  "\"--hashlimit-burst\", or out of range (1-%u).",
			  HL_BURST_MAX);
}

/* hl_parse_burst: a count, or bytes with a k/m suffix (only the bare
 * number is range checked here, as in iptables). */
static int
hl_parse_burst(struct ut_opt_call *call, struct ut_hashlimit_info *info)
{
	uint64_t v;
	char *end;

	if (!ut_strtoul(call->arg, &end, &v, 1, UINT64_MAX) ||
	    (*end == '\0' && v > HL_BURST_MAX))
		return hl_burst_error(call->err);
	info->cfg.burst = v * hl_factor(*end);
	return 0;
}

/* hl_parse_mode: comma (or '|') separated list of the hashed fields */
static int
hl_parse_mode(struct ut_opt_call *call, struct ut_hashlimit_info *info)
{
	static const struct { const char *name; uint32_t bit; } modes[] = {
		{ "dstip", HL_HASH_DIP }, { "srcip", HL_HASH_SIP },
		{ "srcport", HL_HASH_SPT }, { "dstport", HL_HASH_DPT },
	};
	const char *p = call->arg;

	while (*p) {
		size_t n = strcspn(p, ",|"), i;
		if (n == 0) {
			p++;
			continue;
		}
		for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
			if (strlen(modes[i].name) == n &&
			    strncmp(p, modes[i].name, n) == 0)
				break;
		if (i == sizeof(modes) / sizeof(modes[0]))
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "hashlimit: Bad value for "
					  "\"--hashlimit-mode\" option: \"%s\"",
					  call->arg);
		info->cfg.mode |= modes[i].bit;
		p += n;
	}
	return 0;
}

static int
hashlimit_parse(struct ut_opt_call *call)
{
	struct ut_hashlimit_info *info = call->data;
	int r;

	switch (call->opt->id) {
	case O_BURST:
		return hl_parse_burst(call, info);
	case O_UPTO:
		if (call->invert)
			info->cfg.mode |= HL_INVERT;
		return hl_parse_limit(call, info, "--hashlimit-upto");
	case O_ABOVE:
		if (!call->invert)
			info->cfg.mode |= HL_INVERT;
		return hl_parse_limit(call, info, "--hashlimit-above");
	case O_MODE:
		return hl_parse_mode(call, info);
	case O_SRCMASK:
		info->cfg.srcmask = call->val.plen;
		break;
	case O_DSTMASK:
		info->cfg.dstmask = call->val.plen;
		break;
	case O_NAME:
		ut_strput(info->name, sizeof(info->name), call->arg);
		break;
	case O_RATEMATCH:
		info->cfg.mode |= HL_RATE_MATCH;
		break;
	case O_INTERVAL:
		r = atoi(call->arg);
		if (r <= 0)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "hashlimit: Bad value for "
					  "\"--hashlimit-rate-interval\" "
					  "option: \"%s\"", call->arg);
		info->cfg.interval = (uint32_t)r;
		break;
	}
	return 0;
}

/* hl_fcheck_bytes: turn a byte burst into a count of avg units */
static int
hl_fcheck_bytes(struct ut_fcheck_call *call, struct ut_hashlimit_info *info)
{
	uint64_t unit = hl_cost_to_bytes(info->cfg.avg);
	uint32_t burst = 0;

	if (call->xflags & F_BURST) {
		/* A byte rate under 16b/s (one XT_HASHLIMIT_BYTE_SHIFT step;
		 * also a multiple of 64gb/s, whose step count wraps to 0 in
		 * 32 bits) costs UINT32_MAX: 0 bytes per credit, and iptables
		 * 1.8.9 dies of SIGFPE dividing the burst by it. */
		if (unit == 0)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "bad value for option \"%s\", rate "
					  "too low for \"--hashlimit-burst\" "
					  "(min %ub/s).",
					  (call->xflags & F_ABOVE) ?
					  "--hashlimit-above" :
					  "--hashlimit-upto",
					  1u << HL_BYTE_SHIFT);
		if (info->cfg.burst < unit)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "burst cannot be smaller than %"
					  PRIu64 "b", unit);
		/* iptables divides in 32 bits */
		burst = (uint32_t)info->cfg.burst;
		burst = (uint32_t)(burst / unit);
		if (info->cfg.burst % unit)
			burst++;
		if (!(call->xflags & F_HTABLE_EXPIRE))
			info->cfg.expire = HL_BYTE_EXPIRE_BURST * 1000;
	}
	info->cfg.burst = burst;
	return 0;
}

static int
hashlimit_final_check(struct ut_fcheck_call *call)
{
	struct ut_hashlimit_info *info = call->data;
	int ret;

	if (!(call->xflags & (F_UPTO | F_ABOVE)))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "You have to specify --hashlimit");
	if (!(call->xflags & F_HTABLE_EXPIRE))
		info->cfg.expire = info->mult * 1000;
	if (info->cfg.mode & HL_BYTES) {
		ret = hl_fcheck_bytes(call, info);
		if (ret < 0)
			return ret;
	} else if (info->cfg.burst > HL_BURST_MAX) {
		return hl_burst_error(call->err);
	}
	if (call->xflags & F_RATEMATCH) {
		if (!(info->cfg.mode & HL_BYTES))
			info->cfg.avg /= info->mult;
		if (info->cfg.interval == 0)
			info->cfg.interval = (info->cfg.mode & HL_BYTES) ?
					     1 : info->mult;
	}
	return 0;
}

/* hl_print_rate: " N/unit"; returns that unit in ms, the default expiry,
 * so that an equal --hashlimit-htable-expire is not printed. */
static uint64_t
hl_print_rate(uint64_t period, struct ut_buf *out)
{
	return (uint64_t)ut_rate_print(out, period, HL_SCALE) * 1000;
}

/* hl_print_bytes: " Nkb/s" and the burst in bytes after prefix; returns
 * the default expiry of byte mode in ms. */
static uint64_t
hl_print_bytes(uint64_t avg, uint64_t burst, const char *prefix,
	       struct ut_buf *out)
{
	static const struct { const char *name; uint64_t thresh; } units[] = {
		{ "m", 1024 * 1024 }, { "k", 1024 }, { "", 1 },
	};
	uint64_t r = hl_cost_to_bytes(avg);
	size_t i;

	for (i = 0; i < 2; ++i)
		if (r >= units[i].thresh &&
		    hl_bytes_to_cost(r & ~(units[i].thresh - 1)) == avg)
			break;
	ut_buf_printf(out, " %" PRIu64 "%sb/s", r / units[i].thresh,
		      units[i].name);
	if (burst == 0)
		return HL_BYTE_EXPIRE * 1000;
	r *= burst;
	for (i = 0; i < 2; ++i)
		if (r >= units[i].thresh)
			break;
	ut_buf_printf(out, " %sburst %" PRIu64 "%sb", prefix,
		      r / units[i].thresh, units[i].name);
	return HL_BYTE_EXPIRE_BURST * 1000;
}

static void
hl_print_mode(uint32_t mode, char sep, struct ut_buf *out)
{
	static const struct { uint32_t bit; const char *name; } order[] = {
		{ HL_HASH_SIP, "srcip" }, { HL_HASH_SPT, "srcport" },
		{ HL_HASH_DIP, "dstip" }, { HL_HASH_DPT, "dstport" },
	};
	bool first = true;

	ut_buf_putc(out, ' ');
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!(mode & order[i].bit))
			continue;
		if (!first)
			ut_buf_putc(out, sep);
		ut_buf_puts(out, order[i].name);
		first = false;
	}
}

/* hl_print_tail: the options after the rate, shared by -L and save;
 * pfx is "" (-L) or "--hashlimit-" (save). */
static void
hl_print_tail(const struct ut_hashlimit_cfg *cfg, uint64_t quantum,
	      const char *pfx, struct ut_buf *out)
{
	if (cfg->size != 0)
		ut_buf_printf(out, " %shtable-size %u", pfx, cfg->size);
	if (cfg->max != 0)
		ut_buf_printf(out, " %shtable-max %u", pfx, cfg->max);
	if (cfg->gc_interval != HL_GCINTERVAL)
		ut_buf_printf(out, " %shtable-gcinterval %u", pfx,
			      cfg->gc_interval);
	if (cfg->expire != quantum)
		ut_buf_printf(out, " %shtable-expire %u", pfx, cfg->expire);
	if (cfg->srcmask != 32)
		ut_buf_printf(out, " %ssrcmask %u", pfx, cfg->srcmask);
	if (cfg->dstmask != 32)
		ut_buf_printf(out, " %sdstmask %u", pfx, cfg->dstmask);
	if (cfg->mode & HL_RATE_MATCH) {
		ut_buf_printf(out, " %srate-match", pfx);
		if (cfg->interval != 1)
			ut_buf_printf(out, " %srate-interval %u", pfx,
				      cfg->interval);
	}
}

static void
hashlimit_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_hashlimit_info *info = pc->data;
	const struct ut_hashlimit_cfg *cfg = &info->cfg;
	uint64_t quantum;

	ut_buf_puts(out, cfg->mode & HL_INVERT ? " limit: above" :
		    " limit: up to");
	if (cfg->mode & HL_BYTES) {
		quantum = hl_print_bytes(cfg->avg, cfg->burst, "", out);
	} else {
		/* -L shows the rate over the whole rate-match interval */
		uint64_t period = cfg->avg;
		if (cfg->interval != 0)
			period *= cfg->interval;
		quantum = hl_print_rate(period, out);
		ut_buf_printf(out, " burst %" PRIu64, cfg->burst);
	}
	if (cfg->mode & HL_HASH_ANY) {
		ut_buf_puts(out, " mode");
		hl_print_mode(cfg->mode, '-', out);
	}
	hl_print_tail(cfg, quantum, "", out);
}

static void
hashlimit_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_hashlimit_info *info = pc->data;
	const struct ut_hashlimit_cfg *cfg = &info->cfg;
	uint64_t quantum;

	ut_buf_puts(out, cfg->mode & HL_INVERT ? " --hashlimit-above" :
		    " --hashlimit-upto");
	if (cfg->mode & HL_BYTES) {
		quantum = hl_print_bytes(cfg->avg, cfg->burst, "--hashlimit-",
					 out);
	} else {
		quantum = hl_print_rate(cfg->avg, out);
		ut_buf_printf(out, " --hashlimit-burst %" PRIu64, cfg->burst);
	}
	if (cfg->mode & HL_HASH_ANY) {
		ut_buf_puts(out, " --hashlimit-mode");
		hl_print_mode(cfg->mode, ',', out);
	}
	ut_buf_printf(out, " --hashlimit-name %s", info->name);
	/* iptables compares the expiry with a 32-bit quantum in save */
	hl_print_tail(cfg, (uint32_t)quantum, "--hashlimit-", out);
}

/* hl_user2credits: the kernel's user2credits for revision 3 at HZ=250,
 * to detect the overflow its checkentry refuses. CREDITS_PER_JIFFY is the
 * power of two below 2^64 / (HZ*60*60*24), i.e. 2^39, and the kernel
 * multiplies by (HZ * 2^39) / 10^6 = 137438953, wrapping in 64 bits. */
static uint64_t
hl_user2credits(uint64_t user)
{
	return user * (250ULL * (1ULL << 39) / HL_SCALE);
}

/* hl_user2credits_byte: user2credits_byte at HZ=250 (CREDITS_PER_JIFFY_
 * BYTES is 2^24); the kernel takes avg as a u32. */
static uint32_t
hl_user2credits_byte(uint64_t avg)
{
	uint64_t us = (uint32_t)avg;

	return (uint32_t)((us * 250 * (1ULL << 24)) >> 32);
}

static int
hashlimit_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_hashlimit_info *info = kc->data;
	const struct ut_hashlimit_cfg *cfg = &info->cfg;
	int ret = ut_kcheck_proc_name(info->name, sizeof(info->name));

	if (ret < 0)
		return ret;
	if (cfg->gc_interval == 0 || cfg->expire == 0)
		return -EINVAL;
	if (cfg->srcmask > 32 || cfg->dstmask > 32)
		return -EINVAL;
	if (cfg->mode & ~HL_ALL) {
		ut_buf_printf(kc->dmesg, "xt_hashlimit: Unknown mode mask %X, "
			      "kernel too old?", cfg->mode);
		return -EINVAL;
	}
	if (cfg->mode & HL_RATE_MATCH) {
		if (cfg->avg == 0 || cfg->avg > UINT32_MAX) {
			ut_buf_puts(kc->dmesg, "xt_hashlimit: invalid rate");
			return -ERANGE;
		}
		if (cfg->interval == 0) {
			ut_buf_puts(kc->dmesg, "xt_hashlimit: invalid "
				    "interval");
			return -EINVAL;
		}
	} else if (cfg->mode & HL_BYTES) {
		if (hl_user2credits_byte(cfg->avg) == 0) {
			ut_buf_printf(kc->dmesg, "xt_hashlimit: overflow, rate "
				      "too high: %" PRIu64, cfg->avg);
			return -EINVAL;
		}
	} else if (cfg->burst == 0 ||
		   hl_user2credits(cfg->avg * cfg->burst) <
		   hl_user2credits(cfg->avg)) {
		ut_buf_printf(kc->dmesg, "xt_hashlimit: overflow, try lower: "
			      "%" PRIu64 "/%" PRIu64, cfg->avg, cfg->burst);
		return -ERANGE;
	}
	return 0;
}

/* ---- packet evaluation (hashlimit_mt_common, revision 3) ------------------ */

/* The table is an engine object shared by name (htable_find_get): the
 * first rule that names it sets its configuration (size, max, expiry,
 * gc interval, hashed fields, masks, rate) for every rule that shares
 * it, as in the kernel; each rule's own mode decides only the outcome
 * (inversion, rate-match, byte accounting, as hashlimit_mt_common reads
 * cfg->mode). Entries expire by the table's garbage collector, a timer
 * every gc_interval ms on the engine's queue. */

#define HL_MAX_SIZE 1048576u        /* HASHLIMIT_MAX_SIZE */
/* the default size when none is given: the kernel derives it from the
 * RAM size, 8192 buckets on every machine with more than 1 GiB */
#define HL_DEFAULT_SIZE 8192u

struct hl_key {
	uint32_t src, dst;          /* network order, masked; 0 if unused */
	uint16_t sport, dport;      /* network order; 0 if unused */
};

struct hl_ent {
	struct hl_ent *next;        /* in its bucket, newest first */
	struct hl_key key;
	unsigned long expires;      /* jiffies */
	unsigned long prev;         /* jiffies of the last recalc */
	/* token bucket (credits) or, in rate-match mode, the window */
	uint64_t credit, credit_cap, cost;
	uint32_t interval, prev_window;
	uint64_t current_rate, rate;
	int64_t burst;
};

struct hl_table {
	struct ut_engine *eng;
	struct ut_hashlimit_cfg cfg; /* the creating rule's, size/max set */
	struct hl_ent **hash;
	unsigned count;
	struct ut_timer gc;
};

/* the kernel's constants at the host's HZ */
static uint64_t
hl_cpj(unsigned hz)
{
	uint64_t max = UINT64_MAX / ((uint64_t)hz * 60 * 60 * 24), p = 1;

	while (p <= max / 2)
		p *= 2;
	return p;
}

static uint32_t
hl_cpj_bytes(unsigned hz)
{
	return ut_pow2_below32(0xffffffffu / hz);
}

/* user2credits of revision 3: the constant operands divided first */
static uint64_t
hl_credits(uint64_t user, unsigned hz)
{
	uint64_t hzc = (uint64_t)hz * hl_cpj(hz);

	if (HL_SCALE >= hzc)
		return user / (HL_SCALE / hzc);
	return user * (hzc / HL_SCALE);
}

static uint32_t
hl_credits_byte(uint32_t user, unsigned hz)
{
	return (uint32_t)(((uint64_t)user * hz * hl_cpj_bytes(hz)) >> 32);
}

static unsigned long
hl_ms_to_jiffies(uint32_t ms, unsigned hz)
{
	return (unsigned long)(((uint64_t)ms * hz + 999) / 1000);
}

/* rateinfo_recalc: the credits since prev (or, in rate-match mode, the
 * window closed once interval seconds have passed) */
static void
hl_recalc(struct hl_ent *dh, unsigned long now, uint32_t mode, unsigned hz)
{
	unsigned long delta = now - dh->prev;
	uint64_t cap;

	if (delta == 0)
		return;
	if (mode & HL_RATE_MATCH) {
		/* the kernel multiplies interval * HZ in 32 bits */
		uint64_t interval = (uint32_t)(dh->interval * hz);

		if (delta < interval)
			return;
		dh->prev = now;
		dh->prev_window = dh->current_rate * interval >
				  (uint64_t)delta * dh->rate;
		dh->current_rate = 0;
		return;
	}
	dh->prev = now;
	if (mode & HL_BYTES) {
		uint64_t old = dh->credit;

		dh->credit += (uint64_t)hl_cpj_bytes(hz) * delta;
		cap = (uint64_t)hl_cpj_bytes(hz) * hz;
		if (old >= dh->credit) {
			dh->credit = cap;
			return;
		}
	} else {
		dh->credit += (uint64_t)delta * hl_cpj(hz);
		cap = dh->credit_cap;
	}
	if (dh->credit > cap)
		dh->credit = cap;
}

/* user2rate_bytes */
static uint64_t
hl_rate_bytes(uint32_t user)
{
	uint64_t r = user ? UINT32_MAX / user : UINT32_MAX;

	return (r - 1) << HL_BYTE_SHIFT;
}

/* rateinfo_init: a full bucket (or an empty window) */
static void
hl_init_ent(struct hl_ent *dh, const struct ut_hashlimit_cfg *cfg,
	    unsigned long now, unsigned hz)
{
	dh->prev = now;
	if (cfg->mode & HL_RATE_MATCH) {
		dh->prev_window = 0;
		dh->current_rate = 0;
		if (cfg->mode & HL_BYTES) {
			dh->rate = hl_rate_bytes((uint32_t)cfg->avg);
			dh->burst = (int64_t)(cfg->burst ? cfg->burst *
					      dh->rate : dh->rate);
		} else {
			dh->rate = cfg->avg ? HL_SCALE / cfg->avg : 0;
			dh->burst = (int64_t)(cfg->burst + dh->rate);
		}
		dh->interval = cfg->interval;
	} else if (cfg->mode & HL_BYTES) {
		dh->credit = (uint64_t)hl_cpj_bytes(hz) * hz;
		dh->cost = hl_credits_byte((uint32_t)cfg->avg, hz);
		dh->credit_cap = cfg->burst;
	} else {
		dh->credit = hl_credits(cfg->avg * cfg->burst, hz);
		dh->cost = hl_credits(cfg->avg, hz);
		dh->credit_cap = dh->credit;
	}
}

static uint32_t
hl_maskl(uint32_t a_net, unsigned l)
{
	const uint8_t *b = (const uint8_t *)&a_net;
	uint32_t h = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		     (uint32_t)b[2] << 8 | b[3], out;
	uint8_t *o = (uint8_t *)&out;

	h = l ? h & (~0u << (32 - l)) : 0;
	o[0] = (uint8_t)(h >> 24);
	o[1] = (uint8_t)(h >> 16);
	o[2] = (uint8_t)(h >> 8);
	o[3] = (uint8_t)h;
	return out;
}

/* proto_ports_offset: where the 4 bytes read as ports start */
static int
hl_ports_offset(uint8_t proto)
{
	switch (proto) {
	case 6: case 17: case 33: case 50: case 132: case 136:
		return 0;       /* TCP, UDP, DCCP, ESP (SPI), SCTP, UDP-Lite */
	case 51:
		return 4;       /* AH: its SPI */
	default:
		return -1;
	}
}

/* hashlimit_init_dst: the fields the table hashes; false when the ports
 * are beyond the packet (a hot-drop) */
static bool
hl_init_key(const struct hl_table *t, const struct ut_xt_par *par,
	    struct hl_key *k)
{
	const struct ut_pkt *p = par->pkt;
	uint32_t mode = t->cfg.mode;
	int poff;

	memset(k, 0, sizeof(*k));
	if (mode & HL_HASH_DIP) {
		memcpy(&k->dst, p->ip + UT_IP_OFF_DADDR, 4);
		k->dst = hl_maskl(k->dst, t->cfg.dstmask);
	}
	if (mode & HL_HASH_SIP) {
		memcpy(&k->src, p->ip + UT_IP_OFF_SADDR, 4);
		k->src = hl_maskl(k->src, t->cfg.srcmask);
	}
	if (!(mode & (HL_HASH_DPT | HL_HASH_SPT)))
		return true;
	poff = hl_ports_offset(p->ip[UT_IP_OFF_PROTO]);
	if (poff < 0)
		return true;
	if ((uint64_t)par->thoff + (unsigned)poff + 4 > p->len)
		return false;
	if (mode & HL_HASH_SPT)
		memcpy(&k->sport, p->ip + par->thoff + poff, 2);
	if (mode & HL_HASH_DPT)
		memcpy(&k->dport, p->ip + par->thoff + poff + 2, 2);
	return true;
}

/* the bucket: any hash works (the kernel's is keyed at random, so only
 * the order of the /proc lines depends on it) */
static uint32_t
hl_bucket(const struct hl_table *t, const struct hl_key *k)
{
	uint64_t h = ((uint64_t)k->src << 32 | k->dst) * 0x9e3779b97f4a7c15ull;

	h ^= ((uint64_t)k->sport << 16 | k->dport) * 0xc2b2ae3d27d4eb4full;
	h ^= h >> 29;
	return (uint32_t)(((h & 0xffffffffu) * t->cfg.size) >> 32);
}

static struct hl_ent *
hl_find(const struct hl_table *t, const struct hl_key *k)
{
	for (struct hl_ent *e = t->hash[hl_bucket(t, k)]; e; e = e->next)
		if (memcmp(&e->key, k, sizeof(*k)) == 0)
			return e;
	return NULL;
}

static struct hl_ent *
hl_alloc(struct hl_table *t, const struct hl_key *k, unsigned long now,
	 unsigned hz)
{
	struct hl_ent *e;
	uint32_t b;

	if (t->cfg.max && t->count >= t->cfg.max) {
		if (ut_engine_net_ratelimit(t->eng)) {
			char line[64];
			int n = snprintf(line, sizeof(line), "xt_hashlimit: "
					 "max count of %u reached",
					 t->cfg.max);
			ut_engine_log(t->eng, line, (size_t)n);
		}
		return NULL;
	}
	e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	e->key = *k;
	b = hl_bucket(t, k);
	e->next = t->hash[b];
	t->hash[b] = e;
	t->count++;
	return e;
}

/* htable_gc: free the entries due, then again in gc_interval ms (the
 * kernel's delayed work: a timer rounded by the wheel) */
static void
hl_gc_arm(struct hl_table *t)
{
	unsigned long j = ut_engine_jiffies(t->eng) +
			  hl_ms_to_jiffies(t->cfg.gc_interval,
					   ut_engine_hz(t->eng));

	ut_timer_arm(t->eng, &t->gc, ut_clock_timer_expiry(t->eng, j));
}

static void
hl_gc(struct ut_engine *eng, struct ut_timer *tm)
{
	struct hl_table *t = (struct hl_table *)(void *)
			     ((char *)tm - offsetof(struct hl_table, gc));
	unsigned long now = ut_engine_jiffies(eng);

	for (uint32_t i = 0; i < t->cfg.size; i++) {
		struct hl_ent **pp = &t->hash[i];

		while (*pp) {
			struct hl_ent *e = *pp;

			if ((long)(now - e->expires) >= 0) {
				*pp = e->next;
				free(e);
				t->count--;
			} else {
				pp = &e->next;
			}
		}
	}
	hl_gc_arm(t);
}

static void *
hl_table_new(struct ut_engine *eng, const char *name, const void *arg,
	     struct ut_err *err)
{
	const struct ut_hashlimit_info *info = arg;
	struct hl_table *t = calloc(1, sizeof(*t));

	(void)name;
	if (!t) {
		ut_err_set(err, 2, "out of memory");
		return NULL;
	}
	t->eng = eng;
	t->cfg = info->cfg;
	/* hashlimit_mt_check_common's clamps, then htable_create's */
	if (t->cfg.size > HL_MAX_SIZE)
		t->cfg.size = HL_MAX_SIZE;
	if (t->cfg.max > HL_MAX_SIZE)
		t->cfg.max = HL_MAX_SIZE;
	if (!t->cfg.size)
		t->cfg.size = HL_DEFAULT_SIZE;
	if (t->cfg.max == 0)
		t->cfg.max = 8 * t->cfg.size;
	else if (t->cfg.max < t->cfg.size)
		t->cfg.max = t->cfg.size;
	t->hash = calloc(t->cfg.size, sizeof(*t->hash));
	if (!t->hash) {
		free(t);
		ut_err_set(err, 2, "out of memory");
		return NULL;
	}
	ut_timer_init(&t->gc, hl_gc);
	return t;
}

static void
hl_table_free(struct ut_engine *eng, void *obj)
{
	struct hl_table *t = obj;

	ut_timer_cancel(eng, &t->gc);
	for (uint32_t i = 0; i < t->cfg.size; i++)
		while (t->hash[i]) {
			struct hl_ent *e = t->hash[i];

			t->hash[i] = e->next;
			free(e);
		}
	free(t->hash);
	free(t);
}

static void
hl_put_addr(struct ut_buf *out, uint32_t a_net, uint16_t port_net)
{
	const uint8_t *b = (const uint8_t *)&a_net;
	const uint8_t *q = (const uint8_t *)&port_net;

	ut_buf_printf(out, "%u.%u.%u.%u:%u", b[0], b[1], b[2], b[3],
		      (unsigned)q[0] << 8 | q[1]);
}

/* dl_seq_show: one line an entry, bucket by bucket, each recalculated
 * to the end of the run first; in rate-match mode the three numbers are
 * the rate fields the kernel's union puts where the credits are
 * (interval and prev_window as one little-endian u64, current_rate,
 * rate). Bucket order differs from the kernel's (its hash is keyed at
 * random). */
static void
hl_table_output(const struct ut_engine *eng, const void *obj,
		const char *name, struct ut_buf *path, struct ut_buf *text)
{
	const struct hl_table *t = obj;
	unsigned long now = ut_engine_jiffies(eng);
	unsigned hz = ut_engine_hz(eng);

	ut_buf_printf(path, "proc/net/ipt_hashlimit/%s", name);
	for (uint32_t i = 0; i < t->cfg.size; i++)
		for (const struct hl_ent *e = t->hash[i]; e; e = e->next) {
			struct hl_ent c = *e;
			uint64_t a, b, d;

			hl_recalc(&c, now, t->cfg.mode, hz);
			if (t->cfg.mode & HL_RATE_MATCH) {
				a = (uint64_t)c.prev_window << 32 | c.interval;
				b = c.current_rate;
				d = c.rate;
			} else {
				a = c.credit;
				b = c.credit_cap;
				d = c.cost;
			}
			ut_buf_printf(text, "%ld ",
				      (long)(c.expires - now) / (long)hz);
			hl_put_addr(text, c.key.src, c.key.sport);
			ut_buf_puts(text, "->");
			hl_put_addr(text, c.key.dst, c.key.dport);
			ut_buf_printf(text, " %" PRIu64 " %" PRIu64 " %" PRIu64
				      "\n", a, b, d);
		}
}

static const struct ut_shared_ops hl_table_ops = {
	.kind = "hashlimit",
	.new_obj = hl_table_new,
	.free_obj = hl_table_free,
	.output = hl_table_output,
};

static int
hashlimit_state_new(struct ut_engine *eng, const void *data, void **state,
		    struct ut_err *err)
{
	const struct ut_hashlimit_info *info = data;

	*state = ut_engine_shared_get(eng, &hl_table_ops, info->name, info,
				      err);
	return *state ? 0 : -1;
}

static void
hashlimit_state_free(struct ut_engine *eng, void *state)
{
	ut_engine_shared_put(eng, state);
}

/* hashlimit_byte_cost: 16-byte chunks times the cost, and a refill from
 * the burst count when the credit falls short */
static uint64_t
hl_byte_cost(struct hl_ent *dh, uint32_t len, unsigned hz)
{
	uint64_t cap = (uint64_t)hl_cpj_bytes(hz) * hz;
	uint64_t tmp = (uint64_t)((len >> HL_BYTE_SHIFT) + 1) * dh->cost;

	if (tmp > cap)
		tmp = cap;
	if (dh->credit < tmp && dh->credit_cap) {
		dh->credit_cap--;
		dh->credit = cap;
	}
	return (uint32_t)tmp;
}

static bool
hashlimit_match(struct ut_xt_par *par)
{
	const struct ut_hashlimit_info *info = par->data;
	const struct ut_hashlimit_cfg *cfg = &info->cfg;
	struct hl_table *t = par->state;
	unsigned long now = ut_engine_jiffies(par->eng);
	unsigned hz = ut_engine_hz(par->eng);
	unsigned long expire = hl_ms_to_jiffies(t->cfg.expire, hz);
	struct hl_ent *dh;
	struct hl_key k;
	uint64_t cost;

	if (!hl_init_key(t, par, &k)) {
		par->hotdrop = true;
		return false;
	}
	dh = hl_find(t, &k);
	if (!dh) {
		dh = hl_alloc(t, &k, now, hz);
		if (!dh) {
			par->hotdrop = true;
			return false;
		}
		dh->expires = now + expire;
		hl_init_ent(dh, &t->cfg, now, hz);
		if (!ut_timer_armed(&t->gc))
			hl_gc_arm(t);
	} else {
		dh->expires = now + expire;
		hl_recalc(dh, now, t->cfg.mode, hz);
	}
	if (cfg->mode & HL_RATE_MATCH) {
		dh->current_rate += (cfg->mode & HL_BYTES) ? par->pkt->len : 1;
		if (!dh->prev_window &&
		    dh->current_rate <= (uint64_t)dh->burst)
			return !(cfg->mode & HL_INVERT);
		return cfg->mode & HL_INVERT;
	}
	cost = (cfg->mode & HL_BYTES) ? hl_byte_cost(dh, par->pkt->len, hz) :
	       dh->cost;
	if (dh->credit >= cost) {
		dh->credit -= cost;
		return !(cfg->mode & HL_INVERT);
	}
	return cfg->mode & HL_INVERT;
}

const struct ut_ext ut_ext_hashlimit = {
	.name = "hashlimit",
	.revision = 3,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_hashlimit_info),
	.cmp_size = offsetof(struct ut_hashlimit_info, mult),
	.opts = hashlimit_opts,
	.init = hashlimit_init,
	.parse = hashlimit_parse,
	.final_check = hashlimit_final_check,
	.print = hashlimit_print,
	.save = hashlimit_save,
	.kcheck = hashlimit_kcheck,
	.match = hashlimit_match,
	.state_new = hashlimit_state_new,
	.state_free = hashlimit_state_free,
};
