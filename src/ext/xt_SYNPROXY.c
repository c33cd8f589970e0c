/* xt_SYNPROXY.c: the SYNPROXY target (--sack-perm, --timestamp, --wscale,
 * --mss, --ecn); reproduces iptables 1.8.9 extensions/libxt_SYNPROXY.c
 * and Linux net/netfilter/xt_SYNPROXY.c (INPUT/FORWARD, -p tcp) with the
 * IPv4 half of nf_synproxy_core.c.
 *
 * How a connection goes (the usual setup: SYNs untracked in raw,
 * `--ctstate INVALID,UNTRACKED -j SYNPROXY`, nf_conntrack_tcp_loose=0):
 *  1. the client's SYN reaches the target: answered with a SYN/ACK
 *     whose sequence number is a syncookie (engine/syncookie.c) and
 *     whose window is 0; the SYN goes no further (stolen);
 *  2. the client's ACK (INVALID: no entry) reaches the target: if its
 *     ACK number - 1 is a good cookie, SYNPROXY sends the server a SYN
 *     of the client's (its ISN, the options the cookie and the
 *     timestamp's low bits carried) through OUTPUT with the synproxy
 *     template, so the entry it makes carries a struct ut_ct_synproxy;
 *     a bad cookie: dropped;
 *  3. POSTROUTING/INPUT hook (priority just before confirm): the
 *     server's SYN records the cookie (isn) and the timestamp echoed
 *     (its); the server's SYN/ACK is answered with the client's ACK
 *     to the server, the reply direction's sequence numbers are shifted
 *     from the server's ISN to the cookie (seqadj), and the client gets
 *     an ACK that opens its window; the SYN/ACK goes no further;
 *  4. from then on the same hook moves timestamps by tsoff, and
 *     conntrack's confirm shifts sequence numbers.
 * Counters as the kernel's /proc/net/stat/synproxy (one line per CPU up
 * to the HOST's `cpu`, the counts on that CPU). */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "conntrack/conntrack.h"
#include "conntrack/ct_int.h"
#include "engine/engine.h"
#include "engine/hook.h"
#include "engine/icmp.h"
#include "engine/syncookie.h"
#include "rules/ext.h"

/* struct xt_synproxy_info (linux/netfilter/xt_SYNPROXY.h) */
struct ut_synproxy_info {
	uint8_t options;  /* UT_SYNPROXY_OPT_* */
	uint8_t wscale;
	uint16_t mss;
};

enum {
	UT_SYNPROXY_OPT_MSS = 0x01,
	UT_SYNPROXY_OPT_WSCALE = 0x02,
	UT_SYNPROXY_OPT_SACK_PERM = 0x04,
	UT_SYNPROXY_OPT_TIMESTAMP = 0x08,
	UT_SYNPROXY_OPT_ECN = 0x10,
};

enum {
	O_SACK_PERM = 0,
	O_TIMESTAMP,
	O_WSCALE,
	O_MSS,
	O_ECN,
};

static const struct ut_opt synproxy_opts[] = {
	{ .name = "sack-perm", .id = O_SACK_PERM, .type = UT_OPT_NONE },
	{ .name = "timestamp", .id = O_TIMESTAMP, .type = UT_OPT_NONE },
	{ .name = "wscale", .id = O_WSCALE, .type = UT_OPT_UINT32 },
	{ .name = "mss", .id = O_MSS, .type = UT_OPT_UINT32 },
	{ .name = "ecn", .id = O_ECN, .type = UT_OPT_NONE },
	UT_OPT_END
};

/* --wscale and --mss take any 32-bit number and keep its low 8/16 bits,
 * as iptables' assignment to the narrower fields does */
static int
synproxy_parse(struct ut_opt_call *call)
{
	struct ut_synproxy_info *info = call->data;

	switch (call->opt->id) {
	case O_SACK_PERM:
		info->options |= UT_SYNPROXY_OPT_SACK_PERM;
		break;
	case O_TIMESTAMP:
		info->options |= UT_SYNPROXY_OPT_TIMESTAMP;
		break;
	case O_WSCALE:
		info->options |= UT_SYNPROXY_OPT_WSCALE;
		info->wscale = (uint8_t)call->val.u32;
		break;
	case O_MSS:
		info->options |= UT_SYNPROXY_OPT_MSS;
		info->mss = (uint16_t)call->val.u32;
		break;
	case O_ECN:
		info->options |= UT_SYNPROXY_OPT_ECN;
		break;
	}
	return 0;
}

/* -L keeps libxt_SYNPROXY's trailing space after each item */
static void
synproxy_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_synproxy_info *info = pc->data;

	ut_buf_puts(out, " SYNPROXY ");
	if (info->options & UT_SYNPROXY_OPT_SACK_PERM)
		ut_buf_puts(out, "sack-perm ");
	if (info->options & UT_SYNPROXY_OPT_TIMESTAMP)
		ut_buf_puts(out, "timestamp ");
	if (info->options & UT_SYNPROXY_OPT_WSCALE)
		ut_buf_printf(out, "wscale %u ", info->wscale);
	if (info->options & UT_SYNPROXY_OPT_MSS)
		ut_buf_printf(out, "mss %u ", info->mss);
	if (info->options & UT_SYNPROXY_OPT_ECN)
		ut_buf_puts(out, "ecn ");
}

static void
synproxy_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_synproxy_info *info = pc->data;

	if (info->options & UT_SYNPROXY_OPT_SACK_PERM)
		ut_buf_puts(out, " --sack-perm");
	if (info->options & UT_SYNPROXY_OPT_TIMESTAMP)
		ut_buf_puts(out, " --timestamp");
	if (info->options & UT_SYNPROXY_OPT_WSCALE)
		ut_buf_printf(out, " --wscale %u", info->wscale);
	if (info->options & UT_SYNPROXY_OPT_MSS)
		ut_buf_printf(out, " --mss %u", info->mss);
	if (info->options & UT_SYNPROXY_OPT_ECN)
		ut_buf_puts(out, " --ecn");
}

/* synproxy_tg4_check: -p tcp, checked by hand without a log line (the
 * target has no .proto, so the generic message does not appear) */
static int
synproxy_kcheck(const struct ut_kcheck *kc)
{
	if (kc->ip->proto != 6 || (kc->ip->invflags & UT_INV_PROTO))
		return -EINVAL;
	return 0;
}

/* ---- evaluation --------------------------------------------------------- */

#define TCPOPT_EOL 0
#define TCPOPT_NOP 1
#define TCPOPT_MSS 2
#define TCPOPT_WINDOW 3
#define TCPOPT_SACK_PERM 4
#define TCPOPT_TIMESTAMP 8
#define TCP_MAX_WSCALE 14

enum { TH_FIN = 0x01, TH_SYN = 0x02, TH_RST = 0x04, TH_ACK = 0x10,
       TH_ECE = 0x40, TH_CWR = 0x80 };

/* struct synproxy_options */
struct sp_opts {
	uint8_t options;   /* UT_SYNPROXY_OPT_* */
	uint8_t wscale;
	uint16_t mss_option, mss_encode;
	uint32_t tsval, tsecr;
};

/* synproxy_net: the per-engine part, shared by every SYNPROXY rule */
struct sp_net {
	struct ut_ct_template tmpl;
	uint32_t syn_received, cookie_invalid, cookie_valid, cookie_retrans,
		 conn_reopened;
};

/* synproxy_parse_options: false when the options are not all in the
 * packet (the kernel's skb_header_pointer fails: the caller drops), and
 * for a data offset below 5 (measured on 6.18: the SYN is dropped,
 * syn_received not counted) */
static bool
parse_options(const struct ut_pkt *p, unsigned thoff, struct sp_opts *o)
{
	const uint8_t *th = p->ip + thoff;
	int length = (int)((th[12] >> 4) * 4u) - 20;
	const uint8_t *ptr = th + 20;

	if (length < 0 || thoff + 20 + (unsigned)length > p->len)
		return false;
	o->options = 0;
	while (length > 0) {
		int opcode = *ptr++, opsize;

		if (opcode == TCPOPT_EOL)
			return true;
		if (opcode == TCPOPT_NOP) {
			length--;
			continue;
		}
		/* a kind in the last byte: whatever follows ends the
		 * parse in the kernel (too small or too large a size) */
		opsize = length > 1 ? *ptr : 0;
		ptr++;
		if (opsize < 2 || opsize > length)
			return true;
		if (opcode == TCPOPT_MSS && opsize == 4) {
			o->mss_option = ut_get16(ptr);
			o->options |= UT_SYNPROXY_OPT_MSS;
		} else if (opcode == TCPOPT_WINDOW && opsize == 3) {
			o->wscale = *ptr > TCP_MAX_WSCALE ? TCP_MAX_WSCALE :
				    *ptr;
			o->options |= UT_SYNPROXY_OPT_WSCALE;
		} else if (opcode == TCPOPT_TIMESTAMP && opsize == 10) {
			o->tsval = ut_get32(ptr);
			o->tsecr = ut_get32(ptr + 4);
			o->options |= UT_SYNPROXY_OPT_TIMESTAMP;
		} else if (opcode == TCPOPT_SACK_PERM && opsize == 2) {
			o->options |= UT_SYNPROXY_OPT_SACK_PERM;
		}
		ptr += opsize - 2;
		length -= opsize;
	}
	return true;
}

/* synproxy_options_size */
static unsigned
options_size(const struct sp_opts *o)
{
	unsigned size = 0;

	if (o->options & UT_SYNPROXY_OPT_MSS)
		size += 4;
	if (o->options & UT_SYNPROXY_OPT_TIMESTAMP)
		size += 12;
	else if (o->options & UT_SYNPROXY_OPT_SACK_PERM)
		size += 4;
	if (o->options & UT_SYNPROXY_OPT_WSCALE)
		size += 4;
	return size;
}

/* synproxy_build_options: MSS; SACK-permitted folded into the
 * timestamp's word when both are there, else after two NOPs; window
 * scale after a NOP */
static void
build_options(uint8_t *opt, const struct sp_opts *o)
{
	if (o->options & UT_SYNPROXY_OPT_MSS) {
		opt[0] = TCPOPT_MSS;
		opt[1] = 4;
		ut_put16(opt + 2, o->mss_option);
		opt += 4;
	}
	if (o->options & UT_SYNPROXY_OPT_TIMESTAMP) {
		bool sack = o->options & UT_SYNPROXY_OPT_SACK_PERM;

		opt[0] = sack ? TCPOPT_SACK_PERM : TCPOPT_NOP;
		opt[1] = sack ? 2 : TCPOPT_NOP;
		opt[2] = TCPOPT_TIMESTAMP;
		opt[3] = 10;
		ut_put32(opt + 4, o->tsval);
		ut_put32(opt + 8, o->tsecr);
		opt += 12;
	} else if (o->options & UT_SYNPROXY_OPT_SACK_PERM) {
		opt[0] = TCPOPT_NOP;
		opt[1] = TCPOPT_NOP;
		opt[2] = TCPOPT_SACK_PERM;
		opt[3] = 2;
		opt += 4;
	}
	if (o->options & UT_SYNPROXY_OPT_WSCALE) {
		opt[0] = TCPOPT_NOP;
		opt[1] = TCPOPT_WINDOW;
		opt[2] = 3;
		opt[3] = o->wscale;
	}
}

/* tcp_clock_ms: the host's TCP timestamp clock, milliseconds since its
 * boot, here since the packet clock started */
static uint32_t
tcp_clock_ms(const struct ut_engine *e)
{
	return (uint32_t)((ut_engine_now_ns(e) - ut_engine_start_ns(e)) /
			  1000000u);
}

/* synproxy_init_timestamp_cookie: the SYN/ACK's TSval carries in its low
 * 6 bits the client's window scale (0xf: none), SACK-permitted and ECN,
 * which the client echoes back in its ACK's TSecr */
static void
init_timestamp_cookie(const struct ut_engine *e,
		      const struct ut_synproxy_info *info, struct sp_opts *o)
{
	o->tsecr = o->tsval;
	o->tsval = tcp_clock_ms(e) & ~0x3fu;
	if (o->options & UT_SYNPROXY_OPT_WSCALE) {
		o->tsval |= o->wscale;
		o->wscale = info->wscale;
	} else {
		o->tsval |= 0xf;
	}
	if (o->options & UT_SYNPROXY_OPT_SACK_PERM)
		o->tsval |= 1u << 4;
	if (o->options & UT_SYNPROXY_OPT_ECN)
		o->tsval |= 1u << 5;
}

/* synproxy_check_timestamp_cookie */
static void
check_timestamp_cookie(struct sp_opts *o)
{
	o->wscale = o->tsecr & 0xf;
	if (o->wscale != 0xf)
		o->options |= UT_SYNPROXY_OPT_WSCALE;
	if (o->tsecr & (1u << 4))
		o->options |= UT_SYNPROXY_OPT_SACK_PERM;
	if (o->tsecr & (1u << 5))
		o->options |= UT_SYNPROXY_OPT_ECN;
}

/* the fields of a segment SYNPROXY builds (host order) */
struct sp_seg {
	bool reverse;        /* from p's destination to its source */
	uint32_t seq, ack;
	uint8_t flags;
	uint16_t window;
};

/* synproxy_build_ip + the TCP header + synproxy_send_tcp: an IPv4/TCP
 * packet between p's addresses and ports (ID 0, DF, TOS 0, TTL
 * ip_default_ttl), checksums done, sent with ip_local_out carrying ct
 * and ctinfo (ct NULL: none; untracked: UNTRACKED) */
static void
send_segment(struct ut_engine *e, const struct ut_pkt *p, unsigned thoff,
	     const struct sp_seg *sg, const struct sp_opts *o,
	     struct ut_conn *ct, unsigned ctinfo, bool untracked,
	     const struct ut_ct_template *tmpl)
{
	const uint8_t *oth = p->ip + thoff;
	unsigned thlen = 20 + options_size(o);
	struct ut_pkt *q = ut_pkt_new(NULL, 0, 20 + thlen);
	uint8_t *ip, *th;

	if (!q)
		return;
	ip = q->ip;
	th = ip + 20;
	memset(ip, 0, 20 + thlen);
	ip[0] = 0x45;
	ut_put16(ip + UT_IP_OFF_TOTLEN, (uint16_t)(20 + thlen));
	ut_put16(ip + UT_IP_OFF_FRAG, UT_IP_DF);
	ip[UT_IP_OFF_TTL] = (uint8_t)ut_engine_host(e)->ip_default_ttl;
	ip[UT_IP_OFF_PROTO] = 6;
	memcpy(ip + UT_IP_OFF_SADDR, p->ip + (sg->reverse ? UT_IP_OFF_DADDR :
					      UT_IP_OFF_SADDR), 4);
	memcpy(ip + UT_IP_OFF_DADDR, p->ip + (sg->reverse ? UT_IP_OFF_SADDR :
					      UT_IP_OFF_DADDR), 4);
	ut_ip_send_check(ip);
	memcpy(th, oth + (sg->reverse ? 2 : 0), 2);
	memcpy(th + 2, oth + (sg->reverse ? 0 : 2), 2);
	ut_put32(th + 4, sg->seq);
	ut_put32(th + 8, sg->ack);
	th[12] = (uint8_t)((thlen / 4) << 4);
	th[13] = sg->flags;
	ut_put16(th + 14, sg->window);
	build_options(th + 20, o);
	ut_put16(th + 16, ut_l4_csum(ip, th, thlen, 6));
	q->len = 20 + thlen;
	q->tstamp_ns = p->tstamp_ns;
	q->number = p->number;
	q->pkttype = UT_PACKET_HOST;
	q->host_built = true;
	if (untracked)
		ut_ct_set_untracked(q);
	else if (ct)
		ut_ct_attach(q, ct, ctinfo);
	else if (tmpl)
		ut_ct_set_template(q, tmpl);
	ut_ip_local_out(e, q);
}

/* synproxy_send_client_synack: the cookie as ISN, window 0, ECE when
 * ECN is agreed; belongs to the SYN's connection (untracked in the
 * usual setup) */
static void
send_client_synack(struct ut_engine *e, const struct ut_pkt *p,
		   unsigned thoff, const struct sp_opts *o)
{
	const uint8_t *th = p->ip + thoff;
	uint16_t mss = o->mss_encode;
	unsigned ctinfo;
	struct ut_conn *ct = ut_ct_get(p, &ctinfo);
	struct sp_seg sg = {
		.reverse = true,
		.seq = ut_syncookie_v4_init(e, p->ip, th, &mss),
		.ack = ut_get32(th + 4) + 1,
		.flags = TH_SYN | TH_ACK |
			 (o->options & UT_SYNPROXY_OPT_ECN ? TH_ECE : 0),
	};

	ut_engine_why(e, p, "SYNPROXY: SYN/ACK with cookie %u (MSS %u "
		      "encoded)", sg.seq, mss);
	send_segment(e, p, thoff, &sg, o, ct, UT_CT_ESTABLISHED_REPLY,
		     ut_ct_is_untracked(p), NULL);
}

/* synproxy_send_server_syn: the client's SYN as the server must see it
 * (its ISN recv_seq - 1, its window), the cookie relayed in the ACK
 * field for the hook, with the synproxy template */
static void
send_server_syn(struct ut_engine *e, struct sp_net *sn,
		const struct ut_pkt *p, unsigned thoff,
		const struct sp_opts *o, uint32_t recv_seq)
{
	const uint8_t *th = p->ip + thoff;
	struct sp_seg sg = {
		.seq = recv_seq - 1,
		.ack = ut_get32(th + 8) - 1,
		.flags = TH_SYN | (o->options & UT_SYNPROXY_OPT_ECN ?
				   TH_ECE | TH_CWR : 0),
		.window = ut_get16(th + 14),
	};

	send_segment(e, p, thoff, &sg, o, NULL, 0, false, &sn->tmpl);
}

/* synproxy_recv_client_ack: a good cookie opens the connection to the
 * server; false: not a cookie of ours (now) */
static bool
recv_client_ack(struct ut_engine *e, struct sp_net *sn,
		const struct ut_pkt *p, unsigned thoff, struct sp_opts *o,
		uint32_t recv_seq)
{
	unsigned mss = ut_syncookie_v4_check(e, p->ip, p->ip + thoff);

	if (mss == 0) {
		sn->cookie_invalid++;
		ut_engine_why(e, p, "SYNPROXY: ACK %u is not a valid cookie "
			      "+ 1: dropped", ut_get32(p->ip + thoff + 8));
		return false;
	}
	sn->cookie_valid++;
	o->mss_option = (uint16_t)mss;
	o->options |= UT_SYNPROXY_OPT_MSS;
	if (o->options & UT_SYNPROXY_OPT_TIMESTAMP)
		check_timestamp_cookie(o);
	ut_engine_why(e, p, "SYNPROXY: valid cookie (MSS %u): SYN to the "
		      "server", mss);
	send_server_syn(e, sn, p, thoff, o, recv_seq);
	return true;
}

/* synproxy_tg4 */
static unsigned
synproxy_target(struct ut_xt_par *par)
{
	const struct ut_synproxy_info *info = par->data;
	struct sp_net *sn = par->state;
	const struct ut_pkt *p = par->pkt;
	struct sp_opts o = { 0 };
	uint8_t flags;

	if (!ut_nf_ip_checksum_ok(p, 6)) {
		ut_engine_why(par->eng, p, "SYNPROXY: bad TCP checksum: "
			      "dropped");
		return UT_NF_DROP;
	}
	if (par->thoff + 20 > p->len || !parse_options(p, par->thoff, &o)) {
		ut_engine_why(par->eng, p, "SYNPROXY: truncated TCP header: "
			      "dropped");
		return UT_NF_DROP;
	}
	flags = p->ip[par->thoff + 13];
	if ((flags & (TH_SYN | TH_ACK | TH_FIN | TH_RST)) == TH_SYN) {
		sn->syn_received++;
		if ((flags & (TH_ECE | TH_CWR)) == (TH_ECE | TH_CWR))
			o.options |= UT_SYNPROXY_OPT_ECN;
		o.options &= info->options;
		o.mss_encode = o.mss_option;
		o.mss_option = info->mss;
		if (o.options & UT_SYNPROXY_OPT_TIMESTAMP)
			init_timestamp_cookie(par->eng, info, &o);
		else
			o.options &= (uint8_t)~(UT_SYNPROXY_OPT_WSCALE |
						UT_SYNPROXY_OPT_SACK_PERM |
						UT_SYNPROXY_OPT_ECN);
		send_client_synack(par->eng, p, par->thoff, &o);
		return UT_NF_STOLEN;
	}
	if ((flags & (TH_SYN | TH_ACK | TH_FIN | TH_RST)) == TH_ACK)
		return recv_client_ack(par->eng, sn, p, par->thoff, &o,
				       ut_get32(p->ip + par->thoff + 4)) ?
		       UT_NF_STOLEN : UT_NF_DROP;
	return UT_XT_CONTINUE;
}

/* ---- the hook after the tables ---------------------------------------- */

/* synproxy_send_server_ack: the client's ACK of the server's SYN/ACK,
 * with the window the client last advertised */
static void
send_server_ack(struct ut_engine *e, const struct ut_conn *ct,
		const struct ut_pkt *p, unsigned thoff, const struct sp_opts *o)
{
	const uint8_t *th = p->ip + thoff;
	struct sp_seg sg = {
		.reverse = true,
		.seq = ut_get32(th + 8),
		.ack = ut_get32(th + 4) + 1,
		.flags = TH_ACK,
		.window = (uint16_t)ct->proto.tcp.seen[UT_CT_DIR_ORIGINAL]
			  .td_maxwin,
	};

	send_segment(e, p, thoff, &sg, o, NULL, 0, false, NULL);
}

/* synproxy_send_client_ack: the server's window, scaled down, to the
 * client (whose SYN/ACK said 0); in the server's numbers, which the
 * connection's seqadj moves to the cookie's */
static void
send_client_ack(struct ut_engine *e, struct ut_conn *ct, unsigned ctinfo,
		const struct ut_pkt *p, unsigned thoff, const struct sp_opts *o)
{
	const uint8_t *th = p->ip + thoff;
	struct sp_seg sg = {
		.seq = ut_get32(th + 4) + 1,
		.ack = ut_get32(th + 8),
		.flags = TH_ACK,
		.window = (uint16_t)(ut_get16(th + 14) >> o->wscale),
	};

	send_segment(e, p, thoff, &sg, o, ct, ctinfo, false, NULL);
}

/* synproxy_tstamp_adjust: the reply direction's TSval and the original
 * direction's TSecr moved by tsoff; false for malformed options (the
 * kernel's return value is not looked at: the packet goes on) */
static void
tstamp_adjust(struct ut_pkt *p, unsigned thoff, unsigned ctinfo,
	      const struct ut_ct_synproxy *sp)
{
	uint8_t *th = p->ip + thoff;
	unsigned optoff = 20, optend = (th[12] >> 4) * 4u;

	if (sp->tsoff == 0 || thoff + optend > p->len)
		return;
	while (optoff < optend) {
		uint8_t *op = th + optoff;

		if (op[0] == TCPOPT_EOL)
			return;
		if (op[0] == TCPOPT_NOP) {
			optoff++;
			continue;
		}
		if (optoff + 1 == optend || optoff + op[1] > optend ||
		    op[1] < 2)
			return;
		if (op[0] == TCPOPT_TIMESTAMP && op[1] == 10) {
			bool reply = ut_ctinfo2dir(ctinfo) == UT_CT_DIR_REPLY;
			uint8_t *f = op + (reply ? 2 : 6);
			uint32_t old = ut_get32(f);
			uint32_t v = reply ? old - sp->tsoff : old + sp->tsoff;

			ut_put32(f, v);
			ut_csum_replace4(th + 16, old, v);
			return;
		}
		optoff += op[1];
	}
}

/* TCP_CONNTRACK_SYN_RECV: the server's SYN/ACK */
static unsigned
server_synack(struct ut_engine *e, struct ut_conn *ct, unsigned ctinfo,
	      struct ut_pkt *p, unsigned thoff)
{
	struct ut_ct_synproxy *sp = ct->synproxy;
	struct sp_opts o = { 0 };
	uint32_t tmp;

	if (!parse_options(p, thoff, &o))
		return UT_NF_DROP;
	if (o.options & UT_SYNPROXY_OPT_TIMESTAMP) {
		sp->tsoff = o.tsval - sp->its;
		ct->ecache |= UT_CT_EV_SYNPROXY;
	}
	o.options &= (uint8_t)~(UT_SYNPROXY_OPT_MSS | UT_SYNPROXY_OPT_WSCALE |
				UT_SYNPROXY_OPT_SACK_PERM);
	tmp = o.tsval;
	o.tsval = o.tsecr;
	o.tsecr = tmp;
	send_server_ack(e, ct, p, thoff, &o);
	if (!ut_ct_seqadj_init(ct, ctinfo, (int32_t)(sp->isn -
						     ut_get32(p->ip + thoff + 4))))
		return UT_NF_DROP;
	ct->ecache |= UT_CT_EV_SEQADJ;
	o.tsecr = o.tsval;
	o.tsval = tmp;
	ut_engine_why(e, p, "SYNPROXY: server's SYN/ACK: ACK to the server, "
		      "window update to the client, sequence numbers moved "
		      "by %d", (int32_t)(sp->isn -
					 ut_get32(p->ip + thoff + 4)));
	send_client_ack(e, ct, ctinfo, p, thoff, &o);
	return UT_NF_STOLEN;
}

/* ipv4_synproxy_hook (INPUT and POSTROUTING, just before confirm) */
static unsigned
synproxy_hook(struct ut_engine *e, const void *priv, struct ut_pkt *p,
	      const struct ut_hook_state *st)
{
	struct sp_net *sn = (struct sp_net *)priv;
	const struct ut_iface *dev = st->hook == UT_HOOK_LOCAL_IN ? st->in :
				     st->out;
	struct sp_opts o = { 0 };
	unsigned ctinfo, thoff;
	struct ut_conn *ct = ut_ct_get(p, &ctinfo);
	struct ut_ct_synproxy *sp;
	const uint8_t *th;
	bool orig;

	if (!ct || !(sp = ct->synproxy) || (dev && dev->loopback) ||
	    p->len < 20 || ut_ip_proto(p) != 6)
		return UT_NF_ACCEPT;
	thoff = ut_ip_hlen(p);
	if (thoff + 20 > p->len)
		return UT_NF_DROP;
	th = p->ip + thoff;
	orig = ut_ctinfo2dir(ctinfo) == UT_CT_DIR_ORIGINAL;
	switch (ct->proto.tcp.state) {
	case UT_TCP_CLOSE:
		if ((th[13] & TH_RST) && !orig) {
			if (!ut_ct_seqadj_init(ct, ctinfo, (int32_t)(sp->isn -
					       ut_get32(th + 4) + 1)))
				return UT_NF_DROP;
			break;
		}
		if (!(th[13] & TH_SYN) || (th[13] & TH_ACK) || !orig)
			break;
		/* reopened: nf_ct_seqadj_init(ct, ctinfo, 0) changes
		 * nothing; the timestamps start over */
		sp->tsoff = 0;
		sn->conn_reopened++;
		/* fall through */
	case UT_TCP_SYN_SENT:
		if (!parse_options(p, thoff, &o))
			return UT_NF_DROP;
		if (!(th[13] & TH_SYN) && (th[13] & TH_ACK) && orig) {
			/* a keep-alive's SEG.SEQ is SND.NXT - 1 */
			if (!recv_client_ack(e, sn, p, thoff, &o,
					     ut_get32(th + 4) + 1))
				return UT_NF_DROP;
			sn->cookie_retrans++;
			return UT_NF_STOLEN;
		}
		sp->isn = ut_get32(th + 8);
		if (o.options & UT_SYNPROXY_OPT_TIMESTAMP)
			sp->its = o.tsecr;
		ct->ecache |= UT_CT_EV_SYNPROXY;
		break;
	case UT_TCP_SYN_RECV:
		if ((th[13] & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK))
			return server_synack(e, ct, ctinfo, p, thoff);
		break;
	default:
		break;
	}
	tstamp_adjust(p, thoff, ctinfo, sp);
	return UT_NF_ACCEPT;
}

/* ---- the per-engine object ---------------------------------------------- */

#define SP_KIND "synproxy"

/* synproxy_net_init + nf_synproxy_ipv4_init: the template and the hooks
 * (registered once, by the first rule) */
static void *
sp_net_new(struct ut_engine *e, const char *name, const void *arg,
	   struct ut_err *err)
{
	struct sp_net *sn = calloc(1, sizeof(*sn));

	(void)name;
	(void)arg;
	if (!sn) {
		ut_err_set(err, 2, "out of memory");
		return NULL;
	}
	sn->tmpl.synproxy = true;
	if (ut_hook_register(e, UT_HOOK_LOCAL_IN,
			     UT_PRI_CONNTRACK_CONFIRM - 1, synproxy_hook,
			     sn) < 0 ||
	    ut_hook_register(e, UT_HOOK_POST_ROUTING,
			     UT_PRI_CONNTRACK_CONFIRM - 1, synproxy_hook,
			     sn) < 0) {
		free(sn);
		ut_err_set(err, 2, "out of memory");
		return NULL;
	}
	return sn;
}

static void
sp_net_free(struct ut_engine *e, void *obj)
{
	(void)e;
	free(obj);
}

/* /proc/net/stat/synproxy: a line per possible CPU; the host's packets
 * are all handled on its `cpu` */
static void
sp_net_output(const struct ut_engine *e, const void *obj, const char *name,
	      struct ut_buf *path, struct ut_buf *text)
{
	const struct sp_net *sn = obj;
	unsigned cpu = ut_engine_host(e)->cpu;

	(void)name;
	ut_buf_puts(path, "proc/net/stat/synproxy");
	ut_buf_puts(text, "entries\t\tsyn_received\tcookie_invalid\t"
		    "cookie_valid\tcookie_retrans\tconn_reopened\n");
	for (unsigned c = 0; c <= cpu; c++) {
		bool here = c == cpu;

		ut_buf_printf(text, "%08x\t%08x\t%08x\t%08x\t%08x\t%08x\n", 0,
			      here ? sn->syn_received : 0,
			      here ? sn->cookie_invalid : 0,
			      here ? sn->cookie_valid : 0,
			      here ? sn->cookie_retrans : 0,
			      here ? sn->conn_reopened : 0);
	}
}

static const struct ut_shared_ops sp_net_ops = {
	.kind = SP_KIND,
	.new_obj = sp_net_new,
	.free_obj = sp_net_free,
	.output = sp_net_output,
};

static int
synproxy_state_new(struct ut_engine *e, const void *data, void **state,
		   struct ut_err *err)
{
	(void)data;
	*state = ut_engine_shared_get(e, &sp_net_ops, "", NULL, err);
	return *state ? 0 : -1;
}

static void
synproxy_state_free(struct ut_engine *e, void *state)
{
	ut_engine_shared_put(e, state);
}

const struct ut_ext ut_ext_SYNPROXY = {
	.name = "SYNPROXY",
	.revision = 0,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_synproxy_info),
	.opts = synproxy_opts,
	.hooks = UT_HM_IN | UT_HM_FWD,
	.parse = synproxy_parse,
	.print = synproxy_print,
	.save = synproxy_save,
	.kcheck = synproxy_kcheck,
	.target = synproxy_target,
	.state_new = synproxy_state_new,
	.state_free = synproxy_state_free,
};
