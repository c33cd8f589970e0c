/* hook.h: the netfilter hooks of the engine, as the kernel's
 * nf_hook_entries: per hook a list of {priority, function, private}
 * sorted by priority. path.c runs a hook's list at each of the five
 * points of the path (nf_hook_slow); what is on it decides what happens
 * there. iptables tables are one kind of entry (table.c); connection
 * tracking, defragmentation and NAT register theirs at their priorities
 * (src/conntrack, src/nat).
 */
#ifndef UT_ENGINE_HOOK_H
#define UT_ENGINE_HOOK_H

#include <limits.h>
#include <stdbool.h>

#include "rules/ruleset.h"

struct ut_engine;
struct ut_pkt;
struct ut_iface;

/* the kernel's priorities (enum nf_ip_hook_priorities) */
enum ut_hook_priority {
	UT_PRI_CONNTRACK_DEFRAG = -400,
	UT_PRI_RAW = -300,
	UT_PRI_CONNTRACK = -200,
	UT_PRI_MANGLE = -150,
	UT_PRI_NAT_DST = -100,
	UT_PRI_FILTER = 0,
	UT_PRI_SECURITY = 50,
	UT_PRI_NAT_SRC = 100,
	UT_PRI_CONNTRACK_CONFIRM = INT_MAX,
};

/* what a hook function sees besides the packet (struct nf_hook_state) */
struct ut_hook_state {
	enum ut_hook hook;
	const struct ut_iface *in, *out;
};

/* a hook function: a verdict (UT_NF_ACCEPT: on to the next entry,
 * UT_NF_DROP, UT_NF_STOLEN, a UT_NF_QUEUE value) for p, which it may
 * change but never frees */
typedef unsigned (*ut_hook_fn)(struct ut_engine *e, const void *priv,
			       struct ut_pkt *p,
			       const struct ut_hook_state *st);

struct ut_hook_entry {
	int priority;
	ut_hook_fn fn;
	const void *priv;  /* borrowed; lives as long as the engine */
};

/* one hook's entries, in priority order */
struct ut_hook_list {
	struct ut_hook_entry *entries;
	size_t n, cap;
};

/* ut_hook_register: add fn at priority on hook; among equal priorities
 * the earlier registration runs first (nf_register_net_hook). 0, or -1
 * out of memory. */
int ut_hook_register(struct ut_engine *e, enum ut_hook hook, int priority,
		     ut_hook_fn fn, const void *priv);
/* ut_hook_entries: the list of hook (valid until the next register) */
const struct ut_hook_list *ut_hook_entries(const struct ut_engine *e,
					   enum ut_hook hook);
/* ut_hook_has: is something registered on hook at priority */
bool ut_hook_has(const struct ut_engine *e, enum ut_hook hook, int priority);
void ut_hook_lists_free(struct ut_engine *e);

/* ut_table_hooks_register: the iptables tables of the engine's rule set
 * at their priorities (table.c). -1 with err when a table needs what the
 * engine does not have, or out of memory. */
int ut_table_hooks_register(struct ut_engine *e, struct ut_err *err);

#endif
