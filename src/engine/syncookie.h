/* syncookie.h: TCP SYN cookies for IPv4, as the kernel's
 * net/ipv4/syncookies.c computes them (for SYNPROXY: the cookie is the
 * sequence number of its SYN/ACK, the client's ACK brings it back).
 *
 * cookie = H0(addresses, ports) + client ISN + (count << 24)
 *          + ((H1(addresses, ports, count) + mss index) mod 2^24)
 * with H0/H1 SipHash-2-4 under the two syncookie keys and count the
 * minute counter jiffies_64 / (60 * HZ); a cookie is good for the
 * count it was made in and the next (MAX_SYNCOOKIE_AGE 2).
 *
 * The keys: the HOST's `syncookie secret HEX`, else drawn once from a
 * generator seeded by the run's --seed (a real kernel draws them at
 * boot and never shows them, so its cookies cannot be reproduced). */
#ifndef UT_ENGINE_SYNCOOKIE_H
#define UT_ENGINE_SYNCOOKIE_H

#include <stdint.h>

struct ut_engine;

/* ut_siphash_4u32: the kernel's siphash_4u32(a, b, c, d, key): SipHash-2-4
 * of the 16 bytes a, b, c, d (each as it lies in memory on a
 * little-endian machine) under key {k0, k1} */
uint64_t ut_siphash_4u32(uint32_t a, uint32_t b, uint32_t c, uint32_t d,
			 const uint64_t key[2]);

/* ut_syncookie_v4_init: __cookie_v4_init_sequence for the SYN at ip (IPv4
 * header) and th (its TCP header): the cookie; *mss becomes the MSS the
 * cookie encodes (the largest of 536, 1300, 1440, 1460 not above it) */
uint32_t ut_syncookie_v4_init(struct ut_engine *e, const uint8_t *ip,
			      const uint8_t *th, uint16_t *mss);
/* ut_syncookie_v4_check: __cookie_v4_check for the ACK at ip/th (cookie =
 * its ACK number - 1, client ISN = its sequence number - 1): the MSS the
 * cookie encodes, 0 if it is not a valid cookie now */
unsigned ut_syncookie_v4_check(struct ut_engine *e, const uint8_t *ip,
			       const uint8_t *th);

#endif
