/* ext.c: the extension registry. The list of extensions is generated at
 * build time from the files in src/ext (tools/gen-ext-list.sh), so adding an
 * extension file is the only step needed to register it. */
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "rules/ext.h"

#define UT_EXT(id) extern const struct ut_ext ut_ext_##id;
#include "ext_list.h"
#undef UT_EXT

static const struct ut_ext *const ext_registry[] = {
#define UT_EXT(id) &ut_ext_##id,
#include "ext_list.h"
#undef UT_EXT
	NULL,
};

#define N_EXT (sizeof(ext_registry) / sizeof(ext_registry[0]) - 1)

/* ext_by_name: the registry sorted by (name, kind, revision), built once;
 * lookups happen for every -m/-j of every rule of a restore. */
static const struct ut_ext *ext_by_name[N_EXT + 1];
static pthread_once_t ext_sort_once = PTHREAD_ONCE_INIT;

static int
ext_cmp(const struct ut_ext *a, const struct ut_ext *b)
{
	int c = strcmp(a->name, b->name);

	if (c)
		return c;
	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	return (int)a->revision - (int)b->revision;
}

static int
ext_qsort_cmp(const void *a, const void *b)
{
	return ext_cmp(*(const struct ut_ext *const *)a,
		       *(const struct ut_ext *const *)b);
}

static void
ext_sort(void)
{
	memcpy(ext_by_name, ext_registry, sizeof(ext_registry));
	qsort(ext_by_name, N_EXT, sizeof(ext_by_name[0]), ext_qsort_cmp);
}

/* ext_first: index of the first entry named name of kind, or N_EXT */
static size_t
ext_first(const char *name, enum ut_ext_kind kind)
{
	struct ut_ext key = { .name = name, .kind = kind, .revision = 0 };
	size_t lo = 0, hi = N_EXT;

	pthread_once(&ext_sort_once, ext_sort);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ext_cmp(ext_by_name[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < N_EXT && ext_by_name[lo]->kind == kind &&
	    strcmp(ext_by_name[lo]->name, name) == 0)
		return lo;
	return N_EXT;
}

const struct ut_ext *const *
ut_ext_all(size_t *n)
{
	*n = N_EXT;
	return ext_registry;
}

const struct ut_ext *
ut_ext_find_rev(const char *name, enum ut_ext_kind kind, uint8_t revision)
{
	for (size_t i = ext_first(name, kind); i < N_EXT &&
	     ext_by_name[i]->kind == kind &&
	     strcmp(ext_by_name[i]->name, name) == 0; i++)
		if (ext_by_name[i]->revision == revision)
			return ext_by_name[i];
	return NULL;
}

const struct ut_ext *
ut_ext_find(const char *name, enum ut_ext_kind kind)
{
	const struct ut_ext *best = NULL;

	/* revisions ascend within a name: the last one is the newest */
	for (size_t i = ext_first(name, kind); i < N_EXT &&
	     ext_by_name[i]->kind == kind &&
	     strcmp(ext_by_name[i]->name, name) == 0; i++)
		best = ext_by_name[i];
	return best;
}

const struct ut_rule *
ut_kcheck_rule(const struct ut_kcheck *kc)
{
	/* container_of(kc->ip, struct ut_rule, ip); see the header */
	return (const struct ut_rule *)(const void *)((const char *)kc->ip -
		offsetof(struct ut_rule, ip));
}

int
ut_kcheck_proc_name(const char *name, size_t size)
{
	if (name[0] == '\0')
		return -EINVAL;
	if (strnlen(name, size) == size)
		return -ENAMETOOLONG;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
	    strchr(name, '/'))
		return -EINVAL;
	return 0;
}

/* the nfacct objects of the emulated kernel (ext.h) */
static char *const *kc_nfacct;
static size_t kc_n_nfacct;

void
ut_kcheck_nfacct_objects(char *const *names, size_t n)
{
	kc_nfacct = names;
	kc_n_nfacct = names ? n : 0;
}

bool
ut_kcheck_nfacct_exists(const char *name)
{
	for (size_t i = 0; i < kc_n_nfacct; i++)
		if (strcmp(kc_nfacct[i], name) == 0)
			return true;
	return false;
}
