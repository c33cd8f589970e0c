/* state_path.c: where the rule-set state lives when nobody says, and the
 * one directory utables may create for it.
 *
 * A path the user gives (io->state_path, then $UTABLES_STATE) is used as
 * it is, and its directory must exist: a typo such as
 * UTABLES_STATE=/nonexistent/dir/x is an error, never a new directory.
 * Without one, root gets the system path (UT_STATE_DEFAULT) and any other
 * user a state of their own under $XDG_STATE_HOME (by the XDG base
 * directory rules: ~/.local/state when it is unset or not absolute), so
 * that a first `utables iptables -L` works without root. Only that
 * default directory is created. Earlier versions' default file (rules.v4,
 * a text state, in the same directory) is named for the store, which
 * reads it, and converts it into rules.db on the first write. Kept apart
 * from the store so that the store's format can change without touching
 * this. */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cli/cli.h"

#define STATE_DIR_NAME "utables"
#define STATE_FILE_NAME "rules.db"
/* the default file of earlier versions (a text state) in the same
 * directory: picked up by the store when the default is used */
#define OLD_STATE_FILE_NAME "rules.v4"

/* home_dir: $HOME, else the password database's entry, NULL if none */
static const char *
home_dir(void)
{
	const char *home = getenv("HOME");
	const struct passwd *pw;

	if (home && *home == '/')
		return home;
	pw = getpwuid(geteuid());
	return pw && pw->pw_dir && *pw->pw_dir == '/' ? pw->pw_dir : NULL;
}

/* user_default: a non-root user's default state file into buf */
static int
user_default(char *buf, size_t size, struct ut_err *err)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home;
	int n;

	if (xdg && *xdg == '/') {
		n = snprintf(buf, size, "%s/" STATE_DIR_NAME "/" STATE_FILE_NAME,
			     xdg);
	} else {
		home = home_dir();
		if (!home)
			return ut_err_set(err, UT_RESOURCE_PROBLEM, "no home "
					  "directory for the default state "
					  "file; set %s to the file to use",
					  UT_STATE_ENV);
		n = snprintf(buf, size, "%s/.local/state/" STATE_DIR_NAME "/"
			     STATE_FILE_NAME, home);
	}
	if (n < 0 || (size_t)n >= size)
		return ut_err_set(err, UT_RESOURCE_PROBLEM, "default state "
				  "path too long; set %s to the file to use",
				  UT_STATE_ENV);
	return 0;
}

/* given_path: the path the caller or the environment names, or NULL */
static const char *
given_path(const struct ut_cli_io *io)
{
	const char *p = io->state_path;

	if (!p || !*p)
		p = getenv(UT_STATE_ENV);
	return p && *p ? p : NULL;
}

/* mkdir_p: create dir and its missing parents (mode for each) */
static int
mkdir_p(char *dir, mode_t mode)
{
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, mode) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return mkdir(dir, mode) < 0 && errno != EEXIST ? -1 : 0;
}

/* parent_of: the directory part of path into dir ("." when none) */
static void
parent_of(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(dir, size, ".");
	else if (slash == path)
		snprintf(dir, size, "/");
	else
		snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

int
ut_state_path(const struct ut_cli_io *io, bool create, char *buf,
	      size_t size, struct ut_err *err)
{
	const char *given = given_path(io);
	char dir[4096];
	struct stat sb;

	if (given) {
		if (snprintf(buf, size, "%s", given) >= (int)size)
			return ut_err_set(err, UT_RESOURCE_PROBLEM, "state "
					  "path too long: %.200s...", given);
		parent_of(buf, dir, sizeof(dir));
		if (stat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode))
			return ut_err_set(err, UT_RESOURCE_PROBLEM, "the "
					  "directory of the state file %.900s "
					  "does not exist (utables creates "
					  "only its default directory): create "
					  "it, or set %s to another file",
					  buf, UT_STATE_ENV);
		return 0;
	}
	if (geteuid() == 0) {
		snprintf(buf, size, "%s", UT_STATE_DEFAULT);
	} else if (user_default(buf, size, err) < 0) {
		return -1;
	}
	if (!create)
		return 0;
	parent_of(buf, dir, sizeof(dir));
	if (mkdir_p(dir, geteuid() == 0 ? 0755 : 0700) < 0)
		return ut_err_set(err, UT_RESOURCE_PROBLEM, "can't create the "
				  "state directory %.900s: %s; set %s to a "
				  "file in a writable directory", dir,
				  strerror(errno), UT_STATE_ENV);
	return 0;
}

int
ut_state_old_default(const struct ut_cli_io *io, const char *path,
		     char *buf, size_t size)
{
	char dir[4096];

	if (given_path(io))
		return 0;
	parent_of(path, dir, sizeof(dir));
	return snprintf(buf, size, "%s/" OLD_STATE_FILE_NAME, dir) <
	       (int)size;
}

void
ut_state_path_hint(const char *path, struct ut_buf *out)
{
	ut_buf_printf(out, "utables: the rule-set state is %s; set %s to a "
		      "file in a writable directory to use another\n", path,
		      UT_STATE_ENV);
}
