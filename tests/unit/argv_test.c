/* argv_test.c: the iptables-restore word splitter (quotes, escapes). */
#include "cli/cli.h"
#include "unit.h"

void
test_argv(void)
{
	static const struct {
		const char *line;
		int argc;
		const char *words[4];
	} cases[] = {
		{ "-A INPUT -j ACCEPT\n", 4, { "-A", "INPUT", "-j", "ACCEPT" } },
		{ "--comment \"a b\"", 2, { "--comment", "a b" } },
		{ "\"\" x", 2, { "", "x" } },
		{ "\"a\\\"b\"", 1, { "a\"b" } },
		{ "'a b'", 2, { "'a", "b'" } },         /* single quotes kept */
		{ "a\\b", 1, { "a\\b" } },              /* no escape outside "" */
		{ "\"ab\"cd", 2, { "ab", "cd" } },      /* quote ends a word */
		{ "  \t x  ", 1, { "x" } },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct argv_store s = { 0 };
		struct ut_err err;

		ut_err_clear(&err);
		CHECK(ut_argv_split(&s, cases[i].line, &err) == 0, "case %zu", i);
		CHECK(s.argc == cases[i].argc, "case %zu argc %d", i, s.argc);
		for (int j = 0; j < s.argc && j < cases[i].argc; j++)
			CHECK_STR(s.argv[j], cases[i].words[j], "case %zu word %d",
				  i, j);
		ut_argv_store_fini(&s);
	}
}
