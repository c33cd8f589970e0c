/* nat_int.h: inside NAT: the engine's NAT state, the incremental checksum
 * arithmetic, packet manipulation (nat_proto.c, nat_icmp.c) and the
 * binding's choice (nat_core.c). Exported for the unit tests; the engine
 * and the targets use nat.h. */
#ifndef UT_NAT_NAT_INT_H
#define UT_NAT_NAT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "conntrack/ct_int.h"
#include "nat/nat.h"

struct ut_pkt;

/* one source mapping (nf_nat_bysource): a connection from (src, sport,
 * proto) in zone that was source-NATed, with its reply tuple. Entries
 * are copies, never references: conntrack frees connections without
 * telling NAT, so an entry is live while some connection still has its
 * reply tuple (checked with ut_ct_tuple_taken when found) and is
 * dropped when it is not. */
struct ut_nat_src {
	struct ut_nat_src *next;
	uint32_t src;             /* original source address */
	uint16_t sport;           /* original source port / ICMP id */
	uint8_t proto;
	uint16_t zone;
	struct ut_ct_tuple reply; /* the connection's reply tuple */
	uint64_t ct_id;           /* the connection's conntrack id */
};

struct ut_nat {
	struct ut_engine *e;
	const struct ut_table *table;  /* the nat table */
	/* the source mappings, hashed by (src, sport, proto); newest
	 * first in a bucket, as the kernel's hlist_add_head */
	struct ut_nat_src **bysrc;
	size_t n_buckets, n_src;
	/* the packet being handled (hook, devices, input number), for
	 * what conntrack does on NAT's behalf: the eviction of a TIME_WAIT
	 * entry in the last tries of a port search; NULL outside a hook */
	struct ut_ct_ctx *cx;
};

/* ---- checksums (include/net/checksum.h), on network-order values ---- */

/* csum_replace4: the 16-bit checksum at sum (2 bytes, network order)
 * updated for a 32-bit field changed from `from` to `to` (RFC 1624 eqn 3,
 * with the kernel's 32-bit arithmetic: the result is never "+0" unless
 * the kernel's would be) */
void ut_nat_csum_replace4(uint8_t *sum, uint32_t from, uint32_t to);
/* inet_proto_csum_replace4/2 for a packet whose checksum is complete (not
 * CHECKSUM_PARTIAL, which the engine never has): csum_replace4 whatever
 * pseudohdr says */
void ut_nat_csum_replace2(uint8_t *sum, uint16_t from, uint16_t to);

/* ---- packet manipulation (nat_proto.c) ------------------------------ */

/* nf_nat_ipv4_manip_pkt: make the IP datagram at p->ip + iphdroff look
 * like target for manip (its source or its destination: address, and
 * the port / ICMP id of target's protocol), checksums updated as the
 * kernel does. false when the packet is too short for it (the kernel
 * drops it). */
bool ut_nat_ipv4_manip_pkt(struct ut_pkt *p, unsigned iphdroff,
			   const struct ut_ct_tuple *target,
			   enum ut_nat_manip manip);
/* nf_nat_manip_pkt: p of ct in direction dir made to look like the
 * inverse of the other direction's tuple; UT_NF_ACCEPT or UT_NF_DROP */
unsigned ut_nat_manip_pkt(struct ut_pkt *p, const struct ut_conn *ct,
			  enum ut_nat_manip manip, enum ut_ct_dir dir);
/* nf_ct_invert_tuple for NAT: the inverse of a connection's tuple (the
 * tracker's; addresses and ports swapped if it has none) */
void ut_nat_invert(struct ut_ct_tuple *inv, const struct ut_ct_tuple *t);
/* the status bit (UT_IPS_SRC_NAT or UT_IPS_DST_NAT) that makes packets of
 * direction dir change at a hook of kind manip */
uint32_t ut_nat_statusbit(enum ut_nat_manip manip, enum ut_ct_dir dir);
/* nf_nat_packet: ut_nat_manip_pkt when ct's binding changes packets of
 * ctinfo's direction at hook */
unsigned ut_nat_packet(struct ut_pkt *p, const struct ut_conn *ct,
		       unsigned ctinfo, enum ut_hook hook);

/* nat_icmp.c: nf_nat_icmp_reply_translation: an ICMP error RELATED to ct
 * (ctinfo RELATED or RELATED_REPLY) at hook: the packet it quotes
 * translated back, then the outer header as ct's packets of that
 * direction. false: drop it (bad checksum, too short, a redirect about a
 * NATed connection). */
bool ut_nat_icmp_reply_translation(struct ut_pkt *p, const struct ut_conn *ct,
				   unsigned ctinfo, enum ut_hook hook);

/* ---- the binding's choice (nat_core.c) ------------------------------ */

/* find_best_ips_proto's address for IPv4: the address of range
 * [min_ip, max_ip] (network order) that the kernel picks for a
 * connection from src to dst in zone (the hash is keyed with fixed
 * values, so the choice is the kernel's own); persistent drops dst */
uint32_t ut_nat_pick_ip(uint32_t src, uint32_t dst, uint16_t zone,
			uint32_t min_ip, uint32_t max_ip, bool persistent);
/* get_unique_tuple: the tuple (inverse of the reply) ct's packets get
 * for manip into range, from orig (the current one) */
void ut_nat_get_unique_tuple(struct ut_nat *nat, struct ut_ct_tuple *tuple,
			     const struct ut_ct_tuple *orig,
			     const struct ut_nat_range2 *range,
			     struct ut_conn *ct, enum ut_nat_manip manip);
/* nf_nat_alloc_null_binding: the identity binding of hook's kind */
unsigned ut_nat_alloc_null_binding(struct ut_engine *e, struct ut_conn *ct,
				   enum ut_hook hook);
/* the source mappings' table */
void ut_nat_bysrc_free(struct ut_nat *nat);

/* ---- helpers' NAT (nat_ftp.c) --------------------------------------- */

struct ut_ct_expect;

/* ut_nat_ftp_register: the ftp helper's NAT part for e's connections
 * (the kernel's nf_nat_ftp_hook) */
void ut_nat_ftp_register(struct ut_engine *e);
/* nf_nat_ftp_fmt_cmd: the text that replaces an announcement of type:
 * "a,b,c,d,p,q" (PORT, 227), "|1|a.b.c.d|port|" (EPRT), "|||port|"
 * (229) for addr (network order) and port; its length, 0 if it does not
 * fit len with its NUL */
size_t ut_nat_ftp_fmt_cmd(enum ut_ftp_type type, uint32_t addr,
			  uint16_t port, char *buf, size_t len);
/* nf_nat_mangle_tcp_packet: bytes [matchoff, matchoff + matchlen) of the
 * TCP payload of p (transport header at protoff) replaced by rep, the
 * datagram resized, its total length, IP and TCP checksums made right,
 * and a length change recorded for ct's sequence adjustment in ctinfo's
 * direction at the segment's sequence number. false (p unchanged): the
 * match is outside the payload, or the datagram would pass 65535 bytes,
 * or out of memory. */
bool ut_nat_mangle_tcp_packet(struct ut_pkt *p, struct ut_conn *ct,
			      unsigned ctinfo, unsigned protoff,
			      unsigned matchoff, unsigned matchlen,
			      const char *rep, unsigned replen);
/* nf_nat_exp_find_port: register exp for port, or (while another master
 * expects it) for ports drawn above it, 128 tries; the port (set in exp's
 * tuple), 0 when none could be registered */
uint16_t ut_nat_exp_find_port(struct ut_ct_ctx *cx, struct ut_ct_expect *exp,
			      uint16_t port);

#endif
