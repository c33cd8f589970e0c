/* icmp.h: what icmp.c shares with the REJECT target (xt_REJECT.c): the
 * facts about a packet both icmp_send and nf_send_reset check. */
#ifndef UT_ENGINE_ICMP_H
#define UT_ENGINE_ICMP_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/engine.h"

/* the rt_flags of a packet's route that matter here (RTCF_*) */
#define UT_RTCF_LOCAL 0x1u
#define UT_RTCF_BROADCAST 0x2u
#define UT_RTCF_MULTICAST 0x4u

/* ut_icmp_pkt_rtflags: skb_rtable(p)->rt_flags as the kernel has them
 * for p at a hook: the input route for a received packet, the output
 * route for one the host sent. false if the packet has no route (the
 * kernel then answers nothing). */
bool ut_icmp_pkt_rtflags(struct ut_engine *e, const struct ut_pkt *p,
			 unsigned *flags);

/* ut_nf_ip_checksum_ok: nf_ip_checksum(skb, hook, ihl, proto) == 0 for a
 * packet without checksum offload state (CHECKSUM_NONE, as frames from
 * pcap files are): the one's complement sum of the whole datagram from
 * its IP header, plus the pseudo-header for TCP and UDP, folds to 0. The
 * IP header is part of the sum, so a header whose checksum is stale (a
 * record-route option filled in on input, before ip_forward_options
 * fixes it) fails the check, as on Linux. */
bool ut_nf_ip_checksum_ok(const struct ut_pkt *p, uint8_t proto);

/* ut_ip_reply_mark: IP4_REPLY_MARK: the packet's mark if
 * net.ipv4.fwmark_reflect is set, else 0 */
uint32_t ut_ip_reply_mark(const struct ut_engine *e, const struct ut_pkt *p);

/* ut_icmp_echo_reply: icmp_reply for an echo request the host's stack
 * answers (stack.c; rtflags: the request's, from ut_icmp_pkt_rtflags):
 * the request's ICMP header and data as type 0, its TOS, TTL
 * ip_default_ttl, no DF, options echoed, from the address it was sent to
 * (or, for a broadcast, the route back's source); OUTPUT, POSTROUTING */
void ut_icmp_echo_reply(struct ut_engine *e, const struct ut_pkt *p,
			unsigned rtflags);

#endif
