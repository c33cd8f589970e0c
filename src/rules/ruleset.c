/* ruleset.c: the rule-set IR: tables with their built-in chains, user
 * chains kept in libiptc's order, rules with their extension instances,
 * reference counts, loop detection and the commit-time checks that the
 * kernel's translate_table makes (x_tables.c xt_check_match/target). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/ext.h"
#include "rules/ruleset.h"

static const struct ut_table_desc table_descs[UT_TABLE_MAX] = {
	{ UT_TABLE_FILTER, "filter", UT_HM_IN | UT_HM_FWD | UT_HM_OUT },
	{ UT_TABLE_NAT, "nat", UT_HM_PRE | UT_HM_IN | UT_HM_OUT | UT_HM_POST },
	{ UT_TABLE_MANGLE, "mangle",
	  UT_HM_PRE | UT_HM_IN | UT_HM_FWD | UT_HM_OUT | UT_HM_POST },
	{ UT_TABLE_RAW, "raw", UT_HM_PRE | UT_HM_OUT },
	{ UT_TABLE_SECURITY, "security", UT_HM_IN | UT_HM_FWD | UT_HM_OUT },
};

static const char *const hook_names[UT_HOOK_MAX] = {
	"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING",
};

const struct ut_table_desc *
ut_table_desc_by_name(const char *name)
{
	for (int i = 0; i < UT_TABLE_MAX; i++)
		if (strcmp(table_descs[i].name, name) == 0)
			return &table_descs[i];
	return NULL;
}

const struct ut_table_desc *
ut_table_desc_by_id(enum ut_table_id id)
{
	return &table_descs[id];
}

const char *
ut_hook_name(int hook)
{
	return hook >= 0 && hook < UT_HOOK_MAX ? hook_names[hook] : NULL;
}

/* ---- rules ---------------------------------------------------------------- */

struct ut_rule *
ut_rule_new(void)
{
	return calloc(1, sizeof(struct ut_rule));
}

void
ut_rule_free(struct ut_rule *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_matches; i++)
		free(r->matches[i].data);
	free(r->matches);
	free(r->target.data);
	free(r);
}

/* xt_dup: deep copy of an extension instance; false on OOM. */
static bool
xt_dup(struct ut_xt *dst, const struct ut_xt *src)
{
	dst->ext = src->ext;
	dst->data = NULL;
	if (!src->ext)
		return true;
	dst->data = malloc(src->ext->size ? src->ext->size : 1);
	if (!dst->data)
		return false;
	memcpy(dst->data, src->data, src->ext->size);
	return true;
}

struct ut_rule *
ut_rule_clone(const struct ut_rule *r)
{
	struct ut_rule *c = ut_rule_new();

	if (!c)
		return NULL;
	*c = *r;
	c->matches = NULL;
	c->n_matches = 0;
	c->target.data = NULL;
	if (r->n_matches) {
		c->matches = calloc(r->n_matches, sizeof(*c->matches));
		if (!c->matches)
			goto fail;
		for (; c->n_matches < r->n_matches; c->n_matches++)
			if (!xt_dup(&c->matches[c->n_matches],
				    &r->matches[c->n_matches]))
				goto fail;
	}
	if (!xt_dup(&c->target, &r->target))
		goto fail;
	return c;
fail:
	ut_rule_free(c);
	return NULL;
}

struct ut_xt *
ut_rule_add_match(struct ut_rule *r, const struct ut_ext *ext)
{
	struct ut_xt *m = realloc(r->matches,
				  (r->n_matches + 1) * sizeof(*m));
	void *data;

	if (!m)
		return NULL;
	r->matches = m;
	data = calloc(1, ext->size ? ext->size : 1);
	if (!data)
		return NULL;
	if (ext->init)
		ext->init(data);
	m = &r->matches[r->n_matches++];
	m->ext = ext;
	m->data = data;
	return m;
}

static bool
xt_equal(const struct ut_xt *a, const struct ut_xt *b)
{
	size_t n;

	if (a->ext != b->ext)
		return false;
	if (!a->ext || a->ext->cmp_none)
		return true;
	n = a->ext->cmp_size ? a->ext->cmp_size : a->ext->size;
	return memcmp(a->data, b->data, n) == 0;
}

bool
ut_rule_equal(const struct ut_rule *a, const struct ut_rule *b)
{
	if (memcmp(&a->ip, &b->ip, sizeof(a->ip)) != 0 ||
	    a->n_matches != b->n_matches || a->verdict != b->verdict)
		return false;
	for (size_t i = 0; i < a->n_matches; i++)
		if (!xt_equal(&a->matches[i], &b->matches[i]))
			return false;
	if (a->verdict == UT_V_JUMP || a->verdict == UT_V_GOTO)
		return a->chain == b->chain;
	if (a->verdict == UT_V_EXT)
		return xt_equal(&a->target, &b->target);
	return true;
}

/* ---- chains --------------------------------------------------------------- */

static struct ut_chain *
chain_new(const char *name, int hook)
{
	struct ut_chain *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->hook = hook;
	c->policy = hook >= 0 ? UT_V_ACCEPT : UT_V_NONE;
	return c;
}

static void
rule_unref(struct ut_rule *r)
{
	if ((r->verdict == UT_V_JUMP || r->verdict == UT_V_GOTO) && r->chain)
		r->chain->refs--;
}

static void
rule_ref(struct ut_rule *r)
{
	if ((r->verdict == UT_V_JUMP || r->verdict == UT_V_GOTO) && r->chain)
		r->chain->refs++;
}

void
ut_chain_flush(struct ut_chain *c)
{
	for (size_t i = 0; i < c->n_rules; i++) {
		rule_unref(c->rules[i]);
		ut_rule_free(c->rules[i]);
	}
	c->n_rules = 0;
}

static void
chain_free(struct ut_chain *c)
{
	if (!c)
		return;
	ut_chain_flush(c);
	free(c->rules);
	free(c);
}

int
ut_chain_insert(struct ut_chain *c, size_t pos, struct ut_rule *r)
{
	if (c->n_rules == c->cap_rules) {
		size_t cap = c->cap_rules ? c->cap_rules * 2 : 8;
		struct ut_rule **v = realloc(c->rules, cap * sizeof(*v));
		if (!v)
			return -1;
		c->rules = v;
		c->cap_rules = cap;
	}
	memmove(&c->rules[pos + 1], &c->rules[pos],
		(c->n_rules - pos) * sizeof(*c->rules));
	c->rules[pos] = r;
	c->n_rules++;
	rule_ref(r);
	return 0;
}

void
ut_chain_delete(struct ut_chain *c, size_t pos)
{
	rule_unref(c->rules[pos]);
	ut_rule_free(c->rules[pos]);
	memmove(&c->rules[pos], &c->rules[pos + 1],
		(c->n_rules - pos - 1) * sizeof(*c->rules));
	c->n_rules--;
}

void
ut_chain_replace(struct ut_chain *c, size_t pos, struct ut_rule *r)
{
	rule_unref(c->rules[pos]);
	ut_rule_free(c->rules[pos]);
	c->rules[pos] = r;
	rule_ref(r);
}

void
ut_chain_zero(struct ut_chain *c)
{
	c->pcnt = c->bcnt = 0;
	for (size_t i = 0; i < c->n_rules; i++)
		c->rules[i]->pcnt = c->rules[i]->bcnt = 0;
}

/* ---- tables --------------------------------------------------------------- */

/* table_renumber: chains[from..] learn their new index after a move */
static void
table_renumber(struct ut_table *t, size_t from)
{
	for (size_t i = from; i < t->n_chains; i++)
		t->chains[i]->idx = i;
}

static int
table_push_chain(struct ut_table *t, struct ut_chain *c, size_t pos)
{
	if (t->n_chains == t->cap_chains) {
		size_t cap = t->cap_chains ? t->cap_chains * 2 : 8;
		struct ut_chain **v = realloc(t->chains, cap * sizeof(*v));
		if (!v)
			return -1;
		t->chains = v;
		t->cap_chains = cap;
	}
	memmove(&t->chains[pos + 1], &t->chains[pos],
		(t->n_chains - pos) * sizeof(*t->chains));
	t->chains[pos] = c;
	t->n_chains++;
	table_renumber(t, pos);
	return 0;
}

struct ut_table *
ut_table_new(enum ut_table_id id)
{
	struct ut_table *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->id = id;
	t->name = table_descs[id].name;
	t->hooks = table_descs[id].hooks;
	for (int h = 0; h < UT_HOOK_MAX; h++) {
		struct ut_chain *c;
		if (!(t->hooks & UT_HM(h)))
			continue;
		c = chain_new(hook_names[h], h);
		if (!c || table_push_chain(t, c, t->n_chains) < 0) {
			free(c);
			ut_table_free(t);
			return NULL;
		}
		t->n_builtin++;
	}
	return t;
}

void
ut_table_free(struct ut_table *t)
{
	if (!t)
		return;
	/* flush every chain first: a rule's jump target may be a chain
	 * freed earlier in this loop (rule_unref touches its refs) */
	for (size_t i = 0; i < t->n_chains; i++)
		ut_chain_flush(t->chains[i]);
	for (size_t i = 0; i < t->n_chains; i++)
		chain_free(t->chains[i]);
	free(t->chains);
	free(t);
}

/* table_user_pos: where a user chain named name is or goes: the first
 * user chain whose name is not below it (sorted by strcmp after the
 * built-ins, as libiptc keeps them). A binary search. */
static size_t
table_user_pos(const struct ut_table *t, const char *name)
{
	size_t lo = t->n_builtin, hi = t->n_chains;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(t->chains[mid]->name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct ut_chain *
ut_table_chain(const struct ut_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n_builtin; i++)
		if (strcmp(t->chains[i]->name, name) == 0)
			return t->chains[i];
	i = table_user_pos(t, name);
	if (i < t->n_chains && strcmp(t->chains[i]->name, name) == 0)
		return t->chains[i];
	return NULL;
}

struct ut_chain *
ut_table_chain_add(struct ut_table *t, const char *name)
{
	struct ut_chain *c = chain_new(name, -1);

	if (!c)
		return NULL;
	if (table_push_chain(t, c, table_user_pos(t, name)) < 0) {
		chain_free(c);
		return NULL;
	}
	return c;
}

static void
table_unlink_chain(struct ut_table *t, struct ut_chain *c)
{
	size_t i = c->idx;

	memmove(&t->chains[i], &t->chains[i + 1],
		(t->n_chains - i - 1) * sizeof(*t->chains));
	t->n_chains--;
	table_renumber(t, i);
}

void
ut_table_chain_del(struct ut_table *t, struct ut_chain *c)
{
	table_unlink_chain(t, c);
	chain_free(c);
}

void
ut_table_chains_del(struct ut_table *t, const bool *doomed)
{
	size_t kept = t->n_builtin;

	for (size_t i = t->n_builtin; i < t->n_chains; i++) {
		struct ut_chain *c = t->chains[i];

		if (doomed[i]) {
			chain_free(c);
			continue;
		}
		c->idx = kept;
		t->chains[kept++] = c;
	}
	t->n_chains = kept;
}

void
ut_table_chain_rename(struct ut_table *t, struct ut_chain *c,
		      const char *name)
{
	table_unlink_chain(t, c);
	snprintf(c->name, sizeof(c->name), "%s", name);
	/* cannot fail: the array had room for this chain a moment ago */
	table_push_chain(t, c, table_user_pos(t, name));
}

struct ut_table *
ut_table_clone(const struct ut_table *t)
{
	struct ut_table *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->id = t->id;
	n->name = t->name;
	n->hooks = t->hooks;
	n->chains = calloc(t->cap_chains ? t->cap_chains : 1,
			   sizeof(*n->chains));
	if (!n->chains)
		goto fail;
	n->cap_chains = t->cap_chains;
	n->n_builtin = t->n_builtin;
	for (size_t i = 0; i < t->n_chains; i++) {
		const struct ut_chain *oc = t->chains[i];
		struct ut_chain *c = chain_new(oc->name, oc->hook);
		if (!c)
			goto fail;
		c->idx = n->n_chains;
		n->chains[n->n_chains++] = c;
		c->policy = oc->policy;
		c->pcnt = oc->pcnt;
		c->bcnt = oc->bcnt;
		c->store_id = oc->store_id;
	}
	/* rules second, so that jumps can point at the new chains */
	for (size_t i = 0; i < t->n_chains; i++) {
		const struct ut_chain *oc = t->chains[i];
		struct ut_chain *c = n->chains[i];
		for (size_t j = 0; j < oc->n_rules; j++) {
			struct ut_rule *r = ut_rule_clone(oc->rules[j]);
			if (!r)
				goto fail;
			if (r->chain)
				r->chain = n->chains[r->chain->idx];
			if (ut_chain_insert(c, c->n_rules, r) < 0) {
				ut_rule_free(r);
				goto fail;
			}
		}
	}
	return n;
fail:
	ut_table_free(n);
	return NULL;
}

/* ---- the reachability graph --------------------------------------------- */

/* Both walks below are iterative, with an explicit stack: user chains
 * nested 100,000 deep are legal (the kernel's mark_source_chains walks
 * them without recursion too) and must not overflow the C stack. Each
 * costs O(chains + rules) per walk. */

/* rule_next_chain: the chain rule r jumps or goes to, or NULL */
static const struct ut_chain *
rule_next_chain(const struct ut_rule *r)
{
	return r->verdict == UT_V_JUMP || r->verdict == UT_V_GOTO ?
	       r->chain : NULL;
}

enum { VISIT_NONE = 0, VISIT_ACTIVE, VISIT_DONE };

/* A frame of the loop search: chain idx, and the next rule to follow. */
struct loop_frame {
	size_t chain, rule;
};

/* loop_from: depth-first search for a cycle through jumps and gotos from
 * chain root. state[] (per chain) persists across roots; stack has room
 * for every chain (a chain is on it at most once: VISIT_ACTIVE). */
static bool
loop_from(const struct ut_table *t, size_t root, unsigned char *state,
	  struct loop_frame *stack)
{
	size_t depth = 0;

	if (state[root] != VISIT_NONE)
		return false;
	state[root] = VISIT_ACTIVE;
	stack[depth++] = (struct loop_frame){ root, 0 };
	while (depth) {
		struct loop_frame *f = &stack[depth - 1];
		const struct ut_chain *c = t->chains[f->chain];
		const struct ut_chain *next;

		if (f->rule == c->n_rules) {
			state[f->chain] = VISIT_DONE;
			depth--;
			continue;
		}
		next = rule_next_chain(c->rules[f->rule++]);
		if (!next || state[next->idx] == VISIT_DONE)
			continue;
		if (state[next->idx] == VISIT_ACTIVE)
			return true;
		state[next->idx] = VISIT_ACTIVE;
		stack[depth++] = (struct loop_frame){ next->idx, 0 };
	}
	return false;
}

int
ut_table_check_loops(const struct ut_table *t)
{
	unsigned char *state = calloc(t->n_chains + 1, 1);
	struct loop_frame *stack = calloc(t->n_chains + 1, sizeof(*stack));
	int ret = 0;

	if (!state || !stack)
		ret = -1;
	/* like the kernel's mark_source_chains: only what a hook reaches */
	for (size_t i = 0; i < t->n_builtin && ret == 0; i++)
		if (loop_from(t, i, state, stack))
			ret = -1;
	free(stack);
	free(state);
	return ret;
}

/* hooks_from: add hook mask hm to chain root and everything it reaches.
 * A chain goes on the work list only when its mask grows, so each chain
 * is expanded at most once per hook. */
static int
hooks_from(const struct ut_table *t, size_t root, unsigned hm,
	   unsigned *masks)
{
	size_t *work = malloc((t->n_chains + 1) * sizeof(*work)), n = 0;

	if (!work)
		return -1;
	masks[root] |= hm;
	work[n++] = root;
	while (n) {
		const struct ut_chain *c = t->chains[work[--n]];

		for (size_t j = 0; j < c->n_rules; j++) {
			const struct ut_chain *next =
				rule_next_chain(c->rules[j]);

			if (!next || (masks[next->idx] & hm) == hm)
				continue;
			masks[next->idx] |= hm;
			work[n++] = next->idx;
		}
	}
	free(work);
	return 0;
}

/* table_hook_masks: per chain, the hooks it is reachable from. Caller
 * frees; NULL on allocation failure. */
static unsigned *
table_hook_masks(const struct ut_table *t)
{
	unsigned *masks = calloc(t->n_chains + 1, sizeof(*masks));

	if (!masks)
		return NULL;
	for (size_t i = 0; i < t->n_builtin; i++)
		if (hooks_from(t, i, UT_HM(t->chains[i]->hook), masks) < 0) {
			free(masks);
			return NULL;
		}
	return masks;
}

unsigned
ut_table_chain_hooks(const struct ut_table *t, const struct ut_chain *c)
{
	unsigned *masks = table_hook_masks(t), m = 0;

	if (masks) {
		m = masks[c->idx];
		free(masks);
	}
	return m;
}

/* ---- commit-time checks (the kernel's checkentry path) ------------------ */

static void
hooks_text(unsigned mask, struct ut_buf *out)
{
	bool first = true;

	for (int h = 0; h < UT_HOOK_MAX; h++)
		if (mask & UT_HM(h)) {
			ut_buf_printf(out, "%s%s", first ? "" : "/",
				      hook_names[h]);
			first = false;
		}
}

/* xt_generic_check: xt_check_match/xt_check_target's table, hook and
 * protocol restrictions, with the kernel's log lines. */
static int
xt_generic_check(const struct ut_ext *ext, const struct ut_kcheck *kc)
{
	const char *what = ext->kind == UT_EXT_MATCH ? "match" : "target";
	const char *name = ext->real_name ? ext->real_name : ext->name;

	if (ext->table && strcmp(ext->table, kc->table) != 0) {
		ut_buf_printf(kc->dmesg, "x_tables: ip_tables: %s %s: only "
			      "valid in %s table, not %s", name, what,
			      ext->table, kc->table);
		return -EINVAL;
	}
	if (ext->hooks && (kc->hook_mask & ~ext->hooks)) {
		ut_buf_printf(kc->dmesg, "x_tables: ip_tables: %s %s: used "
			      "from hooks ", name, what);
		hooks_text(kc->hook_mask, kc->dmesg);
		ut_buf_printf(kc->dmesg, ", but only %s from ",
			      ext->kind == UT_EXT_MATCH ? "valid" : "usable");
		hooks_text(ext->hooks, kc->dmesg);
		return -EINVAL;
	}
	if (ext->proto && (ext->proto != kc->ip->proto ||
			   (kc->ip->invflags & UT_INV_PROTO))) {
		ut_buf_printf(kc->dmesg, "x_tables: ip_tables: %s %s: only "
			      "valid for protocol %u", name, what,
			      ext->proto);
		return -EINVAL;
	}
	return ext->kcheck ? ext->kcheck(kc) : 0;
}

static int
rule_check(const struct ut_table *t, const struct ut_rule *r, unsigned hm,
	   struct ut_err *err)
{
	struct ut_buf dmesg;
	struct ut_kcheck kc = { .table = t->name, .hook_mask = hm,
				.ip = &r->ip, .dmesg = &dmesg };
	int ret = 0;

	ut_buf_init(&dmesg);
	for (size_t i = 0; i < r->n_matches && ret == 0; i++) {
		kc.data = r->matches[i].data;
		ret = xt_generic_check(r->matches[i].ext, &kc);
	}
	if (ret == 0 && r->verdict == UT_V_EXT) {
		kc.data = r->target.data;
		ret = xt_generic_check(r->target.ext, &kc);
	}
	if (ret < 0) {
		ut_err_iptc(err, -ret, NULL);
		/* shown where iptables says "Run `dmesg'", i.e. for EINVAL */
		if (ret == -EINVAL)
			snprintf(err->dmesg, sizeof(err->dmesg), "%s",
				 ut_buf_str(&dmesg));
	}
	ut_buf_fini(&dmesg);
	return ret < 0 ? -1 : 0;
}

int
ut_table_validate(const struct ut_table *t, struct ut_err *err)
{
	unsigned *masks;
	int ret = 0;

	if (ut_table_check_loops(t) < 0)
		return ut_err_iptc(err, ELOOP, NULL);
	masks = table_hook_masks(t);
	if (!masks)
		return ut_err_iptc(err, ENOMEM, NULL);
	for (size_t i = 0; i < t->n_chains && ret == 0; i++)
		for (size_t j = 0; j < t->chains[i]->n_rules && ret == 0; j++)
			ret = rule_check(t, t->chains[i]->rules[j], masks[i],
					 err);
	free(masks);
	return ret;
}

int
ut_table_check_rule(const struct ut_table *t, const struct ut_chain *c,
		    const struct ut_rule *r, struct ut_err *err)
{
	unsigned *masks = table_hook_masks(t);
	int ret;

	if (!masks)
		return ut_err_iptc(err, ENOMEM, NULL);
	ret = rule_check(t, r, masks[c->idx], err);
	free(masks);
	return ret;
}

/* ---- the rule set ----------------------------------------------------------- */

struct ut_ruleset *
ut_ruleset_new(void)
{
	return calloc(1, sizeof(struct ut_ruleset));
}

void
ut_ruleset_free(struct ut_ruleset *rs)
{
	if (!rs)
		return;
	for (int i = 0; i < UT_TABLE_MAX; i++)
		ut_table_free(rs->tables[i]);
	free(rs);
}

struct ut_ruleset *
ut_ruleset_clone(const struct ut_ruleset *rs)
{
	struct ut_ruleset *n = ut_ruleset_new();

	if (!n)
		return NULL;
	memcpy(n->order, rs->order, sizeof(n->order));
	n->n_order = rs->n_order;
	for (int i = 0; i < UT_TABLE_MAX; i++)
		if (rs->tables[i] &&
		    !(n->tables[i] = ut_table_clone(rs->tables[i]))) {
			ut_ruleset_free(n);
			return NULL;
		}
	return n;
}

struct ut_table *
ut_ruleset_table(struct ut_ruleset *rs, enum ut_table_id id)
{
	return rs->tables[id];
}

/* ruleset_order_add: make id the newest table (the kernel lists the most
 * recently registered table first). */
static void
ruleset_order_add(struct ut_ruleset *rs, enum ut_table_id id)
{
	for (size_t i = 0; i < rs->n_order; i++)
		if (rs->order[i] == id)
			return;
	memmove(&rs->order[1], &rs->order[0],
		rs->n_order * sizeof(rs->order[0]));
	rs->order[0] = id;
	rs->n_order++;
}

struct ut_table *
ut_ruleset_table_get(struct ut_ruleset *rs, enum ut_table_id id)
{
	if (!rs->tables[id]) {
		rs->tables[id] = ut_table_new(id);
		if (!rs->tables[id])
			return NULL;
		ruleset_order_add(rs, id);
	}
	return rs->tables[id];
}

void
ut_ruleset_table_replace(struct ut_ruleset *rs, struct ut_table *t)
{
	if (rs->tables[t->id] != t)
		ut_table_free(rs->tables[t->id]);
	rs->tables[t->id] = t;
	ruleset_order_add(rs, t->id);
}

struct ut_counter
ut_counter_get(const struct ut_counter_src *src, const struct ut_chain *c,
	       size_t idx)
{
	struct ut_counter n;

	if (src)
		return src->get(src->ctx, c, idx);
	if (idx == c->n_rules) {
		n.pcnt = c->pcnt;
		n.bcnt = c->bcnt;
	} else {
		n.pcnt = c->rules[idx]->pcnt;
		n.bcnt = c->rules[idx]->bcnt;
	}
	return n;
}
