/* read_all.c: the one whole-stream reader behind the state file, the
 * iptables-restore input and the HOST and RULES files of the tools. */
#include <errno.h>
#include <stdlib.h>

#include "cli/cli.h"

/* chunks double: a state of 100,000 rules is read in a few calls */
#define READ_FIRST_CHUNK 65536

char *
ut_read_all(FILE *f, size_t *len)
{
	size_t cap = READ_FIRST_CHUNK, n = 0, got;
	char *buf = malloc(cap + 1), *grown;

	*len = 0;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n < cap)
			continue;
		grown = realloc(buf, cap * 2 + 1);
		if (!grown) {
			free(buf);
			errno = ENOMEM;
			return NULL;
		}
		buf = grown;
		cap *= 2;
	}
	if (!buf)
		return NULL;
	/* nothing runs after the failing fread: errno still names its cause */
	buf[n] = '\0';
	*len = n;
	return buf;
}
