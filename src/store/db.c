/* db.c: the state store's SQLite database (see db.h for the schema).
 * Rules are stored in their IR (no text to parse back, nothing to print
 * to write them); a table is written as the difference between the
 * table the database holds and the new one, found through the keys the
 * IR carries. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "rules/ext.h"
#include "store/db.h"

/* the distance between the positions of rules appended or inserted at
 * either end of a chain; inserting between two rules halves a gap */
#define POS_GAP ((int64_t)1 << 20)

/* the blob's format, its first byte */
#define IR_FORMAT 1

enum stmt_id {
	S_CHAINS,       /* the chains of a table */
	S_RULES,        /* the rules of a chain, in order */
	S_JUMP_RULES,   /* only those that jump or go to a chain */
	S_TABLE_ADD,
	S_TABLES,
	S_CHAIN_ADD,
	S_CHAIN_SET,
	S_CHAIN_DEL,
	S_CHAIN_RULES_DEL,
	S_RULE_ADD,
	S_RULE_DEL,
	S_RULE_COUNT,
	S_RULE_NTH,     /* the key of the n-th rule of a chain */
	S_RULE_LAST,    /* the largest key of a chain */
	S_RULE_SCAN,    /* keys, jumps and IR of a chain, in order */
	S_MAX,
};

static const char *const stmt_sql[S_MAX] = {
	[S_CHAINS] = "SELECT id, name, hook, policy, pcnt, bcnt FROM chains "
		     "WHERE tbl = ?1 ORDER BY id",
	[S_RULES] = "SELECT pos, pcnt, bcnt, jump, ir FROM rules "
		    "WHERE chain = ?1 ORDER BY pos",
	/* SQLite's planner would rather walk the chain in key order */
	[S_JUMP_RULES] = "SELECT pos, pcnt, bcnt, jump, ir FROM rules "
			 "INDEXED BY rules_jump "
			 "WHERE chain = ?1 AND jump IS NOT NULL ORDER BY pos",
	[S_TABLE_ADD] = "INSERT OR IGNORE INTO tables(id, age) VALUES (?1, "
			"(SELECT COALESCE(MAX(age), 0) + 1 FROM tables))",
	[S_TABLES] = "SELECT id FROM tables ORDER BY age",
	[S_CHAIN_ADD] = "INSERT INTO chains(tbl, name, hook, policy, pcnt, "
			"bcnt) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_CHAIN_SET] = "UPDATE chains SET name = ?2, policy = ?3, "
			"pcnt = ?4, bcnt = ?5 WHERE id = ?1",
	[S_CHAIN_DEL] = "DELETE FROM chains WHERE id = ?1",
	[S_CHAIN_RULES_DEL] = "DELETE FROM rules WHERE chain = ?1",
	[S_RULE_ADD] = "INSERT INTO rules(chain, pos, pcnt, bcnt, jump, ir) "
		       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_RULE_DEL] = "DELETE FROM rules WHERE chain = ?1 AND pos = ?2",
	[S_RULE_COUNT] = "UPDATE rules SET pcnt = ?3, bcnt = ?4 "
			 "WHERE chain = ?1 AND pos = ?2",
	[S_RULE_NTH] = "SELECT pos FROM rules WHERE chain = ?1 "
		       "ORDER BY pos LIMIT 1 OFFSET ?2",
	[S_RULE_LAST] = "SELECT MAX(pos) FROM rules WHERE chain = ?1",
	[S_RULE_SCAN] = "SELECT pos, jump, ir FROM rules WHERE chain = ?1 "
			"ORDER BY pos",
};

static const char schema_sql[] =
	"CREATE TABLE tables(id INTEGER PRIMARY KEY, age INTEGER NOT NULL);"
	"CREATE TABLE chains(id INTEGER PRIMARY KEY, tbl INTEGER NOT NULL, "
	"name TEXT NOT NULL, hook INTEGER NOT NULL, policy INTEGER NOT NULL, "
	"pcnt INTEGER NOT NULL, bcnt INTEGER NOT NULL);"
	"CREATE INDEX chains_tbl ON chains(tbl, name);"
	"CREATE TABLE rules(chain INTEGER NOT NULL, pos INTEGER NOT NULL, "
	"pcnt INTEGER NOT NULL, bcnt INTEGER NOT NULL, jump INTEGER, "
	"ir BLOB NOT NULL, PRIMARY KEY(chain, pos)) WITHOUT ROWID;"
	"CREATE INDEX rules_jump ON rules(chain, jump) WHERE jump IS NOT NULL;"
	"CREATE INDEX rules_ref ON rules(jump) WHERE jump IS NOT NULL;";

struct ut_db {
	sqlite3 *h;
	const char *path;          /* borrowed: the caller's */
	sqlite3_stmt *stmt[S_MAX]; /* prepared on first use */
	bool in_txn;
	struct ut_buf blob;        /* scratch for encoding a rule */
};

/* What the database holds of a table, as keys (ut_db_keys_of): a rule's
 * key and counters, a chain's id, name, policy and counters, the chains
 * sorted by id. A command changes its loaded table in place; writing it
 * compares it with these. */
struct rule_key {
	int64_t pos;
	uint64_t pcnt, bcnt;
};

struct chain_keys {
	int64_t id;
	char name[UT_CHAIN_MAXNAMELEN + 1];
	enum ut_verdict_kind policy;
	uint64_t pcnt, bcnt;
	struct rule_key *rules;
	size_t n_rules;
};

struct ut_db_keys {
	struct chain_keys *chains;
	size_t n_chains;
};

/* db_fail: err names the state file and SQLite's reason */
static int
db_fail(struct ut_db *db, const char *what, struct ut_err *err)
{
	return ut_err_set(err, UT_RESOURCE_PROBLEM, "state database %s: %s: "
			  "%s", db->path, what, sqlite3_errmsg(db->h));
}

static sqlite3_stmt *
stmt(struct ut_db *db, enum stmt_id id, struct ut_err *err)
{
	sqlite3_stmt *s = db->stmt[id];

	if (!s) {
		if (sqlite3_prepare_v3(db->h, stmt_sql[id], -1,
				       SQLITE_PREPARE_PERSISTENT, &s,
				       NULL) != SQLITE_OK) {
			db_fail(db, "prepare", err);
			return NULL;
		}
		db->stmt[id] = s;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

/* run: step s once to its end (a write); 0 or -1 with err set */
static int
run(struct ut_db *db, sqlite3_stmt *s, const char *what, struct ut_err *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 :
	       db_fail(db, what, err);
}

static int
exec(struct ut_db *db, const char *sql, struct ut_err *err)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, sql, err);
	return 0;
}

/* pragma_int: the integer a PRAGMA query answers (-1 on error) */
static long long
pragma_int(struct ut_db *db, const char *sql)
{
	sqlite3_stmt *s;
	long long v = -1;

	if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* busy: another connection writes; wait (the xtables lock file, not
 * SQLite, decides who waits how long: this one is held for a commit) */
static int
busy(void *ctx, int count)
{
	struct timespec pause = { 0, 2 * 1000 * 1000 };

	(void)ctx;
	(void)count;
	nanosleep(&pause, NULL);
	return 1;
}

int
ut_db_is_database(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n < 0)
		return -1;
	return n == (ssize_t)sizeof(head) &&
	       memcmp(head, magic, sizeof(head)) == 0;
}

/* is_blank: a database without anything in it (new or empty file) */
static int
is_blank(struct ut_db *db, long long *app, long long *ver)
{
	long long objects;

	*app = pragma_int(db, "PRAGMA application_id");
	*ver = pragma_int(db, "PRAGMA user_version");
	objects = pragma_int(db, "SELECT COUNT(*) FROM sqlite_master");
	if (*app < 0 || *ver < 0 || objects < 0)
		return -1;
	return *app == 0 && *ver == 0 && objects == 0;
}

/* create_schema: the schema into a blank database, unless another
 * writer was first (checked again under the write lock) */
static int
create_schema(struct ut_db *db, struct ut_err *err)
{
	long long app, ver;
	int blank;

	if (exec(db, "PRAGMA journal_mode=WAL", err) < 0 ||
	    exec(db, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	blank = is_blank(db, &app, &ver);
	if (blank > 0 && (exec(db, schema_sql, err) < 0 ||
			  exec(db, "PRAGMA application_id=1970561585;"
			       "PRAGMA user_version=1", err) < 0)) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return exec(db, "COMMIT", err);
}

/* setup: a new database gets the schema; ours is checked */
static int
setup(struct ut_db *db, bool write, struct ut_err *err)
{
	long long app, ver;
	int blank = is_blank(db, &app, &ver);

	if (blank < 0)
		return db_fail(db, "not a readable SQLite database", err);
	if (blank) {
		if (!write)
			return 0;
		if (create_schema(db, err) < 0 ||
		    (blank = is_blank(db, &app, &ver)) < 0)
			return db_fail(db, "not a readable SQLite database",
				       err);
	}
	if (app != UT_DB_APP_ID)
		return ut_err_set(err, UT_RESOURCE_PROBLEM, "state database "
				  "%s is not a utables state; it is left as it "
				  "is", db->path);
	if (ver != UT_DB_SCHEMA)
		return ut_err_set(err, UT_RESOURCE_PROBLEM, "state database "
				  "%s has schema version %lld, this utables "
				  "knows %d", db->path, ver, UT_DB_SCHEMA);
	return 0;
}

static int
db_open(struct ut_db **dbp, const char *path, bool write, int more_flags,
	struct ut_err *err)
{
	struct ut_db *db = calloc(1, sizeof(*db));
	/* a reader that may write removes the WAL files when it closes
	 * last, as a writer does; it never writes a row */
	int flags = more_flags |
		    (write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE :
		     access(path, W_OK) == 0 ? SQLITE_OPEN_READWRITE :
		     SQLITE_OPEN_READONLY);

	*dbp = db;
	if (!db)
		return ut_err_iptc(err, ENOMEM, NULL);
	db->path = path;
	ut_buf_init(&db->blob);
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK)
		return db->h ? db_fail(db, "open", err) :
		       ut_err_iptc(err, ENOMEM, NULL);
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_handler(db->h, busy, NULL);
	if (setup(db, write, err) < 0)
		return -1;
	return exec(db, "PRAGMA synchronous=FULL", err);
}

int
ut_db_open(struct ut_db **dbp, const char *path, bool write,
	   struct ut_err *err)
{
	return db_open(dbp, path, write, 0, err);
}

int
ut_db_create(struct ut_db **dbp, const char *path, struct ut_err *err)
{
	/* a new file of ours (never through a symlink someone planted, never
	 * an existing file), then opened by SQLite without following links
	 * (were the file swapped for one in between) */
	int fd = open(path, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY |
			    O_CLOEXEC, 0600);

	*dbp = NULL;
	if (fd < 0)
		return ut_err_set(err, UT_RESOURCE_PROBLEM, "can't create "
				  "%s: %s", path, strerror(errno));
	close(fd);
	return db_open(dbp, path, true, SQLITE_OPEN_NOFOLLOW, err);
}

void
ut_db_close(struct ut_db *db)
{
	if (!db)
		return;
	ut_db_rollback(db);
	for (int i = 0; i < S_MAX; i++)
		sqlite3_finalize(db->stmt[i]);
	sqlite3_close(db->h);
	ut_buf_fini(&db->blob);
	free(db);
}

int
ut_db_begin(struct ut_db *db, bool write, struct ut_err *err)
{
	if (exec(db, write ? "BEGIN IMMEDIATE" : "BEGIN", err) < 0)
		return -1;
	db->in_txn = true;
	return 0;
}

int
ut_db_commit(struct ut_db *db, struct ut_err *err)
{
	if (exec(db, "COMMIT", err) < 0)
		return -1;
	db->in_txn = false;
	return 0;
}

void
ut_db_rollback(struct ut_db *db)
{
	if (db && db->in_txn) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		db->in_txn = false;
	}
}

/* ---- a rule's IR as a blob --------------------------------------------
 * IR_FORMAT, struct ut_ipt_ip, verdict, match count, the matches, then
 * the target (UT_V_EXT); an extension instance: name length, name,
 * revision, data size (4 bytes), data. Machine order: the state belongs
 * to this host, as the kernel's binary rules do. */

static void
put_xt(struct ut_buf *b, const struct ut_xt *x)
{
	size_t n = strlen(x->ext->name);
	uint32_t size = (uint32_t)x->ext->size;

	ut_buf_putc(b, (char)n);
	ut_buf_write(b, x->ext->name, n);
	ut_buf_putc(b, (char)x->ext->revision);
	ut_buf_write(b, &size, sizeof(size));
	ut_buf_write(b, x->data, size);
}

static void
encode_rule(const struct ut_rule *r, struct ut_buf *b)
{
	ut_buf_reset(b);
	ut_buf_putc(b, IR_FORMAT);
	ut_buf_write(b, &r->ip, sizeof(r->ip));
	ut_buf_putc(b, (char)r->verdict);
	ut_buf_putc(b, (char)r->n_matches);
	for (size_t i = 0; i < r->n_matches; i++)
		put_xt(b, &r->matches[i]);
	if (r->verdict == UT_V_EXT)
		put_xt(b, &r->target);
}

struct reader {
	const unsigned char *p, *end;
};

static bool
take(struct reader *rd, void *dst, size_t n)
{
	if ((size_t)(rd->end - rd->p) < n)
		return false;
	memcpy(dst, rd->p, n);
	rd->p += n;
	return true;
}

static bool
get_xt(struct reader *rd, enum ut_ext_kind kind, struct ut_xt *x)
{
	char name[256];
	unsigned char n, rev;
	uint32_t size;

	if (!take(rd, &n, 1) || !take(rd, name, n) || !take(rd, &rev, 1) ||
	    !take(rd, &size, sizeof(size)))
		return false;
	name[n] = '\0';
	x->ext = ut_ext_find_rev(name, kind, rev);
	if (!x->ext || x->ext->size != size)
		return false;
	x->data = calloc(1, size ? size : 1);
	return x->data && take(rd, x->data, size);
}

/* decode_rule: the blob into r (fresh from ut_rule_new) */
static bool
decode_rule(const void *blob, size_t len, struct ut_rule *r)
{
	struct reader rd = { blob, (const unsigned char *)blob + len };
	unsigned char format, verdict, n;

	if (!take(&rd, &format, 1) || format != IR_FORMAT ||
	    !take(&rd, &r->ip, sizeof(r->ip)) || !take(&rd, &verdict, 1) ||
	    verdict > UT_V_EXT || !take(&rd, &n, 1))
		return false;
	r->verdict = verdict;
	if (n) {
		r->matches = calloc(n, sizeof(*r->matches));
		if (!r->matches)
			return false;
	}
	/* a failed instance is counted too: ut_rule_free frees its data */
	while (r->n_matches < n)
		if (!get_xt(&rd, UT_EXT_MATCH, &r->matches[r->n_matches++]))
			return false;
	if (r->verdict == UT_V_EXT && !get_xt(&rd, UT_EXT_TARGET, &r->target))
		return false;
	return rd.p == rd.end;
}

/* ---- loading -------------------------------------------------------- */

/* by_id: chains in the order of their store ids (chains_by_id) */
static int
by_id(const void *a, const void *b)
{
	int64_t x = (*(struct ut_chain *const *)a)->store_id;
	int64_t y = (*(struct ut_chain *const *)b)->store_id;

	return x < y ? -1 : x > y;
}

static struct ut_chain *
index_find(struct ut_chain **idx, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (idx[mid]->store_id == id)
			return idx[mid];
		if (idx[mid]->store_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* chains_by_id: t's chains sorted by store id (NULL t: an empty index),
 * for index_find: a table diff looks up every chain once, so a scan
 * per lookup would cost chains^2 at 100,000 chains. NULL only when out of
 * memory; the caller frees. */
static struct ut_chain **
chains_by_id(const struct ut_table *t, size_t *n)
{
	size_t count = t ? t->n_chains : 0;
	struct ut_chain **idx = malloc((count + 1) * sizeof(*idx));

	if (!idx)
		return NULL;
	if (count)
		memcpy(idx, t->chains, count * sizeof(*idx));
	qsort(idx, count, sizeof(*idx), by_id);
	*n = count;
	return idx;
}

static int
corrupt(struct ut_db *db, const char *what, const char *chain,
	struct ut_err *err)
{
	return ut_err_set(err, UT_RESOURCE_PROBLEM, "state database %s is "
			  "corrupt: %s%s%s", db->path, what,
			  chain ? " in chain " : "", chain ? chain : "");
}

/* load_chains: the chain rows of t's table into t */
static int
load_chains(struct ut_db *db, struct ut_table *t, struct ut_err *err)
{
	sqlite3_stmt *s = stmt(db, S_CHAINS, err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, t->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 1);
		int hook = sqlite3_column_int(s, 2);
		struct ut_chain *c;

		if (!name || strlen(name) > UT_CHAIN_MAXNAMELEN)
			return corrupt(db, "a chain name", NULL, err);
		c = ut_table_chain(t, name);
		if (hook >= 0 ? !c || c->hook != hook || c->store_id :
		    c != NULL)
			return corrupt(db, "a chain", name, err);
		if (!c && !(c = ut_table_chain_add(t, name)))
			return ut_err_iptc(err, ENOMEM, NULL);
		c->store_id = sqlite3_column_int64(s, 0);
		c->policy = sqlite3_column_int(s, 3) == UT_V_DROP ?
			    UT_V_DROP : c->policy;
		c->pcnt = (uint64_t)sqlite3_column_int64(s, 4);
		c->bcnt = (uint64_t)sqlite3_column_int64(s, 5);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_fail(db, "reading chains", err);
	for (size_t i = 0; i < t->n_chains; i++)
		if (!t->chains[i]->store_id)
			return corrupt(db, "a missing built-in chain",
				       t->chains[i]->name, err);
	return 0;
}

/* load_rule: one row of S_RULES appended to c */
static int
load_rule(struct ut_db *db, sqlite3_stmt *s, struct ut_chain *c,
	  struct ut_chain **idx, size_t n_idx, struct ut_err *err)
{
	struct ut_rule *r = ut_rule_new();
	bool jumps;

	if (!r)
		return ut_err_iptc(err, ENOMEM, NULL);
	r->store_pos = sqlite3_column_int64(s, 0);
	r->pcnt = (uint64_t)sqlite3_column_int64(s, 1);
	r->bcnt = (uint64_t)sqlite3_column_int64(s, 2);
	if (!decode_rule(sqlite3_column_blob(s, 4),
			 (size_t)sqlite3_column_bytes(s, 4), r))
		goto bad;
	jumps = r->verdict == UT_V_JUMP || r->verdict == UT_V_GOTO;
	if (jumps != (sqlite3_column_type(s, 3) != SQLITE_NULL))
		goto bad;
	if (jumps) {
		r->chain = index_find(idx, n_idx, sqlite3_column_int64(s, 3));
		if (!r->chain || r->chain->hook >= 0)
			goto bad;
	}
	if (ut_chain_insert(c, c->n_rules, r) < 0) {
		ut_rule_free(r);
		return ut_err_iptc(err, ENOMEM, NULL);
	}
	return 0;
bad:
	ut_rule_free(r);
	return corrupt(db, "a rule", c->name, err);
}

/* load_rules: the rules of t's chains; with focus, only those of the
 * chain named focus and, of the others, the rules that jump; with
 * graph, of every chain only the rules that jump */
static int
load_rules(struct ut_db *db, struct ut_table *t, const char *focus,
	   bool graph, struct ut_err *err)
{
	size_t n_idx;
	struct ut_chain **idx = chains_by_id(t, &n_idx);
	int ret = 0;

	if (!idx)
		return ut_err_iptc(err, ENOMEM, NULL);
	for (size_t i = 0; i < t->n_chains && ret == 0; i++) {
		struct ut_chain *c = t->chains[i];
		bool all = !graph && (!focus || strcmp(c->name, focus) == 0);
		sqlite3_stmt *s = stmt(db, all ? S_RULES : S_JUMP_RULES, err);
		int rc;

		if (!s) {
			ret = -1;
			break;
		}
		sqlite3_bind_int64(s, 1, c->store_id);
		while (ret == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW)
			ret = load_rule(db, s, c, idx, n_idx, err);
		sqlite3_reset(s);
		if (ret == 0 && rc != SQLITE_DONE)
			ret = db_fail(db, "reading rules", err);
	}
	free(idx);
	return ret;
}

/* table_stored: is table id in the database */
static int
table_stored(struct ut_db *db, enum ut_table_id id, struct ut_err *err)
{
	sqlite3_stmt *s = stmt(db, S_TABLES, err);
	int rc, found = 0;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (sqlite3_column_int(s, 0) == (int)id)
			found = 1;
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? found : db_fail(db, "reading tables", err);
}

static int
load_table(struct ut_db *db, struct ut_ruleset *rs, enum ut_table_id id,
	   const struct ut_db_focus *focus, struct ut_err *err)
{
	struct ut_table *t = ut_table_new(id);
	const char *chain = NULL;

	if (!t)
		return ut_err_iptc(err, ENOMEM, NULL);
	if (load_chains(db, t, err) < 0)
		goto fail;
	/* a jump to a chain makes its rules reachable from more hooks:
	 * they must all be there for the kernel's checks */
	if (focus && !(focus->target && ut_table_chain(t, focus->target)))
		chain = focus->chain;
	if (load_rules(db, t, chain, focus && focus->graph, err) < 0) {
fail:
		ut_table_free(t);
		return -1;
	}
	ut_ruleset_table_replace(rs, t);
	return 0;
}

int
ut_db_load_table(struct ut_db *db, struct ut_ruleset *rs,
		 enum ut_table_id id, const struct ut_db_focus *focus,
		 struct ut_err *err)
{
	int stored = table_stored(db, id, err);

	if (stored <= 0)
		return stored < 0 ? -1 : 1;
	return load_table(db, rs, id, focus, err);
}

int
ut_db_load_all(struct ut_db *db, struct ut_ruleset *rs, struct ut_err *err)
{
	sqlite3_stmt *s = stmt(db, S_TABLES, err);
	int ids[UT_TABLE_MAX], n = 0, rc;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int id = sqlite3_column_int(s, 0);
		if (id < 0 || id >= UT_TABLE_MAX || n == UT_TABLE_MAX) {
			sqlite3_reset(s);
			return corrupt(db, "the list of tables", NULL, err);
		}
		ids[n++] = id;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_fail(db, "reading tables", err);
	for (int i = 0; i < n; i++)
		if (load_table(db, rs, (enum ut_table_id)ids[i], NULL,
			       err) < 0)
			return -1;
	return 0;
}

/* ---- writing ------------------------------------------------------- */

static int
rule_add(struct ut_db *db, const struct ut_chain *c, struct ut_rule *r,
	 int64_t pos, struct ut_err *err)
{
	sqlite3_stmt *s = stmt(db, S_RULE_ADD, err);

	if (!s)
		return -1;
	if (r->n_matches > 255)
		return ut_err_set(err, UT_PARAMETER_PROBLEM, "a rule with %zu "
				  "matches: the state store keeps 255 at most",
				  r->n_matches);
	encode_rule(r, &db->blob);
	if (db->blob.oom)
		return ut_err_iptc(err, ENOMEM, NULL);
	r->store_pos = pos;
	sqlite3_bind_int64(s, 1, c->store_id);
	sqlite3_bind_int64(s, 2, pos);
	sqlite3_bind_int64(s, 3, (int64_t)r->pcnt);
	sqlite3_bind_int64(s, 4, (int64_t)r->bcnt);
	if (r->verdict == UT_V_JUMP || r->verdict == UT_V_GOTO)
		sqlite3_bind_int64(s, 5, r->chain->store_id);
	sqlite3_bind_blob(s, 6, db->blob.data, (int)db->blob.len,
			  SQLITE_STATIC);
	return run(db, s, "adding a rule", err);
}

static int
rule_pos_op(struct ut_db *db, enum stmt_id op, const struct ut_chain *c,
	    const struct ut_rule *r, struct ut_err *err)
{
	sqlite3_stmt *s = stmt(db, op, err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, c->store_id);
	sqlite3_bind_int64(s, 2, r->store_pos);
	if (op == S_RULE_COUNT) {
		sqlite3_bind_int64(s, 3, (int64_t)r->pcnt);
		sqlite3_bind_int64(s, 4, (int64_t)r->bcnt);
	}
	return run(db, s, "writing a rule", err);
}

static int
chain_op(struct ut_db *db, enum stmt_id op, int64_t id, struct ut_err *err)
{
	sqlite3_stmt *s = stmt(db, op, err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return run(db, s, "writing a chain", err);
}

/* rewrite_chain: every rule of c afresh, evenly spaced */
static int
rewrite_chain(struct ut_db *db, struct ut_chain *c, struct ut_err *err)
{
	if (chain_op(db, S_CHAIN_RULES_DEL, c->store_id, err) < 0)
		return -1;
	for (size_t i = 0; i < c->n_rules; i++)
		if (rule_add(db, c, c->rules[i], (int64_t)(i + 1) * POS_GAP,
			     err) < 0)
			return -1;
	return 0;
}

/* keys_follow: the stored rules of new keep their order and all come
 * from old (then only the difference needs writing) */
static bool
keys_follow(const struct chain_keys *old, const struct ut_chain *c)
{
	size_t i = 0;

	for (size_t j = 0; j < c->n_rules; j++) {
		int64_t pos = c->rules[j]->store_pos;
		if (!pos)
			continue;
		while (i < old->n_rules && old->rules[i].pos < pos)
			i++;
		if (i == old->n_rules || old->rules[i].pos != pos)
			return false;
		i++;
	}
	return true;
}

/* delete_gone: the rules of old that c no longer has */
static int
delete_gone(struct ut_db *db, const struct chain_keys *old,
	    const struct ut_chain *c, struct ut_err *err)
{
	size_t j = 0;

	for (size_t i = 0; i < old->n_rules; i++) {
		int64_t pos = old->rules[i].pos;
		while (j < c->n_rules && (!c->rules[j]->store_pos ||
					  c->rules[j]->store_pos < pos))
			j++;
		if (j < c->n_rules && c->rules[j]->store_pos == pos) {
			j++;
			continue;
		}
		if (ut_db_rule_del(db, c, pos, err) < 0)
			return -1;
	}
	return 0;
}

/* stored_rule: the rule at pos in old (whose keys ascend from *hint) */
static const struct rule_key *
stored_rule(const struct chain_keys *old, size_t *hint, int64_t pos)
{
	while (*hint < old->n_rules && old->rules[*hint].pos < pos)
		(*hint)++;
	return &old->rules[*hint];
}

/* positions: where k new rules go between the stored ones at lo (0:
 * none before) and hi (0: none after): the first position and the step
 * between them; false if there is no room. */
static bool
positions(int64_t lo, int64_t hi, size_t k, int64_t *first, int64_t *step)
{
	*step = POS_GAP;
	if (lo && hi) {
		*step = (hi - lo) / (int64_t)(k + 1);
		/* past 0 by one: needs a step of 2 to stay below the next */
		if (*step == 0 || (*step < 2 && lo < 0 && hi > 0))
			return false;
		*first = lo + *step;
	} else if (hi) {
		*first = hi - (int64_t)k * POS_GAP;
		if (*first <= 0 && hi - POS_GAP >= 0 && hi % POS_GAP == 0)
			*first -= POS_GAP;
	} else {
		*first = lo + POS_GAP;
	}
	return true;
}

/* skip_zero: 0 means "not stored" in the IR, so no rule gets it: the
 * one that would is put one step further (one between two rules) */
static int64_t
skip_zero(int64_t p, int64_t lo, int64_t hi, int64_t step)
{
	return p ? p : lo && hi ? 1 : step;
}

/* place_new: positions for the new rules c->rules[j..j+k) between the
 * stored ones at lo and hi (see positions); 1 if there is no room */
static int
place_new(struct ut_db *db, struct ut_chain *c, size_t j, size_t k,
	  int64_t lo, int64_t hi, struct ut_err *err)
{
	int64_t p, step;

	if (!positions(lo, hi, k, &p, &step))
		return 1;
	for (size_t t = 0; t < k; t++, p += step) {
		p = skip_zero(p, lo, hi, step);
		if (rule_add(db, c, c->rules[j + t], p, err) < 0)
			return -1;
	}
	return 0;
}

/* write_rules: make the stored rules of c (stored as old, or NULL) those
 * of c, touching only the rows that differ */
static int
write_rules(struct ut_db *db, const struct chain_keys *old, struct ut_chain *c,
	    struct ut_err *err)
{
	size_t hint = 0;
	int64_t lo = 0;

	if (!old || !keys_follow(old, c))
		return old ? rewrite_chain(db, c, err) :
		       place_new(db, c, 0, c->n_rules, 0, 0, err);
	if (delete_gone(db, old, c, err) < 0)
		return -1;
	for (size_t j = 0; j < c->n_rules;) {
		struct ut_rule *r = c->rules[j];
		size_t k = 0;
		int ret;

		if (r->store_pos) {
			const struct rule_key *o = stored_rule(old, &hint,
							       r->store_pos);
			if ((o->pcnt != r->pcnt || o->bcnt != r->bcnt) &&
			    rule_pos_op(db, S_RULE_COUNT, c, r, err) < 0)
				return -1;
			lo = r->store_pos;
			j++;
			continue;
		}
		while (j + k < c->n_rules && !c->rules[j + k]->store_pos)
			k++;
		ret = place_new(db, c, j, k, lo, j + k < c->n_rules ?
				c->rules[j + k]->store_pos : 0, err);
		if (ret)
			return ret < 0 ? -1 : rewrite_chain(db, c, err);
		lo = c->rules[j + k - 1]->store_pos;
		j += k;
	}
	return 0;
}

static int
chain_add(struct ut_db *db, const struct ut_table *t, struct ut_chain *c,
	  struct ut_err *err)
{
	sqlite3_stmt *s = stmt(db, S_CHAIN_ADD, err);

	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, t->id);
	sqlite3_bind_text(s, 2, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, c->hook);
	sqlite3_bind_int(s, 4, c->policy);
	sqlite3_bind_int64(s, 5, (int64_t)c->pcnt);
	sqlite3_bind_int64(s, 6, (int64_t)c->bcnt);
	if (run(db, s, "adding a chain", err) < 0)
		return -1;
	c->store_id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

static int
chain_set(struct ut_db *db, const struct ut_chain *c, struct ut_err *err)
{
	sqlite3_stmt *s = stmt(db, S_CHAIN_SET, err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, c->store_id);
	sqlite3_bind_text(s, 2, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, c->policy);
	sqlite3_bind_int64(s, 4, (int64_t)c->pcnt);
	sqlite3_bind_int64(s, 5, (int64_t)c->bcnt);
	return run(db, s, "writing a chain", err);
}

static bool
chain_changed(const struct chain_keys *o, const struct ut_chain *c)
{
	return strcmp(o->name, c->name) != 0 || o->policy != c->policy ||
	       o->pcnt != c->pcnt || o->bcnt != c->bcnt;
}

/* keys_find: the chain of id in k (NULL k: none) */
static const struct chain_keys *
keys_find(const struct ut_db_keys *k, int64_t id)
{
	size_t lo = 0, hi = k ? k->n_chains : 0;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (k->chains[mid].id == id)
			return &k->chains[mid];
		if (k->chains[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int
keys_by_id(const void *a, const void *b)
{
	int64_t x = ((const struct chain_keys *)a)->id;
	int64_t y = ((const struct chain_keys *)b)->id;

	return x < y ? -1 : x > y;
}

static bool
chain_keys_of(struct chain_keys *k, const struct ut_chain *c)
{
	k->id = c->store_id;
	memcpy(k->name, c->name, sizeof(k->name));
	k->policy = c->policy;
	k->pcnt = c->pcnt;
	k->bcnt = c->bcnt;
	k->n_rules = c->n_rules;
	k->rules = malloc((c->n_rules + 1) * sizeof(*k->rules));
	if (!k->rules)
		return false;
	for (size_t i = 0; i < c->n_rules; i++)
		k->rules[i] = (struct rule_key){ c->rules[i]->store_pos,
						 c->rules[i]->pcnt,
						 c->rules[i]->bcnt };
	return true;
}

struct ut_db_keys *
ut_db_keys_of(const struct ut_table *t)
{
	struct ut_db_keys *k = calloc(1, sizeof(*k));

	if (!k || !(k->chains = calloc(t->n_chains + 1, sizeof(*k->chains)))) {
		free(k);
		return NULL;
	}
	for (; k->n_chains < t->n_chains; k->n_chains++)
		if (!chain_keys_of(&k->chains[k->n_chains],
				   t->chains[k->n_chains])) {
			ut_db_keys_free(k);
			return NULL;
		}
	qsort(k->chains, k->n_chains, sizeof(*k->chains), keys_by_id);
	return k;
}

void
ut_db_keys_free(struct ut_db_keys *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < k->n_chains; i++)
		free(k->chains[i].rules);
	free(k->chains);
	free(k);
}

/* write_chains: chains gone from old deleted (with their rules), new
 * ones added, changed ones updated; rules written after, once every
 * chain a rule may jump to has its id */
static int
write_chains(struct ut_db *db, const struct ut_db_keys *old,
	     struct ut_table *t, struct ut_err *err)
{
	struct ut_chain **idx;
	size_t n;
	int ret = 0;

	if (!(idx = chains_by_id(t, &n)))
		return ut_err_iptc(err, ENOMEM, NULL);
	for (size_t i = 0; old && i < old->n_chains && ret == 0; i++) {
		int64_t id = old->chains[i].id;
		if (!index_find(idx, n, id) &&
		    (chain_op(db, S_CHAIN_RULES_DEL, id, err) < 0 ||
		     chain_op(db, S_CHAIN_DEL, id, err) < 0))
			ret = -1;
	}
	free(idx);
	for (size_t i = 0; i < t->n_chains && ret == 0; i++) {
		struct ut_chain *c = t->chains[i];
		const struct chain_keys *o = c->store_id ?
			keys_find(old, c->store_id) : NULL;
		if (!o)
			ret = chain_add(db, t, c, err);
		else if (chain_changed(o, c))
			ret = chain_set(db, c, err);
	}
	return ret;
}

int
ut_db_write_table(struct ut_db *db, const struct ut_db_keys *old,
		  struct ut_table *t, struct ut_err *err)
{
	sqlite3_stmt *s = stmt(db, S_TABLE_ADD, err);
	int ret;

	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, t->id);
	if (run(db, s, "adding a table", err) < 0)
		return -1;
	ret = write_chains(db, old, t, err);
	for (size_t i = 0; i < t->n_chains && ret == 0; i++) {
		struct ut_chain *c = t->chains[i];
		ret = write_rules(db, keys_find(old, c->store_id), c, err);
	}
	return ret;
}

/* ---- one rule's row ------------------------------------------------ */

/* key_query: the one integer s answers (*pos, 0 when it answers none or
 * NULL) */
static int
key_query(struct ut_db *db, sqlite3_stmt *s, int64_t *pos, struct ut_err *err)
{
	int rc = sqlite3_step(s);

	*pos = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	       db_fail(db, "reading rules", err);
}

int
ut_db_rule_nth(struct ut_db *db, const struct ut_chain *c, size_t n,
	       int64_t *pos, struct ut_err *err)
{
	sqlite3_stmt *s = stmt(db, S_RULE_NTH, err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, c->store_id);
	sqlite3_bind_int64(s, 2, (int64_t)n);
	if (key_query(db, s, pos, err) < 0)
		return -1;
	return *pos ? 0 : 1;
}

int
ut_db_rule_last(struct ut_db *db, const struct ut_chain *c, int64_t *pos,
		struct ut_err *err)
{
	sqlite3_stmt *s = stmt(db, S_RULE_LAST, err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, c->store_id);
	return key_query(db, s, pos, err);
}

/* xt_blob_equal: the instance at rd is x, compared as ut_rule_equal
 * compares them (same extension, the data up to its compare size) */
static bool
xt_blob_equal(struct reader *rd, const struct ut_xt *x)
{
	const struct ut_ext *e = x->ext;
	size_t n = strlen(e->name);
	size_t cmp = e->cmp_none ? 0 : e->cmp_size ? e->cmp_size : e->size;
	unsigned char len, rev;
	uint32_t size;

	if (!take(rd, &len, 1) || len != n ||
	    (size_t)(rd->end - rd->p) < n || memcmp(rd->p, e->name, n) != 0)
		return false;
	rd->p += n;
	if (!take(rd, &rev, 1) || rev != (unsigned char)e->revision ||
	    !take(rd, &size, sizeof(size)) || size != e->size ||
	    (size_t)(rd->end - rd->p) < size ||
	    memcmp(rd->p, x->data, cmp) != 0)
		return false;
	rd->p += size;
	return true;
}

/* blob_equal: the stored rule (blob, jumping to chain id jump, 0: none)
 * is r as ut_rule_equal sees it, without decoding it: -C and -D by spec
 * read a chain's rows once, allocating nothing */
static bool
blob_equal(const void *blob, size_t len, int64_t jump,
	   const struct ut_rule *r)
{
	struct reader rd = { blob, (const unsigned char *)blob + len };
	unsigned char format, verdict, n;

	if (!take(&rd, &format, 1) || format != IR_FORMAT ||
	    (size_t)(rd.end - rd.p) < sizeof(r->ip) ||
	    memcmp(rd.p, &r->ip, sizeof(r->ip)) != 0)
		return false;
	rd.p += sizeof(r->ip);
	if (!take(&rd, &verdict, 1) || verdict != r->verdict ||
	    !take(&rd, &n, 1) || n != r->n_matches)
		return false;
	for (size_t i = 0; i < r->n_matches; i++)
		if (!xt_blob_equal(&rd, &r->matches[i]))
			return false;
	if (r->verdict == UT_V_JUMP || r->verdict == UT_V_GOTO)
		return jump == r->chain->store_id;
	return r->verdict != UT_V_EXT || xt_blob_equal(&rd, &r->target);
}

int
ut_db_rule_find(struct ut_db *db, const struct ut_chain *c,
		const struct ut_rule *r, int64_t *pos, struct ut_err *err)
{
	sqlite3_stmt *s = stmt(db, S_RULE_SCAN, err);
	int rc;

	if (!s)
		return -1;
	*pos = 0;
	sqlite3_bind_int64(s, 1, c->store_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (blob_equal(sqlite3_column_blob(s, 2),
			       (size_t)sqlite3_column_bytes(s, 2),
			       sqlite3_column_int64(s, 1), r)) {
			*pos = sqlite3_column_int64(s, 0);
			break;
		}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "reading rules", err);
	return *pos ? 0 : 1;
}

int
ut_db_rule_put(struct ut_db *db, const struct ut_chain *c, struct ut_rule *r,
	       int64_t lo, int64_t hi, struct ut_err *err)
{
	int64_t p, step;

	if (!positions(lo, hi, 1, &p, &step))
		return 1;
	return rule_add(db, c, r, skip_zero(p, lo, hi, step), err);
}

int
ut_db_rule_del(struct ut_db *db, const struct ut_chain *c, int64_t pos,
	       struct ut_err *err)
{
	struct ut_rule key = { .store_pos = pos };

	return rule_pos_op(db, S_RULE_DEL, c, &key, err);
}

int
ut_db_rule_replace(struct ut_db *db, const struct ut_chain *c, int64_t pos,
		   struct ut_rule *r, struct ut_err *err)
{
	if (ut_db_rule_del(db, c, pos, err) < 0)
		return -1;
	return rule_add(db, c, r, pos, err);
}

/* ---- state check ---------------------------------------------------- */

static const char *const invariant_sql[] = {
	"SELECT 'table ' || id || ': unknown' FROM tables "
	"WHERE id < 0 OR id >= 5",
	"SELECT 'chain ' || id || ' (' || name || '): its table is missing' "
	"FROM chains WHERE tbl NOT IN (SELECT id FROM tables)",
	"SELECT 'chain ' || name || ': twice in table ' || tbl FROM chains "
	"GROUP BY tbl, name HAVING COUNT(*) > 1",
	"SELECT 'rule ' || chain || '/' || pos || ': its chain is missing' "
	"FROM rules WHERE chain NOT IN (SELECT id FROM chains)",
	"SELECT 'rule ' || r.chain || '/' || r.pos || ': jumps to a chain "
	"that is missing, built in, or in another table' FROM rules r "
	"JOIN chains c ON c.id = r.chain WHERE r.jump IS NOT NULL AND "
	"NOT EXISTS (SELECT 1 FROM chains j WHERE j.id = r.jump AND "
	"j.tbl = c.tbl AND j.hook < 0)",
};

/* check_lines: each row of sql (one text column) is a problem */
static int
check_lines(struct ut_db *db, const char *sql, struct ut_buf *out,
	    int *problems, struct ut_err *err)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) != SQLITE_OK)
		return db_fail(db, "check", err);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(s, 0);
		if (line && strcmp(line, "ok") == 0)
			continue;
		ut_buf_printf(out, "%s: %s\n", db->path, line ? line : "?");
		(*problems)++;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "check", err);
}

int
ut_db_check(struct ut_db *db, struct ut_buf *out, struct ut_err *err)
{
	struct ut_ruleset *rs;
	struct ut_err lerr;
	int problems = 0;

	if (check_lines(db, "PRAGMA integrity_check", out, &problems,
			err) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(invariant_sql) / sizeof(*invariant_sql);
	     i++)
		if (check_lines(db, invariant_sql[i], out, &problems, err) < 0)
			return -1;
	if (problems)
		return 1;
	/* every rule decodes, every table passes the kernel's checks */
	rs = ut_ruleset_new();
	if (!rs)
		return ut_err_iptc(err, ENOMEM, NULL);
	ut_err_clear(&lerr);
	if (ut_db_load_all(db, rs, &lerr) < 0) {
		ut_buf_printf(out, "%s\n", lerr.msg);
		problems++;
	}
	for (size_t i = 0; !problems && i < rs->n_order; i++) {
		const struct ut_table *t = rs->tables[rs->order[i]];
		if (ut_table_validate(t, &lerr) < 0) {
			ut_buf_printf(out, "%s: table %s: %s\n", db->path,
				      t->name, lerr.msg);
			problems++;
		}
	}
	ut_ruleset_free(rs);
	return problems ? 1 : 0;
}
