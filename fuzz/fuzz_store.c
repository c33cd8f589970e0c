/* fuzz_store.c: libFuzzer target for the state store (an SQLite database
 * in a temporary directory), driven as the commands drive it.
 *
 * The input is two iptables-restore texts separated by the first NUL
 * byte (no NUL: the same text twice). On a new database, with the
 * command front ends (ut_cli_iptables_restore, ut_cli_iptables_save,
 * ut_cli_state):
 *   1. iptables-restore of the first text;
 *   2. iptables-restore -c --noflush of the second (what the store writes
 *      is then a difference from what it holds);
 *   3. iptables-restore of the second (a flush of every table it names).
 * After each step `utables state check` must be clean, and
 * `iptables-save -c` of the database must equal the save of the same
 * steps applied to an in-memory rule set (ut_restore_text), the status
 * must agree (success or failure), and a step that fails must leave what
 * the in-memory rule set keeps (tables committed before the failing
 * line). A difference prints STORE: with both texts and aborts.
 *
 * The directory is $TMPDIR (else /tmp)/utfuzzstore.XXXXXX, made once and
 * removed at exit; a tmpfs (TMPDIR=/dev/shm) makes the fsyncs cheap. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_dir[4096];
static char fuzz_db[4200];

static void
remove_state(void)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal",
					      ".lock" };
	char p[4300];

	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", fuzz_db, suffix[i]);
		unlink(p);
	}
}

static void
remove_dir(void)
{
	remove_state();
	rmdir(fuzz_dir);
}

/* setup_dir: the temporary directory, once per process */
static void
setup_dir(void)
{
	const char *tmp = getenv("TMPDIR");

	if (fuzz_db[0])
		return;
	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/utfuzzstore.XXXXXX",
		 tmp && *tmp == '/' ? tmp : "/tmp");
	if (!mkdtemp(fuzz_dir)) {
		perror("fuzz_store: mkdtemp");
		abort();
	}
	snprintf(fuzz_db, sizeof(fuzz_db), "%s/rules.db", fuzz_dir);
	atexit(remove_dir);
}

/* run_restore: iptables-restore [args] < text on the database; status */
static int
run_restore(const char *text, size_t len, bool counters_noflush,
	    struct ut_buf *errb)
{
	char *argv[] = { "iptables-restore", "-c", "--noflush", NULL };
	struct ut_cli_io io;
	FILE *in;
	int ret;

	/* fmemopen refuses a size of 0 on some libcs */
	in = fmemopen(len ? (void *)text : "", len ? len : 1, "r");
	if (!in)
		abort();
	ut_cli_io_init(&io);
	io.state_path = fuzz_db;
	io.in = in;
	ret = ut_cli_iptables_restore(counters_noflush ? 3 : 1, argv, &io);
	ut_buf_reset(errb);
	ut_buf_puts(errb, ut_buf_str(&io.errb));
	ut_cli_io_fini(&io);
	fclose(in);
	return ret;
}

/* saved_db: iptables-save -c of the database, without its # lines */
static void
saved_db(struct ut_buf *out)
{
	char *argv[] = { "iptables-save", "-c", NULL };
	struct ut_cli_io io;
	const char *line, *nl;
	int ret;

	ut_cli_io_init(&io);
	io.state_path = fuzz_db;
	ret = ut_cli_iptables_save(2, argv, &io);
	if (ret != 0) {
		fprintf(stderr, "STORE: iptables-save of the database failed "
			"(%d): %s", ret, ut_buf_str(&io.errb));
		abort();
	}
	for (line = ut_buf_str(&io.out); *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			abort();
		if (*line != '#')
			ut_buf_printf(out, "%.*s\n", (int)(nl - line), line);
	}
	ut_cli_io_fini(&io);
}

/* saved_ref: the same text from the in-memory rule set */
static void
saved_ref(const struct ut_ruleset *rs, struct ut_buf *out)
{
	struct ut_buf warn;

	ut_buf_init(&warn);
	for (size_t i = 0; i < rs->n_order; i++)
		ut_save_table(rs->tables[rs->order[i]], NULL, true, out, &warn);
	ut_buf_fini(&warn);
}

/* check_state: `utables state check` clean */
static void
check_state(int step)
{
	char *argv[] = { "state", "check", NULL };
	struct ut_cli_io io;
	int ret;

	ut_cli_io_init(&io);
	io.state_path = fuzz_db;
	ret = ut_cli_state(2, argv, &io);
	if (ret != 0) {
		fprintf(stderr, "STORE: step %d: state check %d\n%s%s", step,
			ret, ut_buf_str(&io.out), ut_buf_str(&io.errb));
		abort();
	}
	ut_cli_io_fini(&io);
}

/* step: one restore on the database and on rs; both must agree */
static void
step(int n, struct ut_ruleset *rs, const char *text, size_t len,
     bool counters_noflush)
{
	struct restore_opts o = { .counters = counters_noflush,
				  .noflush = counters_noflush };
	struct ut_buf out, warn, errb, db, ref;
	struct ut_err err;
	int st_db, st_ref;

	ut_buf_init(&out);
	ut_buf_init(&warn);
	ut_buf_init(&errb);
	ut_buf_init(&db);
	ut_buf_init(&ref);
	ut_err_clear(&err);
	st_db = run_restore(text, len, counters_noflush, &errb);
	st_ref = ut_restore_text(rs, text, len, &o, "iptables-restore", &out,
				 &warn, &err) < 0;
	check_state(n);
	saved_db(&db);
	saved_ref(rs, &ref);
	if ((st_db != 0) != st_ref || db.len != ref.len ||
	    memcmp(ut_buf_str(&db), ut_buf_str(&ref), db.len)) {
		fprintf(stderr, "STORE: step %d: the database (status %d: %s) "
			"differs from the rule set in memory (%s: %s)\n"
			"--- database ---\n%s--- in memory ---\n%s", n, st_db,
			ut_buf_str(&errb), st_ref ? "failed" : "ok", err.msg,
			ut_buf_str(&db), ut_buf_str(&ref));
		abort();
	}
	ut_buf_fini(&out);
	ut_buf_fini(&warn);
	ut_buf_fini(&errb);
	ut_buf_fini(&db);
	ut_buf_fini(&ref);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nul = memchr(data, '\0', size);
	const char *second = nul ? nul + 1 : text;
	size_t first_len = nul ? (size_t)(nul - text) : size;
	size_t second_len = nul ? size - first_len - 1 : size;
	struct ut_ruleset *rs;

	if (size > 1 << 14)
		return -1;
	setup_dir();
	remove_state();
	rs = ut_ruleset_new();
	if (!rs)
		return 0;
	step(1, rs, text, first_len, false);
	step(2, rs, second, second_len, true);
	step(3, rs, second, second_len, false);
	ut_ruleset_free(rs);
	remove_state();
	return 0;
}
