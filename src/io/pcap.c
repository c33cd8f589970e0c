/* pcap.c: pcap input and output. libpcap is the field's own reader
 * (pcap, pcapng and their variants); a classic pcap file of Ethernet or
 * raw IP records that can be mapped is read from the mapping instead
 * (no copy through stdio, no call per record: `utables run` reads
 * millions of records). The mapped reader hands every record it is not
 * sure of to libpcap (opened at that record), so that the two readers
 * can only differ in speed. Output is classic pcap written by our own
 * buffered writer: the format is a 24-byte header and a 16-byte header
 * per record, as pcap_dump writes them (microseconds, snaplen 262144). */
#include <errno.h>
#include <fcntl.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/pcap.h"

/* classic pcap magic numbers (microsecond and nanosecond timestamps) */
#define PCAP_MAGIC_US 0xa1b2c3d4u
#define PCAP_MAGIC_NS 0xa1b23c4du
#define PCAP_FILE_HLEN 24
#define PCAP_REC_HLEN 16
/* libpcap's largest record for these link types (MAXIMUM_SNAPLEN) */
#define PCAP_MAX_SNAPLEN 262144u
#define PCAP_OUT_BUF (256u * 1024u)
/* the mapped pages already read are given back in steps of this size,
 * so that a long capture is streamed, not held */
#define PCAP_MAP_STEP (1024u * 1024u)

/* a classic pcap file mapped into memory */
struct mapped {
	const uint8_t *base;
	size_t size;
	size_t off;          /* the next record's header */
	size_t dropped;      /* pages before this offset are given back */
	bool swapped;        /* written on a host of the other byte order */
	bool nano;           /* timestamps in ns */
	uint32_t snaplen;    /* the limit libpcap applies to records */
	int linktype;
};

struct ut_pcap_in {
	pcap_t *pc;          /* libpcap: NULL while the mapping reads */
	struct mapped map;   /* map.base NULL: libpcap reads */
	char *path;
	unsigned long count;
	uint64_t size;
};

struct ut_pcap_out {
	int fd;
	char *path;
	uint8_t *buf;        /* PCAP_OUT_BUF bytes, written when full */
	size_t used;
	int error;           /* errno of the first failed write, 0 */
};

static uint16_t
get16(const uint8_t *b, bool swapped)
{
	uint16_t v;

	memcpy(&v, b, 2);
	return swapped ? __builtin_bswap16(v) : v;
}

static uint32_t
get32(const uint8_t *b, bool swapped)
{
	uint32_t v;

	memcpy(&v, b, 4);
	return swapped ? __builtin_bswap32(v) : v;
}

/* map_header: does the mapped file start with a classic pcap header the
 * mapped reader takes (version 2.4, Ethernet or raw IP, no FCS bits) */
static bool
map_header(struct mapped *m)
{
	uint32_t magic, snap, lt;

	if (m->size < PCAP_FILE_HLEN)
		return false;
	memcpy(&magic, m->base, 4);
	if (magic == PCAP_MAGIC_US || magic == PCAP_MAGIC_NS) {
		m->swapped = false;
	} else if (magic == __builtin_bswap32(PCAP_MAGIC_US) ||
		   magic == __builtin_bswap32(PCAP_MAGIC_NS)) {
		m->swapped = true;
		magic = __builtin_bswap32(magic);
	} else {
		return false;
	}
	m->nano = magic == PCAP_MAGIC_NS;
	/* two 16-bit fields, major 2 and minor 4 */
	if (get16(m->base + 4, m->swapped) != 2 ||
	    get16(m->base + 6, m->swapped) != 4)
		return false;
	snap = get32(m->base + 16, m->swapped);
	lt = get32(m->base + 20, m->swapped);
	if (lt != UT_LINKTYPE_ETHERNET && lt != UT_LINKTYPE_RAW &&
	    lt != UT_LINKTYPE_IPV4)
		return false;
	/* libpcap's snapshot: a zero or too large snaplen means the maximum */
	m->snaplen = snap == 0 || snap > PCAP_MAX_SNAPLEN ?
		     PCAP_MAX_SNAPLEN : snap;
	m->linktype = (int)lt;
	m->off = PCAP_FILE_HLEN;
	return true;
}

/* map_open: map path when it is a regular file of classic pcap that the
 * mapped reader takes; false leaves libpcap to read it */
static bool
map_open(const char *path, struct mapped *m)
{
	struct stat st;
	void *base;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < PCAP_FILE_HLEN) {
		close(fd);
		return false;
	}
	base = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (base == MAP_FAILED)
		return false;
	m->base = base;
	m->size = (size_t)st.st_size;
	if (!map_header(m)) {
		munmap(base, m->size);
		m->base = NULL;
		return false;
	}
	madvise(base, m->size, MADV_SEQUENTIAL);
	return true;
}

static void
map_close(struct mapped *m)
{
	if (m->base)
		munmap((void *)m->base, m->size);
	m->base = NULL;
}

static int
libpcap_open(const char *path, pcap_t **pc, struct ut_err *err)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";

	*pc = pcap_open_offline_with_tstamp_precision(
		path, PCAP_TSTAMP_PRECISION_NANO, ebuf);
	if (!*pc)
		return ut_err_set(err, 2, "%s: %s", path, ebuf);
	return 0;
}

int
ut_pcap_in_open(const char *path, struct ut_pcap_in **inp, struct ut_err *err)
{
	struct ut_pcap_in *in = calloc(1, sizeof(*in));
	struct stat st;

	if (!in || !(in->path = strdup(path))) {
		free(in);
		return ut_err_set(err, 2, "%s: out of memory", path);
	}
	if (!map_open(path, &in->map) && libpcap_open(path, &in->pc, err) < 0) {
		free(in->path);
		free(in);
		return -1;
	}
	if (stat(path, &st) == 0)
		in->size = (uint64_t)st.st_size;
	*inp = in;
	return 0;
}

int
ut_pcap_in_linktype(const struct ut_pcap_in *in)
{
	int dlt;

	if (in->map.base)
		return in->map.linktype;
	/* libpcap reports DLT_ values; DLT_RAW is 12 on Linux for the
	 * file's LINKTYPE_RAW (101) */
	dlt = pcap_datalink(in->pc);
	if (dlt == DLT_RAW)
		return UT_LINKTYPE_RAW;
	if (dlt == DLT_EN10MB)
		return UT_LINKTYPE_ETHERNET;
#ifdef DLT_IPV4
	if (dlt == DLT_IPV4)
		return UT_LINKTYPE_IPV4;
#endif
	return dlt;
}

/* to_libpcap: the mapped reader met a record it does not take (cut
 * short, longer than the snaplen): libpcap reads on from that record,
 * and says what it thinks of it */
static int
to_libpcap(struct ut_pcap_in *in, struct ut_err *err)
{
	struct pcap_pkthdr *h;
	const u_char *d;

	map_close(&in->map);
	if (libpcap_open(in->path, &in->pc, err) < 0)
		return -1;
	for (unsigned long i = 0; i < in->count; i++)
		if (pcap_next_ex(in->pc, &h, &d) != 1)
			return ut_err_set(err, 2, "%s: packet %lu: the file "
					  "changed while it was read",
					  in->path, i + 1);
	return 0;
}

/* map_next: 1 with the next record of the mapping, 0 at the end, -1
 * when libpcap must judge the record. Timestamps as libpcap gives them
 * (signed 32-bit fields; microseconds scaled to nanoseconds). */
static int
map_next(struct mapped *m, uint64_t *ts_ns, const uint8_t **data,
	 uint32_t *caplen, uint32_t *len)
{
	const uint8_t *h = m->base + m->off;
	int64_t sec, frac;

	if (m->off == m->size)
		return 0;
	if (m->size - m->off < PCAP_REC_HLEN)
		return -1;
	*caplen = get32(h + 8, m->swapped);
	*len = get32(h + 12, m->swapped);
	if (*caplen > m->snaplen ||
	    *caplen > m->size - m->off - PCAP_REC_HLEN)
		return -1;
	sec = (int32_t)get32(h, m->swapped);
	frac = (int32_t)get32(h + 4, m->swapped);
	if (!m->nano)
		frac *= 1000;
	*ts_ns = (uint64_t)sec * 1000000000u + (uint64_t)frac;
	*data = h + PCAP_REC_HLEN;
	/* the record before this one may still be in use (run's read
	 * ahead): only pages a step behind are given back */
	if (m->off - m->dropped >= 2 * PCAP_MAP_STEP) {
		madvise((void *)(m->base + m->dropped), PCAP_MAP_STEP,
			MADV_DONTNEED);
		m->dropped += PCAP_MAP_STEP;
	}
	m->off += PCAP_REC_HLEN + *caplen;
	return 1;
}

static int
libpcap_next(struct ut_pcap_in *in, uint64_t *ts_ns, const uint8_t **data,
	     uint32_t *caplen, uint32_t *len, struct ut_err *err)
{
	struct pcap_pkthdr *h;
	const u_char *d;
	int r = pcap_next_ex(in->pc, &h, &d);

	if (r == PCAP_ERROR_BREAK)
		return 0;
	if (r != 1)
		return ut_err_set(err, 2, "%s: packet %lu: %s", in->path,
				  in->count + 1, pcap_geterr(in->pc));
	*ts_ns = (uint64_t)h->ts.tv_sec * 1000000000u +
		 (uint64_t)h->ts.tv_usec;
	*data = d;
	*caplen = h->caplen;
	*len = h->len;
	return 1;
}

int
ut_pcap_in_next(struct ut_pcap_in *in, uint64_t *ts_ns, const uint8_t **data,
		size_t *len, struct ut_err *err)
{
	uint32_t caplen = 0, wire = 0;
	int r = -1;

	if (in->map.base)
		r = map_next(&in->map, ts_ns, data, &caplen, &wire);
	if (r < 0 && in->map.base && to_libpcap(in, err) < 0)
		return -1;
	if (r < 0)
		r = libpcap_next(in, ts_ns, data, &caplen, &wire, err);
	if (r <= 0)
		return r;
	in->count++;
	if (caplen < wire)
		return ut_err_set(err, 2, "%s: packet %lu: captured %u of %u "
				  "bytes (a truncated capture cannot be "
				  "replayed)", in->path, in->count, caplen,
				  wire);
	*len = caplen;
	return 1;
}

unsigned long
ut_pcap_in_count(const struct ut_pcap_in *in)
{
	return in->count;
}

void
ut_pcap_in_progress(const struct ut_pcap_in *in, uint64_t *done,
		    uint64_t *total)
{
	FILE *f = in->pc ? pcap_file(in->pc) : NULL;
	long pos = f ? ftell(f) : -1;

	if (in->map.base)
		pos = (long)in->map.off;
	*done = pos > 0 ? (uint64_t)pos : 0;
	*total = in->size;
}

void
ut_pcap_in_close(struct ut_pcap_in *in)
{
	if (!in)
		return;
	map_close(&in->map);
	if (in->pc)
		pcap_close(in->pc);
	free(in->path);
	free(in);
}

/* ---- output ------------------------------------------------------------- */

static void
put32(uint8_t *b, uint32_t v)
{
	memcpy(b, &v, 4);
}

/* out_flush: the buffer to the file; a failure is kept for close */
static void
out_flush(struct ut_pcap_out *out)
{
	size_t done = 0;

	while (done < out->used && !out->error) {
		ssize_t n = write(out->fd, out->buf + done, out->used - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			out->error = n < 0 ? errno : EIO;
		else
			done += (size_t)n;
	}
	out->used = 0;
}

static void
out_put(struct ut_pcap_out *out, const void *data, size_t len)
{
	const uint8_t *d = data;

	while (len) {
		size_t n = PCAP_OUT_BUF - out->used;

		if (n > len)
			n = len;
		memcpy(out->buf + out->used, d, n);
		out->used += n;
		d += n;
		len -= n;
		if (out->used == PCAP_OUT_BUF)
			out_flush(out);
	}
}

int
ut_pcap_out_open(const char *path, int linktype, struct ut_pcap_out **outp,
		 struct ut_err *err)
{
	struct ut_pcap_out *out = calloc(1, sizeof(*out));
	uint8_t hdr[PCAP_FILE_HLEN];

	if (!out || !(out->path = strdup(path)) ||
	    !(out->buf = malloc(PCAP_OUT_BUF))) {
		if (out)
			free(out->path);
		free(out);
		if (err)
			ut_err_set(err, 2, "%s: out of memory", path);
		return -1;
	}
	out->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (out->fd < 0) {
		if (err)
			ut_err_set(err, 2, "%s: %s", path, strerror(errno));
		free(out->buf);
		free(out->path);
		free(out);
		return -1;
	}
	/* the file header of pcap_dump_open: version 2.4, no time zone,
	 * snaplen 262144, the link type */
	put32(hdr, PCAP_MAGIC_US);
	put32(hdr + 4, 2u | 4u << 16);
	put32(hdr + 8, 0);
	put32(hdr + 12, 0);
	put32(hdr + 16, PCAP_MAX_SNAPLEN);
	put32(hdr + 20, linktype == UT_LINKTYPE_RAW ? UT_LINKTYPE_RAW :
			UT_LINKTYPE_ETHERNET);
	out_put(out, hdr, sizeof(hdr));
	*outp = out;
	return 0;
}

void
ut_pcap_out_write(struct ut_pcap_out *out, uint64_t ts_ns,
		  const uint8_t *data, size_t len)
{
	uint8_t h[PCAP_REC_HLEN];

	/* seconds and microseconds in 32-bit fields, as pcap_dump stores
	 * them */
	put32(h, (uint32_t)(ts_ns / 1000000000u));
	put32(h + 4, (uint32_t)(ts_ns % 1000000000u / 1000u));
	put32(h + 8, (uint32_t)len);
	put32(h + 12, (uint32_t)len);
	if (out->used + sizeof(h) + len <= PCAP_OUT_BUF) {
		/* the common case: both fit in the buffer */
		memcpy(out->buf + out->used, h, sizeof(h));
		memcpy(out->buf + out->used + sizeof(h), data, len);
		out->used += sizeof(h) + len;
		return;
	}
	out_put(out, h, sizeof(h));
	out_put(out, data, len);
}

int
ut_pcap_out_close(struct ut_pcap_out *out, struct ut_err *err)
{
	int ret = 0;

	if (!out)
		return 0;
	out_flush(out);
	if (close(out->fd) != 0 && !out->error)
		out->error = errno;
	if (out->error) {
		if (err)
			ut_err_set(err, 2, "%s: write error (%s)", out->path,
				   strerror(out->error));
		ret = -1;
	}
	free(out->buf);
	free(out->path);
	free(out);
	return ret;
}

/* ---- BPF filters (tcpdump's expression language) ------------------------ */

struct ut_bpf {
	struct bpf_program prog;
};

int
ut_bpf_compile(const char *expr, struct ut_bpf **out, struct ut_err *err)
{
	struct ut_bpf *f;
	pcap_t *dead;
	int r = 0;

	*out = NULL;
	f = calloc(1, sizeof(*f));
	dead = pcap_open_dead(DLT_EN10MB, 262144);
	if (!f || !dead) {
		free(f);
		if (dead)
			pcap_close(dead);
		return ut_err_set(err, 2, "out of memory");
	}
	if (pcap_compile(dead, &f->prog, expr, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		r = ut_err_set(err, 2, "--filter %s: %s", expr,
			       pcap_geterr(dead));
		free(f);
	} else {
		*out = f;
	}
	pcap_close(dead);
	return r;
}

bool
ut_bpf_match(const struct ut_bpf *f, const uint8_t *frame, size_t len)
{
	struct pcap_pkthdr h;

	memset(&h, 0, sizeof(h));
	h.caplen = h.len = (bpf_u_int32)len;
	return pcap_offline_filter(&f->prog, &h, frame) != 0;
}

void
ut_bpf_free(struct ut_bpf *f)
{
	if (!f)
		return;
	pcap_freecode(&f->prog);
	free(f);
}
