/* conntrack.h: connection tracking (the kernel's nf_conntrack), the part
 * the engine, NAT and the extensions see.
 *
 * A connection is two tuples, the original direction's and the reply's,
 * both in one hash table, so that a packet of either direction finds it.
 * Entries are created unconfirmed by the first packet (PREROUTING or
 * OUTPUT at UT_PRI_CONNTRACK), die with that packet if it is dropped,
 * and enter the table when it leaves netfilter (confirm, at
 * UT_PRI_CONNTRACK_CONFIRM of POSTROUTING or INPUT). Time is the packet
 * clock: an entry whose timeout has passed is gone for lookups and
 * outputs.
 *
 * Ownership: the table holds one reference to each confirmed entry; a
 * packet holds one (p->nfct, released by ut_pkt_free through
 * p->nfct_put); the reference of an unconfirmed entry is its packet's
 * only. ut_ct_put frees an entry at its last reference.
 */
#ifndef UT_CONNTRACK_CONNTRACK_H
#define UT_CONNTRACK_CONNTRACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/pkt.h"
#include "rules/ruleset.h"

struct ut_engine;
struct ut_buf;
struct ut_err;
struct ut_hook_state;

/* ctinfo (enum ip_conntrack_info) */
enum ut_ctinfo {
	UT_CT_ESTABLISHED = 0,
	UT_CT_RELATED = 1,
	UT_CT_NEW = 2,
	UT_CT_IS_REPLY = 3,
	UT_CT_ESTABLISHED_REPLY = 3,
	UT_CT_RELATED_REPLY = 4,
	UT_CT_UNTRACKED = 7,
};

enum ut_ct_dir {
	UT_CT_DIR_ORIGINAL = 0,
	UT_CT_DIR_REPLY = 1,
};

static inline enum ut_ct_dir
ut_ctinfo2dir(unsigned ctinfo)
{
	return ctinfo >= UT_CT_IS_REPLY ? UT_CT_DIR_REPLY : UT_CT_DIR_ORIGINAL;
}

/* status bits (enum ip_conntrack_status) */
enum {
	UT_IPS_EXPECTED = 1u << 0,
	UT_IPS_SEEN_REPLY = 1u << 1,
	UT_IPS_ASSURED = 1u << 2,
	UT_IPS_CONFIRMED = 1u << 3,
	UT_IPS_SRC_NAT = 1u << 4,
	UT_IPS_DST_NAT = 1u << 5,
	UT_IPS_NAT_MASK = UT_IPS_SRC_NAT | UT_IPS_DST_NAT,
	UT_IPS_SEQ_ADJUST = 1u << 6,
	UT_IPS_SRC_NAT_DONE = 1u << 7,
	UT_IPS_DST_NAT_DONE = 1u << 8,
	UT_IPS_DYING = 1u << 9,
	UT_IPS_FIXED_TIMEOUT = 1u << 10,
	UT_IPS_TEMPLATE = 1u << 11,
	UT_IPS_UNTRACKED = 1u << 12,
	UT_IPS_HELPER = 1u << 13,
	UT_IPS_OFFLOAD = 1u << 14,
	UT_IPS_HW_OFFLOAD = 1u << 15,
};

/* A tuple (struct nf_conntrack_tuple). Addresses in network order as in
 * the packet; the per-protocol parts in host order:
 *   TCP, UDP, UDP-Lite, SCTP, DCCP: sport/dport are the ports
 *   ICMP: sport is the echo/timestamp/info id, dport is type << 8 | code
 *   GRE:  sport/dport are the keys (0 for version 0 without a key)
 *   other protocols: both 0 */
struct ut_ct_tuple {
	uint32_t src, dst;
	uint16_t sport, dport;
	uint8_t proto;
};

static inline bool
ut_ct_tuple_equal(const struct ut_ct_tuple *a, const struct ut_ct_tuple *b)
{
	return a->src == b->src && a->dst == b->dst && a->sport == b->sport &&
	       a->dport == b->dport && a->proto == b->proto;
}

/* TCP state (enum tcp_conntrack; the order is the kernel's) */
enum ut_tcp_state {
	UT_TCP_NONE = 0,
	UT_TCP_SYN_SENT,
	UT_TCP_SYN_RECV,
	UT_TCP_ESTABLISHED,
	UT_TCP_FIN_WAIT,
	UT_TCP_CLOSE_WAIT,
	UT_TCP_LAST_ACK,
	UT_TCP_TIME_WAIT,
	UT_TCP_CLOSE,
	UT_TCP_SYN_SENT2,
	UT_TCP_MAX,
	UT_TCP_IGNORE,
	UT_TCP_RETRANS,
	UT_TCP_UNACK,
};

/* one direction's window tracking (struct ip_ct_tcp_state) */
struct ut_ct_tcp_side {
	uint32_t td_end, td_maxend, td_maxwin;
	uint32_t td_maxack;  /* highest ACK sent (with UT_TCP_FLAG_MAXACK_SET) */
	uint8_t td_scale;
	uint8_t flags;  /* UT_TCP_FLAG_* (IP_CT_TCP_FLAG_*) */
};

enum {
	UT_TCP_FLAG_WINDOW_SCALE = 0x01,
	UT_TCP_FLAG_SACK_PERM = 0x02,
	UT_TCP_FLAG_CLOSE_INIT = 0x04,
	UT_TCP_FLAG_BE_LIBERAL = 0x08,
	UT_TCP_FLAG_DATA_UNACKNOWLEDGED = 0x10,
	UT_TCP_FLAG_MAXACK_SET = 0x20,
	UT_TCP_FLAG_CHALLENGE_ACK = 0x40,
	UT_TCP_FLAG_SIMULTANEOUS_OPEN = 0x80,
};

/* struct ip_ct_tcp */
struct ut_ct_tcp {
	struct ut_ct_tcp_side seen[2];
	uint8_t state;
	uint8_t last_dir;
	uint8_t retrans;
	uint8_t last_index;
	uint32_t last_seq, last_ack, last_end;
	uint16_t last_win;
	uint8_t last_wscale;
	uint8_t last_flags;
};

/* SCTP and GRE keep what their trackers need */
struct ut_ct_sctp {
	uint8_t state;
	uint8_t last_dir;
	uint8_t init[2];
	uint8_t flags;     /* proto_sctp.c: a heartbeat's vtag failed */
	uint32_t vtag[2];  /* host order */
};

struct ut_ct_gre {
	uint32_t stream_timeout, timeout; /* seconds */
};

struct ut_ct_udp {
	uint64_t stream_ts;  /* jiffies: replied after this is a stream */
};

/* NAT's per-connection data (nf_nat): seq adjustment for helpers that
 * change payload lengths (ftp) */
struct ut_ct_seqadj_dir {
	uint32_t correction_pos;
	int32_t offset_before, offset_after;
};

struct ut_ct_helper;
struct ut_ct_expect;

/* nf_conn_synproxy: the cookie SYNPROXY sent the client (isn), the
 * timestamp it echoed to the server (its), and the difference between
 * the server's and SYNPROXY's timestamp clocks (tsoff) */
struct ut_ct_synproxy {
	uint32_t isn, its, tsoff;
};

struct ut_conn {
	/* the hash chains of the two tuples: the next link of each, a
	 * pointer to the next entry with its direction in the low bit */
	uintptr_t hnext[2];
	uint16_t zone;          /* beside what a lookup reads */
	uint8_t zone_dir;       /* the tuples in `zone` (UT_CT_ZONE_DIR_*);
				 * the other's zone is 0 */
	struct ut_ct_tuple tuple[2];
	struct ut_ct_net *net;  /* NULL once the table is gone */
	uint32_t status;        /* UT_IPS_* */
	uint32_t mark;          /* ct->mark (CONNMARK) */
	uint32_t use;           /* references */
	uint16_t ecache;        /* events not yet delivered (UT_CT_EV_*) */
	uint16_t ctmask;        /* events delivered (CT --ctevents) */
	uint64_t timeout;       /* expiry, in jiffies of the packet clock */
	uint64_t id;            /* creation order */
	union {
		struct ut_ct_tcp tcp;
		struct ut_ct_sctp sctp;
		struct ut_ct_gre gre;
		struct ut_ct_udp udp;
	} proto;
	/* helper (ftp) and its expectations' master; NULL: none */
	const struct ut_ct_helper *helper;
	struct ut_conn *master;     /* an expected connection's master */
	struct ut_ct_seqadj_dir *seqadj;  /* [2] when IPS_SEQ_ADJUST */
	/* SYNPROXY's record of a connection it opened to the server
	 * (nf_conn_synproxy; owned), NULL for every other */
	struct ut_ct_synproxy *synproxy;
	void *help;                 /* the helper's data (owned) */
	/* accounting (nf_conntrack_acct or a rule that needs it) */
	uint64_t packets[2], bytes[2];
	/* conntrack labels (nf_conn_labels: XT_CONNLABEL_MAXBIT + 1 bits),
	 * bit n in word n / 32; set by connlabel --set */
	uint32_t labels[4];
};

/* ---- what the engine calls -------------------------------------------- */

struct ut_ct_net;

/* ut_ct_needed: does rs need connection tracking (a match or target of
 * the conntrack family, or the nat table) */
bool ut_ct_needed(const struct ut_ruleset *rs);
/* ut_defrag_needed: does rs enable nf_defrag_ipv4 by itself (-m socket,
 * -j TPROXY): whole datagrams from PREROUTING and OUTPUT on, as with
 * conntrack; ut_defrag_register registers that step alone */
bool ut_defrag_needed(const struct ut_ruleset *rs);
int ut_defrag_register(struct ut_engine *e);

/* ut_ct_net_new: the connection table of engine e with its hooks
 * registered (defrag, conntrack, confirm), the host's sysctls read.
 * NULL with err on failure. Called by ut_engine_new before the tables
 * register, only when ut_ct_needed. */
struct ut_ct_net *ut_ct_net_new(struct ut_engine *e, struct ut_err *err);
void ut_ct_net_free(struct ut_ct_net *net);

/* ut_ct_output: the table as `conntrack -L` prints it, sorted, entries
 * alive at now */
void ut_ct_output(const struct ut_ct_net *net, struct ut_buf *out);
/* ut_ct_stats: the figures of ut_engine_conntrack_stats */
struct ut_engine_ct_stats;
void ut_ct_stats(const struct ut_ct_net *net, struct ut_engine_ct_stats *st);
/* ut_ct_events_output: the event lines of the run so far */
void ut_ct_events_output(const struct ut_ct_net *net, struct ut_buf *out);
/* ut_ct_load: start from a `conntrack -L` table (file for messages);
 * -1 with err naming file and line */
int ut_ct_load(struct ut_ct_net *net, const char *text, const char *file,
	       struct ut_err *err);

/* ut_ct_prefetch: a hint: the IPv4 datagram at ip (len bytes) is one of
 * the next conntrack will see. Its hash bucket is loaded into the
 * cache now, the entry behind it by ut_ct_prefetch_entry (the engine
 * calls it when a frame is done), so that the lookup does not wait for
 * memory. Changes nothing but the cache: a wrong or stale hint costs a
 * few loads. */
void ut_ct_prefetch(struct ut_ct_net *net, const uint8_t *ip, size_t len);
/* ut_ct_prefetch_entry: the second half: the entry the hinted bucket
 * leads to is loaded into the cache (the bucket should be there) */
void ut_ct_prefetch_entry(struct ut_ct_net *net);

/* ---- what extensions and NAT call ----------------------------------- */

/* ut_ct_get: the packet's connection and ctinfo (NULL: none, i.e.
 * INVALID, or untracked when *ctinfo == UT_CT_UNTRACKED) */
static inline struct ut_conn *
ut_ct_get(const struct ut_pkt *p, unsigned *ctinfo)
{
	*ctinfo = p->ctinfo;
	return (struct ut_conn *)p->nfct;
}

static inline bool
ut_ct_is_untracked(const struct ut_pkt *p)
{
	return p->ctinfo == UT_CT_UNTRACKED;
}

static inline bool
ut_ct_confirmed(const struct ut_conn *ct)
{
	return ct->status & UT_IPS_CONFIRMED;
}

/* ut_ct_attach_related: nf_ct_attach: a packet the host builds in answer
 * to skb (REJECT's RST) belongs to skb's connection, RELATED in the
 * other direction */
void ut_ct_attach_related(struct ut_pkt *nskb, const struct ut_pkt *skb);
/* ut_ct_set_untracked: what -j NOTRACK / CT --notrack do (raw table) */
void ut_ct_set_untracked(struct ut_pkt *p);

/* What `-j CT` gives the connection a packet creates (the kernel's
 * template conntrack): applied by the core when the entry is made. The
 * object belongs to the rule (its runtime state) and outlives packets. */
struct ut_ct_template {
	uint16_t zone;
	const struct ut_ct_helper *helper;  /* --helper, or NULL */
	uint16_t ctmask;        /* --ctevents as UT_CT_EV_* bits (ct_int.h);
				 * 0: every event */
	/* --expevents (1 << IPEXP_NEW). The kernel gives the entry an
	 * event mask when either option is there, so with expmask set a
	 * ctmask of 0 means no conntrack event at all (`--expevents new`
	 * alone silences [NEW]/[UPDATE]/[DESTROY]) */
	uint16_t expmask;
	/* the directions whose tuple is in `zone` (NF_CT_ZONE_DIR_*:
	 * --zone-orig ORIG, --zone-reply REPL, --zone or both: BOTH); the
	 * other direction's tuple is in zone 0 (nf_ct_zone_id) */
	uint8_t zone_dir;
	/* --zone mark (NF_CT_FLAG_MARK): the zone id is the packet's mark
	 * (its low 16 bits) when nf_conntrack_in looks it up, not `zone`
	 * (nf_ct_zone_tmpl) */
	bool zone_from_mark;
	/* SYNPROXY's template (synproxy_net's tmpl): the entry gets a
	 * struct ut_ct_synproxy */
	bool synproxy;
};
enum {
	UT_CT_ZONE_DIR_ORIG = 1u << 0,
	UT_CT_ZONE_DIR_REPL = 1u << 1,
	UT_CT_ZONE_DIR_BOTH = UT_CT_ZONE_DIR_ORIG | UT_CT_ZONE_DIR_REPL,
};
static inline void
ut_ct_set_template(struct ut_pkt *p, const struct ut_ct_template *t)
{
	p->nfct_tmpl = t;
}

/* a helper (nf_conntrack_helper): found by name for CT --helper */
const struct ut_ct_helper *ut_ct_helper_find(const char *name);
const char *ut_ct_helper_name(const struct ut_ct_helper *h);
/* ut_ct_expires_in: remaining seconds as conntrack -L prints them */
uint32_t ut_ct_expires_in(const struct ut_engine *e, const struct ut_conn *ct);
/* references (the packet's own go through p->nfct_get/put) */
void ut_ct_hold(struct ut_conn *ct);
void ut_ct_put(struct ut_conn *ct);
/* ut_ct_attach: p now refers to ct with ctinfo (a reference taken;
 * the one it had released) */
void ut_ct_attach(struct ut_pkt *p, struct ut_conn *ct, unsigned ctinfo);
/* ut_ct_pkt_tuple: nf_ct_get_tuplepr: the original-direction tuple of
 * p's own headers (false: none, e.g. a later fragment or a cut header) */
bool ut_ct_pkt_tuple(const struct ut_pkt *p, struct ut_ct_tuple *t);
/* ut_ct_lookup: nf_conntrack_find_get: the live confirmed entry with
 * tuple t (either direction) in the zone (id for the directions in
 * zone_dir, UT_CT_ZONE_DIR_*), or NULL; an expired one met on the way
 * is destroyed (its event names packet p). No reference is taken: the
 * entry lives at least until the packet is done. */
struct ut_conn *ut_ct_lookup(struct ut_engine *e, const struct ut_pkt *p,
			     const struct ut_ct_tuple *t, uint16_t zone,
			     uint8_t zone_dir);
/* ut_ct_acct_force: what connbytes' checkentry does: accounting on for
 * the table (net.netfilter.nf_conntrack_acct=1), so entries count
 * packets and bytes and `conntrack -L` prints them */
void ut_ct_acct_force(struct ut_engine *e);
/* ut_ct_mark_set: ct->mark = mark; a change caches the IPCT_MARK event
 * (delivered at the packet's confirm hook, as nf_conntrack_event_cache) */
void ut_ct_mark_set(struct ut_conn *ct, uint32_t mark);
/* ut_ct_label_set: set label bit (< 128) of ct; setting it caches the
 * IPCT_LABEL event (as connlabel --set's test_and_set_bit). false if it
 * was set already */
bool ut_ct_label_set(struct ut_conn *ct, unsigned bit);
/* ut_ct_label_has: is label bit (< 128) of ct set */
static inline bool
ut_ct_label_has(const struct ut_conn *ct, unsigned bit)
{
	return (ct->labels[bit / 32] >> (bit % 32)) & 1u;
}
/* ut_ct_engine_net: the engine's table (NULL without conntrack) */
struct ut_ct_net *ut_ct_engine_net(struct ut_engine *e);

#endif
