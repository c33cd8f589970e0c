/* main.c: the utables front end. One binary that behaves as iptables,
 * iptables-save and iptables-restore when called by those names (symlink
 * or first argument), plus utables' own sub-commands. The only place that
 * writes to stdout/stderr and picks the exit status. */
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

static int
run_command(ut_main_fn fn, int argc, char **argv)
{
	struct ut_cli_io io;

	progress_tty = isatty(2);
	ut_cli_io_init(&io);
	io.progress = progress;
	{
		int status = fn(argc, argv, &io);

		fwrite(ut_buf_str(&io.out), 1, io.out.len, stdout);
		fflush(stdout);
		fwrite(ut_buf_str(&io.errb), 1, io.errb.len, stderr);
		ut_cli_io_fini(&io);
		return status;
	}
}

static void
usage(FILE *f)
{
	fprintf(f,
		"utables %s: iptables/netfilter in userspace\n\n"
		"Usage: utables iptables|iptables-save|iptables-restore ARGS...\n"
		"       (or call the binary through a symlink of that name)\n"
		"       utables run --host HOST --rules RULES|--state --in IFACE=FILE.pcap"
		" [--in ...]\n"
		"                   [--local FILE.pcap] --out DIR [--json]\n"
		"       utables trace --host HOST --rules RULES|--state --in IFACE=FILE.pcap"
		" [...]\n"
		"                   [--packet N] [--filter BPF-EXPR]\n"
		"       utables host export | check FILE | show FILE |"
		" get FILE ADDR [from A] [iif DEV] [oif DEV] [tos T]\n"
		"       utables state check\n"
		"       utables --version | --help\n\n"
		"The iptables commands act on the rule-set state database $%s\n"
		"(default %s) instead of the kernel.\n",
		UT_VERSION, UT_STATE_ENV, UT_STATE_DEFAULT);
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
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("utables %s (iptables v%s (legacy) compatible)\n",
		       UT_VERSION, UT_IPT_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
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
	fprintf(stderr, "utables: unknown command `%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
