/* xt_REJECT.c: the IPv4 REJECT target (iptables 1.8.9
 * extensions/libipt_REJECT.c; kernel net/ipv4/netfilter/ipt_REJECT.c and
 * nf_reject_ipv4.c for what it sends).
 *
 * Measured on Linux 6.18 (frames in tests/unit/icmp_test.c): the icmp-*
 * types are ICMP errors from icmp_send (see engine/icmp.c); they are not
 * sent when the packet's checksum is bad (TCP, UDP with a checksum, ICMP,
 * any protocol not exempted: even a proto-253 packet must sum to zero),
 * nor for a fragment's first piece (its checksum cannot verify). tcp-reset
 * sends a 40-byte RST: ID 0, DF, TOS 0, TTL ip_default_ttl, from the
 * original destination; seq = the ACK number if ACK was set (flags R),
 * else seq 0 and ACK = seq + SYN + FIN + payload (flags RA); window 0;
 * nothing for an RST, a bad checksum, a fragment, a broadcast or
 * multicast destination; a TCP packet to our unicast address in a
 * link-level broadcast frame DOES get its RST (nf_send_reset does not
 * look at pkt_type, icmp_send does).
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "conntrack/conntrack.h"
#include "engine/engine.h"
#include "rules/ext.h"
#include "engine/icmp.h"

/* enum ipt_reject_with (linux/netfilter_ipv4/ipt_REJECT.h) */
enum {
	UT_ICMP_NET_UNREACHABLE = 0,
	UT_ICMP_HOST_UNREACHABLE,
	UT_ICMP_PROT_UNREACHABLE,
	UT_ICMP_PORT_UNREACHABLE,
	UT_ICMP_ECHOREPLY,
	UT_ICMP_NET_PROHIBITED,
	UT_ICMP_HOST_PROHIBITED,
	UT_TCP_RESET,
	UT_ICMP_ADMIN_PROHIBITED,
	UT_REJECT_MAX,
};

/* struct ipt_reject_info */
struct ut_reject_info {
	uint32_t with; /* enum above */
};

/* names and aliases, indexed by the reject type; echo-reply has none
 * since iptables 1.2 (the kernel refuses it) */
static const struct {
	const char *name, *alias;
} reject_names[UT_REJECT_MAX] = {
	[UT_ICMP_NET_UNREACHABLE] = { "icmp-net-unreachable", "net-unreach" },
	[UT_ICMP_HOST_UNREACHABLE] = { "icmp-host-unreachable",
				       "host-unreach" },
	[UT_ICMP_PROT_UNREACHABLE] = { "icmp-proto-unreachable",
				       "proto-unreach" },
	[UT_ICMP_PORT_UNREACHABLE] = { "icmp-port-unreachable",
				       "port-unreach" },
	[UT_ICMP_NET_PROHIBITED] = { "icmp-net-prohibited", "net-prohib" },
	[UT_ICMP_HOST_PROHIBITED] = { "icmp-host-prohibited",
				      "host-prohib" },
	[UT_TCP_RESET] = { "tcp-reset", "tcp-rst" },
	[UT_ICMP_ADMIN_PROHIBITED] = { "icmp-admin-prohibited",
				       "admin-prohib" },
};

enum {
	O_REJECT_WITH = 0,
};

static const struct ut_opt reject_opts[] = {
	{ .name = "reject-with", .id = O_REJECT_WITH, .type = UT_OPT_STRING,
	  .arg = "type",
	  .help = "answer with this ICMP error (icmp-net-unreachable, "
		  "icmp-host-unreachable, icmp-port-unreachable (default), "
		  "icmp-proto-unreachable, icmp-net-prohibited, "
		  "icmp-host-prohibited, icmp-admin-prohibited) or "
		  "tcp-reset" },
	UT_OPT_END
};

static void
reject_init(void *data)
{
	struct ut_reject_info *info = data;

	info->with = UT_ICMP_PORT_UNREACHABLE;
}

/* reject_parse: the first type (in table order) of which the argument is
 * a case-insensitive prefix of the name or the alias ("" takes the first,
 * "t" tcp-reset), as libipt_REJECT does. */
static int
reject_parse(struct ut_opt_call *call)
{
	struct ut_reject_info *info = call->data;
	size_t n = strlen(call->arg);

	for (unsigned i = 0; i < UT_REJECT_MAX; i++) {
		if (!reject_names[i].name)
			continue;
		if (strncasecmp(reject_names[i].name, call->arg, n) == 0 ||
		    strncasecmp(reject_names[i].alias, call->arg, n) == 0) {
			info->with = i;
			return 0;
		}
	}
	/* dropped in Linux 2.4; iptables still says so before failing */
	if (strncasecmp("echo-reply", call->arg, n) == 0 ||
	    strncasecmp("echoreply", call->arg, n) == 0)
		ut_buf_puts(call->warn, "--reject-with echo-reply no longer "
			    "supported\n");
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			  "unknown reject type \"%s\"", call->arg);
}

static const char *
reject_name(const struct ut_reject_info *info)
{
	if (info->with < UT_REJECT_MAX && reject_names[info->with].name)
		return reject_names[info->with].name;
	return "(null)";
}

static void
reject_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_buf_printf(out, " reject-with %s", reject_name(pc->data));
}

static void
reject_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_buf_printf(out, " --reject-with %s", reject_name(pc->data));
}

/* reject_tg_check */
static int
reject_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_reject_info *info = kc->data;

	if (info->with == UT_ICMP_ECHOREPLY) {
		ut_buf_puts(kc->dmesg,
			    "ipt_REJECT: ECHOREPLY no longer supported.");
		return -EINVAL;
	}
	if (info->with == UT_TCP_RESET &&
	    (kc->ip->proto != 6 || (kc->ip->invflags & UT_INV_PROTO))) {
		ut_buf_puts(kc->dmesg,
			    "ipt_REJECT: TCP_RESET invalid for non-tcp");
		return -EINVAL;
	}
	return 0;
}

/* ---- evaluation --------------------------------------------------------- */

/* nf_reject_verify_csum: the protocols whose whole-payload checksum
 * nf_send_unreach checks first (UDP only when it has one) */
static bool
verify_csum(const struct ut_pkt *p, unsigned thoff, uint8_t proto)
{
	switch (proto) {
	case 17:
		/* no header: skb_header_pointer fails, the check is due */
		return thoff + 8 > p->len || ut_get16(p->ip + thoff + 6) != 0;
	case 47:  /* GRE */
	case 51:  /* AH */
	case 50:  /* ESP */
	case 132: /* SCTP */
	case 136: /* UDP-Lite */
	case 33:  /* DCCP */
		return false;
	default:
		return true;
	}
}

/* nf_send_unreach: the ICMP error for a packet whose checksum verifies */
static void
send_unreach(struct ut_xt_par *par, uint8_t code)
{
	const struct ut_pkt *p = par->pkt;
	uint8_t proto;

	if (p->len < 20 || ut_ip_fragoff(p)) {
		ut_engine_why(par->eng, p, "REJECT sent nothing: %s",
			      p->len < 20 ? "a truncated IP header" :
			      "a later fragment");
		return;
	}
	proto = ut_ip_proto(p);
	if (verify_csum(p, ut_ip_hlen(p), proto) &&
	    !ut_nf_ip_checksum_ok(p, proto)) {
		ut_engine_why(par->eng, p, "REJECT sent nothing: the packet's "
			      "protocol %u checksum is wrong", proto);
		return;
	}
	ut_icmp_send(par->eng, p, 3, code, 0);
}

/* nf_reject_ip_tcphdr_get: the TCP header an RST may answer, NULL if
 * none (*why says why): not a later fragment, TCP, a whole header, not
 * an RST itself, a good checksum */
static const uint8_t *
reset_tcphdr(const struct ut_pkt *p, const char **why)
{
	unsigned thoff;

	*why = p->len < 20 || ut_ip_proto(p) != 6 ? "not a TCP packet" :
	       ut_ip_fragoff(p) ? "a later fragment" : NULL;
	if (*why)
		return NULL;
	thoff = ut_ip_hlen(p);
	if (thoff + 20 > p->len)
		*why = "a truncated TCP header";
	else if (p->ip[thoff + 13] & 0x04)
		*why = "the packet is an RST itself";
	else if (!ut_nf_ip_checksum_ok(p, 6))
		*why = "the packet's TCP checksum is wrong";
	return *why ? NULL : p->ip + thoff;
}

/* nf_reject_iphdr_put + nf_reject_ip_tcphdr_put: the RST, checksums done
 * (the kernel leaves the TCP one to the device or skb_checksum_help: the
 * same bytes on the wire with offload off) */
static struct ut_pkt *
reset_build(struct ut_engine *e, const struct ut_pkt *p, const uint8_t *oth)
{
	const struct ut_host *h = ut_engine_host(e);
	unsigned doff = (oth[12] >> 4) * 4u;
	struct ut_pkt *q = ut_pkt_new(NULL, 0, 40);
	uint8_t *ip, *th;

	if (!q)
		return NULL;
	ip = q->ip;
	th = ip + 20;
	memset(ip, 0, 40);
	ip[0] = 0x45;
	ut_put16(ip + UT_IP_OFF_TOTLEN, 40);
	ut_put16(ip + UT_IP_OFF_FRAG, UT_IP_DF);
	/* ip4_dst_hoplimit of the original's route: no route has a
	 * hoplimit metric here */
	ip[UT_IP_OFF_TTL] = (uint8_t)h->ip_default_ttl;
	ip[UT_IP_OFF_PROTO] = 6;
	memcpy(ip + UT_IP_OFF_SADDR, p->ip + UT_IP_OFF_DADDR, 4);
	memcpy(ip + UT_IP_OFF_DADDR, p->ip + UT_IP_OFF_SADDR, 4);
	ut_ip_send_check(ip);
	memcpy(th, oth + 2, 2);
	memcpy(th + 2, oth, 2);
	if (oth[13] & 0x10) {
		memcpy(th + 4, oth + 8, 4);
		th[13] = 0x04;
	} else {
		/* unsigned arithmetic, as the kernel's (a doff beyond the
		 * segment wraps) */
		uint32_t ack = ut_get32(oth + 4) + !!(oth[13] & 0x02) +
			       !!(oth[13] & 0x01) +
			       (p->len - ut_ip_hlen(p) - doff);

		ut_put32(th + 8, ack);
		th[13] = 0x14;
	}
	th[12] = 5 << 4;
	ut_put16(th + 16, ut_l4_csum(ip, th, 20, 6));
	q->len = 40;
	q->tstamp_ns = p->tstamp_ns;
	q->number = p->number;
	q->pkttype = UT_PACKET_HOST;
	q->mark = ut_ip_reply_mark(e, p);
	return q;
}

/* nf_send_reset: sent with ip_local_out (OUTPUT, POSTROUTING) without a
 * socket, routed as ip_route_me_harder routes it */
static void
send_reset(struct ut_xt_par *par)
{
	const struct ut_pkt *p = par->pkt;
	const char *why;
	const uint8_t *oth = reset_tcphdr(p, &why);
	unsigned rtflags;
	struct ut_pkt *q;

	if (oth && !ut_icmp_pkt_rtflags(par->eng, p, &rtflags))
		why = "its destination has no input route";
	else if (oth && (rtflags & (UT_RTCF_BROADCAST | UT_RTCF_MULTICAST)))
		why = "its destination is a broadcast or multicast address";
	if (why) {
		ut_engine_why(par->eng, p, "REJECT --reject-with tcp-reset "
			      "sent nothing: %s", why);
		return;
	}
	q = reset_build(par->eng, p, oth);
	if (!q)
		return;
	ut_ct_attach_related(q, p);
	ut_ip_local_out(par->eng, q);
}

/* reject_tg: the ICMP codes of enum ipt_reject_with */
static unsigned
reject_target(struct ut_xt_par *par)
{
	static const uint8_t codes[UT_REJECT_MAX] = {
		[UT_ICMP_NET_UNREACHABLE] = 0,
		[UT_ICMP_HOST_UNREACHABLE] = 1,
		[UT_ICMP_PROT_UNREACHABLE] = 2,
		[UT_ICMP_PORT_UNREACHABLE] = 3,
		[UT_ICMP_NET_PROHIBITED] = 9,
		[UT_ICMP_HOST_PROHIBITED] = 10,
		[UT_ICMP_ADMIN_PROHIBITED] = 13,
	};
	const struct ut_reject_info *info = par->data;

	if (info->with == UT_TCP_RESET)
		send_reset(par);
	else if (info->with < UT_REJECT_MAX &&
		 info->with != UT_ICMP_ECHOREPLY)
		send_unreach(par, codes[info->with]);
	else
		ut_engine_why(par->eng, par->pkt, "REJECT sent nothing: "
			      "--reject-with %s has no ICMP code",
			      reject_name(info));
	return UT_NF_DROP;
}

const struct ut_ext ut_ext_REJECT = {
	.name = "REJECT", .revision = 0, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_reject_info),
	.cmp_size = sizeof(struct ut_reject_info),
	.opts = reject_opts,
	.table = "filter", .hooks = UT_HM_IN | UT_HM_FWD | UT_HM_OUT,
	.init = reject_init, .parse = reject_parse,
	.print = reject_print, .save = reject_save, .kcheck = reject_kcheck,
	.target = reject_target,
};
