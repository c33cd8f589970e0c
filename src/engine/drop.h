/* drop.h: why the host drops a packet outside of a rule's verdict. A
 * vocabulary without code (names in pkt.c), shared by the engine and the
 * host model's routing decisions, which report their drops with it. */
#ifndef UT_ENGINE_DROP_H
#define UT_ENGINE_DROP_H

/* Why the host dropped a packet outside of a rule's verdict (counted per
 * run, shown by `run --json` and `trace`). */
enum ut_drop_reason {
	UT_DROP_NONE = 0,
	UT_DROP_L2_SHORT,        /* frame shorter than an Ethernet header */
	UT_DROP_L2_OVERSIZE,     /* frame longer than MTU + 18 (the link's
				  * receive check, e.g. veth's
				  * is_skb_forwardable) */
	UT_DROP_L2_OTHERHOST,    /* destination MAC is not ours */
	UT_DROP_L2_ETHERTYPE,    /* not IPv4/ARP, or a VLAN tag other than 0
				  * without a VLAN device for it */
	UT_DROP_IP_HDR,          /* ip_rcv_core: version, ihl, lengths */
	UT_DROP_IP_CSUM,         /* ip_rcv_core: header checksum */
	UT_DROP_MARTIAN,         /* routing: martian source/destination */
	UT_DROP_NO_ROUTE,        /* routing: unreachable (ICMP maybe sent) */
	UT_DROP_RPFILTER,        /* routing: reverse path filter */
	UT_DROP_IP_OPTIONS,      /* options: bad option, source route */
	UT_DROP_TTL,             /* forward: TTL expired */
	UT_DROP_FRAG_NEEDED,     /* forward/output: DF and too big */
	UT_DROP_NO_NEIGH,        /* no neighbour entry for the next hop */
	UT_DROP_NOT_FORWARDED,   /* forwarding off / not for us */
	UT_DROP_NETFILTER,       /* a rule or policy said DROP (or hot-drop) */
	UT_DROP_QUEUE,           /* QUEUE/NFQUEUE without a listener */
	UT_DROP_REASM,           /* reassembly: incomplete or bad fragments */
	UT_DROP_ARP,             /* ARP frame not answered */
	UT_DROP_NOT_SENT,        /* a --local datagram the socket refuses
				  * (EMSGSIZE) */
	UT_DROP_LINK_DOWN,       /* a frame for a device that is down */
	UT_DROP_MAX,
};
const char *ut_drop_reason_name(enum ut_drop_reason r);
/* ut_drop_reason_why: what the reason means, for people (`trace`) */
const char *ut_drop_reason_why(enum ut_drop_reason r);

#endif
