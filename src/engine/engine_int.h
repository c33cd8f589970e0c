/* engine_int.h: the engine object, shared by engine.c (services), table.c
 * (ipt_do_table) and path.c (the hooks). Not for extensions: they use the
 * functions of engine.h. */
#ifndef UT_ENGINE_ENGINE_INT_H
#define UT_ENGINE_ENGINE_INT_H

#include "engine/engine.h"

struct ut_frag_queue;

/* the source/destination tests of a chain's rules packed in one array:
 * the walk rejects most rules on them without touching the rule (table.c;
 * built once per engine, the rule set must not change meanwhile) */
struct ut_addr_view {
	uint32_t src, smsk, dst, dmsk;
	uint8_t invflags;
};

struct ut_chain_view {
	const struct ut_chain *chain;   /* NULL: empty slot */
	struct ut_addr_view *addrs;     /* chain->n_rules entries */
};

/* a neighbour the host asked for (ARP request sent, no answer modelled) */
struct ut_pending_neigh {
	uint32_t ip;
	const struct ut_iface *dev;
};

struct ut_engine {
	struct ut_ruleset *rs;
	const struct ut_host *host;
	struct ut_engine_sink sink;
	struct ut_engine_stats stats;
	bool trace_all;
	/* clock: the current packet's time; jiffies count from the first */
	uint64_t now_ns;
	uint64_t first_ns;
	bool clock_started;
	struct ut_icmp_state *icmp;
	/* IP reassembly queues (ip_defrag before local delivery) */
	struct ut_frag_queue *frags;
	size_t frag_mem;           /* bytes charged to the queues */
	/* neighbours already solicited */
	struct ut_pending_neigh *pending;
	size_t n_pending, cap_pending;
	/* nesting of packets built while handling another (REJECT from
	 * OUTPUT from REJECT ...): the kernel bounds it by its own checks
	 * (no error for an error); we also bound the depth */
	unsigned depth;
	/* the IP ID counter for packets the host builds without one */
	uint16_t ip_id;
	/* open-addressing map chain -> packed addresses (table.c) */
	struct ut_chain_view *views;
	size_t cap_views;
};

/* table.c: the packed views of every chain of rs; -1 out of memory */
int ut_table_views_build(struct ut_engine *e);
void ut_table_views_free(struct ut_engine *e);

/* engine.c */
void ut_engine_set_time(struct ut_engine *e, uint64_t tstamp_ns);
void ut_engine_step(struct ut_engine *e, const struct ut_pkt *p,
		    const char *text);

/* path.c: push the Ethernet header and hand the frame to the sink */
void ut_path_tx(struct ut_engine *e, struct ut_pkt *p,
		const struct ut_iface *dev, const uint8_t dst[6],
		uint16_t ethertype);

/* arp.c */
/* ut_arp_solicit: the ARP request for nexthop on dev, once per neighbour */
void ut_arp_solicit(struct ut_engine *e, const struct ut_pkt *p,
		    const struct ut_iface *dev, uint32_t nexthop);
/* ut_arp_rcv: an ARP message arrived on dev: answer requests for us */
void ut_arp_rcv(struct ut_engine *e, const struct ut_iface *dev,
		uint64_t tstamp_ns, unsigned long number, const uint8_t *arp,
		size_t len);

/* frag.c: ip_defrag before local delivery */
/* ut_path_defrag: NULL while the datagram is incomplete (p is kept or
 * freed), else the whole datagram (p itself if it was not a fragment) */
struct ut_pkt *ut_path_defrag(struct ut_engine *e, struct ut_pkt *p);
void ut_path_frags_free(struct ut_engine *e);

#endif
