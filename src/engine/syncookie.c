/* syncookie.c: IPv4 TCP SYN cookies (syncookie.h), written from the
 * kernel's description (net/ipv4/syncookies.c, lib/siphash.c). */
#include <stdbool.h>
#include <string.h>

#include "engine/engine_int.h"
#include "engine/syncookie.h"

#define COOKIEBITS 24
#define COOKIEMASK ((1u << COOKIEBITS) - 1)
#define MAX_SYNCOOKIE_AGE 2

/* the MSS values a cookie can carry (msstab), as an index of 2 bits */
static const uint16_t msstab[] = { 536, 1300, 1440, 1460 };

static uint64_t
rotl64(uint64_t x, unsigned b)
{
	return (x << b) | (x >> (64 - b));
}

static void
sipround(uint64_t v[4])
{
	v[0] += v[1]; v[1] = rotl64(v[1], 13); v[1] ^= v[0];
	v[0] = rotl64(v[0], 32);
	v[2] += v[3]; v[3] = rotl64(v[3], 16); v[3] ^= v[2];
	v[0] += v[3]; v[3] = rotl64(v[3], 21); v[3] ^= v[0];
	v[2] += v[1]; v[1] = rotl64(v[1], 17); v[1] ^= v[2];
	v[2] = rotl64(v[2], 32);
}

uint64_t
ut_siphash_4u32(uint32_t a, uint32_t b, uint32_t c, uint32_t d,
		const uint64_t key[2])
{
	const uint64_t m[2] = { (uint64_t)b << 32 | a, (uint64_t)d << 32 | c };
	const uint64_t last = (uint64_t)16 << 56;
	uint64_t v[4] = {
		0x736f6d6570736575ull ^ key[0], 0x646f72616e646f6dull ^ key[1],
		0x6c7967656e657261ull ^ key[0], 0x7465646279746573ull ^ key[1],
	};

	for (unsigned i = 0; i < 2; i++) {
		v[3] ^= m[i];
		sipround(v);
		sipround(v);
		v[0] ^= m[i];
	}
	v[3] ^= last;
	sipround(v);
	sipround(v);
	v[0] ^= last;
	v[2] ^= 0xff;
	for (unsigned i = 0; i < 4; i++)
		sipround(v);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}

/* a 32-bit word as it lies in memory on a little-endian machine (the
 * kernel hashes the raw __be32/__be16 fields) */
static uint32_t
le32_at(const uint8_t *b0, const uint8_t *b2)
{
	return (uint32_t)b0[0] | (uint32_t)b0[1] << 8 | (uint32_t)b2[0] << 16 |
	       (uint32_t)b2[1] << 24;
}

/* net_get_random_once(syncookie_secret): the HOST's secret, or four
 * words of a generator of its own seeded by the run's seed (so that
 * drawing them takes nothing from the generator NAT and statistic use) */
static const uint64_t (*secret(struct ut_engine *e))[2]
{
	const struct ut_host *h = ut_engine_host(e);

	if (h->has_syncookie_secret)
		return h->syncookie_secret;
	if (!e->syncookie_ready) {
		uint64_t x = e->seed ^ 0x73796e636f6f6b69ull; /* "syncooki" */

		for (unsigned i = 0; i < 4; i++)
			e->syncookie_key[i / 2][i % 2] = ut_splitmix64(&x);
		e->syncookie_ready = true;
	}
	return (const uint64_t (*)[2])e->syncookie_key;
}

/* cookie_hash(saddr, daddr, sport, dport, count, c) */
static uint32_t
cookie_hash(struct ut_engine *e, const uint8_t *ip, const uint8_t *th,
	    uint32_t count, unsigned c)
{
	return (uint32_t)ut_siphash_4u32(le32_at(ip + 12, ip + 14),
					 le32_at(ip + 16, ip + 18),
					 le32_at(th + 2, th + 0), count,
					 secret(e)[c]);
}

/* tcp_cookie_time: the minute counter, jiffies_64 / (60 * HZ) */
static uint32_t
cookie_time(const struct ut_engine *e)
{
	return (uint32_t)((uint64_t)ut_engine_jiffies(e) /
			  (60ull * ut_engine_hz(e)));
}

uint32_t
ut_syncookie_v4_init(struct ut_engine *e, const uint8_t *ip,
		     const uint8_t *th, uint16_t *mss)
{
	uint32_t count = cookie_time(e), idx;

	for (idx = 3; idx > 0; idx--)
		if (*mss >= msstab[idx])
			break;
	*mss = msstab[idx];
	return cookie_hash(e, ip, th, 0, 0) + ut_get32(th + 4) +
	       (count << COOKIEBITS) +
	       ((cookie_hash(e, ip, th, count, 1) + idx) & COOKIEMASK);
}

unsigned
ut_syncookie_v4_check(struct ut_engine *e, const uint8_t *ip,
		      const uint8_t *th)
{
	uint32_t cookie = ut_get32(th + 8) - 1, seq = ut_get32(th + 4) - 1;
	uint32_t count = cookie_time(e), diff, idx;

	cookie -= cookie_hash(e, ip, th, 0, 0) + seq;
	diff = (count - (cookie >> COOKIEBITS)) & (0xffffffffu >> COOKIEBITS);
	if (diff >= MAX_SYNCOOKIE_AGE)
		return 0;
	idx = (cookie - cookie_hash(e, ip, th, count - diff, 1)) & COOKIEMASK;
	return idx < 4 ? msstab[idx] : 0;
}
