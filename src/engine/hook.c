/* hook.c: the hook lists (hook.h), kept sorted by priority as the
 * kernel's nf_hook_entries_grow keeps them. */
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"

int
ut_hook_register(struct ut_engine *e, enum ut_hook hook, int priority,
		 ut_hook_fn fn, const void *priv)
{
	struct ut_hook_list *l = &e->hooks[hook];
	size_t pos = 0;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		struct ut_hook_entry *n = realloc(l->entries,
						  cap * sizeof(*n));

		if (!n)
			return -1;
		l->entries = n;
		l->cap = cap;
	}
	/* after every entry of the same or a lower priority */
	while (pos < l->n && l->entries[pos].priority <= priority)
		pos++;
	memmove(&l->entries[pos + 1], &l->entries[pos],
		(l->n - pos) * sizeof(l->entries[0]));
	l->entries[pos].priority = priority;
	l->entries[pos].fn = fn;
	l->entries[pos].priv = priv;
	l->n++;
	return 0;
}

const struct ut_hook_list *
ut_hook_entries(const struct ut_engine *e, enum ut_hook hook)
{
	return &e->hooks[hook];
}

bool
ut_hook_has(const struct ut_engine *e, enum ut_hook hook, int priority)
{
	const struct ut_hook_list *l = &e->hooks[hook];

	for (size_t i = 0; i < l->n; i++)
		if (l->entries[i].priority == priority)
			return true;
	return false;
}

void
ut_hook_lists_free(struct ut_engine *e)
{
	for (int h = 0; h < UT_HOOK_MAX; h++) {
		free(e->hooks[h].entries);
		memset(&e->hooks[h], 0, sizeof(e->hooks[h]));
	}
}
