/* fuzz_argv.c: libFuzzer target for the iptables command line.
 *
 * Input format: up to 8 commands separated by NUL bytes; within a command
 * the arguments are separated by newlines (an empty line is an empty
 * argument), at most 64 of them; "iptables" is put in front as argv[0].
 * Each command goes through ut_ipt_parse() and, if it parses, ut_ipt_exec() on
 * one in-memory rule set shared by the commands of the input (so -N then
 * -A ... -j CHAIN, -E, -X, -D, -L... see real state). No file I/O, no
 * state store. After each command the rule set must survive the
 * state-store round trip (fuzz_common.h). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "fuzz_common.h"

#define MAX_CMDS 8
#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
run_one(struct ut_ruleset *rs, const char *p, size_t n)
{
	char *argv[MAX_ARGS + 2];
	int argc = 0;
	struct ipt_cmd cmd;
	struct ut_buf out, warn;
	struct ut_err err;
	size_t i = 0;

	argv[argc++] = strdup("iptables");
	while (argc < MAX_ARGS + 1) {
		size_t j = i;
		while (j < n && p[j] != '\n')
			j++;
		argv[argc++] = strndup(p + i, j - i);
		if (j >= n)
			break;
		i = j + 1;
	}
	argv[argc] = NULL;
	/* ut_ipt_parse may permute argv (getopt); keep the pointers to free */
	char *owned[MAX_ARGS + 2];
	memcpy(owned, argv, sizeof(owned));

	ut_buf_init(&out);
	ut_buf_init(&warn);
	ut_err_clear(&err);
	if (ut_ipt_parse(argc, argv, false, "filter", &cmd, &warn, &err) == 0 &&
	    !cmd.help && !cmd.version) {
		if (ut_ipt_exec(rs, &cmd, &out, &warn, &err) == 0)
			fuzz_check_roundtrip(rs);
	}
	ut_ipt_cmd_fini(&cmd);
	ut_buf_fini(&out);
	ut_buf_fini(&warn);
	for (int k = 0; k < argc; k++)
		free(owned[k]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	struct ut_ruleset *rs;
	size_t i = 0;
	int ncmd = 0;

	if (size > 1 << 14)
		return -1;
	rs = ut_ruleset_new();
	if (!rs)
		return 0;
	while (i <= size && ncmd < MAX_CMDS) {
		size_t j = i;
		while (j < size && p[j] != '\0')
			j++;
		run_one(rs, p + i, j - i);
		ncmd++;
		i = j + 1;
	}
	ut_ruleset_free(rs);
	return 0;
}
