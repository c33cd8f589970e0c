/* tool.h: the commands built on the engine and io (run, trace, host),
 * private to src/tool. */
#ifndef UT_TOOL_TOOL_H
#define UT_TOOL_TOOL_H

#include "cli/cli.h"

/* ---- HOST and RULES files of run/trace/host (run_load.c) ---- */
struct ut_host;
/* ut_tool_load_host: the host the file describes; NULL with err set */
struct ut_host *ut_tool_load_host(const char *path, struct ut_err *err);
/* ut_tool_load_rules: an iptables-restore file ("-": standard input;
 * counters ignored, as
 * iptables-restore without -c) or `iptables ...` command lines; NULL with
 * err naming the file and line. warn gets iptables' warnings. */
struct ut_ruleset *ut_tool_load_rules(const char *path, struct ut_buf *warn,
				     struct ut_err *err);
/* ut_tool_state_rules: the rule set of the state store (`--state`), as
 * iptables-save would show it; NULL with err set */
struct ut_ruleset *ut_tool_state_rules(const struct ut_cli_io *io,
				      struct ut_err *err);

/* ---- the result folder of run (run_dir.c) ---- */
/* ut_tool_make_tmp_dir: DIR (created if missing) and a new scratch
 * folder in it; the path (caller frees) or NULL with err set */
char *ut_tool_make_tmp_dir(const char *dir, struct ut_err *err);
/* ut_tool_remove_tree: dir and everything below it */
void ut_tool_remove_tree(const char *dir);
/* ut_tool_publish: move what tmp holds into dir, after removing the
 * results of an earlier run from dir; tmp is removed */
int ut_tool_publish(const char *tmp, const char *dir, struct ut_err *err);
/* ut_tool_write_text: b into dir/name, making the folders of name */
int ut_tool_write_text(const char *dir, const char *name,
		       const struct ut_buf *b, struct ut_err *err);

#endif
