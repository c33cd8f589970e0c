/* xt_string.c: the string match, revision 1 (iptables 1.8.9
 * extensions/libxt_string.c, Linux net/netfilter/xt_string.c and
 * lib/textsearch.c). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
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

/* ---- packet evaluation (Linux 6.18 xt_string.c, lib/textsearch.c,
 * lib/ts_bm.c, lib/ts_kmp.c) ------------------------------------------- */

/* What the kernel searches: the skb's bytes from the IP header on,
 * [from, to), one block per buffer the data sits in. Boyer-Moore starts
 * afresh in each block (a pattern across two blocks is not found), KMP
 * carries its state over. A received packet is one block; a datagram
 * conntrack reassembled is one per fragment (the first with the IP
 * header); a pattern across two TCP segments is in no packet. --icase compares with the kernel's toupper (ASCII and
 * Latin-1, lib/ctype.c). */

#define STRING_ASIZE 256

struct string_state {
	uint8_t pattern[STRING_PATTERN_MAX]; /* upper case with --icase */
	unsigned patlen;
	bool icase, bm;
	unsigned shift_bad[STRING_ASIZE];    /* bm: the bad character */
	unsigned shift_good[STRING_PATTERN_MAX]; /* bm: the good suffix */
	unsigned prefix[STRING_PATTERN_MAX]; /* kmp */
};

/* the kernel's ctype: lower case a-z and 0xdf-0xff but 0xf7 */
static bool
string_islower(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0xdf && c != 0xf7);
}

static bool
string_isupper(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7);
}

static uint8_t
string_toupper(uint8_t c)
{
	return string_islower(c) ? (uint8_t)(c - 32) : c;
}

static uint8_t
string_tolower(uint8_t c)
{
	return string_isupper(c) ? (uint8_t)(c + 32) : c;
}

/* ts_bm's test for the good suffix table: does the g bytes ending at
 * i + g - 1 recur ending at j + g - 1 (j may be below 0: a prefix of
 * the suffix), preceded by a different byte */
static bool
string_bm_recurs(const uint8_t *pat, int i, int j, int g)
{
	int x = i + g - 1, y = j + g - 1;

	while (pat[x--] == pat[y--]) {
		if (y < 0)
			return true;
		if (--g == 0)
			return pat[i - 1] != pat[j - 1];
	}
	return false;
}

static void
string_bm_prepare(struct string_state *s)
{
	int len = (int)s->patlen;

	for (int c = 0; c < STRING_ASIZE; c++)
		s->shift_bad[c] = s->patlen;
	for (int i = 0; i < len - 1; i++) {
		s->shift_bad[s->pattern[i]] = (unsigned)(len - 1 - i);
		if (s->icase)
			s->shift_bad[string_tolower(s->pattern[i])] =
				(unsigned)(len - 1 - i);
	}
	s->shift_good[0] = 1;
	for (int i = 1; i < len; i++)
		s->shift_good[i] = s->patlen;
	for (int i = len - 1, g = 1; i > 0; g++, i--)
		for (int j = i - 1; j >= 1 - g; j--)
			if (string_bm_recurs(s->pattern, i, j, g)) {
				s->shift_good[g] = (unsigned)(len - j - g);
				break;
			}
}

static void
string_kmp_prepare(struct string_state *s)
{
	unsigned k = 0;

	s->prefix[0] = 0;
	for (unsigned q = 1; q < s->patlen; q++) {
		while (k > 0 && s->pattern[k] != s->pattern[q])
			k = s->prefix[k - 1];
		if (s->pattern[k] == s->pattern[q])
			k++;
		s->prefix[q] = k;
	}
}

static uint8_t
string_fold(const struct string_state *s, uint8_t c)
{
	return s->icase ? string_toupper(c) : c;
}

/* bm_find in one block */
static bool
string_bm_find(const struct string_state *s, const uint8_t *text,
	       unsigned len)
{
	int shift = (int)s->patlen - 1, plen = (int)s->patlen;

	while (shift < (int)len) {
		int i, bad, good;

		for (i = 0; i < plen; i++)
			if (string_fold(s, text[shift - i]) !=
			    s->pattern[plen - 1 - i])
				break;
		if (i == plen)
			return true;
		bad = shift - i + (int)s->shift_bad[text[shift - i]];
		good = shift + (int)s->shift_good[i];
		shift = bad > good ? bad : good;
	}
	return false;
}

/* kmp_find over one block (the state would carry into the next) */
static bool
string_kmp_find(const struct string_state *s, const uint8_t *text,
		unsigned len)
{
	unsigned q = 0;

	for (unsigned i = 0; i < len; i++) {
		uint8_t c = string_fold(s, text[i]);

		while (q > 0 && s->pattern[q] != c)
			q = s->prefix[q - 1];
		if (s->pattern[q] == c)
			q++;
		if (q == s->patlen)
			return true;
	}
	return false;
}

static int
string_state_new(struct ut_engine *e, const void *data, void **state,
		 struct ut_err *err)
{
	const struct ut_string_info *info = data;
	struct string_state *s = calloc(1, sizeof(*s));

	(void)e;
	if (!s)
		return ut_err_set(err, 2, "out of memory");
	s->patlen = info->patlen;
	s->icase = info->flags & STRING_F_ICASE;
	s->bm = strcmp(info->algo, "bm") == 0;
	for (unsigned i = 0; i < s->patlen; i++)
		s->pattern[i] = s->icase ?
				string_toupper((uint8_t)info->pattern[i]) :
				(uint8_t)info->pattern[i];
	if (s->bm)
		string_bm_prepare(s);
	else
		string_kmp_prepare(s);
	*state = s;
	return 0;
}

static void
string_state_free(struct ut_engine *e, void *state)
{
	(void)e;
	free(state);
}

/* string_bm_blocks: bm_find over the blocks of [from, to): each block
 * searched from its own start, alone */
static bool
string_bm_blocks(const struct string_state *s, const struct ut_pkt *p,
		 unsigned from, unsigned to)
{
	unsigned start = from;

	for (unsigned b = 0; b <= p->n_blocks && start < to; b++) {
		unsigned end = b < p->n_blocks ? p->block_end[b] : to;

		if (end > to)
			end = to;
		if (end <= start)
			continue;
		if (string_bm_find(s, p->ip + start, end - start))
			return true;
		start = end;
	}
	return false;
}

static bool
string_match(struct ut_xt_par *par)
{
	const struct ut_string_info *info = par->data;
	const struct string_state *s = par->state;
	unsigned from = info->from_offset, to = info->to_offset;
	unsigned len = par->pkt->len;
	bool found = false;

	if (to > len)
		to = len;
	/* skb_find_text: the pattern must end within [from, to); kmp
	 * carries its state from block to block, bm does not */
	if (from < to && s->patlen > 0)
		found = s->bm ? string_bm_blocks(s, par->pkt, from, to) :
			string_kmp_find(s, par->pkt->ip + from, to - from);
	return found ^ !!(info->flags & STRING_F_INVERT);
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
	.match = string_match,
	.state_new = string_state_new,
	.state_free = string_state_free,
};
