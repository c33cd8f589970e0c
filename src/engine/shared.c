/* shared.c: named objects shared by the rules of one engine (engine.h).
 *
 * A list in creation order: rule sets name few of them (a recent list or
 * a hashlimit table per name), and they are looked up when the engine is
 * built, never per packet (an instance keeps its pointer in its state).
 * Creation order is also the order `run` writes their views in.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"

struct ut_shared {
	struct ut_shared *next;
	const struct ut_shared_ops *ops;
	char *name;
	void *obj;
	unsigned refs;
};

static struct ut_shared *
shared_find(const struct ut_engine *e, const char *kind, const char *name)
{
	for (struct ut_shared *s = e->shared; s; s = s->next)
		if (strcmp(s->ops->kind, kind) == 0 &&
		    strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

void *
ut_engine_shared_get(struct ut_engine *e, const struct ut_shared_ops *ops,
		     const char *name, const void *arg, struct ut_err *err)
{
	struct ut_shared *s = shared_find(e, ops->kind, name), **tail;

	if (s) {
		assert(s->ops == ops);
		s->refs++;
		return s->obj;
	}
	s = calloc(1, sizeof(*s));
	if (!s || !(s->name = strdup(name))) {
		free(s);
		ut_err_set(err, 2, "out of memory");
		return NULL;
	}
	s->ops = ops;
	s->refs = 1;
	s->obj = ops->new_obj(e, name, arg, err);
	if (!s->obj) {
		free(s->name);
		free(s);
		return NULL;
	}
	for (tail = &e->shared; *tail; tail = &(*tail)->next)
		;
	*tail = s;
	return s->obj;
}

void *
ut_engine_shared_find(struct ut_engine *e, const char *kind, const char *name)
{
	struct ut_shared *s = shared_find(e, kind, name);

	return s ? s->obj : NULL;
}

static void
shared_free(struct ut_engine *e, struct ut_shared *s)
{
	s->ops->free_obj(e, s->obj);
	free(s->name);
	free(s);
}

void
ut_engine_shared_put(struct ut_engine *e, void *obj)
{
	struct ut_shared **pp = &e->shared, *s;

	if (!obj)
		return;
	while (*pp && (*pp)->obj != obj)
		pp = &(*pp)->next;
	assert(*pp);
	s = *pp;
	if (!s || --s->refs > 0)
		return;
	*pp = s->next;
	shared_free(e, s);
}

void
ut_shared_free_all(struct ut_engine *e)
{
	while (e->shared) {
		struct ut_shared *s = e->shared;

		e->shared = s->next;
		shared_free(e, s);
	}
}

/* ut_shared_outputs: the views of the objects that have one */
int
ut_shared_outputs(const struct ut_engine *e, ut_output_fn fn, void *ctx,
		  struct ut_err *err)
{
	struct ut_buf path, text;
	int r = 0;

	ut_buf_init(&path);
	ut_buf_init(&text);
	for (const struct ut_shared *s = e->shared; s && r == 0; s = s->next) {
		if (!s->ops->output)
			continue;
		ut_buf_reset(&path);
		ut_buf_reset(&text);
		s->ops->output(e, s->obj, s->name, &path, &text);
		if (path.oom || text.oom)
			r = ut_err_set(err, 2, "out of memory");
		else
			r = fn(ctx, ut_buf_str(&path), &text, err);
	}
	ut_buf_fini(&path);
	ut_buf_fini(&text);
	return r;
}
