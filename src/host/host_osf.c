/* host_osf.c: `osf load FILE`: passive OS fingerprints for -m osf, read
 * as nfnl_osf -f FILE reads them (iptables 1.8.9 utils/nfnl_osf.c) and
 * kept as nfnetlink_osf keeps them (Linux net/netfilter/nfnetlink_osf.c).
 *
 * The kernel has no fingerprints until a program loads them; a HOST line
 * stands for that program's run. FILE is in the pf.os format, one
 * fingerprint a line, nine fields separated by ':':
 *
 *   WINDOW:TTL:DF:SIZE:OPTIONS:GENRE:VERSION:SUBTYPE:DESCRIPTION
 *
 * WINDOW is a number, `*` (any), `%N` (a multiple of N), `SN` / `TN`
 * (N times the MSS / the MSS + 40); OPTIONS is a comma-separated list of
 * N (nop), S (sack permitted), T (timestamp), W (window scale), M (mss),
 * E (end of list), anything else ignored (`.` for none). The kernel
 * compares only each option's kind and length, in order. A genre written
 * `@NAME` or `*NAME` is NAME.
 *
 * nfnl_osf quirks kept: each line loses its last character (the newline
 * it expects), lines starting with '#', '\n' or '\r' are skipped, blanks
 * after a ':' or ',' are skipped, numbers read as strtoul reads them
 * (junk after them ignored), strings are cut to 31 bytes, and a line
 * without exactly eight ':' stops the load. The kernel drops a
 * fingerprint equal to one it has. Where nfnl_osf would send what the
 * kernel refuses or crashes on (more than 40 options, a `%0` window),
 * the load is refused here with the line named.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/host.h"
#include "host/host_int.h"

#define OSF_LINE_MAX 1024   /* nfnl_osf's fgets buffer */
#define OSF_OPTSTR_MAX 128  /* MAXOPTSTRLEN */

/* the TCP option of each letter (kind, length), from nfnl_osf's table */
static bool
osf_opt_kind(char c, uint16_t *kind, uint16_t *length)
{
	switch (c) {
	case 'E': *kind = 0; *length = 1; return true;
	case 'N': *kind = 1; *length = 1; return true;
	case 'M': *kind = 2; *length = 4; return true;
	case 'W': *kind = 3; *length = 3; return true;
	case 'S': *kind = 4; *length = 2; return true;
	case 'T': *kind = 8; *length = 10; return true;
	default: return false;
	}
}

/* osf_field: the text up to the next ':' (cut there), *s moved past the
 * ':' and the blanks after it (xt_osf_strchr) */
static char *
osf_field(char **s)
{
	char *start = *s, *end = strchr(start, ':');

	if (!end)
		return NULL;
	*end++ = '\0';
	while (isspace((unsigned char)*end))
		end++;
	*s = end;
	return start;
}

/* osf_wc: a window or option value: `%N`, `SN`/`TN` (when allowed),
 * `*`, or a number */
static struct ut_osf_wc_val
osf_wc(const char *s, bool mss_mtu)
{
	struct ut_osf_wc_val v = { UT_OSF_WSS_PLAIN, 0 };

	if (mss_mtu && (s[0] == 'S' || s[0] == 'T')) {
		v.wc = s[0] == 'S' ? UT_OSF_WSS_MSS : UT_OSF_WSS_MTU;
		if (s[1] == '%')
			v.val = (uint32_t)strtoul(s + 2, NULL, 10);
		else if (s[1] != '*')
			v.val = (uint32_t)strtoul(s + 1, NULL, 10);
	} else if (s[0] == '%') {
		v.wc = UT_OSF_WSS_MODULO;
		v.val = (uint32_t)strtoul(s + 1, NULL, 10);
	} else if (isdigit((unsigned char)s[0])) {
		v.val = (uint32_t)strtoul(s, NULL, 10);
	}
	return v;
}

/* osf_options: the OPTIONS field into f->opt (xt_osf_parse_opt) */
static int
osf_options(struct ut_osf_finger *f, const char *field,
	    const struct ut_host_line *ln, struct ut_err *err)
{
	char buf[OSF_OPTSTR_MAX];
	char *tok = buf;

	snprintf(buf, sizeof(buf), "%s,", field);
	while (*tok) {
		char *comma = strchr(tok, ',');
		struct ut_osf_opt *o;
		uint16_t kind, length;

		*comma = '\0';
		if (osf_opt_kind(tok[0], &kind, &length)) {
			if (f->opt_num == UT_OSF_MAXOPTS)
				return ut_host_line_err(err, ln, "more than %d "
							"TCP options (the "
							"kernel refuses it)",
							UT_OSF_MAXOPTS);
			o = &f->opt[f->opt_num++];
			o->kind = kind;
			o->length = length;
			/* values only after W (%, S, T) and M (%) */
			if (tok[0] == 'W')
				o->wc = osf_wc(tok + 1, true);
			else if (tok[0] == 'M' && tok[1] == '%')
				o->wc = osf_wc(tok + 1, false);
			else if (tok[0] == 'M' && isdigit((unsigned char)tok[1]))
				o->wc.val = (uint32_t)strtoul(tok + 1, NULL, 10);
		}
		tok = comma + 1;
		while (isspace((unsigned char)*tok))
			tok++;
	}
	return 0;
}

/* osf_line: one fingerprint line (its newline already gone) into f */
static int
osf_line(char *s, struct ut_osf_finger *f, const struct ut_host_line *ln,
	 struct ut_err *err)
{
	char *fields[8];
	unsigned colons = 0;

	for (const char *c = s; *c; c++)
		colons += *c == ':';
	if (colons != 8)
		return ut_host_line_err(err, ln, "%u ':' in '%s', must be 8",
					colons, s);
	for (int i = 0; i < 8; i++)
		fields[i] = osf_field(&s);
	memset(f, 0, sizeof(*f));
	f->wss = osf_wc(fields[0], true);
	if (f->wss.wc == UT_OSF_WSS_MODULO && f->wss.val == 0)
		return ut_host_line_err(err, ln, "window '%%0' (the kernel "
					"would divide by zero)");
	f->ttl = (uint8_t)strtoul(fields[1], NULL, 10);
	f->df = (uint8_t)strtoul(fields[2], NULL, 10);
	f->ss = (uint16_t)strtoul(fields[3], NULL, 10);
	if (fields[5][0] == '@' || fields[5][0] == '*')
		fields[5]++;
	snprintf(f->genre, sizeof(f->genre), "%s", fields[5]);
	snprintf(f->version, sizeof(f->version), "%s", fields[6]);
	snprintf(f->subtype, sizeof(f->subtype), "%s", fields[7]);
	return osf_options(f, fields[4], ln, err);
}

/* osf_add: nfnl_osf_add_callback: at the end of its DF list, unless an
 * equal fingerprint is there */
static int
osf_add(struct ut_host *h, const struct ut_osf_finger *f,
	const struct ut_host_line *ln, struct ut_err *err)
{
	unsigned df = f->df != 0;
	struct ut_osf_finger *v;

	for (size_t i = 0; i < h->n_osf[df]; i++)
		if (memcmp(&h->osf[df][i], f, sizeof(*f)) == 0)
			return 0;
	v = realloc(h->osf[df], (h->n_osf[df] + 1) * sizeof(*v));
	if (!v)
		return ut_host_oom_err(err, ln);
	h->osf[df] = v;
	v[h->n_osf[df]++] = *f;
	return 0;
}

/* osf_path: FILE, relative to the HOST file's directory unless absolute */
static void
osf_path(char *out, size_t size, const char *host_file, const char *file)
{
	const char *slash = strrchr(host_file, '/');

	if (file[0] == '/' || !slash)
		snprintf(out, size, "%s", file);
	else
		snprintf(out, size, "%.*s/%s", (int)(slash - host_file),
			 host_file, file);
}

int
ut_host_line_osf(struct ut_host *h, const struct ut_host_line *ln,
		 struct ut_err *err)
{
	char path[4096], buf[OSF_LINE_MAX];
	struct ut_host_line fl = { .fname = path };
	bool line_start = true;
	int ret = 0;
	FILE *in;

	if (ln->n != 3 || strcmp(ln->tok[1], "load") != 0)
		return ut_host_line_err(err, ln, "expected 'osf load FILE'");
	osf_path(path, sizeof(path), ln->fname, ln->tok[2]);
	in = fopen(path, "r");
	if (!in)
		return ut_host_line_err(err, ln, "%s: %s", path,
					strerror(errno));
	/* fgets as nfnl_osf: a line longer than the buffer goes on in the
	 * next read, counted here as the same line */
	while (ret == 0 && fgets(buf, sizeof(buf), in)) {
		struct ut_osf_finger f;
		size_t len = strlen(buf);

		if (line_start)
			fl.no++;
		line_start = buf[len - 1] == '\n';
		if (buf[0] == '#' || buf[0] == '\n' || buf[0] == '\r' ||
		    len <= 1)
			continue;
		buf[len - 1] = '\0';
		ret = osf_line(buf, &f, &fl, err);
		if (ret == 0)
			ret = osf_add(h, &f, &fl, err);
	}
	fclose(in);
	return ret;
}
