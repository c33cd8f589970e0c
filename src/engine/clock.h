/* clock.h: the engine's packet clock and its timer queue.
 *
 * Time is the packets' time: the clock starts at the first packet's
 * timestamp and only moves forward (to each packet's stamp, and at the
 * end of a run to its end time). Jiffies count from that start with the
 * host's HZ, beginning at the kernel's INITIAL_JIFFIES.
 *
 * Timers are events that must happen at a moment even when no packet
 * comes then (reassembly expiry; later ARP retries, conntrack and
 * rate-limit garbage collection): before a packet is processed, every
 * timer due at or before its timestamp fires, in time order (equal times:
 * in the order they were armed). A timer is an object its owner embeds
 * and keeps; the queue only points at it while it is armed.
 */
#ifndef UT_ENGINE_CLOCK_H
#define UT_ENGINE_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ut_engine;
struct ut_timer;

/* a timer's action: called once when it fires (it is disarmed first, so
 * the function may arm it again) */
typedef void (*ut_timer_fn)(struct ut_engine *e, struct ut_timer *t);

struct ut_timer {
	uint64_t when_ns;  /* expiry on the packet clock (armed timers) */
	uint64_t seq;      /* arming order: ties fire first-armed first */
	size_t slot;       /* index in the queue's heap + 1; 0: not armed */
	ut_timer_fn fn;
};

/* the queue: a binary min-heap of armed timers, owned by the engine */
struct ut_timerq {
	struct ut_timer **heap;
	size_t n, cap;
	uint64_t next_seq;
};

/* ut_timer_init: a disarmed timer that will call fn */
void ut_timer_init(struct ut_timer *t, ut_timer_fn fn);
/* ut_timer_arm: (re)arm t to fire at when_ns. -1 if the queue could not
 * grow (t stays as it was). */
int ut_timer_arm(struct ut_engine *e, struct ut_timer *t, uint64_t when_ns);
/* ut_timer_cancel: disarm t (no-op when not armed) */
void ut_timer_cancel(struct ut_engine *e, struct ut_timer *t);
static inline bool
ut_timer_armed(const struct ut_timer *t)
{
	return t->slot != 0;
}

/* the queue's storage (engine.c creates and frees it) */
void ut_timerq_fini(struct ut_timerq *q);

/* ut_clock_advance: move the clock to tstamp_ns (never backwards),
 * firing every timer due at or before it, in order, each with the clock
 * set to its expiry time. The first call starts the clock. */
void ut_clock_advance(struct ut_engine *e, uint64_t tstamp_ns);

/* ut_clock_timer_expiry: the packet-clock time at which a kernel timer
 * (timer_list) armed now for jiffies `expires` runs. The kernel's timer
 * wheel files a timer in a bucket of its level's granularity (1, 8, 64,
 * ... jiffies: the further away, the coarser) and rounds up, so it runs
 * at the first bucket boundary after expires: with HZ 250 a 1 s timer
 * runs 1.000 to 1.032 s later, a 30 s one up to 2 s late. The engine's
 * jiffies start at INITIAL_JIFFIES (-300 * HZ) at the first packet: that
 * fixes the phase the kernel has by chance (a multiple of 8 at HZ 250:
 * 1 s timers armed at the first packet run at 1.024 s). An expiry
 * already past runs at the next jiffy. */
uint64_t ut_clock_timer_expiry(const struct ut_engine *e,
			       unsigned long expires);

/* the clock: now in ns, jiffies of now (wrapping like an unsigned long) */
uint64_t ut_engine_now_ns(const struct ut_engine *e);
unsigned long ut_engine_jiffies(const struct ut_engine *e);
/* ut_engine_jiffies64: ticks of the packet clock from 2^32 on: never
 * wraps (for expiry times kept as absolute values) */
uint64_t ut_engine_jiffies64(const struct ut_engine *e);
/* the clock's start: the first packet's time (0 before it) and the
 * jiffies then (INITIAL_JIFFIES), for state that outlives a run (a
 * recent list written out and loaded into the next) */
uint64_t ut_engine_start_ns(const struct ut_engine *e);
unsigned long ut_engine_start_jiffies(const struct ut_engine *e);
/* ut_engine_hz: the host's HZ (kernel.hz) */
unsigned ut_engine_hz(const struct ut_engine *e);

#endif
