/* proto_tcp.h: what the TCP tracker's two files share: proto_tcp.c (the
 * states: transitions, exceptions, timeouts, events) and
 * proto_tcp_window.c (each direction's window and SACK, tcp_in_window).
 * Private to them. */
#ifndef UT_CONNTRACK_PROTO_TCP_H
#define UT_CONNTRACK_PROTO_TCP_H

#include <stdbool.h>
#include <stdint.h>

#include "conntrack/ct_int.h"

/* TCP header flags (byte 13) */
enum {
	TH_FIN = 0x01,
	TH_SYN = 0x02,
	TH_RST = 0x04,
	TH_PSH = 0x08,
	TH_ACK = 0x10,
	TH_URG = 0x20,
	TH_ECE = 0x40,
	TH_CWR = 0x80,
};

/* a segment's class, the table's middle index (enum tcp_bit_set) */
enum ut_tcp_class {
	C_SYN,
	C_SYNACK,
	C_FIN,
	C_ACK,
	C_RST,
	C_NONE,
	C_MAX,
};

/* what the window check says (enum nf_ct_tcp_action) */
enum ut_tcp_win {
	W_IGNORE,    /* let it pass, change nothing */
	W_INVALID,
	W_ACCEPT,
};

/* sequence space comparisons (before(), after()) */
static inline bool
seq_before(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

static inline bool
seq_after(uint32_t a, uint32_t b)
{
	return seq_before(b, a);
}

/* a segment's header fields (seg_read in proto_tcp.c) */
struct ut_tcp_seg {
	const uint8_t *th;
	unsigned hlen;          /* data offset in bytes */
	uint32_t seq, ack;
	uint32_t end;           /* seq + data + SYN + FIN */
	uint16_t win;           /* as sent, unscaled */
	uint8_t flags;
	enum ut_tcp_class cls;
};

/* ut_tcp_parse_options: window scale and SACK-permitted of a SYN into
 * side (only when the segment has options: the kernel leaves side alone
 * otherwise); the liberal flag survives */
void ut_tcp_parse_options(const struct ut_tcp_seg *s,
			  struct ut_ct_tcp_side *side);
/* ut_tcp_in_window: tcp_in_window: is s, of direction dir, within the
 * windows both directions have shown; an accepted segment updates them
 * (logs the reason of a failure when nf_conntrack_log_invalid asks) */
enum ut_tcp_win ut_tcp_in_window(struct ut_ct_ctx *cx, struct ut_conn *ct,
				 const struct ut_pkt *p,
				 const struct ut_tcp_seg *s, enum ut_ct_dir dir);

#endif
