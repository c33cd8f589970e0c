/* helper_ftp.c: the ftp helper (nf_conntrack_ftp): it reads the control
 * connection's commands and replies that announce a data connection
 * (PORT and EPRT from the client, 227 and 229 from the server) and
 * expects that connection, which is then RELATED.
 *
 * As the kernel: only packets of an established connection with
 * payload are read; a command is recognised only at the start of a
 * segment that begins right after a newline the helper has seen in that
 * direction (so the first segment each way is not read, it only teaches
 * where the next line starts); the address in PORT/227/EPRT must be the
 * sender's own, else nothing is expected ("NOT RECORDING").
 *
 * For a connection with a NAT binding the helper does not register the
 * expectation itself: NAT's ftp part (ut_ct_net.nat_ftp, nat_ftp.c)
 * rewrites the announcement for the other side and registers the
 * expectation of the NATed tuple. The sequence numbers the helper keeps
 * are the sender's own, before any adjustment (the helper runs before
 * ut_ct_seq_adjust at the confirm hook).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>

#include "conntrack/ct_help.h"
#include "engine/engine_int.h"

#define SEQS_TO_REMEMBER 2

struct ftp_info {
	uint32_t seq_aft_nl[2][SEQS_TO_REMEMBER];
	unsigned n_seq[2];
};

/* what a command announces */
struct ftp_addr {
	uint32_t ip;      /* network order; 0: the sender's (EPSV) */
	uint16_t port;
	bool has_ip;
};

/* try_number: count numbers separated by sep, ending at term (0: any
 * other character); the length read, 0 when malformed */
static size_t
try_number(const char *d, size_t dlen, uint32_t *v, int count, char sep,
	   char term)
{
	int i = 0;

	memset(v, 0, sizeof(*v) * (size_t)count);
	for (size_t len = 0; len < dlen && i < count; len++, d++) {
		if (*d >= '0' && *d <= '9')
			v[i] = v[i] * 10 + (uint32_t)(*d - '0');
		else if (*d == sep)
			i++;
		else
			return (*d == term || !term) && i == count - 1 ? len : 0;
	}
	return 0;
}

/* "a,b,c,d,p,q": the length of the numbers */
static size_t
try_rfc959(const char *d, size_t dlen, struct ftp_addr *a, char term,
	   size_t *numoff)
{
	uint32_t v[6];
	size_t len = try_number(d, dlen, v, 6, ',', term);

	(void)numoff;
	if (!len)
		return 0;
	a->ip = htonl(v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3]);
	a->has_ip = true;
	a->port = (uint16_t)(v[4] << 8 | v[5]);
	return len;
}

/* RFC 1123's advice for 227 (the parentheses are not reliable): the
 * numbers start at the first digit; where they start moves numoff */
static size_t
try_rfc1123(const char *d, size_t dlen, struct ftp_addr *a, char term,
	    size_t *numoff)
{
	size_t i = 0;

	(void)term;
	while (i < dlen && !isdigit((unsigned char)d[i]))
		i++;
	if (i == dlen)
		return 0;
	*numoff += i;
	return try_rfc959(d + i, dlen - i, a, 0, numoff);
}

/* get_port: digits from start to the delimiter, the index after it (a
 * 16-bit number as the kernel's: it wraps; 0 is refused) */
static size_t
get_port(const char *d, size_t start, size_t dlen, char delim,
	 uint16_t *port)
{
	uint16_t p = 0;

	for (size_t i = start; i < dlen; i++) {
		if (d[i] == delim) {
			if (p == 0)
				return 0;
			*port = p;
			return i + 1;
		}
		if (d[i] < '0' || d[i] > '9')
			return 0;
		p = (uint16_t)(p * 10 + (d[i] - '0'));
	}
	return 0;
}

static bool
bad_delim(char c)
{
	return isdigit((unsigned char)c) || c < 33 || c > 126;
}

/* "|1|132.235.1.2|6275|" (IPv6 "|2|" is not ours): the length up to and
 * with the last delimiter */
static size_t
try_eprt(const char *d, size_t dlen, struct ftp_addr *a, char term,
	 size_t *numoff)
{
	uint32_t v[4];
	size_t len;

	(void)term;
	(void)numoff;
	if (dlen <= 3 || bad_delim(d[0]) || d[2] != d[0] || d[1] != '1')
		return 0;
	len = try_number(d + 3, dlen - 3, v, 4, '.', d[0]);
	if (!len)
		return 0;
	a->ip = htonl(v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3]);
	a->has_ip = true;
	return get_port(d, 3 + len + 1, dlen, d[0], &a->port);
}

/* "|||6446|" (after the parenthesis) */
static size_t
try_epsv(const char *d, size_t dlen, struct ftp_addr *a, char term,
	 size_t *numoff)
{
	(void)term;
	(void)numoff;
	if (dlen <= 3 || bad_delim(d[0]) || d[1] != d[0] || d[2] != d[0])
		return 0;
	return get_port(d, 3, dlen, d[0], &a->port);
}

static const struct ftp_pattern {
	const char *pattern;
	char skip, term;        /* skip 0: the numbers follow the pattern */
	enum ut_ftp_type type;
	size_t (*getnum)(const char *, size_t, struct ftp_addr *, char,
			 size_t *);
} patterns[2][2] = {
	[UT_CT_DIR_ORIGINAL] = {
		{ "PORT", ' ', '\r', UT_FTP_PORT, try_rfc959 },
		{ "EPRT", ' ', '\r', UT_FTP_EPRT, try_eprt },
	},
	[UT_CT_DIR_REPLY] = {
		{ "227 ", 0, 0, UT_FTP_PASV, try_rfc1123 },
		{ "229 ", '(', ')', UT_FTP_EPSV, try_epsv },
	},
};

/* find_pattern: 1 found (address in a, the numbers at *off for *len
 * bytes), 0 not this command, -1 this command but unreadable (or cut
 * short) */
static int
find_pattern(const char *d, size_t dlen, const struct ftp_pattern *pat,
	     struct ftp_addr *a, size_t *off, size_t *len)
{
	size_t plen = strlen(pat->pattern), i = plen;

	if (dlen <= plen)
		return strncasecmp(d, pat->pattern, dlen) == 0 ? -1 : 0;
	if (strncasecmp(d, pat->pattern, plen) != 0)
		return 0;
	if (pat->skip) {
		for (i = plen; d[i] != pat->skip; i++)
			if (i + 1 == dlen)
				return -1;
		i++;
	}
	*off = i;
	*len = pat->getnum(d + i, dlen - i, a, pat->term, off);
	return *len ? 1 : -1;
}

static bool
seen_nl(const struct ftp_info *fi, unsigned dir, uint32_t seq)
{
	for (unsigned i = 0; i < fi->n_seq[dir]; i++)
		if (fi->seq_aft_nl[dir][i] == seq)
			return true;
	return false;
}

/* update_nl_seq: remember where the next line starts (two places per
 * direction, the older replaced by a later one) */
static void
update_nl(struct ftp_info *fi, unsigned dir, uint32_t nl_seq)
{
	unsigned oldest;

	if (seen_nl(fi, dir, nl_seq))
		return;
	if (fi->n_seq[dir] < SEQS_TO_REMEMBER) {
		fi->seq_aft_nl[dir][fi->n_seq[dir]++] = nl_seq;
		return;
	}
	oldest = (int32_t)(fi->seq_aft_nl[dir][0] - fi->seq_aft_nl[dir][1]) < 0 ?
		 0 : 1;
	if ((int32_t)(nl_seq - fi->seq_aft_nl[dir][oldest]) > 0)
		fi->seq_aft_nl[dir][oldest] = nl_seq;
}

/* expect: the data connection the command announced, from the other
 * side to the sender's address as the other side sees it; with NAT,
 * NAT's ftp part rewrites the command and registers it */
static unsigned
expect(struct ut_ct_ctx *cx, struct ut_pkt *p, struct ut_conn *ct,
       unsigned ctinfo, const struct ftp_pattern *pat,
       const struct ftp_addr *a, size_t off, size_t len)
{
	unsigned dir = ut_ctinfo2dir(ctinfo);
	struct ut_ct_expect exp = { 0 };

	if (a->has_ip && a->ip != ct->tuple[dir].src) {
		/* the kernel's "NOT RECORDING" for IPv4 */
		return UT_NF_ACCEPT;
	}
	exp.tuple.src = ct->tuple[!dir].src;
	exp.tuple.dst = ct->tuple[!dir].dst;
	exp.tuple.dport = a->port;
	exp.tuple.proto = 6;
	exp.master = ct;
	if ((ct->status & UT_IPS_NAT_MASK) && cx->net->nat_ftp)
		return cx->net->nat_ftp(cx, p, ct, ctinfo, pat->type,
					(unsigned)off, (unsigned)len, &exp);
	if (ut_ct_expect_related(cx, &exp) < 0) {
		ut_ct_helper_log(cx, p, ct, "cannot add expectation");
		return UT_NF_DROP;
	}
	return UT_NF_ACCEPT;
}

static unsigned
ftp_help(struct ut_ct_ctx *cx, struct ut_pkt *p, struct ut_conn *ct,
	 unsigned ctinfo)
{
	unsigned dir = ut_ctinfo2dir(ctinfo), thoff, doff;
	struct ftp_info *fi = ct->help;
	const uint8_t *th;
	const char *data;
	size_t dlen;
	uint32_t seq;
	bool ends_nl;
	unsigned v = UT_NF_ACCEPT;

	if (ctinfo != UT_CT_ESTABLISHED && ctinfo != UT_CT_ESTABLISHED_REPLY)
		return UT_NF_ACCEPT;
	thoff = ut_ip_hlen(p);
	if (p->len < thoff + 20)
		return UT_NF_ACCEPT;
	th = p->ip + thoff;
	doff = (th[12] >> 4) * 4u;
	if (doff < 20 || thoff + doff >= p->len)
		return UT_NF_ACCEPT;
	if (!fi) {
		fi = ct->help = calloc(1, sizeof(*fi));
		if (!fi)
			return UT_NF_ACCEPT;
	}
	data = (const char *)th + doff;
	dlen = p->len - thoff - doff;
	seq = ut_get32(th + 4);
	ends_nl = data[dlen - 1] == '\n';
	if (seen_nl(fi, dir, seq)) {
		for (unsigned i = 0; i < 2; i++) {
			const struct ftp_pattern *pat = &patterns[dir][i];
			struct ftp_addr a = { 0 };
			size_t off = 0, len = 0;
			int found = find_pattern(data, dlen, pat, &a, &off,
						 &len);

			if (found < 0) {
				/* "necessary for accurate tracking" */
				char why[48];

				snprintf(why, sizeof(why),
					 "partial matching of `%s'",
					 pat->pattern);
				ut_ct_helper_log(cx, p, ct, why);
				return UT_NF_DROP;
			}
			if (found > 0) {
				v = expect(cx, p, ct, ctinfo, pat, &a, off,
					   len);
				break;
			}
		}
	}
	if (ends_nl)
		update_nl(fi, dir, seq + (uint32_t)dlen);
	return v;
}

const struct ut_ct_helper ut_ct_helper_ftp = {
	.name = "ftp",
	.max_expected = 1,
	.expect_timeout = 5 * 60,
	.help = ftp_help,
};
