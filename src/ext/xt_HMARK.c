/* xt_HMARK.c: the HMARK target (mark = hash of selected header fields
 * % --hmark-mod + --hmark-offset); reproduces iptables 1.8.9
 * extensions/libxt_HMARK.c (IPv4) and the checkentry of Linux
 * net/netfilter/xt_HMARK.c. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "conntrack/conntrack.h"
#include "engine/engine.h"
#include "rules/jhash.h"
#include "rules/ext.h"
#include "ext/hostmask.h"

/* union hmark_ports (linux/netfilter/xt_HMARK.h): network order */
union ut_hmark_ports {
	struct {
		uint16_t src, dst;
	} p16;
	uint32_t v32;
};

/* struct xt_hmark_info; the address masks are union nf_inet_addr, of
 * which IPv4 uses the first word */
struct ut_hmark_info {
	uint32_t src_mask[4];
	uint32_t dst_mask[4];
	union ut_hmark_ports port_mask;
	union ut_hmark_ports port_set;
	uint32_t flags;  /* 1 << UT_HMARK_* */
	uint16_t proto_mask;
	uint32_t hashrnd;
	uint32_t hmodulus;
	uint32_t hoffset;
};

/* XT_HMARK_*: flag bits; they equal the option ids below, which lets the
 * final check treat "fields chosen by --hmark-tuple" as options given,
 * as libxt_HMARK does by writing its option-seen mask */
enum {
	UT_HMARK_SADDR_MASK = 0,
	UT_HMARK_DADDR_MASK,
	UT_HMARK_SPI,
	UT_HMARK_SPI_MASK,
	UT_HMARK_SPORT,
	UT_HMARK_DPORT,
	UT_HMARK_SPORT_MASK,
	UT_HMARK_DPORT_MASK,
	UT_HMARK_PROTO_MASK,
	UT_HMARK_RND,
	UT_HMARK_MODULUS,
	UT_HMARK_OFFSET,
	UT_HMARK_CT,
	UT_HMARK_METHOD_L3,
	UT_HMARK_METHOD_L3_4,
};
#define HF(x) (1u << UT_HMARK_##x)

enum {
	O_HMARK_SADDR_MASK = UT_HMARK_SADDR_MASK,
	O_HMARK_DADDR_MASK,
	O_HMARK_SPI,
	O_HMARK_SPI_MASK,
	O_HMARK_SPORT,
	O_HMARK_DPORT,
	O_HMARK_SPORT_MASK,
	O_HMARK_DPORT_MASK,
	O_HMARK_PROTO_MASK,
	O_HMARK_RND,
	O_HMARK_MODULUS,
	O_HMARK_OFFSET,
	O_HMARK_CT,
	O_HMARK_TYPE,
};

/* options that select packet fields (libxt_HMARK's HMARK_OPT_PKT_MASK) */
#define HMARK_OPT_PKT_MASK (HF(SADDR_MASK) | HF(DADDR_MASK) | \
	HF(SPI_MASK) | HF(SPORT_MASK) | HF(DPORT_MASK) | HF(PROTO_MASK) | \
	HF(SPORT) | HF(DPORT) | HF(SPI))

#define HI struct ut_hmark_info
static const struct ut_opt hmark_opts[] = {
	{ .name = "hmark-tuple", .id = O_HMARK_TYPE, .type = UT_OPT_STRING },
	/* parsed here, see hmark_parse_plen */
	{ .name = "hmark-src-prefix", .id = O_HMARK_SADDR_MASK,
	  .type = UT_OPT_STRING },
	{ .name = "hmark-dst-prefix", .id = O_HMARK_DADDR_MASK,
	  .type = UT_OPT_STRING },
	{ .name = "hmark-sport-mask", .id = O_HMARK_SPORT_MASK,
	  .type = UT_OPT_UINT16 },
	{ .name = "hmark-dport-mask", .id = O_HMARK_DPORT_MASK,
	  .type = UT_OPT_UINT16 },
	{ .name = "hmark-spi-mask", .id = O_HMARK_SPI_MASK,
	  .type = UT_OPT_UINT32 },
	{ .name = "hmark-sport", .id = O_HMARK_SPORT, .type = UT_OPT_UINT16 },
	{ .name = "hmark-dport", .id = O_HMARK_DPORT, .type = UT_OPT_UINT16 },
	{ .name = "hmark-spi", .id = O_HMARK_SPI, .type = UT_OPT_UINT32 },
	{ .name = "hmark-proto-mask", .id = O_HMARK_PROTO_MASK,
	  .type = UT_OPT_UINT16, .flags = UT_OPTF_PUT,
	  .off = offsetof(HI, proto_mask) },
	{ .name = "hmark-rnd", .id = O_HMARK_RND, .type = UT_OPT_UINT32,
	  .flags = UT_OPTF_PUT, .off = offsetof(HI, hashrnd) },
	{ .name = "hmark-mod", .id = O_HMARK_MODULUS, .type = UT_OPT_UINT32,
	  .min = 1, .flags = UT_OPTF_PUT | UT_OPTF_MAND,
	  .off = offsetof(HI, hmodulus) },
	{ .name = "hmark-offset", .id = O_HMARK_OFFSET, .type = UT_OPT_UINT32,
	  .flags = UT_OPTF_PUT, .off = offsetof(HI, hoffset) },
	UT_OPT_END
};
#undef HI

/* hmark_ipv4_mask: store an IPv4 mask in the 16-byte field. libxt_HMARK
 * fills all 16 bytes with ones for "--hmark-tuple src" and for masks that
 * are not prefixes; only the first word means anything for IPv4, and
 * keeping the rest zero makes the saved form (--hmark-src-prefix 32)
 * parse back to the same bytes, which -D/-C on the state store need. */
static void
hmark_ipv4_mask(uint32_t mask[4], uint32_t mask_nbo)
{
	mask[0] = mask_nbo;
	mask[1] = mask[2] = mask[3] = 0;
}

/* hmark_tuple_word: one --hmark-tuple word; a prefix of a field name
 * selects it whole (first hit in libxt_HMARK's order) */
static int
hmark_tuple_word(const char *word, size_t len, struct ut_hmark_info *info)
{
	if (strncasecmp(word, "ct", len) == 0) {
		info->flags |= HF(CT);
	} else if (strncasecmp(word, "src", len) == 0) {
		hmark_ipv4_mask(info->src_mask, UINT32_MAX);
		info->flags |= HF(SADDR_MASK);
	} else if (strncasecmp(word, "dst", len) == 0) {
		hmark_ipv4_mask(info->dst_mask, UINT32_MAX);
		info->flags |= HF(DADDR_MASK);
	} else if (strncasecmp(word, "sport", len) == 0) {
		info->port_mask.p16.src = 0xffff;
		info->flags |= HF(SPORT_MASK);
	} else if (strncasecmp(word, "dport", len) == 0) {
		info->port_mask.p16.dst = 0xffff;
		info->flags |= HF(DPORT_MASK);
	} else if (strncasecmp(word, "proto", len) == 0) {
		info->proto_mask = 0xffff;
		info->flags |= HF(PROTO_MASK);
	} else if (strncasecmp(word, "spi", len) == 0) {
		info->port_mask.v32 = 0xffffffff;
		info->flags |= HF(SPI_MASK);
	} else {
		return -1;
	}
	return 0;
}

static int
hmark_parse_tuple(struct ut_opt_call *call, struct ut_hmark_info *info)
{
	const char *arg = call->arg, *comma;

	while ((comma = strchr(arg, ',')) != NULL) {
		if (comma == arg ||
		    hmark_tuple_word(arg, (size_t)(comma - arg), info) < 0)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "Bad type \"%s\"", arg);
		arg = comma + 1;
	}
	if (*arg == '\0')
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"\"--hmark-tuple\" requires a list of types with no "
			"spaces, e.g. src,dst,sport,dport,proto");
	if (hmark_tuple_word(arg, strlen(arg), info) < 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Bad type \"%s\"", arg);
	return 0;
}

/* hmark_parse_plen: the mask of --hmark-src-prefix/--hmark-dst-prefix.
 * (The engine's UT_OPT_PLEN reads masks with inet_aton, which takes
 * trailing text.) */
static int
hmark_parse_plen(struct ut_opt_call *call, uint32_t mask[4])
{
	uint32_t m;
	int ret = ut_plenmask_parse(call, call->arg, &m);

	if (ret < 0)
		return ret;
	hmark_ipv4_mask(mask, m);
	return 0;
}

static int
hmark_parse(struct ut_opt_call *call)
{
	struct ut_hmark_info *info = call->data;
	unsigned id = call->opt->id;
	int ret = 0;

	if (id == O_HMARK_TYPE)
		return hmark_parse_tuple(call, info);
	/* a field --hmark-tuple already chose counts as given: libxt_HMARK
	 * sets its option bit, so the engine says "used once" */
	if (info->flags & (1u << id))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"%s: option \"--%s\" can only be used once.\n",
			call->ext_name, call->opt->name);
	switch (id) {
	case O_HMARK_SADDR_MASK:
		ret = hmark_parse_plen(call, info->src_mask);
		break;
	case O_HMARK_DADDR_MASK:
		ret = hmark_parse_plen(call, info->dst_mask);
		break;
	case O_HMARK_SPI:
		info->port_set.v32 = htonl(call->val.u32);
		break;
	case O_HMARK_SPORT:
		info->port_set.p16.src = htons(call->val.u16);
		break;
	case O_HMARK_DPORT:
		info->port_set.p16.dst = htons(call->val.u16);
		break;
	case O_HMARK_SPORT_MASK:
		info->port_mask.p16.src = htons(call->val.u16);
		break;
	case O_HMARK_DPORT_MASK:
		info->port_mask.p16.dst = htons(call->val.u16);
		break;
	case O_HMARK_SPI_MASK:
		info->port_mask.v32 = htonl(call->val.u32);
		break;
	}
	if (ret < 0)
		return ret;
	info->flags |= 1u << id;
	return 0;
}

static int
hmark_final_check(struct ut_fcheck_call *call)
{
	const struct ut_hmark_info *info = call->data;
	/* options given plus fields chosen by --hmark-tuple */
	unsigned xflags = call->xflags | (info->flags & (HF(CT) * 2 - 1));

	if (!(xflags & (1u << O_HMARK_MODULUS)))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "--hmark-mod is mandatory");
	if (!(xflags & (1u << O_HMARK_RND)))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "--hmark-rnd is mandatory");
	if ((xflags & HF(SPI_MASK)) &&
	    (xflags & (HF(SPORT_MASK) | HF(DPORT_MASK))))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"you cannot use --hmark-spi-mask and "
			"--hmark-?port-mask,at the same time");
	if (!(xflags & (HMARK_OPT_PKT_MASK | HF(CT))))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "you have to specify --hmark-tuple at least");
	return 0;
}

/* hmark_put_fields: the part -L prints after the prefixes, each item
 * followed by a space as in libxt_HMARK */
static void
hmark_put_fields(struct ut_buf *out, const struct ut_hmark_info *info)
{
	if (info->flags & HF(SPORT_MASK))
		ut_buf_printf(out, "sport-mask 0x%x ",
			      ntohs(info->port_mask.p16.src));
	if (info->flags & HF(DPORT_MASK))
		ut_buf_printf(out, "dport-mask 0x%x ",
			      ntohs(info->port_mask.p16.dst));
	if (info->flags & HF(SPI_MASK))
		ut_buf_printf(out, "spi-mask 0x%x ",
			      ntohl(info->port_mask.v32));
	if (info->flags & HF(SPORT))
		ut_buf_printf(out, "sport 0x%x ",
			      ntohs(info->port_set.p16.src));
	if (info->flags & HF(DPORT))
		ut_buf_printf(out, "dport 0x%x ",
			      ntohs(info->port_set.p16.dst));
	if (info->flags & HF(SPI))
		ut_buf_printf(out, "spi 0x%x ", ntohl(info->port_set.v32));
	if (info->flags & HF(PROTO_MASK))
		ut_buf_printf(out, "proto-mask 0x%x ", info->proto_mask);
	if (info->flags & HF(RND))
		ut_buf_printf(out, "rnd 0x%x ", info->hashrnd);
}

static void
hmark_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_hmark_info *info = pc->data;

	ut_buf_puts(out, " HMARK ");
	if (info->flags & HF(MODULUS))
		ut_buf_printf(out, "mod %u ", info->hmodulus);
	if (info->flags & HF(OFFSET))
		ut_buf_printf(out, "+ 0x%x ", info->hoffset);
	if (info->flags & HF(CT))
		ut_buf_puts(out, "ct, ");
	/* a non-contiguous mask is -1, printed unsigned as iptables does */
	if (info->flags & HF(SADDR_MASK))
		ut_buf_printf(out, "src-prefix %u ",
			      (unsigned)ut_mask_to_plen(info->src_mask[0]));
	if (info->flags & HF(DADDR_MASK))
		ut_buf_printf(out, "dst-prefix %u ",
			      (unsigned)ut_mask_to_plen(info->dst_mask[0]));
	hmark_put_fields(out, info);
}

static void
hmark_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_hmark_info *info = pc->data;

	if (info->flags & HF(SADDR_MASK))
		ut_buf_printf(out, " --hmark-src-prefix %d",
			      ut_mask_to_plen(info->src_mask[0]));
	if (info->flags & HF(DADDR_MASK))
		ut_buf_printf(out, " --hmark-dst-prefix %d",
			      ut_mask_to_plen(info->dst_mask[0]));
	if (info->flags & HF(SPORT_MASK))
		ut_buf_printf(out, " --hmark-sport-mask 0x%04x",
			      ntohs(info->port_mask.p16.src));
	if (info->flags & HF(DPORT_MASK))
		ut_buf_printf(out, " --hmark-dport-mask 0x%04x",
			      ntohs(info->port_mask.p16.dst));
	if (info->flags & HF(SPI_MASK))
		ut_buf_printf(out, " --hmark-spi-mask 0x%08x",
			      ntohl(info->port_mask.v32));
	if (info->flags & HF(SPORT))
		ut_buf_printf(out, " --hmark-sport 0x%04x",
			      ntohs(info->port_set.p16.src));
	if (info->flags & HF(DPORT))
		ut_buf_printf(out, " --hmark-dport 0x%04x",
			      ntohs(info->port_set.p16.dst));
	if (info->flags & HF(SPI))
		ut_buf_printf(out, " --hmark-spi 0x%08x",
			      ntohl(info->port_set.v32));
	if (info->flags & HF(PROTO_MASK))
		ut_buf_printf(out, " --hmark-proto-mask 0x%02x",
			      info->proto_mask);
	if (info->flags & HF(RND))
		ut_buf_printf(out, " --hmark-rnd 0x%08x", info->hashrnd);
	if (info->flags & HF(MODULUS))
		ut_buf_printf(out, " --hmark-mod %u", info->hmodulus);
	if (info->flags & HF(OFFSET))
		ut_buf_printf(out, " --hmark-offset %u", info->hoffset);
	if (info->flags & HF(CT))
		ut_buf_puts(out, " --hmark-tuple ct");
}

/* hmark_tg_check */
static int
hmark_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_hmark_info *info = kc->data;
	const char *msg = "proto mask must be zero with L3 mode";

	if (!info->hmodulus)
		return -EINVAL;
	if (info->proto_mask && (info->flags & HF(METHOD_L3)))
		goto log;
	if ((info->flags & HF(SPI_MASK)) &&
	    (info->flags & (HF(SPORT_MASK) | HF(DPORT_MASK))))
		return -EINVAL;
	if ((info->flags & HF(SPI)) &&
	    (info->flags & (HF(SPORT) | HF(DPORT)))) {
		msg = "spi-set and port-set can't be combined";
		goto log;
	}
	return 0;
log:
	ut_buf_printf(kc->dmesg, "xt_HMARK: %s", msg);
	return -EINVAL;
}

/* ---- evaluation (hmark_tg_v4) ------------------------------------------- */

/* struct hmark_tuple: addresses in network order; ports as the kernel
 * keeps them after the swap (a number, not bytes) */
struct hmark_tuple {
	uint32_t src, dst;
	uint32_t ports;
	uint8_t proto;
};

/* hmark_swap_ports: raw holds the 4 bytes as they are on the wire; the
 * masks and the set value apply to those bytes, then the larger port
 * goes high, so both directions give the same number */
static uint32_t
hmark_swap_ports(const uint8_t raw[4], const struct ut_hmark_info *info)
{
	const uint8_t *m = (const uint8_t *)&info->port_mask;
	const uint8_t *s = (const uint8_t *)&info->port_set;
	uint8_t hp[4];
	uint16_t src, dst;

	for (int i = 0; i < 4; i++)
		hp[i] = (uint8_t)((raw[i] & m[i]) | s[i]);
	src = ut_get16(hp);
	dst = ut_get16(hp + 2);
	return dst > src ? (uint32_t)dst << 16 | src : (uint32_t)src << 16 | dst;
}

/* proto_ports_offset: where the 32 bits to hash start (ports, or the
 * ESP/AH SPI); -1: a protocol without them */
static int
hmark_ports_offset(uint8_t proto)
{
	switch (proto) {
	case 6: case 17: case 33: case 50: case 132: case 136:
		return 0;
	case 51:
		return 4;
	default:
		return -1;
	}
}

/* hmark_ct_set_htuple: the connection's original source and reply
 * source, whichever direction the packet goes */
static int
hmark_ct_tuple(const struct ut_pkt *p, const struct ut_hmark_info *info,
	       struct hmark_tuple *t)
{
	unsigned ctinfo;
	const struct ut_conn *ct = ut_ct_get(p, &ctinfo);
	uint8_t raw[4];

	if (!ct)
		return -1;
	t->src = ct->tuple[0].src & info->src_mask[0];
	t->dst = ct->tuple[1].src & info->dst_mask[0];
	if (info->flags & HF(METHOD_L3))
		return 0;
	t->proto = ct->tuple[0].proto;
	if (t->proto != 1) {
		ut_put16(raw, ct->tuple[0].sport);
		ut_put16(raw + 2, ct->tuple[1].sport);
		t->ports = hmark_swap_ports(raw, info);
	}
	return 0;
}

/* get_inner_hdr: an ICMP error is hashed on the datagram it quotes */
static bool
hmark_icmp_error(const struct ut_pkt *p, unsigned off)
{
	uint8_t type;

	if (p->len < off + 8)
		return false;
	type = p->ip[off];
	return type == 3 || type == 4 || type == 5 || type == 11 ||
	       type == 12;
}

/* hmark_pkt_set_htuple_ipv4 */
static int
hmark_pkt_tuple(const struct ut_pkt *p, const struct ut_hmark_info *info,
		struct hmark_tuple *t)
{
	unsigned nhoff = 0, hl;
	const uint8_t *ip = p->ip;
	int poff;

	if (ut_ip_proto(p) == 1 && hmark_icmp_error(p, ut_ip_hlen(p))) {
		nhoff = ut_ip_hlen(p) + 8;
		if (p->len < nhoff + 20)
			return -1;
		ip = p->ip + nhoff;
	}
	memcpy(&t->src, ip + UT_IP_OFF_SADDR, 4);
	memcpy(&t->dst, ip + UT_IP_OFF_DADDR, 4);
	t->src &= info->src_mask[0];
	t->dst &= info->dst_mask[0];
	if (info->flags & HF(METHOD_L3))
		return 0;
	t->proto = ip[UT_IP_OFF_PROTO];
	if (t->proto == 1 || (ut_get16(ip + UT_IP_OFF_FRAG) & 0x3fff))
		return 0;
	poff = hmark_ports_offset(t->proto);
	hl = (ip[0] & 0x0fu) * 4u;
	if (poff < 0 || p->len < nhoff + hl + (unsigned)poff + 4)
		return 0;
	t->ports = hmark_swap_ports(p->ip + nhoff + hl + poff, info);
	return 0;
}

/* hmark_hash: endian-independent, the smaller address first; scaled
 * into [offset, offset + mod) by reciprocal_scale */
static uint32_t
hmark_hash(const struct hmark_tuple *t, const struct ut_hmark_info *info)
{
	uint32_t src = ntohl(t->src), dst = ntohl(t->dst), h;

	if (dst < src) {
		uint32_t x = src;

		src = dst;
		dst = x;
	}
	h = ut_jhash_3words(src, dst, t->ports, info->hashrnd);
	h ^= t->proto & info->proto_mask;
	return (uint32_t)(((uint64_t)h * info->hmodulus) >> 32) + info->hoffset;
}

static unsigned
hmark_tg(struct ut_xt_par *par)
{
	const struct ut_hmark_info *info = par->data;
	struct hmark_tuple t = { 0 };
	int r = info->flags & HF(CT) ? hmark_ct_tuple(par->pkt, info, &t) :
				       hmark_pkt_tuple(par->pkt, info, &t);

	if (r == 0)
		par->pkt->mark = hmark_hash(&t, info);
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_HMARK = {
	.name = "HMARK",
	.revision = 0,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_hmark_info),
	.opts = hmark_opts,
	.parse = hmark_parse,
	.final_check = hmark_final_check,
	.print = hmark_print,
	.save = hmark_save,
	.kcheck = hmark_kcheck,
	.target = hmark_tg,
};
