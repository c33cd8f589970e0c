/* unit_util.c: helpers the unit tests share. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "unit.h"

int ut_unit_skipped;
char ut_unit_skips[8][200];

void
unit_skip(const char *fmt, ...)
{
	va_list ap;

	if (ut_unit_skipped < 8) {
		va_start(ap, fmt);
		vsnprintf(ut_unit_skips[ut_unit_skipped],
			  sizeof ut_unit_skips[0], fmt, ap);
		va_end(ap);
	}
	ut_unit_skipped++;
}

size_t
unit_unhex(const char *s, uint8_t *out, size_t cap)
{
	size_t n = 0;

	for (; s[0] && s[1] && n < cap; s += 2) {
		char b[3] = { s[0], s[1], 0 };

		out[n++] = (uint8_t)strtoul(b, NULL, 16);
	}
	return n;
}

struct ut_rule *
unit_rule_build(struct ut_table *t, const char *chain, const char *text)
{
	struct argv_store av = { 0 };
	struct ipt_cmd cmd;
	struct ut_buf warn, line;
	struct ut_err err;
	struct ut_rule *r = NULL;

	memset(&cmd, 0, sizeof(cmd));
	ut_buf_init(&warn);
	ut_buf_init(&line);
	ut_err_clear(&err);
	ut_buf_printf(&line, "-A %s %s", chain, text);
	if (ut_argv_add(&av, "iptables") == 0 &&
	    ut_argv_split(&av, ut_buf_str(&line), &err) == 0 &&
	    ut_ipt_parse(av.argc, av.argv, true, t->name, &cmd, &warn,
			 &err) == 0)
		r = ut_ipt_build_rule(t, &cmd, &warn, &err);
	CHECK(r != NULL, "rule `%s': %s", text, err.msg);
	ut_ipt_cmd_fini(&cmd);
	ut_argv_store_fini(&av);
	ut_buf_fini(&line);
	ut_buf_fini(&warn);
	return r;
}
