/* xt_string.c: the string match, revision 1 (iptables 1.8.9
 * extensions/libxt_string.c, Linux net/netfilter/xt_string.c and
 * lib/textsearch.c). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rules/ext.h"

#define STRING_PATTERN_MAX 128 /* XT_STRING_MAX_PATTERN_SIZE */
#define STRING_ALGO_MAX 16     /* XT_STRING_MAX_ALGO_NAME_SIZE */

enum {
	STRING_F_INVERT = 0x01,
	STRING_F_ICASE = 0x02,
};

/* struct xt_string_info (revision 1) without the kernel's textsearch
 * config pointer */
struct ut_string_info {
	uint16_t from_offset;
	uint16_t to_offset;
	char algo[STRING_ALGO_MAX];
	char pattern[STRING_PATTERN_MAX]; /* not NUL-terminated */
	uint8_t patlen;
	uint8_t flags;                    /* STRING_F_* */
};

enum {
	O_FROM = 0,
	O_TO,
	O_ALGO,
	O_ICASE,
	O_STRING,
	O_HEX_STRING,
	F_STRING = 1 << O_STRING,
	F_HEX_STRING = 1 << O_HEX_STRING,
};

static const struct ut_opt string_opts[] = {
	{ .name = "from", .id = O_FROM, .type = UT_OPT_UINT16,
	  .flags = UT_OPTF_PUT,
	  .off = offsetof(struct ut_string_info, from_offset) },
	{ .name = "to", .id = O_TO, .type = UT_OPT_UINT16,
	  .flags = UT_OPTF_PUT,
	  .off = offsetof(struct ut_string_info, to_offset) },
	/* copied by string_parse: libxtables truncates to 15 chars */
	{ .name = "algo", .id = O_ALGO, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND },
	{ .name = "string", .id = O_STRING, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT, .excl = F_HEX_STRING },
	{ .name = "hex-string", .id = O_HEX_STRING, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT, .excl = F_STRING },
	{ .name = "icase", .id = O_ICASE, .type = UT_OPT_NONE },
	UT_OPT_END
};

static void
string_init(void *data)
{
	struct ut_string_info *info = data;

	info->to_offset = UINT16_MAX;
}

static int
string_parse_plain(struct ut_opt_call *call, struct ut_string_info *info)
{
	size_t n = strlen(call->arg);

	/* the kernel needs no NUL after the pattern: 128 bytes fit */
	if (n > sizeof(info->pattern))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "STRING too long \"%s\"", call->arg);
	info->patlen = (uint8_t)n;
	memcpy(info->pattern, call->arg, n);
	return 0;
}

static int
string_hex_err(struct ut_opt_call *call, const char *msg)
{
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM, "%s", msg);
}

/* string_hex_byte: two hex digits at s[i], s[i+1] (the caller checked
 * that a "|" may still follow). */
static int
string_hex_byte(struct ut_opt_call *call, const char *s, size_t i,
		char *out)
{
	char tmp[3] = { s[i], s[i + 1], '\0' };

	if (!isxdigit((unsigned char)s[i]))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Invalid hex char '%c'", s[i]);
	if (!isxdigit((unsigned char)s[i + 1]))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Invalid hex char '%c'", s[i + 1]);
	*out = (char)strtoul(tmp, NULL, 16);
	return 0;
}

/* string_parse_hex: "--hex-string": text with |hex blocks| and \x
 * literals. The walk is iptables' own, odd corners included: after a '|'
 * the character that follows is consumed in the same step, so "\" right
 * after a closing '|' is copied as is. */
static int
string_parse_hex(struct ut_opt_call *call, struct ut_string_info *info)
{
	const char *s = call->arg;
	size_t slen = strlen(s), i = 0, n = 0;
	bool hex = false, literal = false;
	int ret;

	if (slen == 0)
		return string_hex_err(call, "STRING must contain at least one "
				      "char");
	while (i < slen) {
		if (n >= STRING_PATTERN_MAX)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "STRING too long \"%s\"", s);
		if (s[i] == '\\' && !hex) {
			literal = true;
		} else if (s[i] == '\\') {
			return string_hex_err(call, "Cannot include literals "
					      "in hex data");
		} else if (s[i] == '|') {
			hex = !hex;
			if (hex)
				while (s[i + 1] == ' ')
					i++;
			if (i + 1 >= slen)
				break;
			i++;
		}
		if (literal) {
			if (i + 1 >= slen)
				return string_hex_err(call, "Bad literal "
						      "placement at end of "
						      "string");
			info->pattern[n] = s[i + 1];
			i += 2;
			literal = false;
		} else if (hex) {
			if (i + 1 >= slen)
				return string_hex_err(call, "Odd number of hex "
						      "digits");
			if (i + 2 >= slen)
				return string_hex_err(call, "Invalid hex "
						      "block");
			ret = string_hex_byte(call, s, i, &info->pattern[n]);
			if (ret < 0)
				return ret;
			i += s[i + 2] == ' ' ? 3 : 2;
		} else {
			info->pattern[n] = s[i];
			i++;
		}
		n++;
	}
	info->patlen = (uint8_t)n;
	return 0;
}

static int
string_parse(struct ut_opt_call *call)
{
	struct ut_string_info *info = call->data;
	int ret = 0;

	switch (call->opt->id) {
	case O_ALGO:
		ut_strput(info->algo, sizeof(info->algo), call->arg);
		break;
	case O_STRING:
	case O_HEX_STRING:
		ret = call->opt->id == O_STRING ?
		      string_parse_plain(call, info) :
		      string_parse_hex(call, info);
		if (ret == 0 && call->invert)
			info->flags |= STRING_F_INVERT;
		break;
	case O_ICASE:
		info->flags |= STRING_F_ICASE;
		break;
	}
	return ret;
}

static int
string_final_check(struct ut_fcheck_call *call)
{
	if (!(call->xflags & (F_STRING | F_HEX_STRING)))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "STRING match: You must specify `--string' "
				  "or `--hex-string'");
	return 0;
}

/* string_is_hex: print as hex when a byte is not printable or the
 * pattern ends in a backslash */
static bool
string_is_hex(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isprint((unsigned char)s[i]))
			return true;
	/* iptables reads s[-1] for an empty pattern; treat it as text */
	return len > 0 && s[len - 1] == '\\';
}

static void
string_print_pattern(const struct ut_string_info *info, struct ut_buf *out)
{
	if (string_is_hex(info->pattern, info->patlen)) {
		ut_buf_puts(out, " \"|");
		for (size_t i = 0; i < info->patlen; i++)
			ut_buf_printf(out, "%02x",
				      (unsigned char)info->pattern[i]);
		ut_buf_puts(out, "|\"");
		return;
	}
	ut_buf_puts(out, " \"");
	for (size_t i = 0; i < info->patlen; i++) {
		if (info->pattern[i] == '"' || info->pattern[i] == '\\')
			ut_buf_putc(out, '\\');
		ut_buf_putc(out, info->pattern[i]);
	}
	ut_buf_putc(out, '"');
}

/* string_print_tail: algorithm, window and case flag; kw[] holds the
 * -L words or the save options. */
static void
string_print_tail(const struct ut_string_info *info, const char *const kw[4],
		  struct ut_buf *out)
{
	ut_buf_printf(out, " %s %s", kw[0], info->algo);
	if (info->from_offset != 0)
		ut_buf_printf(out, " %s %u", kw[1], info->from_offset);
	if (info->to_offset != UINT16_MAX)
		ut_buf_printf(out, " %s %u", kw[2], info->to_offset);
	if (info->flags & STRING_F_ICASE)
		ut_buf_printf(out, " %s", kw[3]);
}

static void
string_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	static const char *const kw[4] = { "ALGO name", "FROM", "TO", "ICASE" };
	const struct ut_string_info *info = pc->data;

	ut_buf_printf(out, " STRING match %s",
		      info->flags & STRING_F_INVERT ? "!" : "");
	string_print_pattern(info, out);
	string_print_tail(info, kw, out);
}

static void
string_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	static const char *const kw[4] = {
		"--algo", "--from", "--to", "--icase",
	};
	const struct ut_string_info *info = pc->data;

	if (info->flags & STRING_F_INVERT)
		ut_buf_puts(out, " !");
	ut_buf_puts(out, string_is_hex(info->pattern, info->patlen) ?
		    " --hex-string" : " --string");
	string_print_pattern(info, out);
	string_print_tail(info, kw, out);
}

/* string_kcheck: string_mt_check, then textsearch_prepare, which knows
 * the algorithms bm, kmp and fsm (fsm takes an array of state-machine
 * tokens, which no text from iptables makes valid: refused here). */
static int
string_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_string_info *info = kc->data;

	if (info->from_offset > info->to_offset)
		return -EINVAL;
	if (info->patlen > STRING_PATTERN_MAX)
		return -EINVAL;
	if (info->patlen == 0)
		return -EINVAL;
	if (strcmp(info->algo, "bm") == 0 || strcmp(info->algo, "kmp") == 0)
		return 0;
	if (strcmp(info->algo, "fsm") == 0)
		return -EINVAL;
	return -ENOENT;
}

const struct ut_ext ut_ext_string = {
	.name = "string",
	.revision = 1,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_string_info),
	.cmp_size = sizeof(struct ut_string_info),
	.opts = string_opts,
	.init = string_init,
	.parse = string_parse,
	.final_check = string_final_check,
	.print = string_print,
	.save = string_save,
	.kcheck = string_kcheck,
};
