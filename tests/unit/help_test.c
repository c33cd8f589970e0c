/* help_test.c: `iptables -m NAME --help` / `-j NAME --help` for every
 * registered extension: exit 0, after the general help the extension's
 * block, naming each option of its table; the order of several blocks
 * (as iptables: matches in command-line order, then the target); the
 * match -p implies. */
#include <stdlib.h>
#include <string.h>

#include "rules/ext.h"
#include "unit.h"
#include "utables/utables.h"

/* help_of: what `iptables A1 A2 A3 A4 --help` prints on stdout, the
 * NULL words left out (caller frees) */
static char *
help_of(const char *a1, const char *a2, const char *a3, const char *a4,
	int *status)
{
	const char *words[] = { a1, a2, a3, a4 };
	char *argv[7] = { "iptables" };
	int argc = 1;
	struct ut_cli_io io;
	char *text;

	for (size_t i = 0; i < 4; i++)
		if (words[i])
			argv[argc++] = (char *)words[i];
	argv[argc++] = "--help";
	ut_cli_io_init(&io);
	*status = ut_cli_iptables(argc, argv, &io);
	text = strdup(ut_buf_str(&io.out));
	ut_cli_io_fini(&io);
	return text;
}

/* check_ext: e's help block is in the output of -m/-j e->name --help */
static void
check_ext(const struct ut_ext *e)
{
	const char *kind = e->kind == UT_EXT_MATCH ? "match" : "target";
	char head[128], opt[128];
	int status;
	char *text = help_of(e->kind == UT_EXT_MATCH ? "-m" : "-j", e->name,
			     NULL, NULL, &status);
	const char *block;

	snprintf(head, sizeof(head), "\n\n%s %s options:\n", e->name, kind);
	CHECK(status == 0, "%s %s --help: status %d", kind, e->name, status);
	block = text ? strstr(text, head) : NULL;
	CHECK(block != NULL, "%s %s --help: no \"%s options\" block", kind,
	      e->name, e->name);
	CHECK(text && strncmp(text, "iptables v", 10) == 0 &&
	      strstr(text, "\nCommands"), "%s %s --help: not after the "
	      "general help", kind, e->name);
	for (const struct ut_opt *o = e->opts; block && o && o->name; o++) {
		snprintf(opt, sizeof(opt), " --%s", o->name);
		CHECK(strstr(block, opt) != NULL, "%s %s --help: --%s missing",
		      kind, e->name, o->name);
	}
	if (block && (!e->opts || !e->opts[0].name))
		CHECK(strstr(block, "takes no options") != NULL,
		      "%s %s --help: no 'takes no options'", kind, e->name);
	free(text);
}

void
test_ext_help(void)
{
	size_t n;
	const struct ut_ext *const *all = ut_ext_all(&n);
	int status;
	char *text;
	const char *t, *u, *l;

	for (size_t i = 0; i < n; i++)
		/* the revision -m/-j loads: the newest */
		if (ut_ext_find(all[i]->name, all[i]->kind) == all[i])
			check_ext(all[i]);

	/* iptables' order: each -m in turn, then the -j target */
	text = help_of("-m", "udp", "-j", "LOG", &status);
	t = text ? strstr(text, "\n\nudp match options:\n") : NULL;
	l = text ? strstr(text, "\n\nLOG target options:\n") : NULL;
	CHECK(status == 0 && t && l && t < l, "-m udp -j LOG --help order");
	free(text);

	/* -p PROTO without -m: the protocol's match */
	text = help_of("-p", "tcp", NULL, NULL, &status);
	CHECK(status == 0 && text && strstr(text, "\n\ntcp match options:\n"),
	      "-p tcp --help: no tcp block");
	free(text);

	/* whole texts: ttl's from its table alone (ranges, an alias, the
	 * options it excludes), udp's with the words its table adds and a
	 * line wrapped at 79 columns */
	text = help_of("-m", "ttl", NULL, NULL, &status);
	u = text ? strstr(text, "\n\nttl match options:\n") : NULL;
	CHECK_STR(u ? u : "", "\n\nttl match options:\n"
		  "    --ttl-lt n\n"
		  "        from 0 to 255; not with --ttl-eq, --ttl-gt\n"
		  "    --ttl-gt n\n"
		  "        from 0 to 255; not with --ttl-eq, --ttl-lt\n"
		  "[!] --ttl-eq, --ttl n\n"
		  "        from 0 to 255; not with --ttl-lt, --ttl-gt\n",
		  "-m ttl --help");
	free(text);
	text = help_of("-m", "udp", NULL, NULL, &status);
	u = text ? strstr(text, "\n\nudp match options:\n") : NULL;
	CHECK_STR(u ? u : "", "\n\nudp match options:\n"
		  "[!] --source-port, --sport port[:port]\n"
		  "        source port, or range of ports; a port is a number "
		  "or a name from\n"
		  "        /etc/services\n"
		  "[!] --destination-port, --dport port[:port]\n"
		  "        destination port or range; a port is a number or a "
		  "name from\n"
		  "        /etc/services\n",
		  "-m udp --help");
	free(text);

	/* general help: every command and option is described */
	text = help_of(NULL, NULL, NULL, NULL, &status);
	for (const char *const *o = (const char *const[]){ "--append",
	     "--check", "--delete", "--insert", "--replace", "--list ",
	     "--list-rules", "--flush", "--zero", "--new-chain",
	     "--delete-chain", "--policy", "--rename-chain", "--help",
	     "--version", "--protocol", "--source", "--destination",
	     "--in-interface", "--out-interface", "--fragment", "--match",
	     "--jump", "--goto", "--set-counters", "--table", "--numeric",
	     "--verbose", "--exact", "--line-numbers", "--wait ",
	     "--wait-interval", "--ipv4", "--ipv6", "--modprobe", NULL };
	     *o; o++)
		CHECK(text && strstr(text, *o), "iptables -h: %s missing", *o);
	free(text);
}
