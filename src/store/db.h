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
 * table the database holds. */
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

/* ut_db_write_table: make the database hold t, old being what it holds
 * now (NULL: nothing, the table is new). Sets the keys in t. */
int ut_db_write_table(struct ut_db *db, const struct ut_table *old,
		      struct ut_table *t, struct ut_err *err);

/* ut_db_check: SQLite's integrity check and the store's invariants;
 * each problem a line in out. 0 if clean, 1 if problems, -1 error. */
int ut_db_check(struct ut_db *db, struct ut_buf *out, struct ut_err *err);

#endif
