/* ct_output.c: the connection table as conntrack(8) shows it: the list
 * (`conntrack -L`, DIR/conntrack), the events (`conntrack -E`,
 * DIR/conntrack-events), reading a list back (`run --conntrack-load`),
 * and the invalid-packet log (nf_conntrack_log_invalid).
 *
 * The line is libnetfilter_conntrack's default output of what ctnetlink
 * sends: protocol name and number, seconds left, the tracker's state,
 * the original tuple, [UNREPLIED], the reply tuple, [ASSURED], mark=,
 * zone=, helper=, use= (a list has timeout, state, mark and use; an event
 * has no use=, mark= only when not 0, and a DESTROY no timeout or state).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "conntrack/ct_net.h"
#include "engine/engine_int.h"

/* A line is built by hand: events are formatted for every change of
 * every connection, and printf is most of that cost. */
struct line {
	char b[512];
	size_t n;
};

static void
put_str(struct line *l, const char *s)
{
	size_t k = strlen(s);

	if (l->n + k < sizeof(l->b)) {
		memcpy(l->b + l->n, s, k);
		l->n += k;
	}
}

static void
put_uint(struct line *l, uint64_t v)
{
	char tmp[24];
	size_t k = sizeof(tmp);

	do {
		tmp[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (l->n + sizeof(tmp) - k < sizeof(l->b)) {
		memcpy(l->b + l->n, tmp + k, sizeof(tmp) - k);
		l->n += sizeof(tmp) - k;
	}
}

/* key=value and a blank */
static void
put_kv(struct line *l, const char *key, uint64_t v)
{
	put_str(l, key);
	put_uint(l, v);
	put_str(l, " ");
}

static void
put_ip(struct line *l, const char *key, uint32_t a)
{
	const uint8_t *b = (const uint8_t *)&a;

	put_str(l, key);
	for (int i = 0; i < 4; i++) {
		put_uint(l, b[i]);
		put_str(l, i < 3 ? "." : " ");
	}
}

static void
put_tuple(struct line *l, const struct ut_ct_tuple *t)
{
	char keys[48];

	put_ip(l, "src=", t->src);
	put_ip(l, "dst=", t->dst);
	switch (t->proto) {
	case 6: case 17: case 132: case 136:
		put_kv(l, "sport=", t->sport);
		put_kv(l, "dport=", t->dport);
		break;
	case 1:
		put_kv(l, "type=", t->dport >> 8);
		put_kv(l, "code=", t->dport & 0xffu);
		put_kv(l, "id=", t->sport);
		break;
	case 47:
		snprintf(keys, sizeof(keys), "srckey=0x%x dstkey=0x%x ",
			 t->sport, t->dport);
		put_str(l, keys);
		break;
	default:
		break;
	}
}

static void
put_counters(const struct ut_ct_net *net, const struct ut_conn *ct,
	     enum ut_ct_dir d, struct line *l)
{
	if (net->sys->acct) {
		put_kv(l, "packets=", ct->packets[d]);
		put_kv(l, "bytes=", ct->bytes[d]);
	}
}

static void
format_line(const struct ut_ct_net *net, const struct ut_conn *ct,
	    unsigned events, bool list, struct line *l)
{
	const struct ut_ct_l4proto *l4 = ut_ct_l4proto_find(ct->tuple[0].proto);
	bool destroy = events & UT_CT_EV_DESTROY;
	size_t name_end;

	/* "%-8s %u " */
	put_str(l, l4->name);
	for (name_end = strlen(l4->name); name_end < 8; name_end++)
		put_str(l, " ");
	put_str(l, " ");
	put_kv(l, "", ct->tuple[0].proto);
	if (!destroy) {
		put_kv(l, "", ut_ct_expires_in(net->e, ct));
		if (l4->state_name)
			put_str(l, l4->state_name(ct));
	}
	put_tuple(l, &ct->tuple[UT_CT_DIR_ORIGINAL]);
	if (ct->zone && ct->zone_dir == UT_CT_ZONE_DIR_ORIG)
		put_kv(l, "zone-orig=", ct->zone);
	put_counters(net, ct, UT_CT_DIR_ORIGINAL, l);
	if (!(ct->status & UT_IPS_SEEN_REPLY))
		put_str(l, "[UNREPLIED] ");
	put_tuple(l, &ct->tuple[UT_CT_DIR_REPLY]);
	if (ct->zone && ct->zone_dir == UT_CT_ZONE_DIR_REPL)
		put_kv(l, "zone-reply=", ct->zone);
	put_counters(net, ct, UT_CT_DIR_REPLY, l);
	if (ct->status & UT_IPS_ASSURED)
		put_str(l, "[ASSURED] ");
	if (list || ct->mark || (events & UT_CT_EV_MARK))
		put_kv(l, "mark=", ct->mark);
	if (ct->zone && ct->zone_dir == UT_CT_ZONE_DIR_BOTH)
		put_kv(l, "zone=", ct->zone);
	if (ct->helper && !destroy) {
		put_str(l, "helper=");
		put_str(l, ut_ct_helper_name(ct->helper));
		put_str(l, " ");
	}
	if (list)
		put_kv(l, "use=", ct->use);
	/* libnetfilter_conntrack drops the last blank */
	if (l->n && l->b[l->n - 1] == ' ')
		l->n--;
}

void
ut_ct_format(const struct ut_ct_net *net, const struct ut_conn *ct,
	     unsigned events, bool list, struct ut_buf *out)
{
	struct line l;

	l.n = 0;
	format_line(net, ct, events, list, &l);
	ut_buf_write(out, l.b, l.n);
}

void
ut_ct_event_deliver(struct ut_ct_net *net, struct ut_conn *ct,
		    unsigned events, unsigned long number)
{
	const char *type;
	struct line l;

	if (!net->sys->events || !(events & ct->ctmask))
		return;
	if (events & UT_CT_EV_DESTROY)
		type = "[DESTROY]";
	else if (events & (UT_CT_EV_NEW | UT_CT_EV_RELATED))
		type = "[NEW]";
	else
		type = "[UPDATE]";
	l.n = 0;
	if (number)
		put_kv(&l, "", number);
	else
		put_str(&l, "timer ");
	/* "%9s " */
	for (size_t k = strlen(type); k < 9; k++)
		put_str(&l, " ");
	put_str(&l, type);
	put_str(&l, " ");
	format_line(net, ct, events, false, &l);
	if (net->e->sink.ct_event) {
		net->e->sink.ct_event(net->e->sink.ctx, l.b, l.n);
		return;
	}
	put_str(&l, "\n");
	ut_buf_write(&net->events, l.b, l.n);
}

/* ---- the list -------------------------------------------------------------- */

struct lines {
	char **v;
	size_t n, cap;
	bool oom;
};

static void
collect(struct ut_conn *ct, void *arg)
{
	struct lines *l = arg;
	struct ut_buf b;

	if (ut_ct_expired(ct->net, ct) || l->oom)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		char **v = realloc(l->v, cap * sizeof(*v));

		if (!v) {
			l->oom = true;
			return;
		}
		l->v = v;
		l->cap = cap;
	}
	ut_buf_init(&b);
	ut_ct_format(ct->net, ct, 0, true, &b);
	l->v[l->n++] = strdup(ut_buf_str(&b));
	ut_buf_fini(&b);
}

static int
cmp_line(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;

	return strcmp(x ? x : "", y ? y : "");
}

void
ut_ct_output(const struct ut_ct_net *net, struct ut_buf *out)
{
	struct lines l = { 0 };

	ut_ct_each((struct ut_ct_net *)net, collect, &l);
	if (l.n)  /* qsort's array may not be NULL, even empty */
		qsort(l.v, l.n, sizeof(*l.v), cmp_line);
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i])
			ut_buf_printf(out, "%s\n", l.v[i]);
		free(l.v[i]);
	}
	free(l.v);
}

static void
count_live(struct ut_conn *ct, void *arg)
{
	unsigned long *n = arg;

	if (ut_ct_confirmed(ct) && !ut_ct_expired(ct->net, ct))
		(*n)++;
}

void
ut_ct_stats(const struct ut_ct_net *net, struct ut_engine_ct_stats *st)
{
	memset(st, 0, sizeof(*st));
	ut_ct_each((struct ut_ct_net *)net, count_live, &st->entries);
	st->max = net->sys->max > 0 ? (unsigned long)net->sys->max : 0;
	st->expect = net->n_expect;
	st->invalid = net->invalid;
	st->drop = net->drop;
	st->early_drop = net->early_drop;
	st->insert_failed = net->insert_failed;
}

void
ut_ct_events_output(const struct ut_ct_net *net, struct ut_buf *out)
{
	ut_buf_puts(out, ut_buf_str(&net->events));
}

/* ---- the invalid log -------------------------------------------------------- */

void
ut_ct_log_invalid(struct ut_ct_ctx *cx, const struct ut_pkt *p, uint8_t proto,
		  const char *fmt, ...)
{
	struct ut_buf prefix, line;
	va_list ap;
	int sel = cx->sys->log_invalid;

	if (sel != proto && sel != 255 && !ut_engine_tracing(cx->e))
		return;
	ut_buf_init(&prefix);
	ut_buf_init(&line);
	ut_buf_printf(&prefix, "nf_ct_proto_%u: ", proto);
	va_start(ap, fmt);
	ut_buf_vprintf(&prefix, fmt, ap);
	va_end(ap);
	ut_buf_putc(&prefix, ' ');
	ut_engine_step(cx->e, p, ut_buf_str(&prefix));
	if (sel != proto && sel != 255)
		goto out;
	ut_nflog_packet(cx->e, p, cx->hook, cx->in, cx->out,
			UT_LOG_TCPSEQ | UT_LOG_TCPOPT | UT_LOG_IPOPT |
			UT_LOG_UID, ut_buf_str(&prefix), &line);
	ut_engine_log(cx->e, ut_buf_str(&line), line.len);
out:
	ut_buf_fini(&prefix);
	ut_buf_fini(&line);
}
