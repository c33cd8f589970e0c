/* proto_sctp.c: SCTP (nf_conntrack_proto_sctp, Linux 6.18).
 *
 * The tuple is the two ports. A connection's state follows the chunks
 * of its packets through a table per direction (the kernel's
 * sctp_conntracks), with the verification tags of both directions learnt
 * from INIT, INIT_ACK and heartbeats and checked on every packet (RFC
 * 4960 8.5, with the 8.5.1 exceptions). Which packets are INVALID, which
 * log a reason (nf_conntrack_log_invalid) and in what words are the
 * kernel's, as recorded from 6.18 (tests/unit/ct_sctp_gre_test.c).
 *
 * Every packet's checksum is checked as software would (the kernel does
 * it when skb->ip_summed is CHECKSUM_NONE: so for frames a veth or NIC
 * delivers without checksum offload), in PREROUTING and with
 * nf_conntrack_checksum.
 */
#include "conntrack/crc32c.h"
#include "conntrack/ct_int.h"

/* enum sctp_conntrack: the states as conntrack -L shows them and as the
 * sysctls nf_conntrack_sctp_timeout_* index them */
enum {
	NO = 0,  /* NONE */
	CL,      /* CLOSED */
	CW,      /* COOKIE_WAIT */
	CE,      /* COOKIE_ECHOED */
	ES,      /* ESTABLISHED */
	SS,      /* SHUTDOWN_SENT */
	SR,      /* SHUTDOWN_RECD */
	SA,      /* SHUTDOWN_ACK_SENT */
	HS,      /* HEARTBEAT_SENT */
	N_STATES,
	IV = N_STATES,  /* no such transition: the packet is INVALID */
};

static const char *const state_names[N_STATES] = {
	"NONE ", "CLOSED ", "COOKIE_WAIT ", "COOKIE_ECHOED ", "ESTABLISHED ",
	"SHUTDOWN_SENT ", "SHUTDOWN_RECD ", "SHUTDOWN_ACK_SENT ",
	"HEARTBEAT_SENT ",
};

/* chunk types (RFC 4960 3.2) */
enum {
	C_DATA = 0, C_INIT = 1, C_INIT_ACK = 2, C_HEARTBEAT = 4,
	C_HEARTBEAT_ACK = 5, C_ABORT = 6, C_SHUTDOWN = 7, C_SHUTDOWN_ACK = 8,
	C_ERROR = 9, C_COOKIE_ECHO = 10, C_COOKIE_ACK = 11,
	C_SHUTDOWN_COMPLETE = 14,
};

#define CHUNK_FLAG_T 0x01          /* ABORT, SHUTDOWN_COMPLETE: T bit */
#define FLAG_HEARTBEAT_VTAG_FAILED 0x01

/* the chunk types that move the state, in the order of the table rows */
static const uint8_t event_types[] = {
	C_INIT, C_INIT_ACK, C_ABORT, C_SHUTDOWN, C_SHUTDOWN_ACK, C_ERROR,
	C_COOKIE_ECHO, C_COOKIE_ACK, C_SHUTDOWN_COMPLETE, C_HEARTBEAT,
	C_HEARTBEAT_ACK,
};
#define N_EVENTS (sizeof(event_types) / sizeof(event_types[0]))

/* next[dir][event][state]: the state after a chunk of that row's type
 * seen in direction dir (0 original, 1 reply) */
static const uint8_t next[2][N_EVENTS][N_STATES] = {
	{	/* original          NO  CL  CW  CE  ES  SS  SR  SA  HS */
		/* INIT          */ { CL, CL, CW, CE, ES, CL, CL, SA, CW },
		/* INIT_ACK      */ { CL, CL, CW, CE, ES, SS, SR, SA, CL },
		/* ABORT         */ { CL, CL, CL, CL, CL, CL, CL, CL, CL },
		/* SHUTDOWN      */ { CL, CL, CW, CE, SS, SS, SR, SA, CL },
		/* SHUTDOWN_ACK  */ { SA, CL, CW, CE, ES, SA, SA, SA, SA },
		/* ERROR         */ { CL, CL, CW, CE, ES, SS, SR, SA, CL },
		/* COOKIE_ECHO   */ { CL, CL, CE, CE, ES, SS, SR, SA, CL },
		/* COOKIE_ACK    */ { CL, CL, CW, ES, ES, SS, SR, SA, CL },
		/* SHUTDOWN_COMP */ { CL, CL, CW, CE, ES, SS, SR, CL, CL },
		/* HEARTBEAT     */ { HS, CL, CW, CE, ES, SS, SR, SA, HS },
		/* HEARTBEAT_ACK */ { CL, CL, CW, CE, ES, SS, SR, SA, HS },
	},
	{	/* reply             NO  CL  CW  CE  ES  SS  SR  SA  HS */
		/* INIT          */ { IV, CL, CW, CE, ES, SS, SR, SA, IV },
		/* INIT_ACK      */ { IV, CW, CW, CE, ES, SS, SR, SA, IV },
		/* ABORT         */ { IV, CL, CL, CL, CL, CL, CL, CL, IV },
		/* SHUTDOWN      */ { IV, CL, CW, CE, SR, SS, SR, SA, IV },
		/* SHUTDOWN_ACK  */ { IV, CL, CW, CE, ES, SA, SA, SA, IV },
		/* ERROR         */ { IV, CL, CW, CL, ES, SS, SR, SA, IV },
		/* COOKIE_ECHO   */ { IV, CL, CE, CE, ES, SS, SR, SA, IV },
		/* COOKIE_ACK    */ { IV, CL, CW, ES, ES, SS, SR, SA, IV },
		/* SHUTDOWN_COMP */ { IV, CL, CW, CE, ES, SS, SR, CL, IV },
		/* HEARTBEAT     */ { IV, CL, CW, CE, ES, SS, SR, SA, HS },
		/* HEARTBEAT_ACK */ { IV, CL, CW, CE, ES, SS, SR, SA, ES },
	},
};

/* sctp_new_state: chunks of other types (DATA, SACK, ...) keep it */
static unsigned
new_state(unsigned dir, unsigned cur, uint8_t type)
{
	for (size_t i = 0; i < N_EVENTS; i++)
		if (event_types[i] == type)
			return next[dir][i][cur];
	return cur;
}

/* ---- the chunk walk ------------------------------------------------------ */

#define SCTP_HLEN 12u
#define CHUNK_HLEN 4u

struct chunk {
	unsigned off;       /* of its header, from the IP header */
	uint8_t type, flags;
	uint16_t len;       /* its length field */
};

/* chunk_at: the chunk header at off, if the datagram has all 4 bytes of
 * it (for_each_sctp_chunk stops at the first one it cannot read) */
static bool
chunk_at(const struct ut_pkt *p, unsigned off, struct chunk *c)
{
	if (off >= p->len || p->len - off < CHUNK_HLEN)
		return false;
	c->off = off;
	c->type = p->ip[off];
	c->flags = p->ip[off + 1];
	c->len = ut_get16(p->ip + off + 2);
	return true;
}

/* the next chunk's offset: lengths are padded to 4 bytes */
static unsigned
chunk_next(const struct chunk *c)
{
	/* (a length of 0 never gets here: basic_checks refuses it first;
	 * stepping over the header anyway keeps the walk finite) */
	return c->off + (c->len ? (c->len + 3u) & ~3u : CHUNK_HLEN);
}

#define FOR_EACH_CHUNK(p, dataoff, c) \
	for (bool ok_ = chunk_at((p), (dataoff) + SCTP_HLEN, (c)); ok_; \
	     ok_ = chunk_at((p), chunk_next(c), (c)))

/* the set of chunk types a packet carries */
struct chunk_map {
	uint64_t bits[4];
};

static void
map_set(struct chunk_map *m, uint8_t type)
{
	m->bits[type >> 6] |= 1ull << (type & 63u);
}

static bool
map_has(const struct chunk_map *m, uint8_t type)
{
	return m->bits[type >> 6] & (1ull << (type & 63u));
}

/* how the kernel prints a big-endian field with %x/%d on x86: its bytes
 * read as a little-endian number */
static uint32_t
le_view32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) |
	       (v << 24);
}

static unsigned
le_view16(uint16_t v)
{
	return (unsigned)((v >> 8) | ((v & 0xffu) << 8));
}

/* do_basic_checks: COOKIE_ECHO and COOKIE_ACK only first; INIT,
 * INIT_ACK and SHUTDOWN_COMPLETE only alone (once one was seen, no other
 * chunk may follow); no chunk of length 0; at least one chunk. Fills
 * map. */
static bool
basic_checks(struct ut_ct_ctx *cx, const struct ut_pkt *p, unsigned dataoff,
	     struct chunk_map *map)
{
	struct chunk c;
	unsigned count = 0;
	bool alone = false;

	FOR_EACH_CHUNK(p, dataoff, &c) {
		if (c.type == C_INIT || c.type == C_INIT_ACK ||
		    c.type == C_SHUTDOWN_COMPLETE)
			alone = true;
		if (((c.type == C_COOKIE_ACK || c.type == C_COOKIE_ECHO ||
		      alone) && count != 0) || c.len == 0) {
			/* the kernel's message ends in a newline, and it
			 * shows the length field as x86 reads it */
			ut_ct_log_invalid(cx, p, 132, "do_basic_checks failed. "
					  "chunk num %u, type %u, len %u flag "
					  "%d\n", count, c.type,
					  le_view16(c.len), alone ? 1 : 0);
			return false;
		}
		map_set(map, c.type);
		count++;
	}
	return count != 0;
}

/* ---- error: lengths and the checksum ----------------------------------- */

static bool
sctp_error(struct ut_ct_ctx *cx, const struct ut_pkt *p, unsigned dataoff)
{
	const uint8_t *sh = p->ip + dataoff;

	if (p->len < dataoff + SCTP_HLEN) {
		ut_ct_log_invalid(cx, p, 132, "nf_ct_sctp: short packet ");
		return false;
	}
	if (cx->hook == UT_HOOK_PRE_ROUTING && cx->sys->checksum &&
	    ut_sctp_cksum_get(sh) != ut_sctp_cksum(sh, p->len - dataoff)) {
		ut_ct_log_invalid(cx, p, 132, "nf_ct_sctp: bad CRC ");
		return false;
	}
	return true;
}

/* ---- the connection ----------------------------------------------------- */

static bool
sctp_pkt_to_tuple(const uint8_t *l4, size_t len, struct ut_ct_tuple *t)
{
	if (len < 4)
		return false;
	t->sport = ut_get16(l4);
	t->dport = ut_get16(l4 + 2);
	return true;
}

/* the initiate tag of the INIT or INIT_ACK chunk c (false: cut short) */
static bool
init_tag(const struct ut_pkt *p, const struct chunk *c, uint32_t *tag)
{
	unsigned off = c->off + CHUNK_HLEN;

	/* struct sctp_inithdr is 16 bytes: all must be there */
	if (off > p->len || p->len - off < 16)
		return false;
	*tag = ut_get32(p->ip + off);
	return true;
}

/* sctp_new: a connection's first packet. Every chunk must have a
 * transition out of NONE; the tags to expect are noted: an INIT's
 * initiate tag for the reply direction (its own tag must be 0), a
 * heartbeat's or heartbeat ack's tag for this direction (6.18 leaves the
 * reply's tag 0 after a HEARTBEAT_ACK, as measured), any other chunk's
 * tag for the reply (an out-of-the-blue SHUTDOWN_ACK is answered with the
 * same tag). */
static bool
sctp_new(struct ut_conn *ct, const struct ut_pkt *p, unsigned dataoff,
	 uint32_t vtag)
{
	struct ut_ct_sctp *s = &ct->proto.sctp;
	struct chunk c;

	*s = (struct ut_ct_sctp){ 0 };
	FOR_EACH_CHUNK(p, dataoff, &c) {
		unsigned ns = new_state(UT_CT_DIR_ORIGINAL, NO, c.type);

		if (ns == NO || ns == IV)
			return false;
		if (c.type == C_INIT) {
			if (vtag != 0 || !init_tag(p, &c, &s->vtag[1]))
				return false;
		} else if (c.type == C_HEARTBEAT ||
			   c.type == C_HEARTBEAT_ACK) {
			s->vtag[0] = vtag;
		} else {
			s->vtag[1] = vtag;
		}
		s->state = NO;
	}
	return true;
}

/* the chunk types whose packets are exempt from the plain tag check */
static bool
tag_exempt(const struct chunk_map *m)
{
	static const uint8_t types[] = {
		C_INIT, C_SHUTDOWN_COMPLETE, C_COOKIE_ECHO, C_ABORT,
		C_SHUTDOWN_ACK, C_HEARTBEAT, C_HEARTBEAT_ACK,
	};

	for (size_t i = 0; i < sizeof(types); i++)
		if (map_has(m, types[i]))
			return true;
	return false;
}

/* the outcome of one chunk */
enum step { STEP_OK, STEP_SKIP, STEP_INVALID };

/* a heartbeat (ack) whose tag differs: the peer may have restarted. A
 * HEARTBEAT is let through without refreshing and remembered; the
 * HEARTBEAT_ACK from the other side then sets the tags anew. */
static enum step
heartbeat_tag(struct ut_ct_sctp *s, const struct chunk_map *map, unsigned dir,
	      uint32_t vtag, bool ack, bool *ignore)
{
	if (s->vtag[dir] == 0) {
		s->vtag[dir] = vtag;
		return STEP_OK;
	}
	if (vtag == s->vtag[dir]) {
		s->flags &= (uint8_t)~FLAG_HEARTBEAT_VTAG_FAILED;
		return STEP_OK;
	}
	if (map_has(map, C_DATA) || *ignore)
		return STEP_INVALID;
	if (!ack) {
		s->flags |= FLAG_HEARTBEAT_VTAG_FAILED;
		s->last_dir = (uint8_t)dir;
		*ignore = true;
		return STEP_SKIP;
	}
	if (!(s->flags & FLAG_HEARTBEAT_VTAG_FAILED) || s->last_dir == dir)
		return STEP_INVALID;
	s->flags &= (uint8_t)~FLAG_HEARTBEAT_VTAG_FAILED;
	s->vtag[dir] = vtag;
	s->vtag[!dir] = 0;
	return STEP_OK;
}

/* the special tag rules of RFC 4960 8.5.1 before the state moves */
static enum step
chunk_tags(struct ut_ct_sctp *s, const struct chunk *c,
	   const struct chunk_map *map, unsigned dir, uint32_t vtag,
	   bool *ignore)
{
	switch (c->type) {
	case C_INIT:
		return vtag == 0 ? STEP_OK : STEP_INVALID;
	case C_ABORT:
	case C_SHUTDOWN_COMPLETE:
		/* T set: the sender had no TCB and reflected the tag */
		return vtag == s->vtag[(c->flags & CHUNK_FLAG_T) ? !dir : dir] ?
		       STEP_OK : STEP_INVALID;
	case C_COOKIE_ECHO:
		return vtag == s->vtag[dir] ? STEP_OK : STEP_INVALID;
	case C_COOKIE_ACK:
		s->init[0] = s->init[1] = 0;
		return STEP_OK;
	case C_HEARTBEAT:
	case C_HEARTBEAT_ACK:
		return heartbeat_tag(s, map, dir, vtag,
				     c->type == C_HEARTBEAT_ACK, ignore);
	default:
		return STEP_OK;
	}
}

/* INIT and INIT_ACK: the initiate tag is what the other direction will
 * carry; an INIT_ACK must agree with a tag already learnt unless this
 * side's INIT is pending, and in a collision (INITs both ways) with it */
static enum step
learn_tags(struct ut_conn *ct, const struct ut_pkt *p, const struct chunk *c,
	   unsigned dir, unsigned old, unsigned ns, bool *ignore)
{
	struct ut_ct_sctp *s = &ct->proto.sctp;
	uint32_t tag, known;

	if (c->type == C_INIT) {
		if (!init_tag(p, c, &tag))
			return STEP_INVALID;
		if (s->init[dir] && s->init[!dir])
			s->init[!dir] = 0;
		s->init[dir] = 1;
		s->vtag[!dir] = tag;
		/* a retransmitted INIT does not extend the entry: a client
		 * or NAT reusing the ports cannot keep it forever */
		if (ns == CL && old == CL && ut_ct_confirmed(ct))
			*ignore = true;
	} else if (c->type == C_INIT_ACK) {
		if (!init_tag(p, c, &tag))
			return STEP_INVALID;
		known = s->vtag[!dir];
		if (!s->init[!dir] && known && known != tag)
			return STEP_INVALID;
		if (s->init[dir] && s->init[!dir] && known != tag)
			return STEP_INVALID;
		s->vtag[!dir] = tag;
	}
	return STEP_OK;
}

/* nf_conntrack_sctp_packet */
static int
sctp_packet(struct ut_ct_ctx *cx, struct ut_conn *ct, struct ut_pkt *p,
	    unsigned dataoff, unsigned ctinfo)
{
	unsigned dir = ut_ctinfo2dir(ctinfo);
	struct ut_ct_sctp *s = &ct->proto.sctp;
	struct chunk_map map = { { 0 } };
	unsigned old = NO, ns = NO;
	bool ignore = false;
	struct chunk c;
	uint32_t vtag;

	if (!sctp_error(cx, p, dataoff))
		return UT_CT_VERDICT_INVALID;
	vtag = ut_get32(p->ip + dataoff + 4);
	if (!basic_checks(cx, p, dataoff, &map))
		return UT_CT_VERDICT_INVALID;
	if (!ut_ct_confirmed(ct)) {
		/* out of the blue: these are never answered (8.4) */
		if (map_has(&map, C_ABORT) ||
		    map_has(&map, C_SHUTDOWN_COMPLETE) ||
		    map_has(&map, C_COOKIE_ACK))
			return UT_CT_VERDICT_INVALID;
		if (!sctp_new(ct, p, dataoff, vtag))
			return UT_CT_VERDICT_INVALID;
	}
	if (!tag_exempt(&map) && vtag != s->vtag[dir]) {
		ut_ct_log_invalid(cx, p, 132, "verification tag check failed "
				  "%x vs %x for dir %u", le_view32(vtag),
				  le_view32(s->vtag[dir]), dir);
		return UT_CT_VERDICT_INVALID;
	}
	/* chunk by chunk; what a chunk changed stays even when a later one
	 * makes the packet invalid */
	FOR_EACH_CHUNK(p, dataoff, &c) {
		enum step st = chunk_tags(s, &c, &map, dir, vtag, &ignore);

		if (st == STEP_INVALID)
			return UT_CT_VERDICT_INVALID;
		if (st == STEP_SKIP)
			continue;
		old = s->state;
		ns = new_state(dir, old, c.type);
		if (ns == IV) {
			ut_ct_log_invalid(cx, p, 132, "Invalid, old_state %u, "
					  "dir %u, type %u", old, dir, c.type);
			return UT_CT_VERDICT_INVALID;
		}
		if (learn_tags(ct, p, &c, dir, old, ns, &ignore) ==
		    STEP_INVALID)
			return UT_CT_VERDICT_INVALID;
		s->state = (uint8_t)ns;
		if (old == ns)
			continue;
		ut_ct_event(cx, ct, UT_CT_EV_PROTOINFO);
		if (ns == ES && !(ct->status & UT_IPS_ASSURED)) {
			ct->status |= UT_IPS_ASSURED;
			ut_ct_event(cx, ct, UT_CT_EV_ASSURED);
		}
	}
	if (ignore)
		return UT_NF_ACCEPT;
	/* timeouts[NONE] is CLOSED's in the kernel */
	ut_ct_refresh(cx, ct, (uint32_t)cx->sys->sctp_timeout[ns == NO ? CL :
								ns]);
	return UT_NF_ACCEPT;
}

static const char *
sctp_state_name(const struct ut_conn *ct)
{
	unsigned st = ct->proto.sctp.state;

	return st < N_STATES ? state_names[st] : state_names[NO];
}

/* sctp_can_early_drop: only associations on their way out */
static bool
sctp_can_early_drop(const struct ut_conn *ct)
{
	unsigned st = ct->proto.sctp.state;

	return st == SS || st == SR || st == SA;
}

const struct ut_ct_l4proto ut_ct_l4proto_sctp = {
	.proto = 132,
	.pkt_to_tuple = sctp_pkt_to_tuple,
	.packet = sctp_packet,
	.state_name = sctp_state_name,
	.can_early_drop = sctp_can_early_drop,
};
