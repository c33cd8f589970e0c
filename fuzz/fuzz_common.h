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
	ut_store_serialize(rs, &a);
	rs2 = ut_ruleset_new();
	if (!rs2)
		abort();
	if (ut_restore_text(rs2, ut_buf_str(&a), a.len, &o, "utables", &out,
			 &warn, &err) < 0) {
		fprintf(stderr, "ROUNDTRIP: state text does not load "
			"(line %d): %s\n--- state ---\n%s", err.line,
			err.msg, ut_buf_str(&a));
		abort();
	}
	ut_store_serialize(rs2, &b);
	if (a.len != b.len || memcmp(ut_buf_str(&a), ut_buf_str(&b), a.len)) {
		fprintf(stderr, "ROUNDTRIP: state text changes on reload\n"
			"--- first ---\n%s--- reloaded ---\n%s",
			ut_buf_str(&a), ut_buf_str(&b));
		abort();
	}
	ut_ruleset_free(rs2);
	ut_buf_fini(&a);
	ut_buf_fini(&b);
	ut_buf_fini(&out);
	ut_buf_fini(&warn);
}

#endif
