/* rate.h: packet rates "N/unit" as the limit and hashlimit matches read
 * and print them (libxt_limit.c and libxt_hashlimit.c do it the same way,
 * each at its own scale). */
#ifndef UT_EXT_RATE_H
#define UT_EXT_RATE_H

#include <stdint.h>

#include "utables/utables.h"

/* ut_rate_unit: the seconds of the unit of "<n>[/second|/minute|/hour|
 * /day]" (any prefix of the unit name, any case; no unit: per second),
 * or 0 when the unit is empty or unknown. The number is the caller's. */
uint32_t ut_rate_unit(const char *rate);

/* ut_rate_print: " N/unit" for a period of scale ticks a second, with the
 * largest unit (day, hour, min, sec) that represents it well enough, or
 * " inf" for period 0. Returns that unit in seconds (0 for " inf"). */
uint32_t ut_rate_print(struct ut_buf *out, uint64_t period, uint64_t scale);

#endif
