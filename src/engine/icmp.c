/* icmp.c: the ICMP errors the host sends (icmp_send, net/ipv4/icmp.c
 * __icmp_send of Linux 6.x) and the per-peer state that icmp_send's rate
 * limit shares with ip_error and ip_rt_send_redirect (struct inet_peer).
 *
 * Overview. ut_icmp_send follows __icmp_send step by step:
 *   1. no answer to a link-level broadcast/multicast (pkt_type), to a
 *      packet whose route is broadcast/multicast, to a fragment other than
 *      the first, nor (for an error) to an ICMP error or an ICMP type
 *      above 18;
 *   2. the global limiter (icmp_global_allow) for the types of
 *      net.ipv4.icmp_ratemask (frag-needed excepted), skipped for packets
 *      that came in on lo;
 *   3. the source: the packet's destination if its route is local, else
 *      0 (the reply route chooses: the inbound interface's address when
 *      the way back is the way in), or the inbound device's address with
 *      net.ipv4.icmp_errors_use_inbound_ifaddr;
 *   4. TOS (tos & 0x1e) | 0xc0 for errors, the reply mark
 *      (fwmark_reflect), the IP options echoed (record route, timestamp);
 *   5. the reply route to the packet's source (icmp_route_lookup without
 *      xfrm is ip_route_output_key), then the per-destination token bucket
 *      (inet_peer_xrlim_allow, net.ipv4.icmp_ratelimit, burst 6), which
 *      consumes a global credit when it lets the message through;
 *   6. the message: as much of the packet as fits in 576 bytes, TTL
 *      ip_default_ttl, no DF (the ICMP socket is IP_PMTUDISC_DONT), and
 *      out through ut_ip_local_out (OUTPUT, POSTROUTING) like
 *      ip_push_pending_frames -> ip_local_out.
 *
 * Determinism (documented departures from the kernel, which draws random
 * numbers here):
 *  - icmp_global_consume takes a random 0, 1 or 2 credits per message;
 *    we take exactly 1 (the kernel's mean), so the global limiter lets
 *    the first icmp_msgs_burst (50) limited messages through, then
 *    icmp_msgs_per_sec (1000/s) refilled in steps of at least HZ/50.
 *  - the IP ID is a keyed hash per namespace (ip_select_ident); we use a
 *    counter of the messages this engine built (1, 2, ...).
 *  - inet_peer entries are garbage-collected by the kernel after about
 *    10 minutes unused; we keep them. Only an icmp_ratelimit above 10 s
 *    could tell the difference (a new peer starts with 60 s of tokens).
 *  - source-routed packets never get here (the path drops them), so the
 *    reversed source route of __ip_options_echo is not built; CIPSO
 *    options are not echoed either (no DOI is configured, so a packet
 *    with one is dropped at input).
 *
 * Measured on Linux 6.18 (tests/unit/icmp_test.c holds the frames):
 * TOS 0xc0 (0xde for an original TOS of 0xff), TTL = ip_default_ttl, no
 * DF, quote up to 576 bytes in all, the forwarded packet quoted with its
 * TTL already decremented (REJECT in FORWARD), source = the inbound
 * interface's address for forwarded packets and the packet's destination
 * for local ones; per destination 6 answers in a burst then 1 per second;
 * ip_error's bucket and this one share the peer (3 REJECTs then 3
 * unroutable packets at 20 ms get 4 answers).
 */
#include <stdlib.h>
#include <string.h>

#include "conntrack/conntrack.h"
#include "engine/engine.h"
#include "engine/bucket.h"
#include "engine/icmp.h"

#define ICMP_DEST_UNREACH 3
#define ICMP_FRAG_NEEDED 4
#define ICMP_PARAMETERPROB 12
#define NR_ICMP_TYPES 18
#define IPPROTO_ICMP_ 1
#define IPTOS_PREC_INTERNETCONTROL 0xc0
#define IPTOS_TOS_MASK 0x1e
#define XRLIM_BURST_FACTOR 6
#define OPT_RR 7
#define OPT_TIMESTAMP 68

/* ---- per-peer state (inet_peer) ---------------------------------------- */

struct peer {
	uint32_t addr;          /* network order (the vif is always 0) */
	bool used;
	struct ut_bucket rate;  /* rate_tokens, rate_last */
	unsigned n_redirects;
};

struct ut_icmp_state {
	struct peer *peers;     /* open addressing, cap a power of two */
	size_t cap, n;
	/* icmp_global_credit / icmp_global_stamp of the namespace: a new
	 * namespace starts at 0/0, so the first limited message fills the
	 * bucket to the burst */
	long credit;
	uint32_t stamp;
	uint16_t ip_id;
};

struct ut_icmp_state *
ut_icmp_state_new(void)
{
	return calloc(1, sizeof(struct ut_icmp_state));
}

void
ut_icmp_state_free(struct ut_icmp_state *s)
{
	if (!s)
		return;
	free(s->peers);
	free(s);
}

static size_t
peer_slot(const struct peer *tab, size_t cap, uint32_t addr)
{
	uint32_t x = addr;
	size_t i;

	x ^= x >> 16;
	x *= 0x45d9f3bu;
	x ^= x >> 16;
	i = x & (cap - 1);
	while (tab[i].used && tab[i].addr != addr)
		i = (i + 1) & (cap - 1);
	return i;
}

static bool
peers_grow(struct ut_icmp_state *s)
{
	size_t cap = s->cap ? 2 * s->cap : 16;
	struct peer *tab = calloc(cap, sizeof(*tab));

	if (!tab)
		return false;
	for (size_t i = 0; i < s->cap; i++)
		if (s->peers[i].used)
			tab[peer_slot(tab, cap, s->peers[i].addr)] =
				s->peers[i];
	free(s->peers);
	s->peers = tab;
	s->cap = cap;
	return true;
}

/* inet_getpeer_v4(base, addr, 0) with create: a new peer has no tokens
 * and rate_last 60 s back ("high enough that the first calculation of
 * tokens is at its maximum"). NULL only when out of memory; the kernel's
 * callers then let the message through. */
static struct peer *
peer_get(struct ut_engine *e, uint32_t addr)
{
	struct ut_icmp_state *s = ut_engine_icmp(e);
	const struct ut_host *h = ut_engine_host(e);
	struct peer *pe;

	if (!s || !h)
		return NULL;
	if ((s->n + 1) * 2 > s->cap && !peers_grow(s) && s->n + 1 >= s->cap)
		return NULL;
	pe = &s->peers[peer_slot(s->peers, s->cap, addr)];
	if (!pe->used) {
		pe->used = true;
		pe->addr = addr;
		pe->rate.tokens = 0;
		pe->n_redirects = 0;
		pe->rate.last = ut_engine_jiffies(e) - 60ul * h->hz;
		s->n++;
	}
	return pe;
}

/* inet_peer_xrlim_allow: a token bucket in jiffies, timeout per message,
 * XRLIM_BURST_FACTOR messages of burst */
static bool
peer_xrlim_allow(struct peer *pe, unsigned long timeout, unsigned long now)
{
	if (!pe)
		return true;
	return ut_bucket_take(&pe->rate, now, 1, XRLIM_BURST_FACTOR * timeout,
			      timeout);
}

/* ip_error's bucket (ip_rt_error_burst 5*HZ, ip_rt_error_cost HZ) on the
 * same rate_tokens/rate_last as icmp_send's: measured, 6 unroutable
 * packets at 20 ms from one source get 2 answers */
bool
ut_icmp_ip_error_allow(struct ut_engine *e, uint32_t saddr)
{
	const struct ut_host *h = ut_engine_host(e);
	struct peer *pe = peer_get(e, saddr);
	unsigned long now = ut_engine_jiffies(e);

	if (!pe || !h)
		return true;
	return ut_bucket_take(&pe->rate, now, 1, 5ul * h->hz, h->hz);
}

/* time_after(a, b) */
static bool
after(unsigned long a, unsigned long b)
{
	return (long)(b - a) < 0;
}

/* ip_rt_send_redirect's back-off (ip_rt_redirect_number 9,
 * ip_rt_redirect_load HZ/50, ip_rt_redirect_silence (HZ/50) << 10):
 * measured, 60 packets at 10 ms get redirects at 0, 50, 140 and 310 ms */
bool
ut_icmp_redirect_allow(struct ut_engine *e, uint32_t saddr)
{
	const struct ut_host *h = ut_engine_host(e);
	struct peer *pe = peer_get(e, saddr);
	unsigned long now = ut_engine_jiffies(e), load;

	if (!pe || !h)
		return true;
	load = h->hz / 50;
	if (after(now, pe->rate.last + (load << 10))) {
		pe->rate.tokens = 0;
		pe->n_redirects = 0;
	}
	if (pe->n_redirects >= 9) {
		pe->rate.last = now;
		return false;
	}
	if (pe->n_redirects != 0 &&
	    !after(now, pe->rate.last + (load << pe->n_redirects)))
		return false;
	pe->rate.last = now;
	pe->n_redirects++;
	return true;
}

/* ---- the global limiter (icmp_global_allow / icmp_global_consume) -------- */

static bool
global_allow(struct ut_icmp_state *s, const struct ut_host *h,
	     unsigned long now)
{
	uint32_t now32 = (uint32_t)now, delta;
	long incr;

	if (s->credit > 0)
		return true;
	delta = now32 - s->stamp;
	if (delta > h->hz)
		delta = h->hz;
	if (delta < h->hz / 50)
		return false;
	incr = h->icmp_msgs_per_sec > 0 ?
	       (long)((uint64_t)h->icmp_msgs_per_sec * delta / h->hz) : 0;
	if (!incr)
		return false;
	s->stamp = now32;
	s->credit += incr;
	if (s->credit > h->icmp_msgs_burst)
		s->credit = h->icmp_msgs_burst;
	return true;
}

/* icmpv4_mask_allow: true for the types the limits leave alone */
static bool
mask_allow(const struct ut_host *h, uint8_t type, uint8_t code)
{
	if (type > NR_ICMP_TYPES)
		return true;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		return true;
	return !((1u << type) & h->icmp_ratemask);
}

/* icmp_pointers[type].error: the types that are error messages */
static bool
icmp_is_error(uint8_t type)
{
	static const uint32_t errors = 1u << 1 | 1u << 2 | 1u << 3 |
		1u << 4 | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 9 | 1u << 10 |
		1u << 11 | 1u << 12;

	return type <= NR_ICMP_TYPES && (errors >> type & 1u);
}

/* msecs_to_jiffies, rounding up as the kernel does */
static unsigned long
ms_to_jiffies(int ms, unsigned hz)
{
	if (ms <= 0)
		return 0;
	return (unsigned long)(((uint64_t)ms * hz + 999) / 1000);
}

static bool
sysctl_on(const struct ut_host *h, const char *key)
{
	const char *v = ut_host_sysctl(h, key);

	return v && atoi(v) != 0;
}

/* ---- helpers shared with REJECT (icmp.h) ------------------------------- */

bool
ut_icmp_pkt_rtflags(struct ut_engine *e, const struct ut_pkt *p,
		    unsigned *flags)
{
	const struct ut_host *h = ut_engine_host(e);
	uint32_t daddr;
	enum ut_rtn type;
	struct ut_rt rt;

	if (!h || p->len < 20)
		return false;
	daddr = ut_ip_daddr_nbo(p);
	if (p->indev && !p->indev->loopback) {
		/* the routing decision made at input, made again: it only
		 * depends on the header and mark, as they are now (a packet
		 * looped back on lo keeps its output route: below) */
		if (ut_route_input(h, daddr, ut_ip_saddr_nbo(p),
				   p->ip[UT_IP_OFF_TOS], p->indev, p->mark,
				   &rt) != UT_DROP_NONE)
			return false;
		type = rt.type;
	} else {
		/* __mkroute_output: the type of the destination */
		type = ut_host_addr_type(h, daddr, NULL);
	}
	switch (type) {
	case UT_RTN_LOCAL:
		*flags = UT_RTCF_LOCAL;
		break;
	case UT_RTN_BROADCAST:
		*flags = UT_RTCF_BROADCAST | UT_RTCF_LOCAL;
		break;
	case UT_RTN_MULTICAST:
		*flags = UT_RTCF_MULTICAST;
		break;
	default:
		*flags = 0;
		break;
	}
	return true;
}

bool
ut_nf_ip_checksum_ok(const struct ut_pkt *p, uint8_t proto)
{
	unsigned hlen;
	uint32_t sum;

	if (p->len < 20)
		return false;
	hlen = ut_ip_hlen(p);
	if (hlen < 20 || hlen > p->len)
		return false;
	/* __skb_checksum_complete sums from skb->data: the IP header */
	sum = ut_csum_add(0, p->ip, p->len);
	if (proto == 6 || proto == 17) {
		uint8_t ph[12];

		memcpy(ph, p->ip + UT_IP_OFF_SADDR, 8);
		ph[8] = 0;
		ph[9] = proto;
		ut_put16(ph + 10, (uint16_t)(p->len - hlen));
		sum = ut_csum_add(sum, ph, sizeof(ph));
	}
	return ut_csum_fold(sum) == 0;
}

uint32_t
ut_ip_reply_mark(const struct ut_engine *e, const struct ut_pkt *p)
{
	const struct ut_host *h = ut_engine_host(e);

	return h && sysctl_on(h, "net.ipv4.fwmark_reflect") ? p->mark : 0;
}

/* ---- IP options echoed in the error (__ip_options_echo) ---------------- */

struct echo {
	uint8_t data[40];
	unsigned len;
	/* where ip_options_build writes our address / the time, as offsets
	 * into data; -1: nothing */
	int rr_addr, ts_addr, ts_time;
};

/* the record-route and timestamp options ip_options_compile noted for a
 * received packet, found again in its bytes (they are valid: a packet
 * with bad options is dropped at input, except for the parameter problem
 * about them, where the options from the bad one on were not noted) */
static void
find_options(const struct ut_pkt *p, uint8_t type, uint32_t info,
	     unsigned *rr, unsigned *ts)
{
	unsigned hlen = ut_ip_hlen(p), at = 20, stop = hlen;
	const uint8_t *iph = p->ip;

	*rr = *ts = 0;
	if (hlen > p->len)
		hlen = p->len;
	if (type == ICMP_PARAMETERPROB)
		stop = info >> 24;
	while (at < hlen) {
		unsigned optlen;

		if (iph[at] == 0)
			break;
		if (iph[at] == 1) {
			at++;
			continue;
		}
		if (hlen - at < 2)
			break;
		optlen = iph[at + 1];
		if (optlen < 2 || optlen > hlen - at || stop < at + optlen)
			break;
		/* (the pointer checks of ip_options_compile) */
		if (iph[at] == OPT_RR && !*rr && optlen >= 3 &&
		    iph[at + 2] >= 4)
			*rr = at;
		else if (iph[at] == OPT_TIMESTAMP && !*ts && optlen >= 4 &&
			 iph[at + 2] >= 5 &&
			 (iph[at + 2] > optlen || (iph[at + 3] & 0xf) <= 1 ||
			  (iph[at + 3] & 0xf) == 3))
			*ts = at;
		at += optlen;
	}
}

/* the record route option: copied; if it has room, the pointer moves on
 * and our address goes in the slot. -1: the kernel gives up (no error). */
static int
echo_rr(struct echo *o, const uint8_t *opt)
{
	unsigned optlen = opt[1], ptr = opt[2], at = o->len;

	memcpy(o->data + at, opt, optlen);
	if (ptr <= optlen) {
		if (ptr + 3 > optlen)
			return -1;
		o->data[at + 2] = (uint8_t)(ptr + 4);
		o->rr_addr = (int)(at + ptr - 1);
	}
	o->len += optlen;
	return 0;
}

/* was a prespecified timestamp ours at input (the pointer moved by 8
 * past an address of this host)? */
static bool
prespec_was_ours(const struct ut_host *h, const uint8_t *opt)
{
	unsigned ptr = opt[2];
	uint32_t a;

	if (ptr < 13 || ptr - 9 + 4 > opt[1])
		return false;
	memcpy(&a, opt + ptr - 9, 4);
	return ut_host_addr_type(h, a, NULL) != UT_RTN_UNICAST;
}

static int
echo_ts(const struct ut_host *h, struct echo *o, const uint8_t *opt)
{
	unsigned optlen = opt[1], soff = opt[2], at = o->len;
	unsigned flag = opt[3] & 0xf;
	bool needaddr = flag == 1, needtime;

	memcpy(o->data + at, opt, optlen);
	o->len += optlen;
	if (soff > optlen)
		return 0;
	needtime = flag <= 1 || (flag == 3 && prespec_was_ours(h, opt));
	if (needaddr) {
		if (soff + 3 > optlen)
			return -1;
		soff += 4;
	}
	if (needtime) {
		if (soff + 3 > optlen)
			return -1;
		needtime = false;
		if (flag != 3) {
			needtime = true;
			soff += 4;
		} else if (soff + 7 <= optlen) {
			uint32_t a;

			memcpy(&a, o->data + at + soff - 1, 4);
			if (ut_host_addr_type(h, a, NULL) != UT_RTN_UNICAST) {
				needtime = true;
				soff += 8;
			}
		}
	}
	o->data[at + 2] = (uint8_t)soff;
	if (needaddr)
		o->ts_addr = (int)(at + soff - 9);
	if (needtime)
		o->ts_time = (int)(at + soff - 5);
	return 0;
}

/* __ip_options_echo for an error: record route, then timestamp, padded
 * with END to a multiple of 4. Only received packets have options noted
 * (IPCB); a locally sent one echoes nothing. */
static int
options_echo(struct ut_engine *e, const struct ut_pkt *p, uint8_t type,
	     uint32_t info, struct echo *o)
{
	unsigned rr, ts;

	memset(o, 0, sizeof(*o));
	o->rr_addr = o->ts_addr = o->ts_time = -1;
	if (!p->indev || ut_ip_hlen(p) <= 20)
		return 0;
	find_options(p, type, info, &rr, &ts);
	if (rr && echo_rr(o, p->ip + rr) < 0)
		return -1;
	if (ts && echo_ts(ut_engine_host(e), o, p->ip + ts) < 0)
		return -1;
	while (o->len & 3)
		o->data[o->len++] = 0;
	return 0;
}

/* ip_options_build for the output route: our source in the slots, the
 * time as milliseconds since midnight UTC of the packet's time */
static void
options_build(const struct echo *o, uint8_t *opts, uint32_t src,
	      uint64_t tstamp_ns)
{
	memcpy(opts, o->data, o->len);
	if (o->rr_addr >= 0)
		memcpy(opts + o->rr_addr, &src, 4);
	if (o->ts_addr >= 0)
		memcpy(opts + o->ts_addr, &src, 4);
	if (o->ts_time >= 0)
		ut_put32(opts + o->ts_time,
			 (uint32_t)((tstamp_ns / 1000000u) % 86400000u));
}

/* ---- icmp_send ----------------------------------------------------------- */

/* step 1: the packets the kernel never answers: NULL, or why not */
static const char *
not_answered(struct ut_engine *e, const struct ut_pkt *p, uint8_t type,
	     unsigned *rtflags)
{
	unsigned hlen;

	if (p->len < 20)
		return "shorter than an IP header";
	if (!ut_icmp_pkt_rtflags(e, p, rtflags))
		return "its destination has no input route";
	if (p->pkttype != UT_PACKET_HOST)
		return "it came in a link-level broadcast or multicast frame";
	if (*rtflags & (UT_RTCF_BROADCAST | UT_RTCF_MULTICAST))
		return "its destination is a broadcast or multicast address";
	if (ut_ip_fragoff(p))
		return "it is a later fragment";
	if (icmp_is_error(type) && ut_ip_proto(p) == IPPROTO_ICMP_) {
		/* skb_header_pointer at ihl*4: an unknown inner type counts
		 * as an error too */
		hlen = ut_ip_hlen(p);
		if (hlen >= p->len)
			return "an ICMP packet without its ICMP header";
		if (p->ip[hlen] > NR_ICMP_TYPES || icmp_is_error(p->ip[hlen]))
			return "it is an ICMP error itself";
	}
	return NULL;
}

/* unsent: the trace's reason for an ICMP message icmp_send gives up */
static void
unsent(struct ut_engine *e, const struct ut_pkt *p, uint8_t type,
       uint8_t code, const char *why)
{
	ut_engine_why(e, p, "no ICMP type %u code %u sent: %s", type, code,
		      why);
}

/* step 3: the source address asked of the reply route (0: its choice) */
static uint32_t
error_saddr(const struct ut_host *h, const struct ut_pkt *p,
	    unsigned rtflags)
{
	if (rtflags & UT_RTCF_LOCAL)
		return ut_ip_daddr_nbo(p);
	if (p->indev &&
	    sysctl_on(h, "net.ipv4.icmp_errors_use_inbound_ifaddr"))
		return ut_host_select_addr_scope(h, p->indev,
						 ut_ip_saddr_nbo(p),
						 UT_SCOPE_LINK);
	return 0;
}

/* reply_new: a datagram of the ICMP control socket to p's source: the
 * IP header (tos, ID, ip_default_ttl, o's options echoed) for icmp_len
 * bytes of ICMP that the caller writes, and the fields of a kernel
 * socket's packet */
static struct ut_pkt *
reply_new(struct ut_engine *e, const struct ut_pkt *p, const struct echo *o,
	  uint8_t tos, uint32_t src, uint32_t icmp_len)
{
	const struct ut_host *h = ut_engine_host(e);
	struct ut_icmp_state *s = ut_engine_icmp(e);
	unsigned hlen = 20 + o->len;
	uint32_t len = hlen + icmp_len;
	struct ut_pkt *q = ut_pkt_new(NULL, 0, len);
	uint8_t *ip;

	if (!q)
		return NULL;
	ip = q->ip;
	memset(ip, 0, hlen);
	ip[0] = (uint8_t)(0x40 | hlen / 4);
	ip[UT_IP_OFF_TOS] = tos;
	ut_put16(ip + UT_IP_OFF_TOTLEN, (uint16_t)len);
	ut_put16(ip + UT_IP_OFF_ID, ++s->ip_id);
	ip[UT_IP_OFF_TTL] = (uint8_t)h->ip_default_ttl;
	ip[UT_IP_OFF_PROTO] = IPPROTO_ICMP_;
	memcpy(ip + UT_IP_OFF_SADDR, &src, 4);
	memcpy(ip + UT_IP_OFF_DADDR, p->ip + UT_IP_OFF_SADDR, 4);
	options_build(o, ip + 20, src, p->tstamp_ns);
	ut_ip_send_check(ip);
	q->len = len;
	q->tstamp_ns = p->tstamp_ns;
	q->number = p->number;
	q->pkttype = UT_PACKET_HOST;
	/* sent on the per-CPU ICMP control socket: a kernel socket */
	q->has_sock = true;
	q->sk_kernel = true;
	return q;
}

/* step 6: the datagram icmp_push_reply hands to ip_push_pending_frames */
static struct ut_pkt *
build(struct ut_engine *e, const struct ut_pkt *p, const struct echo *o,
      uint8_t type, uint8_t code, uint32_t info, uint8_t tos, uint32_t src,
      uint32_t data_len)
{
	struct ut_pkt *q = reply_new(e, p, o, tos, src, 8 + data_len);
	uint8_t *icmp;

	if (!q)
		return NULL;
	icmp = q->ip + 20 + o->len;
	icmp[0] = type;
	icmp[1] = code;
	icmp[2] = icmp[3] = 0;
	ut_put32(icmp + 4, info);
	memcpy(icmp + 8, p->ip, data_len);
	ut_put16(icmp + 2, ut_csum_fold(ut_csum_add(0, icmp, 8 + data_len)));
	return q;
}

void
ut_icmp_send(struct ut_engine *e, const struct ut_pkt *p, uint8_t type,
	     uint8_t code, uint32_t info)
{
	const struct ut_host *h = ut_engine_host(e);
	struct ut_icmp_state *s = ut_engine_icmp(e);
	unsigned long now = ut_engine_jiffies(e);
	bool apply_ratelimit = false;
	const char *why;
	unsigned rtflags;
	uint32_t saddr, daddr, mtu;
	struct ut_pkt *q;
	struct ut_rt rt;
	struct echo o;
	uint8_t tos;
	long room;

	if (!h || !s)
		return;
	why = not_answered(e, p, type, &rtflags);
	if (why) {
		unsent(e, p, type, code, why);
		return;
	}
	/* step 2 (icmpv4_global_allow), not for packets from lo */
	if (!(p->indev && p->indev->loopback) && !mask_allow(h, type, code)) {
		if (!global_allow(s, h, now)) {
			unsent(e, p, type, code, "the global ICMP limit "
			       "(net.ipv4.icmp_msgs_per_sec) is spent");
			return;
		}
		apply_ratelimit = true;
	}
	saddr = error_saddr(h, p, rtflags);
	tos = icmp_is_error(type) ?
	      (uint8_t)((p->ip[UT_IP_OFF_TOS] & IPTOS_TOS_MASK) |
			IPTOS_PREC_INTERNETCONTROL) :
	      p->ip[UT_IP_OFF_TOS];
	if (options_echo(e, p, type, info, &o) < 0) {
		unsent(e, p, type, code, "its IP options cannot be echoed");
		return;
	}
	/* step 5: icmp_route_lookup, then the peer's bucket */
	daddr = ut_ip_saddr_nbo(p);
	if (ut_route_output(h, daddr, saddr, tos, NULL,
			    ut_ip_reply_mark(e, p), &rt) < 0 || !rt.dev) {
		unsent(e, p, type, code, "no route back to its source");
		return;
	}
	if (rt.type == UT_RTN_BROADCAST || rt.type == UT_RTN_MULTICAST) {
		unsent(e, p, type, code, "the route back to its source is "
		       "broadcast or multicast");
		return;
	}
	if (apply_ratelimit && h->icmp_ratelimit > 0 && !rt.dev->loopback) {
		if (!peer_xrlim_allow(peer_get(e, daddr),
				      ms_to_jiffies(h->icmp_ratelimit, h->hz),
				      now)) {
			unsent(e, p, type, code, "rate limited for its source "
			       "(net.ipv4.icmp_ratelimit)");
			return;
		}
	}
	if (apply_ratelimit)
		s->credit--;    /* icmp_global_consume: see the top */
	/* "return as much as we can without exceeding 576 bytes" */
	mtu = rt.mtu ? rt.mtu : rt.dev->mtu;
	room = (mtu > 576 ? 576 : (long)mtu) - 20 - (long)o.len - 8;
	if (room <= 20) {
		unsent(e, p, type, code, "the route's MTU leaves no room");
		return;
	}
	if (!saddr)
		saddr = rt.src;
	if (!saddr) {
		/* INADDR_DUMMY rather than 0.0.0.0 */
		static const uint8_t dummy[4] = { 192, 0, 0, 8 };

		memcpy(&saddr, dummy, 4);
	}
	q = build(e, p, &o, type, code, info, tos, saddr,
		  p->len < (uint32_t)room ? p->len : (uint32_t)room);
	if (!q)
		return;
	q->mark = ut_ip_reply_mark(e, p);
	/* the error belongs to the offending packet's connection, even an
	 * unconfirmed one (measured: NAT drops the redirect about a
	 * connection's first packet, whose source binding is not set up) */
	ut_ct_attach_related(q, p);
	ut_ip_local_out(e, q);
}

/* ---- icmp_reply (the echo reply of the host's stack, stack.c) ---------- */

/* fib_compute_spec_dst: the reply's source: the request's destination
 * when that is one of the host's unicast addresses, else (a broadcast)
 * the preferred source of the route back to the sender */
static uint32_t
spec_dst(const struct ut_host *h, const struct ut_pkt *p, unsigned rtflags)
{
	struct ut_rt rt;

	if (!(rtflags & (UT_RTCF_BROADCAST | UT_RTCF_MULTICAST)))
		return ut_ip_daddr_nbo(p);
	if (ut_ip_saddr_nbo(p) &&
	    ut_route_output(h, ut_ip_saddr_nbo(p), 0, p->ip[UT_IP_OFF_TOS],
			    NULL, p->mark, &rt) == 0 && rt.src)
		return rt.src;
	return ut_host_select_addr_scope(h, p->indev, ut_ip_saddr_nbo(p),
					 UT_SCOPE_LINK);
}

void
ut_icmp_echo_reply(struct ut_engine *e, const struct ut_pkt *p,
		   unsigned rtflags)
{
	const struct ut_host *h = ut_engine_host(e);
	unsigned ihl = ut_ip_hlen(p);
	uint32_t src = spec_dst(h, p, rtflags);
	struct ut_pkt *q;
	struct echo o;
	uint8_t *icmp;

	if (options_echo(e, p, 0, 0, &o) < 0) {
		ut_engine_why(e, p, "the host's stack: no echo reply: its IP "
			      "options cannot be echoed");
		return;
	}
	/* the socket's TOS is the request's (icmp_reply: inet->tos) */
	q = reply_new(e, p, &o, p->ip[UT_IP_OFF_TOS], src, p->len - ihl);
	if (!q)
		return;
	/* the request's header and data, type 0, the checksum again */
	icmp = q->ip + 20 + o.len;
	memcpy(icmp, p->ip + ihl, p->len - ihl);
	icmp[0] = 0;
	icmp[2] = icmp[3] = 0;
	ut_put16(icmp + 2, ut_csum_fold(ut_csum_add(0, icmp, p->len - ihl)));
	q->mark = ut_ip_reply_mark(e, p);
	/* no nf_ct_attach: conntrack finds the echo's entry by the tuple */
	ut_ip_local_out(e, q);
}
