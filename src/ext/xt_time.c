/* xt_time.c: the time match, daytime/weekday/monthday/date windows
 * (iptables 1.8.9 extensions/libxt_time.c, Linux net/netfilter/xt_time.c).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"

enum {
	TIME_LOCAL_TZ = 1 << 0,
	TIME_CONTIGUOUS = 1 << 1,
	TIME_ALL_MONTHDAYS = 0xFFFFFFFE,
	TIME_ALL_WEEKDAYS = 0xFE,
	TIME_MIN_DAYTIME = 0,
	TIME_MAX_DAYTIME = 24 * 60 * 60 - 1,
};

/* struct xt_time_info of the kernel */
struct ut_time_info {
	uint32_t date_start;      /* seconds since the epoch, UTC */
	uint32_t date_stop;
	uint32_t daytime_start;   /* seconds since midnight */
	uint32_t daytime_stop;
	uint32_t monthdays_match; /* bit n: day n of the month */
	uint8_t weekdays_match;   /* bit n: day n, 1 = Monday .. 7 */
	uint8_t flags;            /* TIME_* */
};

enum {
	O_DATE_START = 0,
	O_DATE_STOP,
	O_TIME_START,
	O_TIME_STOP,
	O_TIME_CONTIGUOUS,
	O_MONTHDAYS,
	O_WEEKDAYS,
	O_LOCAL_TZ,
	O_UTC,
	O_KERNEL_TZ,
	F_LOCAL_TZ = 1 << O_LOCAL_TZ,
	F_UTC = 1 << O_UTC,
	F_KERNEL_TZ = 1 << O_KERNEL_TZ,
	F_TIME_CONTIGUOUS = 1 << O_TIME_CONTIGUOUS,
};

static const char *const week_days[] = {
	NULL, "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};

static const struct ut_opt time_opts[] = {
	{ .name = "datestart", .id = O_DATE_START, .type = UT_OPT_STRING },
	{ .name = "datestop", .id = O_DATE_STOP, .type = UT_OPT_STRING },
	{ .name = "timestart", .id = O_TIME_START, .type = UT_OPT_STRING },
	{ .name = "timestop", .id = O_TIME_STOP, .type = UT_OPT_STRING },
	{ .name = "contiguous", .id = O_TIME_CONTIGUOUS,
	  .type = UT_OPT_NONE },
	{ .name = "weekdays", .id = O_WEEKDAYS, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT },
	{ .name = "monthdays", .id = O_MONTHDAYS, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT },
	{ .name = "localtz", .id = O_LOCAL_TZ, .type = UT_OPT_NONE,
	  .excl = F_UTC },
	{ .name = "utc", .id = O_UTC, .type = UT_OPT_NONE,
	  .excl = F_LOCAL_TZ | F_KERNEL_TZ },
	{ .name = "kerneltz", .id = O_KERNEL_TZ, .type = UT_OPT_NONE,
	  .excl = F_UTC },
	UT_OPT_END
};

static void
time_init(void *data)
{
	struct ut_time_info *info = data;

	info->monthdays_match = TIME_ALL_MONTHDAYS;
	info->weekdays_match = TIME_ALL_WEEKDAYS;
	info->daytime_start = TIME_MIN_DAYTIME;
	info->daytime_stop = TIME_MAX_DAYTIME;
	info->date_start = 0;
	info->date_stop = INT_MAX;
}

/* time_days_from_civil: days since 1970-01-01 of a proleptic Gregorian
 * date (what mktime gives in UTC, also for out-of-range days such as
 * Feb 31, which roll over). */
static int64_t
time_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	/* month 0 is December of the year before, as mktime normalises */
	if (m == 0) {
		m = 12;
		y--;
	}
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + (int64_t)d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* time_field: one unsigned decimal field followed by one of the
 * characters in ends ("" meaning the end of the string) */
static bool
time_field(const char **s, unsigned max, const char *ends, unsigned *out)
{
	char *e;
	unsigned long v = strtoul(*s, &e, 10);

	if (v > max || (*e != '\0' && !strchr(ends, *e)) ||
	    (*e == '\0' && !strchr(ends, '\0')))
		return false;
	*out = (unsigned)v;
	*s = e;
	return true;
}

/* time_parse_date: YYYY[-MM[-DD[Thh[:mm[:ss]]]]] in UTC */
static int
time_parse_date(struct ut_opt_call *call, uint32_t *out)
{
	unsigned v[6] = { 0, 1, 1, 0, 0, 0 };
	static const unsigned max[6] = { 2038, 12, 31, 23, 59, 59 };
	static const char *const sep = "--T::";
	const char *s = call->arg;
	int64_t t;

	for (int i = 0; i < 6; i++) {
		char ends[2] = { i < 5 ? sep[i] : '\0', '\0' };
		if (!time_field(&s, max[i], ends, &v[i]) ||
		    (i == 0 && v[0] < 1970))
			goto bad;
		if (*s == '\0')
			break;
		s++;
	}
	t = time_days_from_civil(v[0], v[1], v[2]) * 86400 + v[3] * 3600 +
	    v[4] * 60 + v[5];
	*out = (uint32_t)t;
	return 0;
bad:
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM, "Invalid date \"%s\" "
			  "specified. Should be YYYY[-MM[-DD[Thh[:mm[:ss]]]]]",
			  call->arg);
}

/* time_parse_minutes: hh:mm[:ss] into seconds since midnight; the
 * message shows the text from where parsing stopped, as iptables does */
static int
time_parse_minutes(struct ut_opt_call *call, uint32_t *out)
{
	const char *s = call->arg;
	unsigned h, m, sec = 0;
	char *e;

	h = (unsigned)strtoul(s, &e, 10);
	if (*e != ':' || h > 23)
		goto bad;
	s = e + 1;
	m = (unsigned)strtoul(s, &e, 10);
	if ((*e != ':' && *e != '\0') || m > 59)
		goto bad;
	if (*e != '\0') {
		s = e + 1;
		sec = (unsigned)strtoul(s, &e, 10);
		if (*e != '\0' || sec > 59)
			goto bad;
	}
	*out = 60 * 60 * h + 60 * m + sec;
	return 0;
bad:
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM, "invalid time \"%s\" "
			  "specified, should be hh:mm[:ss] format and within "
			  "the boundaries", s);
}

/* time_next_seg: the next comma-separated item of *arg, cut to buflen-1
 * characters (iptables' my_strseg); NULL at the end */
static const char *
time_next_seg(char *buf, size_t buflen, const char **arg)
{
	const char *sep;

	if (*arg == NULL || **arg == '\0')
		return NULL;
	sep = strchr(*arg, ',');
	if (sep == NULL) {
		snprintf(buf, buflen, "%s", *arg);
		*arg = NULL;
		return buf;
	}
	snprintf(buf, buflen, "%.*s", (int)(sep - *arg), *arg);
	*arg = sep + 1;
	return buf;
}

static int
time_parse_monthdays(struct ut_opt_call *call, uint32_t *out)
{
	const char *arg = call->arg;
	char day[3];
	uint32_t ret = 0;

	while (time_next_seg(day, sizeof(day), &arg) != NULL) {
		char *err;
		unsigned long i = strtoul(day, &err, 0);
		if ((*err != ',' && *err != '\0') || i > 31)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "%s is not a valid day for "
					  "--monthdays", day);
		ret |= 1u << i;
	}
	*out = ret;
	return 0;
}

static int
time_parse_weekdays(struct ut_opt_call *call, uint8_t *out)
{
	const char *arg = call->arg;
	char day[4];
	unsigned ret = 0;

	while (time_next_seg(day, sizeof(day), &arg) != NULL) {
		char *err;
		unsigned long i = strtoul(day, &err, 0);
		bool valid = false;
		if (*err == '\0') {
			if (i == 0)
				return ut_err_set(call->err,
					UT_PARAMETER_PROBLEM, "No, the week "
					"does NOT begin with Sunday.");
			/* iptables shifts whatever number it got */
			ret |= 1u << (i & 31);
			continue;
		}
		/* two letters are enough: "Mo", "Tuesday" (cut to "Tue") */
		for (unsigned k = 1; k < 8; ++k)
			if (strncmp(day, week_days[k], 2) == 0) {
				ret |= 1u << k;
				valid = true;
			}
		if (!valid)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "%s is not a valid day specifier",
					  day);
	}
	*out = (uint8_t)ret;
	return 0;
}

static int
time_parse(struct ut_opt_call *call)
{
	struct ut_time_info *info = call->data;
	int ret = 0;

	switch (call->opt->id) {
	case O_DATE_START:
		return time_parse_date(call, &info->date_start);
	case O_DATE_STOP:
		return time_parse_date(call, &info->date_stop);
	case O_TIME_START:
		return time_parse_minutes(call, &info->daytime_start);
	case O_TIME_STOP:
		return time_parse_minutes(call, &info->daytime_stop);
	case O_TIME_CONTIGUOUS:
		info->flags |= TIME_CONTIGUOUS;
		break;
	case O_LOCAL_TZ:
		/* the option works as --kerneltz */
		ut_buf_puts(call->warn, "WARNING: --localtz is being replaced "
			    "by --kerneltz, since \"local\" is ambiguous. Note "
			    "the kernel timezone has caveats - see manpage for "
			    "details.\n");
		/* fall through */
	case O_KERNEL_TZ:
		info->flags |= TIME_LOCAL_TZ;
		break;
	case O_MONTHDAYS:
		ret = time_parse_monthdays(call, &info->monthdays_match);
		if (ret == 0 && call->invert)
			info->monthdays_match ^= TIME_ALL_MONTHDAYS;
		break;
	case O_WEEKDAYS:
		ret = time_parse_weekdays(call, &info->weekdays_match);
		if (ret == 0 && call->invert)
			info->weekdays_match ^= TIME_ALL_WEEKDAYS;
		break;
	}
	return ret;
}

static int
time_final_check(struct ut_fcheck_call *call)
{
	const struct ut_time_info *info = call->data;

	if ((call->xflags & F_TIME_CONTIGUOUS) &&
	    info->daytime_start < info->daytime_stop)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "time: --contiguous only makes sense when "
				  "stoptime is smaller than starttime");
	return 0;
}

/* time_print_date: a date in UTC; command NULL: "-L" form. iptables
 * skips 0 and LONG_MAX only, so the default stop date (INT_MAX) shows up
 * in save output as 2038-01-19T03:14:07. */
static void
time_print_date(uint32_t date, const char *command, struct ut_buf *out)
{
	int64_t days, secs, y, m, d, doe, yoe, doy, mp, era;

	if (date == 0)
		return;
	days = date / 86400;
	secs = date % 86400;
	/* civil_from_days */
	days += 719468;
	era = days / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	ut_buf_printf(out, command ? " %s %04u-%02u-%02uT%02u:%02u:%02u" :
		      "%s %04u-%02u-%02u %02u:%02u:%02u",
		      command ? command : "", (unsigned)y, (unsigned)m,
		      (unsigned)d, (unsigned)(secs / 3600),
		      (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
}

static void
time_print_monthdays(uint32_t mask, bool human, struct ut_buf *out)
{
	static const char *const sfx[10] = {
		"th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th",
	};
	unsigned n = 0;

	ut_buf_putc(out, ' ');
	for (unsigned i = 1; i <= 31; ++i) {
		if (!(mask & (1u << i)))
			continue;
		if (n++ > 0)
			ut_buf_putc(out, ',');
		ut_buf_printf(out, "%u", i);
		/* iptables' suffixes: "11st", "12nd", "13rd" included */
		if (human)
			ut_buf_puts(out, sfx[i % 10]);
	}
}

static void
time_print_weekdays(unsigned mask, struct ut_buf *out)
{
	unsigned n = 0;

	ut_buf_putc(out, ' ');
	for (unsigned i = 1; i <= 7; ++i)
		if (mask & (1u << i))
			ut_buf_printf(out, n++ > 0 ? ",%s" : "%s",
				      week_days[i]);
}

static void
time_print_daytime(uint32_t t, struct ut_buf *out)
{
	ut_buf_printf(out, "%02u:%02u:%02u", t / 3600, t / 60 % 60, t % 60);
}

static void
time_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_time_info *info = pc->data;

	ut_buf_puts(out, " TIME");
	if (info->daytime_start != TIME_MIN_DAYTIME ||
	    info->daytime_stop != TIME_MAX_DAYTIME) {
		ut_buf_puts(out, " from ");
		time_print_daytime(info->daytime_start, out);
		ut_buf_puts(out, " to ");
		time_print_daytime(info->daytime_stop, out);
	}
	if (info->weekdays_match != TIME_ALL_WEEKDAYS) {
		ut_buf_puts(out, " on");
		time_print_weekdays(info->weekdays_match, out);
	}
	if (info->monthdays_match != TIME_ALL_MONTHDAYS) {
		ut_buf_puts(out, " on");
		time_print_monthdays(info->monthdays_match, true, out);
	}
	if (info->date_start != 0) {
		ut_buf_puts(out, " starting from");
		time_print_date(info->date_start, NULL, out);
	}
	if (info->date_stop != INT_MAX) {
		ut_buf_puts(out, " until date");
		time_print_date(info->date_stop, NULL, out);
	}
	if (!(info->flags & TIME_LOCAL_TZ))
		ut_buf_puts(out, " UTC");
	if (info->flags & TIME_CONTIGUOUS)
		ut_buf_puts(out, " contiguous");
}

static void
time_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_time_info *info = pc->data;

	if (info->daytime_start != TIME_MIN_DAYTIME ||
	    info->daytime_stop != TIME_MAX_DAYTIME) {
		ut_buf_puts(out, " --timestart ");
		time_print_daytime(info->daytime_start, out);
		ut_buf_puts(out, " --timestop ");
		time_print_daytime(info->daytime_stop, out);
	}
	if (info->monthdays_match != TIME_ALL_MONTHDAYS) {
		ut_buf_puts(out, " --monthdays");
		time_print_monthdays(info->monthdays_match, false, out);
	}
	if (info->weekdays_match != TIME_ALL_WEEKDAYS) {
		ut_buf_puts(out, " --weekdays");
		time_print_weekdays(info->weekdays_match, out);
	}
	time_print_date(info->date_start, "--datestart", out);
	time_print_date(info->date_stop, "--datestop", out);
	if (info->flags & TIME_LOCAL_TZ)
		ut_buf_puts(out, " --kerneltz");
	if (info->flags & TIME_CONTIGUOUS)
		ut_buf_puts(out, " --contiguous");
}

static int
time_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_time_info *info = kc->data;

	if (info->daytime_start > TIME_MAX_DAYTIME ||
	    info->daytime_stop > TIME_MAX_DAYTIME) {
		ut_buf_puts(kc->dmesg, "xt_time: invalid argument - start or "
			    "stop time greater than 23:59:59");
		return -EDOM;
	}
	if (info->flags & ~(TIME_LOCAL_TZ | TIME_CONTIGUOUS)) {
		ut_buf_printf(kc->dmesg, "xt_time: unknown flags 0x%x",
			      info->flags & ~(TIME_LOCAL_TZ | TIME_CONTIGUOUS));
		return -EINVAL;
	}
	if ((info->flags & TIME_CONTIGUOUS) &&
	    info->daytime_start < info->daytime_stop)
		return -EINVAL;
	return 0;
}

/* ---- packet evaluation (time_mt) ----------------------------------------- */

/* sys_tz.tz_minuteswest, which --kerneltz subtracts: utables models a
 * kernel whose timezone was never set with settimeofday(2), i.e. 0, as on
 * the reference host (tests/unit/time_kernel.py reads it there with
 * gettimeofday(2) and finds 0), so --kerneltz behaves as --utc. */
#define TIME_SYS_TZ_MINUTESWEST 0
#define TIME_SECONDS_PER_DAY 86400u
/* the kernel's year table stops at 2039: any later day is taken as a day
 * of 2039 (see time_monthday) */
#define TIME_LAST_YEAR 2039

/* time_monthday: the day of the month of day dse since the epoch, as the
 * kernel's localtime_3 computes it: the year is the last one, from 2039
 * down to 1970, whose January 1st is not after dse (so every day after
 * 2039 counts as a day of 2039), the month the last one whose first day
 * is not after it; the result is kept in 8 bits (u8 xtm.monthday), which
 * gives day numbers above 31 (and wrapped ones) for days after 2039. */
static unsigned
time_monthday(uint32_t dse)
{
	/* days of the year before each month, common and leap years */
	static const uint16_t before[2][12] = {
		{ 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 },
		{ 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335 },
	};
	unsigned year = TIME_LAST_YEAR, m = 11;
	uint32_t w;
	bool leap;

	while (year > 1970 && time_days_from_civil(year, 1, 1) > dse)
		year--;
	w = dse - (uint32_t)time_days_from_civil(year, 1, 1);
	leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
	while (m > 0 && before[leap][m] > w)
		m--;
	return (uint8_t)(w - before[leap][m] + 1);
}

/* time_match: time_mt. The kernel reads the real time in seconds
 * (ktime_get_real_seconds) when the rule is evaluated; ours is the
 * engine's clock, the timestamp of the packet being processed, truncated
 * to the second. All arithmetic follows the kernel's types: a signed
 * 64-bit stamp, its day split done on the stamp taken as unsigned 64 bits
 * (div_u64), days since the epoch in 32 bits. */
static bool
time_match(struct ut_xt_par *par)
{
	const struct ut_time_info *info = par->data;
	int64_t stamp;
	uint32_t packet_time, dse;
	unsigned weekday, monthday;

	/* no engine, no clock: do not guess */
	if (!par->eng)
		return false;
	stamp = (int64_t)(ut_engine_now_ns(par->eng) / 1000000000u);
	if (info->flags & TIME_LOCAL_TZ)
		stamp -= 60 * TIME_SYS_TZ_MINUTESWEST;

	/* the date bounds are inclusive, at the second */
	if (stamp < (int64_t)info->date_start ||
	    stamp > (int64_t)info->date_stop)
		return false;

	/* localtime_1: seconds since (UTC) midnight */
	packet_time = (uint32_t)((uint64_t)stamp % TIME_SECONDS_PER_DAY);
	if (info->daytime_start < info->daytime_stop) {
		if (packet_time < info->daytime_start ||
		    packet_time > info->daytime_stop)
			return false;
	} else {
		/* start >= stop: the window wraps past midnight (start ==
		 * stop matches all day) */
		if (packet_time < info->daytime_start &&
		    packet_time > info->daytime_stop)
			return false;
		/* --contiguous: the part after midnight belongs to the day
		 * the window started on (the stamp may go below zero on
		 * 1970-01-01; the kernel then divides it as unsigned) */
		if ((info->flags & TIME_CONTIGUOUS) &&
		    packet_time <= info->daytime_stop)
			stamp -= TIME_SECONDS_PER_DAY;
	}

	/* localtime_2: 1970-01-01 was a Thursday; 1 = Monday .. 7 = Sunday */
	dse = (uint32_t)((uint64_t)stamp / TIME_SECONDS_PER_DAY);
	weekday = (4u + dse - 1u) % 7u + 1u;
	if (!(info->weekdays_match & (1u << weekday)))
		return false;

	/* localtime_3 only when some day of the month is excluded */
	if (info->monthdays_match != TIME_ALL_MONTHDAYS) {
		monthday = time_monthday(dse);
		/* the kernel shifts an int by the 8-bit monthday; beyond 31
		 * (only for days after 2039) C leaves it undefined and the
		 * x86 shift counts modulo 32, which we reproduce (derived from
		 * the source, not measured: the kernel clock cannot be set
		 * there) */
		if (!(info->monthdays_match & (1u << (monthday & 31))))
			return false;
	}
	return true;
}

const struct ut_ext ut_ext_time = {
	.name = "time",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_time_info),
	.cmp_size = sizeof(struct ut_time_info),
	.opts = time_opts,
	.init = time_init,
	.parse = time_parse,
	.final_check = time_final_check,
	.print = time_print,
	.save = time_save,
	.kcheck = time_kcheck,
	.match = time_match,
};
