/* recent.h: the recent lists of an engine (xt_recent.c), for `run`:
 * the writes of HOST `recent` lines and lists loaded from an earlier
 * run's DIR/proc/net/xt_recent/NAME (`run --recent NAME=FILE`). */
#ifndef UT_EXT_RECENT_H
#define UT_EXT_RECENT_H

#include <stddef.h>

struct ut_engine;
struct ut_err;

/* one `--recent NAME=FILE` */
struct ut_recent_load {
	const char *name;
	const char *path;
};

/* ut_recent_setup: check the HOST's `recent` lines name lists the rules
 * create, then read each file into its list (lines of the /proc file
 * or writes: +ADDR, -ADDR, /). Everything is applied when the run
 * starts: first the files in order, then the HOST lines. 0, or -1 with
 * err naming the file and line. */
int ut_recent_setup(struct ut_engine *e, const struct ut_recent_load *loads,
		    size_t n, struct ut_err *err);

#endif
