/* proto_tcp.c: the TCP tracker, as Linux 6.18's nf_conntrack_proto_tcp.
 *
 * Conntrack sits in the middle: it guesses each end's state from the
 * segments it sees, and it follows both ends' windows (the "Real Stateful
 * TCP Packet Filtering" model): per direction the highest sequence end
 * sent (td_end), the highest end the peer's window allows (td_maxend) and
 * the largest window seen (td_maxwin). A segment is in window when
 *   I.   seq <= sender.td_maxend
 *   II.  seq + len >= sender.td_end - receiver.td_maxwin
 *   III. (s)ack <= receiver.td_end
 *   IV.  (s)ack >= receiver.td_end - max(sender.td_maxwin, 66000)
 * where the (s)ack is the ACK or the highest right edge of a SACK block.
 * The state moves by a table indexed by direction, the segment's class
 * (SYN, SYN/ACK, FIN, ACK, RST, none) and the old state, with the
 * kernel's exceptions: ignored segments that resynchronise, TIME_WAIT
 * reopened by a SYN, RST sequence checks, the RFC 5961 challenge ACK.
 * This file has the states; the window check is proto_tcp_window.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "conntrack/proto_tcp.h"

/* the kernel's names, in its log messages */
static const char *const kernel_names[UT_TCP_MAX] = {
	"NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT",
	"CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2",
};

/* conntrack -L's words (the kernel's names; conntrack-tools 1.4 prints
 * SYN_SENT2 too, checked on Linux 6.18) */
static const char *const list_names[UT_TCP_MAX] = {
	"NONE ", "SYN_SENT ", "SYN_RECV ", "ESTABLISHED ", "FIN_WAIT ",
	"CLOSE_WAIT ", "LAST_ACK ", "TIME_WAIT ", "CLOSE ", "SYN_SENT2 ",
};

#define NO UT_TCP_NONE
#define SS UT_TCP_SYN_SENT
#define SR UT_TCP_SYN_RECV
#define ES UT_TCP_ESTABLISHED
#define FW UT_TCP_FIN_WAIT
#define CW UT_TCP_CLOSE_WAIT
#define LA UT_TCP_LAST_ACK
#define TW UT_TCP_TIME_WAIT
#define CL UT_TCP_CLOSE
#define S2 UT_TCP_SYN_SENT2
#define IV UT_TCP_MAX     /* invalid */
#define IG UT_TCP_IGNORE  /* maybe valid, we may be out of sync: pass */

/* the next state: [direction][class][old state] (tcp_conntracks) */
static const uint8_t next_state[2][C_MAX][UT_TCP_MAX] = {
	{	/* original:  NO  SS  SR  ES  FW  CW  LA  TW  CL  S2 */
		[C_SYN]    = { SS, SS, IG, IG, IG, IG, IG, SS, SS, S2 },
		[C_SYNACK] = { IV, IV, SR, IV, IV, IV, IV, IV, IV, SR },
		[C_FIN]    = { IV, IV, FW, FW, LA, LA, LA, TW, CL, IV },
		[C_ACK]    = { ES, IV, ES, ES, CW, CW, TW, TW, CL, IV },
		[C_RST]    = { IV, CL, CL, CL, CL, CL, CL, CL, CL, CL },
		[C_NONE]   = { IV, IV, IV, IV, IV, IV, IV, IV, IV, IV },
	},
	{	/* reply:     NO  SS  SR  ES  FW  CW  LA  TW  CL  S2 */
		[C_SYN]    = { IV, S2, IV, IV, IV, IV, IV, SS, IV, S2 },
		[C_SYNACK] = { IV, SR, IG, IG, IG, IG, IG, IG, IG, SR },
		[C_FIN]    = { IV, IV, FW, FW, LA, LA, LA, TW, CL, IV },
		[C_ACK]    = { IV, IG, SR, ES, CW, CW, TW, TW, CL, IG },
		[C_RST]    = { IV, CL, CL, CL, CL, CL, CL, CL, CL, CL },
		[C_NONE]   = { IV, IV, IV, IV, IV, IV, IV, IV, IV, IV },
	},
};

#undef NO
#undef SS
#undef SR
#undef ES
#undef FW
#undef CW
#undef LA
#undef TW
#undef CL
#undef S2
#undef IV
#undef IG

/* flag combinations tcp_error lets through (PSH, ECE, CWR aside) */
static bool
flags_valid(uint8_t flags)
{
	switch (flags & ~(TH_PSH | TH_ECE | TH_CWR)) {
	case TH_SYN:
	case TH_SYN | TH_URG:
	case TH_SYN | TH_ACK:
	case TH_RST:
	case TH_RST | TH_ACK:
	case TH_FIN | TH_ACK:
	case TH_FIN | TH_ACK | TH_URG:
	case TH_ACK:
	case TH_ACK | TH_URG:
		return true;
	default:
		return false;
	}
}

/* ---- the segment ---------------------------------------------------- */

static enum ut_tcp_class
seg_classify(uint8_t flags)
{
	if (flags & TH_RST)
		return C_RST;
	if (flags & TH_SYN)
		return flags & TH_ACK ? C_SYNACK : C_SYN;
	if (flags & TH_FIN)
		return C_FIN;
	if (flags & TH_ACK)
		return C_ACK;
	return C_NONE;
}

/* seg_read: the header fields; false when the header is not whole (the
 * core ran error() first, so only a broken caller gets false) */
static bool
seg_read(const struct ut_pkt *p, unsigned dataoff, struct ut_tcp_seg *s)
{
	size_t len;

	if (dataoff > p->len || p->len - dataoff < 20)
		return false;
	len = p->len - dataoff;
	s->th = p->ip + dataoff;
	s->hlen = (unsigned)(s->th[12] >> 4) * 4;
	if (s->hlen < 20 || s->hlen > len)
		return false;
	s->seq = ut_get32(s->th + 4);
	s->ack = ut_get32(s->th + 8);
	s->win = ut_get16(s->th + 14);
	s->flags = s->th[13];
	s->cls = seg_classify(s->flags);
	/* the kernel counts from skb->len, i.e. the IP datagram's length */
	s->end = s->seq + (uint32_t)(len - s->hlen) +
		 ((s->flags & TH_SYN) ? 1 : 0) + ((s->flags & TH_FIN) ? 1 : 0);
	return true;
}

/* ---- error, new ----------------------------------------------------- */

static bool
tcp_pkt_to_tuple(const uint8_t *l4, size_t len, struct ut_ct_tuple *t)
{
	if (len < 8)
		return false;
	t->sport = ut_get16(l4);
	t->dport = ut_get16(l4 + 2);
	return true;
}

/* tcp_error: the header, the checksum (arriving packets only: what the
 * host sends is assumed right), the flags */
static bool
tcp_error(struct ut_ct_ctx *cx, const struct ut_pkt *p, unsigned dataoff)
{
	const uint8_t *th = p->ip + dataoff;
	size_t len = dataoff <= p->len ? p->len - dataoff : 0;
	unsigned hlen;

	/* less than a header: the kernel gives up without a word */
	if (len < 20)
		return false;
	hlen = (unsigned)(th[12] >> 4) * 4;
	if (hlen < 20 || len < hlen) {
		ut_ct_log_invalid(cx, p, 6, "truncated packet");
		return false;
	}
	if (cx->sys->checksum && cx->hook == UT_HOOK_PRE_ROUTING &&
	    ut_l4_csum(p->ip, th, len, 6) != 0) {
		ut_ct_log_invalid(cx, p, 6, "bad checksum");
		return false;
	}
	if (!flags_valid(th[13])) {
		ut_ct_log_invalid(cx, p, 6, "invalid tcp flag combination");
		return false;
	}
	return true;
}

/* tcp_new: a fresh entry: a SYN opens it; anything else that would be
 * ESTABLISHED is a connection picked up mid-stream (nf_conntrack_tcp_loose),
 * with SACK assumed and liberal windows because its scaling is unknown */
static bool
tcp_new(struct ut_ct_ctx *cx, struct ut_conn *ct, const struct ut_pkt *p,
	const struct ut_tcp_seg *s)
{
	struct ut_ct_tcp *t = &ct->proto.tcp;
	unsigned ns = next_state[UT_CT_DIR_ORIGINAL][s->cls][UT_TCP_NONE];

	if (ns >= UT_TCP_MAX) {
		ut_ct_log_invalid(cx, p, 6, "invalid new");
		return false;
	}
	if (ns != UT_TCP_SYN_SENT && !cx->sys->tcp_loose)
		return false;
	memset(t, 0, sizeof(*t));
	t->seen[0].td_end = s->end;
	t->seen[0].td_maxwin = s->win ? s->win : 1;
	if (ns == UT_TCP_SYN_SENT) {
		t->seen[0].td_maxend = s->end;
		ut_tcp_parse_options(s, &t->seen[0]);
	} else {
		t->seen[0].td_maxend = s->end + t->seen[0].td_maxwin;
		t->seen[0].flags = t->seen[1].flags =
			UT_TCP_FLAG_SACK_PERM | UT_TCP_FLAG_BE_LIBERAL;
	}
	t->last_index = C_NONE;
	return true;
}

static bool
tcp_can_early_drop(const struct ut_conn *ct)
{
	switch (ct->proto.tcp.state) {
	case UT_TCP_FIN_WAIT:
	case UT_TCP_LAST_ACK:
	case UT_TCP_TIME_WAIT:
	case UT_TCP_CLOSE:
	case UT_TCP_CLOSE_WAIT:
		return true;
	default:
		return false;
	}
}

static const char *
tcp_state_name(const struct ut_conn *ct)
{
	unsigned st = ct->proto.tcp.state;

	if (ct->status & UT_IPS_OFFLOAD)
		return "";
	return st < UT_TCP_MAX ? list_names[st] : "";
}

/* ---- the packet ----------------------------------------------------- */

/* what the exceptions before the window check decide */
enum step {
	S_CHECK,     /* check the window, then move */
	S_MOVE,      /* move without checking the window */
	S_ACCEPT,    /* UT_NF_ACCEPT, nothing changes */
	S_INVALID,
	S_REPEAT,    /* killed: look the packet up again */
};

static bool
tcp_established(const struct ut_conn *ct)
{
	return ct->proto.tcp.state == UT_TCP_ESTABLISHED &&
	       (ct->status & UT_IPS_ASSURED);
}

/* ignored: a segment that may be valid while we are out of sync (a SYN
 * into a live connection, a SYN/ACK or ACK answering what we did not
 * see): note it, so that the answer can resynchronise us, and pass it.
 * S_CHECK when it is the SYN/ACK answering a SYN noted earlier. */
static enum step
ignored(struct ut_ct_ctx *cx, struct ut_conn *ct, const struct ut_pkt *p,
	const struct ut_tcp_seg *s, enum ut_ct_dir dir, unsigned *old, unsigned *ns)
{
	struct ut_ct_tcp *t = &ct->proto.tcp;

	if (s->cls == C_SYNACK && t->last_index == C_SYN &&
	    t->last_dir != dir && s->ack == t->last_end) {
		/* both ends agree and we did not: take the SYN we noted */
		struct ut_ct_tcp_side *syn = &t->seen[t->last_dir];

		*old = UT_TCP_SYN_SENT;
		*ns = UT_TCP_SYN_RECV;
		syn->td_end = syn->td_maxend = t->last_end;
		syn->td_maxwin = t->last_win ? t->last_win : 1;
		syn->td_scale = t->last_wscale;
		t->last_flags &= ~UT_TCP_FLAG_CHALLENGE_ACK;
		syn->flags = t->last_flags;
		memset(&t->seen[dir], 0, offsetof(struct ut_ct_tcp_side,
						  flags));
		t->seen[dir].flags &= UT_TCP_FLAG_BE_LIBERAL;
		return S_CHECK;
	}
	t->last_index = (uint8_t)s->cls;
	t->last_dir = (uint8_t)dir;
	t->last_seq = s->seq;
	t->last_end = s->end;
	t->last_win = s->win;
	if (s->cls == C_SYN && dir == UT_CT_DIR_ORIGINAL) {
		struct ut_ct_tcp_side opt = { 0 };

		t->last_flags = t->last_wscale = 0;
		ut_tcp_parse_options(s, &opt);
		if (opt.flags & UT_TCP_FLAG_WINDOW_SCALE) {
			t->last_flags |= UT_TCP_FLAG_WINDOW_SCALE;
			t->last_wscale = opt.td_scale;
		}
		if (opt.flags & UT_TCP_FLAG_SACK_PERM)
			t->last_flags |= UT_TCP_FLAG_SACK_PERM;
		/* in LAST_ACK the peer's challenge ACK (RFC 5961) would
		 * look like the last ACK */
		if (*old == UT_TCP_LAST_ACK)
			t->last_flags |= UT_TCP_FLAG_CHALLENGE_ACK;
	}
	/* maybe a challenge ACK answering the SYN */
	if (*old == UT_TCP_SYN_SENT && s->cls == C_ACK &&
	    dir == UT_CT_DIR_REPLY)
		t->last_ack = s->ack;
	ut_ct_log_invalid(cx, p, 6, "packet (index %d) in dir %d ignored, "
			  "state %s", (int)s->cls, (int)dir,
			  kernel_names[*old]);
	return S_ACCEPT;
}

/* rst_checks: a RST must hit the sequence the peer expects; a RST that
 * is only in window keeps the state (the peer may answer it with a
 * challenge ACK). May set *ns back to the old state. */
static enum step
rst_checks(struct ut_ct_ctx *cx, struct ut_conn *ct, const struct ut_pkt *p,
	   const struct ut_tcp_seg *s, enum ut_ct_dir dir, unsigned old, unsigned *ns)
{
	struct ut_ct_tcp *t = &ct->proto.tcp;
	const struct ut_ct_tcp_side *peer = &t->seen[!dir];

	/* closing already: the tuple may be reused, our numbers stale */
	if (tcp_can_early_drop(ct))
		return S_MOVE;
	if ((peer->flags & UT_TCP_FLAG_MAXACK_SET) &&
	    t->last_index != C_SYN) {
		/* seq 0 before ESTABLISHED: the answer to a SYN we let by */
		if (s->seq == 0 && !tcp_established(ct))
			return S_CHECK;
		if (seq_before(s->seq, peer->td_maxack) &&
		    !cx->sys->tcp_ignore_invalid_rst) {
			ut_ct_log_invalid(cx, p, 6, "invalid rst");
			return S_INVALID;
		}
		if (!tcp_established(ct) || s->seq == peer->td_maxack)
			return S_CHECK;
		/* the RST right after our data in the same direction */
		if (t->last_index == C_ACK && t->last_dir == dir &&
		    s->seq == t->last_end)
			return S_CHECK;
		*ns = old;
	}
	/* the RST answering a SYN (a) or half-open ACK (c) we let by */
	if ((((ct->status & UT_IPS_SEEN_REPLY) && t->last_index == C_SYN) ||
	     (!(ct->status & UT_IPS_ASSURED) && t->last_index == C_ACK)) &&
	    s->ack == t->last_end)
		return S_MOVE;
	/* the RST answering a challenge ACK we let by */
	if (old == UT_TCP_SYN_SENT && t->last_index == C_ACK &&
	    t->last_dir == UT_CT_DIR_REPLY && s->seq == t->last_ack)
		return S_MOVE;
	return S_CHECK;
}

/* exceptions: what the transition table alone does not decide */
static enum step
exceptions(struct ut_ct_ctx *cx, struct ut_conn *ct, const struct ut_pkt *p,
	   const struct ut_tcp_seg *s, enum ut_ct_dir dir, unsigned *old,
	   unsigned *ns)
{
	struct ut_ct_tcp *t = &ct->proto.tcp;

	switch (*ns) {
	case UT_TCP_SYN_SENT:
		if (*old < UT_TCP_TIME_WAIT)
			return S_CHECK;
		/* a SYN after a close or an abort (RFC 1122 lets TIME_WAIT
		 * be reopened): a new connection in place of this one */
		if (((t->seen[dir].flags | t->seen[!dir].flags) &
		     UT_TCP_FLAG_CLOSE_INIT) ||
		    (t->last_dir == dir && t->last_index == C_RST)) {
			ut_ct_kill(cx, ct);
			return S_REPEAT;
		}
		return ignored(cx, ct, p, s, dir, old, ns);
	case UT_TCP_IGNORE:
		return ignored(cx, ct, p, s, dir, old, ns);
	case UT_TCP_MAX:
		ut_ct_log_invalid(cx, p, 6, "packet (index %d) in dir %d "
				  "invalid, state %s", (int)s->cls, (int)dir,
				  kernel_names[*old]);
		return S_INVALID;
	case UT_TCP_TIME_WAIT:
		if (*old == UT_TCP_LAST_ACK && s->cls == C_ACK &&
		    t->last_dir != dir && t->last_index == C_SYN &&
		    (t->last_flags & UT_TCP_FLAG_CHALLENGE_ACK)) {
			/* the challenge ACK, not the last ACK */
			t->last_flags &= ~UT_TCP_FLAG_CHALLENGE_ACK;
			ut_ct_log_invalid(cx, p, 6, "challenge-ack ignored");
			return S_ACCEPT;
		}
		return S_CHECK;
	case UT_TCP_SYN_SENT2:
		t->last_flags |= UT_TCP_FLAG_SIMULTANEOUS_OPEN;
		return S_CHECK;
	case UT_TCP_SYN_RECV:
		if (dir == UT_CT_DIR_REPLY && s->cls == C_ACK &&
		    (t->last_flags & UT_TCP_FLAG_SIMULTANEOUS_OPEN))
			*ns = UT_TCP_ESTABLISHED;
		return S_CHECK;
	case UT_TCP_CLOSE:
		if (s->cls != C_RST)
			return S_CHECK;
		return rst_checks(cx, ct, p, s, dir, *old, ns);
	default:
		return S_CHECK;
	}
}

/* handle_invalid: an ASSURED connection whose FIN or RST failed the
 * window check while the other side had sent one too: both ends are
 * probably gone, so it does not keep its long timeout */
static void
handle_invalid(struct ut_ct_ctx *cx, struct ut_conn *ct,
	       const struct ut_pkt *p, enum ut_ct_dir dir, enum ut_tcp_class cls)
{
	struct ut_ct_tcp *t = &ct->proto.tcp;
	uint64_t now, left, unack, hz;

	if (!(ct->status & UT_IPS_ASSURED) ||
	    (ct->status & UT_IPS_FIXED_TIMEOUT))
		return;
	if (cls != C_RST && cls != C_FIN)
		return;
	if (t->last_dir == dir ||
	    (t->last_index != C_FIN && t->last_index != C_RST)) {
		t->last_index = (uint8_t)cls;
		t->last_dir = (uint8_t)dir;
		return;
	}
	hz = ut_engine_hz(cx->e);
	now = ut_engine_jiffies64(cx->e);
	left = ct->timeout > now ? ct->timeout - now : 0;
	if (left < 120 * hz)
		return;
	unack = (uint64_t)(uint32_t)cx->sys->tcp_timeout[UT_TCP_UNACK] * hz;
	if (left > unack) {
		ut_ct_log_invalid(cx, p, 6, "packet (index %d, dir %d) "
				  "response for index %d lower timeout to %u",
				  (int)cls, (int)dir, (int)t->last_index,
				  (unsigned)unack);
		ut_ct_refresh(cx, ct, (uint32_t)cx->sys->tcp_timeout[
				      UT_TCP_UNACK]);
	}
}

/* timeout_for: the new state's timeout, shortened while segments are
 * retransmitted, data is unacknowledged or the window is closed; a RST
 * gives the CLOSE timeout whatever the state */
static uint32_t
timeout_for(const struct ut_ct_ctx *cx, const struct ut_ct_tcp *t,
	    unsigned ns, enum ut_tcp_class cls)
{
	const int *to = cx->sys->tcp_timeout;
	uint32_t st = (uint32_t)to[ns];

	if (t->retrans >= cx->sys->tcp_max_retrans &&
	    st > (uint32_t)to[UT_TCP_RETRANS])
		return (uint32_t)to[UT_TCP_RETRANS];
	if (cls == C_RST)
		return (uint32_t)to[UT_TCP_CLOSE];
	if (((t->seen[0].flags | t->seen[1].flags) &
	     UT_TCP_FLAG_DATA_UNACKNOWLEDGED) &&
	    st > (uint32_t)to[UT_TCP_UNACK])
		return (uint32_t)to[UT_TCP_UNACK];
	if (t->last_win == 0 && st > (uint32_t)to[UT_TCP_RETRANS])
		return (uint32_t)to[UT_TCP_RETRANS];
	return st;
}

/* move: the segment is accepted: new state, timeout, ASSURED */
static int
move(struct ut_ct_ctx *cx, struct ut_conn *ct, const struct ut_tcp_seg *s,
     enum ut_ct_dir dir, unsigned old, unsigned ns)
{
	struct ut_ct_tcp *t = &ct->proto.tcp;
	uint32_t timeout;

	t->last_index = (uint8_t)s->cls;
	t->last_dir = (uint8_t)dir;
	t->state = (uint8_t)ns;
	if (old != ns && ns == UT_TCP_FIN_WAIT)
		t->seen[dir].flags |= UT_TCP_FLAG_CLOSE_INIT;
	timeout = timeout_for(cx, t, ns, s->cls);
	if (ns != old)
		ut_ct_event(cx, ct, UT_CT_EV_PROTOINFO);

	if (!(ct->status & UT_IPS_SEEN_REPLY)) {
		/* only a RST answered: no connection, forget it now */
		if (s->flags & TH_RST) {
			ut_ct_kill(cx, ct);
			return UT_NF_ACCEPT;
		}
		/* a retransmitted SYN does not prolong the entry (port
		 * reuse would keep it alive forever) */
		if (s->cls == C_SYN && old == UT_TCP_SYN_SENT)
			return UT_NF_ACCEPT;
		/* picked up mid-stream and not answered yet */
		if (ns == UT_TCP_ESTABLISHED &&
		    timeout > (uint32_t)cx->sys->tcp_timeout[UT_TCP_UNACK])
			timeout = (uint32_t)cx->sys->tcp_timeout[UT_TCP_UNACK];
	} else if (!(ct->status & UT_IPS_ASSURED) &&
		   (old == UT_TCP_SYN_RECV || old == UT_TCP_ESTABLISHED) &&
		   ns == UT_TCP_ESTABLISHED) {
		ct->status |= UT_IPS_ASSURED;
		ut_ct_event(cx, ct, UT_CT_EV_ASSURED);
	}
	ut_ct_refresh(cx, ct, timeout);
	return UT_NF_ACCEPT;
}

static int
tcp_packet(struct ut_ct_ctx *cx, struct ut_conn *ct, struct ut_pkt *p,
	   unsigned dataoff, unsigned ctinfo)
{
	enum ut_ct_dir dir = ut_ctinfo2dir(ctinfo);
	unsigned old, ns;
	struct ut_tcp_seg s;

	if (!seg_read(p, dataoff, &s))
		return UT_CT_VERDICT_INVALID;
	if (!ut_ct_confirmed(ct) && !tcp_new(cx, ct, p, &s))
		return UT_CT_VERDICT_INVALID;
	old = ct->proto.tcp.state;
	if (old >= UT_TCP_MAX)  /* a loaded table's nonsense */
		return UT_CT_VERDICT_INVALID;
	ns = next_state[dir][s.cls][old];

	switch (exceptions(cx, ct, p, &s, dir, &old, &ns)) {
	case S_ACCEPT:
		return UT_NF_ACCEPT;
	case S_INVALID:
		return UT_CT_VERDICT_INVALID;
	case S_REPEAT:
		return UT_CT_VERDICT_REPEAT;
	case S_MOVE:
		break;
	case S_CHECK:
		switch (ut_tcp_in_window(cx, ct, p, &s, dir)) {
		case W_IGNORE:
			return UT_NF_ACCEPT;
		case W_INVALID:
			handle_invalid(cx, ct, p, dir, s.cls);
			return UT_CT_VERDICT_INVALID;
		case W_ACCEPT:
			break;
		}
		break;
	}
	return move(cx, ct, &s, dir, old, ns);
}

const struct ut_ct_l4proto ut_ct_l4proto_tcp = {
	.proto = 6,
	.pkt_to_tuple = tcp_pkt_to_tuple,
	.error = tcp_error,
	.packet = tcp_packet,
	.state_name = tcp_state_name,
	.can_early_drop = tcp_can_early_drop,
};
