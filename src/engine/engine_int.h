/* engine_int.h: the engine object, shared by engine.c (services), table.c
 * (ipt_do_table) and path.c (the hooks). Not for extensions: they use the
 * functions of engine.h. */
#ifndef UT_ENGINE_ENGINE_INT_H
#define UT_ENGINE_ENGINE_INT_H

#include "engine/clock.h"
#include "engine/engine.h"
#include "engine/hook.h"

struct ut_frag_queue;
struct ut_neigh_table;
struct ut_neigh_parms;
struct ut_shared;
struct ut_ct_net;
struct ut_nat;

/* the source/destination tests of a chain's rules packed in one array:
 * the walk rejects most rules on them without touching the rule (view.c;
 * built once per engine, the rule set must not change meanwhile) */
struct ut_addr_view {
	uint32_t src, smsk, dst, dmsk;
	uint8_t invflags;
};

/* the engine's view of one chain (view.c) */
struct ut_chain_view {
	const struct ut_chain *chain;   /* NULL: empty slot */
	struct ut_addr_view *addrs;     /* chain->n_rules entries */
	uint32_t first_id;              /* rule id of rules[0]; the tail
					 * entry is first_id + n_rules */
	/* the chain's compiled classifier (owned), NULL: the linear walk
	 * (ut_engine_classifier) */
	struct ut_cls *cls;
};

struct ut_engine {
	const struct ut_ruleset *rs;   /* borrowed, never changed */
	const struct ut_host *host;    /* borrowed */
	struct ut_engine_sink sink;
	struct ut_engine_stats stats;
	bool trace_all;
	bool explain;          /* steps and walks to the sink, no nf_trace */
	/* the hook lists, in priority order (hook.c) */
	struct ut_hook_list hooks[UT_HOOK_MAX];
	/* clock: the current packet's time; jiffies count from the first
	 * (clock.c), and the timers due on it */
	uint64_t now_ns;
	uint64_t first_ns;
	uint64_t ticks;       /* jiffies since first_ns (clock.c) */
	bool clock_started;
	struct ut_timerq timers;
	/* per rule id (view.c): counters and the extensions' runtime
	 * states (NULL for a rule without any) */
	struct ut_counter *counters;
	void ***states;
	size_t n_ids;
	/* named objects shared by rules (ut_engine_shared_get) */
	struct ut_shared *shared;
	struct ut_icmp_state *icmp;
	/* IP reassembly queues (ip_defrag before local delivery) */
	/* the jump stacks of the ipt_do_table calls under way (a target's
	 * packet runs tables again): each call holds its table's chain
	 * count of frames from jumps_top on (table.c) */
	void *jumps;
	size_t jumps_top, jumps_cap;
	/* the reassembly queues (frag.c), hashed by their key */
	struct ut_frag_queue **frag_buckets;
	size_t frag_nbuckets, n_frags;
	size_t frag_mem;           /* bytes charged to the queues */
	/* neighbours the host resolves itself (neigh.c) */
	struct ut_neigh_table *neighs;
	struct ut_neigh_parms *neigh_parms;  /* per device (reachable_time) */
	/* nesting of packets built while handling another (REJECT from
	 * OUTPUT from REJECT ...): the kernel bounds it by its own checks
	 * (no error for an error); we also bound the depth */
	unsigned depth;
	/* a TEE copy is on its way out (nf_dup_ipv4's per-cpu
	 * nf_skb_duplicated): TEE does not copy again meanwhile */
	bool dup_active;
	/* the IP ID counter for packets the host builds without one */
	uint16_t ip_id;
	/* connection tracking and NAT (NULL when the rule set needs
	 * neither: src/conntrack, src/nat) */
	struct ut_ct_net *ct;
	struct ut_nat *nat;
	/* side effects outside the packets (CLASSIFY's priority, IDLETIMER,
	 * LED, TEE copies), counted by text for `run --json` (sink.c) */
	struct ut_engine_note *notes;
	size_t n_notes, cap_notes;
	/* NFLOG's listeners, one pcap per group (nfulog.c) */
	struct ut_nfulog_group *nflog;
	size_t n_nflog;
	/* net_ratelimit_state: the one limiter of net_*_ratelimited
	 * messages (sink.c) */
	struct {
		bool started;
		unsigned long begin;     /* jiffies the interval began */
		unsigned left, missed;
	} net_rl;
	/* the seeded generator for what the kernel draws at random, and
	 * its seed */
	uint64_t rng, seed;
	/* the syncookie keys drawn from the seed (syncookie.c), when the
	 * HOST gives none */
	bool syncookie_ready;
	uint64_t syncookie_key[2][2];
	/* the host's own stack and its sockets (stack.c) */
	struct ut_stack *stack;
	/* the chains' classifiers: what they hold and how long they took
	 * to build (ut_engine_classifier) */
	bool compiled;
	size_t cls_memory;
	uint64_t cls_build_ns;
	/* open-addressing map chain -> its view (view.c) */
	struct ut_chain_view *views;
	size_t cap_views;
};

/* view.c: the views of every chain of rs, rule ids, counters and the
 * extensions' states; -1 with err (out of memory, a state_new failed) */
int ut_view_build(struct ut_engine *e, struct ut_err *err);
void ut_view_free(struct ut_engine *e);
/* view.c: build (compiled) or free (linear) every chain's classifier;
 * -1 with err on allocation failure (then every view is linear) */
int ut_view_classifier(struct ut_engine *e, bool compiled,
		       struct ut_err *err);
/* ut_view_chain: the view of chain c of the engine's rule set */
const struct ut_chain_view *ut_view_chain(const struct ut_engine *e,
					  const struct ut_chain *c);

/* table.c: ipt_do_table: run p through the built-in chain of t at hook
 * (in/out: the hook's devices). Returns the verdict (UT_NF_ACCEPT,
 * UT_NF_DROP, UT_NF_STOLEN or a UT_NF_QUEUE value); counters are
 * updated; TRACE lines are emitted for traced packets. A table without a
 * chain at hook accepts. */
unsigned ut_table_run(struct ut_engine *e, const struct ut_table *t,
		      enum ut_hook hook, struct ut_pkt *p,
		      const struct ut_iface *in, const struct ut_iface *out);

/* shared.c */
void ut_shared_free_all(struct ut_engine *e);
int ut_shared_outputs(const struct ut_engine *e, ut_output_fn fn, void *ctx,
		      struct ut_err *err);

/* sink.c: the side effects' counts */
struct ut_engine_note {
	char *text;
	unsigned long count;
};
void ut_engine_notes_free(struct ut_engine *e);

/* nfulog.c: the groups' pcaps as DIR/nflog-GROUP.pcap */
struct ut_nfulog_group;
int ut_nfulog_outputs(const struct ut_engine *e, ut_output_fn fn, void *ctx,
		      struct ut_err *err);
void ut_nfulog_free(struct ut_engine *e);

/* engine.c */
void ut_engine_step(struct ut_engine *e, const struct ut_pkt *p,
		    const char *text);

/* sink.c: an entry of a table's walk to the sink, when explaining */
bool ut_engine_explaining(const struct ut_engine *e);
void ut_engine_rule(struct ut_engine *e, const struct ut_pkt *p,
		    const struct ut_trace_rule *r);

/* sink.c: push the Ethernet header and hand the frame to the sink */
void ut_sink_tx(struct ut_engine *e, struct ut_pkt *p,
		const struct ut_iface *dev, const uint8_t dst[6],
		uint16_t ethertype);

/* arp.c */
/* ut_arp_solicit: an ARP request for target on dev, now, broadcast or
 * to the MAC unicast (non-NULL); p: the newest packet waiting for it
 * (its source may be the sender address), or NULL */
void ut_arp_solicit(struct ut_engine *e, const struct ut_pkt *p,
		    const struct ut_iface *dev, uint32_t target,
		    const uint8_t *unicast);
/* ut_arp_rcv: an ARP message arrived on dev (to_us: sent to our MAC;
 * mac its MAC header): answer requests for us, update the neighbour
 * table */
void ut_arp_rcv(struct ut_engine *e, const struct ut_iface *dev,
		uint64_t tstamp_ns, unsigned long number, bool to_us,
		const uint8_t *mac, const uint8_t *arp, size_t len);
/* ut_log_martian: ip_handle_martian_source and martian_destination, the
 * lines an input route's martian drop prints when log_martians is on for
 * dev (net_ratelimit()ed; a source's followed by the MAC header, mac,
 * as print_hex_dump shows it; mac NULL: none). Addresses network order. */
void ut_log_martian(struct ut_engine *e, const struct ut_iface *dev,
		    const uint8_t *mac, uint32_t daddr, uint32_t saddr,
		    enum ut_martian kind);

/* neigh.c: next hops HOST does not list (the kernel's neighbour state
 * machine: queue, ARP retries on the timer queue, host unreachable) */
/* ut_neigh_resolve: true with mac filled when nexthop on dev has a
 * usable learned address; false when the state machine took p (it waits
 * for the address, or was dropped) */
bool ut_neigh_resolve(struct ut_engine *e, struct ut_pkt *p,
		      const struct ut_iface *dev, uint32_t nexthop,
		      uint8_t mac[6]);
/* ut_neigh_arp_update: an ARP message from ip/mac on dev (arp_process's
 * neigh_update): reachable for a unicast reply, else stale; create: a
 * request for our address (neigh_event_ns), else only an existing entry
 * learns. Packets that waited for the address leave. */
void ut_neigh_arp_update(struct ut_engine *e, const struct ut_iface *dev,
			 uint32_t ip, const uint8_t mac[6], bool reachable,
			 bool create);
/* ut_neigh_truesize: the skb->truesize charged to a resolving entry's
 * queue for p (unres_qlen_bytes) */
size_t ut_neigh_truesize(const struct ut_pkt *p);
void ut_neigh_free_all(struct ut_engine *e);
/* ut_neigh_host_entries: HOST's non-permanent neighbours into the state
 * machine (when the clock starts) */
void ut_neigh_host_entries(struct ut_engine *e);

/* frag.c: ip_defrag, with the kernel's queues per user */
/* ut_path_defrag: nf_defrag_ipv4's (conntrack, before routing: an expired
 * queue answers only for a datagram to the host itself). NULL while the
 * datagram is incomplete (p is kept or freed), else the whole datagram
 * (p itself if it was not a fragment) */
struct ut_pkt *ut_path_defrag(struct ut_engine *e, struct ut_pkt *p);
/* ut_path_defrag_local: the same for ip_local_deliver (IP_DEFRAG_LOCAL_
 * DELIVER: an expired queue always answers) */
struct ut_pkt *ut_path_defrag_local(struct ut_engine *e, struct ut_pkt *p);
void ut_path_frags_free(struct ut_engine *e);

#endif
