/* engine.h: the packet engine: a rule set and a host, packets in, frames,
 * local deliveries and log lines out (through a sink the caller gives).
 *
 * The walk itself is in path.c (read it top to bottom: arrival, PREROUTING,
 * routing, INPUT | FORWARD, OUTPUT, POSTROUTING, transmit); at each hook
 * it runs the hook's entries (hook.h), among them the tables, evaluated
 * by table.c with ipt_do_table's semantics. Extensions
 * evaluate packets through ext->match / ext->target with a struct
 * ut_xt_par, the userspace xt_action_param.
 *
 * Everything is deterministic: time is the packet's timestamp, converted
 * to jiffies with the host's HZ.
 */
#ifndef UT_ENGINE_ENGINE_H
#define UT_ENGINE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "host/host.h"
#include "engine/clock.h"
#include "engine/pkt.h"
#include "rules/ruleset.h"

/* Verdicts (the kernel's values: NF_DROP 0, NF_ACCEPT 1, NF_STOLEN 2,
 * NF_QUEUE 3 with the queue number in the upper 16 bits and the bypass
 * flag, XT_CONTINUE, XT_RETURN). */
#define UT_NF_DROP 0u
#define UT_NF_ACCEPT 1u
#define UT_NF_STOLEN 2u
#define UT_NF_QUEUE 3u
#define UT_NF_VERDICT_MASK 0x000000ffu
#define UT_NF_VERDICT_FLAG_QUEUE_BYPASS 0x00008000u
#define UT_NF_QUEUE_NR(x) ((((uint32_t)(x)) << 16) | UT_NF_QUEUE)
#define UT_XT_CONTINUE 0xffffffffu
#define UT_XT_RETURN 0xfffffffbu  /* -NF_REPEAT - 1 */

struct ut_engine;

/* What an extension sees when it evaluates a packet (xt_action_param). */
struct ut_xt_par {
	struct ut_engine *eng;
	struct ut_pkt *pkt;
	const struct ut_iface *in, *out; /* hook devices (NULL if none) */
	enum ut_hook hook;
	const char *table;       /* "filter", ... */
	const void *data;        /* the instance's blob (matchinfo/targinfo) */
	void *state;             /* its runtime state (ext->state_new), or
				  * NULL */
	uint16_t fragoff;        /* fragment offset in 8-byte units */
	unsigned thoff;          /* offset of the transport header from ip */
	bool hotdrop;            /* a match sets it: drop now */
};

/* A table's walk for one packet, rule by rule (`utables trace`, `run
 * --json-packets`): each entry that matched, then where the walk ended
 * and with what verdict. */
struct ut_trace_rule {
	enum ut_hook hook;
	const struct ut_table *table;
	const struct ut_chain *chain;
	size_t idx;            /* the rule's index in chain; chain->n_rules:
				* the chain's tail (the policy of a built-in
				* chain, the return of a user chain) */
	bool end;              /* the walk ends here (verdict, hotdrop) */
	unsigned verdict;      /* with end: the table's answer (UT_NF_*) */
	bool hotdrop;          /* with end: a match of the rule asked for
				* the drop (the verdict is UT_NF_DROP) */
};

/* Where the engine's results go. Every callback is optional. Buffers are
 * only valid during the call. */
struct ut_engine_sink {
	void *ctx;
	/* a frame leaves on dev (Ethernet, with the host's MAC) */
	void (*tx)(void *ctx, const struct ut_iface *dev, uint64_t tstamp_ns,
		   const uint8_t *frame, size_t len);
	/* an IP datagram is delivered to the local stack (after INPUT) */
	void (*local)(void *ctx, uint64_t tstamp_ns, const uint8_t *ip,
		      size_t len);
	/* a kernel log line (LOG, TRACE), without "[time]" and newline */
	void (*log)(void *ctx, const char *line, size_t len);
	/* a connection tracking event, as `conntrack -E` prints it after
	 * the number of the input packet that caused it ("timer" for the
	 * clock); without this callback the engine keeps the events and
	 * gives them with its outputs ("conntrack-events") */
	void (*ct_event)(void *ctx, const char *line, size_t len);
	/* `utables trace`: a step of the packet's path (free text) */
	void (*step)(void *ctx, const struct ut_pkt *p, const char *text);
	/* `utables trace`, `run --json-packets` (ut_engine_explain): an
	 * entry of a table's walk */
	void (*rule)(void *ctx, const struct ut_pkt *p,
		     const struct ut_trace_rule *r);
	/* `utables trace`, `run --json-packets`: p leaves on dev (NULL:
	 * delivered to the local stack), just before tx/local hands its
	 * bytes; without this callback a step "sent on DEV" / "delivered
	 * to the local stack" */
	void (*sent)(void *ctx, const struct ut_pkt *p,
		     const struct ut_iface *dev);
	/* a drop outside of a verdict (p NULL: before a packet was
	 * made); without this callback a step "dropped (NAME): WHY" */
	void (*drop)(void *ctx, const struct ut_pkt *p,
		     enum ut_drop_reason why);
};

struct ut_engine_stats {
	unsigned long rx, tx, local, drops[UT_DROP_MAX];
};

/* ut_engine_unsupported: every rule of rs the engine cannot evaluate (an
 * extension without its eval callback), one line each naming the
 * extension, table, chain and rule number, appended to out (NULL: only
 * counted). Returns how many. */
size_t ut_engine_unsupported(const struct ut_ruleset *rs, struct ut_buf *out);
/* ut_engine_new: an engine over rs and h (both borrowed, must outlive
 * it and stay unchanged: the engine keeps views of the rules; counters
 * and runtime state are the engine's). NULL, with err set, if the rule
 * set uses something the engine cannot evaluate (an extension without
 * eval, a table without what it needs: the message names it). */
struct ut_engine *ut_engine_new(const struct ut_ruleset *rs,
				const struct ut_host *h,
				const struct ut_engine_sink *sink,
				struct ut_err *err);
void ut_engine_free(struct ut_engine *e);
/* ut_engine_classifier: how the tables find the rules that may match:
 * compiled (the default: a classifier per chain, src/classify) or
 * linear (every rule in order, the reference). Same results either way.
 * 0, or -1 with err on allocation failure (the engine is linear then).
 * Call before the first packet. */
int ut_engine_classifier(struct ut_engine *e, bool compiled,
			 struct ut_err *err);
/* ut_engine_compiled: are the classifiers built (not linear) */
bool ut_engine_compiled(const struct ut_engine *e);
/* ut_engine_classifier_stats: bytes held by the classifiers and the time
 * their build took (0 when linear) */
void ut_engine_classifier_stats(const struct ut_engine *e, size_t *memory,
				uint64_t *build_ns);
/* ut_engine_trace_all: mark every packet as traced (nf_trace) from the
 * start of PREROUTING/OUTPUT, for `utables trace` */
void ut_engine_trace_all(struct ut_engine *e, bool on);
/* ut_engine_explain: report every packet's steps and table walks to the
 * sink (step, rule) without marking it traced (`run --json-packets`:
 * no TRACE lines in the log) */
void ut_engine_explain(struct ut_engine *e, bool on);
/* ut_engine_rx: an Ethernet frame arrives on dev at tstamp_ns; number is
 * its position in the input (for messages). */
void ut_engine_rx(struct ut_engine *e, const struct ut_iface *dev,
		  uint64_t tstamp_ns, unsigned long number,
		  const uint8_t *frame, size_t len);
/* ut_engine_prefetch: a hint: frame (Ethernet) will come to
 * ut_engine_rx soon, best after one or two other frames. The engine
 * starts loading what that packet will need (its connection's hash
 * bucket now, the entry behind it when the current frame is done) so
 * that it does not wait for memory then. Changes nothing but the
 * cache. */
void ut_engine_prefetch(struct ut_engine *e, const uint8_t *frame,
			size_t len);
/* ut_engine_local_out: the host sends an IPv4 datagram (raw socket of
 * root: header included, as given). */
void ut_engine_local_out(struct ut_engine *e, uint64_t tstamp_ns,
			 unsigned long number, const uint8_t *ip, size_t len);
/* ut_engine_advance: move the packet clock to tstamp_ns, firing the
 * timers due until then (the end of a run: its end time) */
void ut_engine_advance(struct ut_engine *e, uint64_t tstamp_ns);
const struct ut_engine_stats *ut_engine_stats(const struct ut_engine *e);
/* ut_engine_counter: the counters of rule idx of chain c of the engine's
 * rule set (idx == c->n_rules: the chain's policy) */
struct ut_counter ut_engine_counter(const struct ut_engine *e,
				    const struct ut_chain *c, size_t idx);
/* ut_engine_counter_src: the engine's counters for the printers (valid
 * while e lives) */
struct ut_counter_src ut_engine_counter_src(const struct ut_engine *e);
const struct ut_host *ut_engine_host(const struct ut_engine *e);
/* ut_engine_seed: seed the generator behind ut_engine_random_u32 (`run
 * --seed N`; an engine starts seeded with 0) */
void ut_engine_seed(struct ut_engine *e, uint64_t seed);
/* ut_engine_random_u32: the next number of the engine's generator, for
 * what the kernel draws at random (NAT port choice, statistic): the same
 * seed and inputs give the same run */
uint32_t ut_engine_random_u32(struct ut_engine *e);
/* ut_splitmix64: the next number of the splitmix64 generator whose
 * state is *state (the engine's generator, and the syncookie keys'
 * drawn from the seed without taking from it) */
uint64_t ut_splitmix64(uint64_t *state);

/* ---- services for extensions and the path -------------------------- */

/* the clock (jiffies, now, HZ) and timers: clock.h */
/* ut_engine_tracing: is `utables trace` following the packets (steps
 * worth formatting) */
bool ut_engine_tracing(const struct ut_engine *e);
/* ut_engine_why: a trace step saying why something silent happened (an
 * answer not sent, a packet dropped without a message): formatted only
 * when tracing */
void ut_engine_why(struct ut_engine *e, const struct ut_pkt *p,
		   const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* ut_engine_log: emit one kernel log line (text without newline) */
void ut_engine_log(struct ut_engine *e, const char *line, size_t len);
/* ut_engine_net_ratelimit: net_ratelimit(): may a net_*_ratelimited
 * message be logged now. One limiter for every such message of the host
 * (10 in 5 s, the interval starting at the first message after the
 * last one ran out); when a new interval starts after messages were
 * held back, logs "net_ratelimit: N callbacks suppressed" first. */
bool ut_engine_net_ratelimit(struct ut_engine *e);
/* ut_engine_note: a side effect of a target beyond the packet (a tc
 * priority set, an idle timer restarted, a LED lit), counted by its text
 * (copied) for `run --json`; also a trace step */
void ut_engine_note(struct ut_engine *e, const struct ut_pkt *p,
		    const char *text);
/* ut_engine_notes: the i-th side effect (false past the last) */
bool ut_engine_notes(const struct ut_engine *e, size_t i, const char **text,
		     unsigned long *count);
/* ut_engine_drop: count a drop (and tell the trace sink why) */
void ut_engine_drop(struct ut_engine *e, struct ut_pkt *p,
		    enum ut_drop_reason why);
/* ut_ip_local_out: a packet the host built itself (ICMP error, RST):
 * route it (ut_route_output), then OUTPUT, POSTROUTING, transmit.
 * Takes ownership of p. */
void ut_ip_local_out(struct ut_engine *e, struct ut_pkt *p);

/* ut_nf_dup_ipv4: TEE's nf_dup_ipv4: a copy of p, untracked, its TTL
 * lowered by one in PREROUTING/INPUT, routed to gw (network order; oif:
 * only through that device, or NULL) as a known next hop, and sent with
 * ip_local_out (OUTPUT, POSTROUTING). Nothing while another copy is on
 * its way (the kernel's recursion guard) or without a route. */
void ut_nf_dup_ipv4(struct ut_engine *e, const struct ut_pkt *p,
		    enum ut_hook hook, uint32_t gw,
		    const struct ut_iface *oif);

/* ---- named objects shared by rules (shared.c) ----------------------- */

/* A recent list, a hashlimit table, a quota, a rate estimator: one object
 * per (kind, name) in an engine, found by name across rules, created by
 * the first instance that asks (in its state_new), alive while any holds
 * a reference, freed by the last put or with the engine. */
struct ut_shared_ops {
	const char *kind;        /* "recent", "hashlimit", ... */
	/* the object for name; arg is the caller's (its instance data).
	 * NULL with err filled on failure. */
	void *(*new_obj)(struct ut_engine *e, const char *name,
			 const void *arg, struct ut_err *err);
	void (*free_obj)(struct ut_engine *e, void *obj);
	/* optional: the object as a file of the run's output (e.g.
	 * "proc/net/xt_recent/NAME"): its path and text */
	void (*output)(const struct ut_engine *e, const void *obj,
		       const char *name, struct ut_buf *path,
		       struct ut_buf *text);
};

/* ut_engine_shared_get: the engine's object (ops->kind, name), created
 * with ops->new_obj(arg) the first time; returns a new reference (release
 * it with ut_engine_shared_put), or NULL with err filled. */
void *ut_engine_shared_get(struct ut_engine *e, const struct ut_shared_ops *ops,
			   const char *name, const void *arg,
			   struct ut_err *err);
void ut_engine_shared_put(struct ut_engine *e, void *obj);
/* ut_engine_shared_find: the object (kind, name) if a rule created it,
 * else NULL (no reference taken) */
void *ut_engine_shared_find(struct ut_engine *e, const char *kind,
			    const char *name);

/* ---- what the engine holds, as files (run's DIR) ---------------------- */

/* ut_engine_outputs: every piece of engine state that `run` writes out,
 * one file each, through fn(ctx, path relative to DIR, text): the
 * connection table ("conntrack"), the shared objects' views. Stops at
 * the first fn that fails and returns its result. */
/* ut_engine_conntrack_on: does the engine track connections (the rule
 * set needs it) */
bool ut_engine_conntrack_on(const struct ut_engine *e);
/* ut_engine_conntrack_stats: the connection table's figures at the
 * current time (`conntrack -C` and `conntrack -S`), for --json; false
 * when the engine does not track connections */
struct ut_engine_ct_stats {
	unsigned long entries;   /* live entries (conntrack -C) */
	unsigned long max;       /* nf_conntrack_max */
	unsigned long expect;    /* expectations waiting */
	unsigned long invalid, drop, early_drop, insert_failed;
};
bool ut_engine_conntrack_stats(const struct ut_engine *e,
			       struct ut_engine_ct_stats *st);
/* ut_engine_conntrack_load: start from the connection table text (in
 * `conntrack -L` format; file names it in messages). -1 with err (file
 * and line; nothing loaded from a bad line on) */
int ut_engine_conntrack_load(struct ut_engine *e, const char *text,
			     const char *file, struct ut_err *err);

typedef int (*ut_output_fn)(void *ctx, const char *path,
			    const struct ut_buf *text, struct ut_err *err);
int ut_engine_outputs(const struct ut_engine *e, ut_output_fn fn, void *ctx,
		      struct ut_err *err);

/* ---- ICMP errors (icmp.c) ------------------------------------------- */

/* ut_icmp_send: icmp_send(skb, type, code, info) for the packet p (not
 * consumed) that arrived on p->indev (or was generated locally): applies
 * the kernel's rules (no error about an ICMP error, a non-first fragment,
 * a broadcast/multicast), its rate limits, builds the message exactly as
 * Linux (source address, TOS, TTL, quoted bytes) and sends it with
 * ut_ip_local_out. */
void ut_icmp_send(struct ut_engine *e, const struct ut_pkt *p, uint8_t type,
		  uint8_t code, uint32_t info);

 /* rate-limit state of icmp.c, owned by the engine */
struct ut_icmp_state;
struct ut_icmp_state *ut_icmp_state_new(void);
void ut_icmp_state_free(struct ut_icmp_state *s);
struct ut_icmp_state *ut_engine_icmp(struct ut_engine *e);
/* ut_icmp_ip_error_allow: ip_error's own per-source token bucket
 * (ip_rt_error_burst 5*HZ, ip_rt_error_cost HZ) for saddr (network
 * order): true if the "unreachable" answer may be sent now */
bool ut_icmp_ip_error_allow(struct ut_engine *e, uint32_t saddr);
/* (icmp.c) ut_icmp_send's info is the ICMP header's second word in host
 * order, written big-endian: the MTU for frag-needed, pointer << 24 for a
 * parameter problem, ntohl(gateway) for a redirect. The three limits
 * (icmp_send's per-destination bucket, ip_error's, the redirect back-off)
 * share one peer entry per address, as the kernel's inet_peer. */
/* ut_icmp_redirect_allow: ip_rt_send_redirect's back-off for the source
 * saddr (network order): true if the redirect is to be sent now (the
 * state is updated as if it was). The caller checks send_redirects. */
bool ut_icmp_redirect_allow(struct ut_engine *e, uint32_t saddr);

/* ut_nfulog_packet: NFLOG's message for p seen at hook (nfulnl_log_packet)
 * to the listener of group, recorded as a LINKTYPE_NFLOG pcap record
 * (run's DIR/nflog-GROUP.pcap, nfulog.c); has_copy_len: --nflog-size
 * (copy_len bytes of the datagram at most, 0: none) */
void ut_nfulog_packet(struct ut_engine *e, const struct ut_pkt *p,
		      enum ut_hook hook, const struct ut_iface *in,
		      const struct ut_iface *out, uint16_t group,
		      bool has_copy_len, uint32_t copy_len, const char *prefix);

/* ---- kernel log lines (nflog.c) ------------------------------------- */

/* LOG's flags (XT_LOG_* / NF_LOG_*) */
#define UT_LOG_TCPSEQ 0x01
#define UT_LOG_TCPOPT 0x02
#define UT_LOG_IPOPT 0x04
#define UT_LOG_UID 0x08
#define UT_LOG_MACDECODE 0x20

/* ut_nflog_packet: the kernel's nf_log_ip_packet line for p seen at hook
 * with devices in/out: "<prefix>IN=... OUT=... MAC=... SRC=... ..." into
 * out (no newline). prefix is printed as given. */
void ut_nflog_packet(struct ut_engine *e, const struct ut_pkt *p,
		     enum ut_hook hook, const struct ut_iface *in,
		     const struct ut_iface *out, unsigned logflags,
		     const char *prefix, struct ut_buf *line);

#endif
