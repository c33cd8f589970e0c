/* rate_util.h: helpers shared by the "rate" group of extensions (hashlimit,
 * limit, recent, statistic, string, rateest, ...): libxtables number and
 * string conventions that the core's option engine keeps private. */
#ifndef UT_EXT_RATE_UTIL_H
#define UT_EXT_RATE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ut_rate_strtoul: xtables_strtoul. Base 0, no leading '-', max 0 means
 * unbounded. With end NULL the whole string must be the number; with end
 * set, *end points after it and trailing text is the caller's business. */
bool ut_rate_strtoul(const char *s, char **end, uint64_t *value, uint64_t min,
		     uint64_t max);

/* ut_rate_strput: what an XTOPT_PUT string option does in libxtables:
 * copy src into dst[size], silently truncated to size - 1 bytes. */
void ut_rate_strput(char *dst, size_t size, const char *src);

#endif
