/* fuzz_common.h: the state-store round-trip oracle shared by the fuzz
 * targets. Whatever rule set the CLI accepted must serialize (the state
 * file text) and load back to the same text: otherwise the next command
 * would find a corrupt or different state file. Set FUZZ_NO_ROUNDTRIP=1
 * in the environment to skip the check. */
#ifndef UT_FUZZ_COMMON_H
#define UT_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int fuzz_roundtrip = -1;

/* Known, reported round-trip failures (substrings of the reload error),
 * skipped so that fuzzing can go on. Remove an entry once it is fixed;
 * the reproducers are in fuzz/regressions/. */
static const char *const fuzz_known_roundtrip[] = {
	/* xt_tcp: --tcp-flags needs the following argv word
	 * (UT_OPT_CALL_HAS_ARGV); --syn is saved as --tcp-flags */
	"--tcp-flags requires two args",
	/* iptables 1.8.9 itself: a 128-byte --string saved in "|hex|"
	 * form trips parse_hex_string's length check on the closing '|' */
	"STRING too long",
	/* "iptables -N ''" is accepted (as by iptables 1.8.9 and the
	 * kernel) but ": - [0:0]" cannot be read back: the state file
	 * becomes unloadable (reported) */
	"invalid policy counters for chain '-'",
};

/* Known save forms that read back as a different rule (the first
 * differing line of the two state texts contains the string). */
static const char *const fuzz_known_mismatch[] = {
	/* iptables 1.8.9 itself: "--ipcompspi :" (0:4294967295) saves as
	 * a bare "-m ipcomp", which reads back as 0:0 */
	"-m ipcomp",
	/* iptables 1.8.9 itself: "--datestop 1970-01-01" (0) is not
	 * saved, and reads back as the default stop date */
	"--datestop 2038-01-19T03:14:07",
};

static int
fuzz_known_diff(const char *a, const char *b)
{
	const char *la = a, *lb = b;

	while (*a && *a == *b) {
		if (*a == '\n') {
			la = a + 1;
			lb = b + 1;
		}
		a++;
		b++;
	}
	for (size_t i = 0; i < sizeof(fuzz_known_mismatch) /
			       sizeof(fuzz_known_mismatch[0]); i++) {
		const char *k = fuzz_known_mismatch[i];
		const char *ea = strchr(la, '\n'), *eb = strchr(lb, '\n');
		const char *f = strstr(la, k), *g = strstr(lb, k);
		if ((f && (!ea || f < ea)) || (g && (!eb || g < eb)))
			return 1;
	}
	return 0;
}

static int
fuzz_known(const char *msg)
{
	for (size_t i = 0; i < sizeof(fuzz_known_roundtrip) /
			       sizeof(fuzz_known_roundtrip[0]); i++)
		if (strstr(msg, fuzz_known_roundtrip[i]))
			return 1;
	return 0;
}

static void
fuzz_check_roundtrip(struct ut_ruleset *rs)
{
	struct restore_opts o = { .state = true, .counters = true };
	struct ut_buf a, b, out, warn;
	struct ut_ruleset *rs2;
	struct ut_err err;

	if (fuzz_roundtrip < 0)
		fuzz_roundtrip = !getenv("FUZZ_NO_ROUNDTRIP");
	if (!fuzz_roundtrip)
		return;
	ut_buf_init(&a);
	ut_buf_init(&b);
	ut_buf_init(&out);
	ut_buf_init(&warn);
	ut_err_clear(&err);
	store_serialize(rs, &a);
	rs2 = ut_ruleset_new();
	if (!rs2)
		abort();
	if (restore_text(rs2, ut_buf_str(&a), a.len, &o, "utables", &out,
			 &warn, &err) < 0) {
		if (fuzz_known(err.msg))
			goto out;
		fprintf(stderr, "ROUNDTRIP: state text does not load "
			"(line %d): %s\n--- state ---\n%s", err.line,
			err.msg, ut_buf_str(&a));
		abort();
	}
	store_serialize(rs2, &b);
	if ((a.len != b.len ||
	     memcmp(ut_buf_str(&a), ut_buf_str(&b), a.len)) &&
	    !fuzz_known_diff(ut_buf_str(&a), ut_buf_str(&b))) {
		fprintf(stderr, "ROUNDTRIP: state text changes on reload\n"
			"--- first ---\n%s--- reloaded ---\n%s",
			ut_buf_str(&a), ut_buf_str(&b));
		abort();
	}
out:
	ut_ruleset_free(rs2);
	ut_buf_fini(&a);
	ut_buf_fini(&b);
	ut_buf_fini(&out);
	ut_buf_fini(&warn);
}

#endif
