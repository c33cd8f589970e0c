/* ct_help.h: helpers and expectations (nf_conntrack_helper,
 * nf_conntrack_expect): a helper reads a connection's payload at the
 * confirm hook and announces the connections it will cause
 * (expectations); a new connection that matches one is RELATED, with
 * the helper's connection as its master. */
#ifndef UT_CONNTRACK_CT_HELP_H
#define UT_CONNTRACK_CT_HELP_H

#include "conntrack/ct_net.h"

struct ut_ct_helper {
	const char *name;
	unsigned max_expected;     /* per master (the oldest goes) */
	unsigned expect_timeout;   /* seconds */
	/* help: the helper's look at a packet of its connection (at the
	 * confirm hook, after NAT); a verdict */
	unsigned (*help)(struct ut_ct_ctx *cx, struct ut_pkt *p,
			 struct ut_conn *ct, unsigned ctinfo);
};

extern const struct ut_ct_helper ut_ct_helper_ftp;

/* an expected connection: tuple with a wildcard source port */
struct ut_ct_expect {
	struct ut_ct_expect *next;
	struct ut_ct_tuple tuple;  /* sport ignored (the mask) */
	uint16_t zone;
	struct ut_conn *master;    /* holds a reference */
	uint64_t timeout;          /* jiffies */
};

/* ut_ct_expect_related: add an expectation of master for the tuple
 * (src, dst, dport, TCP); the oldest of the master's goes beyond
 * max_expected. -1 when it clashes with another master's or the table
 * is full (nf_conntrack_expect_max). */
int ut_ct_expect_related(struct ut_ct_ctx *cx, struct ut_conn *master,
			 const struct ut_ct_tuple *t);
/* ut_ct_expect_find: the live expectation a new connection's tuple
 * matches, removed from the table (the caller owns it), or NULL */
struct ut_ct_expect *ut_ct_expect_take(struct ut_ct_net *net,
				       const struct ut_ct_tuple *t,
				       uint16_t zone);
void ut_ct_expect_free(struct ut_ct_expect *exp);
/* ut_ct_expect_kill_master: a master died: its expectations go */
void ut_ct_expect_kill_master(struct ut_ct_net *net,
			      const struct ut_conn *master);
void ut_ct_expect_free_all(struct ut_ct_net *net);

#endif
