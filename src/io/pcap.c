/* pcap.c: pcap input and output with libpcap (the field's own reader and
 * writer: pcap and pcapng in, classic pcap out). */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/pcap.h"

struct ut_pcap_in {
	pcap_t *pc;
	char *path;
	unsigned long count;
	uint64_t size;
	int precision;
};

struct ut_pcap_out {
	pcap_t *pc;
	pcap_dumper_t *d;
	char *path;
};

int
ut_pcap_in_open(const char *path, struct ut_pcap_in **inp, struct ut_err *err)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	struct ut_pcap_in *in;
	struct stat st;
	pcap_t *pc;

	pc = pcap_open_offline_with_tstamp_precision(
		path, PCAP_TSTAMP_PRECISION_NANO, ebuf);
	if (!pc) {
		ut_err_set(err, 2, "%s: %s", path, ebuf);
		return -1;
	}
	in = calloc(1, sizeof(*in));
	if (!in || !(in->path = strdup(path))) {
		free(in);
		pcap_close(pc);
		ut_err_set(err, 2, "%s: out of memory", path);
		return -1;
	}
	in->pc = pc;
	in->precision = pcap_get_tstamp_precision(pc);
	if (stat(path, &st) == 0)
		in->size = (uint64_t)st.st_size;
	*inp = in;
	return 0;
}

int
ut_pcap_in_linktype(const struct ut_pcap_in *in)
{
	/* libpcap reports DLT_ values; DLT_RAW is 12 on Linux for the
	 * file's LINKTYPE_RAW (101) */
	int dlt = pcap_datalink(in->pc);

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

int
ut_pcap_in_next(struct ut_pcap_in *in, uint64_t *ts_ns, const uint8_t **data,
		size_t *len, struct ut_err *err)
{
	struct pcap_pkthdr *h;
	const u_char *d;
	int r = pcap_next_ex(in->pc, &h, &d);

	if (r == PCAP_ERROR_BREAK)
		return 0;
	if (r != 1) {
		ut_err_set(err, 2, "%s: packet %lu: %s", in->path,
			   in->count + 1, pcap_geterr(in->pc));
		return -1;
	}
	in->count++;
	if (h->caplen < h->len) {
		ut_err_set(err, 2, "%s: packet %lu: captured %u of %u bytes "
			   "(a truncated capture cannot be replayed)",
			   in->path, in->count, h->caplen, h->len);
		return -1;
	}
	*ts_ns = (uint64_t)h->ts.tv_sec * 1000000000u +
		 (uint64_t)h->ts.tv_usec;
	*data = d;
	*len = h->caplen;
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
	FILE *f = pcap_file(in->pc);
	long pos = f ? ftell(f) : -1;

	*done = pos > 0 ? (uint64_t)pos : 0;
	*total = in->size;
}

void
ut_pcap_in_close(struct ut_pcap_in *in)
{
	if (!in)
		return;
	pcap_close(in->pc);
	free(in->path);
	free(in);
}

int
ut_pcap_out_open(const char *path, int linktype, struct ut_pcap_out **outp,
		 struct ut_err *err)
{
	int dlt = linktype == UT_LINKTYPE_RAW ? DLT_RAW : DLT_EN10MB;
	struct ut_pcap_out *out = calloc(1, sizeof(*out));

	if (!out || !(out->path = strdup(path))) {
		free(out);
		if (err)
			ut_err_set(err, 2, "%s: out of memory", path);
		return -1;
	}
	out->pc = pcap_open_dead(dlt, 262144);
	if (out->pc)
		out->d = pcap_dump_open(out->pc, path);
	if (!out->d) {
		if (err)
			ut_err_set(err, 2, "%s: %s", path,
			   out->pc ? pcap_geterr(out->pc) : "out of memory");
		if (out->pc)
			pcap_close(out->pc);
		free(out->path);
		free(out);
		return -1;
	}
	*outp = out;
	return 0;
}

void
ut_pcap_out_write(struct ut_pcap_out *out, uint64_t ts_ns,
		  const uint8_t *data, size_t len)
{
	struct pcap_pkthdr h;

	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = (time_t)(ts_ns / 1000000000u);
	h.ts.tv_usec = (suseconds_t)(ts_ns % 1000000000u / 1000u);
	h.caplen = (bpf_u_int32)len;
	h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)out->d, &h, data);
}

int
ut_pcap_out_close(struct ut_pcap_out *out, struct ut_err *err)
{
	int ret = 0;

	if (!out)
		return 0;
	if (pcap_dump_flush(out->d) != 0) {
		if (err)
			ut_err_set(err, 2, "%s: write error", out->path);
		ret = -1;
	}
	pcap_dump_close(out->d);
	pcap_close(out->pc);
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
