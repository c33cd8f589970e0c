/* store_raw.c: the state store's text, exact for every rule.
 *
 * The state file is `iptables-save -c` text. That text is not always
 * faithful: iptables-save drops what it cannot print (`! --dport :` keeps
 * its inversion in the kernel but saves as nothing, `-i +` saves as no
 * interface, some saved forms do not even parse back). The kernel keeps
 * the binary rule, so iptables never loses it; utables must not either.
 * So each rule is checked as it is written (the answer is not kept in
 * the rule): if its saved line parses back to the same rule, the line is
 * written; otherwise a "#@raw" line carries the rule's IR verbatim (hex
 * blobs of the IP part and of every extension instance).
 * iptables-restore would skip such a line as a comment; only the store
 * reads it.
 *
 *   #@raw [P:B] HEXCHAIN ip=HEX v=KIND[:HEXCHAIN] m=NAME/REV/HEX ... \
 *         [t=NAME/REV/HEX]
 *
 * Chain names are hex there, and a user chain whose name the ":CHAIN"
 * line cannot carry (empty, or with blanks: `iptables -E` accepts both)
 * is declared as "#@chain HEXNAME".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static void
hex_put(struct ut_buf *out, const void *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++) {
		ut_buf_putc(out, digits[b[i] >> 4]);
		ut_buf_putc(out, digits[b[i] & 15]);
	}
}

static int
hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* hex_get: exactly n bytes from the hex text s (len chars) */
static int
hex_get(const char *s, size_t len, void *p, size_t n)
{
	unsigned char *b = p;

	if (len != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int hi = hex_nibble(s[2 * i]), lo = hex_nibble(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		b[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

static void
raw_xt(struct ut_buf *out, char kind, const struct ut_xt *x)
{
	ut_buf_printf(out, " %c=%s/%u/", kind, x->ext->name,
		      x->ext->revision);
	hex_put(out, x->data, x->ext->size);
}

static void
raw_rule(const struct ut_rule *r, const char *chain, struct ut_buf *out)
{
	ut_buf_printf(out, "#@raw [%llu:%llu] ",
		      (unsigned long long)r->pcnt, (unsigned long long)r->bcnt);
	hex_put(out, chain, strlen(chain));
	ut_buf_puts(out, " ip=");
	hex_put(out, &r->ip, sizeof(r->ip));
	ut_buf_printf(out, " v=%d", (int)r->verdict);
	if (r->verdict == UT_V_JUMP || r->verdict == UT_V_GOTO) {
		ut_buf_putc(out, ':');
		hex_put(out, r->chain->name, strlen(r->chain->name));
	}
	for (size_t i = 0; i < r->n_matches; i++)
		raw_xt(out, 'm', &r->matches[i]);
	if (r->verdict == UT_V_EXT)
		raw_xt(out, 't', &r->target);
	ut_buf_putc(out, '\n');
}

/* xt_same: the compared bytes agree (the state must keep those) */
static bool
xt_same(const struct ut_xt *a, const struct ut_xt *b)
{
	size_t n;

	if (a->ext != b->ext)
		return false;
	if (!a->ext)
		return true;
	n = a->ext->cmp_size ? a->ext->cmp_size : a->ext->size;
	return memcmp(a->data, b->data, n) == 0;
}

static bool
rule_same(const struct ut_rule *a, const struct ut_rule *b)
{
	if (memcmp(&a->ip, &b->ip, sizeof(a->ip)) != 0 ||
	    a->verdict != b->verdict || a->n_matches != b->n_matches ||
	    a->chain != b->chain)
		return false;
	for (size_t i = 0; i < a->n_matches; i++)
		if (!xt_same(&a->matches[i], &b->matches[i]))
			return false;
	return a->verdict != UT_V_EXT || xt_same(&a->target, &b->target);
}

/* name_is_plain: a chain name a ":CHAIN" or "-A CHAIN" line carries */
static bool
name_is_plain(const char *name)
{
	if (!*name)
		return false;
	for (; *name; name++)
		if ((unsigned char)*name <= ' ' || *name == '"')
			return false;
	return true;
}

/* reads_back: does `line` (an "-A CHAIN ..." save line) parse to r in
 * chain? */
static bool
reads_back(struct ut_table *t, const struct ut_rule *r, const char *chain,
	   const char *line)
{
	struct argv_store av = { 0 };
	struct ut_buf warn;
	struct ut_err err;
	struct ipt_cmd cmd;
	struct ut_rule *back = NULL;
	bool same = false;

	ut_buf_init(&warn);
	ut_err_clear(&err);
	memset(&cmd, 0, sizeof(cmd));
	if (ut_argv_add(&av, "utables") == 0 &&
	    ut_argv_split(&av, line, &err) == 0 &&
	    ut_ipt_parse(av.argc, av.argv, true, t->name, &cmd, &warn,
		      &err) == 0 &&
	    cmd.chain && strcmp(cmd.chain, chain) == 0 &&
	    (back = ut_ipt_build_rule(t, &cmd, &warn, &err)) != NULL)
		same = rule_same(r, back);
	ut_rule_free(back);
	ut_ipt_cmd_fini(&cmd);
	ut_argv_store_fini(&av);
	ut_buf_fini(&warn);
	return same;
}

/* write_chains: the table's "*TABLE" line and its chain declarations */
static void
write_chains(const struct ut_table *t, struct ut_buf *out)
{
	ut_buf_printf(out, "*%s\n", t->name);
	for (size_t i = 0; i < t->n_chains; i++) {
		const struct ut_chain *c = t->chains[i];

		if (c->hook >= 0) {
			const char *policy =
				c->policy == UT_V_DROP ? "DROP" : "ACCEPT";

			ut_buf_printf(out, ":%s %s [%llu:%llu]\n", c->name,
				      policy, (unsigned long long)c->pcnt,
				      (unsigned long long)c->bcnt);
		} else if (name_is_plain(c->name)) {
			ut_buf_printf(out, ":%s - [0:0]\n", c->name);
		} else {
			ut_buf_puts(out, "#@chain ");
			hex_put(out, c->name, strlen(c->name));
			ut_buf_putc(out, '\n');
		}
	}
}

/* writes_as_text: whether rule r of chain c goes into the state as its
 * save line (line), which must read back to the very rule; otherwise as a
 * "#@raw" line. Checked at every write, not remembered: the answer
 * belongs to the store, not to the rule. */
static bool
writes_as_text(struct ut_table *t, const struct ut_chain *c,
	       const struct ut_rule *r, const struct ut_buf *line)
{
	/* a quoted newline would split the line on reading */
	return !memchr(line->data, '\n', line->len - 1) &&
	       reads_back(t, r, c->name, ut_buf_str(line));
}

static void
serialize_table(struct ut_table *t, struct ut_buf *out)
{
	struct ut_buf line, scratch; /* extensions' stderr text: unwanted */

	ut_buf_init(&line);
	ut_buf_init(&scratch);
	write_chains(t, out);
	for (size_t i = 0; i < t->n_chains; i++) {
		const struct ut_chain *c = t->chains[i];

		for (size_t j = 0; j < c->n_rules; j++) {
			const struct ut_rule *r = c->rules[j];

			ut_buf_reset(&line);
			ut_print_rule_save(r, c->name, 0, NULL, &line,
					   &scratch);
			if (writes_as_text(t, c, r, &line))
				ut_buf_printf(out, "[%llu:%llu] %s",
					      (unsigned long long)r->pcnt,
					      (unsigned long long)r->bcnt,
					      ut_buf_str(&line));
			else
				raw_rule(r, c->name, out);
		}
	}
	ut_buf_puts(out, "COMMIT\n");
	ut_buf_fini(&line);
	ut_buf_fini(&scratch);
}

void
ut_store_serialize(struct ut_ruleset *rs, struct ut_buf *out)
{
	ut_buf_puts(out, "# utables state: iptables-save -c format\n");
	/* oldest first: loading makes each table the newest in turn */
	for (size_t i = rs->n_order; i-- > 0;)
		serialize_table(rs->tables[rs->order[i]], out);
}

/* raw_xt_parse: "NAME/REV/HEX" of kind into x (allocates x->data) */
static int
raw_xt_parse(const char *v, size_t len, enum ut_ext_kind kind,
	     struct ut_xt *x)
{
	char name[64];
	const char *s1 = memchr(v, '/', len), *s2;
	unsigned long rev;
	char *end;

	if (!s1 || (size_t)(s1 - v) >= sizeof(name))
		return -1;
	memcpy(name, v, (size_t)(s1 - v));
	name[s1 - v] = '\0';
	rev = strtoul(s1 + 1, &end, 10);
	s2 = end;
	if (*s2 != '/' || rev > 255)
		return -1;
	x->ext = ut_ext_find_rev(name, kind, (uint8_t)rev);
	if (!x->ext)
		return -1;
	x->data = calloc(1, x->ext->size ? x->ext->size : 1);
	if (!x->data)
		return -1;
	return hex_get(s2 + 1, len - (size_t)(s2 + 1 - v), x->data,
		       x->ext->size);
}

/* hex_name: a hex-encoded chain name into name (size bytes) */
static int
hex_name(const char *hex, size_t len, char *name, size_t size)
{
	if (len % 2 || len / 2 >= size ||
	    hex_get(hex, len, name, len / 2) < 0)
		return -1;
	name[len / 2] = '\0';
	return memchr(name, '\0', len / 2) ? -1 : 0;
}

static int
raw_field(struct ut_table *t, struct ut_rule *r, const char *tok, size_t len)
{
	const char *v = tok + 2;
	size_t vlen = len - 2;

	if (len >= 3 && strncmp(tok, "ip=", 3) == 0)
		return hex_get(tok + 3, len - 3, &r->ip, sizeof(r->ip));
	if (len < 2 || tok[1] != '=')
		return -1;
	switch (tok[0]) {
	case 'v': {
		char chain[UT_CHAIN_MAXNAMELEN + 1];
		const char *colon = memchr(v, ':', vlen);
		r->verdict = (enum ut_verdict_kind)atoi(v);
		if (r->verdict != UT_V_JUMP && r->verdict != UT_V_GOTO)
			return r->verdict <= UT_V_EXT ? 0 : -1;
		if (!colon || hex_name(colon + 1,
				       (size_t)(v + vlen - colon - 1), chain,
				       sizeof(chain)) < 0)
			return -1;
		r->chain = ut_table_chain(t, chain);
		return r->chain ? 0 : -1;
	}
	case 'm': {
		struct ut_xt *m = realloc(r->matches,
					  (r->n_matches + 1) * sizeof(*m));
		if (!m)
			return -1;
		r->matches = m;
		m = &r->matches[r->n_matches];
		memset(m, 0, sizeof(*m));
		r->n_matches++;
		return raw_xt_parse(v, vlen, UT_EXT_MATCH, m);
	}
	case 't':
		return raw_xt_parse(v, vlen, UT_EXT_TARGET, &r->target);
	}
	return -1;
}

int
ut_store_raw_rule(struct ut_table *t, const char *line, struct ut_err *err)
{
	struct ut_rule *r = ut_rule_new();
	unsigned long long p, b;
	char chain[UT_CHAIN_MAXNAMELEN + 1];
	struct ut_chain *c;
	const char *tok;
	size_t len;
	int n = 0;

	if (!r)
		return ut_err_iptc(err, ENOMEM, NULL);
	/* exactly one blank before the chain: an empty name's hex is empty */
	if (sscanf(line, "#@raw [%llu:%llu]%n", &p, &b, &n) != 2 || !n ||
	    line[n++] != ' ')
		goto bad;
	len = strcspn(line + n, " \n");
	if (hex_name(line + n, len, chain, sizeof(chain)) < 0 ||
	    !(c = ut_table_chain(t, chain)))
		goto bad;
	n += (int)len;
	r->pcnt = p;
	r->bcnt = b;
	for (tok = line + n; *tok;) {
		len = strcspn(tok, " \n");
		if (len && raw_field(t, r, tok, len) < 0)
			goto bad;
		tok += len;
		tok += strspn(tok, " \n");
	}
	if ((r->verdict == UT_V_EXT) != (r->target.ext != NULL))
		goto bad;
	if (ut_chain_insert(c, c->n_rules, r) < 0) {
		ut_rule_free(r);
		return ut_err_iptc(err, ENOMEM, NULL);
	}
	return 0;
bad:
	ut_rule_free(r);
	return ut_err_set(err, UT_OTHER_PROBLEM, "bad raw rule");
}

int
ut_store_raw_chain(struct ut_table *t, const char *line, struct ut_err *err)
{
	char name[UT_CHAIN_MAXNAMELEN + 1];
	const char *hex = line + strlen("#@chain ");

	if (hex_name(hex, strcspn(hex, " \n"), name, sizeof(name)) < 0 ||
	    ut_table_chain(t, name))
		return ut_err_set(err, UT_OTHER_PROBLEM, "bad raw chain");
	if (!ut_table_chain_add(t, name))
		return ut_err_iptc(err, ENOMEM, NULL);
	return 0;
}
