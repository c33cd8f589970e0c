/* proto_tcp_window.c: the TCP tracker's window tracking (tcp_in_window
 * of Linux 6.18's nf_conntrack_proto_tcp), SACK blocks and the SYN
 * options that size the windows. The model is in proto_tcp.c's head
 * comment: per direction td_end, td_maxend, td_maxwin, and the four
 * conditions a segment must meet. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "conntrack/proto_tcp.h"

/* opt_next: walk the options as tcp_options/tcp_sack do; returns the
 * kind of the next option with its value at *val (size-2 bytes), 0 at
 * the end (EOL, a broken or partial option) */
struct opt_walk {
	const uint8_t *o;
	int left;
};

static int
opt_next(struct opt_walk *w, const uint8_t **val, int *size)
{
	while (w->left > 0) {
		uint8_t kind = *w->o++;

		if (kind == 0)
			return 0;
		if (kind == 1) {
			w->left--;
			continue;
		}
		if (w->left < 2)
			return 0;
		*size = *w->o++;
		if (*size < 2 || *size > w->left)
			return 0;
		*val = w->o;
		w->o += *size - 2;
		w->left -= *size;
		return kind;
	}
	return 0;
}

/* ut_tcp_parse_options: window scale and SACK-permitted of a SYN into side
 * (only when the segment has options: the kernel leaves side alone
 * otherwise); the liberal flag survives */
void
ut_tcp_parse_options(const struct ut_tcp_seg *s, struct ut_ct_tcp_side *side)
{
	struct opt_walk w = { s->th + 20, (int)s->hlen - 20 };
	const uint8_t *val;
	int kind, size;

	if (w.left == 0)
		return;
	side->td_scale = 0;
	side->flags &= UT_TCP_FLAG_BE_LIBERAL;
	while ((kind = opt_next(&w, &val, &size)) != 0) {
		if (kind == 4 && size == 2) {
			side->flags |= UT_TCP_FLAG_SACK_PERM;
		} else if (kind == 3 && size == 3) {
			side->td_scale = val[0] > 14 ? 14 : val[0];
			side->flags |= UT_TCP_FLAG_WINDOW_SCALE;
		}
	}
}

/* sack_edge: raise *sack to the highest right edge of the first SACK
 * option's blocks */
static void
sack_edge(const struct ut_tcp_seg *s, uint32_t *sack)
{
	static const uint8_t ts_only[4] = { 1, 1, 8, 10 };
	struct opt_walk w = { s->th + 20, (int)s->hlen - 20 };
	const uint8_t *val;
	int kind, size;

	/* the common timestamp-only layout has no SACK */
	if (w.left == 12 && memcmp(w.o, ts_only, 4) == 0)
		return;
	while ((kind = opt_next(&w, &val, &size)) != 0) {
		if (kind != 5 || size < 10 || (size - 2) % 8 != 0)
			continue;
		for (int i = 0; i < size - 2; i += 8) {
			uint32_t edge = ut_get32(val + i + 4);

			if (seq_after(edge, *sack))
				*sack = edge;
		}
		return;
	}
}

/* ---- the window check (tcp_in_window) --------------------------------- */

static uint32_t
max_ack_window(const struct ut_ct_tcp_side *sender)
{
	return sender->td_maxwin > 66000 ? sender->td_maxwin : 66000;
}

/* init_sender: a SYN (or SYN/ACK) starts this direction's window; window
 * scaling needs both SYNs to offer it (RFC 1323) */
static void
init_sender(struct ut_ct_tcp_side *sender, struct ut_ct_tcp_side *receiver,
	    const struct ut_tcp_seg *s, enum ut_ct_dir dir)
{
	sender->td_end = sender->td_maxend = s->end;
	sender->td_maxwin = s->win ? s->win : 1;
	ut_tcp_parse_options(s, sender);
	if (dir == UT_CT_DIR_REPLY &&
	    !(sender->flags & UT_TCP_FLAG_WINDOW_SCALE &&
	      receiver->flags & UT_TCP_FLAG_WINDOW_SCALE)) {
		sender->td_scale = 0;
		receiver->td_scale = 0;
	}
}

/* window_fail: nf_tcp_log_invalid: a liberal connection (per direction
 * or by sysctl) accepts what fails, without a word and without learning
 * from it */
static enum ut_tcp_win
window_fail(struct ut_ct_ctx *cx, const struct ut_pkt *p,
	    const struct ut_ct_tcp_side *sender, enum ut_tcp_win v,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static enum ut_tcp_win
window_fail(struct ut_ct_ctx *cx, const struct ut_pkt *p,
	    const struct ut_ct_tcp_side *sender, enum ut_tcp_win v,
	    const char *fmt, ...)
{
	char why[128];
	va_list ap;

	if (sender->flags & UT_TCP_FLAG_BE_LIBERAL || cx->sys->tcp_be_liberal)
		return W_ACCEPT;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	ut_ct_log_invalid(cx, p, 6, "%s", why);
	return v;
}

/* first_of_direction: the first segment seen this way: a SYN starts the
 * window; anything else is a connection picked up in its middle, whose
 * history we only guess from the segment */
static bool
first_of_direction(struct ut_ct_tcp_side *sender,
		   struct ut_ct_tcp_side *receiver, const struct ut_tcp_seg *s,
		   uint32_t sack, enum ut_ct_dir dir)
{
	uint32_t swin;

	if (s->flags & TH_SYN) {
		init_sender(sender, receiver, s, dir);
		/* a SYN of the reply direction: simultaneous open */
		return !(s->flags & TH_ACK);
	}
	sender->td_end = s->end;
	swin = (uint32_t)s->win << sender->td_scale;
	sender->td_maxwin = swin ? swin : 1;
	sender->td_maxend = s->end + sender->td_maxwin;
	if (receiver->td_maxwin == 0) {
		/* nothing seen the other way: let III and IV pass */
		receiver->td_end = receiver->td_maxend = sack;
	} else if (sack == receiver->td_end + 1) {
		/* likely the answer to a keepalive */
		receiver->td_end++;
	}
	return false;
}

/* learn: an acceptable segment updates both directions' windows and the
 * retransmission counter */
static void
learn(struct ut_ct_tcp *t, enum ut_ct_dir dir, const struct ut_tcp_seg *s,
      uint32_t seq, uint32_t ack, uint32_t sack, uint32_t end)
{
	struct ut_ct_tcp_side *sender = &t->seen[dir];
	struct ut_ct_tcp_side *receiver = &t->seen[!dir];
	uint32_t win = s->win, swin;

	if (!(s->flags & TH_SYN))
		win <<= sender->td_scale;
	swin = win + (sack - ack);
	if (sender->td_maxwin < swin)
		sender->td_maxwin = swin;
	if (seq_after(end, sender->td_end)) {
		sender->td_end = end;
		sender->flags |= UT_TCP_FLAG_DATA_UNACKNOWLEDGED;
	}
	if (s->flags & TH_ACK) {
		if (!(sender->flags & UT_TCP_FLAG_MAXACK_SET)) {
			sender->td_maxack = ack;
			sender->flags |= UT_TCP_FLAG_MAXACK_SET;
		} else if (seq_after(ack, sender->td_maxack)) {
			sender->td_maxack = ack;
		}
	}
	if (receiver->td_maxwin != 0 && seq_after(end, sender->td_maxend))
		receiver->td_maxwin += end - sender->td_maxend;
	if (seq_after(sack + win, receiver->td_maxend - 1)) {
		receiver->td_maxend = sack + win;
		if (win == 0)
			receiver->td_maxend++;
	}
	if (ack == receiver->td_end)
		receiver->flags &= ~UT_TCP_FLAG_DATA_UNACKNOWLEDGED;

	/* the same pure ACK again: a retransmission */
	if (s->cls != C_ACK)
		return;
	if (t->last_dir == dir && t->last_seq == seq && t->last_ack == ack &&
	    t->last_end == end && t->last_win == s->win) {
		if (t->retrans < 255)
			t->retrans++;
	} else {
		t->last_dir = (uint8_t)dir;
		t->last_seq = seq;
		t->last_ack = ack;
		t->last_end = end;
		t->last_win = s->win;
		t->retrans = 0;
	}
}

enum ut_tcp_win
ut_tcp_in_window(struct ut_ct_ctx *cx, struct ut_conn *ct, const struct ut_pkt *p,
	  const struct ut_tcp_seg *s, enum ut_ct_dir dir)
{
	struct ut_ct_tcp *t = &ct->proto.tcp;
	struct ut_ct_tcp_side *sender = &t->seen[dir];
	struct ut_ct_tcp_side *receiver = &t->seen[!dir];
	uint32_t seq = s->seq, ack = s->ack, sack = s->ack, end = s->end;
	int32_t off;

	if (receiver->flags & UT_TCP_FLAG_SACK_PERM)
		sack_edge(s, &sack);
	/* a helper that changed payload lengths moved the peer's numbers */
	off = ut_ct_seq_offset(ct, (enum ut_ct_dir)!dir, ack - 1);
	ack -= (uint32_t)off;
	sack -= (uint32_t)off;

	if (sender->td_maxwin == 0) {
		if (first_of_direction(sender, receiver, s, sack, dir))
			return W_ACCEPT;
	} else if ((s->flags & TH_SYN) && seq_after(end, sender->td_end) &&
		   (t->state == UT_TCP_SYN_SENT ||
		    t->state == UT_TCP_SYN_RECV)) {
		/* a newer SYN (RFC 793: a restarted TCP uses higher
		 * numbers): start this direction again */
		init_sender(sender, receiver, s, dir);
		if (dir == UT_CT_DIR_REPLY && !(s->flags & TH_ACK))
			return W_ACCEPT;
	}

	if (!(s->flags & TH_ACK)) {
		ack = sack = receiver->td_end;
	} else if ((s->flags & TH_RST) && ack == 0) {
		/* stacks that send RST+ACK with a zero ACK */
		ack = sack = receiver->td_end;
	}
	/* the RST answering a SYN carries seq 0 */
	if ((s->flags & TH_RST) && seq == 0 && t->state == UT_TCP_SYN_SENT)
		seq = end = sender->td_end;

	if (!seq_before(seq, sender->td_maxend + 1)) {
		uint32_t overshot = end - sender->td_maxend + 1;
		bool ack_ok = seq_after(sack, receiver->td_end -
					max_ack_window(sender) - 1);
		bool in_rwin = receiver->td_maxwin &&
			       seq_after(end, sender->td_end -
					 receiver->td_maxwin - 1);

		if (in_rwin && ack_ok && overshot <= receiver->td_maxwin &&
		    seq_before(sack, receiver->td_end + 1)) {
			/* a sender that overruns the window: remember the
			 * data so that the peer's ACK of it stays valid */
			sender->td_end = end;
			sender->flags |= UT_TCP_FLAG_DATA_UNACKNOWLEDGED;
			return window_fail(cx, p, sender, W_IGNORE,
					   "%u bytes more than expected",
					   overshot);
		}
		return window_fail(cx, p, sender, W_INVALID,
				   "SEQ is over upper bound %u (over the "
				   "window of the receiver)",
				   sender->td_maxend + 1);
	}
	if (!seq_before(sack, receiver->td_end + 1))
		return window_fail(cx, p, sender, W_INVALID,
				   "ACK is over upper bound %u (ACKed data "
				   "not seen yet)", receiver->td_end + 1);
	if (receiver->td_maxwin &&
	    !seq_after(end, sender->td_end - receiver->td_maxwin - 1))
		return window_fail(cx, p, sender, W_IGNORE,
				   "SEQ is under lower bound %u (already "
				   "ACKed data retransmitted)",
				   sender->td_end - receiver->td_maxwin - 1);
	if (!seq_after(sack, receiver->td_end - max_ack_window(sender) - 1))
		return window_fail(cx, p, sender, W_IGNORE,
				   "ignored ACK under lower bound %u "
				   "(possible overly delayed)",
				   receiver->td_end - max_ack_window(sender) -
				   1);
	learn(t, dir, s, seq, ack, sack, end);
	return W_ACCEPT;
}
