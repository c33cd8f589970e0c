/* ipopt.c: IPv4 options on receive and forward, as ip_options_compile
 * (with an skb and a route) and ip_forward_options do (net/ipv4/
 * ip_options.c): validation with the offset a parameter problem points at,
 * record route and timestamp filled in, source routes noted. */
#include <string.h>

#include "engine/engine_int.h"
#include "engine/ipopt.h"

enum {
	OPT_END = 0,
	OPT_NOOP = 1,
	OPT_RR = 7,
	OPT_TIMESTAMP = 68,
	OPT_LSRR = 131,
	OPT_CIPSO = 134,
	OPT_SSRR = 137,
	OPT_RA = 148,
};

/* inet_current_timestamp: milliseconds since midnight UTC, of the packet
 * time here */
static uint32_t
ms_since_midnight(uint64_t ns)
{
	return (uint32_t)((ns / 1000000u) % (24u * 3600u * 1000u));
}

/* fib_compute_spec_dst: our address as the packet's receiver: its
 * destination when it is for us, else our source towards its sender */
static uint32_t
spec_dst(struct ut_engine *e, const struct ut_pkt *p, bool local)
{
	struct ut_rt rt;

	if (local)
		return ut_ip_daddr_nbo(p);
	if (ut_route_output(ut_engine_host(e), ut_ip_saddr_nbo(p), 0,
			    p->ip[UT_IP_OFF_TOS] & 0x1e, NULL, 0, &rt) == 0)
		return rt.src;
	return ut_host_select_addr(ut_engine_host(e), p->indev,
				   ut_ip_saddr_nbo(p));
}

/* the timestamp option; returns the offset of a bad byte or 0 */
static unsigned
opt_timestamp(struct ut_engine *e, struct ut_pkt *p, struct ut_ipopt *o,
	      unsigned at, unsigned optlen, bool local)
{
	uint8_t *opt = p->ip + at;
	uint8_t *timeptr = NULL;
	uint32_t a;

	if (o->ts)
		return at;
	if (optlen < 4)
		return at + 1;
	if (opt[2] < 5)
		return at + 2;
	o->ts = (uint8_t)at;
	if (opt[2] > optlen) {
		unsigned overflow = opt[3] >> 4;

		if ((opt[3] & 0xf) == 3)
			return 0;
		if (overflow == 15)
			return at + 3;
		opt[3] = (uint8_t)((opt[3] & 0xf) | ((overflow + 1) << 4));
		o->changed = true;
		return 0;
	}
	if (opt[2] + 3u > optlen)
		return at + 2;
	switch (opt[3] & 0xf) {
	case 0: /* timestamps only */
		timeptr = &opt[opt[2] - 1];
		opt[2] += 4;
		break;
	case 1: /* address and timestamp */
		if (opt[2] + 7u > optlen)
			return at + 2;
		a = spec_dst(e, p, local);
		memcpy(&opt[opt[2] - 1], &a, 4);
		timeptr = &opt[opt[2] + 3];
		opt[2] += 8;
		break;
	case 3: /* prespecified addresses */
		if (opt[2] + 7u > optlen)
			return at + 2;
		memcpy(&a, &opt[opt[2] - 1], 4);
		if (ut_host_addr_type(ut_engine_host(e), a, NULL) ==
		    UT_RTN_UNICAST)
			return 0;
		timeptr = &opt[opt[2] + 3];
		opt[2] += 8;
		break;
	default:
		return 0;
	}
	ut_put32(timeptr, ms_since_midnight(p->tstamp_ns));
	o->changed = true;
	return 0;
}

/* one option at `at` of length optlen (checked >= 2 and in bounds) */
static unsigned
opt_one(struct ut_engine *e, struct ut_pkt *p, struct ut_ipopt *o,
	unsigned at, unsigned optlen, bool local)
{
	uint8_t *opt = p->ip + at;
	uint32_t a;

	switch (opt[0]) {
	case OPT_LSRR:
	case OPT_SSRR:
		if (optlen < 3)
			return at + 1;
		if (opt[2] < 4)
			return at + 2;
		if (o->srr)
			return at;
		o->srr = (uint8_t)at;
		return 0;
	case OPT_RR:
		if (o->rr)
			return at;
		if (optlen < 3)
			return at + 1;
		if (opt[2] < 4)
			return at + 2;
		if (opt[2] <= optlen) {
			if (opt[2] + 3u > optlen)
				return at + 2;
			a = spec_dst(e, p, local);
			memcpy(&opt[opt[2] - 1], &a, 4);
			opt[2] += 4;
			o->rr_needaddr = true;
			o->changed = true;
		}
		o->rr = (uint8_t)at;
		return 0;
	case OPT_TIMESTAMP:
		return opt_timestamp(e, p, o, at, optlen, local);
	case OPT_RA:
		return optlen < 4 ? at + 1 : 0;
	case OPT_CIPSO:
		/* no CIPSO DOI is configured: cipso_v4_validate fails at
		 * the DOI field */
		return at + 2;
	default:
		return 0;
	}
}

unsigned
ut_ipopt_rcv(struct ut_engine *e, struct ut_pkt *p, bool local,
	     struct ut_ipopt *o)
{
	unsigned hlen = ut_ip_hlen(p), at = 20;
	uint8_t *iph = p->ip;

	memset(o, 0, sizeof(*o));
	while (at < hlen) {
		unsigned optlen, bad;

		if (iph[at] == OPT_END) {
			/* everything after the end becomes END too */
			for (at++; at < hlen; at++)
				if (iph[at] != OPT_END) {
					iph[at] = OPT_END;
					o->changed = true;
				}
			break;
		}
		if (iph[at] == OPT_NOOP) {
			at++;
			continue;
		}
		if (hlen - at < 2)
			return at;
		optlen = iph[at + 1];
		if (optlen < 2 || optlen > hlen - at)
			return at;
		bad = opt_one(e, p, o, at, optlen, local);
		if (bad)
			return bad;
		at += optlen;
	}
	return 0;
}

void
ut_ipopt_forward(struct ut_engine *e, struct ut_pkt *p,
		 const struct ut_rt *rt, struct ut_ipopt *o)
{
	if (o->rr_needaddr) {
		uint8_t *opt = p->ip + o->rr;
		uint32_t a = ut_host_select_addr(ut_engine_host(e), rt->dev,
						 rt->nexthop);

		memcpy(&opt[opt[2] - 5], &a, 4);
		o->changed = true;
	}
	if (o->changed) {
		o->changed = false;
		ut_ip_send_check(p->ip);
	}
}
