/* ct_net.h: the connection table object and the core's functions shared
 * by its files (ct_table.c: hash, life, limits; ct_core.c: the hooks;
 * ct_output.c: conntrack -L, events, loading). */
#ifndef UT_CONNTRACK_CT_NET_H
#define UT_CONNTRACK_CT_NET_H

#include "conntrack/ct_int.h"
#include "utables/utables.h"

struct ut_ct_net {
	struct ut_engine *e;
	const struct ut_nf_sysctl *sys;
	/* nf_conntrack_acct: the sysctl, or forced on by connbytes */
	bool acct;
	uintptr_t *buckets;      /* links (ct_table.c) */
	size_t n_buckets;
	size_t bucket_mask;      /* n_buckets - 1 for a power of two, else 0 */
	size_t count;            /* entries, unconfirmed ones included */
	size_t n_confirmed;
	uint64_t next_id;
	struct ut_timer gc;      /* the expiry sweep */
	bool gc_early_drop;      /* a new entry found no room: the sweep
				  * evicts (conntrack_gc_work.early_drop) */
	/* events of the run, as DIR/conntrack-events lines */
	struct ut_buf events;
	/* expectations (expect.c) */
	struct ut_ct_expect *expects;
	size_t n_expect;
	/* NAT's ftp part (nf_nat_ftp_hook), NULL without NAT */
	ut_nat_ftp_fn nat_ftp;
	/* the bucket of the next packet (ut_ct_prefetch): its entry is
	 * fetched once the current packet's lookup is done */
	size_t pf_bucket;
	bool pf_pending;
	/* statistics (conntrack -S) */
	unsigned long invalid, drop, early_drop, insert_failed;
};

/* a zone as the kernel's struct nf_conntrack_zone: an id for the
 * directions in dir, zone 0 for the others (nf_ct_zone_id) */
struct ut_ct_zone {
	uint16_t id;
	uint8_t dir;
};

static inline uint16_t
ut_ct_zone_id(struct ut_ct_zone z, unsigned d)
{
	return (z.dir & (1u << d)) ? z.id : 0;
}

static inline struct ut_ct_zone
ut_ct_conn_zone(const struct ut_conn *ct)
{
	struct ut_ct_zone z = { ct->zone, ct->zone_dir };
	return z;
}

static inline bool
ut_ct_zone_equal(const struct ut_conn *ct, struct ut_ct_zone z, unsigned d)
{
	return ut_ct_zone_id(ut_ct_conn_zone(ct), d) == ut_ct_zone_id(z, d);
}

#define UT_CT_ZONE_DEFAULT ((struct ut_ct_zone){ 0, 3 })

/* ct_table.c */
size_t ut_ct_hash(const struct ut_ct_net *net, const struct ut_ct_tuple *t,
		  uint16_t zone);
uint64_t ut_ct_jiffies(const struct ut_ct_net *net);
bool ut_ct_expired(const struct ut_ct_net *net, const struct ut_conn *ct);
/* ut_ct_find: the live entry with tuple t in zone z (its direction in
 * *dir), looked up in the chain of t hashed with z's id for direction
 * hdir (a packet's tuple: ORIGINAL), or NULL */
struct ut_conn *ut_ct_find(struct ut_ct_ctx *cx, const struct ut_ct_tuple *t,
			   struct ut_ct_zone z, unsigned hdir,
			   enum ut_ct_dir *dir);
/* ut_ct_alloc: a new unconfirmed entry (one reference: the caller's);
 * NULL when the table is full (*full: the packet is to be dropped) */
struct ut_conn *ut_ct_alloc(struct ut_ct_ctx *cx,
			    const struct ut_ct_tuple *orig,
			    const struct ut_ct_tuple *repl,
			    struct ut_ct_zone zone, bool *full);
void ut_ct_insert(struct ut_ct_net *net, struct ut_conn *ct);
void ut_ct_each(struct ut_ct_net *net, void (*fn)(struct ut_conn *, void *),
		void *arg);
void ut_ct_gc_init(struct ut_ct_net *net);
void ut_ct_gc_arm(struct ut_ct_net *net);
void ut_ct_table_free(struct ut_ct_net *net);

static inline struct ut_ct_ctx
ut_ct_ctx_make(struct ut_ct_net *net, enum ut_hook hook,
	       const struct ut_iface *in, const struct ut_iface *out,
	       unsigned long number)
{
	struct ut_ct_ctx cx = {
		.e = net->e, .net = net, .sys = net->sys, .hook = hook,
		.in = in, .out = out, .number = number,
	};
	return cx;
}

/* ct_output.c */
/* ut_ct_format: one entry as conntrack -L (list: timeout, use=) or
 * conntrack -E (events) prints it, without newline */
void ut_ct_format(const struct ut_ct_net *net, const struct ut_conn *ct,
		  unsigned events, bool list, struct ut_buf *out);
/* ut_ct_event_deliver: the event line(s) for events of ct, stamped with
 * the input packet number (0: "timer"), filtered by ct->ctmask */
void ut_ct_event_deliver(struct ut_ct_net *net, struct ut_conn *ct,
			 unsigned events, unsigned long number);

#endif
