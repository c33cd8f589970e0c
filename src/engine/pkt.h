/* pkt.h: a packet on its way through the host (the userspace sk_buff).
 *
 * A packet owns one buffer with headroom in front, so that an Ethernet
 * header can be written before the IP header on transmit without a copy.
 * Between the hooks `ip` points at the IPv4 header and `len` is what the
 * kernel's skb->len is at layer 3: the IP datagram trimmed to its total
 * length (ip_rcv_core trims the Ethernet padding). Multi-byte fields of
 * the headers stay in network order in the buffer; read them with the
 * ut_get16/32 helpers.
 */
#ifndef UT_ENGINE_PKT_H
#define UT_ENGINE_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/drop.h"

#define UT_PKT_HEADROOM 128
/* room after the datagram for targets that grow it (TCPMSS adds 4) */
#define UT_PKT_TAILROOM 64
#define UT_ETH_HLEN 14
#define UT_ETH_P_IP 0x0800
#define UT_ETH_P_ARP 0x0806
#define UT_ETH_P_8021Q 0x8100
#define UT_ETH_P_8021AD 0x88a8

/* skb->pkt_type (linux/if_packet.h values: -m pkttype and LOG see them) */
enum ut_pkt_type {
	UT_PACKET_HOST = 0,
	UT_PACKET_BROADCAST = 1,
	UT_PACKET_MULTICAST = 2,
	UT_PACKET_OTHERHOST = 3,
	UT_PACKET_OUTGOING = 4,
	UT_PACKET_LOOPBACK = 5,
};

/* IPv4 header field offsets and flags */
enum {
	UT_IP_OFF_TOS = 1,
	UT_IP_OFF_TOTLEN = 2,
	UT_IP_OFF_ID = 4,
	UT_IP_OFF_FRAG = 6,
	UT_IP_OFF_TTL = 8,
	UT_IP_OFF_PROTO = 9,
	UT_IP_OFF_CSUM = 10,
	UT_IP_OFF_SADDR = 12,
	UT_IP_OFF_DADDR = 16,
};
#define UT_IP_CE 0x8000
#define UT_IP_DF 0x4000
#define UT_IP_MF 0x2000
#define UT_IP_OFFMASK 0x1fff

struct ut_iface;
struct ut_rt;
struct ut_sock;

#define UT_PKT_MAX_BLOCKS 16

struct ut_pkt {
	uint8_t *buf;           /* owned allocation of cap bytes */
	size_t cap;
	uint8_t *ip;            /* IPv4 header, inside buf */
	uint32_t len;           /* bytes from ip (skb->len at layer 3) */
	/* the Ethernet header the frame arrived with (LOG's MAC=, -m mac);
	 * has_mac false for locally generated packets */
	uint8_t mac[UT_ETH_HLEN];
	bool has_mac;
	uint64_t tstamp_ns;     /* time of the packet that caused this one */
	unsigned long number;   /* 1-based position in the run's input */
	enum ut_pkt_type pkttype;
	const struct ut_iface *indev;  /* arrived on (NULL: local) */
	/* skb_dst while POSTROUTING runs (MASQUERADE's next hop), NULL
	 * elsewhere: the route lives with the path, not the packet */
	const struct ut_rt *rt;
	uint32_t mark;          /* skb->mark */
	uint32_t priority;      /* skb->priority (CLASSIFY; tc's class) */
	uint8_t nf_trace;       /* skb->nf_trace (-j TRACE) */
	/* mangle OUTPUT changed what routes it (ipt_mangle_out): route
	 * again after OUTPUT (ip_route_me_harder) */
	bool reroute;
	/* a copy TEE made (nf_dup_ipv4): it does not duplicate again */
	bool dup;
	/* the host built it in answer to another packet (ICMP error, RST,
	 * ARP reply): `utables trace` tells it from the packet itself */
	bool host_built;
	/* a local socket sent it (-m owner): uid/gid of that socket */
	bool has_sock;
	uint32_t sk_uid, sk_gid;
	/* the socket is a kernel one without a file (icmp_send's control
	 * socket): -m owner --socket-exists matches, uid/gid never do */
	bool sk_kernel;
	/* skb->sk of a received packet: the host's socket TPROXY assigned
	 * (nf_tproxy_assign_sock), which local delivery uses instead of a
	 * lookup (skb_steal_sock); NULL: none */
	const struct ut_sock *sk;
	/* connection tracking (src/conntrack): the packet's entry, its
	 * ctinfo, and how to release the reference it holds (skb->_nfct;
	 * NULL nfct: none) */
	void *nfct;
	unsigned ctinfo;
	void (*nfct_put)(void *nfct);
	void (*nfct_get)(void *nfct);
	/* what -j CT set for the connection this packet will create (a
	 * struct ut_ct_template owned by the rule's state), or NULL */
	const void *nfct_tmpl;
	/* A datagram conntrack reassembled (IPCB(skb)->frag_max_size and
	 * IPSKB_FRAG_PMTU, and the skb's frag_list): the largest fragment
	 * it came from (IP length; 0: not reassembled, which also stands
	 * for the kernel's skb->ignore_df that nf_defrag_ipv4 sets), whether
	 * that fragment had DF, and the payload length of each fragment in
	 * offset order (owned, n_frags entries; NULL: none). ip_do_fragment
	 * sends it out again in those pieces when they still fit. They
	 * describe the datagram: ut_pkt_swap_data moves them with it. */
	uint16_t frag_max_size;
	bool frag_pmtu;
	uint16_t n_frags;   /* up to 8192: 8-byte pieces of 64 KiB */
	uint16_t *frag_lens;
	/* a reassembled datagram: where each fragment's data ended but the
	 * last's, as offsets from ip (the kernel keeps every fragment in a
	 * buffer of its own: what -m string's bm sees, block by block).
	 * n_blocks 0: one buffer (beyond UT_PKT_MAX_BLOCKS: not recorded) */
	uint16_t block_end[UT_PKT_MAX_BLOCKS];
	uint8_t n_blocks;
};

static inline uint16_t
ut_get16(const uint8_t *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static inline uint32_t
ut_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline void
ut_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void
ut_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* header accessors (the IP header must have been validated) */
static inline unsigned ut_ip_hlen(const struct ut_pkt *p)
{ return (p->ip[0] & 0x0fu) * 4u; }
static inline uint8_t ut_ip_proto(const struct ut_pkt *p)
{ return p->ip[UT_IP_OFF_PROTO]; }
static inline uint16_t ut_ip_fragoff(const struct ut_pkt *p)  /* 8-byte units */
{ return ut_get16(p->ip + UT_IP_OFF_FRAG) & UT_IP_OFFMASK; }
/* saddr/daddr as in the buffer (network order), for comparisons with the
 * IR's network-order addresses */
static inline uint32_t ut_ip_saddr_nbo(const struct ut_pkt *p)
{ uint32_t a; __builtin_memcpy(&a, p->ip + UT_IP_OFF_SADDR, 4); return a; }
static inline uint32_t ut_ip_daddr_nbo(const struct ut_pkt *p)
{ uint32_t a; __builtin_memcpy(&a, p->ip + UT_IP_OFF_DADDR, 4); return a; }

/* ut_pkt_new: a packet holding a copy of the IP datagram ip[0..len) with
 * UT_PKT_HEADROOM in front and room to grow to `room` bytes after ip
 * (room >= len). NULL on allocation failure. */
struct ut_pkt *ut_pkt_new(const uint8_t *ip, uint32_t len, uint32_t room);
/* ut_pkt_clone: deep copy (buffer and metadata); NULL on failure. */
struct ut_pkt *ut_pkt_clone(const struct ut_pkt *p);
void ut_pkt_free(struct ut_pkt *p);
/* ut_pkt_mac_header: the skb's MAC header as the kernel's logs show it,
 * dev being skb->dev (lo's is all zero but ETH_P_IP); NULL: none */
const uint8_t *ut_pkt_mac_header(const struct ut_pkt *p,
				 const struct ut_iface *dev);
/* ut_pkt_swap_data: exchange the datagrams (buffers, lengths, the
 * reassembly geometry) of a and b, each keeping its other metadata;
 * false (nothing exchanged) when out of memory */
bool ut_pkt_swap_data(struct ut_pkt *a, struct ut_pkt *b);
/* ut_pkt_resize: make the datagram newlen bytes long (growing the buffer
 * when it has no room after the datagram; new bytes are zero), p->ip
 * moved along with the buffer. false (p unchanged) on allocation
 * failure. Headers are not touched: the caller fixes lengths and
 * checksums. */
bool ut_pkt_resize(struct ut_pkt *p, uint32_t newlen);
/* ut_pkt_push_eth: write an Ethernet header in the headroom before ip;
 * returns the frame start (frame length = len + UT_ETH_HLEN). */
uint8_t *ut_pkt_push_eth(struct ut_pkt *p, const uint8_t dst[6],
			 const uint8_t src[6], uint16_t ethertype);
/* ut_pkt_push_eth_vlan: the same with an 802.1Q tag (TCI = vid: priority
 * 0, as a VLAN without egress-qos-map writes it); frame length = len +
 * UT_ETH_HLEN + 4 */
uint8_t *ut_pkt_push_eth_vlan(struct ut_pkt *p, const uint8_t dst[6],
			      const uint8_t src[6], uint16_t vid,
			      uint16_t ethertype);

/* Internet checksum helpers (RFC 1071), results in host order */
uint32_t ut_csum_add(uint32_t sum, const void *data, size_t len);
uint16_t ut_csum_fold(uint32_t sum);
/* ut_ip_send_check: recompute the IPv4 header checksum in place */
void ut_ip_send_check(uint8_t *iph);
/* ut_l4_csum: the TCP/UDP checksum over the pseudo-header and seg[0..len)
 * (saddr, daddr in network order as stored); 0 means "valid" when the
 * segment's own checksum field is included */
uint16_t ut_l4_csum(const uint8_t *iph, const uint8_t *seg, size_t len,
		    uint8_t proto);

/* ut_csum_replace4/2: the kernel's csum_replace4/2 (also what
 * inet_proto_csum_replace4/2 do to a complete checksum): the 16-bit
 * checksum at sum (network order) updated for a field that changed from
 * `from` to `to` (host-order values of the field's bytes), with the
 * kernel's 32-bit arithmetic, so the result is bit-identical (0x0000 vs
 * 0xffff) to Linux */
void ut_csum_replace4(uint8_t *sum, uint32_t from, uint32_t to);
void ut_csum_replace2(uint8_t *sum, uint16_t from, uint16_t to);
/* ut_ipv4_change_dsfield: the kernel's ipv4_change_dsfield: TOS becomes
 * (tos & mask) | value with its own incremental header checksum update */
void ut_ipv4_change_dsfield(uint8_t *iph, uint8_t mask, uint8_t value);

/* ut_ip_rcv_check: ip_rcv_core's checks of an IPv4 datagram of len bytes
 * (version, header length, header checksum, total length within len and
 * not below the header) */
enum ut_drop_reason ut_ip_rcv_check(const uint8_t *ip, size_t len);

#endif
