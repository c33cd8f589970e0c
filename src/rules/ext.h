/* ext.h: the extension interface (matches and targets) and the generic
 * option engine, modelled on libxtables' xt_option_entry machinery.
 *
 * One extension = one file src/ext/xt_<name>.c (lower case: match, upper
 * case: target) holding, in order: its data struct, option ids, option
 * table, init/parse/final_check, print (for -L), save (for -S and
 * iptables-save; must re-parse to the same data), kcheck (what the kernel's
 * checkentry refuses), and at the end one or more `const struct ut_ext`
 * objects, each defined at file scope on a line that starts with
 * `const struct ut_ext ut_ext_<id> = {` (the build greps for that line to
 * generate the registry; nothing else registers an extension).
 *
 * Conventions copied from iptables so that transcribing behaviour is easy:
 *  - print and save write each item with a leading space (" tcp dpt:22",
 *    " --dport 22"); the core writes the "-m name" / "-j NAME" around them.
 *  - option ids are small integers (< 32); flags F_X = 1 << O_X.
 *  - messages are iptables' exact text; formats that end in "\n" in
 *    iptables end in "\n" here too (the front end adds the final newline).
 */
#ifndef UT_RULES_EXT_H
#define UT_RULES_EXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules/addr.h"
#include "rules/ruleset.h"
#include "utables/utables.h"

enum ut_ext_kind {
	UT_EXT_MATCH = 0,
	UT_EXT_TARGET,
};

/* Argument types the engine parses before calling ext->parse (xtables
 * XTTYPE_*). The parsed value is in call->val; with UT_OPT_PUT it is also
 * stored at opt->off in the extension's data (sized by the type). */
enum ut_opt_type {
	UT_OPT_NONE = 0,   /* no argument */
	UT_OPT_STRING,     /* any string; min/max bound its length; PUT copies
			    * into a char array of opt->max + 1 bytes */
	UT_OPT_UINT8,      /* integers, base 0 (0x.., 0..), min..max */
	UT_OPT_UINT16,
	UT_OPT_UINT32,
	UT_OPT_UINT64,
	UT_OPT_UINT8RC,    /* "a[:b]" ranges: val.u32range[], nvals */
	UT_OPT_UINT16RC,
	UT_OPT_UINT32RC,
	UT_OPT_UINT64RC,
	UT_OPT_MARKMASK32, /* "value[/mask]": val.mark, val.mask (mask
			    * defaults to 0xffffffff) */
	UT_OPT_SYSLOGLEVEL,/* level name or number: val.u8 */
	UT_OPT_PORT,       /* port number or service name: val.u16 */
	UT_OPT_PORTRC,     /* "port[:port]": val.port[], nvals */
	UT_OPT_PROTOCOL,   /* name or number: val.u8 */
	UT_OPT_HOST,       /* one IPv4 address (no mask): val.inet (net order)*/
	UT_OPT_HOSTMASK,   /* address[/mask|/plen]: val.inet, val.inetmask,
			    * val.plen */
	UT_OPT_PLEN,       /* prefix length 0..32 or mask: val.plen,
			    * val.inetmask */
	UT_OPT_ETHERMAC,   /* aa:bb:cc:dd:ee:ff: val.mac */
	UT_OPT_TOSMASK,    /* tos name or value[/mask]: val.tos, val.tosmask */
};

/* Option flags (xtables XTOPT_*). */
enum {
	UT_OPTF_INVERT = 1 << 0, /* accepts "! --opt" */
	UT_OPTF_MAND = 1 << 1,   /* must be given */
	UT_OPTF_MULTI = 1 << 2,  /* may be given more than once */
	UT_OPTF_PUT = 1 << 3,    /* store the parsed value at off */
	UT_OPTF_NBO = 1 << 4,    /* PUT in network byte order */
};

struct ut_opt {
	const char *name;        /* long option name without "--"; NULL ends */
	unsigned id;             /* < 32 */
	enum ut_opt_type type;
	unsigned flags;          /* UT_OPTF_* */
	uint64_t min, max;       /* integer bounds (0,0: the type's range) or
				  * string length bounds */
	uint32_t excl;           /* F_ mask of options it excludes */
	uint32_t also;           /* F_ mask of options it needs */
	size_t off;              /* PUT: offset in the data blob */
	bool has_optional_arg;   /* optional_argument (rare) */
	/* --help (ext_help.c): the argument's name ("port[:port]") and one
	 * line on what the option does, in our words; NULL: the help says
	 * only what the type and flags give (argument form, range, "may be
	 * repeated", what it needs or excludes) */
	const char *arg;
	const char *help;
};
#define UT_OPT_END { .name = NULL }

/* A parsed option, handed to ext->parse after the engine checked it. */
struct ut_opt_call {
	const struct ut_opt *opt;
	const char *ext_name;    /* for messages */
	const char *arg;         /* the argument (NULL for UT_OPT_NONE) */
	bool invert;             /* "!" was given */
	unsigned xflags;         /* options already seen, incl. this one */
	void *data;              /* the extension's blob */
	struct ut_ipt_ip *ip;    /* the rule's IP part (read/modify) */
	/* target only: the table the rule goes to (e.g. "nat") */
	const char *table;
	union {
		uint8_t u8;
		uint16_t u16;
		uint32_t u32;
		uint64_t u64;
		uint32_t u32range[2];
		uint64_t u64range[2];
		uint16_t port[2];
		struct { uint32_t mark, mask; };
		struct { uint32_t inet, inetmask; /* network order */
			 uint8_t plen; }; /* 255: mask is not a prefix */
		uint8_t mac[6];
		struct { uint8_t tos, tosmask; };
	} val;
	unsigned nvals;          /* ranges: 1 or 2 values given */
	struct ut_err *err;      /* fill with ut_err_set() on failure */
	struct ut_buf *warn;     /* stderr text printed even on success */
	/* the whole command line, for the few options that take a second
	 * word (tcp --tcp-flags MASK COMP, set --match-set NAME FLAGS):
	 * argv[*optind] is the next unread element. Use ut_opt_take_arg. */
	char **argv;
	int argc;
	int *optind;
};
#define UT_OPT_CALL_HAS_ARGV 1

/* ut_opt_take_arg: consume the next command-line element as an extra
 * argument of this option, as iptables' extensions read argv[optind];
 * NULL (nothing consumed) if there is none or it starts with '-' or '!'. */
const char *ut_opt_take_arg(struct ut_opt_call *call);

/* ut_strput: what an XTOPT_PUT string option does in libxtables when the
 * option sets no length bound: copy src into dst[size], silently
 * truncated to size - 1 bytes. For options that store the string
 * themselves. */
void ut_strput(char *dst, size_t size, const char *src);

/* ut_opt_host: what UT_OPT_HOST does with its argument (xtopt_parse_host
 * for IPv4), for extensions that split "host/mask" themselves: the one
 * address arg resolves to, in network order. 0, or negative with err
 * set to libxtables' message. */
int ut_opt_host(const char *arg, uint32_t *addr, struct ut_err *err);

/* ut_tos_symbol: the name iptables prints for a TOS value/mask pair
 * ("Minimize-Delay", ...), or NULL: the names UT_OPT_TOSMASK accepts.
 * Only mask 0x3f has names, as in tos_values.c's
 * tos_try_print_symbolic. */
const char *ut_tos_symbol(uint8_t value, uint8_t mask);

/* Final check after all options were seen (xtables x6_fcheck). */
struct ut_fcheck_call {
	const char *ext_name;
	unsigned xflags;
	void *data;
	struct ut_ipt_ip *ip;
	const char *table;
	struct ut_err *err;
	struct ut_buf *warn;     /* stderr text printed even on success */
};

/* What the kernel's checkentry sees at commit time. */
/* the HZ of the kernel the commit-time checks model (Debian's CONFIG_HZ):
 * the CLI has no host; packet evaluation uses the host's kernel.hz */
#define UT_KCHECK_HZ 250

struct ut_kcheck {
	const char *table;       /* "filter", "nat", ... */
	unsigned hook_mask;      /* hooks the rule is reachable from */
	const struct ut_ipt_ip *ip;
	const void *data;
	/* on failure, write the kernel's log line(s) here (without the
	 * "[time]" prefix), e.g. "x_tables: ip_tables: ..." */
	struct ut_buf *dmesg;
};

struct ut_xt_par; /* engine/engine.h */
struct ut_cls_rule; /* classify/classify.h */
struct ut_engine;

struct ut_print_ctx {
	const void *data;
	const struct ut_ipt_ip *ip;
	bool numeric;            /* -n given (for -L) */
	bool verbose;            /* -v given */
	struct ut_buf *warn;     /* stderr text (libxt_connlabel warns) */
};

struct ut_ext {
	const char *name;        /* as given to -m / -j */
	/* the kernel's name when it differs (NOTRACK is the kernel's CT):
	 * shown in the -L target column and in kernel messages */
	const char *real_name;
	uint8_t revision;
	enum ut_ext_kind kind;
	size_t size;             /* data blob size */
	/* bytes of the blob compared for -C/-D (0 = size); kernel-private
	 * tails (limit's credit, hashlimit's table pointer) are not */
	size_t cmp_size;
	/* -C/-D ignore the data entirely (libxtables' userspacesize 0) */
	bool cmp_none;
	const struct ut_opt *opts;
	/* kernel-side restrictions, checked generically at commit time with
	 * the kernel's messages; 0/NULL = none */
	const char *table;       /* only valid in this table */
	unsigned hooks;          /* only valid from these hooks (UT_HM_*) */
	uint16_t proto;          /* only valid with -p proto (not inverted) */

	/* fill defaults in the zeroed blob (optional) */
	void (*init)(void *data);
	/* after the engine parsed call->opt (optional) */
	int (*parse)(struct ut_opt_call *call);
	/* after all options (optional); engine checked MAND/also/excl */
	int (*final_check)(struct ut_fcheck_call *call);
	/* -L column text (optional: nothing printed) */
	void (*print)(const struct ut_print_ctx *pc, struct ut_buf *out);
	/* -S / iptables-save text (optional: nothing printed) */
	void (*save)(const struct ut_print_ctx *pc, struct ut_buf *out);
	/* name printed after -m/-j and in the -L target column, when it
	 * differs from name (optional) */
	const char *(*alias)(const void *data);
	/* kernel checkentry: 0 or a negative errno (typically -EINVAL) with
	 * kc->dmesg filled (optional) */
	int (*kcheck)(const struct ut_kcheck *kc);

	/* packet evaluation (engine/engine.h). A rule set using an extension
	 * without its callback is refused by the engine with a clear
	 * message, never evaluated differently. */
	/* match: true if the packet matches (par->hotdrop: drop it now) */
	bool (*match)(struct ut_xt_par *par);
	/* target: a UT_NF_* verdict, UT_XT_CONTINUE or UT_XT_RETURN */
	unsigned (*target)(struct ut_xt_par *par);
	/* runtime state of one instance in one engine (a limit's bucket, a
	 * statistic's packet count), apart from the immutable blob: created
	 * with the engine in rule-set order, handed to match/target as
	 * par->state, freed with the engine. state_new returns 0 with
	 * *state set, or -1 with err filled (the engine is not created).
	 * State shared across rules by name (recent lists, hashlimit
	 * tables) is an engine object: ut_engine_shared_get. Optional. */
	int (*state_new)(struct ut_engine *eng, const void *data,
			 void **state, struct ut_err *err);
	void (*state_free)(struct ut_engine *eng, void *state);
	/* match: narrow the classifier's view of the rule (classify.h) to
	 * the header tests this match makes: only for a match without
	 * side effects whose only hot-drop is for a packet without the
	 * header whole (the classifier lets every rule pass then).
	 * Optional: a match without it is evaluated on the candidates. */
	void (*classify)(const void *data, struct ut_cls_rule *cr);
};

/* ---- registry (src/rules/ext.c) ------------------------------------------ */

/* ut_ext_find: the newest revision of the named extension, NULL if none. */
const struct ut_ext *ut_ext_find(const char *name, enum ut_ext_kind kind);
/* ut_ext_find_rev: a given revision, NULL if none. */
const struct ut_ext *ut_ext_find_rev(const char *name, enum ut_ext_kind kind,
				     uint8_t revision);
/* ut_ext_all: every registered extension; count in *n. */
const struct ut_ext *const *ut_ext_all(size_t *n);

/* ut_ext_help: the "NAME match options:" / "NAME target options:" block
 * iptables -m NAME --help prints, generated from ext's option table so it
 * cannot fall out of date: each option (aliases together) with "!" when it
 * can be inverted, its argument, range and constraints (ext_help.c). */
void ut_ext_help(const struct ut_ext *ext, struct ut_buf *out);

/* ut_kcheck_rule: the rule a kcheck call is about (the kernel's
 * par->entryinfo). The core passes kc->ip = &rule->ip, and ip is the
 * first member of struct ut_rule, so the rule is found from it. Valid
 * only inside kcheck. */
const struct ut_rule *ut_kcheck_rule(const struct ut_kcheck *kc);

/* ut_kcheck_proc_name: the kernel's xt_check_proc_name, for extensions
 * whose name becomes a /proc file (hashlimit, recent): 0, -EINVAL for
 * "", ".", ".." or a '/', -ENAMETOOLONG when name fills its size-byte
 * field without a NUL. */
int ut_kcheck_proc_name(const char *name, size_t size);

/* ut_kcheck_nfacct_objects: the nfacct objects the emulated kernel has,
 * which the nfacct match's checkentry looks up (`run` sets them from the
 * HOST's `nfacct add NAME` lines before it loads the rules, and clears
 * them after; by default there are none, as on a host where nfacct(8)
 * never ran). names is borrowed until the next call. Process-wide, like
 * the kernel's namespace the CLI models. */
void ut_kcheck_nfacct_objects(char *const *names, size_t n);
/* ut_kcheck_nfacct_exists: is there an object named name */
bool ut_kcheck_nfacct_exists(const char *name);

/* ---- option engine (src/rules/opt.c) -------------------------------------- */

/* ut_opt_lookup: the option of ext named name exactly (*exact = true), or
 * the only option it is a prefix of, as getopt_long allows (*exact =
 * false); NULL if none or ambiguous. */
const struct ut_opt *ut_opt_lookup(const struct ut_ext *ext, const char *name,
				   bool *exact);
/* ut_opt_parse: the generic checks (used once, not invertible, needs an
 * argument), type parsing and PUT, then ext->parse. 0 or negative. */
int ut_opt_parse(const struct ut_ext *ext, struct ut_opt_call *call);
/* ut_opt_final: MAND/also/excl checks, then ext->final_check. */
int ut_opt_final(const struct ut_ext *ext, struct ut_fcheck_call *call);

#endif
