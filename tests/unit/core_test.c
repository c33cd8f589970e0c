/* core_test.c: unit tests of src/rules: text buffer, address helpers, the
 * option engine (xtables' messages), the extension registry and the IR. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "rules/ext.h"
#include "rules/ruleset.h"
#include "unit.h"

void
test_buf(void)
{
	struct ut_buf b;

	ut_buf_init(&b);
	CHECK_STR(ut_buf_str(&b), "", "empty buffer");
	for (int i = 0; i < 1000; i++)
		ut_buf_printf(&b, "%d,", i % 10);
	CHECK(b.len == 2000, "len %zu", b.len);
	CHECK(!b.oom, "oom");
	ut_buf_reset(&b);
	ut_buf_puts(&b, "a");
	ut_buf_putc(&b, 'b');
	CHECK_STR(ut_buf_str(&b), "ab", "reset then write");
	ut_buf_fini(&b);
}

void
test_addr(void)
{
	static const struct {
		const char *in;
		int ret;
		const char *out;
	} addrs[] = {
		{ "1.2.3.4", 0, "1.2.3.4" },
		{ "10", 0, "10.0.0.0" },       /* network shorthand */
		{ "10.1", 0, "10.1.0.0" },
		{ "0x0a.1.2.3", 0, "10.1.2.3" }, /* bytes take base 0 */
		{ "256.1.1.1", -1, "" },
		{ "1.2.3.4.5", -1, "" },
		{ "a.b.c.d", -1, "" },
		{ "", -1, "" },
	};
	static const struct { const char *mask; int plen; } plens[] = {
		{ "255.255.255.255", 32 }, { "255.255.255.0", 24 },
		{ "0.0.0.0", 0 }, { "255.0.255.0", -1 }, { "128.0.0.0", 1 },
	};
	static const struct { const char *in, *out; } quoted[] = {
		{ "abc", " abc" }, { "a b", " \"a b\"" },
		{ "say \"hi\"", " \"say \\\"hi\\\"\"" }, { "", " \"\"" },
		{ "it's", " \"it\\'s\"" }, { "a-b_c9", " a-b_c9" },
	};
	char buf[16];

	for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		uint32_t a = 0;
		int ret = ut_parse_ipv4_addr(addrs[i].in, &a);
		CHECK(ret == addrs[i].ret, "addr case %zu ret %d", i, ret);
		if (ret == 0)
			CHECK_STR(ut_ipv4_ntoa(a, buf), addrs[i].out,
				  "addr case %zu", i);
	}
	for (size_t i = 0; i < sizeof(plens) / sizeof(plens[0]); i++) {
		struct in_addr m;
		inet_pton(AF_INET, plens[i].mask, &m);
		CHECK(ut_mask_to_plen(m.s_addr) == plens[i].plen,
		      "plen case %zu: %d", i, ut_mask_to_plen(m.s_addr));
	}
	for (size_t i = 0; i < sizeof(quoted) / sizeof(quoted[0]); i++) {
		struct ut_buf b;
		ut_buf_init(&b);
		ut_save_string(&b, quoted[i].in);
		CHECK_STR(ut_buf_str(&b), quoted[i].out, "quote case %zu", i);
		ut_buf_fini(&b);
	}
}

/* A test extension exercising the engine's argument types. */
struct tinfo {
	uint8_t u8;
	uint16_t range[2];
	uint32_t mark, mask;
	char name[8];
};
enum { O_N = 0, O_R, O_M, O_S, O_F, O_G };
static const struct ut_opt topts[] = {
	{ .name = "n", .id = O_N, .type = UT_OPT_UINT8, .max = 200,
	  .flags = UT_OPTF_PUT, .off = offsetof(struct tinfo, u8) },
	{ .name = "r", .id = O_R, .type = UT_OPT_UINT16RC,
	  .flags = UT_OPTF_PUT, .off = offsetof(struct tinfo, range) },
	{ .name = "m", .id = O_M, .type = UT_OPT_MARKMASK32,
	  .flags = UT_OPTF_INVERT },
	{ .name = "s", .id = O_S, .type = UT_OPT_STRING, .min = 2, .max = 7,
	  .flags = UT_OPTF_PUT, .off = offsetof(struct tinfo, name) },
	{ .name = "f", .id = O_F, .type = UT_OPT_NONE, .excl = 1 << O_G,
	  .flags = UT_OPTF_MAND },
	{ .name = "g", .id = O_G, .type = UT_OPT_NONE, .also = 1 << O_N },
	UT_OPT_END
};
static const struct ut_ext text = {
	.name = "t", .kind = UT_EXT_MATCH, .size = sizeof(struct tinfo),
	.opts = topts,
};

void
test_opt(void)
{
	static const struct {
		const char *opt, *arg;
		bool invert;
		const char *err; /* NULL: success */
	} cases[] = {
		{ "n", "7", false, NULL },
		{ "n", "201", false, "t: bad value for option \"--n\", or out "
		  "of range (0-200).\n" },
		{ "n", "-1", false, "t: bad value for option \"--n\", or out "
		  "of range (0-200).\n" },
		{ "n", "0x10", false, NULL },
		{ "n", "1", true, "t: option \"--n\" cannot be inverted.\n" },
		{ "n", NULL, false, "t: option \"--n\" requires an argument.\n" },
		{ "r", "5:7", false, NULL },
		{ "r", ":7", false, NULL },
		{ "r", "5:", false, NULL },
		{ "r", "5x", false, "t: Argument to \"--r\" has unexpected "
		  "characters near \"x\".\n" },
		{ "r", "1:2:3", false, "t: Too many components for option "
		  "\"--r\" (max: 2)\n" },
		{ "r", "70000", false, "t: bad value for option \"--r\" near "
		  "\"70000\", or out of range (0-65535).\n" },
		{ "m", "0x10/0xff", true, NULL },
		{ "m", "1/x", false, "t: bad integer value for option \"--m\", "
		  "or out of range.\n" },
		{ "m", "1x", false, "t: trailing garbage after value for "
		  "option \"--m\".\n" },
		{ "s", "a", false, "Argument must have a minimum length of 2 "
		  "characters\n" },
		{ "s", "abcdefgh", false, "Argument must have a maximum length "
		  "of 7 characters\n" },
		{ "s", "abc", false, NULL },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tinfo d = { 0 };
		struct ut_err err;
		struct ut_ipt_ip ip = { 0 };
		bool exact;
		struct ut_opt_call c = { .ext_name = "t", .data = &d,
					 .ip = &ip, .err = &err };
		int ret;

		ut_err_clear(&err);
		c.opt = ut_opt_lookup(&text, cases[i].opt, &exact);
		c.arg = cases[i].arg;
		c.invert = cases[i].invert;
		ret = ut_opt_parse(&text, &c);
		if (cases[i].err) {
			CHECK(ret < 0, "opt case %zu should fail", i);
			CHECK_STR(err.msg, cases[i].err, "opt case %zu", i);
		} else {
			CHECK(ret == 0, "opt case %zu: %s", i, err.msg);
		}
	}

	/* values stored by PUT, and the final checks */
	{
		struct tinfo d = { 0 };
		struct ut_err err;
		struct ut_ipt_ip ip = { 0 };
		bool exact;
		struct ut_opt_call c = { .ext_name = "t", .data = &d, .ip = &ip,
					 .err = &err };
		struct ut_fcheck_call f = { .ext_name = "t", .data = &d,
					    .err = &err };

		ut_err_clear(&err);
		c.opt = ut_opt_lookup(&text, "r", &exact);
		c.arg = ":9";
		CHECK(ut_opt_parse(&text, &c) == 0, "range");
		CHECK(d.range[0] == 0 && d.range[1] == 9, "range %u:%u",
		      d.range[0], d.range[1]);
		c.opt = ut_opt_lookup(&text, "r", &exact);
		c.arg = "1";
		CHECK(ut_opt_parse(&text, &c) < 0, "second --r");
		f.xflags = 0;
		CHECK(ut_opt_final(&text, &f) < 0, "mandatory --f");
		CHECK_STR(err.msg, "t: option \"--f\" must be specified\n",
			  "mandatory message");
		f.xflags = 1 << O_F | 1 << O_G;
		CHECK(ut_opt_final(&text, &f) < 0, "excl");
		f.xflags = 1 << O_G | 1 << O_F;
		ut_opt_final(&text, &f);
		CHECK_STR(err.msg, "t: option \"--f\" cannot be used together "
			  "with \"--g\".\n", "excl message");
		f.xflags = 1 << O_G;
		ut_opt_final(&text, &f);
		CHECK(strstr(err.msg, "must be specified") != NULL,
		      "mand first: %s", err.msg);
	}
	/* prefix lookup as getopt_long allows */
	{
		bool exact;
		const struct ut_opt *o = ut_opt_lookup(&text, "n", &exact);
		CHECK(o && exact, "exact lookup");
	}
}

static bool
tfile_exists(const char *dir, const char *name, enum ut_ext_kind kind)
{
	static const char *const prefixes[] = { "libxt_", "libipt_" };
	char path[1024];

	/* extensions of iptables 1.8.9 that upstream's corpus has no file for */
	static const char *const untested[] = { "devgroup", NULL };

	(void)kind;
	for (const char *const *u = untested; *u; u++)
		if (strcmp(*u, name) == 0)
			return true;
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s%s.t", dir, prefixes[i],
			 name);
		if (access(path, R_OK) == 0)
			return true;
	}
	return false;
}

void
test_registry(void)
{
	size_t n;
	const struct ut_ext *const *all = ut_ext_all(&n);
	const char *tdir = getenv("UT_CONFORMANCE_T");

	if (tdir && access(tdir, R_OK) != 0) {
		printf("registry: no conformance corpus at %s, .t files not "
		       "checked\n", tdir);
		unit_skip("registry check of the .t files (no conformance "
			  "corpus at %s)", tdir);
		tdir = NULL;
	} else if (!tdir || !*tdir) {
		unit_skip("registry check of the .t files (UT_CONFORMANCE_T "
			  "not set)");
	}

	CHECK(n > 0, "no extension registered");
	for (size_t i = 0; i < n; i++) {
		const struct ut_ext *e = all[i];
		CHECK(e->name && *e->name, "extension %zu has no name", i);
		for (const struct ut_opt *o = e->opts; o && o->name; o++)
			CHECK(o->id < 32, "%s: option --%s id %u", e->name,
			      o->name, o->id);
		if (e->opts && e->opts[0].name)
			CHECK(e->save != NULL, "%s has options but no save",
			      e->name);
		CHECK(e->cmp_size <= e->size, "%s: cmp_size > size", e->name);
		for (size_t j = i + 1; j < n; j++)
			CHECK(!(all[j]->kind == e->kind &&
				all[j]->revision == e->revision &&
				strcmp(all[j]->name, e->name) == 0),
			      "%s rev %u registered twice", e->name,
			      e->revision);
		/* IPID is the seed's out-of-tree target, defined by utables
		 * (docs/run.md): iptables has no test file for it */
		if (tdir && *tdir && strcmp(e->name, "IPID") != 0)
			CHECK(tfile_exists(tdir, e->name, e->kind),
			      "%s: no .t file in the conformance corpus",
			      e->name);
	}
	CHECK(ut_ext_find("nonexistent", UT_EXT_MATCH) == NULL, "lookup");
}

/* rule_jump: a rule that jumps (or goes) to chain c */
static struct ut_rule *
rule_jump(struct ut_chain *c, bool go)
{
	struct ut_rule *r = ut_rule_new();

	r->verdict = go ? UT_V_GOTO : UT_V_JUMP;
	r->chain = c;
	return r;
}

void
test_ruleset(void)
{
	struct ut_table *t = ut_table_new(UT_TABLE_FILTER), *c2;
	struct ut_chain *in, *a, *b;
	struct ut_err err;

	CHECK(t->n_chains == 3, "filter has 3 built-in chains");
	b = ut_table_chain_add(t, "b");
	a = ut_table_chain_add(t, "a");
	CHECK(t->chains[3] == a && t->chains[4] == b, "user chains sorted");
	in = ut_table_chain(t, "INPUT");
	ut_chain_insert(in, 0, rule_jump(a, false));
	ut_chain_insert(a, 0, rule_jump(b, true));
	CHECK(a->refs == 1 && b->refs == 1, "refs %u %u", a->refs, b->refs);
	CHECK(ut_table_chain_hooks(t, b) == UT_HM_IN, "b reached from INPUT");
	CHECK(ut_table_check_loops(t) == 0, "no loop yet");
	/* an unreachable cycle is not a loop for the kernel */
	ut_chain_insert(b, 0, rule_jump(a, false));
	CHECK(ut_table_check_loops(t) < 0, "a -> b -> a reachable: loop");
	ut_chain_delete(in, 0);
	CHECK(ut_table_check_loops(t) == 0, "unreachable cycle ignored");
	CHECK(a->refs == 1, "refs after delete %u", a->refs);

	c2 = ut_table_clone(t);
	CHECK(c2 && c2->n_chains == t->n_chains, "clone");
	CHECK(ut_table_chain(c2, "a")->refs == 1, "clone keeps refs");
	CHECK(ut_table_chain(c2, "b")->rules[0]->chain ==
	      ut_table_chain(c2, "a"), "clone points at its own chains");
	CHECK(ut_rule_equal(ut_table_chain(c2, "a")->rules[0],
			    ut_table_chain(c2, "a")->rules[0]), "equal self");
	ut_table_chain_rename(c2, ut_table_chain(c2, "a"), "z");
	CHECK(strcmp(c2->chains[c2->n_chains - 1]->name, "z") == 0,
	      "rename keeps order");
	ut_table_free(c2);
	ut_err_clear(&err);
	CHECK(ut_table_validate(t, &err) == 0, "validate: %s", err.msg);
	ut_table_free(t);
}

/* deep_walk: the loop check and the hook walk of a table, run on a
 * thread whose stack is far too small for one C frame per nested chain */
struct deep_walk {
	const struct ut_table *t;
	const struct ut_chain *last;
	int loops;
	unsigned last_hooks;
};

static void *
deep_walk_run(void *arg)
{
	struct deep_walk *w = arg;

	w->loops = ut_table_check_loops(w->t);
	w->last_hooks = ut_table_chain_hooks(w->t, w->last);
	return NULL;
}

static void
deep_walk(struct deep_walk *w)
{
	pthread_attr_t attr;
	pthread_t th;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	if (pthread_create(&th, &attr, deep_walk_run, w) == 0)
		pthread_join(th, NULL);
	else
		deep_walk_run(w);
	pthread_attr_destroy(&attr);
}

/* test_ruleset_many_chains: 20,000 user chains created in scrambled
 * order are found by name and keep their sorted order and indexes; a
 * nesting 20,000 deep is walked without recursion; the doomed chains of
 * ut_table_chains_del go in one pass. */
void
test_ruleset_many_chains(void)
{
	enum { N = 20000 };
	struct ut_table *t = ut_table_new(UT_TABLE_FILTER);
	struct deep_walk w = { .t = t };
	char name[UT_CHAIN_MAXNAMELEN + 1];
	bool ordered = true, *doomed;
	size_t found = 0;

	for (unsigned i = 0; i < N; i++) {
		/* 7919 is prime to N: every i once, scrambled */
		snprintf(name, sizeof(name), "c%05u", (i * 7919u) % N);
		ut_table_chain_add(t, name);
	}
	CHECK(t->n_chains == N + 3, "%zu chains", t->n_chains);
	for (size_t i = 0; i < t->n_chains; i++) {
		ordered &= t->chains[i]->idx == i;
		if (i > t->n_builtin)
			ordered &= strcmp(t->chains[i - 1]->name,
					  t->chains[i]->name) < 0;
	}
	CHECK(ordered, "sorted, each chain knows its index");
	for (unsigned i = 0; i < N; i++) {
		struct ut_chain *c;

		snprintf(name, sizeof(name), "c%05u", i);
		c = ut_table_chain(t, name);
		found += c && strcmp(c->name, name) == 0;
	}
	CHECK(found == N, "found %zu of %u by name", found, N);
	CHECK(ut_table_chain(t, "c") == NULL &&
	      ut_table_chain(t, "c99999") == NULL &&
	      ut_table_chain(t, "") == NULL, "absent names");
	CHECK(ut_table_chain(t, "OUTPUT") == t->chains[2], "built-in");

	/* INPUT -> c00000 -> c00001 -> ... -> c19999 */
	ut_chain_insert(t->chains[0], 0, rule_jump(t->chains[3], false));
	for (size_t i = 3; i + 1 < t->n_chains; i++)
		ut_chain_insert(t->chains[i], 0,
				rule_jump(t->chains[i + 1], i % 2));
	w.last = t->chains[t->n_chains - 1];
	deep_walk(&w);
	CHECK(w.loops == 0, "deep nesting is no loop");
	CHECK(w.last_hooks == UT_HM_IN, "the deepest chain is reached");
	ut_chain_insert(t->chains[t->n_chains - 1], 0,
			rule_jump(t->chains[3], false));
	deep_walk(&w);
	CHECK(w.loops < 0, "closing the nesting makes a loop");

	/* unlink every odd chain from the nesting, then drop them */
	doomed = calloc(t->n_chains, sizeof(*doomed));
	for (size_t i = t->n_builtin; i < t->n_chains; i++) {
		ut_chain_flush(t->chains[i]);
		doomed[i] = (i - t->n_builtin) % 2;
	}
	ut_table_chains_del(t, doomed);
	free(doomed);
	CHECK(t->n_chains == 3 + N / 2, "%zu chains left", t->n_chains);
	ordered = true;
	for (size_t i = 0; i < t->n_chains; i++)
		ordered &= t->chains[i]->idx == i;
	CHECK(ordered && ut_table_chain(t, "c00000") &&
	      !ut_table_chain(t, "c00001") &&
	      ut_table_chain(t, "c00000") == t->chains[3],
	      "indexes and lookups after the deletion");
	ut_table_free(t);
}
