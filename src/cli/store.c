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
#include <sys/stat.h>

#include "cli/cli.h"

const char *
ut_store_path(const struct ut_cli_io *io)
{
	const char *p = io->state_path;

	if (!p || !*p)
		p = getenv(UT_STATE_ENV);
	return p && *p ? p : UT_STATE_DEFAULT;
}

/* mkdir_parents: create the directories leading to path (mkdir -p). */
static void
mkdir_parents(const char *path)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0755);
			*p = '/';
		}
}

int
ut_store_lock(const char *path, int wait, struct ut_err *err)
{
	char lock[4096];
	const char *env = getenv("XTABLES_LOCKFILE");
	struct timespec start, now, pause = { 0, 10 * 1000 * 1000 };
	int fd;

	if (env && *env)
		snprintf(lock, sizeof(lock), "%s", env);
	else
		snprintf(lock, sizeof(lock), "%s.lock", path);
	mkdir_parents(lock);
	fd = open(lock, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0) {
		return ut_err_raw(err, UT_RESOURCE_PROBLEM, "Fatal: can't open "
				  "lock file %.900s: %s\n", lock,
				  strerror(errno));
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

void
ut_store_unlock(int fd)
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

int
ut_store_load(const char *path, struct ut_ruleset **rsp, struct ut_err *err)
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

int
ut_store_write(const char *path, struct ut_ruleset *rs, struct ut_err *err)
{
	char tmp[4096], dir[4096], *slash;
	struct ut_buf text;
	int fd, dfd, saved;

	ut_buf_init(&text);
	ut_store_serialize(rs, &text);
	if (text.oom) {
		ut_buf_fini(&text);
		return ut_err_iptc(err, ENOMEM, NULL);
	}
	mkdir_parents(path);
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0)
		goto fail;
	if (write_all(fd, text.data, text.len) < 0 || fsync(fd) < 0) {
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
	ut_buf_fini(&text);
	return 0;
fail:
	ut_buf_fini(&text);
	return ut_err_set(err, UT_RESOURCE_PROBLEM, "can't write state file "
			  "%s: %s", path, strerror(errno));
}
