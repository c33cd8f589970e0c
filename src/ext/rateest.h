/* rateest.h: the named rate estimators RATEEST feeds and the rateest
 * match reads (xt_RATEEST.c keeps them: net/core/gen_estimator.c's
 * arithmetic on the engine's timer queue). */
#ifndef UT_EXT_RATEEST_H
#define UT_EXT_RATEEST_H

#include <stdint.h>

#include "utables/utables.h"

struct ut_engine;
struct ut_rateest;

/* ut_rateest_find: a new reference to the estimator made by a RATEEST
 * rule, or NULL with err filled when there is none (the kernel's
 * -ENOENT of xt_rateest_mt_checkentry) */
struct ut_rateest *ut_rateest_find(struct ut_engine *e, const char *name,
				   struct ut_err *err);
void ut_rateest_put(struct ut_engine *e, struct ut_rateest *est);
/* ut_rateest_read: gen_estimator_read: bytes and packets a second */
void ut_rateest_read(struct ut_engine *e, struct ut_rateest *est,
		     uint64_t *bps, uint64_t *pps);

#endif
