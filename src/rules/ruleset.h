/* ruleset.h: the rule-set IR (tables, chains, rules) shared by the CLI,
 * the printers and (later) the packet engine.
 *
 * The IR mirrors what iptables-legacy hands to the kernel: an IPv4 header
 * part (struct ut_ipt_ip, like struct ipt_ip), an ordered list of match
 * instances and one target. Every extension instance owns a zeroed blob of
 * ext->size bytes that its parse callback fills; after parsing it is
 * immutable and ext->cmp_size bytes of it decide equality (-C, -D).
 */
#ifndef UT_RULES_RULESET_H
#define UT_RULES_RULESET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "utables/utables.h"

#define UT_IFNAMSIZ 16
#define UT_CHAIN_MAXNAMELEN 29 /* XT_EXTENSION_MAXNAMELEN - 1 + NUL: 29 */
#define UT_TABLE_MAXNAMELEN 32

/* ipt_ip flags and invflags, same values as linux/netfilter_ipv4/ip_tables.h */
enum {
	UT_IPT_F_FRAG = 0x01,
	UT_IPT_F_GOTO = 0x02,
};
enum {
	UT_INV_VIA_IN = 0x01,
	UT_INV_VIA_OUT = 0x02,
	UT_INV_TOS = 0x04,
	UT_INV_SRCIP = 0x08,
	UT_INV_DSTIP = 0x10,
	UT_INV_FRAG = 0x20,
	UT_INV_PROTO = 0x40,
};

/* Netfilter hooks (NF_INET_*), and masks of them. */
enum ut_hook {
	UT_HOOK_PRE_ROUTING = 0,
	UT_HOOK_LOCAL_IN,
	UT_HOOK_FORWARD,
	UT_HOOK_LOCAL_OUT,
	UT_HOOK_POST_ROUTING,
	UT_HOOK_MAX,
};
#define UT_HM(h) (1u << (h))
#define UT_HM_PRE UT_HM(UT_HOOK_PRE_ROUTING)
#define UT_HM_IN UT_HM(UT_HOOK_LOCAL_IN)
#define UT_HM_FWD UT_HM(UT_HOOK_FORWARD)
#define UT_HM_OUT UT_HM(UT_HOOK_LOCAL_OUT)
#define UT_HM_POST UT_HM(UT_HOOK_POST_ROUTING)

/* The IPv4 part of a rule (struct ipt_ip). Addresses in network order. */
struct ut_ipt_ip {
	uint32_t src, dst;   /* network order */
	uint32_t smsk, dmsk; /* network order */
	char iniface[UT_IFNAMSIZ], outiface[UT_IFNAMSIZ];
	/* the interface names end in '+' (prefix match) */
	bool iniface_wild, outiface_wild;
	uint16_t proto;      /* 0 = all */
	uint8_t flags;       /* UT_IPT_F_* */
	uint8_t invflags;    /* UT_INV_* */
};

struct ut_ext;
struct ut_chain;

/* a packet and byte count: a rule's, or a chain policy's */
struct ut_counter {
	uint64_t pcnt, bcnt;
};

/* Where printers read counters: a rule set's own (the CLI's state file:
 * ut_rule.pcnt, ut_chain.pcnt) or an engine's (`run`: the engine owns
 * the counters of the rules it evaluates). */
struct ut_counter_src {
	/* the counters of rule idx of chain c (idx == n_rules: policy) */
	struct ut_counter (*get)(const void *ctx, const struct ut_chain *c,
				 size_t idx);
	const void *ctx;
};

/* One match or target instance. */
struct ut_xt {
	const struct ut_ext *ext;
	void *data; /* ext->size bytes, owned */
};

/* What a rule does when it matches. */
enum ut_verdict_kind {
	UT_V_NONE = 0,   /* no -j: fall through (counters only) */
	UT_V_ACCEPT,
	UT_V_DROP,
	UT_V_QUEUE,
	UT_V_RETURN,
	UT_V_JUMP,       /* to the user chain `chain` (-j) */
	UT_V_GOTO,       /* to the user chain `chain` (-g) */
	UT_V_EXT,        /* extension target in `target` */
};

struct ut_rule {
	struct ut_ipt_ip ip;
	struct ut_xt *matches; /* n_matches, in command-line order */
	size_t n_matches;
	enum ut_verdict_kind verdict;
	struct ut_xt target;     /* UT_V_EXT only */
	struct ut_chain *chain;  /* UT_V_JUMP/UT_V_GOTO: target chain (borrowed) */
	uint64_t pcnt, bcnt;
	/* the state store's key of this rule in its chain (0: not stored);
	 * copied by clones, never compared: src/store writes only the rules
	 * whose key is new or gone */
	int64_t store_pos;
};

struct ut_chain {
	char name[UT_CHAIN_MAXNAMELEN + 1];
	int hook;                /* enum ut_hook for built-in chains, -1 user */
	enum ut_verdict_kind policy; /* built-ins: ACCEPT or DROP */
	uint64_t pcnt, bcnt;     /* policy counters */
	struct ut_rule **rules;
	size_t n_rules, cap_rules;
	unsigned refs;           /* rules jumping/going here */
	int64_t store_id;        /* the state store's chain id (0: not stored) */
	size_t idx;              /* position in its table's chains[] */
};

enum ut_table_id {
	UT_TABLE_FILTER = 0,
	UT_TABLE_NAT,
	UT_TABLE_MANGLE,
	UT_TABLE_RAW,
	UT_TABLE_SECURITY,
	UT_TABLE_MAX,
};

struct ut_table {
	enum ut_table_id id;
	const char *name;
	unsigned hooks;          /* valid hooks (UT_HM_*) */
	/* built-in chains first in hook order, then user chains sorted by
	 * name (the order libiptc keeps and iptables-save prints); the
	 * order makes a name lookup a binary search, and each chain knows
	 * its index (ut_chain.idx) */
	struct ut_chain **chains;
	size_t n_chains, cap_chains;
	size_t n_builtin;        /* chains[0..n_builtin) are the built-ins */
};

/* The whole rule set. Tables exist once something created them; order[]
 * holds them newest first, as /proc/net/ip_tables_names lists them. */
struct ut_ruleset {
	struct ut_table *tables[UT_TABLE_MAX];
	enum ut_table_id order[UT_TABLE_MAX];
	size_t n_order;
};

/* Static description of a table (name, hooks). NULL if unknown name. */
struct ut_table_desc {
	enum ut_table_id id;
	const char *name;
	unsigned hooks;
};
const struct ut_table_desc *ut_table_desc_by_name(const char *name);
const struct ut_table_desc *ut_table_desc_by_id(enum ut_table_id id);
const char *ut_hook_name(int hook); /* "PREROUTING", ... */

struct ut_ruleset *ut_ruleset_new(void);
void ut_ruleset_free(struct ut_ruleset *rs);
/* ut_ruleset_clone: deep copy; NULL on allocation failure. */
struct ut_ruleset *ut_ruleset_clone(const struct ut_ruleset *rs);
/* ut_ruleset_table: the table, NULL if it does not exist yet. */
struct ut_table *ut_ruleset_table(struct ut_ruleset *rs, enum ut_table_id id);
/* ut_ruleset_table_get: the table, creating it (empty, ACCEPT policies)
 * when missing. NULL only on allocation failure. */
struct ut_table *ut_ruleset_table_get(struct ut_ruleset *rs,
				      enum ut_table_id id);
/* ut_ruleset_table_replace: put t in place of table t->id (freeing the
 * old one); keeps its place in order[] or makes it the newest. */
void ut_ruleset_table_replace(struct ut_ruleset *rs, struct ut_table *t);

struct ut_table *ut_table_new(enum ut_table_id id);
void ut_table_free(struct ut_table *t);
struct ut_table *ut_table_clone(const struct ut_table *t);
/* ut_table_chain: the chain called name, NULL if none (O(log chains)). */
struct ut_chain *ut_table_chain(const struct ut_table *t, const char *name);
/* ut_table_chain_add: new user chain (caller checked name and absence). */
struct ut_chain *ut_table_chain_add(struct ut_table *t, const char *name);
/* ut_table_chain_del: remove and free the user chain (refs must be 0). */
void ut_table_chain_del(struct ut_table *t, struct ut_chain *c);
/* ut_table_chains_del: remove and free every user chain c for which
 * doomed[c->idx] is set (their refs must be 0), in one pass. */
void ut_table_chains_del(struct ut_table *t, const bool *doomed);
/* ut_table_chain_rename: rename and keep the sorted order. */
void ut_table_chain_rename(struct ut_table *t, struct ut_chain *c,
			   const char *name);
/* ut_table_check_loops: 0, or -1 if a jump/goto cycle exists (or on
 * allocation failure). Iterative: any nesting depth. */
int ut_table_check_loops(const struct ut_table *t);
/* ut_chain_hooks: mask of the hooks from which chain c can be reached. */
unsigned ut_table_chain_hooks(const struct ut_table *t,
			      const struct ut_chain *c);

struct ut_rule *ut_rule_new(void);
void ut_rule_free(struct ut_rule *r);
struct ut_rule *ut_rule_clone(const struct ut_rule *r);
/* ut_rule_add_match: append an instance of ext (zeroed data); NULL on OOM */
struct ut_xt *ut_rule_add_match(struct ut_rule *r, const struct ut_ext *ext);
/* ut_rule_equal: same rule as iptables -C/-D compare them (counters and
 * the chain pointer identity of jumps by name). */
bool ut_rule_equal(const struct ut_rule *a, const struct ut_rule *b);

/* ut_counter_get: the counters of rule idx of c (idx == c->n_rules: the
 * chain's policy) from src, or the rule set's own when src is NULL. The
 * one way printers (-L -v, -S -c, iptables-save -c, run's counters) read
 * them. */
struct ut_counter ut_counter_get(const struct ut_counter_src *src,
				 const struct ut_chain *c, size_t idx);

/* Insert r at position pos (0-based, pos <= n_rules); takes ownership.
 * Updates the target chain's refs. -1 on allocation failure. */
int ut_chain_insert(struct ut_chain *c, size_t pos, struct ut_rule *r);
/* Remove and free the rule at pos. */
void ut_chain_delete(struct ut_chain *c, size_t pos);
/* Replace the rule at pos by r (takes ownership, frees the old one). */
void ut_chain_replace(struct ut_chain *c, size_t pos, struct ut_rule *r);
void ut_chain_flush(struct ut_chain *c);
void ut_chain_zero(struct ut_chain *c);

/* ut_ruleset_validate: what the kernel's translate_table checks at commit
 * of table t: loops (-ELOOP) and each match/target's checkentry in every
 * hook the rule is reachable from. 0 or -1 with err filled. */
int ut_table_validate(const struct ut_table *t, struct ut_err *err);
/* ut_table_check_rule: the checkentry part of ut_table_validate for one
 * rule r about to join chain c (jumping to no chain: it changes neither
 * loops nor any chain's hooks), in the hooks c is reachable from. */
int ut_table_check_rule(const struct ut_table *t, const struct ut_chain *c,
			const struct ut_rule *r, struct ut_err *err);

#endif
