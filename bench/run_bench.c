/* run_bench.c: packets per second through the engine, against decode-only
 * in the same process (bench/README.md, "run: packets through the engine").
 *
 * usage: ut-bench-run -H HOST -r RULES -p PCAP [-i IFACE] [-n REPS]
 *                     [-c CHAIN] [-o]
 *
 * Everything is loaded once (the host, the rules, every frame of the pcap
 * into one array); then, REPS times each (the best is reported):
 *   decode   the checks ut_engine_rx does before PREROUTING: Ethernet
 *            (our MAC, VLAN 0, ethertype) and ip_rcv_core's header checks
 *            with the header checksum, on every frame;
 *   empty    the engine with an empty rule set (path cost: routing,
 *            TTL, neighbour, transmit);
 *   rules    the engine with RULES.
 * The engine's sink counts transmitted frames and discards them. Times
 * are the process's CPU time (steady on a shared machine), with the wall
 * clock beside them; ratios are engine pps / decode pps, on CPU time. CHAIN (default CB, as cb2restore.py names
 * it) is the chain whose per-rule counters give the mean number of rules
 * a packet was tested against.
 *
 * -o runs only the engine with RULES (for a profiler: perf record sees
 * nothing else but the loading).
 *
 * A measuring tool, not a test: it asserts nothing about speed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conntrack/conntrack.h"
#include "tool/tool.h"
#include "engine/engine.h"
#include "host/host.h"
#include "engine/pkt.h"
#include "rules/ruleset.h"
#include "io/pcap.h"

struct frames {
	uint8_t *data;
	size_t *off, *len;
	uint64_t *ts;
	const struct ut_iface **dev;  /* where each frame arrives */
	size_t n, cap, bytes, data_cap;
};

struct sink_count {
	unsigned long tx;
	unsigned long long tx_bytes;
	unsigned long events;
	unsigned long long event_bytes;
};

/* a time on two clocks: the process's CPU time (steady on a shared
 * machine: time spent descheduled is not counted) and the wall clock */
struct span {
	double cpu, wall;
};

struct result {
	double best_s;          /* fastest repetition, CPU time */
	double best_wall;       /* fastest repetition, wall clock */
	unsigned long out;      /* frames out (or frames passing decode) */
	struct ut_engine_stats st;
	struct ut_engine *last;  /* the last repetition's engine (counters) */
};

static void
die(const char *what, const struct ut_err *err)
{
	fprintf(stderr, "ut-bench-run: %s: %s\n", what, err ? err->msg : "");
	exit(2);
}

static struct span
now(void)
{
	struct timespec c, w;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c);
	clock_gettime(CLOCK_MONOTONIC, &w);
	return (struct span){ (double)c.tv_sec + (double)c.tv_nsec * 1e-9,
			      (double)w.tv_sec + (double)w.tv_nsec * 1e-9 };
}

static struct span
since(struct span t0)
{
	struct span t = now();

	return (struct span){ t.cpu - t0.cpu, t.wall - t0.wall };
}

static struct ut_host *
load_host(const char *path)
{
	struct ut_err err;
	struct ut_host *h;

	ut_err_clear(&err);
	h = ut_tool_load_host(path, &err);
	if (!h)
		die(path, &err);
	return h;
}

static struct ut_ruleset *
load_rules(const char *path)
{
	struct ut_ruleset *rs;
	struct ut_buf warn;
	struct ut_err err;

	ut_err_clear(&err);
	ut_buf_init(&warn);
	rs = ut_tool_load_rules(path, &warn, &err);
	if (!rs)
		die(path, &err);
	ut_buf_fini(&warn);
	return rs;
}

static void
frames_add(struct frames *fr, const struct ut_iface *dev, uint64_t ts,
	   const uint8_t *d, size_t len)
{
	if (fr->n == fr->cap) {
		fr->cap = fr->cap ? fr->cap * 2 : 1024;
		fr->off = realloc(fr->off, fr->cap * sizeof(*fr->off));
		fr->len = realloc(fr->len, fr->cap * sizeof(*fr->len));
		fr->ts = realloc(fr->ts, fr->cap * sizeof(*fr->ts));
		fr->dev = realloc(fr->dev, fr->cap * sizeof(*fr->dev));
		if (!fr->off || !fr->len || !fr->ts || !fr->dev)
			die("out of memory", NULL);
	}
	if (fr->bytes + len > fr->data_cap) {
		fr->data_cap = (fr->bytes + len) * 2;
		fr->data = realloc(fr->data, fr->data_cap);
		if (!fr->data)
			die("out of memory", NULL);
	}
	memcpy(fr->data + fr->bytes, d, len);
	fr->off[fr->n] = fr->bytes;
	fr->len[fr->n] = len;
	fr->ts[fr->n] = ts;
	fr->dev[fr->n] = dev;
	fr->bytes += len;
	fr->n++;
}

static void
load_frames(const char *path, const struct ut_iface *dev, struct frames *fr)
{
	struct ut_pcap_in *in;
	struct ut_err err;
	const uint8_t *d;
	uint64_t ts;
	size_t len;
	int r;

	ut_err_clear(&err);
	if (ut_pcap_in_open(path, &in, &err) < 0)
		die(path, &err);
	if (ut_pcap_in_linktype(in) != UT_LINKTYPE_ETHERNET)
		die(path, NULL);
	while ((r = ut_pcap_in_next(in, &ts, &d, &len, &err)) == 1)
		frames_add(fr, dev, ts, d, len);
	if (r < 0)
		die(path, &err);
	ut_pcap_in_close(in);
}

/* frames of several captures in time order (ties: capture order), as
 * `utables run` merges its inputs */
static const struct frames *sort_fr;

static int
cmp_frame(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (sort_fr->ts[x] != sort_fr->ts[y])
		return sort_fr->ts[x] < sort_fr->ts[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

static void
sort_frames(struct frames *fr)
{
	size_t *idx = malloc(fr->n * sizeof(*idx));
	size_t *off = malloc(fr->n * sizeof(*off));
	size_t *len = malloc(fr->n * sizeof(*len));
	uint64_t *ts = malloc(fr->n * sizeof(*ts));
	const struct ut_iface **dev = malloc(fr->n * sizeof(*dev));

	if (!idx || !off || !len || !ts || !dev)
		die("out of memory", NULL);
	for (size_t i = 0; i < fr->n; i++)
		idx[i] = i;
	sort_fr = fr;
	qsort(idx, fr->n, sizeof(*idx), cmp_frame);
	for (size_t i = 0; i < fr->n; i++) {
		off[i] = fr->off[idx[i]];
		len[i] = fr->len[idx[i]];
		ts[i] = fr->ts[idx[i]];
		dev[i] = fr->dev[idx[i]];
	}
	free(fr->off);
	free(fr->len);
	free(fr->ts);
	free(fr->dev);
	fr->off = off;
	fr->len = len;
	fr->ts = ts;
	fr->dev = dev;
	free(idx);
}

/* ---- decode only ------------------------------------------------------- */

/* what ut_engine_rx checks before it allocates the packet and enters
 * PREROUTING: the frame is for us (our MAC, broadcast or multicast),
 * untagged or VLAN 0, IPv4; ip_rcv_core: version, ihl, lengths, header
 * checksum. Returns true if the frame would enter PREROUTING. */
static bool
decode(const struct ut_iface *dev, const uint8_t *f, size_t len)
{
	size_t off = UT_ETH_HLEN;
	uint16_t proto;

	if (len < UT_ETH_HLEN)
		return false;
	if (memcmp(f, dev->mac, 6) != 0 && !(f[0] & 1))
		return false;
	proto = ut_get16(f + 12);
	if (proto == UT_ETH_P_8021Q || proto == UT_ETH_P_8021AD) {
		if (len < off + 4 || (ut_get16(f + 14) & 0x0fff) != 0)
			return false;
		proto = ut_get16(f + 16);
		off += 4;
	}
	if (proto != UT_ETH_P_IP)
		return false;
	return ut_ip_rcv_check(f + off, len - off) == UT_DROP_NONE;
}

static struct span
run_decode(const struct frames *fr, unsigned long *ok)
{
	struct span t0 = now();
	unsigned long n = 0;

	for (size_t i = 0; i < fr->n; i++)
		n += decode(fr->dev[i], fr->data + fr->off[i], fr->len[i]);
	*ok = n;
	return since(t0);
}

/* ---- the engine -------------------------------------------------------- */

static void
count_tx(void *ctx, const struct ut_iface *dev, uint64_t ts,
	 const uint8_t *frame, size_t len)
{
	struct sink_count *c = ctx;

	c->tx++;
	c->tx_bytes += len;
}

/* a consumer of conntrack events (`conntrack -E`) that keeps nothing */
static void
count_event(void *ctx, const char *line, size_t len)
{
	struct sink_count *c = ctx;

	(void)line;
	c->events++;
	c->event_bytes += len;
}

static struct span
run_engine(const struct frames *fr, struct ut_ruleset *rs,
	   const struct ut_host *h, struct result *res)
{
	struct sink_count c = { 0 };
	struct ut_engine_sink sink = { .ctx = &c, .tx = count_tx,
				       .ct_event = count_event };
	struct ut_engine *e;
	struct ut_err err;
	struct span t0, t;

	ut_err_clear(&err);
	e = ut_engine_new(rs, h, &sink, &err);
	if (!e)
		die("ut_engine_new", &err);
	t0 = now();
	for (size_t i = 0; i < fr->n; i++) {
		/* the frame after the next is announced (`utables run`
		 * announces the next one: it reads its inputs one ahead) */
		if (i + 2 < fr->n)
			ut_engine_prefetch(e, fr->data + fr->off[i + 2],
					   fr->len[i + 2]);
		ut_engine_rx(e, fr->dev[i], fr->ts[i], i + 1, fr->data + fr->off[i],
			     fr->len[i]);
	}
	t = since(t0);
	res->out = c.tx;
	res->st = *ut_engine_stats(e);
	ut_engine_free(res->last);
	res->last = e;
	return t;
}

/* ---- report ------------------------------------------------------------ */

static void
keep_best(struct result *r, struct span t, int rep)
{
	if (rep == 0 || t.cpu < r->best_s)
		r->best_s = t.cpu;
	if (rep == 0 || t.wall < r->best_wall)
		r->best_wall = t.wall;
}

static void
print_line(const char *name, const struct result *r, size_t n,
	   const struct result *base)
{
	double pps = (double)n / r->best_s;

	printf("%-17s %8.3f Mpps %8.1f ns/pkt (wall %8.1f)  out %7lu",
	       name, pps / 1e6, r->best_s * 1e9 / (double)n,
	       r->best_wall * 1e9 / (double)n, r->out);
	if (base)
		printf("  ratio %.4f (1/%.1f)", base->best_s / r->best_s,
		       r->best_s / base->best_s);
	putchar('\n');
}

static bool
terminates(const struct ut_rule *r)
{
	return r->verdict == UT_V_ACCEPT || r->verdict == UT_V_DROP ||
	       r->verdict == UT_V_QUEUE || r->verdict == UT_V_RETURN ||
	       r->verdict == UT_V_GOTO;
}

/* mean number of CHAIN's rules a packet entering it was tested against,
 * from the counters: every packet still walking is tested against the
 * next rule; a terminating rule takes its matches out of the walk (a
 * -j ACCEPT chain stops at the first match, a -j MARK one never) */
static void
print_walk(struct ut_ruleset *rs, const struct ut_engine *e,
	   const char *name, double extra_ns)
{
	for (int id = 0; id < UT_TABLE_MAX; id++) {
		struct ut_table *t = ut_ruleset_table(rs, (enum ut_table_id)id);
		struct ut_chain *c = t ? ut_table_chain(t, name) : NULL;
		double entering = 0, walking, tested = 0;

		if (!c)
			continue;
		for (size_t i = 0; i < t->n_chains; i++)
			for (size_t j = 0; j < t->chains[i]->n_rules; j++) {
				const struct ut_rule *r =
					t->chains[i]->rules[j];

				if (r->chain == c && (r->verdict == UT_V_JUMP ||
						      r->verdict == UT_V_GOTO))
					entering += (double)ut_engine_counter(
						e, t->chains[i], j).pcnt;
			}
		if (entering == 0)
			continue;
		walking = entering;
		for (size_t j = 0; j < c->n_rules; j++) {
			tested += walking;
			if (terminates(c->rules[j]))
				walking -= (double)ut_engine_counter(
					e, c, j).pcnt;
		}
		printf("chain %s (%s, %zu rules): %.1f rules tested per packet "
		       "on average, %.1f%% of packets matched no rule\n",
		       name, t->name, c->n_rules, tested / entering,
		       100.0 * walking / entering);
		printf("  -> %.2f ns per rule tested (the extra ns/pkt of the "
		       "rules spread over them)\n",
		       extra_ns * entering / tested);
		return;
	}
	printf("chain %s: not found or never entered\n", name);
}

static void
print_drops(const char *name, const struct ut_engine_stats *st)
{
	bool any = false;

	for (int r = 1; r < UT_DROP_MAX; r++) {
		if (!st->drops[r])
			continue;
		printf("%s%s %lu", any ? ", " : "", ut_drop_reason_name(
			       (enum ut_drop_reason)r), st->drops[r]);
		any = true;
	}
	if (any)
		printf("  (drops, %s)\n", name);
}

static void
usage(void)
{
	fputs("usage: ut-bench-run -H HOST -r RULES {-p PCAP [-i IFACE] | "
	      "-P IFACE=PCAP ...} [-n REPS] [-c CHAIN] [-o]\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *host_path = NULL, *rules_path = NULL, *pcap_path = NULL;
	const char *iface = "eth0", *chain = "CB";
	char *inputs[16];
	int n_inputs = 0;
	int reps = 3, o;
	bool only_rules = false;
	struct frames fr = { 0 };
	struct ut_host *h;
	struct ut_ruleset *rs, *empty;
	const struct ut_iface *dev;
	struct result dec = { 0 }, eng0 = { 0 }, eng = { 0 };

	while ((o = getopt(argc, argv, "H:r:p:P:i:n:c:o")) != -1) {
		switch (o) {
		case 'H': host_path = optarg; break;
		case 'r': rules_path = optarg; break;
		case 'p': pcap_path = optarg; break;
		case 'i': iface = optarg; break;
		case 'P':
			if (n_inputs == 16 || !strchr(optarg, '='))
				usage();
			inputs[n_inputs++] = optarg;
			break;
		case 'n': reps = atoi(optarg); break;
		case 'c': chain = optarg; break;
		case 'o': only_rules = true; break;
		default: usage();
		}
	}
	if (!host_path || !rules_path || (!pcap_path && !n_inputs) || reps < 1)
		usage();
	h = load_host(host_path);
	rs = load_rules(rules_path);
	empty = ut_ruleset_new();
	if (!empty)
		die("out of memory", NULL);
	if (pcap_path) {
		dev = ut_host_iface(h, iface);
		if (!dev)
			die(iface, NULL);
		load_frames(pcap_path, dev, &fr);
	}
	for (int i = 0; i < n_inputs; i++) {
		char *eq = strchr(inputs[i], '=');

		*eq = '\0';
		dev = ut_host_iface(h, inputs[i]);
		if (!dev)
			die(inputs[i], NULL);
		load_frames(eq + 1, dev, &fr);
	}
	if (fr.n == 0)
		die("no frames", NULL);
	if (n_inputs + (pcap_path != NULL) > 1)
		sort_frames(&fr);
	printf("input: %zu frames, %.1f MB; best of %d runs each, "
	       "CPU time (wall clock in brackets)\n",
	       fr.n, (double)fr.bytes / 1e6, reps);

	if (only_rules) {
		for (int rep = 0; rep < reps; rep++)
			keep_best(&eng, run_engine(&fr, rs, h, &eng), rep);
		print_line("engine, rules", &eng, fr.n, NULL);
		if (ut_engine_conntrack_on(eng.last))
			printf("conntrack: %zu bytes an entry\n",
			       sizeof(struct ut_conn));
		print_drops("engine, rules", &eng.st);
		ut_engine_free(eng.last);
		return 0;
	}
	/* interleaved, so that a slow patch of the machine hits all three */
	for (int rep = 0; rep < reps; rep++) {
		keep_best(&dec, run_decode(&fr, &dec.out), rep);
		keep_best(&eng0, run_engine(&fr, empty, h, &eng0), rep);
		keep_best(&eng, run_engine(&fr, rs, h, &eng), rep);
	}
	print_line("decode only", &dec, fr.n, NULL);
	print_line("engine, no rules", &eng0, fr.n, &dec);
	print_line("engine, rules", &eng, fr.n, &dec);
	printf("rules vs no rules: ratio %.4f (1/%.1f); %.1f ns/pkt more\n",
	       eng0.best_s / eng.best_s, eng.best_s / eng0.best_s,
	       (eng.best_s - eng0.best_s) * 1e9 / (double)fr.n);
	print_walk(rs, eng.last, chain, (eng.best_s - eng0.best_s) * 1e9 /
		   (double)fr.n);
	if (ut_engine_conntrack_on(eng.last))
		printf("conntrack: %zu bytes an entry (struct ut_conn; malloc "
		       "adds its header)\n", sizeof(struct ut_conn));
	print_drops("engine, no rules", &eng0.st);
	print_drops("engine, rules", &eng.st);

	ut_engine_free(eng.last);
	ut_engine_free(eng0.last);
	ut_ruleset_free(rs);
	ut_ruleset_free(empty);
	ut_host_free(h);
	free(fr.data);
	free(fr.off);
	free(fr.len);
	free(fr.ts);
	free(fr.dev);
	return 0;
}
