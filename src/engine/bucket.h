/* bucket.h: the token bucket of the kernel's rate limits, in jiffies.
 *
 * One shape serves them all: tokens grow by per_jiffy for every jiffy
 * since the last look, up to cap, and a message or packet passes when
 * cost tokens are there, taking them. inet_peer_xrlim_allow (icmp_send's
 * per-destination limit: per_jiffy 1, cost the ratelimit, cap 6 costs),
 * ip_error's bucket (cost HZ, cap 5 HZ) and the limit and hashlimit
 * matches (credits per jiffy from user2credits) differ only in these
 * numbers, so the host's HZ enters through them.
 */
#ifndef UT_ENGINE_BUCKET_H
#define UT_ENGINE_BUCKET_H

#include <stdbool.h>
#include <stdint.h>

struct ut_bucket {
	unsigned long tokens;  /* at `last` */
	unsigned long last;    /* jiffies of the last look */
};

/* ut_bucket_take: refill up to now, then take cost if there; true when
 * taken. Arithmetic in unsigned long, wrapping as the kernel's. */
bool ut_bucket_take(struct ut_bucket *b, unsigned long now,
		    unsigned long per_jiffy, unsigned long cap,
		    unsigned long cost);

/* ut_pow2_below32: the largest power of two <= x (POW2_BELOW32), 0 for 0 */
uint32_t ut_pow2_below32(uint32_t x);
/* ut_limit_credits_per_jiffy: xt_limit's CREDITS_PER_JIFFY at hz: the
 * power of two below 2^32 / (hz * seconds a day), 128 at HZ=250 */
uint32_t ut_limit_credits_per_jiffy(unsigned hz);
/* ut_limit_user2credits: xt_limit's user2credits at hz, in 32 bits as
 * the kernel computes it (user: 1/10000 s units) */
uint32_t ut_limit_user2credits(uint32_t user, unsigned hz);

#endif
