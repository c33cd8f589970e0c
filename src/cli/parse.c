/* parse.c: the iptables command line, as iptables 1.8.9's do_parse
 * (iptables/xshared.c) reads it: glibc getopt_long in RETURN_IN_ORDER mode
 * over the generic options plus the options of every loaded extension,
 * implicit loading of the protocol match, the command/option legality
 * table and the exact messages. */
#include <ctype.h>
#include <limits.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "cli/cli.h"
#include "cli/parse_int.h"

/* ext_load: register ext as loaded (its options join the table) */
static int
ext_load(struct parse_state *ps, const struct ut_ext *ext)
{
	for (size_t i = 0; i < ps->n_loaded; i++)
		if (ps->loaded[i] == ext)
			return 0;
	if (ps->n_loaded == MAX_INSTANCES)
		return PERR(ps, "too many extensions");
	ps->loaded[ps->n_loaded++] = ext;
	return 0;
}

/* match_add: a new instance of match ext (xtables_find_match + init). */
static int
match_add(struct parse_state *ps, const struct ut_ext *ext)
{
	struct ut_rule *r = ps->cmd->rule;

	if (ps->n_inst == MAX_INSTANCES)
		return PERR(ps, "too many matches");
	for (size_t i = 0; i < ps->n_inst; i++)
		if (strcmp(ps->inst[i].xt->ext->name, ext->name) == 0)
			ps->inst[i].completed = true;
	if (!ut_rule_add_match(r, ext))
		return ut_err_set(ps->err, UT_OTHER_PROBLEM,
				  "can't alloc memory!");
	/* the matches array may have moved */
	for (size_t i = 0; i < ps->n_inst; i++)
		ps->inst[i].xt = &r->matches[i];
	ps->inst[ps->n_inst] = (struct inst){ .xt = &r->matches[ps->n_inst] };
	ps->n_inst++;
	return ext_load(ps, ext);
}

/* ---- the generic options ------------------------------------------------- */

static int
add_command(struct parse_state *ps, unsigned newcmd, unsigned othercmds,
	    bool invert)
{
	unsigned *cmd = &ps->cmd->command;

	if (invert)
		return PERR(ps, "unexpected '!' flag");
	if (*cmd & ~othercmds)
		return PERR(ps, "Cannot use -%c with -%c",
			    ut_ipt_cmd2char(newcmd),
			    ut_ipt_cmd2char(*cmd & ~othercmds));
	*cmd |= newcmd;
	return 0;
}

static int
set_option(struct parse_state *ps, unsigned option, bool invert)
{
	if (ps->cmd->options & option)
		return PERR(ps, "multiple -%c flags not allowed",
			    ut_ipt_opt2char(option));
	ps->cmd->options |= option;
	if (invert) {
		uint8_t inv = ut_ipt_opt_inverse(option);
		if (!inv)
			return PERR(ps, "cannot have ! before -%c",
				    ut_ipt_opt2char(option));
		ps->invflags |= inv;
	}
	return 0;
}

static int
parse_rulenumber(struct parse_state *ps, const char *s, unsigned *out)
{
	uint64_t v;

	if (ut_parse_uint(s, 1, INT_MAX, &v) < 0)
		return PERR(ps, "Invalid rule number `%s'", s);
	*out = (unsigned)v;
	return 0;
}

/* has_arg: the next element is an argument (xs_has_arg) */
static bool
has_arg(struct parse_state *ps)
{
	struct getopt_state *g = &ps->g;

	return g->optind < g->argc && g->argv[g->optind][0] != '-' &&
	       g->argv[g->optind][0] != '!';
}

static const char *
next_arg(struct parse_state *ps)
{
	return ps->g.argv[ps->g.optind++];
}




/* command_jump: -j NAME; an extension target is instantiated now, a
 * standard verdict or a (future) chain name later in exec. */
static int
command_jump(struct parse_state *ps, const char *name)
{
	struct ut_rule *r = ps->cmd->rule;
	const struct ut_ext *ext;
	int ret = ut_ipt_check_target_name(ps->err, name);

	if (ret < 0)
		return ret;
	ps->cmd->jumpto = name;
	if (ut_ipt_is_standard_target(name))
		return 0;
	ext = ut_ext_find(name, UT_EXT_TARGET);
	if (!ext)
		return 0;
	free(r->target.data);
	r->target.ext = ext;
	r->target.data = calloc(1, ext->size ? ext->size : 1);
	if (!r->target.data)
		return ut_err_set(ps->err, UT_OTHER_PROBLEM,
				  "can't alloc memory!");
	if (ext->init)
		ext->init(r->target.data);
	ps->target = (struct inst){ .xt = &r->target, .is_target = true };
	ps->has_target = true;
	ps->cmd->target_is_ext = true;
	return ext_load(ps, ext);
}

static int
command_match(struct parse_state *ps, const char *name, bool invert)
{
	const struct ut_ext *ext;

	if (invert)
		return PERR(ps, "unexpected ! flag before --match");
	if (strlen(name) >= XT_EXTENSION_MAXNAMELEN)
		return PERR(ps, "Invalid match name \"%s\" (%u chars max)",
			    name, XT_EXTENSION_MAXNAMELEN - 1);
	ext = ut_ext_find(name, UT_EXT_MATCH);
	if (!ext)
		return PERR(ps, "Couldn't load match `%s':No such file or "
			    "directory\n", name);
	return match_add(ps, ext);
}

/* proto_match_name: the match implied by -p (find_proto) */
static const struct ut_ext *
proto_match(struct parse_state *ps)
{
	uint64_t num;
	const char *name = ps->protocol;

	if (ut_parse_uint(ps->protocol, 0, UINT8_MAX, &num) == 0) {
		bool numeric = ps->cmd->options & OPT_NUMERIC;
		struct protoent *pe;
		name = NULL;
		for (const char *const *p = (const char *const[]){ "tcp",
		     "sctp", "udp", "udplite", "icmp", "esp", "ah", NULL };
		     *p; p++) {
			uint16_t pn;
			struct ut_err e;
			ut_err_clear(&e);
			if (ut_parse_proto(*p, &pn, &e) == 0 && pn == num) {
				name = *p;
				break;
			}
		}
		if (!name && num && !numeric &&
		    (pe = getprotobynumber((int)num)))
			name = pe->p_name;
		if (!name)
			return NULL;
	}
	return ut_ext_find(name, UT_EXT_MATCH);
}

/* ext_option: an option of a loaded extension (command_default) */
static int
ext_option(struct parse_state *ps, const struct lopt *lo, bool invert)
{
	struct inst *in = NULL;
	struct ut_opt_call call;
	int ret;

	if (ps->has_target && ps->target.xt->ext == lo->ext)
		in = &ps->target;
	for (size_t i = 0; !in && i < ps->n_inst; i++)
		if (!ps->inst[i].completed && ps->inst[i].xt->ext == lo->ext)
			in = &ps->inst[i];
	if (!in) /* every instance completed: iptables ignores it */
		return 0;
	memset(&call, 0, sizeof(call));
	call.opt = lo->opt;
	call.ext_name = lo->ext->name;
	call.arg = ps->g.optarg;
	call.invert = invert;
	call.xflags = in->xflags;
	call.data = in->xt->data;
	call.ip = &ps->cmd->rule->ip;
	call.ip->invflags = ps->invflags;
	call.table = ps->cmd->table;
	call.err = ps->err;
	call.warn = ps->warn;
	call.argv = ps->g.argv;
	call.argc = ps->g.argc;
	call.optind = &ps->g.optind;
	ret = ut_opt_parse(lo->ext, &call);
	in->xflags = call.xflags;
	return ret;
}

/* unknown_option: command_default's fallback: load the protocol match
 * and retry (OPTION_KEEP_INVERT), or fail with iptables' message. */
static int
unknown_option(struct parse_state *ps, int c, int elem)
{
	const struct ut_ext *m = NULL;
	bool loaded = false;

	if (ps->protocol) {
		m = proto_match(ps);
		for (size_t i = 0; m && i < ps->n_loaded; i++)
			if (ps->loaded[i] == m)
				loaded = true;
		if (m && loaded && ps->proto_used)
			m = NULL;
	}
	if (m) {
		int ret;
		ps->proto_used = true;
		ret = match_add(ps, m);
		if (ret < 0)
			return ret;
		ps->g.optind = elem;
		ps->g.nextchar = NULL;
		return OPTION_KEEP_INVERT;
	}
	if (c == ':')
		return PERR(ps, "option \"%s\" requires an argument",
			    ps->g.argv[ps->g.optind - 1]);
	if (c == '?')
		return PERR(ps, "unknown option \"%s\"",
			    ps->g.argv[ps->g.optind - 1]);
	return PERR(ps, "Unknown arg \"%s\"",
		    ps->g.optarg ? ps->g.optarg : "(null)");
}

static int
parse_counters_opt(struct parse_state *ps)
{
	const char *b;
	char *end;

	ps->pcnt = ps->g.optarg;
	/* iptables reads past the end of an empty "-c ''" here */
	b = *ps->pcnt ? strchr(ps->pcnt + 1, ',') : NULL;
	ps->bcnt = b ? b + 1 : NULL;
	if (!ps->bcnt && has_arg(ps))
		ps->bcnt = next_arg(ps);
	if (!ps->bcnt)
		return PERR(ps, "-%c requires packet and byte counter", 'c');
	/* sscanf("%llu") semantics: leading number, rest ignored */
	ps->pcnt_cnt = strtoull(ps->pcnt, &end, 10);
	if (end == ps->pcnt || !(isdigit((unsigned char)*ps->pcnt) ||
				 isspace((unsigned char)*ps->pcnt) ||
				 *ps->pcnt == '+' || *ps->pcnt == '-'))
		return PERR(ps, "-%c packet counter not numeric", 'c');
	ps->bcnt_cnt = strtoull(ps->bcnt, &end, 10);
	if (end == ps->bcnt)
		return PERR(ps, "-%c byte counter not numeric", 'c');
	return 0;
}

static int
parse_wait(struct parse_state *ps)
{
	const char *a = ps->g.optarg;
	char *end;
	long v;

	if (ps->cmd->wait_given == false)
		ps->cmd->wait = -1;
	ps->cmd->wait_given = true;
	if (!a && has_arg(ps))
		a = next_arg(ps);
	if (!a) {
		ps->cmd->wait = -1;
		return 0;
	}
	v = strtol(a, &end, 0);
	if (end == a)
		return PERR(ps, "wait seconds not numeric");
	ps->cmd->wait = (int)v;
	return 0;
}

static int
parse_wait_interval(struct parse_state *ps)
{
	const char *a = ps->g.optarg;
	char *end;
	unsigned long usec;

	if (!a && has_arg(ps))
		a = next_arg(ps);
	if (!a)
		return PERR(ps, "wait interval value required");
	usec = strtoul(a, &end, 10);
	if (end == a)
		return PERR(ps, "wait interval not numeric");
	if (usec > 999999)
		return PERR(ps, "too long usec wait %lu > 999999 usec", usec);
	ut_buf_puts(ps->warn, "Ignoring deprecated --wait-interval option.\n");
	ps->wait_interval_set = true;
	return 0;
}

/* optional_chain: -L/-F/-X/-Z/-S take [chain] attached or next. */
static void
optional_chain(struct parse_state *ps)
{
	if (ps->g.optarg)
		ps->cmd->chain = ps->g.optarg;
	else if (has_arg(ps))
		ps->cmd->chain = next_arg(ps);
}


/* rule_command: -A, -C, -D, -R and -I: a chain, and for some a rule
 * number */
static int
rule_command(struct parse_state *ps, int c, bool invert)
{
	struct ipt_cmd *cmd = ps->cmd;
	int ret;

	switch (c) {
	case 'D':
		ret = add_command(ps, CMD_DELETE, CMD_NONE, invert);
		cmd->chain = ps->g.optarg;
		if (ret == 0 && has_arg(ps)) {
			ret = parse_rulenumber(ps, next_arg(ps), &cmd->rulenum);
			cmd->command = CMD_DELETE_NUM;
		}
		return ret;
	case 'R':
		ret = add_command(ps, CMD_REPLACE, CMD_NONE, invert);
		cmd->chain = ps->g.optarg;
		if (ret < 0)
			return ret;
		if (!has_arg(ps))
			return PERR(ps, "-%c requires a rule number", 'R');
		return parse_rulenumber(ps, next_arg(ps), &cmd->rulenum);
	case 'I':
		ret = add_command(ps, CMD_INSERT, CMD_NONE, invert);
		cmd->chain = ps->g.optarg;
		if (ret == 0 && has_arg(ps))
			return parse_rulenumber(ps, next_arg(ps),
						&cmd->rulenum);
		cmd->rulenum = 1;
		return ret;
	}
	ret = add_command(ps, c == 'A' ? CMD_APPEND : CMD_CHECK, CMD_NONE,
			  invert);
	cmd->chain = ps->g.optarg;
	return ret;
}

/* list_command: -L, -S, -F and -Z: [chain], -L/-S/-Z also [rulenum] */
static int
list_command(struct parse_state *ps, int c, bool invert)
{
	struct ipt_cmd *cmd = ps->cmd;
	int ret;

	if (c == 'F') {
		ret = add_command(ps, CMD_FLUSH, CMD_NONE, invert);
		optional_chain(ps);
		return ret;
	}
	if (c == 'Z')
		ret = add_command(ps, CMD_ZERO, CMD_LIST | CMD_LIST_RULES,
				  invert);
	else
		ret = add_command(ps, c == 'L' ? CMD_LIST : CMD_LIST_RULES,
				  CMD_ZERO | CMD_ZERO_NUM, invert);
	optional_chain(ps);
	if (ret < 0 || !has_arg(ps))
		return ret;
	ret = parse_rulenumber(ps, next_arg(ps), &cmd->rulenum);
	if (c == 'Z')
		cmd->command = (cmd->command & ~CMD_ZERO) | CMD_ZERO_NUM;
	return ret;
}

/* chain_command: -N, -X, -E and -P, the commands on chains themselves */
static int
chain_command(struct parse_state *ps, int c, bool invert)
{
	struct ipt_cmd *cmd = ps->cmd;
	int ret;

	switch (c) {
	case 'N':
		ret = ut_ipt_valid_chain_name(ps->err, ps->g.optarg);
		if (ret == 0)
			ret = add_command(ps, CMD_NEW_CHAIN, CMD_NONE, invert);
		cmd->chain = ps->g.optarg;
		return ret;
	case 'X':
		ret = add_command(ps, CMD_DELETE_CHAIN, CMD_NONE, invert);
		optional_chain(ps);
		return ret;
	case 'E':
		ret = add_command(ps, CMD_RENAME_CHAIN, CMD_NONE, invert);
		cmd->chain = ps->g.optarg;
		if (ret == 0 && has_arg(ps))
			cmd->newname = next_arg(ps);
		else if (ret == 0)
			ret = PERR(ps, "-%c requires old-chain-name and "
				   "new-chain-name", 'E');
		return ret;
	}
	ret = add_command(ps, CMD_SET_POLICY, CMD_NONE, invert);
	cmd->chain = ps->g.optarg;
	if (ret == 0 && has_arg(ps))
		cmd->policy = next_arg(ps);
	else if (ret == 0)
		ret = PERR(ps, "-%c requires a chain and a policy", 'P');
	return ret;
}

/* this_element: the command-line element getopt just consumed (the
 * option's argument when it has one) */
static const char *
this_element(const struct parse_state *ps)
{
	return ps->g.argv[ps->g.optind - 1];
}

/* option_protocol: -p, kept lower-cased for the implicit match */
static int
option_protocol(struct parse_state *ps, bool invert)
{
	struct ut_ipt_ip *ip = &ps->cmd->rule->ip;
	int ret = set_option(ps, OPT_PROTOCOL, invert);

	if (ret < 0)
		return ret;
	free(ps->protocol);
	ps->protocol = strdup(this_element(ps));
	if (!ps->protocol)
		return ut_err_set(ps->err, UT_OTHER_PROBLEM,
				  "can't alloc memory!");
	for (char *p = ps->protocol; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	ret = ut_parse_proto(ps->protocol, &ip->proto, ps->err);
	if (ret == 0 && ip->proto == 0 && (ps->invflags & UT_INV_PROTO))
		ret = PERR(ps, "rule would never match protocol");
	return ret;
}

/* option_interface: -i or -o */
static int
option_interface(struct parse_state *ps, int c, bool invert)
{
	struct ut_ipt_ip *ip = &ps->cmd->rule->ip;
	int ret;

	if (*ps->g.optarg == '\0')
		return PERR(ps, "Empty interface is likely to be undesired");
	ret = set_option(ps, c == 'i' ? OPT_VIANAMEIN : OPT_VIANAMEOUT,
			 invert);
	if (ret < 0)
		return ret;
	if (c == 'i')
		return ut_ipt_parse_interface(ps->err, ps->warn,
					      this_element(ps), ip->iniface,
					      &ip->iniface_wild);
	return ut_ipt_parse_interface(ps->err, ps->warn, this_element(ps),
				      ip->outiface, &ip->outiface_wild);
}

/* option_target: -j or -g */
static int
option_target(struct parse_state *ps, int c, bool invert)
{
	struct ipt_cmd *cmd = ps->cmd;
	int ret = set_option(ps, OPT_JUMP, invert);

	if (c == 'j')
		return ret == 0 ? command_jump(ps, this_element(ps)) : ret;
	if (ret == 0)
		ret = ut_ipt_check_target_name(ps->err, ps->g.optarg);
	cmd->goto_set = true;
	cmd->jumpto = ps->g.optarg;
	return ret;
}

/* rule_option: the options that describe the rule itself */
static int
rule_option(struct parse_state *ps, int c, bool invert)
{
	int ret;

	switch (c) {
	case 'p':
		return option_protocol(ps, invert);
	case 's':
	case 'd':
		ret = set_option(ps, c == 's' ? OPT_SOURCE : OPT_DESTINATION,
				 invert);
		if (c == 's')
			ps->shost = (char *)this_element(ps);
		else
			ps->dhost = (char *)this_element(ps);
		return ret;
	case 'i':
	case 'o':
		return option_interface(ps, c, invert);
	case 'j':
	case 'g':
		return option_target(ps, c, invert);
	case 'f':
		ret = set_option(ps, OPT_FRAGMENT, invert);
		ps->cmd->rule->ip.flags |= UT_IPT_F_FRAG;
		return ret;
	case 'm':
		return command_match(ps, ps->g.optarg, invert);
	}
	/* -c */
	ret = set_option(ps, OPT_COUNTERS, invert);
	return ret == 0 ? parse_counters_opt(ps) : ret;
}

/* option_table: -t, once (iptables-restore gives it already) */
static int
option_table(struct parse_state *ps, bool invert)
{
	if (invert)
		return PERR(ps, "unexpected ! flag before --table");
	if (ps->restore && ps->table_set)
		return PERR(ps, "The -t option cannot be used in %s.\n",
			    "iptables-restore");
	ps->cmd->table = ps->g.optarg;
	ps->table_set = true;
	return 0;
}

/* run_option: the options about running the command rather than the
 * rule (output format, table, lock, address family) */
static int
run_option(struct parse_state *ps, int c, bool invert)
{
	int ret = 0;

	switch (c) {
	case 'v':
		if (!ps->cmd->verbose)
			ret = set_option(ps, OPT_VERBOSE, invert);
		ps->cmd->verbose++;
		return ret;
	case 'n':
		return set_option(ps, OPT_NUMERIC, invert);
	case 'x':
		return set_option(ps, OPT_EXPANDED, invert);
	case '0':
		return set_option(ps, OPT_LINENUMBERS, invert);
	case 't':
		return option_table(ps, invert);
	case 'w':
		return parse_wait(ps);
	case 'W':
		return parse_wait_interval(ps);
	case '6':
		return ut_err_set(ps->err, UT_PARAMETER_PROBLEM,
				  "IPv6 is not supported yet by utables");
	}
	return 0; /* -M and -4: nothing to do */
}

/* bare_word: a non-option element: "!" inverts what follows, anything
 * else is an error. */
static int
bare_word(struct parse_state *ps, bool *invert)
{
	const char *word = ps->g.optarg;

	if (strcmp(word, "!") == 0) {
		if (*invert)
			return PERR(ps, "multiple consecutive ! not allowed");
		*invert = true;
		return OPTION_KEEP_INVERT;
	}
	ut_buf_printf(ps->warn, "Bad argument `%s'\n", word);
	ut_err_set(ps->err, UT_PARAMETER_PROBLEM, "%s", "");
	ps->err->style = UT_ERRS_TRYHELP;
	return -UT_PARAMETER_PROBLEM;
}

/* option_step: one option c of the kind its letter names (not a bare
 * word). OPTION_DONE for -h and -V, OPTION_KEEP_INVERT to retry with the
 * protocol match loaded. */
static int
option_step(struct parse_state *ps, int c, int elem, bool invert)
{
	int ret;

	switch (c) {
	case 'A': case 'C': case 'D': case 'R': case 'I':
		return rule_command(ps, c, invert);
	case 'L': case 'S': case 'F': case 'Z':
		return list_command(ps, c, invert);
	case 'N': case 'X': case 'E': case 'P':
		return chain_command(ps, c, invert);
	case 'p': case 's': case 'd': case 'i': case 'o': case 'j': case 'g':
	case 'f': case 'm': case 'c':
		return rule_option(ps, c, invert);
	case 'v': case 'n': case 'x': case '0': case 't': case 'w': case 'W':
	case 'M': case '4': case '6':
		return run_option(ps, c, invert);
	case 'h':
		ps->cmd->help = true;
		if (!ps->cmd->rule->n_matches && ps->protocol)
			ps->cmd->help_proto = proto_match(ps);
		return OPTION_DONE;
	case 'V':
		ps->cmd->version = true;
		ps->cmd->version_invert = invert;
		return OPTION_DONE;
	case GO_EXT:
		/* only an extension's failure counts */
		ret = ext_option(ps, &ps->g.found, invert);
		return ret < 0 ? ret : 0;
	}
	return unknown_option(ps, c, elem);
}

/* one_option: handle getopt's c; a "!" before an option applies to it
 * alone. OPTION_KEEP_INVERT: go on without resetting invert. */
static int
one_option(struct parse_state *ps, int c, int elem, bool *invert)
{
	int ret;

	if (c == 1)
		return bare_word(ps, invert);
	ret = option_step(ps, c, elem, *invert);
	if (ret < 0 || ret == OPTION_KEEP_INVERT)
		return ret;
	*invert = false;
	return 0;
}

int
ut_ipt_parse(int argc, char **argv, bool restore, const char *table,
	  struct ipt_cmd *cmd, struct ut_buf *warn, struct ut_err *err)
{
	struct parse_state ps;
	bool invert = false;
	int c, ret = 0;

	memset(cmd, 0, sizeof(*cmd));
	cmd->table = table;
	cmd->jumpto = "";
	cmd->rule = ut_rule_new();
	if (!cmd->rule)
		return ut_err_set(err, UT_OTHER_PROBLEM, "can't alloc memory!");
	memset(&ps, 0, sizeof(ps));
	ps.cmd = cmd;
	ps.restore = restore;
	ps.table_set = restore; /* restore passes "-t TABLE" itself */
	ps.err = err;
	ps.warn = warn;
	ps.g = (struct getopt_state){ .argc = argc, .argv = argv,
				      .optind = 1 };
	while (ret == 0) {
		int elem = ps.g.optind;
		struct lopt_src src = { ps.loaded, ps.n_loaded };
		c = ut_getopt_next(&ps.g, &src);
		if (c == -1)
			break;
		ret = one_option(&ps, c, elem, &invert);
		if (ret == OPTION_KEEP_INVERT)
			ret = 0;
	}
	if (ret == OPTION_DONE) {
		ret = 0;
		goto out;
	}
	if (ret == 0)
		ret = ut_parse_final_checks(&ps);
	if (ret == 0 && invert)
		ret = PERR(&ps, "nothing appropriate following !");
	if (ret == 0)
		ret = ut_parse_post(&ps);
	if (ret == 0)
		ret = ut_parse_chain_checks(&ps);
out:
	free(ps.protocol);
	return ret < 0 ? ret : 0;
}

void
ut_ipt_cmd_fini(struct ipt_cmd *cmd)
{
	ut_rule_free(cmd->rule);
	if (cmd->saddrs != &cmd->inline_addrs[0])
		free(cmd->saddrs);
	if (cmd->smasks != &cmd->inline_addrs[1])
		free(cmd->smasks);
	if (cmd->daddrs != &cmd->inline_addrs[2])
		free(cmd->daddrs);
	if (cmd->dmasks != &cmd->inline_addrs[3])
		free(cmd->dmasks);
	memset(cmd, 0, sizeof(*cmd));
}
