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

/* DIR/.utables-results: the names the last run published, so that the
 * next run replaces exactly those (an interface that sent then but not
 * now leaves no stale capture) and never touches anything else in DIR */
#define MANIFEST ".utables-results"

struct names {
	char **v;
	size_t n;
};

static void
names_free(struct names *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

static bool
names_has(const struct names *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], name) == 0)
			return true;
	return false;
}

static int
names_add(struct names *s, const char *name, struct ut_err *err)
{
	char **v = realloc(s->v, (s->n + 1) * sizeof(*v));

	if (v)
		s->v = v;
	if (!v || !(s->v[s->n] = strdup(name)))
		return ut_err_set(err, 2, "out of memory");
	s->n++;
	return 0;
}

/* a name a manifest may list: one entry of DIR, not a path out of it */
static bool
plain_name(const char *name)
{
	return name[0] && name[0] != '.' && !strchr(name, '/');
}

/* the results of the run before (none without its manifest) */
static int
read_manifest(const char *dir, struct names *old, struct ut_err *err)
{
	char path[4096], line[4096];
	FILE *f;
	int r = 0;

	snprintf(path, sizeof(path), "%s/" MANIFEST, dir);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (r == 0 && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (plain_name(line) && !names_has(old, line))
			r = names_add(old, line, err);
	}
	fclose(f);
	return r;
}

/* the results in tmp, listed in tmp's manifest as they go */
static int
list_results(const char *tmp, struct names *new, struct ut_err *err)
{
	char path[4096];
	DIR *d = opendir(tmp);
	struct dirent *de;
	FILE *f;
	int r = 0;

	if (!d)
		return ut_err_set(err, 2, "%s: %s", tmp, strerror(errno));
	while (r == 0 && (de = readdir(d)))
		if (plain_name(de->d_name))
			r = names_add(new, de->d_name, err);
	closedir(d);
	if (r < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/" MANIFEST, tmp);
	f = fopen(path, "w");
	if (!f)
		return ut_err_set(err, 2, "%s: %s", path, strerror(errno));
	for (size_t i = 0; i < new->n; i++)
		fprintf(f, "%s\n", new->v[i]);
	if (fclose(f) != 0)
		return ut_err_set(err, 2, "%s: %s", path, strerror(errno));
	return names_add(new, MANIFEST, err);
}

static bool
is_dir(const char *path, bool *exists)
{
	struct stat st;

	*exists = lstat(path, &st) == 0;
	return *exists && S_ISDIR(st.st_mode);
}

/* a new result may take the place of an entry of DIR the last run did
 * not write only when rename can replace it: a file by a file, never a
 * folder (rename would fail half way, or not at all for a folder) */
static int
check_replaceable(const char *tmp, const char *dir, const struct names *new,
		  const struct names *old, struct ut_err *err)
{
	char from[4096], to[4096];

	for (size_t i = 0; i < new->n; i++) {
		bool there, here, to_dir;

		if (names_has(old, new->v[i]))
			continue;
		snprintf(from, sizeof(from), "%s/%s", tmp, new->v[i]);
		snprintf(to, sizeof(to), "%s/%s", dir, new->v[i]);
		to_dir = is_dir(to, &there);
		if (there && (to_dir || is_dir(from, &here)))
			return ut_err_set(err, 2, "%s: %s (not a result of an "
					  "earlier run: left alone)", to,
					  strerror(to_dir ? EISDIR : ENOTDIR));
	}
	return 0;
}

/* move_all: names from src to dst; on a failure, those moved go back
 * and -1 (err set) */
static int
move_all(const char *src, const char *dst, char *const *v, size_t n,
	 struct ut_err *err)
{
	char from[4096], to[4096];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(from, sizeof(from), "%s/%s", src, v[i]);
		snprintf(to, sizeof(to), "%s/%s", dst, v[i]);
		if (rename(from, to) < 0)
			break;
	}
	if (i == n)
		return 0;
	ut_err_set(err, 2, "%s: %s", to, strerror(errno));
	while (i-- > 0) {
		snprintf(from, sizeof(from), "%s/%s", src, v[i]);
		snprintf(to, sizeof(to), "%s/%s", dst, v[i]);
		rename(to, from);
	}
	return -1;
}

/* publish: the earlier results (the last run's, and entries this run's
 * replace) go aside into tmp/.old, the new ones move in; a failure puts
 * everything back, so DIR has either all new results or the old ones */
static int
publish(const char *tmp, const char *dir, const struct names *new,
	const struct names *old, struct ut_err *err)
{
	char aside[4096], path[4096];
	struct names prev = { 0 };
	int r = 0;

	snprintf(aside, sizeof(aside), "%s/.old", tmp);
	if (mkdir(aside, 0777) < 0)
		return ut_err_set(err, 2, "%s: %s", aside, strerror(errno));
	for (size_t i = 0; r == 0 && i < old->n + new->n; i++) {
		const char *name = i < old->n ? old->v[i] : new->v[i - old->n];
		bool there;

		snprintf(path, sizeof(path), "%s/%s", dir, name);
		is_dir(path, &there);
		if (there && !names_has(&prev, name))
			r = names_add(&prev, name, err);
	}
	if (r == 0 && move_all(dir, aside, prev.v, prev.n, err) < 0)
		r = -1;
	else if (r == 0 && move_all(tmp, dir, new->v, new->n, err) < 0) {
		struct ut_err ignored;

		ut_err_clear(&ignored);
		/* the old results back: err already says what failed */
		move_all(aside, dir, prev.v, prev.n, &ignored);
		r = -1;
	}
	names_free(&prev);
	return r;
}

int
ut_tool_publish(const char *tmp, const char *dir, struct ut_err *err)
{
	struct names new = { 0 }, old = { 0 };
	int r;

	r = list_results(tmp, &new, err);
	if (r == 0)
		r = read_manifest(dir, &old, err);
	if (r == 0)
		r = check_replaceable(tmp, dir, &new, &old, err);
	if (r == 0)
		r = publish(tmp, dir, &new, &old, err);
	names_free(&new);
	names_free(&old);
	if (r == 0)
		ut_tool_remove_tree(tmp);
	return r;
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
