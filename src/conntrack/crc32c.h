/* crc32c.h: CRC32c (Castagnoli), the SCTP checksum (RFC 4960 appendix
 * B): what the SCTP tracker verifies and what NAT must rewrite when it
 * changes an SCTP port. */
#ifndef UT_CONNTRACK_CRC32C_H
#define UT_CONNTRACK_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/* ut_crc32c: the CRC of buf[0..len) continuing crc (start with
 * 0xffffffff; the checksum is the complement of the end value) */
uint32_t ut_crc32c(uint32_t crc, const uint8_t *buf, size_t len);

/* ut_sctp_cksum: the checksum field the SCTP packet sh[0..len) (len >= 12)
 * should carry, computed with its own field taken as zero; the value is
 * what the 4 bytes at sh + 8 read as a little-endian number (the CRC's
 * bytes go on the wire least significant first) */
uint32_t ut_sctp_cksum(const uint8_t *sh, size_t len);

/* ut_sctp_cksum_get/put: the field at sh + 8 in that order */
static inline uint32_t
ut_sctp_cksum_get(const uint8_t *sh)
{
	return (uint32_t)sh[8] | (uint32_t)sh[9] << 8 |
	       (uint32_t)sh[10] << 16 | (uint32_t)sh[11] << 24;
}

static inline void
ut_sctp_cksum_put(uint8_t *sh, uint32_t v)
{
	sh[8] = (uint8_t)v;
	sh[9] = (uint8_t)(v >> 8);
	sh[10] = (uint8_t)(v >> 16);
	sh[11] = (uint8_t)(v >> 24);
}

#endif
