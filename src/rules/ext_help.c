/* ext_help.c: an extension's --help text, generated from its option table.
 *
 * Everything said about an option comes from struct ut_opt: the names
 * (entries sharing an id and type are one option with aliases), whether
 * "!" may precede it, the argument's form from its type, the range from
 * min/max, whether it is required, and the also/excl masks (not
 * UT_OPTF_MULTI: extensions that check repeats themselves set it too). An option's own words
 * (opt->arg, opt->help) are added when the table has them. So the help is
 * as exact as the parser that reads the same table, and a new option
 * appears in it without anyone remembering to document it. */
#include <inttypes.h>
#include <string.h>

#include "rules/ext.h"

/* type_arg: the argument's name for a type ("" for none) */
static const char *
type_arg(enum ut_opt_type type)
{
	switch (type) {
	case UT_OPT_NONE:       return "";
	case UT_OPT_STRING:     return "text";
	case UT_OPT_UINT8: case UT_OPT_UINT16: case UT_OPT_UINT32:
	case UT_OPT_UINT64:     return "n";
	case UT_OPT_UINT8RC: case UT_OPT_UINT16RC: case UT_OPT_UINT32RC:
	case UT_OPT_UINT64RC:   return "n[:n]";
	case UT_OPT_MARKMASK32: return "value[/mask]";
	case UT_OPT_SYSLOGLEVEL: return "level";
	case UT_OPT_PORT:       return "port";
	case UT_OPT_PORTRC:     return "port[:port]";
	case UT_OPT_PROTOCOL:   return "protocol";
	case UT_OPT_HOST:       return "address";
	case UT_OPT_HOSTMASK:   return "address[/mask]";
	case UT_OPT_PLEN:       return "prefix-length";
	case UT_OPT_ETHERMAC:   return "mac-address";
	case UT_OPT_TOSMASK:    return "tos[/mask]";
	}
	return "value";
}

/* type_max: the largest value of an integer type, 0 for the others */
static uint64_t
type_max(enum ut_opt_type type)
{
	switch (type) {
	case UT_OPT_UINT8: case UT_OPT_UINT8RC:   return UINT8_MAX;
	case UT_OPT_UINT16: case UT_OPT_UINT16RC: return UINT16_MAX;
	case UT_OPT_UINT32: case UT_OPT_UINT32RC: return UINT32_MAX;
	case UT_OPT_UINT64: case UT_OPT_UINT64RC: return UINT64_MAX;
	default:                                  return 0;
	}
}

/* sep: the separator before the next phrase of an option's text */
static void
sep(struct ut_buf *out, bool *first)
{
	if (!*first)
		ut_buf_puts(out, "; ");
	*first = false;
}

#define HELP_INDENT "        "
#define HELP_WIDTH 79

/* put_wrapped: text as indented lines of at most HELP_WIDTH columns,
 * broken at spaces (a longer word stays whole) */
static void
put_wrapped(const char *text, struct ut_buf *out)
{
	const size_t room = HELP_WIDTH - (sizeof(HELP_INDENT) - 1);

	while (*text) {
		size_t n = strlen(text), cut = n;

		if (n > room) {
			cut = room;
			while (cut > 0 && text[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = strcspn(text, " ");
		}
		ut_buf_printf(out, HELP_INDENT "%.*s\n", (int)cut, text);
		text += cut;
		while (*text == ' ')
			text++;
	}
}

/* type_phrase: what the type says about the argument's values */
static void
type_phrase(const struct ut_opt *o, struct ut_buf *out, bool *first)
{
	uint64_t max = type_max(o->type);

	if (max) {
		uint64_t lo = o->min, hi = o->max ? o->max : max;

		sep(out, first);
		ut_buf_printf(out, "%s %" PRIu64 " to %" PRIu64,
			      o->type >= UT_OPT_UINT8RC &&
			      o->type <= UT_OPT_UINT64RC ? "each end from" :
			      "from", lo, hi);
		return;
	}
	switch (o->type) {
	case UT_OPT_STRING:
		if (o->max) {
			sep(out, first);
			ut_buf_printf(out, "%" PRIu64 " to %" PRIu64
				      " characters", o->min, o->max);
		}
		break;
	case UT_OPT_MARKMASK32:
		sep(out, first);
		ut_buf_puts(out, "32-bit value, the mask defaults to all ones");
		break;
	case UT_OPT_SYSLOGLEVEL:
		sep(out, first);
		ut_buf_puts(out, "0 to 7, or emerg, alert, crit, err, "
			    "warning, notice, info, debug");
		break;
	case UT_OPT_PORT:
	case UT_OPT_PORTRC:
		sep(out, first);
		ut_buf_puts(out, "a port is a number or a name from "
			    "/etc/services");
		break;
	case UT_OPT_PROTOCOL:
		sep(out, first);
		ut_buf_puts(out, "a name from /etc/protocols or a number");
		break;
	case UT_OPT_HOSTMASK:
		sep(out, first);
		ut_buf_puts(out, "the mask is a prefix length or a dotted quad");
		break;
	case UT_OPT_PLEN:
		sep(out, first);
		ut_buf_puts(out, "0 to 32, or a dotted-quad mask");
		break;
	case UT_OPT_ETHERMAC:
		sep(out, first);
		ut_buf_puts(out, "six hex bytes separated by colons");
		break;
	case UT_OPT_TOSMASK:
		sep(out, first);
		ut_buf_puts(out, "a value (mask 0xff by default) or a name: "
			    "Minimize-Delay, Maximize-Throughput, "
			    "Maximize-Reliability, Minimize-Cost, "
			    "Normal-Service");
		break;
	default:
		break;
	}
}

/* same_option: entries a and b are one option under two names */
static bool
same_option(const struct ut_opt *a, const struct ut_opt *b)
{
	return a->id == b->id && a->type == b->type;
}

/* first_of_id: the first entry with option id, NULL if none */
static const struct ut_opt *
first_of_id(const struct ut_opt *opts, unsigned id)
{
	for (const struct ut_opt *o = opts; o->name; o++)
		if (o->id == id)
			return o;
	return NULL;
}

/* mask_phrase: "needs --a, --b" / "not with --a" for an F_ mask */
static void
mask_phrase(const struct ut_opt *opts, uint32_t mask, const char *what,
	    struct ut_buf *out, bool *first)
{
	bool any = false;

	for (unsigned id = 0; id < 32; id++) {
		const struct ut_opt *o;

		if (!(mask & (UINT32_C(1) << id)) ||
		    !(o = first_of_id(opts, id)))
			continue;
		if (!any)
			sep(out, first);
		ut_buf_printf(out, "%s--%s", any ? ", " : what, o->name);
		any = true;
	}
}

/* option_help: one option (o, the first of its names) */
static void
option_help(const struct ut_opt *opts, const struct ut_opt *o,
	    struct ut_buf *out)
{
	const char *arg = o->arg ? o->arg : type_arg(o->type);
	struct ut_buf text;
	bool first = true;

	ut_buf_puts(out, o->flags & UT_OPTF_INVERT ? "[!] " : "    ");
	ut_buf_printf(out, "--%s", o->name);
	for (const struct ut_opt *a = o + 1; a->name; a++)
		if (same_option(a, o))
			ut_buf_printf(out, ", --%s", a->name);
	if (*arg)
		ut_buf_printf(out, o->has_optional_arg ? " [%s]" : " %s", arg);
	ut_buf_putc(out, '\n');
	ut_buf_init(&text);
	if (o->help) {
		sep(&text, &first);
		ut_buf_puts(&text, o->help);
	}
	type_phrase(o, &text, &first);
	if (o->flags & UT_OPTF_MAND) {
		sep(&text, &first);
		ut_buf_puts(&text, "required");
	}
	mask_phrase(opts, o->also, "needs ", &text, &first);
	mask_phrase(opts, o->excl & ~(UINT32_C(1) << o->id), "not with ",
		    &text, &first);
	put_wrapped(ut_buf_str(&text), out);
	ut_buf_fini(&text);
}

/* seen_before: an earlier entry already printed o as an alias */
static bool
seen_before(const struct ut_opt *opts, const struct ut_opt *o)
{
	for (const struct ut_opt *a = opts; a != o; a++)
		if (same_option(a, o))
			return true;
	return false;
}

void
ut_ext_help(const struct ut_ext *ext, struct ut_buf *out)
{
	const char *kind = ext->kind == UT_EXT_MATCH ? "match" : "target";

	ut_buf_printf(out, "\n%s %s options:\n", ext->name, kind);
	if (!ext->opts || !ext->opts[0].name) {
		ut_buf_printf(out, "    (the %s %s takes no options)\n",
			      ext->name, kind);
		return;
	}
	for (const struct ut_opt *o = ext->opts; o->name; o++)
		if (!seen_before(ext->opts, o))
			option_help(ext->opts, o, out);
}
