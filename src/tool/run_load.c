/* run_load.c: the HOST and RULES files of `utables run`, `utables trace`
 * and `utables host`: read whole, parsed, every error naming the file
 * (and line). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool/tool.h"
#include "host/host.h"


/* read_file: the whole file, NUL-terminated; NULL with err naming it */
static char *
read_file(const char *path, size_t *len, struct ut_err *err)
{
	/* "-": standard input (`--rules -`) */
	bool std_in = strcmp(path, "-") == 0;
	FILE *f = std_in ? stdin : fopen(path, "rb");
	char *text;

	if (!f) {
		ut_err_set(err, 2, "%s: %s", path, strerror(errno));
		return NULL;
	}
	text = ut_read_all(f, len);
	if (!text) {
		ut_err_set(err, 2, "%s: out of memory", path);
	} else if (ferror(f)) {
		ut_err_set(err, 2, "%s: %s", path, strerror(errno));
		free(text);
		text = NULL;
	}
	if (!std_in)
		fclose(f);
	return text;
}

struct ut_host *
ut_tool_load_host(const char *path, struct ut_err *err)
{
	size_t len;
	char *text = read_file(path, &len, err);
	struct ut_host *h = NULL;

	if (!text)
		return NULL;
	if (memchr(text, '\0', len)) {
		ut_err_set(err, UT_PARAMETER_PROBLEM, "%s: cannot read (or "
			   "not a text file)", path);
	} else if (!(h = ut_host_new())) {
		ut_err_set(err, UT_RESOURCE_PROBLEM, "out of memory");
	} else if (ut_host_parse(h, text, path, err) < 0) {
		ut_host_free(h);
		h = NULL;
	}
	free(text);
	return h;
}


/* a line of a shell-style rules file: words with the shell's quoting
 * (single quotes literal, double quotes with \ escapes, \ outside). No
 * expansions: a `$` or backquote outside single quotes is an error, not
 * a literal the shell would have expanded differently. */
static int
shell_split(const char *line, struct ut_buf *pool, size_t *offs, int *n,
	    int max, struct ut_err *err)
{
	const char *s = line;

	*n = 0;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#')
			return 0;
		if (*n == max)
			return ut_err_set(err, 2, "too many words");
		offs[(*n)++] = pool->len;
		while (*s && *s != ' ' && *s != '\t') {
			if (*s == '\'') {
				const char *e = strchr(s + 1, '\'');

				if (!e)
					return ut_err_set(err, 2, "unterminated"
							  " quote");
				ut_buf_write(pool, s + 1, (size_t)(e - s - 1));
				s = e + 1;
			} else if (*s == '"') {
				for (s++; *s && *s != '"'; s++) {
					if (*s == '$' || *s == '`')
						return ut_err_set(err, 2,
							"shell expansions are "
							"not supported");
					if (*s == '\\' && s[1] &&
					    strchr("\"\\$`", s[1]))
						s++;
					ut_buf_putc(pool, *s);
				}
				if (*s != '"')
					return ut_err_set(err, 2, "unterminated"
							  " quote");
				s++;
			} else if (*s == '$' || *s == '`' || *s == ';' ||
				   *s == '|' || *s == '&' || *s == '>' ||
				   *s == '<') {
				return ut_err_set(err, 2, "shell syntax `%c' "
						  "is not supported", *s);
			} else {
				if (*s == '\\' && s[1])
					s++;
				ut_buf_putc(pool, *s++);
			}
		}
		ut_buf_putc(pool, 0);
	}
}

static bool
is_iptables_word(const char *w)
{
	const char *base = strrchr(w, '/');

	base = base ? base + 1 : w;
	return strcmp(base, "iptables") == 0 ||
	       strcmp(base, "iptables-legacy") == 0;
}

/* one shell command (its continuation lines joined) on the rule set;
 * errors name the line the command starts on */
static int
shell_command(struct ut_ruleset *rs, const char *path, unsigned long lineno,
	      const char *line, struct ut_buf *warn, struct ut_err *err)
{
	size_t offs[256];
	char *argv[257];
	struct ut_buf pool, out;
	struct ipt_cmd cmd;
	int n, ret;

	ut_buf_init(&pool);
	ut_buf_init(&out);
	ret = shell_split(line, &pool, offs, &n, 256, err);
	if (ret == 0 && n > 0 && !is_iptables_word(ut_buf_str(&pool)))
		ret = ut_err_set(err, 2, "only iptables commands are "
				 "supported, not `%s'", ut_buf_str(&pool));
	if (ret == 0 && n > 0) {
		for (int i = 0; i < n; i++)
			argv[i] = (char *)ut_buf_str(&pool) + offs[i];
		argv[n] = NULL;
		ret = ut_ipt_parse(n, argv, false, "filter", &cmd, warn, err);
		if (ret == 0)
			ret = ut_ipt_exec(rs, &cmd, &out, warn, err);
		ut_ipt_cmd_fini(&cmd);
		if (ret < 0) {
			struct ut_buf msg;

			ut_buf_init(&msg);
			ut_err_format(err, "iptables", &msg);
			ut_err_raw(err, 2, "%s:%lu: %s", path, lineno,
				   ut_buf_str(&msg));
			ut_buf_fini(&msg);
		}
	} else if (ret < 0) {
		char msg[UT_ERR_MSG_MAX];

		snprintf(msg, sizeof(msg), "%s", err->msg);
		ut_err_set(err, 2, "%s:%lu: %s", path, lineno, msg);
	}
	ut_buf_fini(&pool);
	ut_buf_fini(&out);
	return ret < 0 ? -1 : 0;
}

/* shell-style rules: `iptables ...` lines, comments and blank lines;
 * a `\` ending a line joins the next one to it as sh does (the two
 * characters vanish), also on the last line, where the command still
 * runs (as bash runs it). Each command runs on the rule set in order,
 * with iptables' checks at every command as the kernel does on each. */
static int
load_shell_rules(struct ut_ruleset *rs, const char *path, const char *text,
		 size_t len, struct ut_buf *warn, struct ut_err *err)
{
	const char *s = text, *end = text + len;
	unsigned long lineno = 0, first = 0;
	struct ut_buf joined;
	int ret = 0;

	ut_buf_init(&joined);
	while (ret == 0 && s < end) {
		const char *line = s, *nl = memchr(s, '\n', (size_t)(end - s));
		size_t l = nl ? (size_t)(nl - s) : (size_t)(end - s);

		s = nl ? nl + 1 : end;
		if (!first)
			first = lineno + 1;
		lineno++;
		if (l && line[l - 1] == '\r')
			l--;
		if (l && line[l - 1] == '\\') {
			ut_buf_write(&joined, line, l - 1);
			continue;
		}
		ut_buf_write(&joined, line, l);
		ret = shell_command(rs, path, first, ut_buf_str(&joined), warn,
				    err);
		ut_buf_reset(&joined);
		first = 0;
	}
	if (ret == 0 && first)
		ret = shell_command(rs, path, first, ut_buf_str(&joined), warn,
				    err);
	ut_buf_fini(&joined);
	return ret;
}

static bool
is_restore_format(const char *text)
{
	const char *s = text;

	while (*s) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '*')
			return true;
		if (*s && *s != '#' && *s != '\n' && *s != '\r')
			return false;
		s = strchr(s, '\n');
		if (!s)
			break;
		s++;
	}
	return false;
}

/* a NUL byte would end the text early (C strings) and the commands
 * after it would be lost without a word: refused, as HOST refuses it */
static int
nul_error(const char *path, const char *text, size_t len, struct ut_err *err)
{
	const char *nul = memchr(text, '\0', len);
	unsigned long lineno = 1;

	for (const char *s = text; s < nul; s++)
		lineno += *s == '\n';
	return ut_err_set(err, 2, "%s:%lu: a NUL byte (not a text file)",
			  path, lineno);
}

struct ut_ruleset *
ut_tool_load_rules(const char *path, struct ut_buf *warn, struct ut_err *err)
{
	/* as iptables-restore without -c: a saved file's counters start at 0 */
	struct restore_opts o = { .counters = false };
	struct ut_ruleset *rs = ut_ruleset_new();
	struct ut_buf out;
	size_t len;
	char *text = read_file(path, &len, err);
	int r;

	if (!text || !rs) {
		free(text);
		ut_ruleset_free(rs);
		if (text)
			ut_err_set(err, 2, "%s: out of memory", path);
		return NULL;
	}
	ut_buf_init(&out);
	if (memchr(text, '\0', len)) {
		r = nul_error(path, text, len, err);
	} else if (is_restore_format(text)) {
		r = ut_restore_text(rs, text, len, &o, "iptables-restore", &out,
				    warn, err);
		if (r < 0) {
			struct ut_buf msg;

			ut_buf_init(&msg);
			ut_err_format(err, "iptables-restore", &msg);
			ut_err_raw(err, 2, "%s: %s", path, ut_buf_str(&msg));
			ut_buf_fini(&msg);
		}
	} else {
		r = load_shell_rules(rs, path, text, len, warn, err);
	}
	ut_buf_fini(&out);
	free(text);
	if (r < 0) {
		ut_ruleset_free(rs);
		return NULL;
	}
	return rs;
}

struct ut_ruleset *
ut_tool_state_rules(const struct ut_cli_io *io, struct ut_err *err)
{
	struct ut_store st;
	struct ut_ruleset *rs = NULL;

	if (ut_store_open_read(&st, io, err) == 0) {
		rs = st.rs;
		st.rs = NULL;
	}
	ut_store_close(&st);
	return rs;
}
