/* bucket.c: the token bucket of the kernel's rate limits (bucket.h). */
#include "engine/bucket.h"

#define LIMIT_SCALE 10000u   /* XT_LIMIT_SCALE */

bool
ut_bucket_take(struct ut_bucket *b, unsigned long now,
	       unsigned long per_jiffy, unsigned long cap, unsigned long cost)
{
	b->tokens += (now - b->last) * per_jiffy;
	b->last = now;
	if (b->tokens > cap)
		b->tokens = cap;
	if (b->tokens < cost)
		return false;
	b->tokens -= cost;
	return true;
}

uint32_t
ut_pow2_below32(uint32_t x)
{
	uint32_t p = 1;

	if (!x)
		return 0;
	while (p <= x / 2)
		p *= 2;
	return p;
}

uint32_t
ut_limit_credits_per_jiffy(unsigned hz)
{
	return ut_pow2_below32(0xffffffffu / (hz * 60u * 60u * 24u));
}

uint32_t
ut_limit_user2credits(uint32_t user, unsigned hz)
{
	uint32_t hz_cpj = hz * ut_limit_credits_per_jiffy(hz);

	if (user > UINT32_MAX / hz_cpj)
		return (user / LIMIT_SCALE) * hz_cpj;
	return (user * hz_cpj) / LIMIT_SCALE;
}
