/* ct_load.c: a connection table read back from `conntrack -L` lines (the
 * DIR/conntrack of an earlier run), so that a run continues another. The
 * entries are confirmed, with the seconds they had left counted from the
 * first packet of this run; TCP keeps its state (its windows are learnt
 * from the next packets, as for an entry created through ctnetlink).
 * NAT bits follow from the tuples. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "conntrack/ct_net.h"

struct load_line {
	const char *file;
	unsigned no;
	struct ut_err *err;
};

static int
bad(const struct load_line *ln, const char *what, const char *word)
{
	return ut_err_set(ln->err, 2, "%s:%u: %s%s%s%s", ln->file, ln->no,
			  what, word ? " `" : "", word ? word : "",
			  word ? "'" : "");
}

static bool
num(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*v = strtoul(s, &end, 0);
	return !errno && !*end && *v <= max;
}

/* key=value of word w with key k: the value, or NULL */
static const char *
val(const char *w, const char *k)
{
	size_t n = strlen(k);

	return strncmp(w, k, n) == 0 && w[n] == '=' ? w + n + 1 : NULL;
}

static const char *const tcp_states[] = {
	"NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT",
	"CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2",
};

/* SCTP's (the verification tags are not listed: a loaded association
 * has tags 0, as one created through ctnetlink without them) */
static const char *const sctp_states[] = {
	"NONE", "CLOSED", "COOKIE_WAIT", "COOKIE_ECHOED", "ESTABLISHED",
	"SHUTDOWN_SENT", "SHUTDOWN_RECD", "SHUTDOWN_ACK_SENT",
	"HEARTBEAT_SENT",
};

/* the index of word in a state table, -1 if it is none */
static int
state_index(const char *const *names, size_t n, const char *word)
{
	for (size_t s = 0; s < n; s++)
		if (strcmp(word, names[s]) == 0)
			return (int)s;
	return -1;
}

/* one tuple from words w[*i..]: src= dst= and the protocol's part */
static int
tuple_words(const struct load_line *ln, char **w, size_t n, size_t *i,
	    uint8_t proto, struct ut_ct_tuple *t, const char *zone_key,
	    long *zone, uint64_t cnt[2])
{
	const char *s, *d;
	unsigned long a, b, c;

	memset(t, 0, sizeof(*t));
	t->proto = proto;
	if (*i + 2 > n || !(s = val(w[*i], "src")) || !(d = val(w[*i + 1], "dst")))
		return bad(ln, "expected src= dst=", *i < n ? w[*i] : NULL);
	if (inet_pton(AF_INET, s, &t->src) != 1)
		return bad(ln, "bad address", w[*i]);
	if (inet_pton(AF_INET, d, &t->dst) != 1)
		return bad(ln, "bad address", w[*i + 1]);
	*i += 2;
	if (proto == 1) {
		if (*i + 3 > n || !val(w[*i], "type") ||
		    !num(val(w[*i], "type"), 255, &a) || !val(w[*i + 1], "code") ||
		    !num(val(w[*i + 1], "code"), 255, &b) || !val(w[*i + 2], "id") ||
		    !num(val(w[*i + 2], "id"), 65535, &c))
			return bad(ln, "expected type= code= id=",
				   *i < n ? w[*i] : NULL);
		t->dport = (uint16_t)(a << 8 | b);
		t->sport = (uint16_t)c;
		*i += 3;
	} else if (proto == 47) {
		if (*i + 2 > n || !val(w[*i], "srckey") ||
		    !num(val(w[*i], "srckey"), 65535, &a) ||
		    !val(w[*i + 1], "dstkey") ||
		    !num(val(w[*i + 1], "dstkey"), 65535, &b))
			return bad(ln, "expected srckey= dstkey=",
				   *i < n ? w[*i] : NULL);
		t->sport = (uint16_t)a;
		t->dport = (uint16_t)b;
		*i += 2;
	} else if (*i < n && val(w[*i], "sport")) {
		if (*i + 2 > n || !num(val(w[*i], "sport"), 65535, &a) ||
		    !val(w[*i + 1], "dport") ||
		    !num(val(w[*i + 1], "dport"), 65535, &b))
			return bad(ln, "expected sport= dport=", w[*i]);
		t->sport = (uint16_t)a;
		t->dport = (uint16_t)b;
		*i += 2;
	}
	/* the tuple's own zone (--zone-orig/--zone-reply) */
	if (*i < n && val(w[*i], zone_key)) {
		if (!num(val(w[*i], zone_key), 65535, &a))
			return bad(ln, "bad zone", w[*i]);
		*zone = (long)a;
		*i += 1;
	}
	/* accounting counters, when the table was listed with them: kept,
	 * so connbytes goes on counting in the next run */
	cnt[0] = cnt[1] = 0;
	if (*i + 1 < n && val(w[*i], "packets") && val(w[*i + 1], "bytes")) {
		cnt[0] = strtoull(val(w[*i], "packets"), NULL, 10);
		cnt[1] = strtoull(val(w[*i + 1], "bytes"), NULL, 10);
		*i += 2;
	}
	return 0;
}

static void
set_nat_bits(struct ut_conn *ct)
{
	const struct ut_ct_tuple *o = &ct->tuple[0], *r = &ct->tuple[1];

	if (r->dst != o->src || r->dport != o->sport)
		ct->status |= UT_IPS_SRC_NAT | UT_IPS_SRC_NAT_DONE;
	if (r->src != o->dst || r->sport != o->dport)
		ct->status |= UT_IPS_DST_NAT | UT_IPS_DST_NAT_DONE;
}

/* the words after the reply tuple: flags and key=value items */
static int
tail_words(const struct load_line *ln, char **w, size_t n, size_t i,
	   struct ut_conn *ct, uint16_t *zone)
{
	unsigned long v;

	for (; i < n; i++) {
		if (strcmp(w[i], "[ASSURED]") == 0)
			ct->status |= UT_IPS_ASSURED;
		else if (val(w[i], "mark") && num(val(w[i], "mark"),
						  0xffffffffu, &v))
			ct->mark = (uint32_t)v;
		else if (val(w[i], "zone") && num(val(w[i], "zone"), 65535,
						  &v))
			*zone = (uint16_t)v;
		else if (val(w[i], "helper")) {
			/* as ctnetlink's CTA_HELP on a new entry: the
			 * helper by name, refused when there is none */
			ct->helper = ut_ct_helper_find(val(w[i], "helper"));
			if (!ct->helper)
				return bad(ln, "unknown helper", w[i]);
		} else if (val(w[i], "use") || val(w[i], "id") ||
			 strcmp(w[i], "[OFFLOAD]") == 0)
			continue;
		else
			return bad(ln, "unexpected", w[i]);
	}
	return 0;
}

static int
load_line(struct ut_ct_net *net, const struct load_line *ln, char **w,
	  size_t n)
{
	struct ut_ct_ctx cx = ut_ct_ctx_make(net, UT_HOOK_MAX, NULL, NULL, 0);
	struct ut_ct_tuple orig, repl;
	uint64_t cnt[2][2];
	struct ut_conn tail = { 0 };
	unsigned long proto, secs;
	struct ut_conn *ct;
	enum ut_ct_dir dir;
	uint16_t zone_both = 0;
	long zone_orig = -1, zone_repl = -1;
	struct ut_ct_zone zone = UT_CT_ZONE_DEFAULT;
	bool full, replied = true;
	int state = -1;
	size_t i = 3;

	if (n < 5 || !num(w[1], 255, &proto) || !num(w[2], 0xffffffffu, &secs))
		return bad(ln, "expected `PROTO NUMBER SECONDS ...'", NULL);
	if (strcmp(ut_ct_proto_name((uint8_t)proto), w[0]) != 0)
		return bad(ln, "protocol name does not match its number", w[0]);
	if (proto == 6) {
		state = state_index(tcp_states, sizeof(tcp_states) /
				    sizeof(*tcp_states), w[i]);
		if (state < 0)
			return bad(ln, "unknown TCP state", w[i]);
		i++;
	} else if (proto == 132) {
		state = state_index(sctp_states, sizeof(sctp_states) /
				    sizeof(*sctp_states), w[i]);
		if (state < 0)
			return bad(ln, "unknown SCTP state", w[i]);
		i++;
	}
	if (tuple_words(ln, w, n, &i, (uint8_t)proto, &orig, "zone-orig",
			&zone_orig, cnt[0]) < 0)
		return -1;
	if (i < n && strcmp(w[i], "[UNREPLIED]") == 0) {
		replied = false;
		i++;
	}
	/* the flags and items after the tuples, read before anything is
	 * made (a bad line adds nothing) */
	if (tuple_words(ln, w, n, &i, (uint8_t)proto, &repl, "zone-reply",
			&zone_repl, cnt[1]) < 0 ||
	    tail_words(ln, w, n, i, &tail, &zone_both) < 0)
		return -1;
	if (zone_orig >= 0) {
		zone.id = (uint16_t)zone_orig;
		zone.dir = UT_CT_ZONE_DIR_ORIG;
	} else if (zone_repl >= 0) {
		zone.id = (uint16_t)zone_repl;
		zone.dir = UT_CT_ZONE_DIR_REPL;
	} else {
		zone.id = zone_both;
	}
	if (ut_ct_find(&cx, &orig, zone, UT_CT_DIR_ORIGINAL, &dir) ||
	    ut_ct_find(&cx, &repl, zone, UT_CT_DIR_REPLY, &dir))
		return bad(ln, "connection listed twice", NULL);
	ct = ut_ct_alloc(&cx, &orig, &repl, zone, &full);
	if (!ct)
		return bad(ln, "the table is full (nf_conntrack_max)", NULL);
	ct->mark = tail.mark;
	ct->helper = tail.helper;
	ct->status |= tail.status;
	for (int d = 0; d < 2; d++) {
		ct->packets[d] = cnt[d][0];
		ct->bytes[d] = cnt[d][1];
	}
	if (replied)
		ct->status |= UT_IPS_SEEN_REPLY;
	if (proto == 6) {
		ct->proto.tcp.state = (uint8_t)state;
	} else if (proto == 132) {
		ct->proto.sctp.state = (uint8_t)state;
	} else if (proto == 47) {
		/* what the GRE tracker gives an entry when it makes it */
		ct->proto.gre.timeout = (uint32_t)net->sys->gre_timeout;
		ct->proto.gre.stream_timeout =
			(uint32_t)net->sys->gre_timeout_stream;
	}
	set_nat_bits(ct);
	ct->timeout = ut_ct_jiffies(net) + secs * ut_engine_hz(net->e);
	ut_ct_insert(net, ct);
	ut_ct_put(ct);  /* the table holds it */
	ut_ct_gc_arm(net);
	return 0;
}

int
ut_ct_load(struct ut_ct_net *net, const char *text, const char *file,
	   struct ut_err *err)
{
	struct load_line ln = { .file = file, .err = err };
	char *copy = strdup(text), *line, *save = NULL;
	int r = 0;

	if (!copy)
		return ut_err_set(err, 2, "out of memory");
	for (line = copy; line && r == 0; line = save) {
		char *w[64], *tok, *ts = NULL;
		size_t n = 0;

		save = strchr(line, '\n');
		if (save)
			*save++ = '\0';
		ln.no++;
		for (tok = strtok_r(line, " \t", &ts); tok && n < 64;
		     tok = strtok_r(NULL, " \t", &ts))
			w[n++] = tok;
		if (n == 0 || w[0][0] == '#')
			continue;
		if (n == 64)
			r = bad(&ln, "line too long", NULL);
		else
			r = load_line(net, &ln, w, n);
	}
	free(copy);
	return r;
}
