/* cls_live.c: one published classifier, swapped with one pointer store
 * while lookups run (the design: ut_cls_live in classify.h).
 *
 * Epochs, as RCU's grace periods: each reader has a slot holding the
 * epoch it entered in (0: outside). A reader stores its epoch, then
 * loads the pointer; the writer stores the new pointer, moves the epoch
 * on, then waits until every slot is 0 or at the new epoch before it
 * frees the old classifier. All are sequentially consistent atomics: a
 * reader whose slot the writer saw at 0 stores its epoch after the
 * writer's look, so its pointer load comes after the new pointer's
 * store and cannot return the old one; a reader the writer saw inside
 * is waited for. A reader that enters again after the swap is at the
 * new epoch and does not hold the writer back.
 */
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "classify/classify.h"

struct ut_cls_live {
	_Atomic(struct ut_cls *) cur;
	atomic_uint_fast64_t epoch;          /* >= 1 */
	atomic_bool taken[UT_CLS_LIVE_READERS];
	atomic_uint_fast64_t in[UT_CLS_LIVE_READERS];
};

struct ut_cls_live *
ut_cls_live_new(struct ut_cls *first, struct ut_err *err)
{
	struct ut_cls_live *l = calloc(1, sizeof(*l));

	if (!l) {
		ut_err_set(err, 2, "out of memory (live classifier)");
		return NULL;
	}
	atomic_init(&l->cur, first);
	atomic_init(&l->epoch, 1);
	for (size_t r = 0; r < UT_CLS_LIVE_READERS; r++) {
		atomic_init(&l->taken[r], false);
		atomic_init(&l->in[r], 0);
	}
	return l;
}

void
ut_cls_live_free(struct ut_cls_live *l)
{
	if (!l)
		return;
	ut_cls_free(atomic_load(&l->cur));
	free(l);
}

int
ut_cls_live_join(struct ut_cls_live *l)
{
	for (int r = 0; r < UT_CLS_LIVE_READERS; r++) {
		bool no = false;

		if (atomic_compare_exchange_strong(&l->taken[r], &no, true))
			return r;
	}
	return -1;
}

void
ut_cls_live_part(struct ut_cls_live *l, int reader)
{
	atomic_store(&l->in[reader], 0);
	atomic_store(&l->taken[reader], false);
}

const struct ut_cls *
ut_cls_live_enter(struct ut_cls_live *l, int reader)
{
	atomic_store(&l->in[reader], atomic_load(&l->epoch));
	return atomic_load(&l->cur);
}

void
ut_cls_live_exit(struct ut_cls_live *l, int reader)
{
	atomic_store(&l->in[reader], 0);
}

void
ut_cls_live_swap(struct ut_cls_live *l, struct ut_cls *next)
{
	struct ut_cls *old = atomic_exchange(&l->cur, next);
	uint_fast64_t now = atomic_fetch_add(&l->epoch, 1) + 1;

	for (int r = 0; r < UT_CLS_LIVE_READERS; r++)
		for (;;) {
			uint_fast64_t e = atomic_load(&l->in[r]);

			if (e == 0 || e >= now)
				break;
			sched_yield();
		}
	ut_cls_free(old);
}
