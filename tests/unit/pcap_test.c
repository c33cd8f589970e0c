/* pcap_test.c: io/pcap.c against libpcap, the reference. Reading: every
 * file is read by ut_pcap_in (a classic pcap file of Ethernet or raw IP
 * is read from a mapping, libpcap takes over at a record the mapping
 * does not take) and by libpcap directly; both must give the same
 * records (time in ns, bytes) and fail at the same record. Writing:
 * ut_pcap_out's file must be byte for byte what pcap_dump writes for
 * the same records. */
#include <pcap/pcap.h>
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"
#include "io/pcap.h"

/* one record of a test file: caplen bytes of the pattern are written,
 * the header says caplen and wire */
struct rec {
	uint32_t sec, frac, caplen, wire;
};

struct file_case {
	const char *name;
	uint32_t magic;         /* 0xa1b2c3d4 (us) or 0xa1b23c4d (ns) */
	bool swapped;           /* written in the other byte order */
	uint32_t snaplen, linktype;
	struct rec recs[4];
	size_t n_recs;
	size_t cut;             /* bytes cut off the end of the file */
};

static const struct file_case file_cases[] = {
	{ "ethernet us", 0xa1b2c3d4u, false, 262144, 1,
	  { { 1, 999999, 60, 60 }, { 2, 0, 1514, 1514 }, { 3, 5, 14, 14 } },
	  3, 0 },
	{ "ethernet ns", 0xa1b23c4du, false, 65535, 1,
	  { { 1700000000, 999999999, 60, 60 }, { 1700000001, 1, 98, 98 } },
	  2, 0 },
	{ "raw ip, other byte order", 0xa1b2c3d4u, true, 65535, 101,
	  { { 10, 20, 40, 40 }, { 11, 30, 576, 576 } }, 2, 0 },
	{ "linktype 228, snaplen 0", 0xa1b2c3d4u, false, 0, 228,
	  { { 10, 20, 40, 40 } }, 1, 0 },
	{ "timestamps past 2038 (signed fields)", 0xa1b2c3d4u, false, 65535,
	  1, { { 0x80000001u, 0xfffffff0u, 60, 60 } }, 1, 0 },
	{ "a record longer than the snaplen", 0xa1b2c3d4u, false, 64, 1,
	  { { 1, 0, 60, 60 }, { 2, 0, 100, 100 }, { 3, 0, 60, 60 } }, 3, 0 },
	{ "a truncated capture", 0xa1b2c3d4u, false, 65535, 1,
	  { { 1, 0, 60, 60 }, { 2, 0, 40, 60 } }, 2, 0 },
	{ "the last record cut short", 0xa1b2c3d4u, false, 65535, 1,
	  { { 1, 0, 60, 60 }, { 2, 0, 60, 60 } }, 2, 10 },
	{ "the last header cut short", 0xa1b2c3d4u, false, 65535, 1,
	  { { 1, 0, 60, 60 }, { 2, 0, 60, 60 } }, 2, 70 },
	{ "cooked v1 (libpcap reads it)", 0xa1b2c3d4u, false, 65535, 113,
	  { { 1, 0, 60, 60 } }, 1, 0 },
	{ "no records", 0xa1b2c3d4u, false, 65535, 1, { { 0 } }, 0, 0 },
};

static void
put32(FILE *f, uint32_t v, bool swapped)
{
	if (swapped)
		v = __builtin_bswap32(v);
	fwrite(&v, 4, 1, f);
}

static void
put16(FILE *f, uint16_t v, bool swapped)
{
	if (swapped)
		v = __builtin_bswap16(v);
	fwrite(&v, 2, 1, f);
}

static void
write_case(const struct file_case *c, const char *path)
{
	FILE *f = fopen(path, "wb");
	long size;

	put32(f, c->magic, c->swapped);
	put16(f, 2, c->swapped);       /* version 2.4 */
	put16(f, 4, c->swapped);
	put32(f, 0, c->swapped);
	put32(f, 0, c->swapped);
	put32(f, c->snaplen, c->swapped);
	put32(f, c->linktype, c->swapped);
	for (size_t i = 0; i < c->n_recs; i++) {
		const struct rec *r = &c->recs[i];

		put32(f, r->sec, c->swapped);
		put32(f, r->frac, c->swapped);
		put32(f, r->caplen, c->swapped);
		put32(f, r->wire, c->swapped);
		for (uint32_t k = 0; k < r->caplen; k++)
			fputc((int)((k * 7 + i) & 0xff), f);
	}
	size = ftell(f);
	fclose(f);
	if (c->cut && truncate(path, size - (long)c->cut) != 0)
		CHECK(0, "%s: truncate", c->name);
}

/* the reference: libpcap's records, with the rule ut_pcap_in adds
 * (a truncated capture is an error); the number of records read and
 * whether the reading ended in an error */
struct ref {
	size_t n;
	uint64_t ts[4];
	uint32_t len[4];
	u_char data[4][2048];
	bool failed;
	char why[PCAP_ERRBUF_SIZE];
};

static void
read_ref(const char *path, struct ref *ref)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	pcap_t *pc = pcap_open_offline_with_tstamp_precision(
		path, PCAP_TSTAMP_PRECISION_NANO, ebuf);
	struct pcap_pkthdr *h;
	const u_char *d;
	int r;

	memset(ref, 0, sizeof(*ref));
	if (!pc) {
		ref->failed = true;
		return;
	}
	while ((r = pcap_next_ex(pc, &h, &d)) == 1 && ref->n < 4) {
		if (h->caplen < h->len) {
			ref->n++;
			ref->failed = true;
			snprintf(ref->why, sizeof(ref->why), "captured %u of %u",
				 h->caplen, h->len);
			break;
		}
		ref->ts[ref->n] = (uint64_t)h->ts.tv_sec * 1000000000u +
				  (uint64_t)h->ts.tv_usec;
		ref->len[ref->n] = h->caplen;
		memcpy(ref->data[ref->n], d, h->caplen < 2048 ? h->caplen : 2048);
		ref->n++;
	}
	if (r != 1 && r != PCAP_ERROR_BREAK) {
		ref->failed = true;
		snprintf(ref->why, sizeof(ref->why), "%s", pcap_geterr(pc));
	}
	pcap_close(pc);
}

static void
check_read(const struct file_case *c, const char *path)
{
	struct ref ref;
	struct ut_pcap_in *in;
	struct ut_err err;
	size_t n = 0, len;
	uint64_t ts;
	const uint8_t *data;
	int r;

	read_ref(path, &ref);
	ut_err_clear(&err);
	if (ut_pcap_in_open(path, &in, &err) < 0) {
		CHECK(ref.failed && ref.n == 0, "%s: open: %s", c->name,
		      err.msg);
		return;
	}
	CHECK((uint32_t)ut_pcap_in_linktype(in) == c->linktype,
	      "%s: linktype %d", c->name, ut_pcap_in_linktype(in));
	while ((r = ut_pcap_in_next(in, &ts, &data, &len, &err)) == 1) {
		CHECK(n < ref.n && !(ref.failed && n + 1 == ref.n &&
				     ref.why[0] == 'c'),
		      "%s: record %zu libpcap does not give", c->name, n + 1);
		if (n >= ref.n)
			break;
		CHECK(ts == ref.ts[n] && len == ref.len[n] &&
		      memcmp(data, ref.data[n], len < 2048 ? len : 2048) == 0,
		      "%s: record %zu: ts %llu len %zu, libpcap %llu %u",
		      c->name, n + 1, (unsigned long long)ts, len,
		      (unsigned long long)ref.ts[n], ref.len[n]);
		n++;
	}
	if (ref.failed) {
		char want[64];

		CHECK(r < 0 && strstr(err.msg, ref.why) != NULL,
		      "%s: error [%s], libpcap [%s]", c->name, err.msg,
		      ref.why);
		/* the record named is the one libpcap failed at */
		snprintf(want, sizeof(want), "packet %zu:",
			 ref.why[0] == 'c' ? ref.n : ref.n + 1);
		CHECK(strstr(err.msg, want) != NULL, "%s: [%s] names no %s",
		      c->name, err.msg, want);
	} else {
		CHECK(r == 0 && n == ref.n, "%s: %zu records, libpcap %zu "
		      "(%s)", c->name, n, ref.n, err.msg);
	}
	ut_pcap_in_close(in);
}

/* ---- writing ------------------------------------------------------------ */

static const struct {
	uint64_t ts_ns;
	uint32_t len;
} out_recs[] = {
	{ 0, 60 }, { 1700000000123456789ull, 1514 }, { 999, 14 },
	{ 4294967296ull * 1000000000u + 5000, 40 }, /* seconds past 32 bits */
	{ 12, 300000 },   /* larger than the writer's buffer */
	{ 13, 200000 }, { 14, 70000 },
};

static bool
dump_ref(const char *path, int dlt, const uint8_t *data)
{
	pcap_t *dead = pcap_open_dead(dlt, 262144);
	pcap_dumper_t *d = dead ? pcap_dump_open(dead, path) : NULL;

	if (!d) {
		if (dead)
			pcap_close(dead);
		return false;
	}
	for (size_t i = 0; i < sizeof(out_recs) / sizeof(out_recs[0]); i++) {
		struct pcap_pkthdr h;

		memset(&h, 0, sizeof(h));
		h.ts.tv_sec = (time_t)(out_recs[i].ts_ns / 1000000000u);
		h.ts.tv_usec = (suseconds_t)(out_recs[i].ts_ns % 1000000000u /
					     1000u);
		h.caplen = h.len = out_recs[i].len;
		pcap_dump((u_char *)d, &h, data);
	}
	pcap_dump_close(d);
	pcap_close(dead);
	return true;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = malloc((size_t)n + 1);
	if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
		free(b);
		b = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return b;
}

static void
check_write(const char *dir, int linktype, int dlt, const uint8_t *data)
{
	char ours[512], theirs[512];
	struct ut_pcap_out *out;
	struct ut_err err;
	size_t la = 0, lb = 0;
	char *a, *b;

	snprintf(ours, sizeof(ours), "%s/ours.pcap", dir);
	snprintf(theirs, sizeof(theirs), "%s/libpcap.pcap", dir);
	ut_err_clear(&err);
	if (ut_pcap_out_open(ours, linktype, &out, &err) < 0) {
		CHECK(0, "open %s: %s", ours, err.msg);
		return;
	}
	for (size_t i = 0; i < sizeof(out_recs) / sizeof(out_recs[0]); i++)
		ut_pcap_out_write(out, out_recs[i].ts_ns, data,
				  out_recs[i].len);
	CHECK(ut_pcap_out_close(out, &err) == 0, "close: %s", err.msg);
	CHECK(dump_ref(theirs, dlt, data), "pcap_dump_open %s", theirs);
	a = slurp(ours, &la);
	b = slurp(theirs, &lb);
	CHECK(a && b && la == lb && memcmp(a, b, la) == 0,
	      "linktype %d: our file (%zu bytes) is not pcap_dump's (%zu)",
	      linktype, la, lb);
	free(a);
	free(b);
}

void
test_pcap(void)
{
	char dir[] = "/tmp/ut-pcap-test.XXXXXX", path[512];
	uint8_t *data = malloc(300000);

	if (!mkdtemp(dir) || !data) {
		CHECK(0, "mkdtemp");
		free(data);
		return;
	}
	snprintf(path, sizeof(path), "%s/in.pcap", dir);
	for (size_t i = 0; i < sizeof(file_cases) / sizeof(file_cases[0]);
	     i++) {
		write_case(&file_cases[i], path);
		check_read(&file_cases[i], path);
	}
	unlink(path);
	for (size_t i = 0; i < 300000; i++)
		data[i] = (uint8_t)(i * 13);
	check_write(dir, UT_LINKTYPE_ETHERNET, DLT_EN10MB, data);
	check_write(dir, UT_LINKTYPE_RAW, DLT_RAW, data);
	snprintf(path, sizeof(path), "%s/ours.pcap", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/libpcap.pcap", dir);
	unlink(path);
	rmdir(dir);
	free(data);
}
