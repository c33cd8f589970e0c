/* parse_int.h: the state of one iptables command-line parse, shared by
 * the option loop (parse.c) and the checks of the whole command after it
 * (parse_check.c). Private to src/cli. */
#ifndef UT_CLI_PARSE_INT_H
#define UT_CLI_PARSE_INT_H

#include "cli/cli.h"

#define XT_EXTENSION_MAXNAMELEN 29
#define MAX_INSTANCES 64

/* ---- parse state --------------------------------------------------------- */

struct inst {
	struct ut_xt *xt;          /* in rule->matches, or &rule->target */
	unsigned xflags;
	bool completed;            /* a later -m of the same name exists */
	bool is_target;
};

struct parse_state {
	struct ipt_cmd *cmd;
	struct ut_err *err;
	struct ut_buf *warn;
	struct getopt_state g;
	/* distinct extensions in load order (for the option table) */
	const struct ut_ext *loaded[MAX_INSTANCES];
	size_t n_loaded;
	struct inst inst[MAX_INSTANCES];
	size_t n_inst;
	struct inst target;        /* is_target, xt = &rule->target */
	bool has_target;
	char *protocol;            /* lower-cased -p argument */
	bool proto_used;
	uint8_t invflags;
	char *shost, *dhost;       /* -s / -d arguments */
	const char *pcnt, *bcnt;
	uint64_t pcnt_cnt, bcnt_cnt;
	bool table_set, wait_interval_set;
	bool restore;              /* a line of iptables-restore */
};

#define PERR(ps, ...) ut_err_set((ps)->err, UT_PARAMETER_PROBLEM, __VA_ARGS__)

/* What an option's handler returns besides 0 and an error: the element
 * was used but the "!" read before it still waits for its option (a "!"
 * itself, or a retry with the protocol match loaded); or -h/-V ended the
 * parse, nothing else is checked. */
#define OPTION_KEEP_INVERT 1
#define OPTION_DONE (-1000)

/* after the option loop, in this order (iptables' do_parse tail):
 * each extension's final check and the leftovers; ipv4_post_parse (the
 * rule's flags, counters, addresses); the command's chain. 0 or the
 * negative error with ps->err filled. */
int ut_parse_final_checks(struct parse_state *ps);
int ut_parse_post(struct parse_state *ps);
int ut_parse_chain_checks(struct parse_state *ps);

#endif
