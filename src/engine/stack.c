/* stack.c: the host's own stack behind INPUT (HOST `stack on`), as
 * Linux 6.x answers what reaches it, and its sockets (HOST `listen`
 * lines, the request sockets SYNs make).
 *
 *   ip_local_deliver_finish
 *     ├─ ICMP (icmp_rcv): an echo request gets an echo reply
 *     │    (icmp_echo_ignore_all, _ignore_broadcasts); the rest is taken
 *     ├─ TCP (tcp_v4_rcv): to a socket, else an RST (tcp_v4_send_reset);
 *     │    a listener answers a SYN with a SYN-ACK (tcp_conn_request,
 *     │    tcp_make_synack) and keeps a request socket, whose SYN-ACK
 *     │    is sent again by its timer until the ACK comes
 *     ├─ UDP (__udp4_lib_rcv): to a socket (nothing sent), else a port
 *     │    unreachable (icmp_send, rate-limited as icmp.c models)
 *     └─ another protocol without a handler: protocol unreachable
 *
 * Every answer leaves through ut_ip_local_out: OUTPUT, POSTROUTING,
 * conntrack and NAT as any local packet.
 *
 * Not modelled, said in docs/run.md: what an established connection
 * does after the handshake (its segments are taken silently), syncookies
 * (a SYN beyond a full queue is dropped), TCP Fast Open, IP options in
 * RSTs and SYN-ACKs, the ICMP timestamp request (answered with the wall
 * clock of the kernel: never equal).
 *
 * Where Linux draws at random: the ISN and the timestamp offset come
 * from the run's seeded generator (tests/kernel masks them).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"
#include "engine/icmp.h"
#include "engine/stack.h"
#include "rules/addr.h"

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_ACK 0x10
#define TCP_ECE 0x40
#define TCP_CWR 0x80

#define TCP_MAX_WSCALE 14
#define TCP_SYNACK_RETRIES 5     /* net.ipv4.tcp_synack_retries */
#define TCP_RTO_MAX_S 120
#define IP_RT_MIN_ADVMSS 256

struct ut_stack {
	struct ut_sock **socks;
	size_t n, cap;
};

/* ---- sysctls ---------------------------------------------------------- */

static long
sysctl_num(const struct ut_host *h, const char *key, long dflt)
{
	const char *v = ut_host_sysctl(h, key);

	return v ? strtol(v, NULL, 0) : dflt;
}

/* the i-th number of a vector sysctl (net.ipv4.tcp_rmem) */
static long
sysctl_vec(const struct ut_host *h, const char *key, int i, long dflt)
{
	const char *v = ut_host_sysctl(h, key);
	char *end;
	long x = dflt;

	for (int k = 0; v && k <= i; k++) {
		x = strtol(v, &end, 0);
		if (end == v)
			return dflt;
		v = end;
	}
	return x;
}

/* ---- sockets --------------------------------------------------------- */

/* forget the requests that are gone (reset, timed out): nothing holds
 * them any more (their timers are disarmed; a packet holds a socket only
 * while it is handled, and sock_add runs for a listener's packet) */
static void
socks_compact(struct ut_stack *s)
{
	size_t k = 0;

	for (size_t i = 0; i < s->n; i++) {
		if (s->socks[i]->gone)
			free(s->socks[i]);
		else
			s->socks[k++] = s->socks[i];
	}
	s->n = k;
}

static struct ut_sock *
sock_add(struct ut_engine *e)
{
	struct ut_stack *s = e->stack;
	struct ut_sock *sk;

	if (s->n == s->cap)
		socks_compact(s);
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		struct ut_sock **g = realloc(s->socks, cap * sizeof(*g));

		if (!g)
			return NULL;
		s->socks = g;
		s->cap = cap;
	}
	sk = calloc(1, sizeof(*sk));
	if (sk)
		s->socks[s->n++] = sk;
	return sk;
}

int
ut_stack_new(struct ut_engine *e)
{
	const struct ut_host *h = e->host;

	e->stack = calloc(1, sizeof(*e->stack));
	if (!e->stack)
		return -1;
	for (size_t i = 0; i < h->n_listens; i++) {
		const struct ut_listen *l = &h->listens[i];
		struct ut_sock *sk = sock_add(e);

		if (!sk)
			return -1;
		sk->proto = l->proto;
		sk->state = UT_SK_LISTEN;
		sk->laddr = l->addr;
		sk->lport = l->port;
		sk->transparent = l->transparent;
		sk->mark = l->mark;
		/* sk_max_ack_backlog: listen(2)'s, at most somaxconn */
		sk->backlog = l->backlog;
		if ((long)sk->backlog > sysctl_num(h, "net.core.somaxconn",
						   4096))
			sk->backlog = (unsigned)sysctl_num(h,
							   "net.core.somaxconn",
							   4096);
	}
	return 0;
}

void
ut_stack_free(struct ut_engine *e)
{
	if (!e->stack)
		return;
	for (size_t i = 0; i < e->stack->n; i++)
		free(e->stack->socks[i]);
	free(e->stack->socks);
	free(e->stack);
	e->stack = NULL;
}

/* __inet_lookup_established (request sockets are in that hash too) */
static const struct ut_sock *
lookup_established(const struct ut_stack *s, uint8_t proto, uint32_t saddr,
		   uint16_t sport, uint32_t daddr, uint16_t dport)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct ut_sock *sk = s->socks[i];

		if (sk->state != UT_SK_LISTEN && !sk->gone &&
		    sk->proto == proto && sk->raddr == saddr &&
		    sk->rport == sport && sk->laddr == daddr &&
		    sk->lport == dport)
			return sk;
	}
	return NULL;
}

/* __inet_lookup_listener / udp4_lib_lookup: the socket bound to the
 * address wins over one bound to any */
static const struct ut_sock *
lookup_listener(const struct ut_stack *s, uint8_t proto, uint32_t daddr,
		uint16_t dport)
{
	const struct ut_sock *any = NULL;

	for (size_t i = 0; i < s->n; i++) {
		const struct ut_sock *sk = s->socks[i];

		if (sk->state != UT_SK_LISTEN || sk->proto != proto ||
		    sk->lport != dport)
			continue;
		if (sk->laddr == daddr)
			return sk;
		if (!sk->laddr)
			any = sk;
	}
	return any;
}

const struct ut_sock *
ut_stack_lookup(struct ut_engine *e, uint8_t proto, uint32_t saddr,
		uint16_t sport, uint32_t daddr, uint16_t dport,
		enum ut_sk_lookup kind)
{
	const struct ut_sock *sk = NULL;

	if (!e->stack)
		return NULL;
	if (kind != UT_SK_LOOKUP_LISTENER)
		sk = lookup_established(e->stack, proto, saddr, sport, daddr,
					dport);
	if (!sk && kind != UT_SK_LOOKUP_ESTABLISHED)
		sk = lookup_listener(e->stack, proto, daddr, dport);
	return sk;
}

/* extract_icmp4_fields: an ICMP error quoting a TCP or UDP packet the
 * host sent: the quoted packet's addresses and ports, seen from the
 * host's side (the quoted source is the local end) */
static bool
icmp_inner_tuple(const struct ut_pkt *p, uint8_t *proto, uint32_t *saddr,
		 uint16_t *sport, uint32_t *daddr, uint16_t *dport)
{
	unsigned hl = ut_ip_hlen(p), in;
	const uint8_t *icmp = p->ip + hl, *iph;
	uint8_t type;

	if (hl + 8 + 20 > p->len)
		return false;
	type = icmp[0];
	if (type != 3 && type != 4 && type != 5 && type != 11 && type != 12)
		return false;
	iph = icmp + 8;
	in = (iph[0] & 0x0fu) * 4u;
	if ((iph[UT_IP_OFF_PROTO] != 6 && iph[UT_IP_OFF_PROTO] != 17) ||
	    hl + 8 + in + 4 > p->len)
		return false;
	*proto = iph[UT_IP_OFF_PROTO];
	memcpy(saddr, iph + UT_IP_OFF_DADDR, 4);
	memcpy(daddr, iph + UT_IP_OFF_SADDR, 4);
	*sport = ut_get16(iph + in + 2);
	*dport = ut_get16(iph + in);
	return true;
}

const struct ut_sock *
ut_stack_lookup_pkt(struct ut_engine *e, const struct ut_pkt *p)
{
	unsigned hl = ut_ip_hlen(p);
	uint8_t proto = ut_ip_proto(p);
	uint32_t saddr = ut_ip_saddr_nbo(p), daddr = ut_ip_daddr_nbo(p);
	uint16_t sport, dport;

	if (p->sk)
		return p->sk;
	if (proto == 6 || proto == 17) {
		/* skb_header_pointer at the IP header's end, fragment or
		 * not */
		if (hl + (proto == 6 ? 20u : 8u) > p->len)
			return NULL;
		sport = ut_get16(p->ip + hl);
		dport = ut_get16(p->ip + hl + 2);
	} else if (proto != 1 || !icmp_inner_tuple(p, &proto, &saddr, &sport,
						   &daddr, &dport)) {
		return NULL;
	}
	/* Linux looks a reply of a connection through SNAT up by the
	 * connection's original source: a connection the host's own
	 * socket opened, which the model has none of */
	return ut_stack_lookup(e, proto, saddr, sport, daddr, dport,
			       UT_SK_LOOKUP_ANY);
}

/* ---- TCP: building segments ------------------------------------------ */

/* a TCP segment of the host: IP header (no options) and TCP header of
 * 20 + olen bytes, the rest the caller's */
static struct ut_pkt *
tcp_segment(const struct ut_pkt *p, uint32_t saddr, uint32_t daddr,
	    unsigned olen)
{
	unsigned len = 40 + olen;
	struct ut_pkt *q = ut_pkt_new(NULL, 0, len);
	uint8_t *ip;

	if (!q)
		return NULL;
	ip = q->ip;
	memset(ip, 0, len);
	ip[0] = 0x45;
	ut_put16(ip + UT_IP_OFF_TOTLEN, (uint16_t)len);
	ip[UT_IP_OFF_PROTO] = 6;
	memcpy(ip + UT_IP_OFF_SADDR, &saddr, 4);
	memcpy(ip + UT_IP_OFF_DADDR, &daddr, 4);
	ip[20 + 12] = (uint8_t)((5 + olen / 4) << 4);
	q->len = len;
	q->tstamp_ns = p ? p->tstamp_ns : 0;
	q->number = p ? p->number : 0;
	q->pkttype = UT_PACKET_HOST;
	return q;
}

static void
tcp_finish(struct ut_pkt *q)
{
	uint8_t *th = q->ip + 20;

	ut_ip_send_check(q->ip);
	ut_put16(th + 16, 0);
	ut_put16(th + 16, ut_l4_csum(q->ip, th, q->len - 20, 6));
}

/* tcp_v4_send_reset: for a segment no socket takes (or a listener
 * refuses): from where it was sent to, ID 0 and DF (the control
 * socket's pmtudisc DO), TTL ip_default_ttl, the segment's TOS without
 * ECN; seq = its ACK, or ACK = its seq + SYN + FIN + data */
static void
send_reset(struct ut_engine *e, const struct ut_pkt *p,
	   const struct ut_sock *sk, const char *why)
{
	const uint8_t *oth = p->ip + ut_ip_hlen(p);
	unsigned doff = (oth[12] >> 4) * 4u;
	struct ut_pkt *q;
	uint8_t *th;

	if (oth[13] & TCP_RST) {
		ut_engine_why(e, p, "the host's stack: %s; no RST for an RST",
			      why);
		return;
	}
	q = tcp_segment(p, ut_ip_daddr_nbo(p), ut_ip_saddr_nbo(p), 0);
	if (!q)
		return;
	q->ip[UT_IP_OFF_TOS] = p->ip[UT_IP_OFF_TOS] & 0xfc;
	ut_put16(q->ip + UT_IP_OFF_FRAG, UT_IP_DF);
	q->ip[UT_IP_OFF_TTL] = (uint8_t)e->host->ip_default_ttl;
	th = q->ip + 20;
	memcpy(th, oth + 2, 2);
	memcpy(th + 2, oth, 2);
	if (oth[13] & TCP_ACK) {
		memcpy(th + 4, oth + 8, 4);
		th[13] = TCP_RST;
	} else {
		ut_put32(th + 8, ut_get32(oth + 4) + !!(oth[13] & TCP_SYN) +
				 !!(oth[13] & TCP_FIN) +
				 (p->len - ut_ip_hlen(p) - doff));
		th[13] = TCP_RST | TCP_ACK;
	}
	tcp_finish(q);
	/* the per-CPU control socket: a kernel socket; its mark the
	 * listener's, else IP4_REPLY_MARK */
	q->has_sock = true;
	q->sk_kernel = true;
	q->mark = sk ? sk->mark : ut_ip_reply_mark(e, p);
	ut_engine_why(e, p, "the host's stack: %s: an RST sent", why);
	ut_ip_local_out(e, q);
}

/* the options of a SYN that matter to the answer (tcp_parse_options) */
struct syn_opts {
	bool mss, wscale, sack, ts;
	uint32_t tsval;
};

static void
parse_syn_options(const uint8_t *th, unsigned doff, struct syn_opts *o)
{
	unsigned i = 20;

	memset(o, 0, sizeof(*o));
	while (i < doff) {
		unsigned kind = th[i], size;

		if (kind == 0)
			return;
		if (kind == 1) {
			i++;
			continue;
		}
		if (i + 1 >= doff)
			return;
		size = th[i + 1];
		if (size < 2 || i + size > doff)
			return;
		if (kind == 2 && size == 4)
			o->mss = true;
		else if (kind == 3 && size == 3)
			o->wscale = true;
		else if (kind == 4 && size == 2)
			o->sack = true;
		else if (kind == 8 && size == 10) {
			o->ts = true;
			o->tsval = ut_get32(th + i + 2);
		}
		i += size;
	}
}

/* ipv4_default_advmss of the SYN-ACK's route */
static unsigned
route_advmss(const struct ut_rt *rt)
{
	unsigned mtu = rt->mtu ? rt->mtu : rt->dev->mtu;
	unsigned advmss = mtu > 40 + IP_RT_MIN_ADVMSS ? mtu - 40 :
			  IP_RT_MIN_ADVMSS;

	return advmss > 65535 - 40 ? 65535 - 40 : advmss;
}

static unsigned
ilog2_u32(uint32_t v)
{
	unsigned n = 0;

	while (v >>= 1)
		n++;
	return n;
}

/* tcp_openreq_init_rwin + tcp_select_initial_window: the receive window
 * (half of tcp_rmem[1], the default scaling ratio, in whole segments)
 * and the window scale from the largest buffer the socket may get */
static void
initial_window(const struct ut_host *h, unsigned mss, bool wscale_ok,
	       uint32_t *rcv_wnd, unsigned *wscale)
{
	uint32_t space = (uint32_t)sysctl_vec(h, "net.ipv4.tcp_rmem", 1,
					      131072) / 2;
	uint32_t clamp = 65535u << TCP_MAX_WSCALE, big;

	if (space > mss)
		space -= space % mss;
	*rcv_wnd = space < 65535 ? space : 65535;
	*wscale = 0;
	if (!wscale_ok)
		return;
	big = (uint32_t)sysctl_vec(h, "net.ipv4.tcp_rmem", 2, 6291456);
	if (big < space)
		big = space;
	if ((uint32_t)sysctl_num(h, "net.core.rmem_max", 212992) > big)
		big = (uint32_t)sysctl_num(h, "net.core.rmem_max", 212992);
	if (big > clamp)
		big = clamp;
	*wscale = ilog2_u32(big) > 15 ? ilog2_u32(big) - 15 : 0;
	if (*wscale > TCP_MAX_WSCALE)
		*wscale = TCP_MAX_WSCALE;
}

/* tcp_make_synack + ip_build_and_send_pkt: MSS of the route, then
 * SACK-permitted and timestamps, window scale (tcp_options_write's
 * order); ID 0 and DF, TTL ip_default_ttl, TOS 0, the listener's mark;
 * from the address and port the SYN was sent to */
static struct ut_pkt *
synack_build(struct ut_engine *e, struct ut_sock *req)
{
	const struct ut_host *h = e->host;
	unsigned olen = 4, mss, wscale, o = 20;
	uint32_t rcv_wnd;
	struct ut_pkt *q;
	struct ut_rt rt;
	uint8_t *th;

	if (ut_route_me_harder(h, req->raddr, req->laddr, 0, NULL, req->mark,
			       &rt) < 0 || !rt.dev)
		return NULL;
	mss = route_advmss(&rt);
	initial_window(h, mss - (req->ts_ok ? 12 : 0), req->wscale_ok,
		       &rcv_wnd, &wscale);
	req->rcv_wnd = rcv_wnd;
	olen += req->ts_ok ? 12 : req->sack_ok ? 4 : 0;
	olen += req->wscale_ok ? 4 : 0;
	q = tcp_segment(NULL, req->laddr, req->raddr, olen);
	if (!q)
		return NULL;
	ut_put16(q->ip + UT_IP_OFF_FRAG, UT_IP_DF);
	q->ip[UT_IP_OFF_TTL] = (uint8_t)h->ip_default_ttl;
	th = q->ip + 20;
	ut_put16(th, req->lport);
	ut_put16(th + 2, req->rport);
	ut_put32(th + 4, req->isn);
	ut_put32(th + 8, req->rcv_nxt);
	th[13] = TCP_SYN | TCP_ACK | (req->ecn_ok ? TCP_ECE : 0);
	ut_put16(th + 14, (uint16_t)rcv_wnd);
	th[o++] = 2;
	th[o++] = 4;
	ut_put16(th + o, (uint16_t)mss);
	o += 2;
	if (req->ts_ok) {
		/* tsval: the millisecond clock plus the connection's
		 * random offset (here a function of its random ISN) */
		th[o++] = req->sack_ok ? 4 : 1;
		th[o++] = req->sack_ok ? 2 : 1;
		th[o++] = 8;
		th[o++] = 10;
		ut_put32(th + o, (uint32_t)(ut_engine_now_ns(e) / 1000000u) +
				 req->isn * 2654435761u);
		ut_put32(th + o + 4, req->ts_recent);
		o += 8;
	} else if (req->sack_ok) {
		th[o++] = 1;
		th[o++] = 1;
		th[o++] = 4;
		th[o++] = 2;
	}
	if (req->wscale_ok) {
		th[o++] = 1;
		th[o++] = 3;
		th[o++] = 3;
		th[o++] = (uint8_t)wscale;
	}
	tcp_finish(q);
	q->mark = req->mark;
	q->number = req->number;
	/* skb->sk is the request socket, whose full socket (the
	 * listener's) -m owner sees: root's */
	q->has_sock = true;
	return q;
}

static void
synack_send(struct ut_engine *e, struct ut_sock *req,
	    const struct ut_pkt *cause, const char *what)
{
	struct ut_pkt *q = synack_build(e, req);

	if (!q) {
		if (cause)
			ut_engine_why(e, cause, "the host's stack: no SYN-ACK: "
				      "no route back");
		return;
	}
	q->tstamp_ns = ut_engine_now_ns(e);
	ut_engine_why(e, cause ? cause : q, "the host's stack: %s", what);
	ut_ip_local_out(e, q);
}

/* the request goes: reset, timed out */
static void
request_drop(struct ut_engine *e, struct ut_sock *req)
{
	req->gone = true;
	req->listener->n_requests--;
	ut_timer_cancel(e, &req->timer);
}

/* reqsk_timer_handler: the SYN-ACK again after 1, 2, 4, 8, 16 s
 * (tcp_synack_retries), then the request goes */
static void
synack_timer(struct ut_engine *e, struct ut_timer *t)
{
	struct ut_sock *req = (struct ut_sock *)((char *)t -
						 offsetof(struct ut_sock,
							  timer));
	unsigned long timeo;
	long retries = sysctl_num(e->host, "net.ipv4.tcp_synack_retries",
				  TCP_SYNACK_RETRIES);

	if (req->state != UT_SK_SYN_RECV || req->gone)
		return;
	if ((long)req->num_timeout >= retries) {
		request_drop(e, req);
		return;
	}
	synack_send(e, req, NULL, "the SYN-ACK sent again (timer)");
	req->num_timeout++;
	timeo = (unsigned long)ut_engine_hz(e) << req->num_timeout;
	if (timeo > TCP_RTO_MAX_S * ut_engine_hz(e))
		timeo = TCP_RTO_MAX_S * ut_engine_hz(e);
	(void)ut_timer_arm(e, &req->timer,
			   ut_clock_timer_expiry(e, ut_engine_jiffies(e) +
						 timeo));
}

/* tcp_syn_flood_action: the listener's queue of half-open connections
 * is full: syncookies would answer (tcp_syncookies 1 or 2), which are
 * not modelled; else the SYN is dropped. The kernel says so once per
 * listener (net_info_ratelimited). false: the SYN goes no further. */
static bool
syn_flood(struct ut_engine *e, const struct ut_pkt *p, struct ut_sock *lsk)
{
	long cookies = sysctl_num(e->host, "net.ipv4.tcp_syncookies", 1);
	char line[128], a[16];
	int n;

	if (!lsk->synflood_warned && cookies != 2) {
		lsk->synflood_warned = true;
		if (ut_engine_net_ratelimit(e)) {
			n = snprintf(line, sizeof(line), "TCP: request_sock_TCP: "
				     "Possible SYN flooding on port %s:%u. %s.",
				     ut_ipv4_ntoa(lsk->laddr, a), lsk->lport,
				     cookies ? "Sending cookies" :
				     "Dropping request");
			ut_engine_log(e, line, (size_t)n);
		}
	}
	ut_engine_why(e, p, "the host's stack: %u half-open connections "
		      "fill the listener's queue: SYN dropped%s",
		      lsk->n_requests, cookies ? " (Linux answers with a "
		      "syncookie, which is not modelled)" : "");
	return false;
}

/* tcp_conn_request: a request socket and its SYN-ACK */
static void
conn_request(struct ut_engine *e, const struct ut_pkt *p,
	     struct ut_sock *lsk, const uint8_t *th, unsigned doff,
	     unsigned rtflags)
{
	const struct ut_host *h = e->host;
	struct syn_opts o;
	struct ut_sock *req;

	if (rtflags & (UT_RTCF_BROADCAST | UT_RTCF_MULTICAST)) {
		ut_engine_why(e, p, "the host's stack: a SYN to a broadcast "
			      "address is dropped");
		return;
	}
	if (lsk->n_requests > lsk->backlog && !syn_flood(e, p, lsk))
		return;
	if (lsk->n_accepted > lsk->backlog) {
		ut_engine_why(e, p, "the host's stack: the listener's accept "
			      "queue is full (nobody accepts): SYN dropped");
		return;
	}
	req = sock_add(e);
	if (!req)
		return;
	parse_syn_options(th, doff, &o);
	req->proto = 6;
	req->state = UT_SK_SYN_RECV;
	req->laddr = ut_ip_daddr_nbo(p);
	req->raddr = ut_ip_saddr_nbo(p);
	req->lport = ut_get16(th + 2);
	req->rport = ut_get16(th);
	req->transparent = lsk->transparent;
	req->mark = lsk->mark;
	req->listener = lsk;
	lsk->n_requests++;
	req->isn = ut_engine_random_u32(e);
	req->rcv_nxt = ut_get32(th + 4) + 1;
	req->ts_ok = o.ts && sysctl_num(h, "net.ipv4.tcp_timestamps", 1);
	req->ts_recent = o.tsval;
	req->sack_ok = o.sack && sysctl_num(h, "net.ipv4.tcp_sack", 1);
	req->wscale_ok = o.wscale &&
			 sysctl_num(h, "net.ipv4.tcp_window_scaling", 1);
	/* tcp_ecn_create_request: ECE and CWR asked, the SYN not ECT */
	req->ecn_ok = (th[13] & (TCP_ECE | TCP_CWR)) == (TCP_ECE | TCP_CWR) &&
		      (p->ip[UT_IP_OFF_TOS] & 3) == 0 &&
		      sysctl_num(h, "net.ipv4.tcp_ecn", 2);
	req->number = p->number;
	ut_timer_init(&req->timer, synack_timer);
	synack_send(e, req, p, "a SYN to a listening socket: a SYN-ACK sent");
	(void)ut_timer_arm(e, &req->timer,
			   ut_clock_timer_expiry(e, ut_engine_jiffies(e) +
						 ut_engine_hz(e)));
}

/* tcp_in_window: the segment [seq, end) starts at rcv_nxt or overlaps
 * the request's window */
static bool
in_window(const struct ut_sock *req, uint32_t seq, uint32_t end)
{
	uint32_t e_win = req->rcv_nxt + req->rcv_wnd;

	if (seq == req->rcv_nxt)
		return true;
	if ((int32_t)(end - req->rcv_nxt) > 0 && (int32_t)(seq - e_win) < 0)
		return true;
	return seq == e_win && seq == end;
}

/* tcp_check_req: the SYN again (its SYN-ACK again, at most once per
 * tcp_invalid_ratelimit); an ACK of something else (the listener's
 * RST); out of the window: dropped; an RST or SYN in it ends the
 * request (a SYN gets an RST); the ACK of the SYN-ACK makes the
 * connection */
static void
request_rcv(struct ut_engine *e, const struct ut_pkt *p, struct ut_sock *req,
	    const uint8_t *th, unsigned doff)
{
	uint8_t fl = th[13];
	uint32_t seq = ut_get32(th + 4);
	uint32_t end = seq + (p->len - ut_ip_hlen(p) - doff) +
		       !!(fl & TCP_SYN) + !!(fl & TCP_FIN);
	unsigned long now = ut_engine_jiffies(e);
	long oow_ms = sysctl_num(e->host, "net.ipv4.tcp_invalid_ratelimit",
				 500);

	if ((fl & (TCP_SYN | TCP_ACK | TCP_RST)) == TCP_SYN &&
	    seq == req->rcv_nxt - 1) {
		if (req->oow_sent && now - req->last_oow <
		    (unsigned long)(oow_ms * (long)ut_engine_hz(e) / 1000)) {
			ut_engine_why(e, p, "the host's stack: a repeated "
				      "SYN, not answered again so soon "
				      "(net.ipv4.tcp_invalid_ratelimit)");
			return;
		}
		req->oow_sent = true;
		req->last_oow = now;
		synack_send(e, req, p, "a repeated SYN: the SYN-ACK sent "
			    "again");
		return;
	}
	if ((fl & TCP_ACK) && ut_get32(th + 8) != req->isn + 1) {
		send_reset(e, p, req->listener, "an ACK that does not "
			   "acknowledge the SYN-ACK");
		return;
	}
	if (!in_window(req, seq, end)) {
		/* Linux answers what is not an RST with the request's ACK
		 * (rate limited); that ACK is not modelled */
		ut_engine_why(e, p, "the host's stack: a segment out of the "
			      "half-open connection's window, dropped%s",
			      fl & TCP_RST ? "" : " (the ACK Linux answers it "
			      "with is not modelled)");
		return;
	}
	if (fl & (TCP_RST | TCP_SYN)) {
		request_drop(e, req);
		if (fl & TCP_RST)
			ut_engine_why(e, p, "the host's stack: an RST ends "
				      "the half-open connection");
		else
			send_reset(e, p, req->listener, "a SYN in the "
				   "half-open connection's window ends it");
		return;
	}
	if (!(fl & TCP_ACK)) {
		ut_engine_why(e, p, "the host's stack: a segment without ACK "
			      "for a half-open connection, dropped");
		return;
	}
	req->state = UT_SK_ESTABLISHED;
	req->listener->n_requests--;
	req->listener->n_accepted++;
	ut_timer_cancel(e, &req->timer);
	ut_engine_why(e, p, "the host's stack: the handshake completes "
		      "(a connection in the accept queue)");
}

/* tcp_rcv_state_process for a listener */
static void
listen_rcv(struct ut_engine *e, const struct ut_pkt *p, struct ut_sock *lsk, const uint8_t *th, unsigned doff,
	   unsigned rtflags)
{
	uint8_t fl = th[13];

	if (fl & TCP_ACK)
		send_reset(e, p, lsk, "an ACK to a listening socket");
	else if (fl & TCP_RST)
		ut_engine_why(e, p, "the host's stack: an RST to a listening "
			      "socket, dropped");
	else if ((fl & (TCP_SYN | TCP_FIN)) == TCP_SYN)
		conn_request(e, p, lsk, th, doff, rtflags);
	else
		ut_engine_why(e, p, "the host's stack: a segment to a "
			      "listening socket without SYN (or with FIN), "
			      "dropped");
}

/* tcp_v4_rcv */
static void
tcp_rcv(struct ut_engine *e, struct ut_pkt *p, unsigned rtflags)
{
	unsigned hl = ut_ip_hlen(p), doff;
	const uint8_t *th = p->ip + hl;
	const struct ut_sock *sk;

	if (p->pkttype != UT_PACKET_HOST) {
		ut_engine_why(e, p, "the host's stack: TCP in a frame not "
			      "addressed to the host, dropped");
		return;
	}
	doff = hl + 20 <= p->len ? (th[12] >> 4) * 4u : 0;
	if (doff < 20 || hl + doff > p->len) {
		ut_engine_why(e, p, "the host's stack: a bad TCP header, "
			      "dropped");
		return;
	}
	if (ut_l4_csum(p->ip, th, p->len - hl, 6) != 0) {
		ut_engine_why(e, p, "the host's stack: a bad TCP checksum, "
			      "dropped");
		return;
	}
	/* skb_steal_sock: the socket TPROXY assigned, else the lookup */
	sk = p->sk ? p->sk :
	     ut_stack_lookup(e, 6, ut_ip_saddr_nbo(p), ut_get16(th),
			     ut_ip_daddr_nbo(p), ut_get16(th + 2),
			     UT_SK_LOOKUP_ANY);
	if (!sk) {
		send_reset(e, p, NULL, "TCP to a closed port");
		return;
	}
	switch (sk->state) {
	case UT_SK_LISTEN:
		listen_rcv(e, p, (struct ut_sock *)sk, th, doff, rtflags);
		break;
	case UT_SK_SYN_RECV:
		request_rcv(e, p, (struct ut_sock *)sk, th, doff);
		break;
	case UT_SK_ESTABLISHED:
		ut_engine_why(e, p, "the host's stack: taken by an "
			      "established connection (what it answers is "
			      "not modelled)");
		break;
	}
}

/* __udp4_lib_rcv */
static void
udp_rcv(struct ut_engine *e, struct ut_pkt *p, unsigned rtflags)
{
	unsigned hl = ut_ip_hlen(p), ulen;
	const uint8_t *uh = p->ip + hl;
	const struct ut_sock *sk;

	if (hl + 8 > p->len) {
		ut_engine_why(e, p, "the host's stack: a short UDP header, "
			      "dropped");
		return;
	}
	ulen = ut_get16(uh + 4);
	if (ulen < 8 || ulen > p->len - hl) {
		ut_engine_why(e, p, "the host's stack: a bad UDP length, "
			      "dropped");
		return;
	}
	sk = p->sk ? p->sk :
	     ut_stack_lookup(e, 17, ut_ip_saddr_nbo(p), ut_get16(uh),
			     ut_ip_daddr_nbo(p), ut_get16(uh + 2),
			     UT_SK_LOOKUP_ANY);
	if (sk) {
		ut_engine_why(e, p, "the host's stack: UDP delivered to the "
			       "socket bound to port %u", sk->lport);
		return;
	}
	if (rtflags & (UT_RTCF_BROADCAST | UT_RTCF_MULTICAST)) {
		ut_engine_why(e, p, "the host's stack: UDP broadcast to a "
			      "port no socket has, dropped");
		return;
	}
	if (ut_get16(uh + 6) && ut_l4_csum(p->ip, uh, ulen, 17) != 0) {
		ut_engine_why(e, p, "the host's stack: a bad UDP checksum, "
			      "dropped");
		return;
	}
	ut_engine_why(e, p, "the host's stack: UDP to a closed port: port "
		       "unreachable");
	ut_icmp_send(e, p, 3, 3, 0);
}

/* udplite_rcv without sockets (`listen` has no UDP-Lite): a closed
 * port, after udplite_checksum_init: a coverage of 0 is the whole
 * datagram, one below 8 or beyond it is dropped, and the checksum
 * (never 0) covers that many bytes with the pseudo-header of the whole */
static void
udplite_rcv(struct ut_engine *e, struct ut_pkt *p, unsigned rtflags)
{
	unsigned hl = ut_ip_hlen(p), len = p->len - hl, cscov;
	const uint8_t *uh = p->ip + hl;
	uint8_t ph[12];
	uint32_t sum;

	if (len < 8) {
		ut_engine_why(e, p, "the host's stack: a short UDP-Lite "
			      "header, dropped");
		return;
	}
	cscov = ut_get16(uh + 4);
	if (cscov == 0)
		cscov = len;
	memcpy(ph, p->ip + UT_IP_OFF_SADDR, 8);
	ph[8] = 0;
	ph[9] = 136;
	ut_put16(ph + 10, (uint16_t)len);
	sum = ut_csum_add(ut_csum_add(0, ph, sizeof(ph)), uh,
			  cscov <= len ? cscov : 0);
	if (cscov < 8 || cscov > len || ut_get16(uh + 6) == 0 ||
	    ut_csum_fold(sum) != 0) {
		ut_engine_why(e, p, "the host's stack: a bad UDP-Lite "
			      "coverage or checksum, dropped");
		return;
	}
	if (rtflags & (UT_RTCF_BROADCAST | UT_RTCF_MULTICAST)) {
		ut_engine_why(e, p, "the host's stack: UDP-Lite broadcast, "
			      "dropped");
		return;
	}
	ut_engine_why(e, p, "the host's stack: UDP-Lite to a closed port: "
		      "port unreachable");
	ut_icmp_send(e, p, 3, 3, 0);
}

/* icmp_rcv */
static void
icmp_rcv(struct ut_engine *e, struct ut_pkt *p, unsigned rtflags)
{
	const struct ut_host *h = e->host;
	unsigned hl = ut_ip_hlen(p);
	uint8_t type;

	if (hl + 8 > p->len ||
	    ut_csum_fold(ut_csum_add(0, p->ip + hl, p->len - hl)) != 0) {
		ut_engine_why(e, p, "the host's stack: a short ICMP message "
			      "or a bad checksum, dropped");
		return;
	}
	type = p->ip[hl];
	if (type == 13) {
		ut_engine_why(e, p, "the host's stack: a timestamp request: "
			      "Linux answers it with its wall clock, which "
			      "is not modelled (no answer)");
		return;
	}
	if (type != 8) {
		ut_engine_why(e, p, "the host's stack: ICMP type %u taken, "
			       "nothing answered", type);
		return;
	}
	if (h->icmp_echo_ignore_all) {
		ut_engine_why(e, p, "the host's stack: echo request ignored "
			      "(net.ipv4.icmp_echo_ignore_all)");
		return;
	}
	if ((rtflags & (UT_RTCF_BROADCAST | UT_RTCF_MULTICAST)) &&
	    h->icmp_echo_ignore_broadcasts) {
		ut_engine_why(e, p, "the host's stack: echo request to a "
			      "broadcast ignored "
			      "(net.ipv4.icmp_echo_ignore_broadcasts)");
		return;
	}
	ut_engine_why(e, p, "the host's stack: an echo request: an echo "
		      "reply sent");
	ut_icmp_echo_reply(e, p, rtflags);
}

/* the protocols Linux registers without modules (inet_init): ICMP,
 * IGMP, TCP, UDP, UDP-Lite; any other without a raw socket gets a
 * protocol unreachable */
static bool
proto_registered(uint8_t proto)
{
	return proto == 1 || proto == 2 || proto == 6 || proto == 17 ||
	       proto == 136;
}

void
ut_stack_rcv(struct ut_engine *e, struct ut_pkt *p)
{
	unsigned rtflags = 0;
	uint8_t proto = ut_ip_proto(p);

	if (!ut_icmp_pkt_rtflags(e, p, &rtflags))
		rtflags = UT_RTCF_LOCAL;
	switch (proto) {
	case 1:
		icmp_rcv(e, p, rtflags);
		return;
	case 6:
		tcp_rcv(e, p, rtflags);
		return;
	case 17:
		udp_rcv(e, p, rtflags);
		return;
	case 136:
		udplite_rcv(e, p, rtflags);
		return;
	default:
		break;
	}
	if (proto_registered(proto)) {
		ut_engine_why(e, p, "the host's stack: protocol %u taken, "
			       "nothing answered", proto);
		return;
	}
	ut_engine_why(e, p, "the host's stack: no handler for protocol %u: "
		       "protocol unreachable", proto);
	ut_icmp_send(e, p, 3, 2, 0);
}
