/* exec_store.c: -A, -I N, -R N, -D N, -D by spec and -C on the state
 * database's rows, without loading the chain's rules: positions are the
 * rows' keys, the chain's hooks come from the table's graph (the rules
 * that jump, indexed), and only the command's rule is built, checked and
 * written. The same errors, in the same order, as exec.c's
 * exec_on_table and the commit check. A command this cannot take (the
 * rule jumps to a chain, which changes the hooks of other rules; several
 * addresses; a table not stored yet; no key left between two rules)
 * goes to the general path, having written nothing. */
#include <errno.h>

#include "cli/cli.h"
#include "store/db.h"

enum { NOT_HERE = 1 };

/* rule_shaped: a command on one rule of one chain that jumps to no chain
 * (a name that could be a chain is checked once the chains are known) */
static bool
rule_shaped(const struct ipt_cmd *cmd)
{
	unsigned ours = CMD_APPEND | CMD_INSERT | CMD_REPLACE | CMD_DELETE |
			CMD_DELETE_NUM | CMD_CHECK;
	const char *j = cmd->jumpto ? cmd->jumpto : "";

	if (!cmd->chain || !cmd->command || (cmd->command & ~ours) ||
	    (cmd->command & (cmd->command - 1)))
		return false;
	if (cmd->command == CMD_DELETE_NUM)
		return true;
	if (cmd->nsaddrs != 1 || cmd->ndaddrs != 1)
		return false;
	return !*j || cmd->target_is_ext ||
	       (!cmd->goto_set && ut_ipt_is_standard_target(j));
}

/* nth_key: the key of rule n (1-based) of c; E2BIG with too_big if c
 * has fewer */
static int
nth_key(struct ut_db *db, const struct ut_chain *c, unsigned n,
	const char *too_big, int64_t *pos, struct ut_err *err)
{
	int ret = ut_db_rule_nth(db, c, n - 1, pos, err);

	return ret > 0 ? ut_err_iptc(err, E2BIG, too_big) : ret;
}

/* insert_keys: the keys around the place of -I N (0: none) */
static int
insert_keys(struct ut_db *db, const struct ut_chain *c, unsigned n,
	    int64_t *lo, int64_t *hi, struct ut_err *err)
{
	int ret;

	*lo = 0;
	if (n > 1 && nth_key(db, c, n - 1, "Index of insertion too big", lo,
			     err) < 0)
		return -1;
	ret = ut_db_rule_nth(db, c, n - 1, hi, err);
	return ret < 0 ? -1 : 0;
}

/* change_rule: r (taken) into c at the place cmd names, after the
 * kernel's check of r in c's hooks; NOT_HERE if no key is left there */
static int
change_rule(struct ut_db *db, const struct ut_table *t, struct ut_chain *c,
	    const struct ipt_cmd *cmd, struct ut_rule *r, int64_t lo,
	    int64_t hi, struct ut_err *err)
{
	int ret;

	if (ut_table_check_rule(t, c, r, err) < 0)
		ret = -1;
	else if (cmd->command == CMD_REPLACE)
		ret = ut_db_rule_replace(db, c, lo, r, err);
	else
		ret = ut_db_rule_put(db, c, r, lo, hi, err);
	ut_rule_free(r);
	return ret;
}

/* where: the keys a rule command needs before it prints anything
 * (-A: the last; -I: the two around; -R: the replaced one) */
static int
where(struct ut_db *db, const struct ut_chain *c, const struct ipt_cmd *cmd,
      int64_t *lo, int64_t *hi, struct ut_err *err)
{
	*lo = *hi = 0;
	switch (cmd->command) {
	case CMD_APPEND:
		return ut_db_rule_last(db, c, lo, err);
	case CMD_INSERT:
		return insert_keys(db, c, cmd->rulenum, lo, hi, err);
	case CMD_REPLACE:
		return nth_key(db, c, cmd->rulenum,
			       "Index of replacement too big", lo, err);
	default:
		return 0;
	}
}

/* rule_cmd: the command's one rule r (taken) on chain c */
static int
rule_cmd(struct ut_db *db, const struct ut_table *t, struct ut_chain *c,
	 struct ipt_cmd *cmd, struct ut_rule *r, struct ut_buf *out,
	 struct ut_buf *warn, struct ut_err *err)
{
	int64_t lo, hi, pos;
	int ret;

	if (where(db, c, cmd, &lo, &hi, err) < 0) {
		ut_rule_free(r);
		return -1;
	}
	if (cmd->options & OPT_VERBOSE)
		ut_print_firewall(r, NULL, 0, FMT_PRINT_RULE, out, warn);
	if (cmd->command & (CMD_APPEND | CMD_INSERT | CMD_REPLACE))
		return change_rule(db, t, c, cmd, r, lo, hi, err);
	ret = ut_db_rule_find(db, c, r, &pos, err);
	ut_rule_free(r);
	if (ret > 0)
		return ut_err_iptc(err, ENOENT, "Bad rule (does a matching "
				   "rule exist in that chain?)");
	if (ret < 0 || cmd->command == CMD_CHECK)
		return ret;
	return ut_db_rule_del(db, c, pos, err);
}

/* on_table: the command on t as loaded with its graph */
static int
on_table(struct ut_store *st, struct ut_table *t, struct ipt_cmd *cmd,
	 struct ut_cli_io *io, struct ut_err *err)
{
	struct ut_chain *c = ut_table_chain(t, cmd->chain);
	struct ut_rule *r;
	int64_t pos;

	if (cmd->command == CMD_DELETE_NUM) {
		if (!c)
			return ut_err_iptc(err, ENOENT, NULL);
		if (nth_key(st->db, c, cmd->rulenum,
			    "Index of deletion too big", &pos, err) < 0)
			return -1;
		return ut_db_rule_del(st->db, c, pos, err);
	}
	/* an extension target named as a chain is the chain (with
	 * iptables' warning): a jump */
	if (cmd->target_is_ext && ut_table_chain(t, cmd->jumpto))
		return NOT_HERE;
	r = ut_ipt_build_rule(t, cmd, &io->errb, err);
	if (!r)
		return -1;
	if (!c) {
		ut_rule_free(r);
		return ut_err_iptc(err, ENOENT, NULL);
	}
	return rule_cmd(st->db, t, c, cmd, r, &io->out, &io->errb, err);
}

int
ut_store_rule_cmd(struct ut_store *st, struct ipt_cmd *cmd,
		  struct ut_cli_io *io, struct ut_err *err)
{
	const struct ut_table_desc *d = ut_table_desc_by_name(cmd->table);
	struct ut_db_focus graph = { .graph = true };
	size_t out_len = io->out.len, errb_len = io->errb.len;
	int ret;

	if (!d || !rule_shaped(cmd))
		return NOT_HERE;
	if (ut_store_load(st, cmd->table, &graph, err) < 0)
		return -1;
	if (!st->stored[d->id])
		return NOT_HERE;
	ret = on_table(st, st->rs->tables[d->id], cmd, io, err);
	if (ret == NOT_HERE) {
		/* nothing of this attempt shows */
		io->out.len = out_len;
		io->errb.len = errb_len;
		if (io->out.data)
			io->out.data[out_len] = '\0';
		if (io->errb.data)
			io->errb.data[errb_len] = '\0';
	}
	return ret;
}
