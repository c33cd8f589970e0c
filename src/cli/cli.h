/* cli.h: internals of the iptables-compatible front ends (argv parsing,
 * command execution, printers, restore, state store). */
#ifndef UT_CLI_CLI_H
#define UT_CLI_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "rules/ext.h"
#include "rules/ruleset.h"
#include "utables/utables.h"

/* Commands, same bit order as iptables (cmd2char relies on it). */
enum {
	CMD_NONE = 0,
	CMD_INSERT = 1 << 0,
	CMD_DELETE = 1 << 1,
	CMD_DELETE_NUM = 1 << 2,
	CMD_REPLACE = 1 << 3,
	CMD_APPEND = 1 << 4,
	CMD_LIST = 1 << 5,
	CMD_FLUSH = 1 << 6,
	CMD_ZERO = 1 << 7,
	CMD_NEW_CHAIN = 1 << 8,
	CMD_DELETE_CHAIN = 1 << 9,
	CMD_SET_POLICY = 1 << 10,
	CMD_RENAME_CHAIN = 1 << 11,
	CMD_LIST_RULES = 1 << 12,
	CMD_ZERO_NUM = 1 << 13,
	CMD_CHECK = 1 << 14,
	NUMBER_OF_CMD = 15,
};

/* Generic options, same bit order as iptables' optflags[]. */
enum {
	OPT_NUMERIC = 1 << 0,
	OPT_SOURCE = 1 << 1,
	OPT_DESTINATION = 1 << 2,
	OPT_PROTOCOL = 1 << 3,
	OPT_JUMP = 1 << 4,
	OPT_VERBOSE = 1 << 5,
	OPT_EXPANDED = 1 << 6,
	OPT_VIANAMEIN = 1 << 7,
	OPT_VIANAMEOUT = 1 << 8,
	OPT_LINENUMBERS = 1 << 9,
	OPT_COUNTERS = 1 << 10,
	OPT_FRAGMENT = 1 << 11,
	NUMBER_OF_OPT = 12,
};

/* ---- glibc getopt_long work-alike (getopt.c) ---- */

struct lopt {
	const char *name;
	int has_arg;                /* 0 no, 1 required, 2 optional */
	int val;                    /* generic: option char; ext: -1 */
	const struct ut_ext *ext;   /* extension option */
	const struct ut_opt *opt;
};

/* The long options getopt_long sees: the generic ones, then those of the
 * loaded extensions, newest first (xtables_merge_options puts new
 * options before old ones). Read in place, never merged into a copy. */
struct lopt_src {
	const struct ut_ext *const *exts; /* in load order */
	size_t n_exts;
};

struct getopt_state {
	int argc;
	char **argv;
	int optind;
	const char *nextchar;       /* inside a group of short options */
	const char *optarg;
	struct lopt found;          /* the long option returned, if any */
};

enum { GO_EXT = 0x10000 };

/* ut_getopt_next: getopt_long with iptables' optstring "-:..." over the
 * generic options and those of src: non-options come back as 1 (optarg),
 * a missing argument as ':', anything unknown as '?', an extension option
 * as GO_EXT (g->found), -1 at the end. */
int ut_getopt_next(struct getopt_state *g, const struct lopt_src *src);

/* a parameter problem (exit status 2, "Try `iptables -h'...") */
#define UT_PERR(err, ...) ut_err_set((err), UT_PARAMETER_PROBLEM, __VA_ARGS__)

/* ---- command/option tables (cmdtable.c) ---- */
/* the letter of a command (CMD_*) / generic option (OPT_*) in messages */
char ut_ipt_cmd2char(unsigned command);
char ut_ipt_opt2char(unsigned option);
/* the UT_INV_* bit "!" sets for an option, 0 if it takes no "!" */
uint8_t ut_ipt_opt_inverse(unsigned option);
/* ut_ipt_opt_check: "Illegal option `-x' with this command" */
int ut_ipt_opt_check(unsigned command, unsigned options, struct ut_err *err);
/* -i/-o NAME into name[UT_IFNAMSIZ]; *wild if it ends in '+' */
int ut_ipt_parse_interface(struct ut_err *err, struct ut_buf *warn,
			   const char *arg, char *name, bool *wild);
/* ACCEPT, DROP, QUEUE or RETURN */
bool ut_ipt_is_standard_target(const char *name);
/* the name checks of -j/-g (xt_parse_target) and -N
 * (assert_valid_chain_name) */
int ut_ipt_check_target_name(struct ut_err *err, const char *name);
int ut_ipt_valid_chain_name(struct ut_err *err, const char *name);

/* A parsed iptables command line. Owns rule and the address arrays. */
struct ipt_cmd {
	unsigned command;        /* CMD_* */
	unsigned options;        /* OPT_* */
	const char *table;       /* borrowed from argv or static */
	const char *chain;       /* borrowed from argv */
	const char *newname;
	const char *policy;
	unsigned rulenum;        /* 1-based, 0 = none */
	int verbose;
	int wait;                /* -w seconds; -1 = wait forever; 0 none */
	bool wait_given;
	const char *jumpto;      /* -j/-g name, "" if none */
	bool goto_set;
	bool target_is_ext;      /* jumpto names an extension target */
	struct ut_rule *rule;    /* template: ip part, matches, target */
	uint32_t *saddrs, *smasks, *daddrs, *dmasks;
	unsigned nsaddrs, ndaddrs;
	/* the first source address/mask and destination address/mask: the
	 * arrays above point here while they hold one entry */
	uint32_t inline_addrs[4];
	bool help;               /* -h: print help and exit 0 */
	/* -h after -p PROTO without -m: the protocol's match, whose help
	 * iptables prints too */
	const struct ut_ext *help_proto;
	bool version;            /* -V */
	bool version_invert;
};

void ut_ipt_cmd_fini(struct ipt_cmd *cmd);

/* ut_ipt_parse: iptables' do_parse + ipv4_post_parse. restore: the line comes
 * from iptables-restore (table fixed by *TABLE, -w/-W refused). warn
 * receives stderr text printed even on success. */
int ut_ipt_parse(int argc, char **argv, bool restore, const char *table,
	      struct ipt_cmd *cmd, struct ut_buf *warn, struct ut_err *err);

/* ut_ipt_addresses: parse the -s and -d specs (NULL: none) into cmd's
 * address lists (xtables_ipparse_multiple). 0 or negative, err set. */
int ut_ipt_addresses(struct ipt_cmd *cmd, const char *shost,
		     const char *dhost, struct ut_err *err);

/* ut_ipt_exec: run cmd on rs (iptables' do_command4 on a libiptc handle);
 * the table named by cmd->table is validated as the kernel would at
 * commit when changed. */
int ut_ipt_exec(struct ut_ruleset *rs, struct ipt_cmd *cmd, struct ut_buf *out,
	     struct ut_buf *warn, struct ut_err *err);

/* ut_ipt_exec_work: ut_ipt_exec on rs's table in place, without a copy:
 * a failing command may leave it half changed (the caller throws it
 * away: the state store's transaction); *changed is the table if cmd
 * changed it, else NULL. */
int ut_ipt_exec_work(struct ut_ruleset *rs, struct ipt_cmd *cmd,
		     struct ut_buf *out, struct ut_buf *warn,
		     struct ut_err *err, struct ut_table **changed);

/* ut_ipt_exec_table: the command on table t in place, without the commit
 * check (iptables-restore checks at COMMIT). */
int ut_ipt_exec_table(struct ut_table *t, struct ipt_cmd *cmd,
		   struct ut_buf *out, struct ut_buf *warn, struct ut_err *err);

/* ut_ipt_build_rule: the rule an -A/-I/-D/-C/-R command describes, with its
 * first source and destination address and its target resolved in t.
 * NULL with err set on failure. Caller frees. */
struct ut_rule *ut_ipt_build_rule(struct ut_table *t, struct ipt_cmd *cmd,
			       struct ut_buf *warn, struct ut_err *err);

/* ---- printers (print.c); warn gets what extensions print on stderr
 * while printing (non-NULL) ---- */
enum {
	FMT_NUMERIC = 0x0001,
	FMT_NOCOUNTS = 0x0002,
	FMT_KILOMEGAGIGA = 0x0004,
	FMT_OPTIONS = 0x0008,
	FMT_NOTABLE = 0x0010,
	FMT_NOTARGET = 0x0020,
	FMT_VIA = 0x0040,
	FMT_NONEWLINE = 0x0080,
	FMT_LINENUMBERS = 0x0100,
	FMT_PRINT_RULE = FMT_NOCOUNTS | FMT_OPTIONS | FMT_VIA | FMT_NUMERIC |
			 FMT_NOTABLE,
};

/* ut_print_list: -L of chain (NULL: all), rule rulenum (0: all). Returns
 * false if chain was given and not found. */
bool ut_print_list(const struct ut_table *t, const char *chain,
		unsigned rulenum, unsigned format, struct ut_buf *out,
		struct ut_buf *warn);
/* ut_print_firewall: one -L line of rule r with counters cnt (also used
 * by -v on commands; cnt may be NULL with FMT_NOCOUNTS). */
void ut_print_firewall(const struct ut_rule *r, const struct ut_counter *cnt,
		       unsigned num, unsigned format, struct ut_buf *out,
		       struct ut_buf *warn);
/* ut_print_rules: -S of chain (NULL: all); counters adds -c. */
bool ut_print_rules(const struct ut_table *t, const char *chain,
		    unsigned rulenum, bool counters, struct ut_buf *out,
		    struct ut_buf *warn);
/* ut_print_rule_save: "-A CHAIN ..." line; counters: 1 "[p:b] " prefix
 * of cnt, -1 " -c p b" (-S -c), 0 none (cnt may be NULL). */
void ut_print_rule_save(const struct ut_rule *r, const char *chain,
			int counters, const struct ut_counter *cnt,
			struct ut_buf *out, struct ut_buf *warn);
/* ut_print_rule_target: what follows -j/-g in the rule's -S line (e.g.
 * "REJECT --reject-with tcp-reset"); nothing for a rule without one */
void ut_print_rule_target(const struct ut_rule *r, struct ut_buf *out,
			  struct ut_buf *warn);
/* ut_save_table: the iptables-save block of table t (without the
 * "# Generated" comments), counters read from src (NULL: the rule
 * set's own); counters: with the rules' "[p:b]" (-c). */
void ut_save_table(const struct ut_table *t, const struct ut_counter_src *src,
		   bool counters, struct ut_buf *out, struct ut_buf *warn);
/* ut_save_table_chains: its "*table" and ":CHAIN POLICY [p:b]" lines */
void ut_save_table_chains(const struct ut_table *t,
			  const struct ut_counter_src *src,
			  struct ut_buf *out);
/* ut_print_num: xtables_print_num */
void ut_print_num(uint64_t n, unsigned format, struct ut_buf *out);

/* ---- restore (restore.c) ---- */
struct restore_opts {
	bool counters;   /* -c: use the [p:b] counters */
	bool noflush;    /* -n */
	bool test;       /* -t: parse and check only */
	bool verbose;
	const char *only_table; /* -T name */
	bool state;      /* loading the state store (counters always) */
	/* install: called at each COMMIT (not with --test) with the checked
	 * table, which it takes; NULL: it replaces the table in rs */
	int (*install)(void *ctx, struct ut_table *t, struct ut_err *err);
	void *install_ctx;
};

/* ut_restore_text: apply an iptables-restore input (len bytes, need not be
 * NUL-terminated) to rs, committing each table at its COMMIT. On error
 * rs holds the tables committed before the failing one, err names the
 * line. out gets -v output. */
int ut_restore_text(struct ut_ruleset *rs, const char *text, size_t len,
		 const struct restore_opts *o, const char *prog,
		 struct ut_buf *out, struct ut_buf *warn, struct ut_err *err);

/* ---- argument splitting shared by restore and the shell-style rules ---- */
struct argv_store {
	int argc;
	char **argv;        /* NULL-terminated; words borrowed or in pools */
	int cap;
	char **pools;       /* owned buffers holding split words */
	int n_pools;
};
void ut_argv_store_fini(struct argv_store *s);
/* ut_argv_add: append the word what, borrowed (it must outlive s). 0, or 1
 * past iptables-restore's limit of words, -1 on allocation failure. */
int ut_argv_add(struct argv_store *s, const char *what);
/* ut_argv_split: iptables-restore's add_param_to_argv tokenizer: the words
 * of line (quotes removed) appended to s. */
int ut_argv_split(struct argv_store *s, const char *line, struct ut_err *err);

/* ---- whole files (read_all.c) ---- */
/* ut_read_all: everything f holds from here, NUL-terminated; *len counts
 * all of it (a NUL inside does not shorten it). NULL (errno ENOMEM) only
 * when out of memory; a read error ends the text early: ferror(f) tells,
 * errno names the cause. */
char *ut_read_all(FILE *f, size_t *len);

/* ---- state store (store.c, store_raw.c; the database: src/store) ---- */

struct ut_db;

/* One open state: the setup every command shares (path, lock, database,
 * the tables loaded from it). */
struct ut_db_keys;
struct ut_store {
	const char *path;        /* path_buf */
	char path_buf[4096];
	int lock;                /* lock file fd, -1 if not locked */
	struct ut_db *db;        /* NULL: no state yet, or a text one read */
	struct ut_ruleset *rs;   /* the tables loaded (or made) so far */
	/* rs->tables[i] is what the database holds, keys[i] the keys of
	 * its rows as loaded or last written (the command changes
	 * rs->tables[i] in place; ut_store_put writes the difference) */
	bool stored[UT_TABLE_MAX];
	struct ut_db_keys *keys[UT_TABLE_MAX];
};

/* ut_ipt_help: iptables -h for cmd (help.c): every command and option,
 * then the options of the extensions cmd's command line loaded. */
void ut_ipt_help(const char *prog, const struct ipt_cmd *cmd,
		 const struct ut_cli_io *io, struct ut_buf *out);

/* ut_state_path: the state file of io into buf: io->state_path, else
 * $UTABLES_STATE (its directory must exist), else the default (root:
 * UT_STATE_DEFAULT; other users: $XDG_STATE_HOME/utables/rules.db, by
 * default ~/.local/state/utables/rules.db), whose directory is created
 * when create is set. 0, or -1 with err saying which path and how to
 * choose another (state_path.c). */
int ut_state_path(const struct ut_cli_io *io, bool create, char *buf,
		  size_t size, struct ut_err *err);
/* ut_state_old_default: when path is the default state (io and the
 * environment name none), earlier versions' default beside it
 * (DIR/rules.v4) into buf: 1; otherwise 0 */
int ut_state_old_default(const struct ut_cli_io *io, const char *path,
			 char *buf, size_t size);
/* ut_state_path_hint: the line that tells which state path failed and how
 * to choose another, appended to out */
void ut_state_path_hint(const char *path, struct ut_buf *out);

/* ut_store_open: take the xtables-style lock on the state of io (wait
 * < 0 forever, 0 fail at once, n seconds), open its database (created if
 * missing; a text state of earlier versions is converted, the text kept
 * as PATH.txt, a note in io->errb) and start the command's transaction.
 * st->rs starts empty: ut_store_load fills it. 0, or -1 with err set.
 * ut_store_close always. */
int ut_store_open(struct ut_store *st, struct ut_cli_io *io, int wait,
		  struct ut_err *err);
/* ut_store_load: table (NULL: every table) into st->rs as stored, with
 * focus (NULL: all of it) only what a command on one chain needs
 * (src/store/db.h); an unknown or absent table is left out (the command
 * creates it). */
struct ut_db_focus;
int ut_store_load(struct ut_store *st, const char *table,
		  const struct ut_db_focus *focus, struct ut_err *err);
/* ut_store_open_read: every table, one consistent snapshot, without the
 * lock and without writing (iptables-save, run --state). */
int ut_store_open_read(struct ut_store *st, const struct ut_cli_io *io,
		       struct ut_err *err);
/* ut_store_put: t (taken; it may be st->rs's own table, changed in
 * place) in place of its table, written to the transaction as the
 * difference from what was there. */
int ut_store_put(struct ut_store *st, struct ut_table *t, struct ut_err *err);
/* ut_store_commit: tables made in st->rs and not yet written (a table a
 * command created by naming it), then commit: durable, all or nothing. */
int ut_store_commit(struct ut_store *st, struct ut_err *err);
/* ut_store_install: ut_store_put and ut_store_commit, then a new
 * transaction (restore_opts.install: each COMMIT of iptables-restore). */
int ut_store_install(void *st, struct ut_table *t, struct ut_err *err);
/* ut_store_rule_cmd: cmd, if it is -A, -I, -R, -D or -C of one rule
 * that jumps to no chain, on the rows of st's database without loading
 * its chain (exec_store.c); 1 if it cannot (nothing written, nothing
 * printed: ut_ipt_exec_work does it), else 0 or -1 with err set. */
int ut_store_rule_cmd(struct ut_store *st, struct ipt_cmd *cmd,
		      struct ut_cli_io *io, struct ut_err *err);
/* ut_store_check: `utables state check` on the state of io */
int ut_store_check(const struct ut_cli_io *io, struct ut_buf *out,
		   struct ut_err *err);
/* ut_store_close: roll back what is not committed, unlock, free. */
void ut_store_close(struct ut_store *st);
/* ut_store_serialize: the text state (earlier versions' state file, and
 * the fuzzers' round trip): iptables-save -c of every table, with
 * "#@raw" lines for rules whose saved text would not read back the same
 * (e.g. `! --dport :`, whose inversion iptables-save drops). Every rule's
 * line is checked as it is written: linear, and nothing kept in the rules.
 */
void ut_store_serialize(struct ut_ruleset *rs, struct ut_buf *out);
/* ut_store_raw_rule: append the rule of a "#@raw" state line to table t. */
int ut_store_raw_rule(struct ut_table *t, const char *line, struct ut_err *err);
/* ut_store_raw_chain: create the user chain of a "#@chain" state line. */
int ut_store_raw_chain(struct ut_table *t, const char *line,
		       struct ut_err *err);

#endif
