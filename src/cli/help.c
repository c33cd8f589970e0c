/* help.c: what `iptables -h` prints: the usage lines, every command and
 * option in our words, then, as iptables does, the options of each
 * extension the command line loaded (-m NAME, the match -p implies, -j
 * NAME), generated from their option tables (rules/ext_help.c). */
#include <string.h>

#include "cli/cli.h"

/* One line of the command and option lists: the option's forms and what
 * it does. */
struct help_line {
	const char *forms;
	const char *what;
};

static const struct help_line commands[] = {
	{ "-A, --append CHAIN RULE", "add RULE at the end of CHAIN" },
	{ "-C, --check CHAIN RULE",
	  "exit 0 if CHAIN holds RULE, 1 (with a message) if not" },
	{ "-D, --delete CHAIN RULE", "remove the first rule equal to RULE" },
	{ "-D, --delete CHAIN NUM", "remove rule number NUM (1 is the first)" },
	{ "-I, --insert CHAIN [NUM] RULE",
	  "put RULE before rule NUM (default: at the top)" },
	{ "-R, --replace CHAIN NUM RULE", "put RULE in place of rule NUM" },
	{ "-L, --list [CHAIN [NUM]]",
	  "show the rules of CHAIN (default: every chain) as a table" },
	{ "-S, --list-rules [CHAIN [NUM]]",
	  "show the rules as the commands that create them" },
	{ "-F, --flush [CHAIN]",
	  "remove every rule of CHAIN (default: of every chain)" },
	{ "-Z, --zero [CHAIN [NUM]]",
	  "set packet and byte counters to 0 (with -L: after listing)" },
	{ "-N, --new-chain CHAIN", "create a user-defined chain" },
	{ "-X, --delete-chain [CHAIN]",
	  "delete an empty user-defined chain no rule jumps to (default: "
	  "every such chain)" },
	{ "-P, --policy CHAIN TARGET",
	  "set the verdict (ACCEPT or DROP) of a built-in chain's end" },
	{ "-E, --rename-chain OLD NEW", "rename a user-defined chain" },
	{ "-h, --help", "this text; after -m NAME, -j NAME or -p PROTO also "
	  "the options of that extension" },
	{ "-V, --version", "print the iptables version utables follows" },
	{ NULL, NULL },
};

static const struct help_line rule_params[] = {
	{ "[!] -p, --protocol PROTO",
	  "tcp, udp, icmp, ... (/etc/protocols), a number, or all; loads "
	  "the protocol's match" },
	{ "[!] -s, --source ADDR[/MASK][,...]",
	  "source address(es); a name is resolved, several give one rule "
	  "each" },
	{ "[!] -d, --destination ADDR[/MASK][,...]",
	  "destination address(es), as -s" },
	{ "[!] -i, --in-interface NAME[+]",
	  "the interface the packet came in by; NAME+ is any name starting "
	  "with NAME" },
	{ "[!] -o, --out-interface NAME[+]",
	  "the interface the packet leaves by, as -i" },
	{ "[!] -f, --fragment",
	  "only the second and later fragments of a datagram" },
	{ "-m, --match NAME",
	  "add match extension NAME; its options follow it" },
	{ "-j, --jump TARGET",
	  "what a matching packet gets: ACCEPT, DROP, RETURN, a user chain "
	  "(come back after it) or a target extension" },
	{ "-g, --goto CHAIN",
	  "continue in CHAIN; its end returns to the caller's caller" },
	{ "-c, --set-counters PKTS BYTES",
	  "start the rule's counters at these values" },
	{ NULL, NULL },
};

static const struct help_line other_opts[] = {
	{ "-t, --table TABLE",
	  "filter (the default), nat, mangle, raw or security" },
	{ "-n, --numeric", "print addresses and ports as numbers" },
	{ "-v, --verbose",
	  "list counters, interfaces and options too; say what is done" },
	{ "-x, --exact", "print counters exactly, not rounded to K, M, G" },
	{ "--line-numbers", "number the rules when listing" },
	{ "-w, --wait [SECONDS]",
	  "wait for the state's lock (for ever, or SECONDS)" },
	{ "-W, --wait-interval USECS",
	  "accepted for iptables' sake: the lock wait polls on its own" },
	{ "-4, --ipv4", "IPv4 (the only family there is; accepted)" },
	{ "-6, --ipv6", "IPv6: refused, utables does not support it yet" },
	{ "--modprobe COMMAND",
	  "accepted and ignored: there are no kernel modules to load" },
	{ NULL, NULL },
};

/* put_lines: one list, the forms in a column of their own */
static void
put_lines(const char *title, const struct help_line *l, struct ut_buf *out)
{
	ut_buf_printf(out, "\n%s\n", title);
	for (; l->forms; l++) {
		size_t n = strlen(l->forms);

		if (n < 38)
			ut_buf_printf(out, "  %-38s%s\n", l->forms, l->what);
		else
			ut_buf_printf(out, "  %s\n  %-38s%s\n", l->forms, "",
				      l->what);
	}
}

/* put_usage: the synopsis of each command form */
static void
put_usage(const char *prog, struct ut_buf *out)
{
	static const char *const forms[] = {
		"-[ACD] chain rule-specification [options]",
		"-I chain [rulenum] rule-specification [options]",
		"-R chain rulenum rule-specification [options]",
		"-D chain rulenum [options]",
		"-[LS] [chain [rulenum]] [options]",
		"-[FZ] [chain] [options]",
		"-[NX] chain",
		"-E old-chain-name new-chain-name",
		"-P chain target [options]",
		"-h (print this help information)",
	};

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		ut_buf_printf(out, "%s %s %s\n", i ? "      " : "Usage:", prog,
			      forms[i]);
}

/* put_state: where the rules are, for this user */
static void
put_state(const struct ut_cli_io *io, struct ut_buf *out)
{
	char path[4096];
	struct ut_err err;

	ut_err_clear(&err);
	if (ut_state_path(io, false, path, sizeof(path), &err) < 0)
		snprintf(path, sizeof(path), "(none: %.200s)", err.msg);
	ut_buf_printf(out, "\nutables keeps the rules in a state file instead "
		      "of the kernel: %s\n(set $%s to use another; see "
		      "utables(1)). RULE is the rule parameters below\nand "
		      "the options of its extensions.\n", path, UT_STATE_ENV);
}

/* put_ext: ext's help once, however often the command line loaded it */
static void
put_ext(const struct ut_ext *ext, const struct ut_ext **done, size_t *n,
	struct ut_buf *out)
{
	for (size_t i = 0; i < *n; i++)
		if (done[i] == ext)
			return;
	done[(*n)++] = ext;
	ut_ext_help(ext, out);
}

void
ut_ipt_help(const char *prog, const struct ipt_cmd *cmd,
	    const struct ut_cli_io *io, struct ut_buf *out)
{
	const struct ut_rule *r = cmd->rule;
	const struct ut_ext *done[66];
	size_t n = 0;

	ut_buf_printf(out, "%s v%s (legacy) [utables %s]\n\n", prog,
		      UT_IPT_VERSION, UT_VERSION);
	put_usage(prog, out);
	put_state(io, out);
	put_lines("Commands (the long and the short form are the same):",
		  commands, out);
	put_lines("Rule parameters (\"!\" before one inverts it):",
		  rule_params, out);
	put_lines("Other options:", other_opts, out);
	for (size_t i = 0; r && i < r->n_matches && n < 64; i++)
		put_ext(r->matches[i].ext, done, &n, out);
	if (cmd->help_proto)
		put_ext(cmd->help_proto, done, &n, out);
	if (r && r->target.ext)
		put_ext(r->target.ext, done, &n, out);
}
