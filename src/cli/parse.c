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

#define XT_EXTENSION_MAXNAMELEN 29
#define MAX_INSTANCES 64

/* ---- a getopt_long work-alike -------------------------------------------- */

static const char ipt_optstring[] =
	"-:A:C:D:E:F::I:L::M:N:P:VX::Z::c:d:i:j:o:p:s:t:R:S::W::46bfg:h::m:nvw::x";

struct lopt {
	const char *name;
	int has_arg;                /* 0 no, 1 required, 2 optional */
	int val;                    /* generic: option char; ext: -1 */
	const struct ut_ext *ext;   /* extension option */
	const struct ut_opt *opt;
};

static const struct lopt generic_lopts[] = {
	{"append", 1, 'A', 0, 0}, {"delete", 1, 'D', 0, 0},
	{"check", 1, 'C', 0, 0}, {"insert", 1, 'I', 0, 0},
	{"replace", 1, 'R', 0, 0}, {"list", 2, 'L', 0, 0},
	{"list-rules", 2, 'S', 0, 0}, {"flush", 2, 'F', 0, 0},
	{"zero", 2, 'Z', 0, 0}, {"new-chain", 1, 'N', 0, 0},
	{"delete-chain", 2, 'X', 0, 0}, {"rename-chain", 1, 'E', 0, 0},
	{"policy", 1, 'P', 0, 0}, {"source", 1, 's', 0, 0},
	{"destination", 1, 'd', 0, 0}, {"src", 1, 's', 0, 0},
	{"dst", 1, 'd', 0, 0}, {"protocol", 1, 'p', 0, 0},
	{"in-interface", 1, 'i', 0, 0}, {"jump", 1, 'j', 0, 0},
	{"table", 1, 't', 0, 0}, {"match", 1, 'm', 0, 0},
	{"numeric", 0, 'n', 0, 0}, {"out-interface", 1, 'o', 0, 0},
	{"verbose", 0, 'v', 0, 0}, {"wait", 2, 'w', 0, 0},
	{"wait-interval", 2, 'W', 0, 0}, {"exact", 0, 'x', 0, 0},
	{"fragments", 0, 'f', 0, 0}, {"version", 0, 'V', 0, 0},
	{"help", 2, 'h', 0, 0}, {"line-numbers", 0, '0', 0, 0},
	{"modprobe", 1, 'M', 0, 0}, {"set-counters", 1, 'c', 0, 0},
	{"goto", 1, 'g', 0, 0}, {"ipv4", 0, '4', 0, 0},
	{"ipv6", 0, '6', 0, 0},
};
#define N_GENERIC (sizeof(generic_lopts) / sizeof(generic_lopts[0]))

/* The long options getopt_long sees: the generic ones, then those of the
 * loaded extensions, newest first (xtables_merge_options puts new
 * options before old ones). Read in place, never merged into a copy. */
struct lopt_src {
	const struct ut_ext *const *exts; /* in load order */
	size_t n_exts;
};

struct getopt_state {
	int argc;
	char **argv;
	int optind;
	const char *nextchar;       /* inside a group of short options */
	const char *optarg;
	struct lopt found;          /* the long option returned, if any */
};

enum { GO_EXT = 0x10000 };

/* lopt_consider: getopt_long's matching of one candidate against the
 * name (len chars): an exact match ends the search, a prefix is kept
 * unless another prefix of a different option makes it ambiguous. */
static bool
lopt_consider(const struct lopt *l, const char *name, size_t len,
	      struct lopt *pfound, bool *have, bool *ambig)
{
	if (l->name[0] != name[0] || strncmp(l->name, name, len) != 0)
		return false;
	if (l->name[len] == '\0') {
		*pfound = *l;
		*have = true;
		*ambig = false;
		return true;
	}
	if (!*have) {
		*pfound = *l;
		*have = true;
	} else if (pfound->has_arg != l->has_arg || pfound->val != l->val ||
		   pfound->opt != l->opt) {
		*ambig = true;
	}
	return false;
}

/* go_long: one "--name[=value]" element. */
static int
go_long(struct getopt_state *g, const struct lopt_src *src)
{
	const char *name = g->argv[g->optind] + 2;
	const char *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	struct lopt *pfound = &g->found;
	bool have = false, ambig = false, exact = false;

	for (size_t i = 0; i < N_GENERIC && !exact; i++)
		exact = lopt_consider(&generic_lopts[i], name, len, pfound,
				      &have, &ambig);
	for (size_t i = src->n_exts; i-- > 0 && !exact;) {
		const struct ut_ext *e = src->exts[i];
		for (const struct ut_opt *o = e->opts; o && o->name && !exact;
		     o++) {
			struct lopt l = {
				.name = o->name, .val = -1, .ext = e, .opt = o,
				.has_arg = o->type == UT_OPT_NONE ? 0 :
					   o->has_optional_arg ? 2 : 1,
			};
			exact = lopt_consider(&l, name, len, pfound, &have,
					      &ambig);
		}
	}
	g->optind++;
	if (!have || ambig || len == 0)
		return '?';
	if (eq) {
		if (pfound->has_arg == 0)
			return '?';
		g->optarg = eq + 1;
	} else if (pfound->has_arg == 1) {
		if (g->optind >= g->argc)
			return ':';
		g->optarg = g->argv[g->optind++];
	}
	return pfound->val >= 0 ? pfound->val : GO_EXT;
}

/* go_short: the next character of a group of short options. */
static int
go_short(struct getopt_state *g)
{
	char c = *g->nextchar++;
	const char *spec = strchr(ipt_optstring + 2, c);

	if (!spec || c == ':') {
		if (*g->nextchar == '\0') {
			g->nextchar = NULL;
			g->optind++;
		}
		return '?';
	}
	if (spec[1] != ':') {
		if (*g->nextchar == '\0') {
			g->nextchar = NULL;
			g->optind++;
		}
		return c;
	}
	if (*g->nextchar != '\0') {
		g->optarg = g->nextchar;
		g->nextchar = NULL;
		g->optind++;
		return c;
	}
	g->nextchar = NULL;
	g->optind++;
	if (spec[2] == ':')
		return c; /* optional argument, not attached: none */
	if (g->optind >= g->argc)
		return ':';
	g->optarg = g->argv[g->optind++];
	return c;
}

/* go_next: getopt_long with optstring "-:..." (non-options come back as
 * 1, a missing argument as ':', anything unknown as '?'). -1 at the end. */
static int
go_next(struct getopt_state *g, const struct lopt_src *src)
{
	const char *arg;

	g->optarg = NULL;
	if (g->nextchar)
		return go_short(g);
	if (g->optind >= g->argc)
		return -1;
	arg = g->argv[g->optind];
	if (strcmp(arg, "--") == 0) {
		g->optind = g->argc;
		return -1;
	}
	if (arg[0] != '-' || arg[1] == '\0') {
		g->optarg = arg;
		g->optind++;
		return 1;
	}
	if (arg[1] == '-')
		return go_long(g, src);
	g->nextchar = arg + 1;
	return go_short(g);
}

/* ---- parse state ----------------------------------------------------------- */

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
};

#define PERR(ps, ...) ut_err_set((ps)->err, UT_PARAMETER_PROBLEM, __VA_ARGS__)

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

/* ---- the generic options ----------------------------------------------------- */

static char
cmd2char(unsigned option)
{
	static const char cmdflags[] = { 'I', 'D', 'D', 'R', 'A', 'L', 'F',
					 'Z', 'N', 'X', 'P', 'E', 'S', 'Z',
					 'C' };
	int i;

	for (i = 0; option > 1; option >>= 1, i++)
		;
	return cmdflags[i];
}

static int
add_command(struct parse_state *ps, unsigned newcmd, unsigned othercmds,
	    bool invert)
{
	unsigned *cmd = &ps->cmd->command;

	if (invert)
		return PERR(ps, "unexpected '!' flag");
	if (*cmd & ~othercmds)
		return PERR(ps, "Cannot use -%c with -%c", cmd2char(newcmd),
			    cmd2char(*cmd & ~othercmds));
	*cmd |= newcmd;
	return 0;
}

static const char optflags[NUMBER_OF_OPT] = {
	'n', 's', 'd', 'p', 'j', 'v', 'x', 'i', 'o', '0', 'c', 'f',
};

static const uint8_t inverse_for_options[NUMBER_OF_OPT] = {
	0, UT_INV_SRCIP, UT_INV_DSTIP, UT_INV_PROTO, 0, 0, 0, UT_INV_VIA_IN,
	UT_INV_VIA_OUT, 0, 0, UT_INV_FRAG,
};

static char
opt2char(unsigned option)
{
	const char *p;

	for (p = optflags; option > 1; option >>= 1, p++)
		;
	return *p;
}

static int
set_option(struct parse_state *ps, unsigned option, bool invert)
{
	unsigned i;

	if (ps->cmd->options & option)
		return PERR(ps, "multiple -%c flags not allowed",
			    opt2char(option));
	ps->cmd->options |= option;
	if (invert) {
		for (i = 0; 1u << i != option; i++)
			;
		if (!inverse_for_options[i])
			return PERR(ps, "cannot have ! before -%c",
				    opt2char(option));
		ps->invflags |= inverse_for_options[i];
	}
	return 0;
}

/* Legal combinations of commands and options ('x' illegal). */
static const char commands_v_options[NUMBER_OF_CMD][NUMBER_OF_OPT] = {
	/*     -n  -s  -d  -p  -j  -v  -x  -i  -o --line -c -f */
	/*INSERT*/    {'x',' ',' ',' ',' ',' ','x',' ',' ','x',' ',' '},
	/*DELETE*/    {'x',' ',' ',' ',' ',' ','x',' ',' ','x','x',' '},
	/*DELETE_NUM*/{'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*REPLACE*/   {'x',' ',' ',' ',' ',' ','x',' ',' ','x',' ',' '},
	/*APPEND*/    {'x',' ',' ',' ',' ',' ','x',' ',' ','x',' ',' '},
	/*LIST*/      {' ','x','x','x','x',' ',' ','x','x',' ','x','x'},
	/*FLUSH*/     {'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*ZERO*/      {'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*NEW_CHAIN*/ {'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*DEL_CHAIN*/ {'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*SET_POLICY*/{'x','x','x','x','x',' ','x','x','x','x',' ','x'},
	/*RENAME*/    {'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*LIST_RULES*/{'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*ZERO_NUM*/  {'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*CHECK*/     {'x',' ',' ',' ',' ',' ','x',' ',' ','x','x',' '},
};

static int
generic_opt_check(struct parse_state *ps)
{
	unsigned command = ps->cmd->command, options = ps->cmd->options;

	for (int i = 0; i < NUMBER_OF_OPT; i++) {
		int legal = 0;
		if (!(options & (1u << i)))
			continue;
		for (int j = 0; j < NUMBER_OF_CMD; j++) {
			if (!(command & (1u << j)))
				continue;
			if (commands_v_options[j][i] != 'x')
				legal = 1;
			else if (legal == 0)
				legal = -1;
		}
		if (legal == -1)
			return PERR(ps, "Illegal option `-%c' with this command",
				    optflags[i]);
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

static int
parse_interface(struct parse_state *ps, const char *arg, char *name,
		bool *wild)
{
	size_t len = strlen(arg);

	memset(name, 0, UT_IFNAMSIZ);
	*wild = false;
	if (len + 1 > UT_IFNAMSIZ)
		return PERR(ps, "interface name `%s' must be shorter than "
			    "IFNAMSIZ (%i)", arg, UT_IFNAMSIZ - 1);
	memcpy(name, arg, len);
	if (len && arg[len - 1] == '+')
		*wild = true;
	if (strpbrk(arg, "/ "))
		ut_buf_printf(ps->warn, "Warning: weird character in interface"
			      " `%s' ('/' and ' ' are not allowed by the "
			      "kernel).\n", arg);
	return 0;
}

static bool
is_standard_target(const char *name)
{
	return strcmp(name, "ACCEPT") == 0 || strcmp(name, "DROP") == 0 ||
	       strcmp(name, "QUEUE") == 0 || strcmp(name, "RETURN") == 0;
}

static int
check_target_name(struct parse_state *ps, const char *name)
{
	size_t len = strlen(name);

	if (len < 1)
		return PERR(ps, "Invalid target name (too short)");
	if (len >= XT_EXTENSION_MAXNAMELEN)
		return PERR(ps, "Invalid target name `%s' (%u chars max)",
			    name, XT_EXTENSION_MAXNAMELEN - 1);
	for (const char *p = name; *p; p++)
		if (isspace((unsigned char)*p))
			return PERR(ps, "Invalid target name `%s'", name);
	return 0;
}

/* command_jump: -j NAME; an extension target is instantiated now, a
 * standard verdict or a (future) chain name later in exec. */
static int
command_jump(struct parse_state *ps, const char *name)
{
	struct ut_rule *r = ps->cmd->rule;
	const struct ut_ext *ext;
	int ret = check_target_name(ps, name);

	if (ret < 0)
		return ret;
	ps->cmd->jumpto = name;
	if (is_standard_target(name))
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
 * and retry, or fail with iptables' message. Returns 1 to retry. */
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
		return 1;
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

static int
valid_chain_name(struct parse_state *ps, const char *name)
{
	if (strlen(name) >= XT_EXTENSION_MAXNAMELEN)
		return PERR(ps, "chain name `%s' too long (must be under %u "
			    "chars)", name, XT_EXTENSION_MAXNAMELEN);
	if (*name == '-' || *name == '!')
		return PERR(ps, "chain name not allowed to start with `%c'",
			    *name);
	/* xtables_find_target maps "" to the standard target */
	if (!*name || is_standard_target(name) ||
	    ut_ext_find(name, UT_EXT_TARGET))
		return PERR(ps, "chain name may not clash with target name");
	for (const char *p = name; *p; p++)
		if (isspace((unsigned char)*p))
			return PERR(ps, "Invalid chain name `%s'", name);
	return 0;
}

/* one_option: handle option c; 1 = continue without resetting invert */
static int
one_option(struct parse_state *ps, int c, int elem, bool *invert)
{
	struct ipt_cmd *cmd = ps->cmd;
	struct getopt_state *g = &ps->g;
	const char *prev;
	int ret = 0;

	switch (c) {
	case 'A':
	case 'C':
		ret = add_command(ps, c == 'A' ? CMD_APPEND : CMD_CHECK,
				  CMD_NONE, *invert);
		cmd->chain = g->optarg;
		break;
	case 'D':
		ret = add_command(ps, CMD_DELETE, CMD_NONE, *invert);
		cmd->chain = g->optarg;
		if (ret == 0 && has_arg(ps)) {
			ret = parse_rulenumber(ps, next_arg(ps), &cmd->rulenum);
			cmd->command = CMD_DELETE_NUM;
		}
		break;
	case 'R':
		ret = add_command(ps, CMD_REPLACE, CMD_NONE, *invert);
		cmd->chain = g->optarg;
		if (ret < 0)
			break;
		if (has_arg(ps))
			ret = parse_rulenumber(ps, next_arg(ps), &cmd->rulenum);
		else
			ret = PERR(ps, "-%c requires a rule number", 'R');
		break;
	case 'I':
		ret = add_command(ps, CMD_INSERT, CMD_NONE, *invert);
		cmd->chain = g->optarg;
		if (ret == 0 && has_arg(ps))
			ret = parse_rulenumber(ps, next_arg(ps), &cmd->rulenum);
		else
			cmd->rulenum = 1;
		break;
	case 'L':
	case 'S':
		ret = add_command(ps, c == 'L' ? CMD_LIST : CMD_LIST_RULES,
				  CMD_ZERO | CMD_ZERO_NUM, *invert);
		optional_chain(ps);
		if (ret == 0 && has_arg(ps))
			ret = parse_rulenumber(ps, next_arg(ps), &cmd->rulenum);
		break;
	case 'F':
		ret = add_command(ps, CMD_FLUSH, CMD_NONE, *invert);
		optional_chain(ps);
		break;
	case 'Z':
		ret = add_command(ps, CMD_ZERO, CMD_LIST | CMD_LIST_RULES,
				  *invert);
		optional_chain(ps);
		if (ret == 0 && has_arg(ps)) {
			ret = parse_rulenumber(ps, next_arg(ps), &cmd->rulenum);
			cmd->command = (cmd->command & ~CMD_ZERO) | CMD_ZERO_NUM;
		}
		break;
	case 'N':
		ret = valid_chain_name(ps, g->optarg);
		if (ret == 0)
			ret = add_command(ps, CMD_NEW_CHAIN, CMD_NONE, *invert);
		cmd->chain = g->optarg;
		break;
	case 'X':
		ret = add_command(ps, CMD_DELETE_CHAIN, CMD_NONE, *invert);
		optional_chain(ps);
		break;
	case 'E':
		ret = add_command(ps, CMD_RENAME_CHAIN, CMD_NONE, *invert);
		cmd->chain = g->optarg;
		if (ret == 0 && has_arg(ps))
			cmd->newname = next_arg(ps);
		else if (ret == 0)
			ret = PERR(ps, "-%c requires old-chain-name and "
				   "new-chain-name", 'E');
		break;
	case 'P':
		ret = add_command(ps, CMD_SET_POLICY, CMD_NONE, *invert);
		cmd->chain = g->optarg;
		if (ret == 0 && has_arg(ps))
			cmd->policy = next_arg(ps);
		else if (ret == 0)
			ret = PERR(ps, "-%c requires a chain and a policy", 'P');
		break;
	case 'h':
		cmd->help = true;
		return -1000;
	case 'p':
		ret = set_option(ps, OPT_PROTOCOL, *invert);
		if (ret < 0)
			break;
		prev = g->argv[g->optind - 1];
		free(ps->protocol);
		ps->protocol = strdup(prev);
		if (!ps->protocol)
			return ut_err_set(ps->err, UT_OTHER_PROBLEM,
					  "can't alloc memory!");
		for (char *p = ps->protocol; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		ret = ut_parse_proto(ps->protocol, &cmd->rule->ip.proto,
				     ps->err);
		if (ret == 0 && cmd->rule->ip.proto == 0 &&
		    (ps->invflags & UT_INV_PROTO))
			ret = PERR(ps, "rule would never match protocol");
		break;
	case 's':
	case 'd':
		ret = set_option(ps, c == 's' ? OPT_SOURCE : OPT_DESTINATION,
				 *invert);
		prev = g->argv[g->optind - 1];
		if (c == 's')
			ps->shost = (char *)prev;
		else
			ps->dhost = (char *)prev;
		break;
	case 'g':
		ret = set_option(ps, OPT_JUMP, *invert);
		if (ret == 0)
			ret = check_target_name(ps, g->optarg);
		cmd->goto_set = true;
		cmd->jumpto = g->optarg;
		break;
	case 'j':
		ret = set_option(ps, OPT_JUMP, *invert);
		if (ret == 0)
			ret = command_jump(ps, g->argv[g->optind - 1]);
		break;
	case 'i':
	case 'o':
		if (*g->optarg == '\0')
			return PERR(ps, "Empty interface is likely to be "
				    "undesired");
		ret = set_option(ps, c == 'i' ? OPT_VIANAMEIN : OPT_VIANAMEOUT,
				 *invert);
		if (ret < 0)
			break;
		prev = g->argv[g->optind - 1];
		if (c == 'i')
			ret = parse_interface(ps, prev, cmd->rule->ip.iniface,
					      &cmd->rule->ip.iniface_wild);
		else
			ret = parse_interface(ps, prev, cmd->rule->ip.outiface,
					      &cmd->rule->ip.outiface_wild);
		break;
	case 'f':
		ret = set_option(ps, OPT_FRAGMENT, *invert);
		cmd->rule->ip.flags |= UT_IPT_F_FRAG;
		break;
	case 'v':
		if (!cmd->verbose)
			ret = set_option(ps, OPT_VERBOSE, *invert);
		cmd->verbose++;
		break;
	case 'm':
		ret = command_match(ps, g->optarg, *invert);
		break;
	case 'n':
		ret = set_option(ps, OPT_NUMERIC, *invert);
		break;
	case 't':
		if (*invert)
			return PERR(ps, "unexpected ! flag before --table");
		if (cmd->ignore /* restore */ && ps->table_set)
			return PERR(ps, "The -t option cannot be used in %s.\n",
				    "iptables-restore");
		cmd->table = g->optarg;
		ps->table_set = true;
		break;
	case 'x':
		ret = set_option(ps, OPT_EXPANDED, *invert);
		break;
	case 'V':
		cmd->version = true;
		cmd->version_invert = *invert;
		return -1000;
	case 'w':
		ret = parse_wait(ps);
		break;
	case 'W':
		ret = parse_wait_interval(ps);
		break;
	case '0':
		ret = set_option(ps, OPT_LINENUMBERS, *invert);
		break;
	case 'M':
		break;
	case 'c':
		ret = set_option(ps, OPT_COUNTERS, *invert);
		if (ret == 0)
			ret = parse_counters_opt(ps);
		break;
	case '4':
		break;
	case '6':
		return ut_err_set(ps->err, UT_PARAMETER_PROBLEM,
				  "IPv6 is not supported yet by utables");
	case 1:
		if (strcmp(g->optarg, "!") == 0) {
			if (*invert)
				return PERR(ps, "multiple consecutive ! not "
					    "allowed");
			*invert = true;
			return 1;
		}
		ut_buf_printf(ps->warn, "Bad argument `%s'\n", g->optarg);
		ut_err_set(ps->err, UT_PARAMETER_PROBLEM, "%s", "");
		ps->err->style = UT_ERRS_TRYHELP;
		return -UT_PARAMETER_PROBLEM;
	case GO_EXT:
		ret = ext_option(ps, &g->found, *invert);
		break;
	default:
		ret = unknown_option(ps, c, elem);
		if (ret == 1)
			return 1;
		break;
	}
	if (ret < 0)
		return ret;
	*invert = false;
	return 0;
}

/* ---- addresses (xtables_ipparse_multiple) ----------------------------------- */

static int
parse_mask(struct parse_state *ps, const char *mask, uint32_t *out)
{
	uint64_t bits;

	if (!mask) {
		*out = UINT32_MAX;
		return 0;
	}
	if (strchr(mask, '.')) {
		uint32_t m;
		/* numeric_to_ipmask: all four bytes are needed */
		int dots = 0;
		for (const char *p = mask; *p; p++)
			dots += *p == '.';
		if (dots == 3 && ut_parse_ipv4_addr(mask, &m) == 0) {
			*out = m;
			return 0;
		}
	}
	if (ut_parse_uint(mask, 0, 32, &bits) < 0)
		return PERR(ps, "invalid mask `%s' specified", mask);
	*out = bits ? htonl(UINT32_MAX << (32 - bits)) : 0;
	return 0;
}

/* A list of addresses and masks. The usual single address lives in the
 * command itself (inl: address, mask); more go to the heap. */
struct addr_list {
	uint32_t **a, **m;
	unsigned *n;
	uint32_t *inl;
};

/* grow: room for one more entry in *p (an array of n entries) */
static uint32_t *
addr_grow(uint32_t *p, unsigned n, const uint32_t *inl)
{
	uint32_t *v;

	if (p != inl)
		return realloc(p, (n + 1) * sizeof(*p));
	v = malloc((n + 1) * sizeof(*p));
	if (v)
		v[0] = *p;
	return v;
}

static int
push_addr(struct addr_list *l, uint32_t addr, uint32_t mask)
{
	uint32_t *na, *nm;

	if (*l->n == 0) {
		*l->a = &l->inl[0];
		*l->m = &l->inl[1];
	} else {
		na = addr_grow(*l->a, *l->n, &l->inl[0]);
		if (!na)
			return -1;
		*l->a = na;
		nm = addr_grow(*l->m, *l->n, &l->inl[1]);
		if (!nm)
			return -1;
		*l->m = nm;
	}
	(*l->a)[*l->n] = addr & mask;
	(*l->m)[*l->n] = mask;
	(*l->n)++;
	return 0;
}

/* host_addrs: numeric, network name or host name (all its addresses). */
static int
host_addrs(struct parse_state *ps, const char *name, uint32_t mask,
	   struct addr_list *l)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = SOCK_RAW };
	struct addrinfo *res, *p;
	struct netent *ne;
	uint32_t addr;

	if (ut_parse_ipv4_addr(name, &addr) == 0)
		return push_addr(l, addr, mask);
	if ((ne = getnetbyname(name)) != NULL)
		return push_addr(l, htonl(ne->n_net), mask);
	if (getaddrinfo(name, NULL, &hints, &res) != 0)
		return PERR(ps, "host/network `%s' not found", name);
	for (p = res; p; p = p->ai_next)
		if (push_addr(l, ((struct sockaddr_in *)
				   p->ai_addr)->sin_addr.s_addr, mask)) {
			freeaddrinfo(res);
			return -1;
		}
	freeaddrinfo(res);
	return 0;
}

static int
parse_addresses(struct parse_state *ps, const char *spec,
		struct addr_list *l)
{
	const char *loop = spec;

	for (;;) {
		char buf[256], *slash;
		const char *next;
		size_t len;
		uint32_t mask = 0;
		int ret;

		while (isspace((unsigned char)*loop))
			loop++;
		next = strchr(loop, ',');
		len = next ? (size_t)(next - loop) : strlen(loop);
		if (len > sizeof(buf) - 1)
			return PERR(ps, "Hostname too long");
		memcpy(buf, loop, len);
		buf[len] = '\0';
		slash = strrchr(buf, '/');
		if (slash)
			*slash = '\0';
		ret = parse_mask(ps, slash ? slash + 1 : NULL, &mask);
		if (ret < 0)
			return ret;
		if (mask == 0)
			strcpy(buf, "0.0.0.0");
		ret = host_addrs(ps, buf, mask, l);
		if (ret < 0)
			return ret == -1 ? ut_err_set(ps->err,
				UT_OTHER_PROBLEM, "can't alloc memory!") : ret;
		if (!next)
			return 0;
		loop = next + 1;
	}
}

/* post_parse: ipv4_post_parse and the checks after the option loop. */
static int
post_parse(struct parse_state *ps)
{
	struct ipt_cmd *cmd = ps->cmd;
	struct ut_rule *r = cmd->rule;
	int ret;

	r->ip.invflags = ps->invflags;
	if (cmd->goto_set)
		r->ip.flags |= UT_IPT_F_GOTO;
	r->pcnt = ps->pcnt_cnt;
	r->bcnt = ps->bcnt_cnt;
	if (cmd->command & (CMD_REPLACE | CMD_INSERT | CMD_DELETE |
			    CMD_APPEND | CMD_CHECK)) {
		if (!(cmd->options & OPT_DESTINATION))
			ps->dhost = "0.0.0.0/0";
		if (!(cmd->options & OPT_SOURCE))
			ps->shost = "0.0.0.0/0";
	}
	struct addr_list src = { &cmd->saddrs, &cmd->smasks, &cmd->nsaddrs,
				 cmd->inline_addrs };
	struct addr_list dst = { &cmd->daddrs, &cmd->dmasks, &cmd->ndaddrs,
				 cmd->inline_addrs + 2 };

	if (ps->shost && (ret = parse_addresses(ps, ps->shost, &src)) < 0)
		return ret;
	if (ps->dhost && (ret = parse_addresses(ps, ps->dhost, &dst)) < 0)
		return ret;
	if ((cmd->nsaddrs > 1 || cmd->ndaddrs > 1) &&
	    (r->ip.invflags & (UT_INV_SRCIP | UT_INV_DSTIP)))
		return PERR(ps, "! not allowed with multiple source or "
			    "destination IP addresses");
	return 0;
}

static int
final_checks(struct parse_state *ps)
{
	struct ipt_cmd *cmd = ps->cmd;
	int ret;

	if (strcmp(cmd->table, "nat") == 0 &&
	    ((cmd->policy && strcmp(cmd->policy, "DROP") == 0) ||
	     (cmd->jumpto && strcmp(cmd->jumpto, "DROP") == 0)))
		return PERR(ps, "\nThe \"nat\" table is not intended for "
			    "filtering, the use of DROP is therefore "
			    "inhibited.\n\n");
	if (!cmd->wait_given && ps->wait_interval_set)
		return PERR(ps, "--wait-interval only makes sense with "
			    "--wait\n");
	for (size_t i = 0; i < ps->n_inst + ps->has_target; i++) {
		struct inst *in = i < ps->n_inst ? &ps->inst[i] : &ps->target;
		struct ut_fcheck_call fc = {
			.ext_name = in->xt->ext->name, .xflags = in->xflags,
			.data = in->xt->data, .ip = &cmd->rule->ip,
			.table = cmd->table, .err = ps->err,
			.warn = ps->warn,
		};
		ret = ut_opt_final(in->xt->ext, &fc);
		if (ret < 0)
			return ret;
	}
	if (ps->g.optind < ps->g.argc)
		return PERR(ps, "unknown arguments found on commandline");
	if (!cmd->command)
		return PERR(ps, "no command specified");
	return 0;
}

static int
chain_checks(struct parse_state *ps)
{
	struct ipt_cmd *cmd = ps->cmd;

	if (cmd->command == CMD_REPLACE &&
	    (cmd->nsaddrs != 1 || cmd->ndaddrs != 1))
		return PERR(ps, "Replacement rule does not specify a unique "
			    "address");
	if (generic_opt_check(ps) < 0)
		return -UT_PARAMETER_PROBLEM;
	if (cmd->chain && strlen(cmd->chain) >= XT_EXTENSION_MAXNAMELEN)
		return PERR(ps, "chain name `%s' too long (must be under %u "
			    "chars)", cmd->chain, XT_EXTENSION_MAXNAMELEN);
	if (!(cmd->command & (CMD_APPEND | CMD_DELETE | CMD_DELETE_NUM |
			      CMD_CHECK | CMD_INSERT | CMD_REPLACE)))
		return 0;
	if ((strcmp(cmd->chain, "PREROUTING") == 0 ||
	     strcmp(cmd->chain, "INPUT") == 0) &&
	    (cmd->options & OPT_VIANAMEOUT))
		return PERR(ps, "Can't use -%c with %s\n", 'o', cmd->chain);
	if ((strcmp(cmd->chain, "POSTROUTING") == 0 ||
	     strcmp(cmd->chain, "OUTPUT") == 0) &&
	    (cmd->options & OPT_VIANAMEIN))
		return PERR(ps, "Can't use -%c with %s\n", 'i', cmd->chain);
	return 0;
}

int
ipt_parse(int argc, char **argv, bool restore, const char *table,
	  struct ipt_cmd *cmd, struct ut_buf *warn, struct ut_err *err)
{
	struct parse_state ps;
	bool invert = false;
	int c, ret = 0;

	memset(cmd, 0, sizeof(*cmd));
	cmd->table = table;
	cmd->jumpto = "";
	cmd->ignore = restore; /* reused below as "restore" until the end */
	cmd->rule = ut_rule_new();
	if (!cmd->rule)
		return ut_err_set(err, UT_OTHER_PROBLEM, "can't alloc memory!");
	memset(&ps, 0, sizeof(ps));
	ps.cmd = cmd;
	ps.table_set = restore; /* restore passes "-t TABLE" itself */
	ps.err = err;
	ps.warn = warn;
	ps.g = (struct getopt_state){ .argc = argc, .argv = argv,
				      .optind = 1 };
	while (ret == 0) {
		int elem = ps.g.optind;
		struct lopt_src src = { ps.loaded, ps.n_loaded };
		c = go_next(&ps.g, &src);
		if (c == -1)
			break;
		ret = one_option(&ps, c, elem, &invert);
		if (ret == 1)
			ret = 0;
	}
	cmd->ignore = false;
	if (ret == -1000) { /* -h / -V: done, nothing else checked */
		ret = 0;
		goto out;
	}
	if (ret == 0)
		ret = final_checks(&ps);
	if (ret == 0 && invert)
		ret = PERR(&ps, "nothing appropriate following !");
	if (ret == 0)
		ret = post_parse(&ps);
	if (ret == 0)
		ret = chain_checks(&ps);
out:
	free(ps.protocol);
	return ret < 0 ? ret : 0;
}

void
ipt_cmd_fini(struct ipt_cmd *cmd)
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
