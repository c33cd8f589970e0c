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

/* ut_ct_helper_log: nf_ct_helper_log: the helper's line when it drops
 * a packet, "nf_ct_NAME: dropping packet: WHY " with the packet as the
 * LOG backend prints it (no devices), in DIR/log and the trace */
void ut_ct_helper_log(struct ut_ct_ctx *cx, const struct ut_pkt *p,
		      const struct ut_conn *ct, const char *why);

/* an expected connection: tuple with a wildcard source port */
struct ut_ct_expect {
	struct ut_ct_expect *next;
	struct ut_ct_tuple tuple;  /* sport ignored (the mask) */
	uint16_t zone;
	struct ut_conn *master;    /* holds a reference (once registered) */
	uint64_t timeout;          /* jiffies */
	/* expectfn: what the new connection gets when it comes, before
	 * any hook sees it (NAT's nf_nat_follow_master); NULL: nothing.
	 * saved_port (host order) and dir are for it: the port the
	 * announcement named before NAT changed the expected one, and the
	 * direction of the master the expected connection goes in */
	void (*expectfn)(struct ut_ct_ctx *cx, struct ut_conn *ct,
			 const struct ut_ct_expect *exp);
	uint16_t saved_port;
	uint8_t dir;
};

/* ut_ct_expect_related: register a copy of exp (tuple, master,
 * expectfn, saved_port, dir; its zone is the master's): an existing one
 * of the same master and tuple is replaced, the master's oldest goes
 * beyond the helper's max_expected. 0, or -EBUSY when another master
 * expects that tuple, -EMFILE when the table is full
 * (nf_conntrack_expect_max), -ENOMEM. */
int ut_ct_expect_related(struct ut_ct_ctx *cx, const struct ut_ct_expect *exp);
/* ut_ct_unexpect_related: take back what ut_ct_expect_related registered
 * for exp's master and tuple (nf_ct_unexpect_related) */
void ut_ct_unexpect_related(struct ut_ct_net *net,
			    const struct ut_ct_expect *exp);
/* ut_ct_expect_take: the live expectation a new connection's tuple
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
