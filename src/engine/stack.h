/* stack.h: the host's own TCP/UDP/ICMP stack (HOST `stack on`) and its
 * sockets: what path.c hands a delivered packet to, and what the socket
 * match and TPROXY look up (nf_sk_lookup_slow_v4, nf_tproxy_get_sock_v4). */
#ifndef UT_ENGINE_STACK_H
#define UT_ENGINE_STACK_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/clock.h"

struct ut_engine;
struct ut_pkt;
struct ut_iface;

enum ut_sk_state {
	UT_SK_LISTEN,      /* a `listen` line (a bound UDP socket too) */
	UT_SK_SYN_RECV,    /* a request socket: SYN answered, ACK awaited */
	UT_SK_ESTABLISHED, /* the handshake completed (nothing more modelled) */
};

/* A socket of the host. Listeners come from the HOST; requests and
 * connections are made by SYNs and ACKs and live as long as the engine
 * (pointers stay valid: a packet may hold one, skb->sk for TPROXY). */
struct ut_sock {
	uint8_t proto;             /* 6 or 17 */
	enum ut_sk_state state;
	uint32_t laddr, raddr;     /* network order; laddr 0: any */
	uint16_t lport, rport;     /* host order; rport 0 for a listener */
	bool transparent;          /* IP_TRANSPARENT (a request: its
				    * listener's, no_srccheck) */
	uint32_t mark;             /* SO_MARK */
	bool gone;                 /* a request reset or timed out */
	/* a request: its listener, what the SYN asked for, the SYN-ACK's
	 * retransmission timer */
	struct ut_sock *listener;
	/* a listener: its half-open requests and its completed connections
	 * nobody accepts (the backlog bounds both) */
	unsigned n_requests, n_accepted, backlog;
	bool synflood_warned;
	uint32_t isn, rcv_nxt, rcv_wnd, ts_recent;
	bool ts_ok, sack_ok, wscale_ok, ecn_ok;
	uint8_t tos;
	unsigned long last_oow;    /* jiffies of the last out-of-window
				    * SYN-ACK (tcp_oow_rate_limited) */
	bool oow_sent;
	unsigned num_timeout;
	unsigned long number;      /* the input packet that made it */
	struct ut_timer timer;
};

/* what a lookup may find (nf_tproxy_lookup_t, and xt_socket's both) */
enum ut_sk_lookup {
	UT_SK_LOOKUP_ANY,          /* established first, then listeners */
	UT_SK_LOOKUP_ESTABLISHED,
	UT_SK_LOOKUP_LISTENER,
};

/* ut_stack_new/free: the sockets of e's host (none when it has no
 * `listen` lines). -1: out of memory. */
int ut_stack_new(struct ut_engine *e);
void ut_stack_free(struct ut_engine *e);

/* ut_stack_rcv: ip_local_deliver_finish for p after INPUT, with `stack
 * on`: the protocol's receive (TCP, UDP, ICMP), which may answer (echo
 * reply, RST, SYN-ACK, ICMP unreachable: through OUTPUT and
 * POSTROUTING). p stays the caller's. */
void ut_stack_rcv(struct ut_engine *e, struct ut_pkt *p);

/* ut_stack_lookup: the socket the tuple (network order addresses, host
 * order ports, as the packet has them: saddr is the peer's) reaches,
 * NULL if none */
const struct ut_sock *ut_stack_lookup(struct ut_engine *e, uint8_t proto,
				      uint32_t saddr, uint16_t sport,
				      uint32_t daddr, uint16_t dport,
				      enum ut_sk_lookup kind);

/* ut_stack_lookup_pkt: nf_sk_lookup_slow_v4: the socket a received
 * packet belongs to (TCP, UDP, or the packet an ICMP error quotes): the one
 * TPROXY assigned if any, else established sockets first, then
 * listeners. NULL: none. */
const struct ut_sock *ut_stack_lookup_pkt(struct ut_engine *e,
					  const struct ut_pkt *p);

/* ut_sock_full: sk_fullsock: not a request socket */
static inline bool
ut_sock_full(const struct ut_sock *sk)
{
	return sk->state != UT_SK_SYN_RECV;
}

#endif
