/* run.c: `utables run` and `utables trace`: pcap traces through a
 * described host and rule set, offline (ARCHITECTURE.md, "the offline
 * contract").
 *
 *   run   --host HOST --rules RULES|--state --in IFACE=FILE ...
 *         [--local FILE] [--settle SECONDS] [--seed N] --out DIR [--json]
 *         [--classifier linear|compiled]
 *   trace --host HOST --rules RULES|--state --in IFACE=FILE ...
 *         [--local FILE] [--settle SECONDS] [--seed N] [--packet N]
 *         [--filter BPF] [--classifier linear|compiled]
 * RULES "-" is standard input; --state takes the rule set of the state
 * store ($UTABLES_STATE), as the iptables commands left it.
 *
 * Inputs are validated before anything is written; results are written
 * into a scratch directory inside DIR and renamed into place only when
 * the whole run succeeded, so a failed run leaves no half results.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool/tool.h"
#include "tool/json.h"
#include "engine/engine.h"
#include "ext/recent.h"
#include "host/host.h"
#include "io/l2conv.h"
#include "io/pcap.h"
#include "rules/ext.h"

#define MAX_INPUTS 64

struct input {
	const char *iface_name;     /* NULL: --local */
	const char *path;
	bool any;                   /* --in any=FILE: each record names its
				     * interface (Linux cooked v2) */
	const struct ut_iface *dev; /* the record's interface */
	uint8_t *conv;              /* the record as an Ethernet frame */
	size_t conv_cap;
	struct ut_pcap_in *pc;
	int linktype;
	/* the record read ahead for the merge */
	bool has_next;
	uint64_t ts;
	const uint8_t *data;
	size_t len;
};

struct run_args {
	bool trace;
	const char *host_path, *rules_path, *out_dir;
	struct input in[MAX_INPUTS];
	size_t n_in;
	bool json;                  /* run --json, trace --json */
	const char *json_packets;   /* run --json-packets FILE */
	bool from_state;            /* --state: the rules of the store */
	unsigned long packet;       /* trace --packet N (0: all) */
	const char *filter;         /* trace --filter (BPF) */
	uint64_t settle_ns;         /* --settle: the clock's run after the
				     * last input */
	uint64_t seed;              /* --seed: the engine's generator */
	const char *ct_load;        /* --conntrack-load FILE */
	bool linear;                /* --classifier linear */
	struct ut_recent_load recent[MAX_INPUTS]; /* --recent NAME=FILE */
	size_t n_recent;
	bool help;
	bool check;                 /* run --check: list what the engine
				     * cannot evaluate, run nothing */
};

/* one opened output pcap per interface that transmitted */
struct out_file {
	const struct ut_iface *dev; /* NULL: local.pcap */
	struct ut_pcap_out *pc;
	unsigned long frames;
};

struct run_ctx {
	struct run_args *a;
	struct ut_host *h;          /* owned: HOST */
	const struct ut_host *host; /* h, for what only reads it */
	struct ut_ruleset *rs;      /* owned: RULES */
	struct ut_engine *e;        /* owned */
	char state_path[4096];      /* --state: the store's path */
	struct ut_cli_io *io;
	char *tmp_dir;
	struct out_file *outs;      /* as many as interfaces sent */
	size_t n_outs, cap_outs;
	FILE *log;
	FILE *events;           /* conntrack-events, with conntrack */
	unsigned long log_lines;
	struct ut_err werr;         /* first output error */
	/* the packet being handled is part of the output's accounts
	 * (trace: --packet, --filter; run --json-packets: every one) */
	bool cur_selected;
	/* timers are firing (before a packet, at the end): what they do
	 * is an account of its own */
	bool in_timers;
	struct ut_engine *eng;   /* while fire_timers runs: its clock stamps
				  * what a timer does without a packet */
	/* the frame being handled, copied so that its input can read the
	 * next one ahead (hint_next) */
	uint8_t *cur_frame;
	size_t cur_cap;
	struct ut_bpf *bpf;          /* --filter, NULL without */
	/* trace, run --json-packets: each packet's account */
	struct ut_explain *x;
	FILE *jp;                    /* --json-packets' file (partial) */
	char *jp_tmp;                /* its name until the run succeeded */
};

/* ---- arguments ----------------------------------------------------------- */

static int
take_value(int argc, char **argv, int *i, const char *name, const char **val,
	   struct ut_err *err)
{
	const char *arg = argv[*i];
	size_t n = strlen(name);

	if (arg[n] == '=') {
		*val = arg + n + 1;
		return 0;
	}
	if (*i + 1 >= argc)
		return ut_err_set(err, 2, "option %s needs an argument", name);
	*val = argv[++*i];
	return 0;
}

static bool
is_opt(const char *arg, const char *name)
{
	size_t n = strlen(name);

	return strncmp(arg, name, n) == 0 && (arg[n] == 0 || arg[n] == '=');
}

static int
add_input(struct run_args *a, const char *iface, const char *path,
	  struct ut_err *err)
{
	if (a->n_in == MAX_INPUTS)
		return ut_err_set(err, 2, "too many inputs (at most %d)",
				  MAX_INPUTS);
	a->in[a->n_in].iface_name = iface;
	a->in[a->n_in].path = path;
	a->n_in++;
	return 0;
}

static int
parse_in(struct run_args *a, char *spec, struct ut_err *err)
{
	char *eq = strchr(spec, '=');

	if (!eq || eq == spec || !eq[1])
		return ut_err_set(err, 2, "--in %s: expected IFACE=FILE",
				  spec);
	*eq = 0;
	return add_input(a, spec, eq + 1, err);
}

/* --recent NAME=FILE: a recent list to start from */
static int
parse_recent(struct run_args *a, char *spec, struct ut_err *err)
{
	char *eq = strchr(spec, '=');

	if (!eq || eq == spec || !eq[1])
		return ut_err_set(err, 2, "--recent %s: expected NAME=FILE",
				  spec);
	if (a->n_recent == MAX_INPUTS)
		return ut_err_set(err, 2, "too many --recent (at most %d)",
				  MAX_INPUTS);
	*eq = 0;
	a->recent[a->n_recent].name = spec;
	a->recent[a->n_recent++].path = eq + 1;
	return 0;
}

static const char *
usage_text(bool trace)
{
	return trace ?
		"usage: utables trace --host HOST --rules RULES|--state "
		"--in IFACE=FILE.pcap [--in ...] [--local FILE.pcap] "
		"[--settle SECONDS] [--seed N] [--packet N] [--filter EXPR] "
		"[--json] [--conntrack-load FILE] [--recent NAME=FILE] "
		"[--classifier linear|compiled]" :
		"usage: utables run --host HOST --rules RULES|--state "
		"--in IFACE=FILE.pcap [--in ...] [--local FILE.pcap] "
		"[--settle SECONDS] [--seed N] --out DIR [--json] "
		"[--json-packets FILE] [--conntrack-load FILE] "
		"[--recent NAME=FILE] [--classifier linear|compiled]\n"
		"       utables run --check --host HOST --rules RULES";
}

/* parse_settle: a decimal number of seconds (at most 9 decimals, up to
 * ten years) into ns */
static int
parse_settle(const char *v, uint64_t *ns, struct ut_err *err)
{
	uint64_t sec = 0, frac = 0, scale = 100000000u;
	const char *s = v;

	if (!(*s >= '0' && *s <= '9'))
		goto bad;
	for (; *s >= '0' && *s <= '9'; s++) {
		sec = sec * 10 + (uint64_t)(*s - '0');
		if (sec > 10ull * 366 * 86400)
			goto bad;
	}
	if (*s == '.') {
		if (!(s[1] >= '0' && s[1] <= '9'))
			goto bad;
		for (s++; *s >= '0' && *s <= '9'; s++) {
			if (scale == 0)
				goto bad;
			frac += (uint64_t)(*s - '0') * scale;
			scale /= 10;
		}
	}
	if (*s)
		goto bad;
	*ns = sec * 1000000000u + frac;
	return 0;
bad:
	return ut_err_set(err, 2, "--settle %s: expected seconds (e.g. 3 or "
			  "0.5)", v);
}

static int
parse_seed(const char *v, uint64_t *seed, struct ut_err *err)
{
	char *end;

	errno = 0;
	*seed = strtoull(v, &end, 0);
	if (!(*v >= '0' && *v <= '9') || *end || errno)
		return ut_err_set(err, 2, "--seed %s: expected a number "
				  "(0 to 18446744073709551615)", v);
	return 0;
}

/* parse_packet: trace --packet N, a packet number 1 ... ULONG_MAX (not
 * past the inputs' end: checked after the run) */
static int
parse_packet(const char *v, unsigned long *n, struct ut_err *err)
{
	char *end;

	errno = 0;
	*n = strtoul(v, &end, 10);
	if (!(*v >= '0' && *v <= '9') || *end || *n == 0)
		return ut_err_set(err, 2, "--packet %s: expected a packet "
				  "number (1, 2, ...)", v);
	if (errno == ERANGE)
		return ut_err_set(err, 2, "--packet %s: no such packet (the "
				  "number is too large)", v);
	return 0;
}

static int
parse_args(int argc, char **argv, struct run_args *a, struct ut_err *err)
{
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *v = NULL;
		int r = 0;

		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			a->help = true;
			return 0;
		}
		if (is_opt(arg, "--host"))
			r = take_value(argc, argv, &i, "--host", &a->host_path,
				       err);
		else if (is_opt(arg, "--rules"))
			r = take_value(argc, argv, &i, "--rules",
				       &a->rules_path, err);
		else if (is_opt(arg, "--out") && !a->trace)
			r = take_value(argc, argv, &i, "--out", &a->out_dir,
				       err);
		else if (is_opt(arg, "--in")) {
			r = take_value(argc, argv, &i, "--in", &v, err);
			if (r == 0)
				r = parse_in(a, (char *)v, err);
		} else if (is_opt(arg, "--local")) {
			r = take_value(argc, argv, &i, "--local", &v, err);
			if (r == 0)
				r = add_input(a, NULL, v, err);
		} else if (is_opt(arg, "--settle")) {
			r = take_value(argc, argv, &i, "--settle", &v, err);
			if (r == 0)
				r = parse_settle(v, &a->settle_ns, err);
		} else if (is_opt(arg, "--seed")) {
			r = take_value(argc, argv, &i, "--seed", &v, err);
			if (r == 0)
				r = parse_seed(v, &a->seed, err);
		} else if (strcmp(arg, "--check") == 0 && !a->trace)
			a->check = true;
		else if (strcmp(arg, "--state") == 0)
			a->from_state = true;
		else if (strcmp(arg, "--json") == 0)
			a->json = true;
		else if (is_opt(arg, "--json-packets") && !a->trace)
			r = take_value(argc, argv, &i, "--json-packets",
				       &a->json_packets, err);
		else if (is_opt(arg, "--packet") && a->trace) {
			r = take_value(argc, argv, &i, "--packet", &v, err);
			if (r == 0)
				r = parse_packet(v, &a->packet, err);
		} else if (is_opt(arg, "--conntrack-load"))
			r = take_value(argc, argv, &i, "--conntrack-load",
				       &a->ct_load, err);
		else if (is_opt(arg, "--recent")) {
			r = take_value(argc, argv, &i, "--recent", &v, err);
			if (r == 0)
				r = parse_recent(a, (char *)v, err);
		} else if (is_opt(arg, "--classifier")) {
			r = take_value(argc, argv, &i, "--classifier", &v,
				       err);
			if (r == 0 && strcmp(v, "linear") == 0)
				a->linear = true;
			else if (r == 0 && strcmp(v, "compiled") != 0)
				r = ut_err_set(err, 2, "--classifier %s: "
					       "expected linear or compiled",
					       v);
		} else if (is_opt(arg, "--filter") && a->trace)
			r = take_value(argc, argv, &i, "--filter", &a->filter,
				       err);
		else
			r = ut_err_set(err, 2, "unknown argument `%s'", arg);
		if (r < 0)
			return -1;
	}
	if (a->rules_path && a->from_state)
		return ut_err_set(err, 2, "--rules and --state: give one");
	if (a->check && a->host_path && (a->rules_path || a->from_state))
		return 0;
	if (!a->host_path || !(a->rules_path || a->from_state) ||
	    a->n_in == 0 ||
	    (!a->trace && !a->out_dir))
		return ut_err_set(err, 2, "%s", usage_text(a->trace));
	return 0;
}

/* ---- inputs ------------------------------------------------------------- */

static const char *
linktype_text(int lt)
{
	switch (lt) {
	case UT_LINKTYPE_ETHERNET: return "Ethernet";
	case UT_LINKTYPE_SLL: return "Linux cooked v1";
	case UT_LINKTYPE_SLL2: return "Linux cooked v2";
	case UT_LINKTYPE_RAW:
	case UT_LINKTYPE_IPV4: return "raw IP";
	default: return "unknown";
	}
}

static int
open_input(struct run_args *a, const struct ut_host *h, struct input *in,
	   struct ut_err *err)
{
	int lt;

	if (in->iface_name) {
		in->dev = ut_host_iface(h, in->iface_name);
		/* `any` is tcpdump's device of every interface */
		in->any = !in->dev && strcmp(in->iface_name, "any") == 0;
		if (!in->any && (!in->dev || in->dev->loopback))
			return ut_err_set(err, 2, "--in %s=%s: no link "
					  "`%s' in %s", in->iface_name,
					  in->path, in->iface_name,
					  a->host_path);
	}
	if (ut_pcap_in_open(in->path, &in->pc, err) < 0)
		return -1;
	lt = ut_pcap_in_linktype(in->pc);
	in->linktype = lt;
	if (in->any && !ut_l2_has_ifindex(lt))
		return ut_err_set(err, 2, "--in any=%s: link type %d (%s): "
				  "only Linux cooked v2 captures (tcpdump -i "
				  "any -y LINUX_SLL2) name each packet's "
				  "interface", in->path, lt,
				  linktype_text(lt));
	if (in->iface_name && !ut_l2_input_ok(lt))
		return ut_err_set(err, 2, "%s: link type %d: --in needs "
				  "Ethernet, Linux cooked (v1, v2) or raw IP",
				  in->path, lt);
	if (!in->iface_name && lt != UT_LINKTYPE_ETHERNET &&
	    lt != UT_LINKTYPE_RAW && lt != UT_LINKTYPE_IPV4)
		return ut_err_set(err, 2, "%s: link type %d: --local "
				  "needs raw IPv4 or Ethernet", in->path, lt);
	return 0;
}

static int
open_inputs(struct run_args *a, const struct ut_host *h, struct ut_err *err)
{
	for (size_t i = 0; i < a->n_in; i++)
		if (open_input(a, h, &a->in[i], err) < 0)
			return -1;
	return 0;
}

static void
close_inputs(struct run_args *a)
{
	for (size_t i = 0; i < a->n_in; i++) {
		ut_pcap_in_close(a->in[i].pc);
		free(a->in[i].conv);
	}
}

/* received: the record just read as the Ethernet frame its interface
 * received (in->data, in->len, in->dev); 0 when it holds none (a
 * packet the host sent, one of lo), -1 with err */
static int
received(struct input *in, const struct ut_host *h, struct ut_err *err)
{
	const char *why = NULL;
	size_t len;
	int r;

	if (in->any) {
		long idx = ut_l2_ifindex(in->linktype, in->data, in->len,
					 &why);

		in->dev = idx > 0 && idx <= INT32_MAX ?
			  ut_host_iface_by_index(h, (int)idx) : NULL;
		if (idx < 0)
			goto bad;
		if (!in->dev)
			return ut_err_set(err, 2, "%s: packet %lu: interface "
					  "index %ld is no link of the host "
					  "(`link add ... index N'; without "
					  "it lo is 1, then the links in "
					  "order)",
					  in->path, ut_pcap_in_count(in->pc),
					  idx);
		if (in->dev->loopback)
			return 0;
	}
	/* an Ethernet record is the frame itself: no copy */
	if (in->linktype == UT_LINKTYPE_ETHERNET)
		return 1;
	if (in->len + 14 > in->conv_cap) {
		uint8_t *b = realloc(in->conv, in->len + 14);

		if (!b)
			return ut_err_set(err, 2, "out of memory");
		in->conv = b;
		in->conv_cap = in->len + 14;
	}
	r = ut_l2_to_eth(in->linktype, in->data, in->len, in->dev, in->conv,
			 &len, &why);
	if (r < 0)
		goto bad;
	in->data = in->conv;
	in->len = len;
	return r;
bad:
	return ut_err_set(err, 2, "%s: packet %lu: %s", in->path,
			  ut_pcap_in_count(in->pc), why);
}

/* advance: the input's next record (interface inputs: the next frame an
 * interface received, records of none skipped) */
static int
advance(struct input *in, const struct ut_host *h, struct ut_err *err)
{
	int r;

	do {
		r = ut_pcap_in_next(in->pc, &in->ts, &in->data, &in->len,
				    err);
		in->has_next = r == 1;
		if (r == 1 && in->iface_name)
			r = received(in, h, err);
	} while (r == 0 && in->has_next);
	return r < 0 ? -1 : 0;
}

/* the input with the earliest next record (ties: argument order) */
static struct input *
earliest(struct run_args *a)
{
	struct input *best = NULL;

	for (size_t i = 0; i < a->n_in; i++)
		if (a->in[i].has_next && (!best || a->in[i].ts < best->ts))
			best = &a->in[i];
	return best;
}

/* ---- outputs ------------------------------------------------------------ */

static struct out_file *
out_for(struct run_ctx *c, const struct ut_iface *dev)
{
	char path[4096];
	struct out_file *o;

	for (size_t i = 0; i < c->n_outs; i++)
		if (c->outs[i].dev == dev)
			return &c->outs[i];
	if (c->n_outs == c->cap_outs) {
		size_t cap = c->cap_outs ? 2 * c->cap_outs : 8;
		struct out_file *v = realloc(c->outs, cap * sizeof(*v));

		if (!v) {
			if (!c->werr.status)
				ut_err_set(&c->werr, 2, "out of memory");
			return NULL;
		}
		c->outs = v;
		c->cap_outs = cap;
	}
	o = &c->outs[c->n_outs];
	snprintf(path, sizeof(path), "%s/%s.pcap", c->tmp_dir,
		 dev ? dev->name : "local");
	if (ut_pcap_out_open(path, dev ? UT_LINKTYPE_ETHERNET : UT_LINKTYPE_RAW,
			     &o->pc, c->werr.status ? NULL : &c->werr) < 0)
		return NULL;
	o->dev = dev;
	o->frames = 0;
	c->n_outs++;
	return o;
}

static void
sink_tx(void *ctx, const struct ut_iface *dev, uint64_t ts,
	const uint8_t *frame, size_t len)
{
	struct run_ctx *c = ctx;
	struct out_file *o;

	if (c->a->trace)
		return;
	o = out_for(c, dev);
	if (o) {
		ut_pcap_out_write(o->pc, ts, frame, len);
		o->frames++;
	}
}

static void
sink_local(void *ctx, uint64_t ts, const uint8_t *ip, size_t len)
{
	struct run_ctx *c = ctx;
	struct out_file *o;

	if (c->a->trace)
		return;
	o = out_for(c, NULL);
	if (o) {
		ut_pcap_out_write(o->pc, ts, ip, len);
		o->frames++;
	}
}

/* recording: is the event about p part of the account being built
 * (the selected packet; under timers, what descends from --packet N) */
static bool
recording(const struct run_ctx *c, const struct ut_pkt *p)
{
	if (!c->x)
		return false;
	if (c->in_timers)
		return !c->a->packet || (p && p->number == c->a->packet);
	return c->cur_selected;
}

static void
sink_log(void *ctx, const char *line, size_t len)
{
	struct run_ctx *c = ctx;

	if (recording(c, NULL))
		ut_explain_log(c->x, line, len);
	if (c->a->trace)
		return;
	c->log_lines++;
	fwrite(line, 1, len, c->log);
	fputc('\n', c->log);
}

static void
sink_ct_event(void *ctx, const char *line, size_t len)
{
	struct run_ctx *c = ctx;

	if (!c->events)
		return;
	fwrite(line, 1, len, c->events);
	fputc('\n', c->events);
}

static void
sink_step(void *ctx, const struct ut_pkt *p, const char *text)
{
	struct run_ctx *c = ctx;

	if (!recording(c, p))
		return;
	if (!p && c->in_timers)
		ut_explain_timer_clock(c->x, ut_engine_now_ns(c->eng));
	ut_explain_step(c->x, p, text);
}

static void
sink_rule(void *ctx, const struct ut_pkt *p, const struct ut_trace_rule *r)
{
	struct run_ctx *c = ctx;

	if (recording(c, p))
		ut_explain_rule(c->x, p, r);
}

static void
sink_drop(void *ctx, const struct ut_pkt *p, enum ut_drop_reason why)
{
	struct run_ctx *c = ctx;

	if (recording(c, p))
		ut_explain_drop(c->x, p, why);
}

static void
sink_sent(void *ctx, const struct ut_pkt *p, const struct ut_iface *dev)
{
	struct run_ctx *c = ctx;

	if (c->x)
		ut_explain_sent(c->x, p, dev, recording(c, p));
}

/* DIR/counters: iptables-save -c of the tables in RULES (newest first,
 * as iptables-save lists them), without the date comments */
static void
counters_text(const struct ut_ruleset *rs, const struct ut_engine *e,
	      struct ut_buf *out, struct ut_buf *warn)
{
	struct ut_counter_src src = ut_engine_counter_src(e);

	for (size_t i = 0; i < rs->n_order; i++)
		ut_save_table(rs->tables[rs->order[i]], &src, true, out,
			      warn);
}

/* an engine output (the connection table, /proc views) into DIR */
static int
write_output(void *ctx, const char *path, const struct ut_buf *text,
	     struct ut_err *err)
{
	const struct run_ctx *c = ctx;

	return ut_tool_write_text(c->tmp_dir, path, text, err);
}

/* the targets' side effects beyond the packets, with their counts */
static void
json_notes(const struct ut_engine *e, struct ut_json *j)
{
	const char *text;
	unsigned long n;

	ut_json_obj_begin(j, "side_effects");
	for (size_t i = 0; ut_engine_notes(e, i, &text, &n); i++)
		ut_json_uint(j, text, n);
	ut_json_obj_end(j);
}

/* json_classifier: which walk the tables used; the compiled one's build
 * time (wall clock: varies from run to run) and memory */
static void
json_classifier(const struct ut_engine *e, struct ut_json *j)
{
	size_t mem;
	uint64_t ns;

	ut_engine_classifier_stats(e, &mem, &ns);
	ut_json_obj_begin(j, "classifier");
	ut_json_str(j, "kind", ut_engine_compiled(e) ? "compiled" : "linear");
	if (ut_engine_compiled(e)) {
		ut_json_fixed3(j, "build_ms", ns / 1000);
		ut_json_uint(j, "memory_bytes", mem);
	}
	ut_json_obj_end(j);
}

static void
json_summary(const struct run_ctx *c, const struct ut_engine *e,
	     struct ut_buf *out)
{
	const struct ut_engine_stats *st = ut_engine_stats(e);
	struct ut_engine_ct_stats ct;
	struct ut_json j;

	ut_json_init(&j, out);
	ut_json_obj_begin(&j, NULL);
	ut_json_uint(&j, "packets_in", st->rx);
	ut_json_obj_begin(&j, "frames_out");
	for (size_t i = 0; i < c->n_outs; i++)
		if (c->outs[i].dev)
			ut_json_uint(&j, c->outs[i].dev->name,
				     c->outs[i].frames);
	ut_json_obj_end(&j);
	ut_json_uint(&j, "local", st->local);
	ut_json_uint(&j, "log_lines", c->log_lines);
	ut_json_obj_begin(&j, "drops");
	for (int r = 1; r < UT_DROP_MAX; r++)
		if (st->drops[r])
			ut_json_uint(&j, ut_drop_reason_name(
					     (enum ut_drop_reason)r),
				     st->drops[r]);
	ut_json_obj_end(&j);
	if (ut_engine_conntrack_stats(e, &ct)) {
		ut_json_obj_begin(&j, "conntrack");
		ut_json_uint(&j, "entries", ct.entries);
		ut_json_uint(&j, "max", ct.max);
		ut_json_uint(&j, "expect", ct.expect);
		ut_json_uint(&j, "invalid", ct.invalid);
		ut_json_uint(&j, "drop", ct.drop);
		ut_json_uint(&j, "early_drop", ct.early_drop);
		ut_json_uint(&j, "insert_failed", ct.insert_failed);
		ut_json_obj_end(&j);
	}
	json_classifier(e, &j);
	json_notes(e, &j);
	ut_json_obj_end(&j);
	ut_buf_putc(out, '\n');
}

/* ---- the run ------------------------------------------------------------ */

/* a signal asked us to stop (SIGINT, SIGTERM): the run fails, and its
 * scratch folder goes on the way out */
static int
check_stop(const struct run_ctx *c, struct ut_err *err)
{
	int sig = c->io->stop ? *c->io->stop : 0;

	if (!sig)
		return 0;
	return ut_err_set(err, 2, "interrupted (%s)", strsignal(sig));
}

static void
report_progress(struct run_ctx *c, unsigned long packets, bool final)
{
	uint64_t done = 0, total = 0;

	if (!c->io->progress)
		return;
	for (size_t i = 0; i < c->a->n_in; i++) {
		uint64_t d, t;

		ut_pcap_in_progress(c->a->in[i].pc, &d, &t);
		done += d;
		total += t;
	}
	c->io->progress(done, total, packets, final);
}

/* trace: is the packet selected (--packet, --filter)? */
static bool
trace_selected(struct run_ctx *c, const struct input *in,
	       unsigned long number)
{
	if (c->a->packet && number != c->a->packet)
		return false;
	if (!c->bpf)
		return true;
	return (in->dev || in->linktype == UT_LINKTYPE_ETHERNET) &&
	       ut_bpf_match(c->bpf, in->data, in->len);
}

/* explain_end: the account of the packet (or timers) just handled: on
 * stdout (trace) or into --json-packets' file */
static int
explain_end(struct run_ctx *c, struct ut_err *err)
{
	struct ut_buf b;
	int r = 0;

	if (!c->jp)
		return ut_explain_end(c->x, &c->io->out) < 0 ?
		       ut_err_set(err, 2, "out of memory") : 0;
	ut_buf_init(&b);
	if (ut_explain_end(c->x, &b) < 0)
		r = ut_err_set(err, 2, "out of memory");
	else if (fwrite(b.data, 1, b.len, c->jp) != b.len)
		r = ut_err_set(err, 2, "%s: %s", c->a->json_packets,
			       strerror(errno));
	ut_buf_fini(&b);
	return r;
}

/* fire_timers: advance the clock to ts; what the timers do is an
 * account of its own */
static int
fire_timers(struct run_ctx *c, struct ut_engine *e, uint64_t ts,
	    struct ut_err *err)
{
	c->in_timers = true;
	c->eng = e;
	if (c->x)
		ut_explain_begin_timers(c->x);
	ut_engine_advance(e, ts);
	c->in_timers = false;
	if (c->x && !ut_explain_empty(c->x))
		return explain_end(c, err);
	return 0;
}

/* hint_next: with conntrack, the engine is told which frame comes after
 * the one it is about to handle (ut_engine_prefetch: it loads that
 * connection while it handles this one). The record of *in is copied
 * into c->cur_frame, then in reads its next one. 1 when done (*adv is
 * advance's result), 0 when not (no conntrack, a trace, no memory). */
static int
hint_next(struct run_ctx *c, struct ut_engine *e, struct input *in,
	  int *adv, struct ut_err *err)
{
	const struct input *nx;

	if (c->a->trace || !ut_engine_conntrack_on(e))
		return 0;
	if (in->len > c->cur_cap) {
		uint8_t *b = realloc(c->cur_frame, in->len);

		if (!b)
			return 0;
		c->cur_frame = b;
		c->cur_cap = in->len;
	}
	if (in->len)
		memcpy(c->cur_frame, in->data, in->len);
	*adv = advance(in, c->host, err);
	nx = earliest(c->a);
	if (nx && nx->dev)
		ut_engine_prefetch(e, nx->data, nx->len);
	return 1;
}

static int
replay(struct run_ctx *c, struct ut_engine *e, struct ut_err *err)
{
	unsigned long number = 0;
	struct input *in;

	for (size_t i = 0; i < c->a->n_in; i++)
		if (advance(&c->a->in[i], c->host, err) < 0)
			return -1;
	while ((in = earliest(c->a))) {
		struct input cur;
		int adv = 0, ahead;

		number++;
		/* the timers due by this packet's time fire first */
		if (fire_timers(c, e, in->ts, err) < 0)
			return -1;
		c->cur_selected = c->x && trace_selected(c, in, number);
		if (c->cur_selected)
			ut_explain_begin(c->x, number, in->ts,
					 in->dev ? in->dev->name : NULL,
					 in->data, in->len,
					 in->dev ||
					 in->linktype == UT_LINKTYPE_ETHERNET);
		cur = *in;
		ahead = hint_next(c, e, in, &adv, err);
		if (ahead)
			cur.data = c->cur_frame;
		if (cur.dev) {
			ut_engine_rx(e, cur.dev, cur.ts, number, cur.data,
				     cur.len);
		} else {
			size_t off = cur.linktype == UT_LINKTYPE_ETHERNET ?
					     14 : 0;

			if (cur.len >= off)
				ut_engine_local_out(e, cur.ts, number,
						    cur.data + off,
						    cur.len - off);
		}
		if (c->werr.status) {
			*err = c->werr;
			return -1;
		}
		if (c->cur_selected && explain_end(c, err) < 0)
			return -1;
		c->cur_selected = false;
		if (check_stop(c, err) < 0)
			return -1;
		if ((number & 0xffff) == 0)
			report_progress(c, number, false);
		if (!ahead)
			adv = advance(in, c->host, err);
		if (adv < 0)
			return -1;
	}
	if (c->a->packet > number)
		return ut_err_set(err, 2, "--packet %lu: no such packet (the "
				  "inputs hold %lu)", c->a->packet, number);
	/* the run ends at the last input's time, plus --settle: the
	 * timers due by then fire */
	if (number > 0 &&
	    fire_timers(c, e, ut_engine_now_ns(e) + c->a->settle_ns, err) < 0)
		return -1;
	report_progress(c, number, true);
	return 0;
}

static int
finish_outputs(struct run_ctx *c, struct ut_ruleset *rs,
	       const struct ut_engine *e, struct ut_err *err)
{
	struct ut_buf counters, warn;
	int r = 0;

	for (size_t i = 0; i < c->n_outs; i++) {
		if (ut_pcap_out_close(c->outs[i].pc, err) < 0)
			r = -1;
		c->outs[i].pc = NULL;
	}
	if (fclose(c->log) != 0 && r == 0)
		r = ut_err_set(err, 2, "%s/log: %s", c->tmp_dir,
			       strerror(errno));
	c->log = NULL;
	if (c->events && fclose(c->events) != 0 && r == 0)
		r = ut_err_set(err, 2, "%s/conntrack-events: %s", c->tmp_dir,
			       strerror(errno));
	c->events = NULL;
	ut_buf_init(&counters);
	ut_buf_init(&warn);
	counters_text(rs, e, &counters, &warn);
	if (r == 0)
		r = ut_tool_write_text(c->tmp_dir, "counters", &counters, err);
	if (r == 0)
		r = ut_engine_outputs(e, write_output, c, err);
	if (r == 0 && c->a->json)
		json_summary(c, e, &c->io->out);
	ut_buf_fini(&counters);
	ut_buf_fini(&warn);
	return r;
}

/* --conntrack-load: the table of an earlier run */
static int
load_conntrack(struct ut_engine *e, const char *path, struct ut_err *err)
{
	FILE *f = fopen(path, "r");
	char *text;
	size_t len;
	int r;

	if (!f)
		return ut_err_set(err, 2, "%s: %s", path, strerror(errno));
	text = ut_read_all(f, &len);
	fclose(f);
	if (!text)
		return ut_err_set(err, 2, "%s: cannot read", path);
	r = ut_engine_conntrack_load(e, text, path, err);
	free(text);
	return r;
}

/* --json-packets FILE: written as FILE.partial, renamed when the run
 * succeeded (no half result under FILE's name) */
static int
open_json_packets(struct run_ctx *c, struct ut_err *err)
{
	size_t n = strlen(c->a->json_packets) + sizeof(".partial");

	c->jp_tmp = malloc(n);
	if (!c->jp_tmp)
		return ut_err_set(err, 2, "out of memory");
	snprintf(c->jp_tmp, n, "%s.partial", c->a->json_packets);
	c->jp = fopen(c->jp_tmp, "w");
	if (!c->jp) {
		ut_err_set(err, 2, "%s: %s", c->jp_tmp, strerror(errno));
		free(c->jp_tmp);
		c->jp_tmp = NULL;
		return -1;
	}
	return 0;
}

static int
close_json_packets(struct run_ctx *c, struct ut_err *err)
{
	int r = 0;

	if (c->jp && fclose(c->jp) != 0)
		r = ut_err_set(err, 2, "%s: %s", c->jp_tmp, strerror(errno));
	c->jp = NULL;
	return r;
}

/* run_load: HOST, RULES (or the store's), the inputs and --filter */
static int
run_load(struct run_ctx *c, struct ut_err *err)
{
	struct run_args *a = c->a;
	struct ut_cli_io *io = c->io;

	c->h = ut_tool_load_host(a->host_path, err);
	if (!c->h)
		return -1;
	c->host = c->h;
	/* nfacct's checkentry finds the HOST's objects */
	ut_kcheck_nfacct_objects(c->h->nfacct, c->h->n_nfacct);
	if (a->from_state) {
		if (ut_state_path(io, false, c->state_path,
				  sizeof(c->state_path), err) < 0) {
			ut_kcheck_nfacct_objects(NULL, 0);
			return -1;
		}
		a->rules_path = c->state_path;
		c->rs = ut_tool_state_rules(io, err);
	} else {
		c->rs = ut_tool_load_rules(a->rules_path, &io->errb, err);
	}
	ut_kcheck_nfacct_objects(NULL, 0);
	if ((a->trace || a->json_packets) &&
	    !(c->x = ut_explain_new(a->json || a->json_packets)))
		return ut_err_set(err, 2, "out of memory");
	if (!c->rs || open_inputs(a, c->h, err) < 0 ||
	    (a->filter ? ut_bpf_compile(a->filter, &c->bpf, err) : 0) < 0)
		return -1;
	return 0;
}

/* run_engine: the engine of the rule set and host, its sink the run's
 * outputs, set up as the options say */
static int
run_engine(struct run_ctx *c, struct ut_err *err)
{
	const struct run_args *a = c->a;
	struct ut_engine_sink sink = {
		.ctx = c, .tx = sink_tx, .local = sink_local, .log = sink_log,
		.ct_event = sink_ct_event, .step = sink_step,
		.rule = sink_rule, .drop = sink_drop, .sent = sink_sent,
	};

	c->e = ut_engine_new(c->rs, c->h, &sink, err);
	if (!c->e) {
		char msg[UT_ERR_MSG_MAX];

		snprintf(msg, sizeof(msg), "%s", err->msg);
		return ut_err_set(err, 2, "%s: %s", a->rules_path, msg);
	}
	if (a->linear && ut_engine_classifier(c->e, false, err) < 0)
		return -1;
	ut_engine_trace_all(c->e, a->trace);
	ut_engine_explain(c->e, a->json_packets != NULL);
	ut_engine_seed(c->e, a->seed);
	if (a->ct_load && load_conntrack(c->e, a->ct_load, err) < 0)
		return -1;
	return ut_recent_setup(c->e, a->recent, a->n_recent, err);
}

/* open_results: run's scratch folder in DIR, with its log (and
 * conntrack-events when the rule set tracks connections) open */
static int
open_results(struct run_ctx *c, struct ut_err *err)
{
	char path[4096];

	c->tmp_dir = ut_tool_make_tmp_dir(c->a->out_dir, err);
	if (!c->tmp_dir)
		return -1;
	snprintf(path, sizeof(path), "%s/log", c->tmp_dir);
	c->log = fopen(path, "w");
	if (!c->log)
		return ut_err_set(err, 2, "%s: %s", path, strerror(errno));
	snprintf(path, sizeof(path), "%s/conntrack-events", c->tmp_dir);
	if (ut_engine_conntrack_on(c->e) && !(c->events = fopen(path, "w")))
		return ut_err_set(err, 2, "%s: %s", path, strerror(errno));
	return 0;
}

/* publish: the run succeeded: its results into DIR, --json-packets'
 * file under its name */
static int
publish(struct run_ctx *c, struct ut_err *err)
{
	const struct run_args *a = c->a;

	if (!a->trace && (finish_outputs(c, c->rs, c->e, err) < 0 ||
			  check_stop(c, err) < 0 ||
			  close_json_packets(c, err) < 0 ||
			  ut_tool_publish(c->tmp_dir, a->out_dir, err) < 0))
		return -1;
	if (c->jp_tmp && rename(c->jp_tmp, a->json_packets) != 0)
		return ut_err_set(err, 2, "%s: %s", a->json_packets,
				  strerror(errno));
	return 0;
}

/* run_free: everything the run holds; a failed run (r < 0) leaves no
 * scratch folder and no --json-packets file behind */
static void
run_free(struct run_ctx *c, int r)
{
	if (c->jp)
		fclose(c->jp);
	if (c->jp_tmp) {
		if (r < 0)
			unlink(c->jp_tmp);
		free(c->jp_tmp);
	}
	ut_explain_free(c->x);
	for (size_t i = 0; i < c->n_outs; i++)
		ut_pcap_out_close(c->outs[i].pc, NULL);
	free(c->outs);
	if (c->events)
		fclose(c->events);
	if (c->log)
		fclose(c->log);
	if (c->tmp_dir) {
		if (r < 0)
			ut_tool_remove_tree(c->tmp_dir);
		free(c->tmp_dir);
	}
	ut_bpf_free(c->bpf);
	free(c->cur_frame);
	ut_engine_free(c->e);
	close_inputs(c->a);
	ut_ruleset_free(c->rs);
	ut_host_free(c->h);
}

static int
run_main(struct run_args *a, struct ut_cli_io *io, struct ut_err *err)
{
	struct run_ctx c;
	int r = -1;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.io = io;
	if (run_load(&c, err) == 0 && run_engine(&c, err) == 0 &&
	    (a->trace || open_results(&c, err) == 0) &&
	    (!a->json_packets || open_json_packets(&c, err) == 0) &&
	    replay(&c, c.e, err) == 0 && publish(&c, err) == 0)
		r = 0;
	run_free(&c, r);
	return r;
}

/* check_only: run --check: every rule the engine cannot evaluate on
 * stdout, then whatever else would stop the engine's construction; 0 if
 * a run could start */
static int
check_only(const struct run_args *a, struct ut_cli_io *io, struct ut_err *err)
{
	struct ut_host *h = ut_tool_load_host(a->host_path, err);
	struct ut_ruleset *rs = NULL;
	struct ut_engine *e = NULL;
	size_t n = 0;
	int r = -1;

	if (!h)
		return -1;
	ut_kcheck_nfacct_objects(h->nfacct, h->n_nfacct);
	rs = ut_tool_load_rules(a->rules_path, &io->errb, err);
	ut_kcheck_nfacct_objects(NULL, 0);
	if (!rs)
		goto out;
	n = ut_engine_unsupported(rs, &io->out);
	if (n) {
		ut_err_set(err, 2, "%s: %zu rule%s the packet engine cannot "
			   "evaluate", a->rules_path, n, n == 1 ? "" : "s");
		goto out;
	}
	e = ut_engine_new(rs, h, NULL, err);
	if (e) {
		r = 0;
	} else {
		char msg[UT_ERR_MSG_MAX];

		snprintf(msg, sizeof(msg), "%s", err->msg);
		ut_err_set(err, 2, "%s: %s", a->rules_path, msg);
	}
out:
	ut_engine_free(e);
	ut_ruleset_free(rs);
	ut_host_free(h);
	return r;
}

static int
cli_run(int argc, char **argv, struct ut_cli_io *io, bool trace)
{
	struct run_args a;
	struct ut_err err;

	memset(&a, 0, sizeof(a));
	a.trace = trace;
	ut_err_clear(&err);
	if (parse_args(argc, argv, &a, &err) == 0 && a.help) {
		ut_tool_help(trace ? "trace" : "run", &io->out);
		return 0;
	}
	if (err.status ||
	    (a.check ? check_only(&a, io, &err) : run_main(&a, io, &err)) < 0) {
		size_t n = strlen(err.msg);

		/* raw messages are complete lines (iptables' own text) */
		ut_buf_printf(&io->errb, "utables %s: %s%s",
			      trace ? "trace" : "run", err.msg,
			      n && err.msg[n - 1] == '\n' ? "" : "\n");
		return 2;
	}
	return 0;
}

int
ut_tool_run(int argc, char **argv, struct ut_cli_io *io)
{
	return cli_run(argc, argv, io, false);
}

int
ut_tool_trace(int argc, char **argv, struct ut_cli_io *io)
{
	return cli_run(argc, argv, io, true);
}
