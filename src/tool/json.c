/* json.c: the tools' JSON emitter (json.h). */
#include <assert.h>

#include "tool/json.h"

void
ut_json_init(struct ut_json *j, struct ut_buf *out)
{
	j->out = out;
	j->depth = 0;
	j->has_item[0] = false;
}

/* utf8_len: the length of the valid UTF-8 sequence at s (shortest form,
 * no surrogates, at most U+10FFFF), 0 if s does not start one */
static int
utf8_len(const unsigned char *s)
{
	uint32_t cp;
	int n;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0; /* also stops at the terminating NUL */
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

void
ut_json_quote(struct ut_buf *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	ut_buf_putc(out, '"');
	while (*s) {
		int n = utf8_len(s);

		if (*s == '"' || *s == '\\') {
			ut_buf_putc(out, '\\');
			ut_buf_putc(out, (char)*s);
		} else if (*s < 0x20 || *s == 0x7f || n == 0) {
			ut_buf_printf(out, "\\u%04x", *s);
		} else {
			ut_buf_write(out, s, (size_t)n);
			s += n;
			continue;
		}
		s++;
	}
	ut_buf_putc(out, '"');
}

/* value_start: the comma before a value and its member name */
static void
value_start(struct ut_json *j, const char *key)
{
	if (j->has_item[j->depth])
		ut_buf_puts(j->out, ", ");
	j->has_item[j->depth] = true;
	if (key) {
		ut_json_quote(j->out, key);
		ut_buf_puts(j->out, ": ");
	}
}

static void
open_level(struct ut_json *j, const char *key, char bracket)
{
	value_start(j, key);
	ut_buf_putc(j->out, bracket);
	assert(j->depth + 1 < UT_JSON_DEPTH);
	j->has_item[++j->depth] = false;
}

static void
close_level(struct ut_json *j, char bracket)
{
	assert(j->depth > 0);
	j->depth--;
	ut_buf_putc(j->out, bracket);
}

void
ut_json_obj_begin(struct ut_json *j, const char *key)
{
	open_level(j, key, '{');
}

void
ut_json_obj_end(struct ut_json *j)
{
	close_level(j, '}');
}

void
ut_json_arr_begin(struct ut_json *j, const char *key)
{
	open_level(j, key, '[');
}

void
ut_json_arr_end(struct ut_json *j)
{
	close_level(j, ']');
}

void
ut_json_str(struct ut_json *j, const char *key, const char *s)
{
	value_start(j, key);
	if (s)
		ut_json_quote(j->out, s);
	else
		ut_buf_puts(j->out, "null");
}

void
ut_json_uint(struct ut_json *j, const char *key, uint64_t v)
{
	value_start(j, key);
	ut_buf_printf(j->out, "%llu", (unsigned long long)v);
}

void
ut_json_fixed3(struct ut_json *j, const char *key, uint64_t thousandths)
{
	value_start(j, key);
	ut_buf_printf(j->out, "%llu.%03llu",
		      (unsigned long long)(thousandths / 1000),
		      (unsigned long long)(thousandths % 1000));
}

void
ut_json_bool(struct ut_json *j, const char *key, bool v)
{
	value_start(j, key);
	ut_buf_puts(j->out, v ? "true" : "false");
}
