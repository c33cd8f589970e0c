/* explain.c: the account of each input packet that `utables trace`
 * prints and `run --json-packets` writes (tool.h, "explain").
 *
 * The engine reports what happens to a packet as it happens (a rule
 * that matched, a table's verdict, a step such as a drop or an answer
 * not sent, a frame leaving); this file collects those events for one
 * input packet (or one batch of timers) and renders them when the packet
 * is done, because the summary line that opens the account names the
 * interfaces the packet left on, known only at its end. Text and JSON
 * are two renderings of the same events.
 *
 * Ownership: an explain owns its events and their strings; the rule set
 * it prints rules from is borrowed from the engine's caller.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool/tool.h"
#include "tool/json.h"
#include "engine/engine.h"

enum ev_kind {
	EV_RULE,     /* a rule that matched, or a user chain's end */
	EV_VERDICT,  /* a table's answer */
	EV_STEP,     /* free text of the engine (a step, a reason) */
	EV_LOG,      /* a kernel log line (TRACE, LOG, ...) */
	EV_DROP,     /* dropped outside of a verdict */
	EV_OUT,      /* a frame sent, or a delivery to the local stack */
};

struct ev {
	enum ev_kind kind;
	bool answer;            /* about a datagram the host built (an
				 * RST, an ICMP error, an ARP request) */
	unsigned long packet;   /* the input packet it descends from */
	uint64_t ts;            /* the time it happened (timers) */
	char *text;             /* rule: its -S line; verdict: its name;
				 * step, log, drop: the text */
	const char *hook, *table, *chain; /* rule, verdict (static or the
					   * rule set's) */
	size_t rule;            /* 1-based rule number, 0: the chain's end */
	bool accept;            /* verdict: NF_ACCEPT (the packet goes on) */
	const char *drop, *why; /* drop: the reason's name, its meaning */
	char iface[UT_IFNAMSIZ]; /* out: the device ("" local) */
	unsigned long frame;    /* out: the frame's number in its pcap */
};

/* frames written so far per output file, to number the next */
struct out_count {
	char name[UT_IFNAMSIZ]; /* "" for local.pcap */
	unsigned long frames;
};

struct ut_explain {
	bool json;
	/* the record being built: an input packet, or timers */
	bool timers;
	unsigned long number;
	uint64_t ts;
	unsigned long last_packet;  /* of the last event with a packet: a
				     * log line (which has none) follows
				     * what made it */
	uint64_t last_ts;
	char in[UT_IFNAMSIZ];
	size_t len;
	char summary[200];      /* "TCP 192.0.2.2:42000 > ..." */
	struct ev *ev;
	size_t n_ev, cap_ev;
	struct out_count *outs;
	size_t n_outs, cap_outs;
	bool oom;
};

struct ut_explain *
ut_explain_new(bool json)
{
	struct ut_explain *x = calloc(1, sizeof(*x));

	if (x)
		x->json = json;
	return x;
}

static void
clear_events(struct ut_explain *x)
{
	for (size_t i = 0; i < x->n_ev; i++)
		free(x->ev[i].text);
	x->n_ev = 0;
}

void
ut_explain_free(struct ut_explain *x)
{
	if (!x)
		return;
	clear_events(x);
	free(x->ev);
	free(x->outs);
	free(x);
}

/* ---- the summary line of a packet ---------------------------------------- */

static const char *
proto_word(uint8_t proto)
{
	switch (proto) {
	case 1: return "ICMP";
	case 2: return "IGMP";
	case 6: return "TCP";
	case 17: return "UDP";
	case 47: return "GRE";
	case 50: return "ESP";
	case 51: return "AH";
	case 132: return "SCTP";
	case 136: return "UDPLITE";
	default: return NULL;
	}
}

/* tcp_flags: the flags as LOG names them (SYN ACK ...), space separated */
static void
tcp_flags(uint8_t fl, char *out, size_t size)
{
	static const char *const names[8] = { "FIN", "SYN", "RST", "PSH",
					      "ACK", "URG", "ECE", "CWR" };
	size_t n = 0;

	out[0] = 0;
	for (int i = 0; i < 8; i++)
		if (fl & (1u << i))
			n += (size_t)snprintf(out + n, size - n, "%s%s",
					      n ? " " : "", names[i]);
}

/* summarize_ip: "TCP 192.0.2.2:42000 > 203.0.113.10:23 [SYN]" */
static void
summarize_ip(const uint8_t *ip, size_t len, char *out, size_t size)
{
	char src[INET_ADDRSTRLEN], dst[INET_ADDRSTRLEN], flags[48];
	unsigned hl, frag;
	const uint8_t *th;
	const char *pw;
	uint8_t proto;

	if (len < 20 || (ip[0] >> 4) != 4 || (ip[0] & 15) < 5 ||
	    (size_t)(ip[0] & 15) * 4 > len) {
		snprintf(out, size, "IPv4, a bad header");
		return;
	}
	hl = (ip[0] & 15) * 4u;
	inet_ntop(AF_INET, ip + 12, src, sizeof(src));
	inet_ntop(AF_INET, ip + 16, dst, sizeof(dst));
	proto = ip[9];
	pw = proto_word(proto);
	frag = (unsigned)(ip[6] << 8 | ip[7]) & 0x1fff;
	th = ip + hl;
	if (frag) {
		snprintf(out, size, "%s %s > %s, fragment at %u",
			 pw ? pw : "IP", src, dst, frag * 8);
	} else if ((proto == 6 || proto == 17 || proto == 132 ||
		    proto == 136) && len >= hl + 4) {
		int n = snprintf(out, size, "%s %s:%u > %s:%u", pw, src,
				 th[0] << 8 | th[1], dst, th[2] << 8 | th[3]);

		if (proto == 6 && len >= hl + 14 && n > 0 &&
		    (size_t)n < size) {
			tcp_flags(th[13], flags, sizeof(flags));
			snprintf(out + n, size - (size_t)n, " [%s]", flags);
		}
	} else if (proto == 1 && len >= hl + 2) {
		snprintf(out, size, "ICMP %s > %s type %u code %u", src, dst,
			 th[0], th[1]);
	} else if (pw) {
		snprintf(out, size, "%s %s > %s", pw, src, dst);
	} else {
		snprintf(out, size, "IP proto %u %s > %s", proto, src, dst);
	}
}

/* summarize: the frame (Ethernet, or raw IP for --local) in one phrase */
static void
summarize(const uint8_t *f, size_t len, bool eth, char *out, size_t size)
{
	char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];
	unsigned type;

	if (!eth) {
		summarize_ip(f, len, out, size);
		return;
	}
	if (len < 14) {
		snprintf(out, size, "a frame shorter than an Ethernet header");
		return;
	}
	type = (unsigned)(f[12] << 8 | f[13]);
	if (type == 0x0800) {
		summarize_ip(f + 14, len - 14, out, size);
	} else if (type == 0x0806 && len >= 14 + 28) {
		inet_ntop(AF_INET, f + 14 + 24, a, sizeof(a));
		inet_ntop(AF_INET, f + 14 + 14, b, sizeof(b));
		if (f[14 + 7] == 1)
			snprintf(out, size, "ARP who-has %s tell %s", a, b);
		else
			snprintf(out, size, "ARP %s is-at "
				 "%02x:%02x:%02x:%02x:%02x:%02x", b, f[22],
				 f[23], f[24], f[25], f[26], f[27]);
	} else {
		snprintf(out, size, "ethertype 0x%04x", type);
	}
}

/* ---- events -------------------------------------------------------------- */

static struct ev *
add_event(struct ut_explain *x, enum ev_kind kind, const struct ut_pkt *p)
{
	struct ev *e;

	if (x->n_ev == x->cap_ev) {
		size_t cap = x->cap_ev ? 2 * x->cap_ev : 16;
		struct ev *n = realloc(x->ev, cap * sizeof(*n));

		if (!n) {
			x->oom = true;
			return NULL;
		}
		x->ev = n;
		x->cap_ev = cap;
	}
	e = &x->ev[x->n_ev++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->answer = p && p->host_built;
	if (p) {
		x->last_packet = p->number;
		x->last_ts = p->tstamp_ns;
	}
	e->packet = p ? p->number : x->timers ? x->last_packet : x->number;
	e->ts = p ? p->tstamp_ns : x->timers ? x->last_ts : x->ts;
	return e;
}

static void
set_text(struct ut_explain *x, struct ev *e, const char *text)
{
	e->text = strdup(text);
	if (!e->text)
		x->oom = true;
}

void
ut_explain_begin(struct ut_explain *x, unsigned long number, uint64_t ts,
		 const char *in, const uint8_t *frame, size_t len, bool eth)
{
	clear_events(x);
	x->timers = false;
	x->number = number;
	x->ts = ts;
	snprintf(x->in, sizeof(x->in), "%s", in ? in : "local");
	x->len = len;
	summarize(frame, len, eth, x->summary, sizeof(x->summary));
}

void
ut_explain_begin_timers(struct ut_explain *x)
{
	clear_events(x);
	x->timers = true;
	x->number = 0;
	x->last_packet = 0;
	x->last_ts = 0;
}

void
ut_explain_timer_clock(struct ut_explain *x, uint64_t ts)
{
	x->last_ts = ts;
}

bool
ut_explain_empty(const struct ut_explain *x)
{
	return x->n_ev == 0;
}

/* the name of a verdict: NF_ACCEPT ..., or the rule's target with its
 * options (REJECT --reject-with tcp-reset) */
static void
verdict_text(const struct ut_trace_rule *r, struct ut_buf *out)
{
	static const char *const nf[] = { "DROP", "ACCEPT", "STOLEN",
					  "QUEUE", "REPEAT", "STOP" };
	unsigned v = r->verdict & UT_NF_VERDICT_MASK;
	const struct ut_rule *rule = r->idx < r->chain->n_rules ?
				     r->chain->rules[r->idx] : NULL;

	if (r->hotdrop)
		ut_buf_puts(out, "DROP (a match asked for it)");
	else if (rule && rule->verdict != UT_V_NONE)
		ut_print_rule_target(rule, out, NULL);
	else
		ut_buf_puts(out, v < sizeof(nf) / sizeof(nf[0]) ? nf[v] :
			    "?");
	if (rule)
		ut_buf_printf(out, " by rule %zu of %s/%s", r->idx + 1,
			      r->table->name, r->chain->name);
	else
		ut_buf_printf(out, " by policy of %s/%s", r->table->name,
			      r->chain->name);
}

void
ut_explain_rule(struct ut_explain *x, const struct ut_pkt *p,
		const struct ut_trace_rule *r)
{
	struct ev *e;
	struct ut_buf b;

	/* a built-in chain's end is its policy: the verdict says it */
	if (!r->end && r->idx == r->chain->n_rules && r->chain->hook >= 0)
		return;
	e = add_event(x, r->end ? EV_VERDICT : EV_RULE, p);
	if (!e)
		return;
	e->hook = ut_hook_name((int)r->hook);
	e->table = r->table->name;
	e->chain = r->chain->name;
	e->rule = r->idx < r->chain->n_rules ? r->idx + 1 : 0;
	e->accept = r->end && !r->hotdrop &&
		    (r->verdict & UT_NF_VERDICT_MASK) == UT_NF_ACCEPT;
	ut_buf_init(&b);
	if (r->end)
		verdict_text(r, &b);
	else if (e->rule)
		ut_print_rule_save(r->chain->rules[r->idx], r->chain->name, 0,
				   NULL, &b, NULL);
	if (b.len && b.data[b.len - 1] == '\n')
		b.data[--b.len] = 0;
	set_text(x, e, ut_buf_str(&b));
	ut_buf_fini(&b);
}

void
ut_explain_step(struct ut_explain *x, const struct ut_pkt *p,
		const char *text)
{
	struct ev *e = add_event(x, EV_STEP, p);

	if (e)
		set_text(x, e, text);
}

void
ut_explain_log(struct ut_explain *x, const char *line, size_t len)
{
	struct ev *e = add_event(x, EV_LOG, NULL);

	if (!e)
		return;
	e->text = strndup(line, len);
	if (!e->text)
		x->oom = true;
}

void
ut_explain_drop(struct ut_explain *x, const struct ut_pkt *p,
		enum ut_drop_reason why)
{
	struct ev *e = add_event(x, EV_DROP, p);
	char text[256];

	if (!e)
		return;
	e->drop = ut_drop_reason_name(why);
	e->why = ut_drop_reason_why(why);
	snprintf(text, sizeof(text), "dropped (%s): %s", e->drop, e->why);
	set_text(x, e, text);
}

/* next_frame: the number the next frame of the output file gets */
static unsigned long
next_frame(struct ut_explain *x, const char *name)
{
	for (size_t i = 0; i < x->n_outs; i++)
		if (strcmp(x->outs[i].name, name) == 0)
			return ++x->outs[i].frames;
	if (x->n_outs == x->cap_outs) {
		size_t cap = x->cap_outs ? 2 * x->cap_outs : 8;
		struct out_count *n = realloc(x->outs, cap * sizeof(*n));

		if (!n) {
			x->oom = true;
			return 0;
		}
		x->outs = n;
		x->cap_outs = cap;
	}
	snprintf(x->outs[x->n_outs].name, UT_IFNAMSIZ, "%s", name);
	x->outs[x->n_outs].frames = 1;
	x->n_outs++;
	return 1;
}

void
ut_explain_sent(struct ut_explain *x, const struct ut_pkt *p,
		const struct ut_iface *dev, bool record)
{
	const char *name = dev ? dev->name : "";
	unsigned long frame = next_frame(x, name);
	struct ev *e = record ? add_event(x, EV_OUT, p) : NULL;

	if (!e)
		return;
	snprintf(e->iface, sizeof(e->iface), "%s", name);
	e->frame = frame;
}

/* ---- the packet's verdict ------------------------------------------------ */

/* packet_verdict: what decided the packet's fate: the first table
 * verdict other than ACCEPT, else a drop outside of the tables, else the
 * last ACCEPT; NULL when no table saw it and nothing dropped it */
static const char *
packet_verdict(const struct ut_explain *x, const char **drop)
{
	const struct ev *accept = NULL;

	*drop = NULL;
	for (size_t i = 0; i < x->n_ev; i++) {
		const struct ev *e = &x->ev[i];

		if (e->answer)
			continue;
		if (e->kind == EV_VERDICT) {
			if (!e->accept)
				return e->text;
			accept = e;
		}
		if (e->kind == EV_DROP && !*drop) {
			*drop = e->drop;
			return e->text;
		}
	}
	return accept ? accept->text : NULL;
}

/* ---- text ---------------------------------------------------------------- */

static const char *
out_name(const struct ev *e)
{
	return e->iface[0] ? e->iface : "local";
}

/* the interfaces the packet itself left on ("local": delivered) */
static void
text_outs(const struct ut_explain *x, struct ut_buf *out)
{
	size_t shown = 0;

	for (size_t i = 0; i < x->n_ev; i++) {
		const struct ev *e = &x->ev[i];
		bool seen = false;

		if (e->kind != EV_OUT || e->answer)
			continue;
		for (size_t k = 0; k < i && !seen; k++)
			seen = x->ev[k].kind == EV_OUT && !x->ev[k].answer &&
			       strcmp(x->ev[k].iface, e->iface) == 0;
		if (!seen)
			ut_buf_printf(out, "%s%s", shown++ ? "," : " -> ",
				      out_name(e));
	}
	if (!shown)
		ut_buf_puts(out, " -> nowhere");
}

static void
text_event(const struct ut_explain *x, const struct ev *e,
	   struct ut_buf *out)
{
	const char *who = e->answer ? "the host's answer: " : "";

	if (e->kind == EV_LOG) {
		ut_buf_printf(out, "%s\n", e->text);
		return;
	}
	ut_buf_puts(out, "  ");
	if (x->timers && e->packet)
		ut_buf_printf(out, "(packet %lu) ", e->packet);
	switch (e->kind) {
	case EV_RULE:
		if (e->rule)
			ut_buf_printf(out, "%s%s %s/%s rule %zu: %s\n", who,
				      e->hook, e->table, e->chain, e->rule,
				      e->text);
		else
			ut_buf_printf(out, "%s%s %s/%s: end of chain, "
				      "return\n", who, e->hook, e->table,
				      e->chain);
		break;
	case EV_VERDICT:
		ut_buf_printf(out, "%s%s %s: %s\n", who, e->hook, e->table,
			      e->text);
		break;
	case EV_STEP:
		ut_buf_printf(out, "-> %s%s\n", who, e->text);
		break;
	case EV_DROP:
		ut_buf_printf(out, "-> %s%s\n", who, e->text);
		break;
	case EV_OUT:
		if (e->iface[0])
			ut_buf_printf(out, "-> %ssent on %s (frame %lu of "
				      "%s.pcap)\n", who, e->iface, e->frame,
				      e->iface);
		else
			ut_buf_printf(out, "-> %sdelivered to the local stack "
				      "(frame %lu of local.pcap)\n", who,
				      e->frame);
		break;
	case EV_LOG:
		break;
	}
}

static void
render_text(const struct ut_explain *x, struct ut_buf *out)
{
	const char *verdict, *drop;
	uint64_t shown_ts = UINT64_MAX;

	if (x->timers) {
		for (size_t i = 0; i < x->n_ev; i++) {
			if (x->ev[i].ts != shown_ts) {
				shown_ts = x->ev[i].ts;
				ut_buf_printf(out, "timers at %llu.%09llu\n",
					      (unsigned long long)(shown_ts /
							1000000000u),
					      (unsigned long long)(shown_ts %
							1000000000u));
			}
			text_event(x, &x->ev[i], out);
		}
		return;
	}
	ut_buf_printf(out, "packet %lu: %s", x->number, x->in);
	text_outs(x, out);
	ut_buf_printf(out, " at %llu.%09llu, %zu bytes: %s\n",
		      (unsigned long long)(x->ts / 1000000000u),
		      (unsigned long long)(x->ts % 1000000000u), x->len,
		      x->summary);
	for (size_t i = 0; i < x->n_ev; i++)
		text_event(x, &x->ev[i], out);
	verdict = packet_verdict(x, &drop);
	ut_buf_printf(out, "  verdict: %s\n",
		      verdict ? verdict : "no table saw it");
}

/* ---- JSON ---------------------------------------------------------------- */

static void
json_time(struct ut_json *j, const char *key, uint64_t ts)
{
	char t[32];

	snprintf(t, sizeof(t), "%llu.%09llu",
		 (unsigned long long)(ts / 1000000000u),
		 (unsigned long long)(ts % 1000000000u));
	ut_json_str(j, key, t);
}

static void
json_event(const struct ut_explain *x, const struct ev *e, struct ut_json *j)
{
	ut_json_obj_begin(j, NULL);
	if (x->timers) {
		json_time(j, "time", e->ts);
		ut_json_uint(j, "packet", e->packet);
	}
	if (e->answer)
		ut_json_bool(j, "answer", true);
	switch (e->kind) {
	case EV_RULE:
	case EV_VERDICT:
		ut_json_str(j, "hook", e->hook);
		ut_json_str(j, "table", e->table);
		ut_json_str(j, "chain", e->chain);
		if (e->rule)
			ut_json_uint(j, "rule", e->rule);
		if (e->kind == EV_VERDICT)
			ut_json_str(j, "verdict", e->text);
		else if (e->rule)
			ut_json_str(j, "text", e->text);
		else
			ut_json_str(j, "return", "end of chain");
		break;
	case EV_STEP:
		ut_json_str(j, "step", e->text);
		break;
	case EV_LOG:
		ut_json_str(j, "log", e->text);
		break;
	case EV_DROP:
		ut_json_str(j, "dropped", e->drop);
		ut_json_str(j, "why", e->why);
		break;
	case EV_OUT:
		ut_json_str(j, "sent", out_name(e));
		break;
	}
	ut_json_obj_end(j);
}

/* is_trace_line: a TRACE log line, which JSON leaves out: its rule
 * events say the same, and so `trace --json` (every packet traced) and
 * `run --json-packets` (only those a TRACE rule marks) agree */
static bool
is_trace_line(const struct ev *e)
{
	return e->kind == EV_LOG && strncmp(e->text, "TRACE: ", 7) == 0;
}

static void
render_json(const struct ut_explain *x, struct ut_buf *out)
{
	const char *verdict, *drop;
	struct ut_json j;

	ut_json_init(&j, out);
	ut_json_obj_begin(&j, NULL);
	if (x->timers) {
		json_time(&j, "timers", x->n_ev ? x->ev[0].ts : 0);
	} else {
		ut_json_uint(&j, "packet", x->number);
		json_time(&j, "time", x->ts);
		ut_json_str(&j, "in", x->in);
		ut_json_uint(&j, "length", x->len);
		ut_json_str(&j, "summary", x->summary);
	}
	ut_json_arr_begin(&j, "path");
	for (size_t i = 0; i < x->n_ev; i++)
		if (x->ev[i].kind != EV_OUT && !is_trace_line(&x->ev[i]))
			json_event(x, &x->ev[i], &j);
	ut_json_arr_end(&j);
	if (!x->timers) {
		verdict = packet_verdict(x, &drop);
		ut_json_str(&j, "verdict", verdict);
		if (drop)
			ut_json_str(&j, "dropped", drop);
	}
	ut_json_arr_begin(&j, "outputs");
	for (size_t i = 0; i < x->n_ev; i++) {
		const struct ev *e = &x->ev[i];
		char pcap[UT_IFNAMSIZ + 8];

		if (e->kind != EV_OUT)
			continue;
		snprintf(pcap, sizeof(pcap), "%s.pcap", out_name(e));
		ut_json_obj_begin(&j, NULL);
		if (x->timers) {
			json_time(&j, "time", e->ts);
			ut_json_uint(&j, "packet", e->packet);
		}
		ut_json_str(&j, "iface", e->iface[0] ? e->iface : NULL);
		ut_json_str(&j, "pcap", pcap);
		ut_json_uint(&j, "frame", e->frame);
		ut_json_bool(&j, "answer", e->answer);
		ut_json_obj_end(&j);
	}
	ut_json_arr_end(&j);
	ut_json_obj_end(&j);
	ut_buf_putc(out, '\n');
}

int
ut_explain_end(struct ut_explain *x, struct ut_buf *out)
{
	if (x->oom)
		return -1;
	if (x->json)
		render_json(x, out);
	else
		render_text(x, out);
	clear_events(x);
	return 0;
}
