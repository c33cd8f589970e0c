/* buf.c: growable NUL-terminated text buffer used by every printer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utables/utables.h"

void
ut_buf_init(struct ut_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void
ut_buf_fini(struct ut_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

void
ut_buf_reset(struct ut_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

/* buf_reserve: room for n more bytes plus the NUL; false on OOM. */
static bool
buf_reserve(struct ut_buf *b, size_t n)
{
	if (b->oom)
		return false;
	if (b->len + n + 1 <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + n + 1)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p) {
		b->oom = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void
ut_buf_write(struct ut_buf *b, const void *p, size_t n)
{
	if (!buf_reserve(b, n))
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
ut_buf_putc(struct ut_buf *b, char c)
{
	ut_buf_write(b, &c, 1);
}

void
ut_buf_puts(struct ut_buf *b, const char *s)
{
	ut_buf_write(b, s, strlen(s));
}

void
ut_buf_put_u64(struct ut_buf *b, uint64_t v)
{
	char d[20];
	size_t n = sizeof(d);

	do {
		d[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	ut_buf_write(b, d + n, sizeof(d) - n);
}

void
ut_buf_vprintf(struct ut_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	size_t room;
	int n;

	/* format into the free space first: most texts fit, and a second
	 * pass (vsnprintf is most of a printer's time) is needed only when
	 * the buffer must grow */
	if (!buf_reserve(b, 0))
		return;
	room = b->cap - b->len;
	va_copy(ap2, ap);
	n = vsnprintf(b->data + b->len, room, fmt, ap2);
	va_end(ap2);
	if (n >= 0 && (size_t)n < room) {
		b->len += (size_t)n;
		return;
	}
	b->data[b->len] = '\0';
	if (n < 0 || !buf_reserve(b, (size_t)n))
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
ut_buf_printf(struct ut_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ut_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
ut_buf_str(const struct ut_buf *b)
{
	return b->data ? b->data : "";
}
