/* rate.c: packet rates "N/unit" of the limit and hashlimit matches. */
#include <inttypes.h>
#include <string.h>
#include <strings.h>

#include "ext/rate.h"

uint32_t
ut_rate_unit(const char *rate)
{
	/* in the order iptables tries them: the first prefix match wins */
	static const struct { const char *name; uint32_t secs; } units[] = {
		{ "second", 1 }, { "minute", 60 }, { "hour", 60 * 60 },
		{ "day", 24 * 60 * 60 },
	};
	const char *delim = strchr(rate, '/');
	size_t n;

	if (!delim)
		return 1;
	n = strlen(delim + 1);
	if (n == 0)
		return 0;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strncasecmp(delim + 1, units[i].name, n) == 0)
			return units[i].secs;
	return 0;
}

uint32_t
ut_rate_print(struct ut_buf *out, uint64_t period, uint64_t scale)
{
	static const struct { const char *name; uint32_t secs; } units[] = {
		{ "day", 24 * 60 * 60 }, { "hour", 60 * 60 }, { "min", 60 },
		{ "sec", 1 },
	};
	uint64_t mult;
	size_t i;

	if (period == 0) {
		ut_buf_puts(out, " inf");
		return 0;
	}
	/* the next smaller unit, unless N would be 0 there or smaller than
	 * what the division cuts off */
	for (i = 1; i < sizeof(units) / sizeof(units[0]); ++i) {
		mult = units[i].secs * scale;
		if (period > mult || mult / period < mult % period)
			break;
	}
	mult = units[i - 1].secs * scale;
	ut_buf_printf(out, " %" PRIu64 "/%s", mult / period, units[i - 1].name);
	return units[i - 1].secs;
}
