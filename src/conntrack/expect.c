/* expect.c: the expectation table (nf_conntrack_expect): a list, as
 * there are few (nf_conntrack_expect_max, per master the helper's
 * max_expected); expired ones are dropped when met. */
#include <stdlib.h>

#include "conntrack/ct_help.h"

static bool
expect_live(const struct ut_ct_net *net, const struct ut_ct_expect *x)
{
	return x->timeout > ut_ct_jiffies(net);
}

/* expect_matches: t is x's tuple, any source port */
static bool
expect_matches(const struct ut_ct_expect *x, const struct ut_ct_tuple *t,
	       uint16_t zone)
{
	return x->zone == zone && x->tuple.src == t->src &&
	       x->tuple.dst == t->dst && x->tuple.dport == t->dport &&
	       x->tuple.proto == t->proto;
}

void
ut_ct_expect_free(struct ut_ct_expect *exp)
{
	if (!exp)
		return;
	ut_ct_put(exp->master);
	free(exp);
}

static void
unlink_at(struct ut_ct_net *net, struct ut_ct_expect **pp)
{
	struct ut_ct_expect *x = *pp;

	*pp = x->next;
	net->n_expect--;
	ut_ct_expect_free(x);
}

/* the expired ones go (nf_ct_expectation_timed_out) */
static void
expire(struct ut_ct_net *net)
{
	for (struct ut_ct_expect **pp = &net->expects; *pp;)
		if (!expect_live(net, *pp))
			unlink_at(net, pp);
		else
			pp = &(*pp)->next;
}

int
ut_ct_expect_related(struct ut_ct_ctx *cx, struct ut_conn *master,
		     const struct ut_ct_tuple *t)
{
	struct ut_ct_net *net = cx->net;
	const struct ut_ct_helper *h = master->helper;
	struct ut_ct_expect *x, **oldest = NULL;
	unsigned mine = 0;

	expire(net);
	for (struct ut_ct_expect **pp = &net->expects; *pp;
	     pp = &(*pp)->next) {
		x = *pp;
		if (expect_matches(x, t, master->zone)) {
			/* the same expectation again replaces it; another
			 * master's is a clash (-EBUSY) */
			if (x->master != master)
				return -1;
			unlink_at(net, pp);
			break;
		}
	}
	for (struct ut_ct_expect **pp = &net->expects; *pp;
	     pp = &(*pp)->next)
		if ((*pp)->master == master) {
			mine++;
			if (!oldest)
				oldest = pp;
		}
	if (h && h->max_expected && mine >= h->max_expected && oldest)
		unlink_at(net, oldest);
	if (net->n_expect >= (size_t)cx->sys->expect_max)
		return -1;
	x = calloc(1, sizeof(*x));
	if (!x)
		return -1;
	x->tuple = *t;
	x->zone = master->zone;
	x->master = master;
	ut_ct_hold(master);
	x->timeout = ut_ct_jiffies(net) +
		     (uint64_t)(h ? h->expect_timeout : 300) *
		     ut_engine_hz(cx->e);
	/* appended: the oldest first */
	{
		struct ut_ct_expect **pp = &net->expects;

		while (*pp)
			pp = &(*pp)->next;
		*pp = x;
	}
	net->n_expect++;
	return 0;
}

struct ut_ct_expect *
ut_ct_expect_take(struct ut_ct_net *net, const struct ut_ct_tuple *t,
		  uint16_t zone)
{
	if (!net->n_expect)
		return NULL;
	expire(net);
	for (struct ut_ct_expect **pp = &net->expects; *pp;
	     pp = &(*pp)->next) {
		struct ut_ct_expect *x = *pp;

		/* a master that died takes its expectations along */
		if (expect_matches(x, t, zone) &&
		    !(x->master->status & UT_IPS_DYING)) {
			*pp = x->next;
			net->n_expect--;
			return x;
		}
	}
	return NULL;
}

void
ut_ct_expect_kill_master(struct ut_ct_net *net, const struct ut_conn *master)
{
	for (struct ut_ct_expect **pp = &net->expects; *pp;)
		if ((*pp)->master == master)
			unlink_at(net, pp);
		else
			pp = &(*pp)->next;
}

void
ut_ct_expect_free_all(struct ut_ct_net *net)
{
	while (net->expects)
		unlink_at(net, &net->expects);
}
