/* pcap.h: pcap files in and out (pcap.c: libpcap and a mapped reader for
 * classic pcap; our own writer). Reading keeps the
 * timestamps in nanoseconds (whatever the file's precision); writing
 * uses microseconds, as tcpdump does. */
#ifndef UT_IO_PCAP_H
#define UT_IO_PCAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "utables/utables.h"

/* link types (LINKTYPE_* of pcap files) */
#define UT_LINKTYPE_ETHERNET 1
#define UT_LINKTYPE_RAW 101
#define UT_LINKTYPE_IPV4 228

struct ut_pcap_in;
struct ut_pcap_out;

/* ut_pcap_in_open: open path for reading; 0 or -1 with err = "PATH: why" */
int ut_pcap_in_open(const char *path, struct ut_pcap_in **in,
		    struct ut_err *err);
int ut_pcap_in_linktype(const struct ut_pcap_in *in);
/* ut_pcap_in_next: 1 with the next record (data valid until the next
 * call), 0 at the end, -1 with err = "PATH: packet N: why" */
int ut_pcap_in_next(struct ut_pcap_in *in, uint64_t *ts_ns,
		    const uint8_t **data, size_t *len, struct ut_err *err);
/* records read so far */
unsigned long ut_pcap_in_count(const struct ut_pcap_in *in);
/* bytes of the file consumed so far and in total (progress) */
void ut_pcap_in_progress(const struct ut_pcap_in *in, uint64_t *done,
			 uint64_t *total);
void ut_pcap_in_close(struct ut_pcap_in *in);

int ut_pcap_out_open(const char *path, int linktype, struct ut_pcap_out **out,
		     struct ut_err *err);
void ut_pcap_out_write(struct ut_pcap_out *out, uint64_t ts_ns,
		       const uint8_t *data, size_t len);
/* ut_pcap_out_close: flush and close; -1 with err if writing failed */
int ut_pcap_out_close(struct ut_pcap_out *out, struct ut_err *err);

/* A compiled tcpdump filter expression for Ethernet frames (`trace
 * --filter`). ut_bpf_compile: 0 with *out (free with ut_bpf_free), or -1
 * with err = "--filter EXPR: why". */
struct ut_bpf;
int ut_bpf_compile(const char *expr, struct ut_bpf **out, struct ut_err *err);
/* ut_bpf_match: does the Ethernet frame pass the filter */
bool ut_bpf_match(const struct ut_bpf *f, const uint8_t *frame, size_t len);
void ut_bpf_free(struct ut_bpf *f);

#endif
