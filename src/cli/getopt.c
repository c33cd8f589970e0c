/* getopt.c: a work-alike of glibc's getopt_long in RETURN_IN_ORDER mode
 * with iptables 1.8.9's optstring and long options, so that iptables
 * command lines are split exactly as iptables splits them (optind and
 * optarg included: iptables reads argv[optind - 1] in places, which makes
 * "-ptcp" and "--protocol=tcp" fail as they do in 1.8.9). */
#include <string.h>

#include "cli/cli.h"

static const char ipt_optstring[] =
	"-:A:C:D:E:F::I:L::M:N:P:VX::Z::c:d:i:j:o:p:s:t:R:S::W::46bfg:h::m:nvw::x";

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
int
ut_getopt_next(struct getopt_state *g, const struct lopt_src *src)
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

