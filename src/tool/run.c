/* run.c: `utables run` and `utables trace`: pcap traces through a
 * described host and rule set, offline (ARCHITECTURE.md, "the offline
 * contract").
 *
 *   run   --host HOST --rules RULES --in IFACE=FILE ... [--local FILE]
 *         [--settle SECONDS] [--seed N] --out DIR [--json]
 *         [--classifier linear|compiled]
 *   trace --host HOST --rules RULES --in IFACE=FILE ... [--local FILE]
 *         [--settle SECONDS] [--seed N] [--packet N] [--filter BPF]
 *         [--classifier linear|compiled]
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
#include "engine/engine.h"
#include "ext/recent.h"
#include "host/host.h"
#include "io/pcap.h"
#include "rules/ext.h"

#define MAX_INPUTS 64

struct input {
	const char *iface_name;     /* NULL: --local */
	const char *path;
	const struct ut_iface *dev;
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
	bool json;
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
};

/* one opened output pcap per interface that transmitted */
struct out_file {
	const struct ut_iface *dev; /* NULL: local.pcap */
	struct ut_pcap_out *pc;
	unsigned long frames;
};

struct run_ctx {
	struct run_args *a;
	struct ut_cli_io *io;
	char *tmp_dir;
	struct out_file outs[MAX_INPUTS + 2];
	size_t n_outs;
	FILE *log;
	FILE *events;           /* conntrack-events, with conntrack */
	unsigned long log_lines;
	struct ut_err werr;         /* first output error */
	/* trace: the packet being traced and whether it is selected */
	unsigned long cur_number;
	bool cur_selected;
	/* trace: timers are firing (before a packet, at the end): the
	 * steps of the packets they send are shown under a header */
	bool in_timers;
	uint64_t timer_shown_ns;
	/* the frame being handled, copied so that its input can read the
	 * next one ahead (hint_next) */
	uint8_t *cur_frame;
	size_t cur_cap;
	struct ut_bpf *bpf;          /* --filter, NULL without */
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
		"usage: utables trace --host HOST --rules RULES "
		"--in IFACE=FILE.pcap [--in ...] [--local FILE.pcap] "
		"[--settle SECONDS] [--seed N] [--packet N] [--filter EXPR] "
		"[--conntrack-load FILE] [--recent NAME=FILE] "
		"[--classifier linear|compiled]" :
		"usage: utables run --host HOST --rules RULES "
		"--in IFACE=FILE.pcap [--in ...] [--local FILE.pcap] "
		"[--settle SECONDS] [--seed N] --out DIR [--json] "
		"[--conntrack-load FILE] [--recent NAME=FILE] "
		"[--classifier linear|compiled]";
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
		} else if (strcmp(arg, "--json") == 0 && !a->trace)
			a->json = true;
		else if (is_opt(arg, "--packet") && a->trace) {
			char *end;

			r = take_value(argc, argv, &i, "--packet", &v, err);
			if (r == 0) {
				a->packet = strtoul(v, &end, 10);
				if (*end || a->packet == 0)
					r = ut_err_set(err, 2, "--packet %s: "
						       "expected a packet "
						       "number (1, 2, ...)",
						       v);
			}
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
	if (!a->host_path || !a->rules_path || a->n_in == 0 ||
	    (!a->trace && !a->out_dir))
		return ut_err_set(err, 2, "%s", usage_text(a->trace));
	return 0;
}

/* ---- inputs ------------------------------------------------------------- */

static int
open_inputs(struct run_args *a, const struct ut_host *h, struct ut_err *err)
{
	for (size_t i = 0; i < a->n_in; i++) {
		struct input *in = &a->in[i];
		int lt;

		if (in->iface_name) {
			in->dev = ut_host_iface(h, in->iface_name);
			if (!in->dev || in->dev->loopback)
				return ut_err_set(err, 2, "--in %s=%s: no link "
						  "`%s' in %s", in->iface_name,
						  in->path, in->iface_name,
						  a->host_path);
		}
		if (ut_pcap_in_open(in->path, &in->pc, err) < 0)
			return -1;
		lt = ut_pcap_in_linktype(in->pc);
		if (in->iface_name && lt != UT_LINKTYPE_ETHERNET)
			return ut_err_set(err, 2, "%s: link type %d: --in "
					  "needs Ethernet frames", in->path,
					  lt);
		if (!in->iface_name && lt != UT_LINKTYPE_ETHERNET &&
		    lt != UT_LINKTYPE_RAW && lt != UT_LINKTYPE_IPV4)
			return ut_err_set(err, 2, "%s: link type %d: --local "
					  "needs raw IPv4 or Ethernet",
					  in->path, lt);
		in->linktype = lt;
	}
	return 0;
}

static void
close_inputs(struct run_args *a)
{
	for (size_t i = 0; i < a->n_in; i++)
		ut_pcap_in_close(a->in[i].pc);
}

static int
advance(struct input *in, struct ut_err *err)
{
	int r = ut_pcap_in_next(in->pc, &in->ts, &in->data, &in->len, err);

	in->has_next = r == 1;
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
	if (c->n_outs == sizeof(c->outs) / sizeof(c->outs[0]))
		return NULL;
	o = &c->outs[c->n_outs];
	snprintf(path, sizeof(path), "%s/%s.pcap", c->tmp_dir,
		 dev ? dev->name : "local");
	if (ut_pcap_out_open(path, dev ? UT_LINKTYPE_ETHERNET : UT_LINKTYPE_RAW,
			     &o->pc, c->werr.status ? NULL : &c->werr) < 0)
		return NULL;
	o->dev = dev;
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

static void
sink_log(void *ctx, const char *line, size_t len)
{
	struct run_ctx *c = ctx;

	if (c->a->trace) {
		if (c->cur_selected) {
			ut_buf_write(&c->io->out, line, len);
			ut_buf_putc(&c->io->out, '\n');
		}
		return;
	}
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

/* trace: a step of a packet a timer sent (an ARP retry, the errors of a
 * failed resolution or reassembly): shown under a "timers at" header,
 * with --packet N only for what descends from packet N */
static void
timer_step(struct run_ctx *c, const struct ut_pkt *p, const char *text)
{
	uint64_t ts = p ? p->tstamp_ns : 0;

	if (c->a->packet && (!p || p->number != c->a->packet))
		return;
	if (ts != c->timer_shown_ns) {
		ut_buf_printf(&c->io->out, "timers at %llu.%09llu\n",
			      (unsigned long long)(ts / 1000000000u),
			      (unsigned long long)(ts % 1000000000u));
		c->timer_shown_ns = ts;
	}
	if (p && p->number)
		ut_buf_printf(&c->io->out, "  -> (packet %lu) ", p->number);
	else
		ut_buf_puts(&c->io->out, "  -> ");
	ut_buf_printf(&c->io->out, "%s%s\n",
		      p && p->host_built ? "the host's answer: " : "", text);
}

static void
sink_step(void *ctx, const struct ut_pkt *p, const char *text)
{
	struct run_ctx *c = ctx;

	if (c->a->trace && c->in_timers) {
		timer_step(c, p, text);
		return;
	}
	if (c->a->trace && c->cur_selected)
		ut_buf_printf(&c->io->out, "  -> %s%s\n",
			      p && p->host_built ? "the host's answer: " : "",
			      text);
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

/* a JSON string body (the notes are the engine's own ASCII text, but
 * an IDLETIMER label or LED name is the user's) */
static void
json_str(struct ut_buf *out, const char *s)
{
	ut_buf_putc(out, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			ut_buf_printf(out, "\\%c", ch);
		else if (ch < 0x20)
			ut_buf_printf(out, "\\u%04x", ch);
		else
			ut_buf_putc(out, (char)ch);
	}
	ut_buf_putc(out, '"');
}

/* the targets' side effects beyond the packets, with their counts */
static void
json_notes(const struct ut_engine *e, struct ut_buf *out)
{
	const char *text;
	unsigned long n;

	ut_buf_puts(out, ", \"side_effects\": {");
	for (size_t i = 0; ut_engine_notes(e, i, &text, &n); i++) {
		if (i)
			ut_buf_puts(out, ", ");
		json_str(out, text);
		ut_buf_printf(out, ": %lu", n);
	}
	ut_buf_putc(out, '}');
}

/* json_classifier: which walk the tables used; the compiled one's build
 * time (wall clock: varies from run to run) and memory */
static void
json_classifier(const struct ut_engine *e, struct ut_buf *out)
{
	size_t mem;
	uint64_t ns;

	ut_engine_classifier_stats(e, &mem, &ns);
	if (!ut_engine_compiled(e)) {
		ut_buf_puts(out, ", \"classifier\": {\"kind\": \"linear\"}");
		return;
	}
	ut_buf_printf(out, ", \"classifier\": {\"kind\": \"compiled\", "
		      "\"build_ms\": %.3f, \"memory_bytes\": %zu}",
		      (double)ns / 1e6, mem);
}

static void
json_summary(const struct run_ctx *c, const struct ut_engine *e,
	     struct ut_buf *out)
{
	const struct ut_engine_stats *st = ut_engine_stats(e);
	struct ut_engine_ct_stats ct;
	bool first = true;

	ut_buf_printf(out, "{\"packets_in\": %lu, \"frames_out\": {",
		      st->rx);
	for (size_t i = 0; i < c->n_outs; i++) {
		if (!c->outs[i].dev)
			continue;
		ut_buf_printf(out, "%s\"%s\": %lu", first ? "" : ", ",
			      c->outs[i].dev->name, c->outs[i].frames);
		first = false;
	}
	ut_buf_printf(out, "}, \"local\": %lu, \"log_lines\": %lu, "
		      "\"drops\": {", st->local, c->log_lines);
	first = true;
	for (int r = 1; r < UT_DROP_MAX; r++) {
		if (!st->drops[r])
			continue;
		ut_buf_printf(out, "%s\"%s\": %lu", first ? "" : ", ",
			      ut_drop_reason_name((enum ut_drop_reason)r),
			      st->drops[r]);
		first = false;
	}
	ut_buf_puts(out, "}");
	if (ut_engine_conntrack_stats(e, &ct))
		ut_buf_printf(out, ", \"conntrack\": {\"entries\": %lu, "
			      "\"max\": %lu, \"expect\": %lu, \"invalid\": %lu, "
			      "\"drop\": %lu, \"early_drop\": %lu, "
			      "\"insert_failed\": %lu}", ct.entries, ct.max,
			      ct.expect, ct.invalid, ct.drop, ct.early_drop,
			      ct.insert_failed);
	json_classifier(e, out);
	json_notes(e, out);
	ut_buf_puts(out, "}\n");
}

/* ---- the run ------------------------------------------------------------ */

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
	return in->linktype == UT_LINKTYPE_ETHERNET &&
	       ut_bpf_match(c->bpf, in->data, in->len);
}

static void
trace_header(struct run_ctx *c, const struct input *in, unsigned long n)
{
	ut_buf_printf(&c->io->out, "packet %lu: %s at %llu.%09llu, %zu bytes\n",
		      n, in->iface_name ? in->iface_name : "local",
		      (unsigned long long)(in->ts / 1000000000u),
		      (unsigned long long)(in->ts % 1000000000u), in->len);
}

/* fire_timers: advance the clock to ts; in a trace, what the timers do is
 * shown apart from the packets (their logs only when every packet is
 * shown) */
static void
fire_timers(struct run_ctx *c, struct ut_engine *e, uint64_t ts)
{
	bool selected = c->cur_selected;

	c->in_timers = true;
	c->cur_selected = !c->a->packet && !c->bpf;
	ut_engine_advance(e, ts);
	c->in_timers = false;
	c->cur_selected = selected;
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
	*adv = advance(in, err);
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
		if (advance(&c->a->in[i], err) < 0)
			return -1;
	while ((in = earliest(c->a))) {
		struct input cur;
		int adv = 0, ahead;

		number++;
		/* the timers due by this packet's time fire first */
		fire_timers(c, e, in->ts);
		if (c->a->trace) {
			c->cur_selected = trace_selected(c, in, number);
			if (c->cur_selected)
				trace_header(c, in, number);
		}
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
		if ((number & 0xffff) == 0)
			report_progress(c, number, false);
		if (!ahead)
			adv = advance(in, err);
		if (adv < 0)
			return -1;
	}
	/* the run ends at the last input's time, plus --settle: the
	 * timers due by then fire */
	if (number > 0)
		fire_timers(c, e, ut_engine_now_ns(e) + c->a->settle_ns);
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

static int
run_main(struct run_args *a, struct ut_cli_io *io, struct ut_err *err)
{
	struct run_ctx c;
	struct ut_engine_sink sink;
	struct ut_host *h = NULL;
	struct ut_ruleset *rs = NULL;
	struct ut_engine *e = NULL;
	char log_path[4096];
	int r = -1;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.io = io;
	h = ut_tool_load_host(a->host_path, err);
	if (!h)
		goto out;
	/* nfacct's checkentry finds the HOST's objects */
	ut_kcheck_nfacct_objects(h->nfacct, h->n_nfacct);
	rs = ut_tool_load_rules(a->rules_path, &io->errb, err);
	ut_kcheck_nfacct_objects(NULL, 0);
	if (!rs || open_inputs(a, h, err) < 0 ||
	    (a->filter ? ut_bpf_compile(a->filter, &c.bpf, err) : 0) < 0)
		goto out;
	memset(&sink, 0, sizeof(sink));
	sink.ctx = &c;
	sink.tx = sink_tx;
	sink.local = sink_local;
	sink.log = sink_log;
	sink.ct_event = sink_ct_event;
	sink.step = sink_step;
	e = ut_engine_new(rs, h, &sink, err);
	if (!e) {
		char msg[UT_ERR_MSG_MAX];

		snprintf(msg, sizeof(msg), "%s", err->msg);
		ut_err_set(err, 2, "%s: %s", a->rules_path, msg);
		goto out;
	}
	if (a->linear && ut_engine_classifier(e, false, err) < 0)
		goto out;
	ut_engine_trace_all(e, a->trace);
	ut_engine_seed(e, a->seed);
	if (a->ct_load && load_conntrack(e, a->ct_load, err) < 0)
		goto out;
	if (ut_recent_setup(e, a->recent, a->n_recent, err) < 0)
		goto out;
	if (!a->trace) {
		c.tmp_dir = ut_tool_make_tmp_dir(a->out_dir, err);
		if (!c.tmp_dir)
			goto out;
		snprintf(log_path, sizeof(log_path), "%s/log", c.tmp_dir);
		c.log = fopen(log_path, "w");
		if (!c.log) {
			ut_err_set(err, 2, "%s: %s", log_path, strerror(errno));
			goto out;
		}
		snprintf(log_path, sizeof(log_path), "%s/conntrack-events",
			 c.tmp_dir);
		if (ut_engine_conntrack_on(e) &&
		    !(c.events = fopen(log_path, "w"))) {
			ut_err_set(err, 2, "%s: %s", log_path, strerror(errno));
			goto out;
		}
	}
	if (replay(&c, e, err) < 0)
		goto out;
	if (!a->trace && (finish_outputs(&c, rs, e, err) < 0 ||
			  ut_tool_publish(c.tmp_dir, a->out_dir, err) < 0))
		goto out;
	r = 0;
out:
	for (size_t i = 0; i < c.n_outs; i++)
		ut_pcap_out_close(c.outs[i].pc, NULL);
	if (c.events)
		fclose(c.events);
	if (c.log)
		fclose(c.log);
	if (c.tmp_dir) {
		if (r < 0)
			ut_tool_remove_tree(c.tmp_dir);
		free(c.tmp_dir);
	}
	ut_bpf_free(c.bpf);
	free(c.cur_frame);
	ut_engine_free(e);
	close_inputs(a);
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
		ut_buf_printf(&io->out, "%s\n", usage_text(trace));
		return 0;
	}
	if (err.status || run_main(&a, io, &err) < 0) {
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
