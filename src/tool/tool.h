/* tool.h: the commands built on the engine and io (run, trace, host),
 * private to src/tool. */
#ifndef UT_TOOL_TOOL_H
#define UT_TOOL_TOOL_H

#include "cli/cli.h"
#include "engine/drop.h"

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
/* ut_tool_publish: move what tmp holds into dir in place of the
 * results of the run before (those its manifest, DIR/.utables-results,
 * names) and of the entries the new results replace; all or nothing:
 * on a failure dir is as it was. tmp is removed on success. */
int ut_tool_publish(const char *tmp, const char *dir, struct ut_err *err);
/* ut_tool_write_text: b into dir/name, making the folders of name */
int ut_tool_write_text(const char *dir, const char *name,
		       const struct ut_buf *b, struct ut_err *err);

/* ---- the account of each packet: trace, run --json-packets (explain.c) */
struct ut_explain;
struct ut_pkt;
struct ut_iface;
struct ut_trace_rule;
/* ut_explain_new: accounts rendered as text (trace) or JSON lines; NULL
 * when out of memory */
struct ut_explain *ut_explain_new(bool json);
void ut_explain_free(struct ut_explain *x);
/* ut_explain_begin: a new account, for input packet number (in: its
 * interface, NULL for --local; frame: Ethernet if eth, else raw IP) */
void ut_explain_begin(struct ut_explain *x, unsigned long number, uint64_t ts,
		      const char *in, const uint8_t *frame, size_t len,
		      bool eth);
/* ut_explain_begin_timers: a new account of what timers do */
void ut_explain_begin_timers(struct ut_explain *x);
/* ut_explain_timer_clock: the time of what a timer does next without a
 * packet (an idle timer's expiry): the engine's clock as it fires */
void ut_explain_timer_clock(struct ut_explain *x, uint64_t ts);
bool ut_explain_empty(const struct ut_explain *x);
/* the engine's events (engine.h, struct ut_engine_sink) */
void ut_explain_rule(struct ut_explain *x, const struct ut_pkt *p,
		     const struct ut_trace_rule *r);
void ut_explain_step(struct ut_explain *x, const struct ut_pkt *p,
		     const char *text);
void ut_explain_log(struct ut_explain *x, const char *line, size_t len);
void ut_explain_drop(struct ut_explain *x, const struct ut_pkt *p,
		     enum ut_drop_reason why);
/* ut_explain_sent: p left on dev (NULL: delivered locally). Every frame
 * is counted, so that the account names its frame in DIR/DEV.pcap;
 * record: part of the account being built */
void ut_explain_sent(struct ut_explain *x, const struct ut_pkt *p,
		     const struct ut_iface *dev, bool record);
/* ut_explain_end: the account into out (text, or one JSON line); -1 if
 * memory ran out while building it */
int ut_explain_end(struct ut_explain *x, struct ut_buf *out);

#endif
