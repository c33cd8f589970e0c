/* utables.h: the public API of libutables (iptables/netfilter in userspace).
 *
 * The library never prints and never exits. Every function that can fail
 * returns 0 or a negative value and fills a caller-owned struct ut_err; text
 * that a command would print goes into caller-owned struct ut_buf objects.
 * Nothing here is thread-safe unless said otherwise: one ruleset, one thread.
 */
#ifndef UTABLES_UTABLES_H
#define UTABLES_UTABLES_H

#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UT_VERSION "0.1.0"
#define UT_IPT_VERSION "1.8.9"

/* ---- growable text buffer ---------------------------------------------- */

/* ut_buf: NUL-terminated growable string. On allocation failure it sets
 * oom and ignores further writes; callers check oom once at the end. */
struct ut_buf {
	char *data; /* NUL-terminated, NULL until the first write */
	size_t len;
	size_t cap;
	bool oom;
};

void ut_buf_init(struct ut_buf *b);
void ut_buf_fini(struct ut_buf *b);
void ut_buf_reset(struct ut_buf *b);
void ut_buf_putc(struct ut_buf *b, char c);
void ut_buf_puts(struct ut_buf *b, const char *s);
void ut_buf_write(struct ut_buf *b, const void *p, size_t n);
/* ut_buf_put_u64: v in decimal (printf's %llu, without its cost) */
void ut_buf_put_u64(struct ut_buf *b, uint64_t v);
void ut_buf_printf(struct ut_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ut_buf_vprintf(struct ut_buf *b, const char *fmt, va_list ap);
/* ut_buf_str: the text so far, "" when empty. Valid until the next write. */
const char *ut_buf_str(const struct ut_buf *b);

/* ---- errors -------------------------------------------------------------- */

/* Exit statuses of iptables (xtables.h enum exittype). */
enum ut_status {
	UT_OK = 0,
	UT_OTHER_PROBLEM = 1,
	UT_PARAMETER_PROBLEM = 2,
	UT_VERSION_PROBLEM = 3,
	UT_RESOURCE_PROBLEM = 4,
};

/* How the front end prints an error (the three shapes iptables uses). */
enum ut_err_style {
	/* "PROG v1.8.9 (legacy): MSG\n" then, for PARAMETER_PROBLEM, the
	 * "Try `PROG -h' ..." line. MSG is printed as is: iptables' formats
	 * that end in "\n" produce the extra blank line. */
	UT_ERRS_XTABLES = 0,
	/* "iptables: MSG.\n" (what libiptc's iptc_strerror gives after a
	 * failed commit or chain operation); MSG includes the final dot. */
	UT_ERRS_LIBIPTC,
	/* MSG printed verbatim (already complete lines). */
	UT_ERRS_RAW,
	/* only "Error occurred at line: N" (restore) and the "Try `PROG -h'"
	 * line: iptables' exit_tryhelp after a message printed elsewhere */
	UT_ERRS_TRYHELP,
};

#define UT_ERR_MSG_MAX 1024

/* ut_err: an error as a value. status is the exit status iptables uses. */
struct ut_err {
	int status;                /* enum ut_status; 0 = no error */
	enum ut_err_style style;
	char msg[UT_ERR_MSG_MAX];  /* see ut_err_style */
	/* kernel (x_tables) explanation printed after "Run `dmesg'", or "" */
	char dmesg[UT_ERR_MSG_MAX];
	int line;                  /* input line (restore), 0 = none */
};

void ut_err_clear(struct ut_err *e);
/* ut_err_set: fill e (style XTABLES) and return -status. */
int ut_err_set(struct ut_err *e, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* ut_err_raw: fill e with complete lines printed as they are (style RAW,
 * e.g. "iptables-restore: line 3 failed\n"); returns -1. */
int ut_err_raw(struct ut_err *e, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* ut_err_iptc: fill e with what iptables prints after a failed libiptc
 * call with errno errnum: special (libiptc's text for that call), or the
 * generic text for errnum; EINVAL adds the "Run `dmesg'" sentence.
 * Returns -1. */
int ut_err_iptc(struct ut_err *e, int errnum, const char *special);
/* ut_err_format: the whole text the front end prints for e, as program
 * prog ("iptables", "iptables-restore", ...). */
void ut_err_format(const struct ut_err *e, const char *prog,
		   struct ut_buf *out);

/* ---- command front ends (src/cli) ---------------------------------------
 * Each runs one command as the named iptables program would, on the state
 * store. Output goes to out, errors to err; returns the exit status. */

struct ut_cli_io {
	struct ut_buf out;   /* what the command prints on stdout */
	struct ut_buf errb;  /* what it prints on stderr (warnings, errors) */
	const char *state_path; /* NULL: $UTABLES_STATE or the default */
	/* restore reads this stream when no file is given; NULL = stdin */
	void *in; /* FILE * */
	/* long commands (run, trace) report progress here, NULL: none.
	 * done/total: input bytes; final: the last call */
	void (*progress)(uint64_t done, uint64_t total, unsigned long packets,
			 bool final);
	/* set (to the signal's number) by a signal handler when the
	 * command should stop, NULL: never. Long commands (run, trace)
	 * look at it between packets: they remove what they had begun
	 * writing and fail, "interrupted". */
	const volatile sig_atomic_t *stop;
};

void ut_cli_io_init(struct ut_cli_io *io);
void ut_cli_io_fini(struct ut_cli_io *io);

int ut_cli_iptables(int argc, char **argv, struct ut_cli_io *io);
int ut_cli_iptables_save(int argc, char **argv, struct ut_cli_io *io);
int ut_cli_iptables_restore(int argc, char **argv, struct ut_cli_io *io);
/* utables state check: the state database's integrity and invariants;
 * 0 clean, 1 problems (listed on out), 4 when it cannot be read */
int ut_cli_state(int argc, char **argv, struct ut_cli_io *io);
/* utables run / utables trace (src/tool/run.c): argv[0] is the command */
int ut_tool_run(int argc, char **argv, struct ut_cli_io *io);
int ut_tool_trace(int argc, char **argv, struct ut_cli_io *io);
/* utables host export|check|show|get (src/tool/host_cmd.c) */
int ut_tool_host(int argc, char **argv, struct ut_cli_io *io);

/* utables help: the help of command cmd ("run", "trace", "host",
 * "iptables-save", "iptables-restore", "help"; NULL: the list of
 * commands) appended to out (src/tool/help.c). 0, or -1 for a command it
 * does not know (iptables has its -h). */
int ut_tool_help(const char *cmd, struct ut_buf *out);

/* The state file of root when $UTABLES_STATE is not set (other users get
 * $XDG_STATE_HOME/utables/rules.db), and that environment variable. */
#define UT_STATE_DEFAULT "/var/lib/utables/rules.db"
#define UT_STATE_ENV "UTABLES_STATE"

#endif
