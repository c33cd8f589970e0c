/* run_dir.c: the result folder of `run`: results are written in a
 * scratch folder inside DIR and moved in only when the run succeeded,
 * replacing the results of an earlier run (and only those), so a failed
 * run leaves DIR as it was. */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tool/tool.h"

char *
ut_tool_make_tmp_dir(const char *dir, struct ut_err *err)
{
	char *t;
	struct stat st;

	if (stat(dir, &st) < 0 && mkdir(dir, 0777) < 0) {
		ut_err_set(err, 2, "--out %s: %s", dir, strerror(errno));
		return NULL;
	}
	if (asprintf(&t, "%s/.utables-run.XXXXXX", dir) < 0) {
		ut_err_set(err, 2, "out of memory");
		return NULL;
	}
	if (!mkdtemp(t)) {
		ut_err_set(err, 2, "--out %s: %s", dir, strerror(errno));
		free(t);
		return NULL;
	}
	return t;
}

void
ut_tool_remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat st;
	char path[4096];

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			ut_tool_remove_tree(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

/* results of an earlier run in DIR would mix with these: remove the
 * files the contract names before moving the new ones in */
static bool
is_result_name(const char *name)
{
	size_t n = strlen(name);

	static const char *const names[] = {
		"counters", "conntrack", "conntrack-events", "log", "proc",
		"nfacct",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return n > 5 && strcmp(name + n - 5, ".pcap") == 0;
}

int
ut_tool_publish(const char *tmp, const char *dir, struct ut_err *err)
{
	DIR *d;
	struct dirent *de;
	char from[4096], to[4096];

	d = opendir(dir);
	while (d && (de = readdir(d))) {
		if (!is_result_name(de->d_name))
			continue;
		snprintf(to, sizeof(to), "%s/%s", dir, de->d_name);
		ut_tool_remove_tree(to);
		unlink(to);
	}
	if (d)
		closedir(d);
	d = opendir(tmp);
	if (!d)
		return ut_err_set(err, 2, "%s: %s", tmp, strerror(errno));
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(from, sizeof(from), "%s/%s", tmp, de->d_name);
		snprintf(to, sizeof(to), "%s/%s", dir, de->d_name);
		if (rename(from, to) < 0) {
			closedir(d);
			return ut_err_set(err, 2, "%s: %s", to,
					  strerror(errno));
		}
	}
	closedir(d);
	rmdir(tmp);
	return 0;
}

/* make_parents: the folders of path below dir (engine outputs such as
 * proc/net/xt_recent/NAME) */
static int
make_parents(const char *dir, char *path, struct ut_err *err)
{
	for (char *s = path + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = 0;
		if (mkdir(path, 0777) < 0 && errno != EEXIST) {
			ut_err_set(err, 2, "%s: %s", path, strerror(errno));
			*s = '/';
			return -1;
		}
		*s = '/';
	}
	return 0;
}

int
ut_tool_write_text(const char *dir, const char *name, const struct ut_buf *b,
	   struct ut_err *err)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (make_parents(dir, path, err) < 0)
		return -1;
	f = fopen(path, "w");
	if (!f)
		return ut_err_set(err, 2, "%s: %s", path, strerror(errno));
	fwrite(ut_buf_str(b), 1, b->len, f);
	if (fclose(f) != 0)
		return ut_err_set(err, 2, "%s: %s", path, strerror(errno));
	return 0;
}
