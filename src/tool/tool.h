/* tool.h: the commands built on the engine and io (run, trace, host),
 * private to src/tool. */
#ifndef UT_TOOL_TOOL_H
#define UT_TOOL_TOOL_H

#include "cli/cli.h"

/* ---- HOST and RULES files of run/trace/host (run_load.c) ---- */
struct ut_host;
/* ut_tool_load_host: the host the file describes; NULL with err set */
struct ut_host *ut_tool_load_host(const char *path, struct ut_err *err);
/* ut_tool_load_rules: an iptables-restore file (counters ignored, as
 * iptables-restore without -c) or `iptables ...` command lines; NULL with
 * err naming the file and line. warn gets iptables' warnings. */
struct ut_ruleset *ut_tool_load_rules(const char *path, struct ut_buf *warn,
				     struct ut_err *err);

#endif
