/* main.c: the utables front end. One binary that behaves as iptables,
 * iptables-save and iptables-restore when called by those names (symlink
 * or first argument), plus utables' own sub-commands. The only place that
 * writes to stdout/stderr and picks the exit status. */
#include <stdio.h>
#include <string.h>

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

static void
usage(FILE *f)
{
	fprintf(f,
		"utables %s: iptables/netfilter in userspace\n\n"
		"Usage: utables iptables|iptables-save|iptables-restore ARGS...\n"
		"       (or call the binary through a symlink of that name)\n"
		"       utables --version | --help\n\n"
		"The iptables commands act on the rule-set state file $%s\n"
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
	fprintf(stderr, "utables: unknown command `%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
