/* store.c: the rule-set state store of the iptables-mode commands: one
 * file in `iptables-save -c` form, a lock with iptables' -w semantics and
 * messages, and crash-safe replacement (write temp, fsync, rename). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>

#include "cli/cli.h"

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
	fd = open(lock, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
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

/* read_state: the state file's text into *text. 1: there is none yet. */
static int
read_state(const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "re");
	int saved;

	*text = NULL;
	*len = 0;
	if (!f)
		return errno == ENOENT ? 1 : -1;
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

/* load_state: the rule set the state file holds (none: an empty one) */
static int
load_state(const char *path, struct ut_ruleset **rsp, struct ut_err *err)
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

static int
write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* write_state: text as the state file, crash-safe: write a temporary
 * file, fsync it, rename it over the old one, fsync the directory. */
static int
write_state(const char *path, const struct ut_buf *text, struct ut_err *err)
{
	char tmp[4096], dir[4096], *slash;
	int fd, dfd, saved;

	if (text->oom)
		return ut_err_iptc(err, ENOMEM, NULL);
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0)
		goto fail;
	if (write_all(fd, text->data, text->len) < 0 || fsync(fd) < 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		errno = saved;
		goto fail;
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		goto fail;
	}
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash) {
		*(slash == dir ? slash + 1 : slash) = '\0';
		dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	return 0;
fail:
	return ut_err_set(err, UT_RESOURCE_PROBLEM, "can't write state file "
			  "%s: %s", path, strerror(errno));
}

/* store_init: st ready for ut_store_close whatever happens next, with
 * the state's path (state_path.c; create: make its default directory) */
static int
store_init(struct ut_store *st, const struct ut_cli_io *io, bool create,
	   struct ut_err *err)
{
	memset(st, 0, sizeof(*st));
	st->lock = -1;
	ut_buf_init(&st->loaded);
	st->path = st->path_buf;
	return ut_state_path(io, create, st->path_buf, sizeof(st->path_buf),
			     err);
}

int
ut_store_open(struct ut_store *st, const struct ut_cli_io *io, int wait,
	      struct ut_err *err)
{
	if (store_init(st, io, true, err) < 0)
		return -1;
	st->lock = lock_state(st->path, wait, err);
	if (st->lock < 0 || load_state(st->path, &st->rs, err) < 0)
		return -1;
	ut_store_serialize(st->rs, &st->loaded);
	return 0;
}

int
ut_store_open_read(struct ut_store *st, const struct ut_cli_io *io,
		   struct ut_err *err)
{
	if (store_init(st, io, false, err) < 0)
		return -1;
	return load_state(st->path, &st->rs, err);
}

int
ut_store_commit(struct ut_store *st, struct ut_err *err)
{
	struct ut_buf now;
	int ret = 0;

	ut_buf_init(&now);
	ut_store_serialize(st->rs, &now);
	if (now.len != st->loaded.len ||
	    memcmp(ut_buf_str(&now), ut_buf_str(&st->loaded), now.len) != 0)
		ret = write_state(st->path, &now, err);
	ut_buf_fini(&now);
	return ret;
}

void
ut_store_close(struct ut_store *st)
{
	unlock_state(st->lock);
	ut_ruleset_free(st->rs);
	ut_buf_fini(&st->loaded);
	memset(st, 0, sizeof(*st));
	st->lock = -1;
}
