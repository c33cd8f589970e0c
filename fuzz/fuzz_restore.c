/* fuzz_restore.c: libFuzzer target for the iptables-restore parser.
 *
 * The input is an iptables-restore text. It is applied with ut_restore_text()
 * to a fresh in-memory rule set (no state file), first as plain
 * iptables-restore, then again with -c --noflush on the result, so both
 * flush and no-flush paths and the "[p:b]" counter syntax are reached.
 * Whatever was committed must survive the state-store round trip
 * (fuzz_common.h). Everything is freed so LeakSanitizer sees real leaks. */
#include <stddef.h>
#include <stdint.h>

#include "cli/cli.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct restore_opts plain = { 0 };
	struct restore_opts cnt = { .counters = true, .noflush = true };
	struct ut_buf out, warn;
	struct ut_err err;
	struct ut_ruleset *rs;

	if (size > 1 << 16)
		return -1;
	rs = ut_ruleset_new();
	if (!rs)
		return 0;
	ut_buf_init(&out);
	ut_buf_init(&warn);
	ut_err_clear(&err);
	ut_restore_text(rs, (const char *)data, size, &plain, "iptables-restore",
		     &out, &warn, &err);
	fuzz_check_roundtrip(rs);

	ut_buf_reset(&out);
	ut_buf_reset(&warn);
	ut_err_clear(&err);
	ut_restore_text(rs, (const char *)data, size, &cnt, "iptables-restore",
		     &out, &warn, &err);
	fuzz_check_roundtrip(rs);

	ut_ruleset_free(rs);
	ut_buf_fini(&out);
	ut_buf_fini(&warn);
	return 0;
}
