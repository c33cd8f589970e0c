/* nat_hooks.c: the NAT hooks (the kernel's nf_nat_ipv4_fn and
 * nf_nat_inet_fn behind nf_nat_ipv4_ops) and NAT's state in the engine.
 *
 * At each of its four hooks NAT looks at the packet's connection:
 *  - none (INVALID, untracked): the packet passes unchanged;
 *  - an ICMP error RELATED to a connection: translated with it
 *    (nat_icmp.c), the nat table never sees it;
 *  - the first packet of a connection (NEW, or RELATED such as an
 *    expected data connection) whose binding of the hook's kind is not
 *    set up: the nat table's chain for the hook runs (its targets set the
 *    binding up); without a target that did, the null binding;
 *  - then every packet of the connection, both directions, is changed as
 *    its binding says (nf_nat_packet).
 * The nat table is therefore not a plain hook entry (table.c leaves it to
 * ut_nat_register), and its chains count only first packets.
 *
 * The kernel's other per-hook steps are the path's: a PREROUTING DNAT is
 * routed afterwards (path.c routes after the hook, and re-routes a
 * looped-back packet whose destination changed); OUTPUT re-routes when
 * the destination changed (path.c's local_out compares the route key, as
 * ip_route_me_harder after nf_nat_ipv4_local_fn). Not modelled: a
 * masqueraded connection whose packets leave by another device than
 * its first is killed (nf_nat_oif_changed; routes do not change during
 * a run), and the socket re-lookup of INPUT.
 */
#include <stdlib.h>
#include <arpa/inet.h>

#include "conntrack/ct_net.h"
#include "engine/engine_int.h"
#include "nat/nat_int.h"

#define IPPROTO_ICMP_ 1

/* the hooks and priorities of nf_nat_ipv4_ops */
static const struct {
	enum ut_hook hook;
	int priority;
} nat_ops[] = {
	{ UT_HOOK_PRE_ROUTING, UT_PRI_NAT_DST },
	{ UT_HOOK_POST_ROUTING, UT_PRI_NAT_SRC },
	{ UT_HOOK_LOCAL_OUT, UT_PRI_NAT_DST },
	{ UT_HOOK_LOCAL_IN, UT_PRI_NAT_SRC },
};

static bool
is_related(unsigned ctinfo)
{
	return ctinfo == UT_CT_RELATED || ctinfo == UT_CT_RELATED_REPLY;
}

static const char *const hook_names[] = {
	[UT_HOOK_PRE_ROUTING] = "PREROUTING",
	[UT_HOOK_LOCAL_IN] = "INPUT",
	[UT_HOOK_LOCAL_OUT] = "OUTPUT",
	[UT_HOOK_POST_ROUTING] = "POSTROUTING",
};

/* `utables trace`: the binding the first packet set up at this hook:
 * where the connection's source (SNAT) or destination (DNAT) goes, read
 * from the reply tuple as the kernel keeps it, or the null binding (the
 * status bit of the kind is set only when the tuple changed) */
static void
trace_binding(struct ut_engine *e, const struct ut_pkt *p,
	      const struct ut_conn *ct, enum ut_hook hook)
{
	enum ut_nat_manip manip = ut_nat_hook2manip(hook);
	bool src = manip == UT_NAT_MANIP_SRC;
	const struct ut_ct_tuple *o = &ct->tuple[UT_CT_DIR_ORIGINAL];
	const struct ut_ct_tuple *r = &ct->tuple[UT_CT_DIR_REPLY];
	uint32_t from = src ? o->src : o->dst, to = src ? r->dst : r->src;
	uint16_t fport = src ? o->sport : o->dport;
	uint16_t tport = src ? r->dport : r->sport;
	char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];
	struct ut_buf t;

	if (!ut_engine_tracing(e))
		return;
	inet_ntop(AF_INET, &from, a, sizeof(a));
	inet_ntop(AF_INET, &to, b, sizeof(b));
	ut_buf_init(&t);
	if (!(ct->status & (src ? UT_IPS_SRC_NAT : UT_IPS_DST_NAT)))
		ut_buf_printf(&t, "nat %s: null binding (%s %s:%u kept)",
			      hook_names[hook], src ? "source" : "destination",
			      a, fport);
	else
		ut_buf_printf(&t, "nat %s: %s %s:%u -> %s:%u",
			      hook_names[hook], src ? "SNAT" : "DNAT", a,
			      fport, b, tport);
	ut_engine_step(e, p, ut_buf_str(&t));
	ut_buf_fini(&t);
}

/* nf_nat_inet_fn's lookup: the nat table for a connection not bound yet
 * for this hook's kind, then the null binding if no rule bound it */
static unsigned
nat_lookup(struct ut_engine *e, struct ut_nat *nat, struct ut_conn *ct,
	   struct ut_pkt *p, const struct ut_hook_state *st)
{
	enum ut_nat_manip manip = ut_nat_hook2manip(st->hook);
	struct ut_ct_ctx cx = ut_ct_ctx_make(e->ct, st->hook, st->in, st->out,
					     p->number);
	unsigned v;

	nat->cx = &cx;
	v = ut_table_run(e, nat->table, st->hook, p, st->in, st->out);
	nat->cx = NULL;
	if (v != UT_NF_ACCEPT)
		return v;
	if (ut_nat_initialized(ct, manip))
		return UT_NF_ACCEPT;
	/* the null binding searches no port: nothing to evict */
	return ut_nat_alloc_null_binding(e, ct, st->hook);
}

static unsigned
nat_hook(struct ut_engine *e, const void *priv, struct ut_pkt *p,
	 const struct ut_hook_state *st)
{
	struct ut_nat *nat = e->nat;
	unsigned ctinfo, v;
	struct ut_conn *ct = ut_ct_get(p, &ctinfo);

	if (!ct)
		return UT_NF_ACCEPT;
	if (is_related(ctinfo) && ut_ip_proto(p) == IPPROTO_ICMP_)
		return ut_nat_icmp_reply_translation(p, ct, ctinfo, st->hook) ?
		       UT_NF_ACCEPT : UT_NF_DROP;
	/* "seen it before?": a looped-back or a retransmitted first
	 * packet finds its binding set up */
	if ((ctinfo == UT_CT_NEW || is_related(ctinfo)) &&
	    !ut_nat_initialized(ct, ut_nat_hook2manip(st->hook))) {
		v = nat_lookup(e, nat, ct, p, st);
		if (v != UT_NF_ACCEPT)
			return v;
		trace_binding(e, p, ct, st->hook);
	}
	return ut_nat_packet(p, ct, ctinfo, st->hook);
}

int
ut_nat_register(struct ut_engine *e, struct ut_err *err)
{
	const struct ut_table *t = e->rs->tables[UT_TABLE_NAT];
	struct ut_nat *nat;

	if (!t)
		return 0;
	if (!ut_hook_has(e, UT_HOOK_PRE_ROUTING, UT_PRI_CONNTRACK))
		return ut_err_set(err, 2, "the %s table needs connection "
				  "tracking, which the packet engine does "
				  "not have yet", t->name);
	nat = calloc(1, sizeof(*nat));
	if (!nat)
		return ut_err_set(err, 2, "out of memory");
	nat->e = e;
	nat->table = t;
	e->nat = nat;
	for (size_t i = 0; i < sizeof(nat_ops) / sizeof(nat_ops[0]); i++)
		if (ut_hook_register(e, nat_ops[i].hook, nat_ops[i].priority,
				     nat_hook, nat) < 0)
			return ut_err_set(err, 2, "out of memory");
	return 0;
}

void
ut_nat_free(struct ut_nat *nat)
{
	if (!nat)
		return;
	ut_nat_bysrc_free(nat);
	free(nat);
}
