/* exec.c: run a parsed iptables command on the rule set, as iptables
 * 1.8.9's do_command4 does through libiptc, then check the changed table
 * the way the kernel does when libiptc commits it. Error texts and errno
 * choices are libiptc's (iptc_strerror). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static bool
is_verdict_name(const char *name, enum ut_verdict_kind *v)
{
	static const struct { const char *n; enum ut_verdict_kind v; } t[] = {
		{"ACCEPT", UT_V_ACCEPT}, {"DROP", UT_V_DROP},
		{"QUEUE", UT_V_QUEUE}, {"RETURN", UT_V_RETURN},
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(name, t[i].n) == 0) {
			*v = t[i].v;
			return true;
		}
	return false;
}

/* resolve_target: turn cmd->jumpto into the rule's verdict. */
static int
resolve_target(struct ut_table *t, struct ipt_cmd *cmd, struct ut_buf *warn,
	       struct ut_err *err)
{
	struct ut_rule *r = cmd->rule;
	struct ut_chain *c = cmd->jumpto[0] ? ut_table_chain(t, cmd->jumpto) :
			     NULL;

	if (cmd->target_is_ext && c) {
		ut_buf_printf(warn, "Warning: using chain %s, not extension\n",
			      cmd->jumpto);
		free(r->target.data);
		r->target.data = NULL;
		r->target.ext = NULL;
		cmd->target_is_ext = false;
	}
	if (cmd->target_is_ext) {
		r->verdict = UT_V_EXT;
		return 0;
	}
	if (cmd->jumpto[0] == '\0') {
		r->verdict = UT_V_NONE;
		return 0;
	}
	if (!cmd->goto_set && is_verdict_name(cmd->jumpto, &r->verdict))
		return 0;
	if (c) {
		if (c->hook >= 0)
			return ut_err_iptc(err, EINVAL, NULL);
		r->verdict = cmd->goto_set ? UT_V_GOTO : UT_V_JUMP;
		r->chain = c;
		return 0;
	}
	if (cmd->goto_set)
		return ut_err_set(err, UT_PARAMETER_PROBLEM,
				  "goto '%s' is not a chain", cmd->jumpto);
	return ut_err_set(err, UT_PARAMETER_PROBLEM, "Couldn't load target "
			  "`%s':No such file or directory\n", cmd->jumpto);
}

struct ut_rule *
ut_ipt_build_rule(struct ut_table *t, struct ipt_cmd *cmd, struct ut_buf *warn,
	       struct ut_err *err)
{
	struct ut_rule *r;

	if (resolve_target(t, cmd, warn, err) < 0)
		return NULL;
	r = ut_rule_clone(cmd->rule);
	if (!r) {
		ut_err_iptc(err, ENOMEM, NULL);
		return NULL;
	}
	r->ip.src = cmd->saddrs[0];
	r->ip.smsk = cmd->smasks[0];
	r->ip.dst = cmd->daddrs[0];
	r->ip.dmsk = cmd->dmasks[0];
	return r;
}

/* rule_for: the template with the i-th/j-th addresses: the template
 * itself when it is the only rule the command makes (no copy: restore of
 * a large file appends one rule a line), a copy otherwise. */
static struct ut_rule *
rule_for(struct ipt_cmd *cmd, unsigned i, unsigned j)
{
	bool only = cmd->nsaddrs == 1 && cmd->ndaddrs == 1 &&
		    (cmd->command & (CMD_APPEND | CMD_INSERT | CMD_REPLACE));
	struct ut_rule *r = only ? cmd->rule : ut_rule_clone(cmd->rule);

	if (only)
		cmd->rule = NULL;

	if (!r)
		return NULL;
	r->ip.src = cmd->saddrs[i];
	r->ip.smsk = cmd->smasks[i];
	r->ip.dst = cmd->daddrs[j];
	r->ip.dmsk = cmd->dmasks[j];
	return r;
}

static ssize_t
chain_find_rule(const struct ut_chain *c, const struct ut_rule *r)
{
	for (size_t i = 0; i < c->n_rules; i++)
		if (ut_rule_equal(c->rules[i], r))
			return (ssize_t)i;
	return -1;
}

/* rule_cmd: -A -I -D -C -R over every source x destination pair. */
static int
rule_cmd(struct ut_table *t, struct ut_chain *c, struct ipt_cmd *cmd,
	 struct ut_buf *out, struct ut_buf *warn, struct ut_err *err)
{
	for (unsigned i = 0; i < cmd->nsaddrs; i++)
		for (unsigned j = 0; j < cmd->ndaddrs; j++) {
			struct ut_rule *r = rule_for(cmd, i, j);
			ssize_t pos;
			if (!r)
				return ut_err_iptc(err, ENOMEM, NULL);
			if (cmd->options & OPT_VERBOSE)
				ut_print_firewall(r, NULL, 0, FMT_PRINT_RULE, out,
					       warn);
			switch (cmd->command) {
			case CMD_APPEND:
			case CMD_INSERT:
				pos = cmd->command == CMD_APPEND ?
				      (ssize_t)c->n_rules :
				      (ssize_t)cmd->rulenum - 1;
				if (ut_chain_insert(c, (size_t)pos, r) < 0) {
					ut_rule_free(r);
					return ut_err_iptc(err, ENOMEM, NULL);
				}
				break;
			case CMD_REPLACE:
				ut_chain_replace(c, cmd->rulenum - 1, r);
				break;
			default: /* DELETE, CHECK */
				pos = chain_find_rule(c, r);
				ut_rule_free(r);
				if (pos < 0)
					return ut_err_iptc(err, ENOENT,
						"Bad rule (does a matching rule "
						"exist in that chain?)");
				if (cmd->command == CMD_DELETE)
					ut_chain_delete(c, (size_t)pos);
			}
		}
	(void)t;
	return 0;
}

/* chain_deletable: may -X delete c? false with err set if not. */
static bool
chain_deletable(const struct ut_chain *c, struct ipt_cmd *cmd,
		struct ut_buf *out, struct ut_err *err)
{
	if (cmd->options & OPT_VERBOSE)
		ut_buf_printf(out, "Deleting chain `%s'\n", c->name);
	if (c->hook >= 0)
		ut_err_iptc(err, EINVAL, NULL);
	else if (c->refs)
		ut_err_iptc(err, EMLINK, NULL);
	else if (c->n_rules)
		ut_err_iptc(err, ENOTEMPTY, NULL);
	else
		return true;
	return false;
}

static int
delete_chains(struct ut_table *t, struct ipt_cmd *cmd, struct ut_buf *out,
	      struct ut_err *err)
{
	struct ut_chain *c;
	bool *doomed;
	int ret = 0;

	if (cmd->chain) {
		c = ut_table_chain(t, cmd->chain);
		if (!c)
			return ut_err_iptc(err, ENOENT, NULL);
		if (!chain_deletable(c, cmd, out, err))
			return -1;
		ut_table_chain_del(t, c);
		return 0;
	}
	/* like for_each_chain: try every user chain, fail if any failed.
	 * Deleting one chain changes no other's refs or rules, so each is
	 * judged alone and the doomed ones go in one pass at the end. */
	doomed = calloc(t->n_chains + 1, sizeof(*doomed));
	if (!doomed)
		return ut_err_iptc(err, ENOMEM, NULL);
	for (size_t i = t->n_builtin; i < t->n_chains; i++) {
		if (chain_deletable(t->chains[i], cmd, out, err))
			doomed[i] = true;
		else
			ret = -1;
	}
	ut_table_chains_del(t, doomed);
	free(doomed);
	return ret;
}

static void
flush_or_zero(struct ut_table *t, struct ut_chain *only, bool zero,
	      bool verbose, struct ut_buf *out)
{
	for (size_t i = 0; i < t->n_chains; i++) {
		struct ut_chain *c = t->chains[i];
		if (only && c != only)
			continue;
		if (verbose)
			ut_buf_printf(out, "%s chain `%s'\n",
				      zero ? "Zeroing" : "Flushing", c->name);
		if (zero)
			ut_chain_zero(c);
		else
			ut_chain_flush(c);
	}
}

static int
rename_chain(struct ut_table *t, struct ipt_cmd *cmd, struct ut_err *err)
{
	struct ut_chain *c;

	if (ut_table_chain(t, cmd->newname) ||
	    ut_ipt_is_standard_target(cmd->newname))
		return ut_err_iptc(err, EEXIST, NULL);
	c = ut_table_chain(t, cmd->chain);
	if (!c || c->hook >= 0)
		return ut_err_iptc(err, ENOENT, NULL);
	if (strlen(cmd->newname) > UT_CHAIN_MAXNAMELEN - 1)
		return ut_err_iptc(err, EINVAL, NULL);
	ut_table_chain_rename(t, c, cmd->newname);
	return 0;
}

static int
set_policy(struct ut_table *t, struct ipt_cmd *cmd, struct ut_err *err)
{
	struct ut_chain *c = ut_table_chain(t, cmd->chain);

	if (!c || c->hook < 0)
		return ut_err_iptc(err, ENOENT, "Bad built-in chain name");
	if (strcmp(cmd->policy, "ACCEPT") == 0)
		c->policy = UT_V_ACCEPT;
	else if (strcmp(cmd->policy, "DROP") == 0)
		c->policy = UT_V_DROP;
	else
		return ut_err_iptc(err, EINVAL, "Bad policy name");
	if (cmd->options & OPT_COUNTERS) {
		c->pcnt = cmd->rule->pcnt;
		c->bcnt = cmd->rule->bcnt;
	}
	return 0;
}

static int
new_chain(struct ut_table *t, struct ipt_cmd *cmd, struct ut_err *err)
{
	if (ut_table_chain(t, cmd->chain) || ut_ipt_is_standard_target(cmd->chain))
		return ut_err_iptc(err, EEXIST, "Chain already exists");
	if (strlen(cmd->chain) > UT_CHAIN_MAXNAMELEN - 1)
		return ut_err_iptc(err, EINVAL, NULL);
	if (!ut_table_chain_add(t, cmd->chain))
		return ut_err_iptc(err, ENOMEM, NULL);
	return 0;
}

/* numbered_rule: rule rulenum (1-based) of c exists; libiptc's errors
 * otherwise, too_big naming the command */
static int
numbered_rule(const struct ut_chain *c, unsigned rulenum, const char *too_big,
	      struct ut_err *err)
{
	if (!c)
		return ut_err_iptc(err, ENOENT, NULL);
	if (rulenum > c->n_rules)
		return ut_err_iptc(err, E2BIG, too_big);
	return 0;
}

/* zero_rule: the counters of rule rulenum (1-based) of c */
static void
zero_rule(struct ut_chain *c, unsigned rulenum)
{
	c->rules[rulenum - 1]->pcnt = 0;
	c->rules[rulenum - 1]->bcnt = 0;
}

/* list_cmd: -L/-S, then -Z if combined. */
static int
list_cmd(struct ut_table *t, struct ipt_cmd *cmd, struct ut_buf *out,
	 struct ut_buf *warn, struct ut_err *err, bool *changed)
{
	unsigned format = FMT_OPTIONS;
	bool found;
	struct ut_chain *c = NULL;

	if (cmd->command & CMD_LIST) {
		if (!(cmd->options & OPT_VERBOSE))
			format |= FMT_NOCOUNTS;
		else
			format |= FMT_VIA;
		if (cmd->options & OPT_NUMERIC)
			format |= FMT_NUMERIC;
		if (!(cmd->options & OPT_EXPANDED))
			format |= FMT_KILOMEGAGIGA;
		if (cmd->options & OPT_LINENUMBERS)
			format |= FMT_LINENUMBERS;
		found = ut_print_list(t, cmd->chain, cmd->rulenum, format, out,
				   warn);
	} else {
		found = ut_print_rules(t, cmd->chain, cmd->rulenum,
				    cmd->options & OPT_VERBOSE, out, warn);
	}
	if (!found)
		return ut_err_iptc(err, ENOENT, NULL);
	if (cmd->chain)
		c = ut_table_chain(t, cmd->chain);
	if (cmd->command & CMD_ZERO) {
		flush_or_zero(t, c, true, cmd->options & OPT_VERBOSE, out);
		*changed = true;
	}
	if (cmd->command & CMD_ZERO_NUM) {
		if (!c || cmd->rulenum > c->n_rules)
			return ut_err_iptc(err, E2BIG,
					   "Index of counter too big");
		zero_rule(c, cmd->rulenum);
		*changed = true;
	}
	return 0;
}

/* exec_on_table: the switch of do_command4; *changed when t changed. */
static int
exec_on_table(struct ut_table *t, struct ipt_cmd *cmd, struct ut_buf *out,
	      struct ut_buf *warn, struct ut_err *err, bool *changed)
{
	struct ut_chain *c = cmd->chain ? ut_table_chain(t, cmd->chain) : NULL;
	unsigned rule_cmds = CMD_APPEND | CMD_DELETE | CMD_CHECK |
			     CMD_INSERT | CMD_REPLACE;

	*changed = !(cmd->command & (CMD_CHECK | CMD_LIST | CMD_LIST_RULES));
	if (cmd->command & rule_cmds) {
		if (resolve_target(t, cmd, warn, err) < 0)
			return -1;
		if (!c)
			return ut_err_iptc(err, ENOENT, NULL);
		if (cmd->command == CMD_INSERT && cmd->rulenum - 1 > c->n_rules)
			return ut_err_iptc(err, E2BIG,
					   "Index of insertion too big");
		if (cmd->command == CMD_REPLACE && cmd->rulenum > c->n_rules)
			return ut_err_iptc(err, E2BIG,
					   "Index of replacement too big");
		return rule_cmd(t, c, cmd, out, warn, err);
	}
	switch (cmd->command) {
	case CMD_DELETE_NUM:
		if (numbered_rule(c, cmd->rulenum, "Index of deletion too big",
				  err) < 0)
			return -1;
		ut_chain_delete(c, cmd->rulenum - 1);
		return 0;
	case CMD_FLUSH:
	case CMD_ZERO:
		if (cmd->chain && !c)
			return ut_err_iptc(err, ENOENT, NULL);
		flush_or_zero(t, c, cmd->command == CMD_ZERO,
			      cmd->options & OPT_VERBOSE, out);
		return 0;
	case CMD_ZERO_NUM:
		if (numbered_rule(c, cmd->rulenum, "Index of counter too big",
				  err) < 0)
			return -1;
		zero_rule(c, cmd->rulenum);
		return 0;
	case CMD_NEW_CHAIN:
		return new_chain(t, cmd, err);
	case CMD_DELETE_CHAIN:
		return delete_chains(t, cmd, out, err);
	case CMD_RENAME_CHAIN:
		return rename_chain(t, cmd, err);
	case CMD_SET_POLICY:
		return set_policy(t, cmd, err);
	default:
		return list_cmd(t, cmd, out, warn, err, changed);
	}
}

int
ut_ipt_exec_table(struct ut_table *t, struct ipt_cmd *cmd, struct ut_buf *out,
	       struct ut_buf *warn, struct ut_err *err)
{
	bool changed;

	return exec_on_table(t, cmd, out, warn, err, &changed) < 0 ? -1 : 0;
}

/* exec_checked: cmd on t in place, with the commit check if it changed */
static int
exec_checked(struct ut_table *t, struct ipt_cmd *cmd, struct ut_buf *out,
	     struct ut_buf *warn, struct ut_err *err, bool *changed)
{
	if (exec_on_table(t, cmd, out, warn, err, changed) < 0 ||
	    (*changed && ut_table_validate(t, err) < 0))
		return -1;
	return 0;
}

/* table_of: the table cmd names, made if rs has none */
static struct ut_table *
table_of(struct ut_ruleset *rs, const struct ipt_cmd *cmd, struct ut_err *err)
{
	const struct ut_table_desc *d = ut_table_desc_by_name(cmd->table);
	struct ut_table *t;

	if (!d) {
		ut_err_set(err, UT_VERSION_PROBLEM, "can't initialize iptables "
			   "table `%s': Table does not exist (do you need to "
			   "insmod?)", cmd->table);
		return NULL;
	}
	t = ut_ruleset_table_get(rs, d->id);
	if (!t)
		ut_err_iptc(err, ENOMEM, NULL);
	return t;
}

int
ut_ipt_exec_work(struct ut_ruleset *rs, struct ipt_cmd *cmd,
		 struct ut_buf *out, struct ut_buf *warn, struct ut_err *err,
		 struct ut_table **changed)
{
	struct ut_table *t = table_of(rs, cmd, err);
	bool any = false;

	*changed = NULL;
	if (!t || exec_checked(t, cmd, out, warn, err, &any) < 0)
		return -1;
	if (any)
		*changed = t;
	return 0;
}

int
ut_ipt_exec(struct ut_ruleset *rs, struct ipt_cmd *cmd, struct ut_buf *out,
	 struct ut_buf *warn, struct ut_err *err)
{
	struct ut_table *t = table_of(rs, cmd, err), *work;
	bool any = false;

	if (!t)
		return -1;
	/* work on a copy: a failing command leaves the table untouched */
	work = ut_table_clone(t);
	if (!work)
		return ut_err_iptc(err, ENOMEM, NULL);
	if (exec_checked(work, cmd, out, warn, err, &any) < 0) {
		ut_table_free(work);
		return -1;
	}
	if (any)
		ut_ruleset_table_replace(rs, work);
	else
		ut_table_free(work);
	return 0;
}
