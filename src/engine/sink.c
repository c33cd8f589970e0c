/* sink.c: what leaves the engine and what it reports, through the
 * caller's sink (engine.h): frames sent, log lines, the steps of a traced
 * packet, drops with their reasons; and the engine's accessors. A leaf
 * of the engine's call graph: every part of the path reports here, this
 * calls none of them. */
#include <stdio.h>
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

bool
ut_engine_tracing(const struct ut_engine *e)
{
	return e->trace_all && e->sink.step;
}

void
ut_engine_step(struct ut_engine *e, const struct ut_pkt *p, const char *text)
{
	if (e->sink.step)
		e->sink.step(e->sink.ctx, p, text);
}

void
ut_engine_drop(struct ut_engine *e, struct ut_pkt *p, enum ut_drop_reason why)
{
	char text[64];

	e->stats.drops[why]++;
	if (e->sink.step) {
		snprintf(text, sizeof(text), "dropped (%s)",
			 ut_drop_reason_name(why));
		e->sink.step(e->sink.ctx, p, text);
	}
}

/* ---- transmit ------------------------------------------------------------ */

void
ut_sink_tx(struct ut_engine *e, struct ut_pkt *p, const struct ut_iface *dev,
	   const uint8_t dst[6], uint16_t ethertype)
{
	uint8_t *frame = ut_pkt_push_eth(p, dst, dev->mac, ethertype);

	e->stats.tx++;
	if (e->sink.step) {
		char text[UT_IFNAMSIZ + 16];

		snprintf(text, sizeof(text), "sent on %s", dev->name);
		ut_engine_step(e, p, text);
	}
	if (e->sink.tx)
		e->sink.tx(e->sink.ctx, dev, p->tstamp_ns, frame,
			   p->len + UT_ETH_HLEN);
}
