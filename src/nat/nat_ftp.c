/* nat_ftp.c: the ftp helper's NAT part (the kernel's nf_nat_ftp, with the
 * generic parts of nf_nat_helper: payload mangling and
 * nf_nat_follow_master).
 *
 * When the ftp helper (conntrack/helper_ftp.c) reads an announcement of a
 * data connection (PORT, EPRT from the client, 227, 229 from the server)
 * in a connection NAT changes, the address and port in it are those of
 * the sender's side. The other side must be told where the connection
 * has to go as it sees it: the address this packet is sent to in the
 * other direction's tuple (ct's tuple of !dir, its destination), and a
 * port for which the expectation can be registered: the announced one
 * when no other connection expects it, else one drawn at random above it
 * (nf_nat_exp_find_port: 128 tries). The command is rewritten with them
 * (its length may change: the IP total length, IP and TCP checksums
 * follow, and the connection's sequence adjustment records the change,
 * conntrack/seqadj.c), and the expected connection, when it comes, is
 * NATed to follow its master: its source as the master's packets reach
 * the other side, its destination the announcing host's own address and
 * the announced port.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "conntrack/ct_help.h"
#include "engine/engine_int.h"
#include "nat/nat_int.h"

#define IPPROTO_TCP_ 6

/* the longest rewrite: "|1|255.255.255.255|65535|" */
#define FTP_CMD_MAX 32

size_t
ut_nat_ftp_fmt_cmd(enum ut_ftp_type type, uint32_t addr, uint16_t port,
		   char *buf, size_t len)
{
	const uint8_t *a = (const uint8_t *)&addr;
	int n = 0;

	switch (type) {
	case UT_FTP_PORT:
	case UT_FTP_PASV:
		n = snprintf(buf, len, "%u,%u,%u,%u,%u,%u", a[0], a[1], a[2],
			     a[3], port >> 8, port & 0xff);
		break;
	case UT_FTP_EPRT:
		n = snprintf(buf, len, "|1|%u.%u.%u.%u|%u|", a[0], a[1],
			     a[2], a[3], port);
		break;
	case UT_FTP_EPSV:
		n = snprintf(buf, len, "|||%u|", port);
		break;
	}
	return n > 0 && (size_t)n < len ? (size_t)n : 0;
}

/* ---- nf_nat_mangle_tcp_packet ------------------------------------------ */

/* replace: the payload bytes [matchoff, matchoff + matchlen) of the
 * segment at dataoff become rep[0..replen), the rest moved along */
static bool
replace(struct ut_pkt *p, unsigned dataoff, unsigned matchoff,
	unsigned matchlen, const char *rep, unsigned replen)
{
	unsigned from = dataoff + matchoff + matchlen;
	unsigned tail = p->len - from;
	uint32_t newlen = p->len - matchlen + replen;

	/* grow first, so that the tail has room to move into */
	if (replen > matchlen && !ut_pkt_resize(p, newlen))
		return false;
	memmove(p->ip + dataoff + matchoff + replen, p->ip + from, tail);
	memcpy(p->ip + dataoff + matchoff, rep, replen);
	if (replen < matchlen)
		(void)ut_pkt_resize(p, newlen);  /* shrinking never fails */
	return true;
}

bool
ut_nat_mangle_tcp_packet(struct ut_pkt *p, struct ut_conn *ct,
			 unsigned ctinfo, unsigned protoff, unsigned matchoff,
			 unsigned matchlen, const char *rep, unsigned replen)
{
	unsigned dataoff;
	uint8_t *th;

	if (protoff + 20 > p->len)
		return false;
	dataoff = protoff + (p->ip[protoff + 12] >> 4) * 4u;
	if (dataoff + matchoff + matchlen > p->len)
		return false;
	/* enlarge_skb: an IP datagram has at most 65535 bytes */
	if (replen > matchlen && p->len + (replen - matchlen) > 65535)
		return false;
	if (!replace(p, dataoff, matchoff, matchlen, rep, replen))
		return false;
	ut_put16(p->ip + UT_IP_OFF_TOTLEN, (uint16_t)p->len);
	ut_ip_send_check(p->ip);
	/* the kernel leaves the TCP checksum to be completed on output
	 * (CHECKSUM_PARTIAL): the one of the whole new segment */
	th = p->ip + protoff;
	th[16] = th[17] = 0;
	ut_put16(th + 16, ut_l4_csum(p->ip, th, p->len - protoff,
				     IPPROTO_TCP_));
	if (replen != matchlen &&
	    !ut_ct_seqadj_set(ct, ctinfo, ut_get32(th + 4),
			      (int32_t)replen - (int32_t)matchlen))
		return false;
	return true;
}

/* ---- the expected connection ------------------------------------------- */

/* nf_nat_follow_master: the data connection NATed as its master: the
 * source the master's packets have where the data connection starts,
 * the destination the announcing host and the port it named */
static void
follow_master(struct ut_ct_ctx *cx, struct ut_conn *ct,
	      const struct ut_ct_expect *exp)
{
	struct ut_nat *nat = cx->e->nat;
	const struct ut_ct_tuple *m = &ct->master->tuple[!exp->dir];
	struct ut_nat_range2 range = {
		.flags = UT_NAT_RANGE_MAP_IPS,
		.min_addr = { m->dst },
		.max_addr = { m->dst },
	};
	struct ut_ct_ctx *saved;

	if (!nat)
		return;
	/* a port search may evict a TIME_WAIT entry: NAT does that with
	 * the packet's context */
	saved = nat->cx;
	nat->cx = cx;
	ut_nat_setup_info(cx->e, ct, &range, UT_NAT_MANIP_SRC);
	range.flags = UT_NAT_RANGE_MAP_IPS | UT_NAT_RANGE_PROTO_SPECIFIED;
	range.min_addr[0] = range.max_addr[0] = m->src;
	range.min_proto = range.max_proto = htons(exp->saved_port);
	ut_nat_setup_info(cx->e, ct, &range, UT_NAT_MANIP_DST);
	nat->cx = saved;
}

uint16_t
ut_nat_exp_find_port(struct ut_ct_ctx *cx, struct ut_ct_expect *exp,
		     uint16_t port)
{
	const unsigned max_attempts = 128;
	unsigned range = 65535u - port;
	int left = (int)(range < max_attempts ? range : max_attempts);
	uint16_t min = port;

	for (;;) {
		int res;

		exp->tuple.dport = port;
		res = ut_ct_expect_related(cx, exp);
		if (res == 0)
			return port;
		if (res != -EBUSY || --left < 0)
			break;
		/* get_random_u32_between(min, min + range): the engine's
		 * generator stands for the kernel's */
		port = (uint16_t)(min + (uint32_t)(((uint64_t)
				  ut_engine_random_u32(cx->e) * range) >> 32));
	}
	return 0;
}

/* the trace's line for a rewrite: what was there, what is there now */
static void
trace_rewrite(struct ut_ct_ctx *cx, const struct ut_pkt *p,
	      const char *old, size_t oldlen, const char *rep, size_t replen,
	      const struct ut_ct_expect *exp)
{
	struct ut_buf b;
	const uint8_t *s = (const uint8_t *)&exp->tuple.src;
	const uint8_t *d = (const uint8_t *)&exp->tuple.dst;

	if (!ut_engine_tracing(cx->e))
		return;
	ut_buf_init(&b);
	ut_buf_printf(&b, "nf_nat_ftp: `%.*s' rewritten as `%.*s', "
		      "expecting %u.%u.%u.%u -> %u.%u.%u.%u:%u", (int)oldlen,
		      old, (int)replen, rep, s[0], s[1], s[2], s[3], d[0],
		      d[1], d[2], d[3], exp->tuple.dport);
	ut_engine_step(cx->e, p, ut_buf_str(&b));
	ut_buf_fini(&b);
}

/* nf_nat_ftp: the hook the ftp helper calls for a NATed connection */
static unsigned
nat_ftp(struct ut_ct_ctx *cx, struct ut_pkt *p, struct ut_conn *ct,
	unsigned ctinfo, enum ut_ftp_type type, unsigned matchoff,
	unsigned matchlen, struct ut_ct_expect *exp)
{
	enum ut_ct_dir dir = ut_ctinfo2dir(ctinfo);
	/* the data connection comes from wherever this packet goes */
	uint32_t newaddr = ct->tuple[!dir].dst;
	unsigned protoff = ut_ip_hlen(p), dataoff;
	char buf[FTP_CMD_MAX], old[FTP_CMD_MAX];
	size_t len, oldlen = 0;
	uint16_t port;

	exp->saved_port = exp->tuple.dport;
	exp->dir = (uint8_t)!dir;
	exp->expectfn = follow_master;
	port = ut_nat_exp_find_port(cx, exp, exp->saved_port);
	if (port == 0) {
		ut_ct_helper_log(cx, p, ct, "all ports in use");
		return UT_NF_DROP;
	}
	len = ut_nat_ftp_fmt_cmd(type, newaddr, port, buf, sizeof(buf));
	dataoff = protoff + (p->ip[protoff + 12] >> 4) * 4u;
	if (matchlen < sizeof(old)) {
		oldlen = matchlen;
		memcpy(old, p->ip + dataoff + matchoff, oldlen);
	}
	if (!len || !ut_nat_mangle_tcp_packet(p, ct, ctinfo, protoff,
					       matchoff, matchlen, buf,
					       (unsigned)len)) {
		ut_ct_helper_log(cx, p, ct, "cannot mangle packet");
		ut_ct_unexpect_related(cx->net, exp);
		return UT_NF_DROP;
	}
	trace_rewrite(cx, p, old, oldlen, buf, len, exp);
	return UT_NF_ACCEPT;
}

void
ut_nat_ftp_register(struct ut_engine *e)
{
	if (e->ct)
		e->ct->nat_ftp = nat_ftp;
}
