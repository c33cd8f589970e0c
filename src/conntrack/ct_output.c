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

static void
put_tuple(struct ut_buf *out, const struct ut_ct_tuple *t)
{
	char s[INET_ADDRSTRLEN], d[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &t->src, s, sizeof(s));
	inet_ntop(AF_INET, &t->dst, d, sizeof(d));
	ut_buf_printf(out, "src=%s dst=%s ", s, d);
	switch (t->proto) {
	case 6: case 17: case 132: case 136: case 33:
		ut_buf_printf(out, "sport=%u dport=%u ", t->sport, t->dport);
		break;
	case 1:
		ut_buf_printf(out, "type=%u code=%u id=%u ", t->dport >> 8,
			      t->dport & 0xffu, t->sport);
		break;
	case 47:
		ut_buf_printf(out, "srckey=0x%x dstkey=0x%x ", t->sport,
			      t->dport);
		break;
	default:
		break;
	}
}

static void
put_counters(const struct ut_ct_net *net, const struct ut_conn *ct,
	     enum ut_ct_dir d, struct ut_buf *out)
{
	if (net->sys->acct)
		ut_buf_printf(out, "packets=%llu bytes=%llu ",
			      (unsigned long long)ct->packets[d],
			      (unsigned long long)ct->bytes[d]);
}

void
ut_ct_format(const struct ut_ct_net *net, const struct ut_conn *ct,
	     unsigned events, bool list, struct ut_buf *out)
{
	const struct ut_ct_l4proto *l4 = ut_ct_l4proto_find(ct->tuple[0].proto);
	bool destroy = events & UT_CT_EV_DESTROY;
	size_t start = out->len;

	ut_buf_printf(out, "%-8s %u ", l4->name, ct->tuple[0].proto);
	if (!destroy) {
		ut_buf_printf(out, "%u ", ut_ct_expires_in(net->e, ct));
		if (l4->state_name)
			ut_buf_puts(out, l4->state_name(ct));
	}
	put_tuple(out, &ct->tuple[UT_CT_DIR_ORIGINAL]);
	put_counters(net, ct, UT_CT_DIR_ORIGINAL, out);
	if (!(ct->status & UT_IPS_SEEN_REPLY))
		ut_buf_puts(out, "[UNREPLIED] ");
	put_tuple(out, &ct->tuple[UT_CT_DIR_REPLY]);
	put_counters(net, ct, UT_CT_DIR_REPLY, out);
	if (ct->status & UT_IPS_ASSURED)
		ut_buf_puts(out, "[ASSURED] ");
	if (list || ct->mark || (events & UT_CT_EV_MARK))
		ut_buf_printf(out, "mark=%u ", ct->mark);
	if (ct->zone)
		ut_buf_printf(out, "zone=%u ", ct->zone);
	if (ct->helper && !destroy)
		ut_buf_printf(out, "helper=%s ", ut_ct_helper_name(ct->helper));
	if (list)
		ut_buf_printf(out, "use=%u ", ct->use);
	/* libnetfilter_conntrack drops the last blank */
	if (out->len > start && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
}

void
ut_ct_event_deliver(struct ut_ct_net *net, struct ut_conn *ct,
		    unsigned events, unsigned long number)
{
	const char *type;

	if (!net->sys->events || !(events & ct->ctmask))
		return;
	if (events & UT_CT_EV_DESTROY)
		type = "[DESTROY]";
	else if (events & (UT_CT_EV_NEW | UT_CT_EV_RELATED))
		type = "[NEW]";
	else
		type = "[UPDATE]";
	if (number)
		ut_buf_printf(&net->events, "%lu ", number);
	else
		ut_buf_puts(&net->events, "timer ");
	ut_buf_printf(&net->events, "%9s ", type);
	ut_ct_format(net, ct, events, false, &net->events);
	ut_buf_putc(&net->events, '\n');
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
	qsort(l.v, l.n, sizeof(*l.v), cmp_line);
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i])
			ut_buf_printf(out, "%s\n", l.v[i]);
		free(l.v[i]);
	}
	free(l.v);
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
