/* ct_int.h: inside connection tracking: the table, the protocol
 * trackers' interface (one file each: proto_tcp.c, proto_udp.c, ...),
 * timeouts and the invalid-packet log. Not for extensions: they use
 * conntrack.h. */
#ifndef UT_CONNTRACK_CT_INT_H
#define UT_CONNTRACK_CT_INT_H

#include <stdarg.h>

#include "conntrack/conntrack.h"
#include "engine/clock.h"
#include "engine/engine.h"
#include "host/host.h"

/* what a tracker sees besides the packet (nf_hook_state + the table) */
struct ut_ct_ctx {
	struct ut_engine *e;
	struct ut_ct_net *net;
	const struct ut_nf_sysctl *sys;  /* the host's net.netfilter.* */
	enum ut_hook hook;
	const struct ut_iface *in, *out;
	unsigned long number;  /* the input packet this happens for (events) */
};

/* the result of a tracker's packet(): the kernel's NF_ACCEPT, NF_DROP,
 * and -NF_ACCEPT ("invalid": the packet goes on without a connection) */
#define UT_CT_VERDICT_INVALID (-1)
/* -NF_REPEAT: the connection was killed (a SYN reopening TIME_WAIT);
 * the core looks the packet up again and it starts a new one */
#define UT_CT_VERDICT_REPEAT (-2)

struct ut_ct_l4proto {
	uint8_t proto;
	/* pkt_to_tuple: read the per-protocol part of the tuple from the
	 * transport header at l4 (len bytes available: at least 8 or the
	 * whole rest of the datagram). false: too short (the kernel's
	 * nf_ct_get_tuple failure: the packet is INVALID). NULL: ports 0. */
	bool (*pkt_to_tuple)(const uint8_t *l4, size_t len,
			     struct ut_ct_tuple *t);
	/* invert_tuple: the reply tuple's per-protocol part (sport/dport
	 * of inv from orig; addresses are done by the core). false: no
	 * inverse (an ICMP type without a reply). NULL: ports swapped. */
	bool (*invert_tuple)(struct ut_ct_tuple *inv,
			     const struct ut_ct_tuple *orig);
	/* error: nf_conntrack_*_error before lookup (header, checksum):
	 * true when the packet is fine; false makes it INVALID (the
	 * tracker logged why). ICMP errors are looked up by the core. */
	bool (*error)(struct ut_ct_ctx *cx, const struct ut_pkt *p,
		      unsigned dataoff);
	/* packet: nf_conntrack_*_packet: ct is the packet's connection
	 * (unconfirmed and fresh for the first packet: initialise the
	 * protocol state, or refuse with UT_CT_VERDICT_INVALID); update
	 * it and its timeout with ut_ct_refresh. Returns UT_NF_ACCEPT,
	 * UT_NF_DROP or UT_CT_VERDICT_INVALID. */
	int (*packet)(struct ut_ct_ctx *cx, struct ut_conn *ct,
		      struct ut_pkt *p, unsigned dataoff, unsigned ctinfo);
	/* print_state: conntrack -L's state word with its trailing space
	 * ("ESTABLISHED "), NULL for protocols without one */
	const char *(*state_name)(const struct ut_conn *ct);
	/* can_early_drop: may this assured entry be evicted by the gc
	 * worker when the table is (nearly) full
	 * (nf_conntrack_l4proto.can_early_drop); NULL: no. A new entry's
	 * early drop does not ask: it takes any entry not assured. */
	bool (*can_early_drop)(const struct ut_conn *ct);
};

extern const struct ut_ct_l4proto ut_ct_l4proto_tcp;
extern const struct ut_ct_l4proto ut_ct_l4proto_udp;
extern const struct ut_ct_l4proto ut_ct_l4proto_udplite;
extern const struct ut_ct_l4proto ut_ct_l4proto_icmp;
extern const struct ut_ct_l4proto ut_ct_l4proto_sctp;
extern const struct ut_ct_l4proto ut_ct_l4proto_gre;
extern const struct ut_ct_l4proto ut_ct_l4proto_generic;

/* ut_ct_l4proto_find: the tracker of an IP protocol (generic for the
 * rest) */
const struct ut_ct_l4proto *ut_ct_l4proto_find(uint8_t proto);

/* ut_ct_proto_name: the name conntrack(8) prints for an IP protocol
 * ("tcp", "dccp", "unknown"); not the tracker's: DCCP has none */
const char *ut_ct_proto_name(uint8_t proto);

/* ut_ct_refresh: set ct's timeout to secs from now (nf_ct_refresh_acct:
 * an entry with IPS_FIXED_TIMEOUT keeps its own) */
void ut_ct_refresh(struct ut_ct_ctx *cx, struct ut_conn *ct, uint32_t secs);

/* ut_ct_log_invalid: nf_l4proto_log_invalid: when
 * nf_conntrack_log_invalid selects proto (255: all), the kernel's line
 * "nf_ct_proto_N: REASON IN=... " for p in DIR/log. printf-style. */
void ut_ct_log_invalid(struct ut_ct_ctx *cx, const struct ut_pkt *p,
		       uint8_t proto, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* ut_ct_event: record an event for ct (the kernel's ctnetlink events,
 * as conntrack -E prints them); mask of UT_CT_EV_* */
enum {  /* enum ip_conntrack_events */
	UT_CT_EV_NEW = 1u << 0,
	UT_CT_EV_RELATED = 1u << 1,
	UT_CT_EV_DESTROY = 1u << 2,
	UT_CT_EV_REPLY = 1u << 3,
	UT_CT_EV_ASSURED = 1u << 4,
	UT_CT_EV_PROTOINFO = 1u << 5,
	UT_CT_EV_HELPER = 1u << 6,
	UT_CT_EV_MARK = 1u << 7,
	UT_CT_EV_SEQADJ = 1u << 8,
	UT_CT_EV_SECMARK = 1u << 9,
	UT_CT_EV_LABEL = 1u << 10,
	UT_CT_EV_SYNPROXY = 1u << 11,
	UT_CT_EV_ALL = 0x0fff,
};
/* events are cached on ct and delivered when its packet passes the
 * confirm hook (nf_conntrack_event_cache); DESTROY is delivered at once */
void ut_ct_event(struct ut_ct_ctx *cx, struct ut_conn *ct, unsigned events);

/* ut_ct_kill: remove ct from the table now (nf_ct_kill: a TCP RST/SYN
 * reopening, an early drop). The caller's references stay valid. */
void ut_ct_kill(struct ut_ct_ctx *cx, struct ut_conn *ct);

/* ut_ct_seq_offset: nf_ct_seq_offset: the sequence number correction of
 * direction dir at seq after a helper changed payload lengths (0 without
 * IPS_SEQ_ADJUST) */
int32_t ut_ct_seq_offset(const struct ut_conn *ct, enum ut_ct_dir dir,
			 uint32_t seq);
/* ut_ct_seqadj_set: nf_ct_seqadj_set: a helper changed the length of
 * the payload of ctinfo's direction by off bytes in the segment starting
 * at seq (host order): later segments of that direction are shifted by
 * off more, and the other direction's acknowledgements back (one change
 * per window: one at or before the last correction is kept as it is).
 * Sets IPS_SEQ_ADJUST. false: out of memory (nothing changed). */
bool ut_ct_seqadj_set(struct ut_conn *ct, unsigned ctinfo, uint32_t seq,
		      int32_t off);
/* ut_ct_seqadj_init: nf_ct_seqadj_init: from now on every segment of
 * ctinfo's direction is shifted by off (SYNPROXY splices two sequence
 * spaces); off 0 changes nothing. Sets IPS_SEQ_ADJUST. false: out of
 * memory. */
bool ut_ct_seqadj_init(struct ut_conn *ct, unsigned ctinfo, int32_t off);
/* ut_ct_seq_adjust: nf_ct_seq_adjust: the sequence number of p (ct's,
 * ctinfo's direction; transport header at protoff) shifted by its
 * direction's offset, its acknowledgement and SACK blocks by the other
 * direction's, the TCP checksum updated. false: the packet is too short
 * or its options are malformed (the kernel drops it). */
bool ut_ct_seq_adjust(struct ut_pkt *p, const struct ut_conn *ct,
		      unsigned ctinfo, unsigned protoff);

/* ---- for NAT (src/nat) ---------------------------------------------- */

struct ut_ct_expect;

/* what the ftp helper found (enum nf_ct_ftp_type) */
enum ut_ftp_type {
	UT_FTP_PORT = 0,   /* PORT a,b,c,d,p,q */
	UT_FTP_PASV = 1,   /* 227 ... a,b,c,d,p,q */
	UT_FTP_EPRT = 2,   /* EPRT |1|a.b.c.d|port| */
	UT_FTP_EPSV = 3,   /* 229 ... (|||port|) */
};

/* nf_nat_ftp_hook: NAT's part of the ftp helper, set by NAT when it is
 * there (ut_ct_net.nat_ftp, ct_net.h) and called for a connection with a NAT
 * binding instead of registering exp: it rewrites the address and port
 * at matchoff/matchlen of the payload (offsets from the TCP payload's
 * start) as the other side must see them, registers exp for the NATed
 * tuple and returns the verdict. */
typedef unsigned (*ut_nat_ftp_fn)(struct ut_ct_ctx *cx, struct ut_pkt *p,
				  struct ut_conn *ct, unsigned ctinfo,
				  enum ut_ftp_type type, unsigned matchoff,
				  unsigned matchlen, struct ut_ct_expect *exp);

/* ut_ct_invert: the reply tuple of orig (addresses swapped, the
 * tracker's invert_tuple); false when there is none */
bool ut_ct_invert(struct ut_ct_tuple *inv, const struct ut_ct_tuple *orig);
/* ut_ct_tuple_taken: nf_conntrack_tuple_taken: is there a confirmed
 * connection in zone other than ignored whose reply tuple is `reply`
 * (or whose original tuple clashes with it), so that ignored may not use
 * it */
bool ut_ct_tuple_taken(struct ut_ct_net *net, const struct ut_ct_tuple *reply,
		       uint16_t zone, const struct ut_conn *ignored);
/* ut_ct_alter_reply: nf_conntrack_alter_reply: give the unconfirmed ct
 * a new reply tuple (NAT's binding) */
void ut_ct_alter_reply(struct ut_conn *ct, const struct ut_ct_tuple *reply);
#endif
