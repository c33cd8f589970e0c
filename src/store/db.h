/* db.h: the rule-set state store's database (SQLite, WAL).
 *
 * Schema (PRAGMA user_version UT_DB_SCHEMA, application_id UT_DB_APP_ID):
 *   tables(id, age)                     a table exists; larger age: newer
 *   chains(id, tbl, name, hook, policy, pcnt, bcnt)
 *   rules(chain, pos, pcnt, bcnt, jump, ir)   WITHOUT ROWID, key
 *                                       (chain, pos): positions have gaps,
 *                                       so -I/-D/-R touch only their row;
 *                                       jump: the id of the chain a -j/-g
 *                                       goes to (indexed by chain: the
 *                                       graph; by jump: the references);
 *                                       ir: the rule's IR (matches, target)
 * A rule's and a chain's keys live in the IR (ut_rule.store_pos,
 * ut_chain.store_id): writing a table writes only what differs from the
 * keys of the table as loaded (ut_db_keys). */
#ifndef UT_STORE_DB_H
#define UT_STORE_DB_H

#include <stdbool.h>

#include "rules/ruleset.h"
#include "utables/utables.h"

#define UT_DB_SCHEMA 1
#define UT_DB_APP_ID 0x75746231 /* "utb1" */

struct ut_db;

/* ut_db_is_database: the file at path starts as an SQLite database does
 * (1), is something else (0), or cannot be read (-1, errno). */
int ut_db_is_database(const char *path);

/* ut_db_open: the database at path (created with the schema when write
 * and it is missing or empty). A foreign, newer or corrupt database is an
 * error naming path; it is never changed. */
int ut_db_open(struct ut_db **dbp, const char *path, bool write,
	       struct ut_err *err);
/* ut_db_create: a new database at path, which must not exist (created
 * with O_EXCL, no symlink followed), for writing. As ut_db_open. */
int ut_db_create(struct ut_db **dbp, const char *path, struct ut_err *err);
void ut_db_close(struct ut_db *db);

/* ut_db_begin: a transaction: write takes the database's write lock at
 * once (BEGIN IMMEDIATE: read-modify-write cannot lose an update), a
 * read sees one snapshot. ut_db_commit makes it durable. */
int ut_db_begin(struct ut_db *db, bool write, struct ut_err *err);
int ut_db_commit(struct ut_db *db, struct ut_err *err);
void ut_db_rollback(struct ut_db *db);

/* A command on the rules of one chain whose new rule jumps to no chain
 * needs every rule of that chain and, of the other chains, only the rules
 * that jump (the graph the loop and hook checks and the references
 * need): the other rules are neither changed nor affected. */
struct ut_db_focus {
	const char *chain;   /* the chain whose rules are all loaded */
	const char *target;  /* -j/-g NAME: if a chain of that name exists,
			      * the whole table is loaded */
	bool graph;          /* instead: of every chain only the rules that
			      * jump (a command that changes rows itself,
			      * ut_db_rule_*, needs only the graph) */
};

/* ut_db_load_table: table id as the database holds it into rs (replacing
 * what rs has); with focus (may be NULL) only what it says. 1 if the
 * database has no such table. */
int ut_db_load_table(struct ut_db *db, struct ut_ruleset *rs,
		     enum ut_table_id id, const struct ut_db_focus *focus,
		     struct ut_err *err);
/* ut_db_load_all: every stored table into rs, oldest first (rs->order
 * comes out newest first, as the kernel lists them). */
int ut_db_load_all(struct ut_db *db, struct ut_ruleset *rs,
		   struct ut_err *err);

/* ut_db_keys_of: what t, as loaded, tells of the database's rows: its
 * chains' and rules' keys and counters (not the rules), so that t can be
 * changed in place and written as the difference. NULL: no memory. */
struct ut_db_keys;
struct ut_db_keys *ut_db_keys_of(const struct ut_table *t);
void ut_db_keys_free(struct ut_db_keys *k);

/* ut_db_write_table: make the database hold t, old being the keys of
 * what it holds now (NULL: nothing, the table is new). Sets the keys in
 * t. */
int ut_db_write_table(struct ut_db *db, const struct ut_db_keys *old,
		      struct ut_table *t, struct ut_err *err);

/* One rule's row, for a command that changes one rule of chain c (its
 * store id) without loading the chain's rules: positions are the keys
 * (ut_rule.store_pos). The caller does the kernel's checks first. */
/* ut_db_rule_nth: the key of rule n (0-based) of c; 1 if c has fewer */
int ut_db_rule_nth(struct ut_db *db, const struct ut_chain *c, size_t n,
		   int64_t *pos, struct ut_err *err);
/* ut_db_rule_last: the key of c's last rule (0: c has none) */
int ut_db_rule_last(struct ut_db *db, const struct ut_chain *c, int64_t *pos,
		    struct ut_err *err);
/* ut_db_rule_find: the key of the first rule of c that equals r (as
 * ut_rule_equal: -C, -D by spec), reading the rows once; 1 if none */
int ut_db_rule_find(struct ut_db *db, const struct ut_chain *c,
		    const struct ut_rule *r, int64_t *pos, struct ut_err *err);
/* ut_db_rule_put: r stored between the rules at keys lo and hi (0: the
 * chain's start or end); 1, nothing written, if there is no key left
 * between them (then the chain needs rewriting: ut_db_write_table) */
int ut_db_rule_put(struct ut_db *db, const struct ut_chain *c,
		   struct ut_rule *r, int64_t lo, int64_t hi,
		   struct ut_err *err);
int ut_db_rule_del(struct ut_db *db, const struct ut_chain *c, int64_t pos,
		   struct ut_err *err);
/* ut_db_rule_replace: r in place of the rule at pos */
int ut_db_rule_replace(struct ut_db *db, const struct ut_chain *c,
		       int64_t pos, struct ut_rule *r, struct ut_err *err);

/* ut_db_check: SQLite's integrity check and the store's invariants;
 * each problem a line in out. 0 if clean, 1 if problems, -1 error. */
int ut_db_check(struct ut_db *db, struct ut_buf *out, struct ut_err *err);

#endif
