/* nfulog.c: what an nfnetlink_log listener receives for NFLOG (the
 * kernel's nfulnl_log_packet and __build_packet_message), written per
 * group as the pcap `tcpdump -i nflog:GROUP` (libpcap's LINKTYPE_NFLOG,
 * which Wireshark reads) would capture: DIR/nflog-GROUP.pcap.
 *
 * One record per logged packet: the nfgenmsg header (AF_INET, version 0,
 * the group in network order), then the attributes in the kernel's
 * order, each as a netlink attribute: a 16-bit length and type in the
 * host's order (little-endian here, as on the reference machine), the
 * value, padding to 4 bytes:
 *   PACKET_HDR (protocol 0x0800, hook), PREFIX (NUL-terminated, also when
 *   empty), IFINDEX_INDEV, IFINDEX_OUTDEV, MARK (nonzero only), for a
 *   packet with an input device and an Ethernet header HWADDR (the
 *   source MAC), HWTYPE, HWLEN and HWHEADER, TIMESTAMP (a received
 *   packet until ip_forward clears it: PREROUTING, INPUT, FORWARD), UID
 *   and GID (a socket with a file), PAYLOAD (the datagram, cut to the
 *   copy length; none at 0).
 * The listener is assumed to ask for whole packets (copy range 0xffff, as
 * tcpdump and ulogd do); its queue threshold and flush timer only batch
 * messages, which the pcap does not show. Measured on Linux 6.18
 * (tests/kernel/scenarios/target-nflog).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"

#define LINKTYPE_NFLOG 239
#define NFULNL_COPY_RANGE_MAX 0xffffu

enum {
	NFULA_PACKET_HDR = 1,
	NFULA_MARK = 2,
	NFULA_TIMESTAMP = 3,
	NFULA_IFINDEX_INDEV = 4,
	NFULA_IFINDEX_OUTDEV = 5,
	NFULA_HWADDR = 8,
	NFULA_PAYLOAD = 9,
	NFULA_PREFIX = 10,
	NFULA_UID = 11,
	NFULA_GID = 14,
	NFULA_HWTYPE = 15,
	NFULA_HWHEADER = 16,
	NFULA_HWLEN = 17,
};

#define ARPHRD_ETHER 1
#define ARPHRD_LOOPBACK 772

struct ut_nfulog_group {
	uint16_t group;
	struct ut_buf pcap;
};

static void
put_le16(struct ut_buf *b, uint16_t v)
{
	uint8_t x[2] = { (uint8_t)v, (uint8_t)(v >> 8) };

	ut_buf_write(b, x, 2);
}

static void
put_le32(struct ut_buf *b, uint32_t v)
{
	put_le16(b, (uint16_t)v);
	put_le16(b, (uint16_t)(v >> 16));
}

/* one attribute: header, value, padding */
static void
nla_put(struct ut_buf *b, uint16_t type, const void *val, size_t len)
{
	static const uint8_t zero[4];

	put_le16(b, (uint16_t)(4 + len));
	put_le16(b, type);
	ut_buf_write(b, val, len);
	ut_buf_write(b, zero, (4 - (len & 3)) & 3);
}

static void
nla_put_be32(struct ut_buf *b, uint16_t type, uint32_t v)
{
	uint8_t x[4];

	ut_put32(x, v);
	nla_put(b, type, x, 4);
}

static void
nla_put_be16(struct ut_buf *b, uint16_t type, uint16_t v)
{
	uint8_t x[2];

	ut_put16(x, v);
	nla_put(b, type, x, 2);
}

static struct ut_nfulog_group *
group_get(struct ut_engine *e, uint16_t group)
{
	struct ut_nfulog_group *g;

	for (size_t i = 0; i < e->n_nflog; i++)
		if (e->nflog[i].group == group)
			return &e->nflog[i];
	g = realloc(e->nflog, (e->n_nflog + 1) * sizeof(*g));
	if (!g)
		return NULL;
	e->nflog = g;
	g = &e->nflog[e->n_nflog++];
	g->group = group;
	ut_buf_init(&g->pcap);
	/* the file header tcpdump writes: microseconds, little-endian */
	put_le32(&g->pcap, 0xa1b2c3d4u);
	put_le16(&g->pcap, 2);
	put_le16(&g->pcap, 4);
	put_le32(&g->pcap, 0);
	put_le32(&g->pcap, 0);
	put_le32(&g->pcap, 262144);
	put_le32(&g->pcap, LINKTYPE_NFLOG);
	return g;
}

/* the Ethernet part: only a packet that came in with a header */
static void
put_hw(struct ut_buf *m, const struct ut_pkt *p, const struct ut_iface *in)
{
	uint8_t hw[12] = { 0, 6 };

	if (!in || !p->has_mac)
		return;
	/* struct nfulnl_msg_packet_hw: length, padding, the source MAC
	 * (eth_header_parse) in 8 bytes */
	memcpy(hw + 4, p->mac + 6, 6);
	nla_put(m, NFULA_HWADDR, hw, sizeof(hw));
	nla_put_be16(m, NFULA_HWTYPE,
		     in->loopback ? ARPHRD_LOOPBACK : ARPHRD_ETHER);
	nla_put_be16(m, NFULA_HWLEN, UT_ETH_HLEN);
	nla_put(m, NFULA_HWHEADER, p->mac, UT_ETH_HLEN);
}

/* skb->tstamp: set when the packet was received, cleared by ip_forward
 * before POSTROUTING; a packet the host sent has none */
static void
put_tstamp(struct ut_buf *m, const struct ut_pkt *p, enum ut_hook hook)
{
	uint64_t us = p->tstamp_ns / 1000u;
	uint8_t ts[16];

	if (!p->indev || hook == UT_HOOK_POST_ROUTING ||
	    hook == UT_HOOK_LOCAL_OUT)
		return;
	ut_put32(ts, (uint32_t)((us / 1000000u) >> 32));
	ut_put32(ts + 4, (uint32_t)(us / 1000000u));
	ut_put32(ts + 8, 0);
	ut_put32(ts + 12, (uint32_t)(us % 1000000u));
	nla_put(m, NFULA_TIMESTAMP, ts, sizeof(ts));
}

void
ut_nfulog_packet(struct ut_engine *e, const struct ut_pkt *p,
		 enum ut_hook hook, const struct ut_iface *in,
		 const struct ut_iface *out, uint16_t group, bool has_copy_len,
		 uint32_t copy_len, const char *prefix)
{
	struct ut_nfulog_group *g = group_get(e, group);
	uint32_t data_len = NFULNL_COPY_RANGE_MAX;
	uint8_t hdr[4] = { 0x08, 0x00, (uint8_t)hook, 0 };
	uint8_t gen[4] = { 2, 0, (uint8_t)(group >> 8), (uint8_t)group };
	struct ut_buf m;
	uint64_t us = p->tstamp_ns / 1000u;

	if (!g)
		return;
	ut_buf_init(&m);
	ut_buf_write(&m, gen, 4);
	nla_put(&m, NFULA_PACKET_HDR, hdr, 4);
	nla_put(&m, NFULA_PREFIX, prefix, strlen(prefix) + 1);
	if (in)
		nla_put_be32(&m, NFULA_IFINDEX_INDEV, (uint32_t)in->index);
	if (out)
		nla_put_be32(&m, NFULA_IFINDEX_OUTDEV, (uint32_t)out->index);
	if (p->mark)
		nla_put_be32(&m, NFULA_MARK, p->mark);
	put_hw(&m, p, in);
	put_tstamp(&m, p, hook);
	if (p->has_sock && !p->sk_kernel) {
		nla_put_be32(&m, NFULA_UID, p->sk_uid);
		nla_put_be32(&m, NFULA_GID, p->sk_gid);
	}
	if (has_copy_len && copy_len < data_len)
		data_len = copy_len;
	if (data_len > p->len)
		data_len = p->len;
	if (data_len)
		nla_put(&m, NFULA_PAYLOAD, p->ip, data_len);
	put_le32(&g->pcap, (uint32_t)(us / 1000000u));
	put_le32(&g->pcap, (uint32_t)(us % 1000000u));
	put_le32(&g->pcap, (uint32_t)m.len);
	put_le32(&g->pcap, (uint32_t)m.len);
	ut_buf_write(&g->pcap, m.data, m.len);
	ut_buf_fini(&m);
}

int
ut_nfulog_outputs(const struct ut_engine *e, ut_output_fn fn, void *ctx,
		  struct ut_err *err)
{
	char path[32];

	for (size_t i = 0; i < e->n_nflog; i++) {
		snprintf(path, sizeof(path), "nflog-%u.pcap",
			 (unsigned)e->nflog[i].group);
		if (fn(ctx, path, &e->nflog[i].pcap, err) < 0)
			return -1;
	}
	return 0;
}

void
ut_nfulog_free(struct ut_engine *e)
{
	for (size_t i = 0; i < e->n_nflog; i++)
		ut_buf_fini(&e->nflog[i].pcap);
	free(e->nflog);
	e->nflog = NULL;
	e->n_nflog = 0;
}
