/* sink.c: what leaves the engine and what it reports, through the
 * caller's sink (engine.h): frames sent, log lines, the steps of a traced
 * packet, drops with their reasons; and the engine's accessors. A leaf
 * of the engine's call graph: every part of the path reports here, this
 * calls none of them. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"

const struct ut_engine_stats *
ut_engine_stats(const struct ut_engine *e)
{
	return &e->stats;
}

const struct ut_host *
ut_engine_host(const struct ut_engine *e)
{
	return e->host;
}

struct ut_icmp_state *
ut_engine_icmp(struct ut_engine *e)
{
	return e->icmp;
}

void
ut_engine_log(struct ut_engine *e, const char *line, size_t len)
{
	if (e->sink.log)
		e->sink.log(e->sink.ctx, line, len);
}

/* net_ratelimit_state: DEFAULT_RATELIMIT_INTERVAL (5 s) and _BURST (10),
 * as net.core.message_cost and message_burst leave them */
#define NET_RL_INTERVAL_S 5
#define NET_RL_BURST 10

bool
ut_engine_net_ratelimit(struct ut_engine *e)
{
	unsigned long now = ut_engine_jiffies(e);
	unsigned long interval = NET_RL_INTERVAL_S * (unsigned long)e->host->hz;

	if (!e->net_rl.started) {
		e->net_rl.started = true;
		e->net_rl.begin = now;
		e->net_rl.left = NET_RL_BURST;
	}
	/* time_is_before_jiffies(begin + interval): strictly after */
	if (now > e->net_rl.begin + interval) {
		e->net_rl.begin = now;
		e->net_rl.left = NET_RL_BURST;
		if (e->net_rl.missed) {
			char line[64];
			int n = snprintf(line, sizeof(line), "net_ratelimit: "
					 "%u callbacks suppressed",
					 e->net_rl.missed);

			ut_engine_log(e, line, (size_t)n);
			e->net_rl.missed = 0;
		}
	}
	if (e->net_rl.left) {
		e->net_rl.left--;
		return true;
	}
	e->net_rl.missed++;
	return false;
}

bool
ut_engine_tracing(const struct ut_engine *e)
{
	return (e->trace_all || e->explain) && e->sink.step;
}

bool
ut_engine_explaining(const struct ut_engine *e)
{
	return (e->trace_all || e->explain) && e->sink.rule;
}

void
ut_engine_rule(struct ut_engine *e, const struct ut_pkt *p,
	       const struct ut_trace_rule *r)
{
	if (ut_engine_explaining(e))
		e->sink.rule(e->sink.ctx, p, r);
}

void
ut_engine_step(struct ut_engine *e, const struct ut_pkt *p, const char *text)
{
	if (e->sink.step)
		e->sink.step(e->sink.ctx, p, text);
}

void
ut_engine_why(struct ut_engine *e, const struct ut_pkt *p, const char *fmt,
	      ...)
{
	char text[256];
	va_list ap;

	if (!ut_engine_tracing(e))
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	ut_engine_step(e, p, text);
}

void
ut_engine_drop(struct ut_engine *e, struct ut_pkt *p, enum ut_drop_reason why)
{
	char text[160];

	e->stats.drops[why]++;
	if (e->sink.drop) {
		e->sink.drop(e->sink.ctx, p, why);
	} else if (e->sink.step) {
		snprintf(text, sizeof(text), "dropped (%s): %s",
			 ut_drop_reason_name(why), ut_drop_reason_why(why));
		e->sink.step(e->sink.ctx, p, text);
	}
}

/* ---- transmit ------------------------------------------------------------ */

void
ut_sink_tx(struct ut_engine *e, struct ut_pkt *p, const struct ut_iface *dev,
	   const uint8_t dst[6], uint16_t ethertype)
{
	const struct ut_iface *wire = dev->vlan_parent ? dev->vlan_parent : dev;
	uint8_t *frame;
	size_t len;

	/* vlan_dev_hard_start_xmit: the VLAN's frame leaves its parent with
	 * the tag (the VLAN's own MAC as source) */
	if (dev->vlan_parent) {
		frame = ut_pkt_push_eth_vlan(p, dst, dev->mac, dev->vlan_id,
					     ethertype);
		len = p->len + UT_ETH_HLEN + 4;
	} else {
		frame = ut_pkt_push_eth(p, dst, dev->mac, ethertype);
		len = p->len + UT_ETH_HLEN;
	}
	e->stats.tx++;
	if (dev != wire) {
		char text[2 * UT_IFNAMSIZ + 32];

		snprintf(text, sizeof(text), "out of %s: tagged VLAN %u on %s",
			 dev->name, dev->vlan_id, wire->name);
		ut_engine_step(e, p, text);
	}
	if (e->sink.sent) {
		e->sink.sent(e->sink.ctx, p, wire);
	} else if (e->sink.step) {
		char text[UT_IFNAMSIZ + 16];

		snprintf(text, sizeof(text), "sent on %s", wire->name);
		ut_engine_step(e, p, text);
	}
	if (e->sink.tx)
		e->sink.tx(e->sink.ctx, wire, p->tstamp_ns, frame, len);
}

void
ut_engine_note(struct ut_engine *e, const struct ut_pkt *p, const char *text)
{
	struct ut_engine_note *n;
	size_t i;

	ut_engine_step(e, p, text);
	for (i = 0; i < e->n_notes; i++)
		if (strcmp(e->notes[i].text, text) == 0)
			break;
	if (i == e->n_notes) {
		if (e->n_notes == e->cap_notes) {
			size_t cap = e->cap_notes ? 2 * e->cap_notes : 8;

			n = realloc(e->notes, cap * sizeof(*n));
			if (!n)
				return;
			e->notes = n;
			e->cap_notes = cap;
		}
		e->notes[i].text = strdup(text);
		if (!e->notes[i].text)
			return;
		e->notes[i].count = 0;
		e->n_notes++;
	}
	e->notes[i].count++;
}

bool
ut_engine_notes(const struct ut_engine *e, size_t i, const char **text,
		unsigned long *count)
{
	if (i >= e->n_notes)
		return false;
	*text = e->notes[i].text;
	*count = e->notes[i].count;
	return true;
}

void
ut_engine_notes_free(struct ut_engine *e)
{
	for (size_t i = 0; i < e->n_notes; i++)
		free(e->notes[i].text);
	free(e->notes);
	e->notes = NULL;
	e->n_notes = e->cap_notes = 0;
}
