/* xt_dccp.c: the dccp match (-p dccp [-m dccp] --sport/--dport/
 * --dccp-types/--dccp-option); reproduces iptables 1.8.9
 * extensions/libxt_dccp.c and the checkentry and match of Linux
 * net/netfilter/xt_dccp.c. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/engine.h"
#include "rules/ext.h"
#include "ext/ports.h"

/* struct xt_dccp_info (linux/netfilter/xt_dccp.h) */
struct ut_dccp_info {
	uint16_t dpts[2];  /* destination port range, host order */
	uint16_t spts[2];  /* source port range */
	uint16_t flags;    /* UT_DCCP_* given */
	uint16_t invflags; /* UT_DCCP_* inverted */
	uint16_t typemask; /* bit n = DCCP packet type n */
	uint8_t option;    /* DCCP option number that must be present */
};

enum {
	UT_DCCP_SRC_PORTS = 0x01,
	UT_DCCP_DEST_PORTS = 0x02,
	UT_DCCP_TYPE = 0x04,
	UT_DCCP_OPTION = 0x08,
	UT_DCCP_VALID_FLAGS = 0x0f,
};

enum {
	O_SPORT = 0,
	O_DPORT,
	O_TYPES,
	O_OPTION,
};

static const struct ut_opt dccp_opts[] = {
	{ .name = "source-port", .id = O_SPORT, .type = UT_OPT_PORTRC,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_dccp_info, spts) },
	{ .name = "sport", .id = O_SPORT, .type = UT_OPT_PORTRC,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_dccp_info, spts) },
	{ .name = "destination-port", .id = O_DPORT, .type = UT_OPT_PORTRC,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_dccp_info, dpts) },
	{ .name = "dport", .id = O_DPORT, .type = UT_OPT_PORTRC,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_dccp_info, dpts) },
	{ .name = "dccp-types", .id = O_TYPES, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT },
	{ .name = "dccp-option", .id = O_OPTION, .type = UT_OPT_UINT8,
	  .min = 1, .max = UINT8_MAX, .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_dccp_info, option) },
	UT_OPT_END
};

/* DCCP packet types by number (DCCP_PKT_*); INVALID (10) also stands
 * for the unassigned types 11-15. */
static const char *const dccp_pkt_types[] = {
	"REQUEST", "RESPONSE", "DATA", "ACK", "DATAACK", "CLOSEREQ", "CLOSE",
	"RESET", "SYNC", "SYNCACK", "INVALID",
};
#define N_DCCP_PKT_TYPES (sizeof(dccp_pkt_types) / sizeof(dccp_pkt_types[0]))
#define DCCP_PKT_INVALID 10
#define DCCP_INVALID_OTHER_MASK 0xf800 /* types 11-15 */

/* dccp_parse_types: "NAME,..." in any case; empty items are skipped as
 * strtok does (so "" gives an empty mask). */
static int
dccp_parse_types(struct ut_opt_call *call, uint16_t *mask)
{
	char *buf = strdup(call->arg), *tok, *save = NULL;
	int ret = 0;

	if (!buf)
		return ut_err_set(call->err, UT_RESOURCE_PROBLEM,
				  "strdup: %s", strerror(errno));
	*mask = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		unsigned i;

		for (i = 0; i < N_DCCP_PKT_TYPES; i++)
			if (strcasecmp(dccp_pkt_types[i], tok) == 0)
				break;
		if (i == N_DCCP_PKT_TYPES) {
			ret = ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					 "Unknown DCCP type `%s'", tok);
			break;
		}
		*mask |= (uint16_t)(1u << i);
	}
	if (*mask & (1u << DCCP_PKT_INVALID))
		*mask |= DCCP_INVALID_OTHER_MASK;
	free(buf);
	return ret;
}

static int
dccp_parse(struct ut_opt_call *call)
{
	struct ut_dccp_info *info = call->data;
	uint16_t bit = 0;
	int ret;

	switch (call->opt->id) {
	case O_SPORT:
		bit = UT_DCCP_SRC_PORTS;
		break;
	case O_DPORT:
		bit = UT_DCCP_DEST_PORTS;
		break;
	case O_TYPES:
		bit = UT_DCCP_TYPE;
		ret = dccp_parse_types(call, &info->typemask);
		if (ret < 0)
			return ret;
		break;
	case O_OPTION:
		bit = UT_DCCP_OPTION;
		break;
	}
	info->flags |= bit;
	if (call->invert)
		info->invflags |= bit;
	return 0;
}

/* dccp_print_types: " REQUEST,INVALID" or numbers with -n; by name,
 * INVALID ends the list (it covers 11-15). */
static void
dccp_print_types(struct ut_buf *out, uint16_t types, bool invert,
		 bool numeric)
{
	bool first = true;

	if (invert)
		ut_buf_puts(out, " !");
	ut_buf_putc(out, ' ');
	for (unsigned i = 0; i < 16; i++) {
		if (!(types & (1u << i)))
			continue;
		if (!first)
			ut_buf_putc(out, ',');
		first = false;
		if (numeric) {
			ut_buf_printf(out, "%u", i);
			continue;
		}
		ut_buf_puts(out, i < N_DCCP_PKT_TYPES ? dccp_pkt_types[i] :
						       "(null)");
		if (i == DCCP_PKT_INVALID)
			break;
	}
}

static void
dccp_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_dccp_info *info = pc->data;

	ut_buf_puts(out, " dccp");
	if (info->flags & UT_DCCP_SRC_PORTS)
		ut_ports_print_range(out, "spt", info->spts,
				     info->invflags & UT_DCCP_SRC_PORTS,
				     "dccp", pc->numeric);
	if (info->flags & UT_DCCP_DEST_PORTS)
		ut_ports_print_range(out, "dpt", info->dpts,
				     info->invflags & UT_DCCP_DEST_PORTS,
				     "dccp", pc->numeric);
	if (info->flags & UT_DCCP_TYPE)
		dccp_print_types(out, info->typemask,
				 info->invflags & UT_DCCP_TYPE, pc->numeric);
	if ((info->flags & UT_DCCP_OPTION) &&
	    (info->option || (info->invflags & UT_DCCP_OPTION)))
		ut_buf_printf(out, " option=%s%u",
			      info->invflags & UT_DCCP_OPTION ? "!" : "",
			      info->option);
}

static void
dccp_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_dccp_info *info = pc->data;

	if (info->flags & UT_DCCP_SRC_PORTS)
		ut_ports_save_range(out, "sport", info->spts,
				    info->invflags & UT_DCCP_SRC_PORTS);
	if (info->flags & UT_DCCP_DEST_PORTS)
		ut_ports_save_range(out, "dport", info->dpts,
				    info->invflags & UT_DCCP_DEST_PORTS);
	if (info->flags & UT_DCCP_TYPE) {
		ut_buf_printf(out, "%s --dccp-types",
			      info->invflags & UT_DCCP_TYPE ? " !" : "");
		dccp_print_types(out, info->typemask, false, false);
	}
	if (info->flags & UT_DCCP_OPTION)
		ut_buf_printf(out, "%s --dccp-option %u",
			      info->invflags & UT_DCCP_OPTION ? " !" : "",
			      info->option);
}

/* dccp_mt_check: what the kernel refuses (silently: no log line). */
static int
dccp_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_dccp_info *info = kc->data;

	if ((info->flags | info->invflags) & ~UT_DCCP_VALID_FLAGS)
		return -EINVAL;
	if (info->invflags & ~info->flags)
		return -EINVAL;
	return 0;
}

/* dccp_hdr_len: __dccp_hdr_len of include/linux/dccp.h: the 12-byte
 * generic header, 4 more with the extended sequence number (X, bit 0 of
 * byte 8), and the type's part (dccp_packet_hdr_len: DATA none, REQUEST
 * 4, the acknowledging types 8, RESPONSE and everything else 12). */
static unsigned
dccp_hdr_len(const uint8_t *dh)
{
	unsigned type = (dh[8] >> 1) & 0x0f, len = (dh[8] & 1) ? 16 : 12;

	switch (type) {
	case 2:  /* DATA */
		return len;
	case 3: case 4: case 5: case 6: case 8: case 9:
		return len + 8;   /* ACK DATAACK CLOSEREQ CLOSE SYNC SYNCACK */
	case 0:  /* REQUEST */
		return len + 4;
	default: /* RESPONSE, RESET, INVALID ... */
		return len + 12;
	}
}

/* dccp_find_option of net/netfilter/xt_dccp.c: a data offset below the
 * header length, or an option area cut by the end of the packet,
 * hot-drops; no options is no match. Options 0-1 are one byte, the
 * others step by their length byte (0 counts as 1); a length byte past
 * the area ends the walk whatever its value. */
static bool
dccp_find_option(struct ut_xt_par *par, const uint8_t *dh, uint8_t option)
{
	const struct ut_pkt *p = par->pkt;
	unsigned hlen = dccp_hdr_len(dh), doff = dh[4] * 4u, optlen, i;
	const uint8_t *op;

	if (doff < hlen) {
		par->hotdrop = true;
		return false;
	}
	optlen = doff - hlen;
	if (optlen == 0)
		return false;
	if ((uint64_t)par->thoff + doff > p->len) {
		par->hotdrop = true;
		return false;
	}
	op = dh + hlen;
	for (i = 0; i < optlen;) {
		if (op[i] == option)
			return true;
		if (op[i] < 2 || i + 1 >= optlen)
			i++;
		else
			i += op[i + 1] ? op[i + 1] : 1;
	}
	return false;
}

/* DCCHECK of xt_dccp.c: an option not given is no condition. */
static bool
dccp_check(const struct ut_dccp_info *info, uint16_t opt, bool cond)
{
	return !(info->flags & opt) || (!!(info->invflags & opt) ^ cond);
}

/* dccp_mt: a non-first fragment never matches; less than the 12-byte
 * generic header hot-drops; then ports, type, option in that order (the
 * option search, and its hot-drops, only if the others passed). */
static bool
dccp_match(struct ut_xt_par *par)
{
	const struct ut_dccp_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	const uint8_t *dh;
	uint16_t sport, dport;

	if (par->fragoff != 0)
		return false;
	if ((uint64_t)par->thoff + 12 > p->len) {
		par->hotdrop = true;
		return false;
	}
	dh = p->ip + par->thoff;
	sport = ut_get16(dh);
	dport = ut_get16(dh + 2);
	if (!dccp_check(info, UT_DCCP_SRC_PORTS,
			sport >= info->spts[0] && sport <= info->spts[1]))
		return false;
	if (!dccp_check(info, UT_DCCP_DEST_PORTS,
			dport >= info->dpts[0] && dport <= info->dpts[1]))
		return false;
	if (!dccp_check(info, UT_DCCP_TYPE,
			info->typemask & (1u << ((dh[8] >> 1) & 0x0f))))
		return false;
	if (!(info->flags & UT_DCCP_OPTION))
		return true;
	return !!(info->invflags & UT_DCCP_OPTION) ^
	       dccp_find_option(par, dh, info->option);
}

const struct ut_ext ut_ext_dccp = {
	.name = "dccp",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_dccp_info),
	.opts = dccp_opts,
	.proto = 33, /* IPPROTO_DCCP */
	.parse = dccp_parse,
	.print = dccp_print,
	.save = dccp_save,
	.kcheck = dccp_kcheck,
	.match = dccp_match,
};
