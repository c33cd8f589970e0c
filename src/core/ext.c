/* ext.c: the extension registry. The list of extensions is generated at
 * build time from the files in src/ext (tools/gen-ext-list.sh), so adding an
 * extension file is the only step needed to register it. */
#include <string.h>

#include "core/ext.h"

#define UT_EXT(id) extern const struct ut_ext ut_ext_##id;
#include "ext_list.h"
#undef UT_EXT

static const struct ut_ext *const ext_registry[] = {
#define UT_EXT(id) &ut_ext_##id,
#include "ext_list.h"
#undef UT_EXT
	NULL,
};

const struct ut_ext *const *
ut_ext_all(size_t *n)
{
	*n = sizeof(ext_registry) / sizeof(ext_registry[0]) - 1;
	return ext_registry;
}

const struct ut_ext *
ut_ext_find_rev(const char *name, enum ut_ext_kind kind, uint8_t revision)
{
	for (const struct ut_ext *const *e = ext_registry; *e; e++)
		if ((*e)->kind == kind && (*e)->revision == revision &&
		    strcmp((*e)->name, name) == 0)
			return *e;
	return NULL;
}

const struct ut_ext *
ut_ext_find(const char *name, enum ut_ext_kind kind)
{
	const struct ut_ext *best = NULL;

	for (const struct ut_ext *const *e = ext_registry; *e; e++)
		if ((*e)->kind == kind && strcmp((*e)->name, name) == 0 &&
		    (!best || (*e)->revision > best->revision))
			best = *e;
	return best;
}
