/* main.c: the utables front end. One binary that behaves as iptables,
 * iptables-save and iptables-restore when called by those names (symlink
 * or first argument), plus utables' own sub-commands. The only place that
 * writes to stdout/stderr and picks the exit status. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "utables/utables.h"

typedef int (*ut_main_fn)(int, char **, struct ut_cli_io *);

static const struct {
	const char *name;
	ut_main_fn fn;
} programs[] = {
	{ "iptables", ut_cli_iptables },
	{ "iptables-legacy", ut_cli_iptables },
	{ "iptables-save", ut_cli_iptables_save },
	{ "iptables-legacy-save", ut_cli_iptables_save },
	{ "iptables-restore", ut_cli_iptables_restore },
	{ "iptables-legacy-restore", ut_cli_iptables_restore },
};

static ut_main_fn
program_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(programs) / sizeof(programs[0]); i++)
		if (strcmp(programs[i].name, name) == 0)
			return programs[i].fn;
	return NULL;
}

static int
run_program(ut_main_fn fn, int argc, char **argv)
{
	struct ut_cli_io io;
	int status;

	ut_cli_io_init(&io);
	status = fn(argc, argv, &io);
	fwrite(ut_buf_str(&io.out), 1, io.out.len, stdout);
	fflush(stdout);
	fwrite(ut_buf_str(&io.errb), 1, io.errb.len, stderr);
	ut_cli_io_fini(&io);
	return status;
}

/* progress of long runs on stderr: a bar on a terminal, otherwise a
 * line every 10% (only for runs long enough to ask for it) */
static bool progress_tty;

static void
progress(uint64_t done, uint64_t total, unsigned long packets, bool final)
{
	static unsigned last_tenth;
	static bool shown;
	unsigned pct = total ? (unsigned)(done * 100 / total) : 0;

	/* called every 65536 packets: a run that ends before the first
	 * call shows nothing */
	if (final && !shown)
		return;
	shown = true;
	if (final)
		pct = 100;
	if (pct > 100)
		pct = 100;
	if (progress_tty) {
		char bar[41];

		memset(bar, '#', pct * 40 / 100);
		memset(bar + pct * 40 / 100, ' ', 40 - pct * 40 / 100);
		bar[40] = 0;
		fprintf(stderr, "\r[%s] %3u%% %lu packets%s", bar, pct, packets,
			final ? "\n" : "");
	} else if (final || pct / 10 > last_tenth) {
		last_tenth = pct / 10;
		fprintf(stderr, "utables: %lu packets (%u%%)\n", packets,
			final ? 100 : pct);
	}
}

/* SIGINT/SIGTERM during run/trace: the command is told (io.stop), cleans
 * up (its scratch folder in DIR) and fails; then the signal ends us as
 * it would have, so the caller sees it */
static volatile sig_atomic_t stop_signal;

static void
on_stop_signal(int sig)
{
	stop_signal = sig;
}

/* a signal ignored when we started (a background job's SIGINT) stays
 * ignored */
static void
catch_stop_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM };
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
}

static int
run_command(ut_main_fn fn, int argc, char **argv)
{
	struct ut_cli_io io;
	int status;

	progress_tty = isatty(2);
	ut_cli_io_init(&io);
	io.progress = progress;
	io.stop = &stop_signal;
	catch_stop_signals();
	status = fn(argc, argv, &io);
	fwrite(ut_buf_str(&io.out), 1, io.out.len, stdout);
	fflush(stdout);
	fwrite(ut_buf_str(&io.errb), 1, io.errb.len, stderr);
	ut_cli_io_fini(&io);
	if (stop_signal) {
		signal(stop_signal, SIG_DFL);
		raise(stop_signal);
	}
	return status;
}

/* help: `utables help [CMD]` (iptables: its -h) */
static int
help(FILE *f, const char *cmd)
{
	struct ut_buf b;
	int ret;

	if (cmd && program_by_name(cmd) == ut_cli_iptables) {
		char *argv[] = { (char *)cmd, "-h", NULL };

		return run_program(ut_cli_iptables, 2, argv);
	}
	ut_buf_init(&b);
	ret = ut_tool_help(cmd, &b);
	if (ret < 0)
		fprintf(stderr, "utables help: unknown command `%s'\n", cmd);
	else
		fputs(ut_buf_str(&b), f);
	ut_buf_fini(&b);
	return ret < 0 ? 2 : 0;
}

int
main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');
	ut_main_fn fn;

	base = base ? base + 1 : argv[0];
	fn = program_by_name(base);
	if (fn)
		return run_program(fn, argc, argv);
	if (argc < 2) {
		help(stderr, NULL);
		return 2;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("utables %s (iptables v%s (legacy) compatible)\n",
		       UT_VERSION, UT_IPT_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return help(stdout, NULL);
	if (strcmp(argv[1], "help") == 0) {
		if (argc <= 3)
			return help(stdout, argc == 3 ? argv[2] : NULL);
		help(stderr, "help");
		return 2;
	}
	fn = program_by_name(argv[1]);
	if (fn)
		return run_program(fn, argc - 1, argv + 1);
	if (strcmp(argv[1], "run") == 0 || strcmp(argv[1], "trace") == 0)
		return run_command(strcmp(argv[1], "run") == 0 ? ut_tool_run :
				   ut_tool_trace, argc - 1, argv + 1);
	if (strcmp(argv[1], "host") == 0)
		return run_program(ut_tool_host, argc - 1, argv + 1);
	if (strcmp(argv[1], "state") == 0)
		return run_program(ut_cli_state, argc - 1, argv + 1);
	fprintf(stderr, "utables: unknown command `%s'\n\n", argv[1]);
	help(stderr, NULL);
	return 2;
}
