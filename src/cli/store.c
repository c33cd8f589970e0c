/* store.c: the rule-set state store of the iptables-mode commands: a lock
 * with iptables' -w semantics and messages around one transaction on the
 * state database (src/store/db.c); the text state of earlier versions (at
 * the state path, or earlier versions' default rules.v4 beside the
 * default rules.db) is read, and converted by the first command that
 * writes. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "store/db.h"

static bool
regular_fd(int fd)
{
	struct stat sb;

	return fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* lock_state: take the xtables-style lock for path; wait < 0 forever,
 * 0 fail at once, n seconds. Returns fd >= 0 or -1 with err set. */
static int
lock_state(const char *path, int wait, struct ut_err *err)
{
	char lock[4096];
	const char *env = getenv("XTABLES_LOCKFILE");
	struct timespec start, now, pause = { 0, 10 * 1000 * 1000 };
	int fd;

	if (env && *env)
		snprintf(lock, sizeof(lock), "%s", env);
	else
		snprintf(lock, sizeof(lock), "%s.lock", path);
	/* never through a symlink another user planted, never a FIFO or a
	 * device (O_NONBLOCK: opening one must not hang) */
	fd = open(lock, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK,
		  0600);
	if (fd >= 0 && !regular_fd(fd)) {
		close(fd);
		fd = -1;
		errno = EINVAL;
	}
	if (fd < 0) {
		/* iptables' line, then which state it was and how to choose
		 * another: without the hint a user cannot tell why */
		struct ut_buf hint;

		ut_buf_init(&hint);
		ut_state_path_hint(path, &hint);
		ut_err_raw(err, UT_RESOURCE_PROBLEM, "Fatal: can't open lock "
			   "file %.400s: %s\n%.500s", lock, strerror(errno),
			   ut_buf_str(&hint));
		ut_buf_fini(&hint);
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK && errno != EINTR)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		/* no -w, or -w without a number: iptables waits for ever */
		if (wait > 0 && now.tv_sec - start.tv_sec >= wait)
			break;
		nanosleep(&pause, NULL);
	}
	close(fd);
	return ut_err_raw(err, UT_RESOURCE_PROBLEM, "Can't lock %.900s: %s\n"
			  "Another app is currently holding the xtables lock. "
			  "Stopped waiting after %ds.\n", lock,
			  strerror(EWOULDBLOCK), wait);
}

static void
unlock_state(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* read_state: the text state's text into *text. 1: there is none. */
static int
read_state(const char *path, char **text, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "r");
	int saved;

	*text = NULL;
	*len = 0;
	if (!f) {
		if (fd >= 0)
			close(fd);
		return errno == ENOENT ? 1 : -1;
	}
	*text = ut_read_all(f, len);
	saved = errno;
	if (*text && ferror(f)) {
		free(*text);
		*text = NULL;
	}
	fclose(f);
	errno = saved;
	return *text ? 0 : -1;
}

/* load_text: the rule set a text state holds (none: an empty one) */
static int
load_text(const char *path, struct ut_ruleset **rsp, struct ut_err *err)
{
	struct restore_opts o = { .state = true, .counters = true };
	struct ut_buf out, warn;
	struct ut_ruleset *rs = ut_ruleset_new();
	char *text;
	size_t len;
	int ret;

	*rsp = NULL;
	if (!rs)
		return ut_err_iptc(err, ENOMEM, NULL);
	ret = read_state(path, &text, &len);
	if (ret == 1) {
		*rsp = rs;
		return 0;
	}
	if (ret < 0) {
		ut_ruleset_free(rs);
		return ut_err_set(err, UT_RESOURCE_PROBLEM, "can't read state "
				  "file %s: %s", path, strerror(errno));
	}
	ut_buf_init(&out);
	ut_buf_init(&warn);
	ret = ut_restore_text(rs, text, len, &o, "utables", &out, &warn, err);
	ut_buf_fini(&out);
	ut_buf_fini(&warn);
	free(text);
	if (ret < 0) {
		char msg[UT_ERR_MSG_MAX];
		snprintf(msg, sizeof(msg), "%s", err->msg);
		ut_err_set(err, UT_RESOURCE_PROBLEM, "state file %s is corrupt "
			   "(line %d): %.900s", path, err->line, msg);
		err->line = 0;
		ut_ruleset_free(rs);
		return -1;
	}
	*rsp = rs;
	return 0;
}

/* state_kind: what is at path: 0 nothing (or an empty file), 1 a
 * database, 2 a text state; -1 with err set for anything else (a FIFO, a
 * device, a directory: a clear error, never a hang) */
static int
state_kind(const char *path, struct ut_err *err)
{
	struct stat sb;
	int db;

	if (stat(path, &sb) < 0) {
		if (errno == ENOENT)
			return 0;
		return ut_err_set(err, UT_RESOURCE_PROBLEM, "can't use state "
				  "file %s: %s", path, strerror(errno));
	}
	if (!S_ISREG(sb.st_mode))
		return ut_err_set(err, UT_RESOURCE_PROBLEM, "state file %s is "
				  "not a regular file", path);
	if (sb.st_size == 0)
		return 0;
	db = ut_db_is_database(path);
	if (db < 0)
		return ut_err_set(err, UT_RESOURCE_PROBLEM, "can't read state "
				  "file %s: %s", path, strerror(errno));
	return db ? 1 : 2;
}

/* store_init: st ready for ut_store_close whatever happens next, with
 * the state's path (state_path.c; create: make its default directory) */
static int
store_init(struct ut_store *st, const struct ut_cli_io *io, bool create,
	   struct ut_err *err)
{
	memset(st, 0, sizeof(*st));
	st->lock = -1;
	st->path = st->path_buf;
	return ut_state_path(io, create, st->path_buf, sizeof(st->path_buf),
			     err);
}

/* write_all_tables: every table of rs into db, oldest first */
static int
write_all_tables(struct ut_db *db, struct ut_ruleset *rs, struct ut_err *err)
{
	for (size_t i = rs->n_order; i-- > 0;)
		if (ut_db_write_table(db, NULL, rs->tables[rs->order[i]],
				      err) < 0)
			return -1;
	return 0;
}

/* text_to_db: a new database at db_path holding rs, with the owner and
 * mode of the text state (sb) */
static int
text_to_db(const char *db_path, struct ut_ruleset *rs, const struct stat *sb,
	   struct ut_err *err)
{
	struct ut_db *db;
	int ret;

	unlink(db_path);
	ret = ut_db_create(&db, db_path, err);
	if (ret == 0)
		ret = ut_db_begin(db, true, err);
	if (ret == 0)
		ret = write_all_tables(db, rs, err);
	if (ret == 0)
		ret = ut_db_commit(db, err);
	ut_db_close(db);
	if (ret == 0 && (chmod(db_path, sb->st_mode & 07777) < 0 ||
			 (chown(db_path, sb->st_uid, sb->st_gid) < 0 &&
			  errno != EPERM)))
		ret = ut_err_set(err, UT_RESOURCE_PROBLEM, "can't set the "
				 "mode of %s: %s", db_path, strerror(errno));
	if (ret < 0)
		unlink(db_path);
	return ret;
}

static void
fsync_dir(const char *path)
{
	char dir[4096], *slash;
	int dfd;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else
		*(slash == dir ? slash + 1 : slash) = '\0';
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
}

/* keep_text: the text state text_path also as txt (a hard link). A link
 * already there to the same file is what a conversion interrupted
 * before its rename left: it is kept. */
static int
keep_text(const char *text_path, const char *txt, struct ut_err *err)
{
	struct stat a, b;

	if (link(text_path, txt) == 0)
		return 0;
	if (errno == EEXIST && stat(text_path, &a) == 0 &&
	    stat(txt, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		return 0;
	return ut_err_set(err, UT_RESOURCE_PROBLEM, "can't keep the text "
			  "state %s as %s: %s", text_path, txt,
			  strerror(errno));
}

/* convert_text: the text state at text_path becomes the database at
 * st->path (in place when they are the same path; earlier versions'
 * default rules.v4 goes to rules.db beside it); the text stays as
 * TEXT_PATH.txt (hard link, made before the rename: a crash leaves the
 * text or the database, both whole). Under the lock. */
static int
convert_text(struct ut_store *st, const char *text_path, struct ut_buf *note,
	     struct ut_err *err)
{
	char tmp[4096], txt[4096];
	bool in_place = strcmp(text_path, st->path) == 0;
	struct ut_ruleset *rs;
	struct stat sb;
	int ret;

	if (stat(text_path, &sb) < 0 || load_text(text_path, &rs, err) < 0)
		return err->status ? -1 :
		       ut_err_set(err, UT_RESOURCE_PROBLEM, "can't read state "
				  "file %s: %s", text_path, strerror(errno));
	snprintf(tmp, sizeof(tmp), "%s.new.%ld", st->path, (long)getpid());
	snprintf(txt, sizeof(txt), "%s.txt", text_path);
	ret = text_to_db(tmp, rs, &sb, err);
	ut_ruleset_free(rs);
	if (ret < 0)
		return -1;
	if (keep_text(text_path, txt, err) < 0) {
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, st->path) < 0) {
		ret = ut_err_set(err, UT_RESOURCE_PROBLEM, "can't replace the "
				 "text state %s: %s", st->path,
				 strerror(errno));
		unlink(tmp);
		unlink(txt);
		return ret;
	}
	/* the database is the state now: the old name goes, its text stays
	 * as txt (a crash before this leaves a stale copy, never read) */
	if (!in_place)
		unlink(text_path);
	fsync_dir(st->path);
	if (in_place)
		ut_buf_printf(note, "utables: the text state %s is now a "
			      "database; the text is kept as %s\n", st->path,
			      txt);
	else
		ut_buf_printf(note, "utables: the text state %s of an earlier "
			      "version is now the database %s; the text is "
			      "kept as %s\n", text_path, st->path, txt);
	return 0;
}

/* old_text_state: earlier versions' default text state (rules.v4 beside
 * the default rules.db, state_path.c) into old, when st->path is the
 * default and holds nothing yet: 1; otherwise 0 */
static int
old_text_state(const struct ut_store *st, const struct ut_cli_io *io,
	       char *old, size_t size)
{
	struct ut_err ignored;

	ut_err_clear(&ignored);
	return ut_state_old_default(io, st->path, old, size) &&
	       state_kind(old, &ignored) == 2;
}

int
ut_store_open(struct ut_store *st, struct ut_cli_io *io, int wait,
	      struct ut_err *err)
{
	char old[4096];
	int kind;

	if (store_init(st, io, true, err) < 0)
		return -1;
	st->lock = lock_state(st->path, wait, err);
	if (st->lock < 0)
		return -1;
	st->rs = ut_ruleset_new();
	if (!st->rs)
		return ut_err_iptc(err, ENOMEM, NULL);
	kind = state_kind(st->path, err);
	if (kind < 0 ||
	    (kind == 2 && convert_text(st, st->path, &io->errb, err) < 0) ||
	    (kind == 0 && old_text_state(st, io, old, sizeof(old)) &&
	     convert_text(st, old, &io->errb, err) < 0))
		return -1;
	if (ut_db_open(&st->db, st->path, true, err) < 0)
		return -1;
	return ut_db_begin(st->db, true, err);
}

/* keep_keys: the keys of table id as st->rs holds it (what the database
 * holds now) */
static int
keep_keys(struct ut_store *st, enum ut_table_id id, struct ut_err *err)
{
	struct ut_db_keys *k = ut_db_keys_of(st->rs->tables[id]);

	if (!k)
		return ut_err_iptc(err, ENOMEM, NULL);
	ut_db_keys_free(st->keys[id]);
	st->keys[id] = k;
	st->stored[id] = true;
	return 0;
}

int
ut_store_load(struct ut_store *st, const char *table,
	      const struct ut_db_focus *focus, struct ut_err *err)
{
	const struct ut_table_desc *d;
	int ret;

	if (!table) {
		if (ut_db_load_all(st->db, st->rs, err) < 0)
			return -1;
		for (int i = 0; i < UT_TABLE_MAX; i++)
			if (st->rs->tables[i] && keep_keys(st, i, err) < 0)
				return -1;
		return 0;
	}
	d = ut_table_desc_by_name(table);
	if (!d)
		return 0;
	ret = ut_db_load_table(st->db, st->rs, d->id, focus, err);
	if (ret == 0)
		return keep_keys(st, d->id, err);
	return ret < 0 ? -1 : 0;
}

int
ut_store_open_read(struct ut_store *st, const struct ut_cli_io *io,
		   struct ut_err *err)
{
	char old[4096];
	int kind, ret;

	if (store_init(st, io, false, err) < 0)
		return -1;
	kind = state_kind(st->path, err);
	if (kind < 0)
		return -1;
	if (kind == 2)
		return load_text(st->path, &st->rs, err);
	if (kind == 0 && old_text_state(st, io, old, sizeof(old)))
		return load_text(old, &st->rs, err);
	st->rs = ut_ruleset_new();
	if (!st->rs)
		return ut_err_iptc(err, ENOMEM, NULL);
	if (kind == 0)
		return 0;
	ret = ut_db_open(&st->db, st->path, false, err);
	if (ret == 0)
		ret = ut_db_begin(st->db, false, err);
	if (ret == 0)
		ret = ut_db_load_all(st->db, st->rs, err);
	return ret;
}

int
ut_store_put(struct ut_store *st, struct ut_table *t, struct ut_err *err)
{
	const struct ut_db_keys *old = st->stored[t->id] ? st->keys[t->id] :
				       NULL;

	if (ut_db_write_table(st->db, old, t, err) < 0) {
		if (st->rs->tables[t->id] != t)
			ut_table_free(t);
		return -1;
	}
	ut_ruleset_table_replace(st->rs, t);
	return keep_keys(st, t->id, err);
}

int
ut_store_commit(struct ut_store *st, struct ut_err *err)
{
	struct ut_ruleset *rs = st->rs;

	/* oldest first: each is the newest when written */
	for (size_t i = rs->n_order; i-- > 0;) {
		struct ut_table *t = rs->tables[rs->order[i]];
		if (st->stored[t->id])
			continue;
		if (ut_db_write_table(st->db, NULL, t, err) < 0 ||
		    keep_keys(st, t->id, err) < 0)
			return -1;
	}
	return ut_db_commit(st->db, err);
}

int
ut_store_install(void *ctx, struct ut_table *t, struct ut_err *err)
{
	struct ut_store *st = ctx;

	if (ut_store_put(st, t, err) < 0 || ut_store_commit(st, err) < 0)
		return -1;
	return ut_db_begin(st->db, true, err);
}

int
ut_store_check(const struct ut_cli_io *io, struct ut_buf *out,
	       struct ut_err *err)
{
	struct ut_store st;
	char old[4096];
	int kind, ret;

	if (store_init(&st, io, false, err) < 0)
		return -1;
	kind = state_kind(st.path, err);
	if (kind < 0)
		return -1;
	if (kind == 0 && old_text_state(&st, io, old, sizeof(old))) {
		ut_buf_printf(out, "%s: no state yet; %s is the text state of "
			      "an earlier version (the next command that "
			      "writes converts it into %s)\n", st.path, old,
			      st.path);
		return 1;
	}
	if (kind != 1) {
		ut_buf_printf(out, "%s: %s\n", st.path, kind ? "a text state "
			      "(the next command that writes converts it)" :
			      "no state yet");
		return kind ? 1 : 0;
	}
	ret = ut_db_open(&st.db, st.path, false, err);
	if (ret == 0)
		ret = ut_db_begin(st.db, false, err);
	if (ret == 0)
		ret = ut_db_check(st.db, out, err);
	if (ret == 0)
		ut_buf_printf(out, "%s: ok\n", st.path);
	ut_store_close(&st);
	return ret;
}

void
ut_store_close(struct ut_store *st)
{
	for (int i = 0; i < UT_TABLE_MAX; i++)
		ut_db_keys_free(st->keys[i]);
	ut_db_close(st->db);
	unlock_state(st->lock);
	ut_ruleset_free(st->rs);
	memset(st, 0, sizeof(*st));
	st->lock = -1;
}
