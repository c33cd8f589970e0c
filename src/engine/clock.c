/* clock.c: the packet clock and the timer queue (clock.h).
 *
 * The queue is a binary min-heap ordered by (when_ns, seq): arming and
 * firing cost O(log n), and equal expiry times fire in arming order, so a
 * run is deterministic. Each armed timer knows its heap slot, so a
 * cancel or re-arm needs no search.
 */
#include <assert.h>
#include <stdlib.h>

#include "engine/engine_int.h"

/* INITIAL_JIFFIES: the kernel starts jiffies 5 minutes before the wrap
 * so that wrap bugs show early; the engine's clock starts there too */
#define INITIAL_JIFFIES(hz) ((unsigned long)(-300L * (long)(hz)))

void
ut_timer_init(struct ut_timer *t, ut_timer_fn fn)
{
	t->when_ns = 0;
	t->seq = 0;
	t->slot = 0;
	t->fn = fn;
}

static bool
timer_before(const struct ut_timer *a, const struct ut_timer *b)
{
	return a->when_ns < b->when_ns ||
	       (a->when_ns == b->when_ns && a->seq < b->seq);
}

static void
heap_set(struct ut_timerq *q, size_t i, struct ut_timer *t)
{
	q->heap[i] = t;
	t->slot = i + 1;
}

static void
heap_up(struct ut_timerq *q, size_t i)
{
	struct ut_timer *t = q->heap[i];

	while (i > 0 && timer_before(t, q->heap[(i - 1) / 2])) {
		heap_set(q, i, q->heap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	heap_set(q, i, t);
}

static void
heap_down(struct ut_timerq *q, size_t i)
{
	struct ut_timer *t = q->heap[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= q->n)
			break;
		if (c + 1 < q->n && timer_before(q->heap[c + 1], q->heap[c]))
			c++;
		if (!timer_before(q->heap[c], t))
			break;
		heap_set(q, i, q->heap[c]);
		i = c;
	}
	heap_set(q, i, t);
}

/* heap_remove: take the timer at index i out of the heap */
static void
heap_remove(struct ut_timerq *q, size_t i)
{
	struct ut_timer *t = q->heap[i], *last;

	assert(i < q->n && t->slot == i + 1);
	t->slot = 0;
	if (--q->n == i)
		return;
	/* the last timer fills the hole, then moves down or up */
	last = q->heap[q->n];
	heap_set(q, i, last);
	heap_down(q, i);
	heap_up(q, last->slot - 1);
}

int
ut_timer_arm(struct ut_engine *e, struct ut_timer *t, uint64_t when_ns)
{
	struct ut_timerq *q = &e->timers;

	if (!ut_timer_armed(t) && q->n == q->cap) {
		size_t cap = q->cap ? 2 * q->cap : 16;
		struct ut_timer **h = realloc(q->heap, cap * sizeof(*h));

		if (!h)
			return -1;
		q->heap = h;
		q->cap = cap;
	}
	if (ut_timer_armed(t))
		heap_remove(q, t->slot - 1);
	t->when_ns = when_ns;
	t->seq = q->next_seq++;
	heap_set(q, q->n++, t);
	heap_up(q, q->n - 1);
	return 0;
}

void
ut_timer_cancel(struct ut_engine *e, struct ut_timer *t)
{
	if (ut_timer_armed(t))
		heap_remove(&e->timers, t->slot - 1);
}

void
ut_timerq_fini(struct ut_timerq *q)
{
	for (size_t i = 0; i < q->n; i++)
		q->heap[i]->slot = 0;
	free(q->heap);
	q->heap = NULL;
	q->n = q->cap = 0;
}

/* clock_set: the clock only moves forward (inputs are merged in time
 * order, but a file may hold a stamp out of order) */
static void
clock_set(struct ut_engine *e, uint64_t tstamp_ns)
{
	if (!e->clock_started) {
		e->first_ns = tstamp_ns;
		e->now_ns = tstamp_ns;
		e->clock_started = true;
	}
	if (tstamp_ns > e->now_ns)
		e->now_ns = tstamp_ns;
	/* the jiffies of now, once per move (read on every lookup) */
	e->ticks = (e->now_ns - e->first_ns) / (1000000000u / ut_engine_hz(e));
}

void
ut_clock_advance(struct ut_engine *e, uint64_t tstamp_ns)
{
	struct ut_timerq *q = &e->timers;

	if (!e->clock_started) {
		clock_set(e, tstamp_ns);
		ut_neigh_host_entries(e);
	}
	while (q->n > 0 && q->heap[0]->when_ns <= tstamp_ns) {
		struct ut_timer *t = q->heap[0];

		heap_remove(q, 0);
		/* the timer runs at its own time (one armed in the past
		 * runs now: the clock never goes back) */
		clock_set(e, t->when_ns);
		t->fn(e, t);
	}
	clock_set(e, tstamp_ns);
}

uint64_t
ut_engine_now_ns(const struct ut_engine *e)
{
	return e->now_ns;
}

unsigned
ut_engine_hz(const struct ut_engine *e)
{
	return e->host->hz;
}

/* the timer wheel (kernel/time/timer.c): 64 buckets a level, each level
 * 8 times coarser; 9 levels at HZ above 100, else 8; beyond the last,
 * timers are capped */
#define WHEEL_LVL_BITS 6
#define WHEEL_CLK_SHIFT 3
#define WHEEL_LVL_START(n) \
	(((1ul << WHEEL_LVL_BITS) - 1) << (((n) - 1) * WHEEL_CLK_SHIFT))

static uint64_t
jiffy_ns(const struct ut_engine *e, unsigned long j)
{
	unsigned hz = ut_engine_hz(e);

	return e->first_ns + (uint64_t)(j - INITIAL_JIFFIES(hz)) *
			     (1000000000u / hz);
}

uint64_t
ut_clock_timer_expiry(const struct ut_engine *e, unsigned long expires)
{
	unsigned long clk = ut_engine_jiffies(e), delta = expires - clk;
	unsigned depth = ut_engine_hz(e) > 100 ? 9 : 8, lvl, shift;

	if ((long)delta < 0)
		return jiffy_ns(e, clk + 1);
	if (delta >= WHEEL_LVL_START(depth)) {
		/* WHEEL_TIMEOUT_MAX */
		delta = WHEEL_LVL_START(depth) -
			(1ul << ((depth - 1) * WHEEL_CLK_SHIFT));
		expires = clk + delta;
	}
	for (lvl = 0; lvl + 1 < depth && delta >= WHEEL_LVL_START(lvl + 1);
	     lvl++)
		;
	shift = lvl * WHEEL_CLK_SHIFT;
	/* calc_index: rounded up to the level's granularity, never early */
	return jiffy_ns(e, ((expires >> shift) + 1) << shift);
}

uint64_t
ut_engine_jiffies64(const struct ut_engine *e)
{
	return (1ull << 32) + e->ticks;
}

unsigned long
ut_engine_jiffies(const struct ut_engine *e)
{
	return INITIAL_JIFFIES(ut_engine_hz(e)) + (unsigned long)e->ticks;
}

uint64_t
ut_engine_start_ns(const struct ut_engine *e)
{
	return e->first_ns;
}

unsigned long
ut_engine_start_jiffies(const struct ut_engine *e)
{
	return INITIAL_JIFFIES(ut_engine_hz(e));
}
