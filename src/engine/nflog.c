/* nflog.c: the kernel's syslog line for an IPv4 packet (LOG and TRACE),
 * as nf_log_syslog.c's nf_log_ip_packet prints it on Linux 6.x:
 *
 *   <prefix>IN=<in> OUT=<out> [MAC=...|MACSRC=... MACDST=... MACPROTO=...]
 *   SRC=... DST=... LEN=... TOS=... PREC=... TTL=... ID=... [CE] [DF] [MF]
 *   [FRAG:n] [OPT (...)] PROTO=... <transport> [UID=u GID=g] [MARK=0x..]
 *
 * Every field ends with one space, so a line ends with a space, except
 * where the kernel stops after "TRUNCATED" or "OPT (TRUNCATED)". The
 * syslog level is not part of the text. Facts measured on Linux 6.18 are
 * in tests/unit/nflog_test.c.
 *
 * Reads are bounded by p->len as skb_header_pointer bounds them by
 * skb->len: a quoted packet inside an ICMP error is read from the same
 * buffer, so its headers may be read past the quoted part when the
 * packet holds more, and a length the kernel computes from a bogus
 * header length wraps around as an unsigned int ("INCOMPLETE
 * [4294967256 bytes]"), as the kernel prints it.
 *
 * Length: the kernel's buffer holds 1016 characters of text; the longest
 * line this can build (a 63-character TRACE prefix, 15-character device
 * names, options in both the error and the quoted header, a TCP header
 * with options, UID and MARK) is about 850, so nothing is ever cut.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "engine/engine.h"
#include "host/host.h"
#include "engine/pkt.h"

/* NF_LOG_PREFIXLEN: nf_log_packet formats the prefix into 128 bytes */
#define NFLOG_PREFIXLEN 128

#define IPH_LEN 20          /* sizeof(struct iphdr) */
#define TCPH_LEN 20         /* sizeof(struct tcphdr) */
#define UDPH_LEN 8
#define ICMPH_LEN 8         /* sizeof(struct icmphdr) */
#define AHH_LEN 12          /* sizeof(struct ip_auth_hdr) */
#define ESPH_LEN 8          /* sizeof(struct ip_esp_hdr) */

#define PROTO_ICMP 1
#define PROTO_TCP 6
#define PROTO_UDP 17
#define PROTO_ESP 50
#define PROTO_AH 51
#define PROTO_UDPLITE 136

#define IPTOS_TOS_MASK 0x1e
#define IPTOS_PREC_MASK 0xe0

enum {
	ICMP_ECHOREPLY = 0,
	ICMP_DEST_UNREACH = 3,
	ICMP_SOURCE_QUENCH = 4,
	ICMP_REDIRECT = 5,
	ICMP_ECHO = 8,
	ICMP_TIME_EXCEEDED = 11,
	ICMP_PARAMETERPROB = 12,
	ICMP_TIMESTAMP = 13,
	ICMP_TIMESTAMPREPLY = 14,
	ICMP_ADDRESS = 17,
	ICMP_ADDRESSREPLY = 18,
	NR_ICMP_TYPES = 18,
};
#define ICMP_FRAG_NEEDED 4  /* a code of ICMP_DEST_UNREACH */

/* the packet as skb_header_pointer sees it: len bytes from data */
struct view {
	const uint8_t *data;
	uint32_t len;
};

/* at: n bytes at off, or NULL when they are not all there (the
 * kernel's skb_header_pointer failing) */
static const uint8_t *
at(const struct view *v, uint32_t off, uint32_t n)
{
	if (off > v->len || n > v->len - off)
		return NULL;
	return v->data + off;
}

static void
put_ip(struct ut_buf *out, const char *name, const uint8_t *a)
{
	ut_buf_printf(out, "%s=%u.%u.%u.%u ", name, a[0], a[1], a[2], a[3]);
}

/* a MAC address or header: lower-case bytes joined by ':' (%pM) */
static void
put_mac(struct ut_buf *out, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ut_buf_printf(out, i ? ":%02x" : "%02x", b[i]);
}

/* options: "OPT (" upper-case bytes ") " */
static void
put_opt(struct ut_buf *out, const uint8_t *b, size_t n)
{
	ut_buf_puts(out, "OPT (");
	for (size_t i = 0; i < n; i++)
		ut_buf_printf(out, "%02X", b[i]);
	ut_buf_puts(out, ") ");
}

/* dump_mac_header: dev is skb->dev, the input device except at
 * POSTROUTING (ip_output sets it to the output device first) */
static void
dump_mac(struct ut_buf *out, const struct ut_pkt *p,
	 const struct ut_iface *dev, unsigned logflags)
{
	const uint8_t *mac = ut_pkt_mac_header(p, dev);

	/* only Ethernet devices decode; lo (ARPHRD_LOOPBACK) falls back */
	if ((logflags & UT_LOG_MACDECODE) && !(dev && dev->loopback)) {
		if (!p->has_mac)
			return;
		ut_buf_puts(out, "MACSRC=");
		put_mac(out, mac + 6, 6);
		ut_buf_puts(out, " MACDST=");
		put_mac(out, mac, 6);
		/* no VPROTO/VID: a priority tag is gone before IP, other
		 * VLAN ids never reach it */
		ut_buf_printf(out, " MACPROTO=%04x ", ut_get16(mac + 12));
		return;
	}
	ut_buf_puts(out, "MAC=");
	if (mac)
		put_mac(out, mac, UT_ETH_HLEN);
	ut_buf_putc(out, ' ');
}

/* what one line is built from */
struct ctx {
	struct ut_buf *out;
	struct view v;
	unsigned logflags;
	const struct ut_pkt *p;
};

/* nf_log_dump_tcp_header: 1 when the line ends here */
static int
dump_tcp(const struct ctx *c, bool fragment, uint32_t off)
{
	static const struct { uint8_t bit; const char *name; } flags[] = {
		{ 0x80, "CWR " }, { 0x40, "ECE " }, { 0x20, "URG " },
		{ 0x10, "ACK " }, { 0x08, "PSH " }, { 0x04, "RST " },
		{ 0x02, "SYN " }, { 0x01, "FIN " },
	};
	struct ut_buf *out = c->out;
	const uint8_t *th, *op;
	unsigned optsize;

	ut_buf_puts(out, "PROTO=TCP ");
	if (fragment)
		return 0;
	th = at(&c->v, off, TCPH_LEN);
	if (!th) {
		ut_buf_printf(out, "INCOMPLETE [%u bytes] ", c->v.len - off);
		return 1;
	}
	ut_buf_printf(out, "SPT=%u DPT=%u ", ut_get16(th), ut_get16(th + 2));
	if (c->logflags & UT_LOG_TCPSEQ)
		ut_buf_printf(out, "SEQ=%u ACK=%u ", ut_get32(th + 4),
			      ut_get32(th + 8));
	ut_buf_printf(out, "WINDOW=%u ", ut_get16(th + 14));
	/* TCP_RESERVED_BITS is 3 bits on 6.x; the fourth is AE */
	ut_buf_printf(out, "RES=0x%02x ", (th[12] & 0x0eu) << 2);
	if (th[12] & 0x01)
		ut_buf_puts(out, "AE ");
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (th[13] & flags[i].bit)
			ut_buf_puts(out, flags[i].name);
	ut_buf_printf(out, "URGP=%u ", ut_get16(th + 18));
	optsize = (th[12] >> 4) * 4u;
	if ((c->logflags & UT_LOG_TCPOPT) && optsize > TCPH_LEN) {
		optsize -= TCPH_LEN;
		op = at(&c->v, off + TCPH_LEN, optsize);
		if (!op) {
			ut_buf_puts(out, "OPT (TRUNCATED)");
			return 1;
		}
		put_opt(out, op, optsize);
	}
	return 0;
}

/* nf_log_dump_udp_header: 1 when the line ends here */
static int
dump_udp(const struct ctx *c, uint8_t proto, bool fragment, uint32_t off)
{
	const uint8_t *uh;

	ut_buf_puts(c->out, proto == PROTO_UDP ? "PROTO=UDP " :
		    "PROTO=UDPLITE ");
	if (fragment)
		return 0;
	uh = at(&c->v, off, UDPH_LEN);
	if (!uh) {
		ut_buf_printf(c->out, "INCOMPLETE [%u bytes] ",
			      c->v.len - off);
		return 1;
	}
	ut_buf_printf(c->out, "SPT=%u DPT=%u LEN=%u ", ut_get16(uh),
		      ut_get16(uh + 2), ut_get16(uh + 4));
	return 0;
}

/* the bytes an ICMP type needs from its header on (0: no check) */
static unsigned
icmp_required_len(uint8_t type)
{
	switch (type) {
	case ICMP_ECHOREPLY:
	case ICMP_ECHO:
		return 4;
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_REDIRECT:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		return ICMPH_LEN + IPH_LEN;
	case ICMP_TIMESTAMP:
	case ICMP_TIMESTAMPREPLY:
		return 20;
	case ICMP_ADDRESS:
	case ICMP_ADDRESSREPLY:
		return 12;
	default:
		return 0;
	}
}

static void dump_ipv4(const struct ctx *c, uint32_t iphoff);

static void
dump_icmp(const struct ctx *c, uint32_t iphoff, uint32_t off, bool fragment)
{
	struct ut_buf *out = c->out;
	const uint8_t *ich;
	uint32_t left = c->v.len - off;  /* wraps like the kernel's */
	unsigned need;

	ut_buf_puts(out, "PROTO=ICMP ");
	if (fragment)
		return;
	ich = at(&c->v, off, ICMPH_LEN);
	if (!ich) {
		ut_buf_printf(out, "INCOMPLETE [%u bytes] ", left);
		return;
	}
	ut_buf_printf(out, "TYPE=%u CODE=%u ", ich[0], ich[1]);
	need = ich[0] <= NR_ICMP_TYPES ? icmp_required_len(ich[0]) : 0;
	if (need && left < need) {
		ut_buf_printf(out, "INCOMPLETE [%u bytes] ", left);
		return;
	}
	switch (ich[0]) {
	case ICMP_ECHOREPLY:
	case ICMP_ECHO:
		ut_buf_printf(out, "ID=%u SEQ=%u ", ut_get16(ich + 4),
			      ut_get16(ich + 6));
		break;
	case ICMP_PARAMETERPROB:
		ut_buf_printf(out, "PARAMETER=%u ", ich[4]);
		break;
	case ICMP_REDIRECT:
		put_ip(out, "GATEWAY", ich + 4);
		/* fall through */
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_TIME_EXCEEDED:
		/* the quoted packet, one level deep only */
		if (iphoff == 0) {
			ut_buf_putc(out, '[');
			dump_ipv4(c, off + ICMPH_LEN);
			ut_buf_puts(out, "] ");
		}
		if (ich[0] == ICMP_DEST_UNREACH && ich[1] == ICMP_FRAG_NEEDED)
			ut_buf_printf(out, "MTU=%u ", ut_get16(ich + 6));
		break;
	default:
		break;
	}
}

/* AH and ESP: "SPI=0x%x " (at 4 in the AH header, 0 in ESP's) */
static void
dump_spi(const struct ctx *c, uint32_t off, uint32_t hlen, uint32_t spioff)
{
	const uint8_t *h = at(&c->v, off, hlen);

	if (!h)
		ut_buf_printf(c->out, "INCOMPLETE [%u bytes] ",
			      c->v.len - off);
	else
		ut_buf_printf(c->out, "SPI=0x%x ", ut_get32(h + spioff));
}

/* the IP header's own fields, up to and with its options; false when
 * the line ends in "TRUNCATED" */
static bool
dump_iph(const struct ctx *c, uint32_t iphoff, const uint8_t *ih)
{
	struct ut_buf *out = c->out;
	uint16_t frag = ut_get16(ih + UT_IP_OFF_FRAG);
	uint32_t ihl = (ih[0] & 0x0fu) * 4u;
	const uint8_t *op;

	put_ip(out, "SRC", ih + UT_IP_OFF_SADDR);
	put_ip(out, "DST", ih + UT_IP_OFF_DADDR);
	/* iph_totlen: tot_len as is (0 only for GSO, never here) */
	ut_buf_printf(out, "LEN=%u TOS=0x%02X PREC=0x%02X TTL=%u ID=%u ",
		      ut_get16(ih + UT_IP_OFF_TOTLEN),
		      ih[UT_IP_OFF_TOS] & IPTOS_TOS_MASK,
		      ih[UT_IP_OFF_TOS] & IPTOS_PREC_MASK, ih[UT_IP_OFF_TTL],
		      ut_get16(ih + UT_IP_OFF_ID));
	if (frag & UT_IP_CE)
		ut_buf_puts(out, "CE ");
	if (frag & UT_IP_DF)
		ut_buf_puts(out, "DF ");
	if (frag & UT_IP_MF)
		ut_buf_puts(out, "MF ");
	if (frag & UT_IP_OFFMASK)
		ut_buf_printf(out, "FRAG:%u ", frag & UT_IP_OFFMASK);
	if ((c->logflags & UT_LOG_IPOPT) && ihl > IPH_LEN) {
		op = at(&c->v, iphoff + IPH_LEN, ihl - IPH_LEN);
		if (!op) {
			ut_buf_puts(out, "TRUNCATED");
			return false;
		}
		put_opt(out, op, ihl - IPH_LEN);
	}
	return true;
}

/* dump_ipv4_packet: the header at iphoff and what follows; the outer
 * one (iphoff 0) ends with nf_log_dump_sk_uid_gid and the mark, which
 * the early returns skip as the kernel's do */
static void
dump_ipv4(const struct ctx *c, uint32_t iphoff)
{
	const uint8_t *ih = at(&c->v, iphoff, IPH_LEN);
	const struct ut_pkt *p = c->p;
	uint32_t thoff;
	uint8_t proto;
	bool fragment;

	if (!ih) {
		ut_buf_puts(c->out, "TRUNCATED");
		return;
	}
	if (!dump_iph(c, iphoff, ih))
		return;
	fragment = (ut_get16(ih + UT_IP_OFF_FRAG) & UT_IP_OFFMASK) != 0;
	thoff = iphoff + (ih[0] & 0x0fu) * 4u;
	proto = ih[UT_IP_OFF_PROTO];
	switch (proto) {
	case PROTO_TCP:
		if (dump_tcp(c, fragment, thoff))
			return;
		break;
	case PROTO_UDP:
	case PROTO_UDPLITE:
		if (dump_udp(c, proto, fragment, thoff))
			return;
		break;
	case PROTO_ICMP:
		dump_icmp(c, iphoff, thoff, fragment);
		break;
	case PROTO_AH:
		/* a non-first AH fragment prints no PROTO at all */
		if (fragment)
			break;
		ut_buf_puts(c->out, "PROTO=AH ");
		dump_spi(c, thoff, AHH_LEN, 4);
		break;
	case PROTO_ESP:
		ut_buf_puts(c->out, "PROTO=ESP ");
		if (!fragment)
			dump_spi(c, thoff, ESPH_LEN, 0);
		break;
	default:
		ut_buf_printf(c->out, "PROTO=%u ", proto);
		break;
	}
	if (iphoff != 0)
		return;
	/* the socket's file credentials: p->has_sock stands for a full
	 * socket with a file (not the kernel's control sockets, not after
	 * loopback_xmit orphaned the skb) */
	if ((c->logflags & UT_LOG_UID) && p->has_sock && !p->sk_kernel)
		ut_buf_printf(c->out, "UID=%u GID=%u ", p->sk_uid, p->sk_gid);
	if (p->mark)
		ut_buf_printf(c->out, "MARK=0x%x ", p->mark);
}

/* ut_nflog_packet: nf_log_ip_packet. The engine is not used (e may be
 * NULL): nf_log_allowed only matters for network namespaces, and the
 * syslog level only chooses the priority, not the text. The line is
 * appended to line. */
void
ut_nflog_packet(struct ut_engine *e, const struct ut_pkt *p,
		enum ut_hook hook, const struct ut_iface *in,
		const struct ut_iface *out, unsigned logflags,
		const char *prefix, struct ut_buf *line)
{
	struct ctx c = {
		.out = line,
		.v = { p->ip, p->ip ? p->len : 0 },
		.logflags = logflags,
		.p = p,
	};
	/* nf_log_packet formats the prefix into NF_LOG_PREFIXLEN bytes */
	size_t plen = prefix ? strnlen(prefix, NFLOG_PREFIXLEN - 1) : 0;

	(void)e;
	/* nf_log_dump_packet_common; no PHYSIN/PHYSOUT without bridges */
	if (plen)
		ut_buf_write(line, prefix, plen);
	ut_buf_printf(line, "IN=%s OUT=%s ", in ? in->name : "",
		      out ? out->name : "");
	/* a MAC header is shown whenever there is an input device: also
	 * at FORWARD and, for forwarded packets, at POSTROUTING */
	if (in)
		dump_mac(line, p, hook == UT_HOOK_POST_ROUTING && out ? out : in,
			 logflags);
	dump_ipv4(&c, 0);
}
