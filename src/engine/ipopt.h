/* ipopt.h: IPv4 options on the receive and forward paths (ipopt.c). */
#ifndef UT_ENGINE_IPOPT_H
#define UT_ENGINE_IPOPT_H

#include "engine/engine.h"

/* what ip_options_compile notes in IPCB(skb)->opt */
struct ut_ipopt {
	uint8_t rr, ts, srr;  /* offsets from the IP header, 0: absent */
	bool rr_needaddr;     /* the forwarder writes its outbound address */
	bool changed;         /* bytes changed: checksum due on forward */
};

/* ut_ipopt_rcv: validate and process the options of a received packet
 * (local: it is for us). 0, or the offset of the bad byte, for the
 * parameter problem the caller sends. */
unsigned ut_ipopt_rcv(struct ut_engine *e, struct ut_pkt *p, bool local,
		      struct ut_ipopt *o);
/* ut_ipopt_forward: ip_forward_options after FORWARD (record route gets
 * the outbound address; the header checksum if anything changed) */
void ut_ipopt_forward(struct ut_engine *e, struct ut_pkt *p,
		      const struct ut_rt *rt, struct ut_ipopt *o);

#endif
