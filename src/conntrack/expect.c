/* expect.c: the expectation table (nf_conntrack_expect): a list, as
 * there are few (nf_conntrack_expect_max, per master the helper's
 * max_expected); expired ones are dropped when met. */
#include <errno.h>
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

/* evict_oldest_expect: the master's oldest expectation goes */
static void
evict_oldest(struct ut_ct_net *net, const struct ut_conn *master)
{
	for (struct ut_ct_expect **pp = &net->expects; *pp;
	     pp = &(*pp)->next)
		if ((*pp)->master == master) {
			unlink_at(net, pp);
			return;
		}
}

static unsigned
count_of(const struct ut_ct_net *net, const struct ut_conn *master)
{
	unsigned n = 0;

	for (const struct ut_ct_expect *x = net->expects; x; x = x->next)
		n += x->master == master;
	return n;
}

/* __nf_ct_expect_check: the same master's identical expectation is
 * replaced; another master's for the same tuple is a clash */
static int
expect_check(struct ut_ct_ctx *cx, const struct ut_ct_expect *exp)
{
	struct ut_ct_net *net = cx->net;
	const struct ut_ct_helper *h = exp->master->helper;

	expire(net);
	for (struct ut_ct_expect **pp = &net->expects; *pp;
	     pp = &(*pp)->next) {
		struct ut_ct_expect *x = *pp;

		if (expect_matches(x, &exp->tuple, exp->master->zone)) {
			if (x->master != exp->master)
				return -EBUSY;
			unlink_at(net, pp);
			break;
		}
	}
	if (h && h->max_expected &&
	    count_of(net, exp->master) >= h->max_expected) {
		evict_oldest(net, exp->master);
		if (count_of(net, exp->master) >= h->max_expected)
			return -EMFILE;
	}
	if (net->n_expect >= (size_t)cx->sys->expect_max)
		return -EMFILE;
	return 0;
}

int
ut_ct_expect_related(struct ut_ct_ctx *cx, const struct ut_ct_expect *exp)
{
	struct ut_ct_net *net = cx->net;
	const struct ut_ct_helper *h = exp->master->helper;
	struct ut_ct_expect *x, **pp;
	int err = expect_check(cx, exp);

	if (err)
		return err;
	x = malloc(sizeof(*x));
	if (!x)
		return -ENOMEM;
	*x = *exp;
	x->next = NULL;
	x->zone = exp->master->zone;
	ut_ct_hold(x->master);
	x->timeout = ut_ct_jiffies(net) +
		     (uint64_t)(h ? h->expect_timeout : 300) *
		     ut_engine_hz(cx->e);
	/* appended: the oldest first */
	for (pp = &net->expects; *pp; pp = &(*pp)->next)
		;
	*pp = x;
	net->n_expect++;
	return 0;
}

void
ut_ct_unexpect_related(struct ut_ct_net *net, const struct ut_ct_expect *exp)
{
	for (struct ut_ct_expect **pp = &net->expects; *pp;
	     pp = &(*pp)->next)
		if ((*pp)->master == exp->master &&
		    expect_matches(*pp, &exp->tuple, exp->master->zone)) {
			unlink_at(net, pp);
			return;
		}
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
