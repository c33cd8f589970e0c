/* help.c: `utables help [CMD]` and `utables CMD --help`: each command with
 * every option described. utables(1), utables-run(1) and utables-trace(1)
 * say the same at length; keep them together when an option changes. */
#include <string.h>

#include "utables/utables.h"

static const char overview[] =
	"utables %s: Linux iptables/netfilter in userspace\n"
	"\n"
	"usage: utables COMMAND [ARGS...]\n"
	"\n"
	"Commands:\n"
	"  iptables ARGS            iptables %s (legacy): same syntax, output,\n"
	"                           messages and exit codes, on a state file\n"
	"  iptables-save ARGS       print the rule set in iptables-save form\n"
	"  iptables-restore ARGS    load a rule set in iptables-save form\n"
	"  run ARGS                 replay pcap captures through a described host\n"
	"                           and rule set; write the frames it sends\n"
	"  trace ARGS               show why each packet of a replay got its fate\n"
	"  host SUBCOMMAND          export, check, show and query a HOST file\n"
	"  state check              verify the state store (SQLite's integrity\n"
	"                           check and the store's own invariants)\n"
	"  help [COMMAND]           this text, or a command's options\n"
	"  --version, -V            print the version\n"
	"  --help, -h               this text\n"
	"\n"
	"Called through a link named iptables, iptables-save or iptables-restore\n"
	"(or iptables-legacy...), utables is that command. The iptables commands\n"
	"act on the state file $%s; without it root uses %s\n"
	"and other users $XDG_STATE_HOME/utables/rules.db (by default\n"
	"~/.local/state/utables/rules.db). `utables iptables -h` lists the\n"
	"iptables options; `utables COMMAND --help` those of a command.\n"
	"Manual pages: utables(1), utables-run(1), utables-trace(1).\n";

/* the options run and trace share */
#define COMMON_OPTS \
	"  --host HOST              the host: a file of iproute2/sysctl lines\n" \
	"                           (link, addr, route, rule, neigh, sysctl,\n" \
	"                           nfacct; see utables-run(1)); required\n" \
	"  --rules RULES            the rule set: an iptables-restore file or\n" \
	"                           iptables command lines (- reads standard\n" \
	"                           input); this or --state is required\n" \
	"  --state                  the rule set of the state store, as the\n" \
	"                           iptables commands left it\n" \
	"  --in IFACE=FILE          frames arriving on IFACE: pcap or pcapng,\n" \
	"                           Ethernet, Linux cooked or raw IP; `any`\n" \
	"                           splits a cooked v2 capture by interface;\n" \
	"                           at least one, repeatable\n" \
	"  --local FILE             IPv4 datagrams the host itself sends\n" \
	"                           (raw IP or Ethernet pcap)\n" \
	"  --settle SECONDS         let the clock run this long after the last\n" \
	"                           input (timers, retries; default 0)\n" \
	"  --seed N                 seed of what the kernel draws at random\n" \
	"                           (default 0): the same inputs, the same run\n" \
	"  --conntrack-load FILE    start from this connection table (the\n" \
	"                           `conntrack` file of an earlier run)\n" \
	"  --recent NAME=FILE       start recent list NAME from FILE\n" \
	"                           (repeatable)\n" \
	"  --classifier KIND        compiled (default): find the candidate\n" \
	"                           rules with a classifier; linear: test\n" \
	"                           every rule in order; the same results\n" \
	"  --help, -h               this text\n"

static const char run_help[] =
	"usage: utables run --host HOST --rules RULES --in IFACE=FILE [--in ...]\n"
	"                   [--local FILE] [--settle SECONDS] [--seed N]\n"
	"                   [--conntrack-load FILE] [--recent NAME=FILE ...]\n"
	"                   --out DIR [--json] [--json-packets FILE]\n"
	"       utables run --check --host HOST --rules RULES\n"
	"\n"
	"Replays the captures through the host's netfilter path, as Linux would,\n"
	"and writes what the host sent and counted into DIR.\n"
	"\n"
	"Options:\n"
	COMMON_OPTS
	"  --out DIR                where the results go: IFACE.pcap per sending\n"
	"                           interface, local.pcap, counters, conntrack,\n"
	"                           conntrack-events, log, nflog-GROUP.pcap;\n"
	"                           required (not with --check)\n"
	"  --json                   print a summary of the run as JSON on stdout\n"
	"  --json-packets FILE      write each packet's account to FILE as JSON\n"
	"                           lines (as `utables trace --json` prints them:\n"
	"                           path, verdict, the output frames it caused)\n"
	"  --check                  only load HOST and RULES and list every rule\n"
	"                           the packet engine cannot evaluate (exit 2 if\n"
	"                           any, 0 if none)\n"
	"\n"
	"Errors exit 2 and name the file and line, or the packet. See\n"
	"utables-run(1).\n";

static const char trace_help[] =
	"usage: utables trace --host HOST --rules RULES --in IFACE=FILE [--in ...]\n"
	"                     [--local FILE] [--settle SECONDS] [--seed N]\n"
	"                     [--conntrack-load FILE] [--recent NAME=FILE ...]\n"
	"                     [--packet N] [--filter EXPR] [--json]\n"
	"\n"
	"Replays the captures as `utables run` does and prints, for each packet,\n"
	"the rules it met (as the kernel's TRACE target would log them), its LOG\n"
	"lines, what connection tracking and NAT made of it, and where it went.\n"
	"\n"
	"Options:\n"
	COMMON_OPTS
	"  --packet N               only packet N (1 is the first of the merged\n"
	"                           inputs) and what descends from it\n"
	"  --filter EXPR            only the packets this pcap-filter(7)\n"
	"                           expression selects\n"
	"  --json                   one JSON line per packet (and per firing of\n"
	"                           timers) instead of the text\n"
	"\n"
	"See utables-trace(1).\n";

static const char host_help[] =
	"usage: utables host export\n"
	"       utables host check FILE\n"
	"       utables host show FILE [rules|routes]\n"
	"       utables host get FILE ADDR [from A] [iif DEV] [oif DEV] [tos T]"
	" [mark M]\n"
	"\n"
	"HOST files describe the host `run` and `trace` model (utables-run(1)).\n"
	"\n"
	"Subcommands:\n"
	"  export                   print this machine's interfaces, addresses,\n"
	"                           routes, neighbours and sysctls as a HOST file;\n"
	"                           what it leaves out (IPv6, bridging, ...) is a\n"
	"                           comment there and a warning on stderr\n"
	"  check FILE               read FILE; report its first error (file and\n"
	"                           line), exit 0 if none\n"
	"  show FILE                print the host as read (links, addresses,\n"
	"                           routes, neighbours, sysctls)\n"
	"  show FILE rules          the routing rules, as `ip rule show`\n"
	"  show FILE routes         every routing table, as `ip route show\n"
	"                           table all`\n"
	"  get FILE ADDR ...        the route to ADDR, as `ip route get` prints\n"
	"                           it; from, iif, oif, tos and mark as there\n";

/* iptables-save -h and iptables-restore -h print iptables' own usage
 * line, byte for byte; utables help describes each option */
static const char save_help[] =
	"usage: utables iptables-save [-c] [-t TABLE] [-M COMMAND]\n"
	"\n"
	"Prints the rule set of the state file in iptables-save form, the\n"
	"tables newest first, as iptables-save(8) does.\n"
	"\n"
	"Options:\n"
	"  -c, --counters           with each chain's and rule's packet and byte\n"
	"                           counters\n"
	"  -t, --table TABLE        only TABLE\n"
	"  -M, --modprobe COMMAND   accepted and ignored (no kernel modules)\n"
	"  -d, --dump               accepted and ignored, as iptables does\n"
	"  -f, --file FILE          refused: redirect the output instead\n"
	"  -b, --binary             not implemented (says so, as iptables)\n"
	"  -V, --version            print the iptables version followed\n"
	"  -h, --help               iptables' usage line\n";

static const char restore_help[] =
	"usage: utables iptables-restore [-c] [-v] [-t] [-n] [-w [SECONDS]]\n"
	"                                [-T TABLE] [-M COMMAND] [FILE]\n"
	"\n"
	"Loads a rule set in iptables-save form from FILE (default: standard\n"
	"input) into the state file, each table at its COMMIT, as\n"
	"iptables-restore(8) does.\n"
	"\n"
	"Options:\n"
	"  -c, --counters           set the counters the file gives\n"
	"  -n, --noflush            add to the tables instead of replacing them\n"
	"  -t, --test               parse and check only; change nothing\n"
	"  -v, --verbose            say what is done\n"
	"  -T, --table TABLE        load only TABLE from the file\n"
	"  -w, --wait [SECONDS]     wait for the state's lock (for ever, or\n"
	"                           SECONDS)\n"
	"  -W, --wait-interval USECS  accepted and ignored\n"
	"  -M, --modprobe COMMAND   accepted and ignored (no kernel modules)\n"
	"  -b, --binary             not implemented (says so, as iptables)\n"
	"  -V, --version            print the iptables version followed\n"
	"  -h, --help               iptables' usage line\n";

static const char help_help[] =
	"usage: utables help [COMMAND]\n"
	"\n"
	"Without COMMAND: the list of commands. With one: its options\n"
	"(for iptables: its -h).\n";

int
ut_tool_help(const char *cmd, struct ut_buf *out)
{
	if (!cmd)
		ut_buf_printf(out, overview, UT_VERSION, UT_IPT_VERSION,
			      UT_STATE_ENV, UT_STATE_DEFAULT);
	else if (strcmp(cmd, "run") == 0)
		ut_buf_puts(out, run_help);
	else if (strcmp(cmd, "trace") == 0)
		ut_buf_puts(out, trace_help);
	else if (strcmp(cmd, "host") == 0)
		ut_buf_puts(out, host_help);
	else if (strcmp(cmd, "iptables-save") == 0)
		ut_buf_puts(out, save_help);
	else if (strcmp(cmd, "iptables-restore") == 0)
		ut_buf_puts(out, restore_help);
	else if (strcmp(cmd, "help") == 0)
		ut_buf_puts(out, help_help);
	else
		return -1;
	return 0;
}
