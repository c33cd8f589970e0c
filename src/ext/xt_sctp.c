/* xt_sctp.c: the sctp match (-p sctp [-m sctp] --sport/--dport/
 * --chunk-types); reproduces iptables 1.8.9 extensions/libxt_sctp.c and the
 * checkentry and match of Linux net/netfilter/xt_sctp.c. */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/engine.h"
#include "rules/ext.h"
#include "ext/ports.h"

#define SCTP_NUM_FLAGS 4      /* XT_NUM_SCTP_FLAGS */
/* The kernel ABI sizes the map as 256 / sizeof(u32) words: 2048 bits of
 * which only the first 256 are chunk types. "ALL" sets every word, and the
 * "is it all" test looks at every word, so the whole array is kept. */
#define SCTP_CHUNKMAP_WORDS 64

/* struct xt_sctp_flag_info */
struct ut_sctp_flag_info {
	uint8_t chunktype; /* see sctp_chunk_set_flag: a name-table index */
	uint8_t flag;      /* flag bits that must be set */
	uint8_t flag_mask; /* flag bits looked at */
};

/* struct xt_sctp_info (linux/netfilter/xt_sctp.h) */
struct ut_sctp_info {
	uint16_t dpts[2];  /* destination port range, host order */
	uint16_t spts[2];  /* source port range */
	uint32_t chunkmap[SCTP_CHUNKMAP_WORDS]; /* bit n = chunk type n */
	uint32_t chunk_match_type; /* UT_SCTP_MATCH_* */
	struct ut_sctp_flag_info flag_info[SCTP_NUM_FLAGS];
	int32_t flag_count;
	uint32_t flags;    /* UT_SCTP_* given */
	uint32_t invflags; /* UT_SCTP_* inverted */
};

enum {
	UT_SCTP_SRC_PORTS = 0x01,
	UT_SCTP_DEST_PORTS = 0x02,
	UT_SCTP_CHUNK_TYPES = 0x04,
	UT_SCTP_VALID_FLAGS = 0x07,
};

enum {
	UT_SCTP_MATCH_ANY = 0x01,
	UT_SCTP_MATCH_ALL = 0x02,
	UT_SCTP_MATCH_ONLY = 0x04,
};

enum {
	O_SPORT = 0,
	O_DPORT,
	O_CHUNK_TYPES,
};

/* libxt_sctp is an old-style (getopt) extension with its own "Only one"
 * messages, so every option is MULTI here and sctp_parse checks repeats. */
static const struct ut_opt sctp_opts[] = {
	{ .name = "source-port", .id = O_SPORT, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT | UT_OPTF_MULTI },
	{ .name = "sport", .id = O_SPORT, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT | UT_OPTF_MULTI },
	{ .name = "destination-port", .id = O_DPORT, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT | UT_OPTF_MULTI },
	{ .name = "dport", .id = O_DPORT, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT | UT_OPTF_MULTI },
	{ .name = "chunk-types", .id = O_CHUNK_TYPES, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT | UT_OPTF_MULTI },
	UT_OPT_END
};

/* Chunk names in iptables' table order: the index into this table is what
 * iptables stores (and reports) for flags, so the order matters. */
static const struct {
	const char *name;
	uint8_t type;
	const char *valid_flags; /* flag letter per bit, bit 7 first */
} sctp_chunk_names[] = {
	{ "DATA", 0, "----IUBE" },
	{ "INIT", 1, "--------" },
	{ "INIT_ACK", 2, "--------" },
	{ "SACK", 3, "--------" },
	{ "HEARTBEAT", 4, "--------" },
	{ "HEARTBEAT_ACK", 5, "--------" },
	{ "ABORT", 6, "-------T" },
	{ "SHUTDOWN", 7, "--------" },
	{ "SHUTDOWN_ACK", 8, "--------" },
	{ "ERROR", 9, "--------" },
	{ "COOKIE_ECHO", 10, "--------" },
	{ "COOKIE_ACK", 11, "--------" },
	{ "ECN_ECNE", 12, "--------" },
	{ "ECN_CWR", 13, "--------" },
	{ "SHUTDOWN_COMPLETE", 14, "-------T" },
	{ "I_DATA", 64, "----IUBE" },
	{ "RE_CONFIG", 130, "--------" },
	{ "PAD", 132, "--------" },
	{ "ASCONF", 193, "--------" },
	{ "ASCONF_ACK", 128, "--------" },
	{ "FORWARD_TSN", 192, "--------" },
	{ "I_FORWARD_TSN", 194, "--------" },
};
#define N_SCTP_CHUNK_NAMES (sizeof(sctp_chunk_names) / sizeof(sctp_chunk_names[0]))

static void
sctp_map_set(uint32_t *map, unsigned type)
{
	map[type / 32] |= 1u << (type % 32);
}

static bool
sctp_map_is_set(const uint32_t *map, unsigned type)
{
	return map[type / 32] & (1u << (type % 32));
}

static bool
sctp_map_is_clear(const uint32_t *map)
{
	for (unsigned i = 0; i < SCTP_CHUNKMAP_WORDS; i++)
		if (map[i])
			return false;
	return true;
}

static bool
sctp_map_is_all(const uint32_t *map)
{
	for (unsigned i = 0; i < SCTP_CHUNKMAP_WORDS; i++)
		if (map[i] != UINT32_MAX)
			return false;
	return true;
}

static void
sctp_init(void *data)
{
	struct ut_sctp_info *info = data;

	/* unused flag slots name no chunk (iptables writes -1) */
	for (unsigned i = 0; i < SCTP_NUM_FLAGS; i++)
		info->flag_info[i].chunktype = 0xff;
}

/* sctp_parse_port: xtables_parse_port(s, "sctp"). */
static int
sctp_parse_port(struct ut_opt_call *call, const char *s, uint16_t *port)
{
	if (ut_parse_port(s, "sctp", port) < 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "invalid port/service `%s' specified", s);
	return 0;
}

/* sctp_parse_ports: "port", "a:b", ":b", "a:" as parse_sctp_ports. */
static int
sctp_parse_ports(struct ut_opt_call *call, uint16_t ports[2])
{
	char *buf = strdup(call->arg), *colon;
	int ret;

	if (!buf)
		return ut_err_set(call->err, UT_RESOURCE_PROBLEM,
				  "strdup: %s", strerror(errno));
	colon = strchr(buf, ':');
	if (!colon) {
		ret = sctp_parse_port(call, buf, &ports[0]);
		ports[1] = ports[0];
		goto out;
	}
	*colon++ = '\0';
	ports[0] = 0;
	ports[1] = UINT16_MAX;
	ret = buf[0] ? sctp_parse_port(call, buf, &ports[0]) : 0;
	if (ret == 0 && colon[0])
		ret = sctp_parse_port(call, colon, &ports[1]);
	if (ret == 0 && ports[0] > ports[1])
		ret = ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				 "invalid portrange (min > max)");
out:
	free(buf);
	return ret;
}

/* sctp_chunk_set_flag: save_chunk_flag_info. iptables passes the index
 * of the chunk in its name table, not the chunk type, as "chunktype"; it
 * is kept so that save/print (and the kernel) see the same data. */
static int
sctp_chunk_set_flag(struct ut_opt_call *call, struct ut_sctp_info *info,
		    unsigned index, unsigned bit, bool set)
{
	struct ut_sctp_flag_info *fi;
	int i;

	for (i = 0; i < info->flag_count; i++)
		if (info->flag_info[i].chunktype == index)
			break;
	if (i == info->flag_count) {
		if (info->flag_count == SCTP_NUM_FLAGS)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"Number of chunk types with flags exceeds "
				"currently allowed limit. Increasing this "
				"limit involves changing IPT_NUM_SCTP_FLAGS "
				"and recompiling both the kernel space and "
				"user space modules");
		info->flag_info[i].chunktype = (uint8_t)index;
		info->flag_count++;
	}
	fi = &info->flag_info[i];
	fi->flag_mask |= 1u << bit;
	if (set)
		fi->flag |= 1u << bit;
	return 0;
}

/* sctp_parse_chunk_flags: the letters after "NAME:"; a letter found in
 * the chunk's valid_flags (case-insensitively; '-' finds the first '-',
 * bit 7) selects a bit, upper case means set, lower case clear. */
static int
sctp_parse_chunk_flags(struct ut_opt_call *call, struct ut_sctp_info *info,
		       unsigned index, const char *letters)
{
	const char *valid = sctp_chunk_names[index].valid_flags;

	for (const char *c = letters; *c; c++) {
		const char *p = strchr(valid, toupper((unsigned char)*c));
		int ret;

		if (!p)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "Invalid flags for chunk type %u",
					  index);
		ret = sctp_chunk_set_flag(call, info, index,
					  7 - (unsigned)(p - valid),
					  isupper((unsigned char)*c));
		if (ret < 0)
			return ret;
	}
	return 0;
}

/* sctp_parse_chunk_list: "ALL", "NONE" or "NAME[:flags],..." (names in
 * any case; empty items are skipped as strtok does). */
static int
sctp_parse_chunk_list(struct ut_opt_call *call, struct ut_sctp_info *info,
		      const char *chunks)
{
	char *buf, *tok, *save = NULL;
	int ret = 0;

	memset(info->chunkmap, 0, sizeof(info->chunkmap));
	if (strcasecmp(chunks, "ALL") == 0) {
		memset(info->chunkmap, 0xff, sizeof(info->chunkmap));
		return 0;
	}
	if (strcasecmp(chunks, "NONE") == 0)
		return 0;
	buf = strdup(chunks);
	if (!buf)
		return ut_err_set(call->err, UT_RESOURCE_PROBLEM,
				  "strdup: %s", strerror(errno));
	for (tok = strtok_r(buf, ",", &save); tok && ret == 0;
	     tok = strtok_r(NULL, ",", &save)) {
		char *letters = strchr(tok, ':');
		unsigned i;

		if (letters)
			*letters++ = '\0';
		for (i = 0; i < N_SCTP_CHUNK_NAMES; i++)
			if (strcasecmp(sctp_chunk_names[i].name, tok) == 0)
				break;
		if (i == N_SCTP_CHUNK_NAMES) {
			ret = ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					 "Unknown sctp chunk `%s'", tok);
			break;
		}
		sctp_map_set(info->chunkmap, sctp_chunk_names[i].type);
		if (letters)
			ret = sctp_parse_chunk_flags(call, info, i, letters);
	}
	free(buf);
	return ret;
}

static int
sctp_parse_chunk_types(struct ut_opt_call *call, struct ut_sctp_info *info)
{
	const char *chunks = ut_opt_take_arg(call);
	const char *type = call->arg;

	if (!chunks)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "--chunk-types requires two args");
	info->flags |= UT_SCTP_CHUNK_TYPES;
	if (strcasecmp(type, "ANY") == 0)
		info->chunk_match_type = UT_SCTP_MATCH_ANY;
	else if (strcasecmp(type, "ALL") == 0)
		info->chunk_match_type = UT_SCTP_MATCH_ALL;
	else if (strcasecmp(type, "ONLY") == 0)
		info->chunk_match_type = UT_SCTP_MATCH_ONLY;
	else
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"Match type has to be one of \"ALL\", \"ANY\" or "
			"\"ONLY\"");
	if (call->invert)
		info->invflags |= UT_SCTP_CHUNK_TYPES;
	return sctp_parse_chunk_list(call, info, chunks);
}

static int
sctp_parse(struct ut_opt_call *call)
{
	struct ut_sctp_info *info = call->data;
	uint32_t bit;
	int ret;

	switch (call->opt->id) {
	case O_SPORT:
	case O_DPORT:
		bit = call->opt->id == O_SPORT ? UT_SCTP_SRC_PORTS :
						 UT_SCTP_DEST_PORTS;
		if (info->flags & bit)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				"Only one `--%s' allowed",
				bit == UT_SCTP_SRC_PORTS ? "source-port" :
							   "destination-port");
		info->flags |= bit;
		ret = sctp_parse_ports(call, bit == UT_SCTP_SRC_PORTS ?
				       info->spts : info->dpts);
		if (ret < 0)
			return ret;
		if (call->invert)
			info->invflags |= bit;
		return 0;
	case O_CHUNK_TYPES:
		if (info->flags & UT_SCTP_CHUNK_TYPES)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "Only one `--chunk-types' allowed");
		return sctp_parse_chunk_types(call, info);
	}
	return 0;
}

/* sctp_print_chunk_flags: ":IUb..." for the chunk at name-table index
 * type (iptables indexes its table with the chunk type here). */
static void
sctp_print_chunk_flags(struct ut_buf *out, unsigned type, uint8_t flag,
		       uint8_t mask)
{
	const char *valid;

	if (!mask)
		return;
	ut_buf_putc(out, ':');
	if (type >= N_SCTP_CHUNK_NAMES)
		return;
	valid = sctp_chunk_names[type].valid_flags;
	for (int i = 7; i >= 0; i--) {
		if (!(mask & (1u << i)))
			continue;
		if (flag & (1u << i))
			ut_buf_putc(out, valid[7 - i]);
		else
			ut_buf_putc(out, (char)tolower((unsigned char)
						      valid[7 - i]));
	}
}

static void
sctp_print_chunk(struct ut_buf *out, unsigned type, bool numeric)
{
	if (numeric) {
		ut_buf_printf(out, "0x%04X", type);
		return;
	}
	for (unsigned i = 0; i < N_SCTP_CHUNK_NAMES; i++)
		if (sctp_chunk_names[i].type == type)
			ut_buf_puts(out, sctp_chunk_names[i].name);
}

/* sctp_print_chunks: " all DATA:Be,ABORT" (print_chunks). */
static void
sctp_print_chunks(struct ut_buf *out, const struct ut_sctp_info *info,
		  bool numeric)
{
	bool first = true;

	switch (info->chunk_match_type) {
	case UT_SCTP_MATCH_ANY:
		ut_buf_puts(out, " any");
		break;
	case UT_SCTP_MATCH_ALL:
		ut_buf_puts(out, " all");
		break;
	case UT_SCTP_MATCH_ONLY:
		ut_buf_puts(out, " only");
		break;
	default:
		ut_buf_puts(out, "Never reach here\n");
		break;
	}
	if (sctp_map_is_clear(info->chunkmap)) {
		ut_buf_puts(out, " NONE");
		return;
	}
	if (sctp_map_is_all(info->chunkmap)) {
		ut_buf_puts(out, " ALL");
		return;
	}
	for (unsigned type = 0; type < 256; type++) {
		if (!sctp_map_is_set(info->chunkmap, type))
			continue;
		ut_buf_putc(out, first ? ' ' : ',');
		first = false;
		sctp_print_chunk(out, type, numeric);
		for (int j = 0; j < info->flag_count &&
		     j < SCTP_NUM_FLAGS; j++)
			if (info->flag_info[j].chunktype == type)
				sctp_print_chunk_flags(out, type,
						       info->flag_info[j].flag,
						       info->flag_info[j].flag_mask);
	}
}

static void
sctp_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_sctp_info *info = pc->data;

	ut_buf_puts(out, " sctp");
	if (info->flags & UT_SCTP_SRC_PORTS)
		ut_ports_print_range(out, "spt", info->spts,
				     info->invflags & UT_SCTP_SRC_PORTS,
				     "sctp", pc->numeric);
	if (info->flags & UT_SCTP_DEST_PORTS)
		ut_ports_print_range(out, "dpt", info->dpts,
				     info->invflags & UT_SCTP_DEST_PORTS,
				     "sctp", pc->numeric);
	if (info->flags & UT_SCTP_CHUNK_TYPES) {
		if (info->invflags & UT_SCTP_CHUNK_TYPES)
			ut_buf_puts(out, " !");
		sctp_print_chunks(out, info, pc->numeric);
	}
}

static void
sctp_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_sctp_info *info = pc->data;

	if (info->flags & UT_SCTP_SRC_PORTS)
		ut_ports_save_range(out, "sport", info->spts,
				    info->invflags & UT_SCTP_SRC_PORTS);
	if (info->flags & UT_SCTP_DEST_PORTS)
		ut_ports_save_range(out, "dport", info->dpts,
				    info->invflags & UT_SCTP_DEST_PORTS);
	if (info->flags & UT_SCTP_CHUNK_TYPES) {
		if (info->invflags & UT_SCTP_CHUNK_TYPES)
			ut_buf_puts(out, " !");
		ut_buf_puts(out, " --chunk-types");
		sctp_print_chunks(out, info, false);
	}
}

/* sctp_mt_check: what the kernel refuses (silently: no log line). */
static int
sctp_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_sctp_info *info = kc->data;

	if (info->flag_count < 0 || info->flag_count > SCTP_NUM_FLAGS)
		return -EINVAL;
	if ((info->flags | info->invflags) & ~UT_SCTP_VALID_FLAGS)
		return -EINVAL;
	if (info->invflags & ~info->flags)
		return -EINVAL;
	if (!(info->flags & UT_SCTP_CHUNK_TYPES))
		return 0;
	if (info->chunk_match_type & (UT_SCTP_MATCH_ALL | UT_SCTP_MATCH_ANY |
				      UT_SCTP_MATCH_ONLY))
		return 0;
	return -EINVAL;
}

/* sctp_match_flags: match_flags of net/netfilter/xt_sctp.c. The first
 * flag entry naming the chunk type decides; none means no condition.
 * (iptables stores its name-table index as the type, which the kernel
 * compares with the chunk's type as it is.) */
static bool
sctp_match_flags(const struct ut_sctp_info *info, uint8_t type,
		 uint8_t flags)
{
	for (int32_t i = 0; i < info->flag_count && i < SCTP_NUM_FLAGS; i++)
		if (info->flag_info[i].chunktype == type)
			return (flags & info->flag_info[i].flag_mask) ==
			       info->flag_info[i].flag;
	return true;
}

/* sctp_match_chunks: match_packet of net/netfilter/xt_sctp.c. Walks the
 * chunks after the 12-byte common header: at least one chunk is always
 * read; a chunk header (type, flags, length) cut by the end of the
 * packet, or a zero length, hot-drops; each step is the length rounded
 * up to 4. */
static bool
sctp_match_chunks(struct ut_xt_par *par, const struct ut_sctp_info *info)
{
	const struct ut_pkt *p = par->pkt;
	uint32_t left[SCTP_CHUNKMAP_WORDS];
	uint64_t off = (uint64_t)par->thoff + 12;
	uint32_t mtype = info->chunk_match_type;

	if (mtype == UT_SCTP_MATCH_ALL)
		memcpy(left, info->chunkmap, sizeof(left));
	do {
		const uint8_t *ch;
		uint16_t clen;
		bool fl;

		if (off + 4 > p->len) {
			par->hotdrop = true;
			return false;
		}
		ch = p->ip + off;
		clen = ut_get16(ch + 2);
		if (clen == 0) {
			par->hotdrop = true;
			return false;
		}
		off += ((uint32_t)clen + 3) & ~3u;
		if (!sctp_map_is_set(info->chunkmap, ch[0])) {
			if (mtype == UT_SCTP_MATCH_ONLY)
				return false;
			continue;
		}
		fl = sctp_match_flags(info, ch[0], ch[1]);
		switch (mtype) {
		case UT_SCTP_MATCH_ANY:
			if (fl)
				return true;
			break;
		case UT_SCTP_MATCH_ALL:
			if (fl)
				left[ch[0] / 32] &= ~(1u << (ch[0] % 32));
			break;
		case UT_SCTP_MATCH_ONLY:
			if (!fl)
				return false;
			break;
		}
	} while (off < p->len);
	switch (mtype) {
	case UT_SCTP_MATCH_ALL:
		return sctp_map_is_clear(left);
	case UT_SCTP_MATCH_ONLY:
		return true;
	default:
		return false;
	}
}

/* SCCHECK of xt_sctp.c: an option not given is no condition. */
static bool
sctp_check(const struct ut_sctp_info *info, uint32_t opt, bool cond)
{
	return !(info->flags & opt) || (!!(info->invflags & opt) ^ cond);
}

/* sctp_mt: a non-first fragment never matches; less than the 12-byte
 * common header hot-drops; then ports and chunks, in that order (the
 * chunk walk, and its hot-drops, only when the ports passed and
 * --chunk-types was given). */
static bool
sctp_match(struct ut_xt_par *par)
{
	const struct ut_sctp_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	uint16_t sport, dport;

	if (par->fragoff != 0)
		return false;
	if ((uint64_t)par->thoff + 12 > p->len) {
		par->hotdrop = true;
		return false;
	}
	sport = ut_get16(p->ip + par->thoff);
	dport = ut_get16(p->ip + par->thoff + 2);
	if (!sctp_check(info, UT_SCTP_SRC_PORTS,
			sport >= info->spts[0] && sport <= info->spts[1]))
		return false;
	if (!sctp_check(info, UT_SCTP_DEST_PORTS,
			dport >= info->dpts[0] && dport <= info->dpts[1]))
		return false;
	if (!(info->flags & UT_SCTP_CHUNK_TYPES))
		return true;
	return !!(info->invflags & UT_SCTP_CHUNK_TYPES) ^
	       sctp_match_chunks(par, info);
}

const struct ut_ext ut_ext_sctp = {
	.name = "sctp",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_sctp_info),
	.opts = sctp_opts,
	.proto = 132, /* IPPROTO_SCTP */
	.init = sctp_init,
	.parse = sctp_parse,
	.print = sctp_print,
	.save = sctp_save,
	.kcheck = sctp_kcheck,
	.match = sctp_match,
};
