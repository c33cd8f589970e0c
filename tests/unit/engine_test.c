/* engine_test.c: the engine's house: the timer queue on the packet clock,
 * the hook lists in priority order, extension runtime state and named
 * shared objects, engine-owned counters (the rule set stays untouched),
 * the engine's outputs. Test extensions defined here exercise the
 * interfaces the stateful extensions use. */
#include <stdlib.h>
#include <string.h>

#include "engine/bucket.h"
#include "engine/engine_int.h"
#include "host/host.h"
#include "rules/ext.h"
#include "unit.h"

/* ---- timers ------------------------------------------------------------- */

struct ttimer {
	struct ut_timer t;
	int id;
	int rearm;          /* fire again this many more times, 1 s later */
};

static int fired[32];
static uint64_t fired_at[32];
static size_t n_fired;

static void
ttimer_fire(struct ut_engine *e, struct ut_timer *t)
{
	struct ttimer *tt = (struct ttimer *)t;

	if (n_fired < 32) {
		fired[n_fired] = tt->id;
		fired_at[n_fired++] = ut_engine_now_ns(e);
	}
	if (tt->rearm-- > 0)
		ut_timer_arm(e, t, ut_engine_now_ns(e) + 1000000000u);
}

static struct ut_engine *
bare_engine(struct ut_ruleset **rs, struct ut_host **h)
{
	struct ut_err err;
	struct ut_engine *e;

	ut_err_clear(&err);
	*rs = ut_ruleset_new();
	*h = ut_host_new();
	CHECK(*h && ut_host_parse(*h, "link add eth0 address 02:00:00:00:01:00\n"
				  "addr add 192.0.2.1/24 dev eth0\n",
				  "HOST", &err) == 0, "host: %s", err.msg);
	e = *rs && *h ? ut_engine_new(*rs, *h, NULL, &err) : NULL;
	CHECK(e != NULL, "engine: %s", err.msg);
	return e;
}

static void
test_timers_order(void)
{
	static const struct { int id; uint64_t when; } arm[] = {
		{ 1, 5000 }, { 2, 1000 }, { 3, 3000 }, { 4, 1000 },
		{ 5, 9000 }, { 6, 3000 }, { 7, 2000 },
	};
	/* ties in arming order; 6 cancelled; 5 re-armed to 2500 */
	static const int want[] = { 2, 4, 7, 5, 3, 1 };
	struct ttimer t[7];
	struct ut_ruleset *rs;
	struct ut_host *h;
	struct ut_engine *e = bare_engine(&rs, &h);

	if (!e)
		return;
	n_fired = 0;
	ut_engine_advance(e, 100);
	for (size_t i = 0; i < 7; i++) {
		ut_timer_init(&t[i].t, ttimer_fire);
		t[i].id = arm[i].id;
		t[i].rearm = 0;
		CHECK(ut_timer_arm(e, &t[i].t, arm[i].when) == 0, "arm %zu", i);
	}
	ut_timer_cancel(e, &t[5].t);
	CHECK(!ut_timer_armed(&t[5].t), "cancelled timer still armed");
	ut_timer_arm(e, &t[4].t, 2500);
	ut_engine_advance(e, 4999);
	CHECK(n_fired == 5, "fired %zu before 4999, want 5", n_fired);
	ut_engine_advance(e, 5000);
	CHECK(n_fired == 6, "fired %zu by 5000, want 6", n_fired);
	for (size_t i = 0; i < 6 && i < n_fired; i++)
		CHECK(fired[i] == want[i], "fire %zu: timer %d, want %d", i,
		      fired[i], want[i]);
	/* each ran with the clock at its own expiry */
	CHECK(fired_at[0] == 1000 && fired_at[2] == 2000 &&
	      fired_at[3] == 2500 && fired_at[5] == 5000,
	      "clock at firing: %llu %llu %llu %llu",
	      (unsigned long long)fired_at[0], (unsigned long long)fired_at[2],
	      (unsigned long long)fired_at[3], (unsigned long long)fired_at[5]);
	CHECK(ut_engine_now_ns(e) == 5000, "clock after advance");
	ut_engine_free(e);
	ut_ruleset_free(rs);
	ut_host_free(h);
}

/* a timer that re-arms itself fires again within the same advance when
 * due, and a timer armed in the past fires at the current time */
static void
test_timers_rearm(void)
{
	struct ttimer t, past;
	struct ut_ruleset *rs;
	struct ut_host *h;
	struct ut_engine *e = bare_engine(&rs, &h);

	if (!e)
		return;
	n_fired = 0;
	ut_engine_advance(e, 1000000000u);
	ut_timer_init(&t.t, ttimer_fire);
	t.id = 1;
	t.rearm = 2;
	ut_timer_arm(e, &t.t, 2000000000u);
	ut_engine_advance(e, 4500000000u);
	CHECK(n_fired == 3, "periodic timer fired %zu times, want 3", n_fired);
	CHECK(n_fired == 3 && fired_at[2] == 4000000000u, "third firing at %llu",
	      (unsigned long long)fired_at[2]);
	ut_timer_init(&past.t, ttimer_fire);
	past.id = 2;
	past.rearm = 0;
	ut_timer_arm(e, &past.t, 10);
	ut_engine_advance(e, 4500000000u);
	CHECK(n_fired == 4 && fired_at[3] == 4500000000u,
	      "timer in the past fired %zu, at %llu", n_fired,
	      (unsigned long long)fired_at[n_fired ? n_fired - 1 : 0]);
	/* the clock never goes back */
	ut_engine_advance(e, 1);
	CHECK(ut_engine_now_ns(e) == 4500000000u, "clock went back");
	/* an armed timer at free: the queue lets go of it */
	ut_timer_arm(e, &t.t, 9000000000u);
	ut_engine_free(e);
	CHECK(!ut_timer_armed(&t.t), "timer still armed after engine free");
	ut_ruleset_free(rs);
	ut_host_free(h);
}

/* ---- a frame to the host ------------------------------------------------ */

static size_t
udp_frame(uint8_t *f, uint32_t src_host, uint16_t dport)
{
	static const uint8_t mac[12] = { 0x02, 0, 0, 0, 1, 0,
					 0x02, 0, 0, 0, 2, 0 };
	uint8_t *ip = f + 14;

	memset(f, 0, 14 + 28);
	memcpy(f, mac, 12);
	ut_put16(f + 12, UT_ETH_P_IP);
	ip[0] = 0x45;
	ut_put16(ip + 2, 28);
	ip[8] = 64;
	ip[9] = 17;
	ut_put32(ip + 12, 0xc0000200u | src_host);  /* 192.0.2.x */
	ut_put32(ip + 16, 0xc0000201u);             /* 192.0.2.1 */
	ut_put16(ip + 20, 1000);
	ut_put16(ip + 22, dport);
	ut_put16(ip + 24, 8);
	ut_ip_send_check(ip);
	return 14 + 28;
}

/* ---- hooks -------------------------------------------------------------- */

static char hook_calls[64];

static unsigned
hook_record(struct ut_engine *e, const void *priv, struct ut_pkt *p,
	    const struct ut_hook_state *st)
{
	size_t n = strlen(hook_calls);

	if (n + 1 < sizeof(hook_calls)) {
		hook_calls[n] = *(const char *)priv;
		hook_calls[n + 1] = 0;
	}
	return *(const char *)priv == 'x' ? UT_NF_DROP : UT_NF_ACCEPT;
}

static void
test_hooks(void)
{
	static const struct { const char *tag; int prio; } regs[] = {
		{ "d", UT_PRI_NAT_DST }, { "a", UT_PRI_CONNTRACK_DEFRAG },
		{ "c", UT_PRI_CONNTRACK }, { "f", UT_PRI_FILTER },
		{ "b", UT_PRI_RAW }, { "z", UT_PRI_CONNTRACK_CONFIRM },
		{ "g", UT_PRI_FILTER }, { "x", UT_PRI_SECURITY },
		{ "y", UT_PRI_NAT_SRC },
	};
	struct ut_ruleset *rs;
	struct ut_host *h;
	struct ut_engine *e = bare_engine(&rs, &h);
	const struct ut_iface *dev = h ? ut_host_iface(h, "eth0") : NULL;
	uint8_t f[64];
	size_t len;

	if (!e || !dev)
		return;
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		CHECK(ut_hook_register(e, UT_HOOK_PRE_ROUTING, regs[i].prio,
				       hook_record, regs[i].tag) == 0,
		      "register %s", regs[i].tag);
	CHECK(ut_hook_has(e, UT_HOOK_PRE_ROUTING, UT_PRI_CONNTRACK),
	      "conntrack priority registered");
	CHECK(!ut_hook_has(e, UT_HOOK_LOCAL_IN, UT_PRI_CONNTRACK),
	      "nothing at LOCAL_IN");
	hook_calls[0] = 0;
	len = udp_frame(f, 2, 53);
	ut_engine_rx(e, dev, 1000, 1, f, len);
	/* priority order, equal priorities in registration order, and the
	 * drop at 'x' ends the hook */
	CHECK_STR(hook_calls, "abcdfgx", "PREROUTING entries");
	CHECK(ut_engine_stats(e)->drops[UT_DROP_NETFILTER] == 1,
	      "the drop is netfilter's");
	ut_engine_free(e);
	ut_ruleset_free(rs);
	ut_host_free(h);
}

/* a nat table brings connection tracking: defrag, conntrack and confirm
 * at the kernel's priorities, registered before the tables */
static void
test_nat_brings_conntrack(void)
{
	struct ut_ruleset *rs = ut_ruleset_new();
	struct ut_host *h = ut_host_new();
	struct ut_err err;
	struct ut_engine *e;

	ut_err_clear(&err);
	if (!rs || !h || !ut_ruleset_table_get(rs, UT_TABLE_NAT))
		return;
	e = ut_engine_new(rs, h, NULL, &err);
	CHECK(e != NULL, "engine with a nat table");
	if (e) {
		CHECK(ut_hook_has(e, UT_HOOK_PRE_ROUTING,
				  UT_PRI_CONNTRACK_DEFRAG) &&
		      ut_hook_has(e, UT_HOOK_LOCAL_OUT,
				  UT_PRI_CONNTRACK_DEFRAG), "defrag");
		CHECK(ut_hook_has(e, UT_HOOK_PRE_ROUTING, UT_PRI_CONNTRACK) &&
		      ut_hook_has(e, UT_HOOK_LOCAL_OUT, UT_PRI_CONNTRACK),
		      "conntrack");
		CHECK(ut_hook_has(e, UT_HOOK_POST_ROUTING,
				  UT_PRI_CONNTRACK_CONFIRM) &&
		      ut_hook_has(e, UT_HOOK_LOCAL_IN,
				  UT_PRI_CONNTRACK_CONFIRM), "confirm");
		CHECK(!ut_hook_has(e, UT_HOOK_FORWARD, UT_PRI_CONNTRACK),
		      "nothing in FORWARD");
	}
	ut_engine_free(e);
	ut_ruleset_free(rs);
	ut_host_free(h);
}

/* ---- runtime state, shared objects, counters ---------------------------- */

static int live_states, live_shared;

/* "alt": matches every other packet it sees (a per-instance count) */
static int
alt_state_new(struct ut_engine *eng, const void *data, void **state,
	      struct ut_err *err)
{
	const uint32_t *fail = data;

	if (*fail)
		return ut_err_set(err, 2, "alt: refused");
	*state = calloc(1, sizeof(unsigned));
	if (!*state)
		return ut_err_set(err, 2, "out of memory");
	live_states++;
	return 0;
}

static void
alt_state_free(struct ut_engine *eng, void *state)
{
	live_states--;
	free(state);
}

static bool
alt_match(struct ut_xt_par *par)
{
	unsigned *seen = par->state;

	return (*seen)++ % 2 == 0;
}

static const struct ut_ext alt_ext = {
	.name = "alt", .kind = UT_EXT_MATCH, .size = sizeof(uint32_t),
	.match = alt_match, .state_new = alt_state_new,
	.state_free = alt_state_free,
};

/* "tally": counts packets in a shared object named by its data */
struct tally {
	unsigned long packets;
};

static void *
tally_new(struct ut_engine *e, const char *name, const void *arg,
	  struct ut_err *err)
{
	struct tally *t = calloc(1, sizeof(*t));

	if (!t)
		ut_err_set(err, 2, "out of memory");
	else
		live_shared++;
	return t;
}

static void
tally_free(struct ut_engine *e, void *obj)
{
	live_shared--;
	free(obj);
}

static void
tally_output(const struct ut_engine *e, const void *obj, const char *name,
	     struct ut_buf *path, struct ut_buf *text)
{
	const struct tally *t = obj;

	ut_buf_printf(path, "proc/net/tally/%s", name);
	ut_buf_printf(text, "%lu\n", t->packets);
}

static const struct ut_shared_ops tally_ops = {
	.kind = "tally", .new_obj = tally_new, .free_obj = tally_free,
	.output = tally_output,
};

static int
tally_state_new(struct ut_engine *eng, const void *data, void **state,
		struct ut_err *err)
{
	*state = ut_engine_shared_get(eng, &tally_ops, data, NULL, err);
	return *state ? 0 : -1;
}

static void
tally_state_free(struct ut_engine *eng, void *state)
{
	ut_engine_shared_put(eng, state);
}

static bool
tally_match(struct ut_xt_par *par)
{
	((struct tally *)par->state)->packets++;
	return true;
}

static const struct ut_ext tally_ext = {
	.name = "tally", .kind = UT_EXT_MATCH, .size = 8,
	.match = tally_match, .state_new = tally_state_new,
	.state_free = tally_state_free,
};

/* add_rule: append "-m EXT(data) -j verdict" to chain INPUT of filter */
static void
add_rule(struct ut_ruleset *rs, const struct ut_ext *x, const void *data,
	 size_t len, enum ut_verdict_kind v)
{
	struct ut_table *t = ut_ruleset_table_get(rs, UT_TABLE_FILTER);
	struct ut_chain *c = t ? ut_table_chain(t, "INPUT") : NULL;
	struct ut_rule *r = ut_rule_new();
	struct ut_xt *m = r ? ut_rule_add_match(r, x) : NULL;

	if (!c || !m) {
		CHECK(false, "out of memory building a rule");
		ut_rule_free(r);
		return;
	}
	memcpy(m->data, data, len);
	r->verdict = v;
	CHECK(ut_chain_insert(c, c->n_rules, r) == 0, "insert");
}

struct outputs {
	char text[256];
};

static int
collect_output(void *ctx, const char *path, const struct ut_buf *text,
	       struct ut_err *err)
{
	struct outputs *o = ctx;
	size_t n = strlen(o->text);

	snprintf(o->text + n, sizeof(o->text) - n, "%s=%s;", path,
		 ut_buf_str(text));
	return 0;
}

static void
test_state_and_counters(void)
{
	static const uint32_t ok = 0, refuse = 1;
	static const char name_a[8] = "A", name_b[8] = "B";
	struct ut_ruleset *rs = ut_ruleset_new();
	struct ut_host *h = ut_host_new();
	const struct ut_iface *dev;
	struct ut_counter_src src;
	struct ut_chain *input;
	struct outputs out = { "" };
	struct ut_engine *e;
	struct ut_err err;
	uint8_t f[64];
	size_t len;

	ut_err_clear(&err);
	if (!rs || !h || ut_host_parse(h, "link add eth0 address "
				       "02:00:00:00:01:00\naddr add "
				       "192.0.2.1/24 dev eth0\n", "HOST",
				       &err) < 0)
		return;
	/* 1: tally A, 2: tally A, 3: tally B, 4: alt -j DROP, policy */
	add_rule(rs, &tally_ext, name_a, 8, UT_V_NONE);
	add_rule(rs, &tally_ext, name_a, 8, UT_V_NONE);
	add_rule(rs, &tally_ext, name_b, 8, UT_V_NONE);
	add_rule(rs, &alt_ext, &ok, 4, UT_V_DROP);
	input = ut_table_chain(ut_ruleset_table(rs, UT_TABLE_FILTER), "INPUT");
	e = ut_engine_new(rs, h, NULL, &err);
	CHECK(e != NULL, "engine: %s", err.msg);
	dev = ut_host_iface(h, "eth0");
	if (!e || !dev || !input)
		return;
	CHECK(live_states == 1 && live_shared == 2,
	      "states %d (want 1), shared objects %d (want 2)", live_states,
	      live_shared);
	for (unsigned i = 0; i < 5; i++) {
		len = udp_frame(f, 2, 53);
		ut_engine_rx(e, dev, 1000 + i, i + 1, f, len);
	}
	/* alt matched packets 1, 3, 5: three drops, two accepted */
	CHECK(ut_engine_stats(e)->local == 2, "delivered %lu, want 2",
	      ut_engine_stats(e)->local);
	src = ut_engine_counter_src(e);
	CHECK(ut_counter_get(&src, input, 0).pcnt == 5, "rule 1 counter");
	CHECK(ut_counter_get(&src, input, 3).pcnt == 3, "rule 4 counter");
	CHECK(ut_counter_get(&src, input, 4).pcnt == 2 &&
	      ut_counter_get(&src, input, 4).bcnt == 56, "policy counters");
	/* the rule set is the engine's to read, never to write */
	CHECK(ut_counter_get(NULL, input, 0).pcnt == 0 && input->pcnt == 0,
	      "the rule set's own counters changed");
	CHECK(ut_engine_outputs(e, collect_output, &out, &err) == 0,
	      "outputs");
	CHECK_STR(out.text, "conntrack=;proc/net/tally/A=10\n;"
		  "proc/net/tally/B=5\n;", "engine outputs");
	ut_engine_free(e);
	CHECK(live_states == 0 && live_shared == 0,
	      "after free: states %d, shared %d", live_states, live_shared);

	/* a state_new that fails: no engine, its message, nothing left */
	add_rule(rs, &alt_ext, &refuse, 4, UT_V_NONE);
	e = ut_engine_new(rs, h, NULL, &err);
	CHECK(e == NULL, "engine despite a refused state");
	CHECK_STR(err.msg, "alt: refused (table filter, chain INPUT, rule 5)",
		  "state_new's error, with the rule");
	CHECK(live_states == 0 && live_shared == 0,
	      "after a failed engine: states %d, shared %d", live_states,
	      live_shared);
	ut_ruleset_free(rs);
	ut_host_free(h);
}

/* ---- the walk as reported to trace (sink.rule) -------------------------- */

/* "hot": asks for the drop; data 0: and fails, 1: and matches */
static bool
hot_match(struct ut_xt_par *par)
{
	par->hotdrop = true;
	return *(const uint32_t *)par->data != 0;
}

static const struct ut_ext hot_ext = {
	.name = "hot", .kind = UT_EXT_MATCH, .size = sizeof(uint32_t),
	.match = hot_match,
};

static void
walk_event(void *ctx, const struct ut_pkt *p, const struct ut_trace_rule *r)
{
	char *text = ctx;
	size_t n = strlen(text);

	snprintf(text + n, 256 - n, "%s%zu%s%s;", r->end ? "end " : "",
		 r->idx, r->end ? (r->verdict == UT_NF_DROP ? " DROP" :
				   " ACCEPT") : "",
		 r->hotdrop ? " hot" : "");
}

/* walk_events: the events of one packet to INPUT through rules (tally,
 * then hot with data hot, when hot >= 0) */
static void
walk_events(int hot, char text[256])
{
	static const char name_a[8] = "A";
	struct ut_ruleset *rs = ut_ruleset_new();
	struct ut_host *h = ut_host_new();
	struct ut_engine_sink sink = { .ctx = text, .rule = walk_event };
	struct ut_engine *e;
	struct ut_err err;
	uint32_t data = (uint32_t)hot;
	uint8_t f[64];

	text[0] = 0;
	ut_err_clear(&err);
	if (!rs || !h || ut_host_parse(h, "link add eth0 address "
				       "02:00:00:00:01:00\naddr add "
				       "192.0.2.1/24 dev eth0\n", "HOST",
				       &err) < 0)
		return;
	add_rule(rs, &tally_ext, name_a, 8, UT_V_NONE);
	if (hot >= 0)
		add_rule(rs, &hot_ext, &data, 4, UT_V_NONE);
	e = ut_engine_new(rs, h, &sink, &err);
	CHECK(e != NULL, "engine: %s", err.msg);
	if (e) {
		ut_engine_explain(e, true);
		ut_engine_rx(e, ut_host_iface(h, "eth0"), 1000, 1, f,
			     udp_frame(f, 2, 53));
	}
	ut_engine_free(e);
	ut_ruleset_free(rs);
	ut_host_free(h);
}

static void
test_walk_report(void)
{
	char text[256];

	/* the policy decides: its entry, then the end at it */
	walk_events(-1, text);
	CHECK_STR(text, "0;1;end 1 ACCEPT;", "policy");
	/* a match that fails and asks for the drop: the end at its rule,
	 * which did not match (no entry of its own) */
	walk_events(0, text);
	CHECK_STR(text, "0;end 1 DROP hot;", "hotdrop, no match");
	/* one that matches and asks for it: its entry, then the end */
	walk_events(1, text);
	CHECK_STR(text, "0;1;end 1 DROP hot;", "hotdrop, match");
}

/* ---- the token bucket --------------------------------------------------- */

static void
test_bucket(void)
{
	/* CREDITS_PER_JIFFY = POW2_BELOW32(0xFFFFFFFF / (HZ*60*60*24)) */
	static const struct { unsigned hz; uint32_t cpj; } cpj[] = {
		{ 100, 256 }, { 250, 128 }, { 300, 128 }, { 1000, 32 },
	};
	/* user2credits at HZ=250 as the 32-bit formula with 250*128 */
	static const uint32_t users[] = { 0, 1, 2000, 10000, 134217,
					  134218, 36000000, 0xffffffffu };
	/* xrlim-shaped: cost 250 (1 s), cap 6 costs; a message each
	 * 100 jiffies from a full bucket: each passes, net -150 tokens,
	 * until 50 are left (message 9 waits, 10 passes on 250) */
	static const bool want[] = { true, true, true, true, true, true,
				     true, true, true, false, true, false };
	struct ut_bucket b = { .tokens = 1500, .last = 0 };

	for (size_t i = 0; i < sizeof(cpj) / sizeof(cpj[0]); i++)
		CHECK(ut_limit_credits_per_jiffy(cpj[i].hz) == cpj[i].cpj,
		      "HZ %u: cpj %u", cpj[i].hz,
		      ut_limit_credits_per_jiffy(cpj[i].hz));
	for (size_t i = 0; i < sizeof(users) / sizeof(users[0]); i++) {
		uint32_t u = users[i], old = u > UINT32_MAX / 32000u ?
			(u / 10000u) * 32000u : (u * 32000u) / 10000u;

		CHECK(ut_limit_user2credits(u, 250) == old,
		      "user2credits(%u) = %u, want %u", u,
		      ut_limit_user2credits(u, 250), old);
	}
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		bool got = ut_bucket_take(&b, (unsigned long)i * 100, 1, 1500,
					  250);

		CHECK(got == want[i], "message %zu: %d", i, got);
	}
}

void
test_engine(void)
{
	test_bucket();
	test_timers_order();
	test_timers_rearm();
	test_hooks();
	test_nat_brings_conntrack();
	test_state_and_counters();
	test_walk_report();
}
