/* restore.c: the iptables-restore input format, read as iptables 1.8.9's
 * ip46tables_restore_main reads it: "*table" opens a table (flushed unless
 * --noflush), ":CHAIN POLICY [p:b]" declares chains, other lines are
 * iptables commands for that table, "COMMIT" checks the table as the
 * kernel would and installs it atomically. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define RESTORE_LINE_MAX 10240 /* iptables' fgets buffer */

void
ut_argv_store_fini(struct argv_store *s)
{
	for (int i = 0; i < s->n_pools; i++)
		free(s->pools[i]);
	free(s->pools);
	free(s->argv);
	memset(s, 0, sizeof(*s));
}

#define MAX_ARGC 255 /* iptables-restore's argv_store */

int
ut_argv_add(struct argv_store *s, const char *what)
{
	if (s->argc + 1 >= MAX_ARGC)
		return 1;
	if (s->argc + 2 > s->cap) {
		int cap = s->cap ? s->cap * 2 : 48;
		char **v = realloc(s->argv, (size_t)cap * sizeof(*v));
		if (!v)
			return -1;
		s->argv = v;
		s->cap = cap;
	}
	s->argv[s->argc] = (char *)what;
	s->argv[++s->argc] = NULL;
	return 0;
}

static int
argv_push(struct argv_store *s, const char *what, struct ut_err *err)
{
	int ret = ut_argv_add(s, what);

	if (ret > 0)
		return ut_err_set(err, UT_PARAMETER_PROBLEM,
				  "Parser cannot handle more arguments");
	if (ret < 0)
		return ut_err_set(err, UT_OTHER_PROBLEM, "can't alloc memory!");
	return 0;
}

/* argv_pool: a buffer for the words of a line of len bytes: the words
 * and their NULs never take more room than the line and one NUL. */
static char *
argv_pool(struct argv_store *s, size_t len)
{
	char **v = realloc(s->pools, (size_t)(s->n_pools + 1) * sizeof(*v));
	char *pool;

	if (!v)
		return NULL;
	s->pools = v;
	pool = malloc(len + 1);
	if (pool)
		s->pools[s->n_pools++] = pool;
	return pool;
}

int
ut_argv_split(struct argv_store *s, const char *p, struct ut_err *err)
{
	char *out = argv_pool(s, strlen(p)), *word;
	size_t len = 0;
	bool quote_open = false, escaped = false;

	if (!out)
		return ut_err_set(err, UT_OTHER_PROBLEM, "can't alloc memory!");
	word = out;
	for (; *p; p++) {
		if (!quote_open) {
			/* the common case: a run of plain characters */
			size_t run = strcspn(p, " \t\n\"");
			if (run) {
				if (len + run >= 1024) /* iptables' buffer */
					return ut_err_set(err,
						UT_PARAMETER_PROBLEM,
						"Parameter too long!");
				memcpy(word + len, p, run);
				len += run;
				p += run;
				if (!*p)
					break;
			}
		}
		if (quote_open) {
			if (escaped) {
				escaped = false;
			} else if (*p == '\\') {
				escaped = true;
				continue;
			} else if (*p == '"') {
				quote_open = false;
				goto separator;
			}
		} else if (*p == '"') {
			quote_open = true;
			continue;
		} else if (*p == ' ' || *p == '\t' || *p == '\n') {
			if (!len)
				continue;
			goto separator;
		}
		if (len + 1 >= 1024) /* iptables' parameter buffer */
			return ut_err_set(err, UT_PARAMETER_PROBLEM,
					  "Parameter too long!");
		word[len++] = *p;
		continue;
separator:
		/* a closing quote ends the word, like iptables' parser */
		word[len] = '\0';
		if (argv_push(s, word, err) < 0)
			return -1;
		word += len + 1;
		len = 0;
	}
	if (len) {
		word[len] = '\0';
		if (argv_push(s, word, err) < 0)
			return -1;
	}
	return 0;
}

struct restore_state {
	struct ut_ruleset *rs;
	const struct restore_opts *o;
	const char *prog;
	struct ut_buf *out, *warn;
	struct ut_err *err;
	struct ut_table *work;     /* the open table, NULL outside one */
	bool skip;                 /* -T: this table is not wanted */
	char curtable[UT_TABLE_MAXNAMELEN + 1];
	unsigned line;
};

static int
line_failed(struct restore_state *st)
{
	return ut_err_raw(st->err, UT_OTHER_PROBLEM, "%s: line %u failed\n",
			  st->prog, st->line);
}

/* delete_user_chains: the flushed table's user chains go, in one pass
 * (one by one would cost chains^2 moves of the array) */
static int
delete_user_chains(struct restore_state *st)
{
	struct ut_table *t = st->work;
	bool *doomed = calloc(t->n_chains + 1, sizeof(*doomed));

	if (!doomed)
		return ut_err_iptc(st->err, ENOMEM, NULL);
	for (size_t i = t->n_builtin; i < t->n_chains; i++) {
		if (st->o->verbose)
			ut_buf_printf(st->out, "Deleting chain `%s'\n",
				      t->chains[i]->name);
		doomed[i] = true;
	}
	ut_table_chains_del(t, doomed);
	free(doomed);
	return 0;
}

static int
open_table(struct restore_state *st, char *rest)
{
	const struct ut_table_desc *d;
	char *name = strtok(rest, " \t\n");

	if (!name)
		return ut_err_set(st->err, UT_PARAMETER_PROBLEM,
				  "%s: line %u table name invalid", st->prog,
				  st->line);
	snprintf(st->curtable, sizeof(st->curtable), "%s", name);
	st->skip = st->o->only_table && strcmp(st->o->only_table, name) != 0;
	if (st->skip)
		return 0;
	d = ut_table_desc_by_name(name);
	if (!d)
		return ut_err_set(st->err, UT_PARAMETER_PROBLEM,
				  "%s: unable to initialize table '%s'",
				  st->prog, name);
	ut_table_free(st->work);
	/* opening the table loads it (iptc_init), even for --test or when
	 * its COMMIT fails later */
	if (!ut_ruleset_table_get(st->rs, d->id) ||
	    !(st->work = ut_table_clone(st->rs->tables[d->id])))
		return ut_err_iptc(st->err, ENOMEM, NULL);
	if (!st->o->noflush) {
		for (size_t i = 0; i < st->work->n_chains; i++) {
			if (st->o->verbose)
				ut_buf_printf(st->out, "Flushing chain `%s'\n",
					      st->work->chains[i]->name);
			ut_chain_flush(st->work->chains[i]);
		}
		return delete_user_chains(st);
	}
	return 0;
}

static bool
parse_counters(const char *s, uint64_t *p, uint64_t *b)
{
	unsigned long long pc, bc;

	if (sscanf(s, "[%llu:%llu]", &pc, &bc) != 2)
		return false;
	*p = pc;
	*b = bc;
	return true;
}

static int
declare_chain(struct restore_state *st, char *rest)
{
	char *chain = strtok(rest, " \t\n"), *policy, *ctrs;
	struct ut_chain *c;
	uint64_t p = 0, b = 0;

	if (!chain)
		return ut_err_set(st->err, UT_PARAMETER_PROBLEM,
				  "%s: line %u chain name invalid", st->prog,
				  st->line);
	if (strlen(chain) >= 29)
		return ut_err_set(st->err, UT_PARAMETER_PROBLEM,
				  "Invalid chain name `%s' (%u chars max)",
				  chain, 28);
	c = ut_table_chain(st->work, chain);
	if (!c || c->hook < 0) {
		if (c && st->o->noflush) {
			ut_chain_flush(c);
		} else if (c || ut_ipt_is_standard_target(chain)) {
			return ut_err_set(st->err, UT_PARAMETER_PROBLEM,
					  "error creating chain '%s':%s",
					  chain, strerror(EEXIST));
		} else if (!ut_table_chain_add(st->work, chain)) {
			return ut_err_iptc(st->err, ENOMEM, NULL);
		}
	}
	policy = strtok(NULL, " \t\n");
	if (!policy)
		return ut_err_set(st->err, UT_PARAMETER_PROBLEM,
				  "%s: line %u policy invalid", st->prog,
				  st->line);
	if (strcmp(policy, "-") == 0)
		return 0;
	if (st->o->counters || st->o->state) {
		ctrs = strtok(NULL, " \t\n");
		if (!ctrs || !parse_counters(ctrs, &p, &b))
			return ut_err_set(st->err, UT_PARAMETER_PROBLEM,
					  "invalid policy counters for chain "
					  "'%s'", chain);
	}
	c = ut_table_chain(st->work, chain);
	if (!c || c->hook < 0 || (strcmp(policy, "ACCEPT") != 0 &&
				  strcmp(policy, "DROP") != 0)) {
		ut_err_set(st->err, UT_OTHER_PROBLEM, "Can't set policy `%s' "
			   "on `%s' line %u: %s", policy, chain, st->line,
			   !c || c->hook < 0 ? "Bad built-in chain name" :
			   "Bad policy name");
		return -1;
	}
	c->policy = strcmp(policy, "ACCEPT") == 0 ? UT_V_ACCEPT : UT_V_DROP;
	c->pcnt = p;
	c->bcnt = b;
	return 0;
}

/* counters_prefix: "[p:b] " before a rule (tokenize_rule_counters) */
static int
counters_prefix(struct restore_state *st, char **linep, char **pcnt,
		char **bcnt)
{
	char *buf = *linep, *end;

	*pcnt = *bcnt = NULL;
	if (buf[0] != '[')
		return 0;
	end = strchr(buf, ']');
	if (!end)
		return ut_err_set(st->err, UT_PARAMETER_PROBLEM,
				  "Bad line %u: need ]", st->line);
	*pcnt = strtok(buf + 1, ":");
	if (!*pcnt)
		return ut_err_set(st->err, UT_PARAMETER_PROBLEM,
				  "Bad line %u: need :", st->line);
	*bcnt = strtok(NULL, "]");
	if (!*bcnt)
		return ut_err_set(st->err, UT_PARAMETER_PROBLEM,
				  "Bad line %u: need ]", st->line);
	*linep = end + 1;
	return 0;
}

static int
rule_line(struct restore_state *st, char *buf)
{
	struct argv_store av = { 0 };
	struct ipt_cmd cmd;
	char *pcnt, *bcnt;
	int ret;

	memset(&cmd, 0, sizeof(cmd));
	ret = counters_prefix(st, &buf, &pcnt, &bcnt);
	if (ret < 0)
		return ret;
	if (ut_argv_add(&av, st->prog) != 0)
		goto oom;
	if ((st->o->counters || st->o->state) && pcnt && bcnt &&
	    (ut_argv_add(&av, "--set-counters") != 0 ||
	     ut_argv_add(&av, pcnt) != 0 || ut_argv_add(&av, bcnt) != 0))
		goto oom;
	ret = ut_argv_split(&av, buf, st->err);
	if (ret == 0)
		ret = ut_ipt_parse(av.argc, av.argv, true, st->curtable, &cmd,
				st->warn, st->err);
	if (ret == 0) {
		/* ut_ipt_parse refused any -t: cmd.table is this table */
		ret = ut_ipt_exec_table(st->work, &cmd, st->out, st->warn,
					st->err);
		if (ret < 0 && st->err->style == UT_ERRS_LIBIPTC)
			ret = line_failed(st);
	}
	ut_ipt_cmd_fini(&cmd);
	ut_argv_store_fini(&av);
	return ret;
oom:
	ut_argv_store_fini(&av);
	return ut_err_iptc(st->err, ENOMEM, NULL);
}

static int
commit_table(struct restore_state *st)
{
	if (ut_table_validate(st->work, st->err) < 0) {
		if (st->o->state)
			return -1;
		return line_failed(st);
	}
	if (!st->o->test) {
		struct ut_table *t = st->work;

		st->work = NULL;
		if (st->o->install)
			return st->o->install(st->o->install_ctx, t, st->err);
		ut_ruleset_table_replace(st->rs, t);
	}
	ut_table_free(st->work);
	st->work = NULL;
	return 0;
}

static int
restore_line(struct restore_state *st, char *buf, bool *in_table)
{
	if (buf[0] == '\n' || buf[0] == '\0')
		return 0;
	if (buf[0] == '#') {
		if (st->o->state && *in_table && !st->skip &&
		    strncmp(buf, "#@raw ", 6) == 0)
			return ut_store_raw_rule(st->work, buf, st->err);
		if (st->o->state && *in_table && !st->skip &&
		    strncmp(buf, "#@chain ", 8) == 0)
			return ut_store_raw_chain(st->work, buf, st->err);
		if (st->o->verbose)
			ut_buf_puts(st->out, buf);
		return 0;
	}
	if (*in_table && strcmp(buf, "COMMIT\n") == 0) {
		*in_table = false;
		return st->skip ? 0 : commit_table(st);
	}
	if (!*in_table && buf[0] == '*') {
		*in_table = true;
		return open_table(st, buf + 1);
	}
	if (!*in_table)
		return line_failed(st);
	if (st->skip)
		return 0;
	if (buf[0] == ':')
		return declare_chain(st, buf + 1);
	return rule_line(st, buf);
}

int
ut_restore_text(struct ut_ruleset *rs, const char *text, size_t len,
	     const struct restore_opts *o, const char *prog,
	     struct ut_buf *out, struct ut_buf *warn, struct ut_err *err)
{
	struct restore_state st = { .rs = rs, .o = o, .prog = prog,
				    .out = out, .warn = warn, .err = err };
	char buf[RESTORE_LINE_MAX];
	bool in_table = false;
	size_t pos = 0;
	int ret = 0;

	while (pos < len && ret == 0) {
		/* fgets semantics: at most sizeof(buf) - 1 bytes a line */
		size_t n = len - pos < sizeof(buf) - 1 ? len - pos :
			   sizeof(buf) - 1;
		const char *nl = memchr(text + pos, '\n', n);
		if (nl)
			n = (size_t)(nl - (text + pos)) + 1;
		memcpy(buf, text + pos, n);
		buf[n] = '\0';
		pos += n;
		st.line++;
		err->line = (int)st.line;
		ret = restore_line(&st, buf, &in_table);
	}
	if (ret == 0 && in_table) {
		ret = ut_err_raw(err, UT_OTHER_PROBLEM,
				 "%s: COMMIT expected at line %u\n", prog,
				 st.line + 1);
	}
	ut_table_free(st.work);
	if (ret == 0)
		err->line = 0;
	return ret < 0 ? -1 : 0;
}
