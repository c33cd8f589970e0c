/* l2conv.c: capture records into received Ethernet frames (l2conv.h).
 *
 * A Linux cooked header (the "any" device's, as libpcap's pcap-linux.c
 * writes it) keeps what the kernel knew of a frame: its direction
 * (packet type), the sender's link address and the protocol, and in v2
 * the interface index; the destination MAC is gone. It is rebuilt from
 * the packet type, as eth_type_trans had classified it:
 *   PACKET_HOST       the interface's own MAC,
 *   PACKET_BROADCAST  ff:ff:ff:ff:ff:ff,
 *   PACKET_MULTICAST  the IPv4 group's 01:00:5e MAC (RFC 1112),
 *   PACKET_OTHERHOST  00:00:00:00:00:00 (any unicast MAC not the
 *                     interface's: the host drops it as the kernel did),
 *   PACKET_OUTGOING   skipped: the host sent it, a run sends its own.
 * Raw IP has no link header at all: the destination MAC follows from the
 * destination address (broadcast, multicast, else the interface's), the
 * source MAC is 00:00:00:00:00:00.
 *
 * Layouts (big-endian fields):
 *   v1 (16 bytes): pkttype(2) hatype(2) halen(2) addr(8) protocol(2)
 *   v2 (20 bytes): protocol(2) reserved(2) ifindex(4) hatype(2)
 *                  pkttype(1) halen(1) addr(8)
 */
#include <string.h>

#include "io/l2conv.h"
#include "io/pcap.h"

#define SLL_HLEN 16
#define SLL2_HLEN 20
#define ARPHRD_ETHER 1

enum { PKT_HOST, PKT_BROADCAST, PKT_MULTICAST, PKT_OTHERHOST,
       PKT_OUTGOING };

bool
ut_l2_input_ok(int linktype)
{
	return linktype == UT_LINKTYPE_ETHERNET || linktype == UT_LINKTYPE_RAW ||
	       linktype == UT_LINKTYPE_IPV4 || linktype == UT_LINKTYPE_SLL ||
	       linktype == UT_LINKTYPE_SLL2;
}

bool
ut_l2_has_ifindex(int linktype)
{
	return linktype == UT_LINKTYPE_SLL2;
}

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

long
ut_l2_ifindex(int linktype, const uint8_t *rec, size_t len, const char **why)
{
	if (linktype != UT_LINKTYPE_SLL2)
		return 0;
	if (len < SLL2_HLEN) {
		*why = "shorter than a Linux cooked v2 header";
		return -1;
	}
	return (long)((uint32_t)rec[4] << 24 | (uint32_t)rec[5] << 16 |
		      (uint32_t)rec[6] << 8 | rec[7]);
}

/* ipv4_dst_mac: the MAC a datagram to ip's destination was sent to */
static void
ipv4_dst_mac(const uint8_t *ip, size_t len, const struct ut_iface *dev,
	     uint8_t mac[6])
{
	uint32_t dst;

	memcpy(mac, dev->mac, 6);
	if (len < 20)
		return;
	memcpy(&dst, ip + 16, 4);
	if (ip[16] >= 224 && ip[16] <= 239) {
		static const uint8_t mc[3] = { 0x01, 0x00, 0x5e };

		memcpy(mac, mc, 3);
		mac[3] = ip[17] & 0x7f;
		mac[4] = ip[18];
		mac[5] = ip[19];
		return;
	}
	if (dst == 0xffffffffu)
		goto bcast;
	for (size_t i = 0; i < dev->n_addrs; i++)
		if (dev->addrs[i].plen < 31 && dst == dev->addrs[i].bcast)
			goto bcast;
	return;
bcast:
	memset(mac, 0xff, 6);
}

static void
put_eth(uint8_t *out, const uint8_t dst[6], const uint8_t src[6],
	uint16_t proto)
{
	memcpy(out, dst, 6);
	memcpy(out + 6, src, 6);
	out[12] = (uint8_t)(proto >> 8);
	out[13] = (uint8_t)proto;
}

/* cooked: the fields of either header version */
static int
cooked(const uint8_t *rec, size_t len, bool v2, const struct ut_iface *dev,
       uint8_t *out, size_t *out_len, const char **why)
{
	static const uint8_t zero[6], bcast[6] = { 0xff, 0xff, 0xff, 0xff,
						    0xff, 0xff };
	size_t hlen = v2 ? SLL2_HLEN : SLL_HLEN;
	unsigned pkttype, hatype, halen, proto;
	const uint8_t *addr, *payload;
	uint8_t dst[6];

	if (len < hlen) {
		*why = v2 ? "shorter than a Linux cooked v2 header" :
			    "shorter than a Linux cooked header";
		return -1;
	}
	if (v2) {
		proto = get16(rec);
		hatype = get16(rec + 8);
		pkttype = rec[10];
		halen = rec[11];
		addr = rec + 12;
	} else {
		pkttype = get16(rec);
		hatype = get16(rec + 2);
		halen = get16(rec + 4);
		addr = rec + 6;
		proto = get16(rec + 14);
	}
	payload = rec + hlen;
	if (pkttype == PKT_OUTGOING) {
		*why = "sent by the captured host (PACKET_OUTGOING)";
		return 0;
	}
	if (hatype != ARPHRD_ETHER || halen != 6) {
		*why = "not from an Ethernet link (e.g. lo)";
		return 0;
	}
	switch (pkttype) {
	case PKT_HOST:
		memcpy(dst, dev->mac, 6);
		break;
	case PKT_BROADCAST:
		memcpy(dst, bcast, 6);
		break;
	case PKT_MULTICAST:
		if (proto == 0x0800)
			ipv4_dst_mac(payload, len - hlen, dev, dst);
		else
			memcpy(dst, bcast, 6);
		break;
	default:
		memcpy(dst, zero, 6);
		break;
	}
	put_eth(out, dst, addr, (uint16_t)proto);
	memcpy(out + 14, payload, len - hlen);
	*out_len = len - hlen + 14;
	return 1;
}

int
ut_l2_to_eth(int linktype, const uint8_t *rec, size_t len,
	     const struct ut_iface *dev, uint8_t *out, size_t *out_len,
	     const char **why)
{
	static const uint8_t zero[6];
	uint8_t dst[6];

	switch (linktype) {
	case UT_LINKTYPE_ETHERNET:
		memcpy(out, rec, len);
		*out_len = len;
		return 1;
	case UT_LINKTYPE_SLL:
	case UT_LINKTYPE_SLL2:
		return cooked(rec, len, linktype == UT_LINKTYPE_SLL2, dev, out,
			      out_len, why);
	case UT_LINKTYPE_RAW:
	case UT_LINKTYPE_IPV4:
		if (len < 1 || ((rec[0] >> 4) != 4 && (rec[0] >> 4) != 6)) {
			*why = "not an IP datagram";
			return -1;
		}
		/* IPv6 arrives as such (and is dropped as the Ethernet
		 * input's IPv6 frames are) */
		if ((rec[0] >> 4) == 6)
			memcpy(dst, dev->mac, 6);
		else
			ipv4_dst_mac(rec, len, dev, dst);
		put_eth(out, dst, zero, (rec[0] >> 4) == 4 ? 0x0800 : 0x86dd);
		memcpy(out + 14, rec, len);
		*out_len = len + 14;
		return 1;
	default:
		*why = "a link type --in cannot read";
		return -1;
	}
}
