/* seqadj.c: sequence number adjustment (the kernel's
 * nf_conntrack_seqadj): when a helper's NAT part changes the length of a
 * TCP payload (ftp's PORT with a longer address), the two ends no longer
 * agree on sequence numbers. Each direction keeps the position of its
 * last change and the offsets before and after it; at the confirm hook,
 * after the helper, every later segment's sequence number is moved by
 * its direction's offset and its acknowledgement (and SACK blocks) back
 * by the other direction's, so that each end sees its own numbers. The
 * TCP tracker, which sees segments before the adjustment, takes the
 * offset off acknowledgements the same way (ut_ct_seq_offset).
 *
 * One change per window: a second change at or before the recorded
 * position (a retransmission of the changed segment) leaves the record
 * as it is, as the kernel does.
 */
#include <stdlib.h>

#include "conntrack/ct_int.h"

#define TCPOPT_EOL 0
#define TCPOPT_NOP 1
#define TCPOPT_SACK 5
#define TCPOLEN_SACK_PERBLOCK 8

static bool
seq_after(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}

static int32_t
offset_at(const struct ut_ct_seqadj_dir *s, uint32_t seq)
{
	return seq_after(seq, s->correction_pos) ? s->offset_after :
	       s->offset_before;
}

int32_t
ut_ct_seq_offset(const struct ut_conn *ct, enum ut_ct_dir dir, uint32_t seq)
{
	if (!(ct->status & UT_IPS_SEQ_ADJUST) || !ct->seqadj)
		return 0;
	return offset_at(&ct->seqadj[dir], seq);
}

/* the adjustment of ctinfo's direction, the extension made (and
 * IPS_SEQ_ADJUST set) the first time; NULL: out of memory. The kernel
 * adds the extension when NAT binds a connection that has a helper (or
 * SYNPROXY's template makes it); here it comes with the first change. */
static struct ut_ct_seqadj_dir *
seqadj_dir(struct ut_conn *ct, unsigned ctinfo)
{
	if (!ct->seqadj) {
		ct->seqadj = calloc(2, sizeof(*ct->seqadj));
		if (!ct->seqadj)
			return NULL;
	}
	ct->status |= UT_IPS_SEQ_ADJUST;
	return &ct->seqadj[ut_ctinfo2dir(ctinfo)];
}

bool
ut_ct_seqadj_set(struct ut_conn *ct, unsigned ctinfo, uint32_t seq,
		 int32_t off)
{
	struct ut_ct_seqadj_dir *s;

	if (off == 0)
		return true;
	s = seqadj_dir(ct, ctinfo);
	if (!s)
		return false;
	if (s->offset_before == s->offset_after ||
	    seq_after(seq, s->correction_pos)) {
		s->correction_pos = seq;
		s->offset_before = s->offset_after;
		s->offset_after += off;
	}
	return true;
}

bool
ut_ct_seqadj_init(struct ut_conn *ct, unsigned ctinfo, int32_t off)
{
	struct ut_ct_seqadj_dir *s;

	if (off == 0)
		return true;
	s = seqadj_dir(ct, ctinfo);
	if (!s)
		return false;
	s->offset_before = off;
	s->offset_after = off;
	return true;
}

/* a SACK block acknowledges the other direction's data: moved back by
 * that direction's offset, compared in its unadjusted numbers */
static void
sack_block_adjust(uint8_t *th, uint8_t *blk,
		  const struct ut_ct_seqadj_dir *other)
{
	for (unsigned i = 0; i < 2; i++) {
		uint8_t *f = blk + 4 * i;
		uint32_t old = ut_get32(f);
		int32_t off = seq_after(old - (uint32_t)other->offset_before,
					other->correction_pos) ?
			      other->offset_after : other->offset_before;
		uint32_t v = old - (uint32_t)off;

		ut_csum_replace4(th + 16, old, v);
		ut_put32(f, v);
	}
}

/* the options between optoff and optend (offsets in th): false for a
 * malformed one, as nf_ct_sack_adjust */
static bool
sack_adjust(uint8_t *th, unsigned optend, const struct ut_ct_seqadj_dir *other)
{
	unsigned optoff = 20;

	while (optoff < optend) {
		uint8_t *op = th + optoff;

		if (op[0] == TCPOPT_EOL)
			return true;
		if (op[0] == TCPOPT_NOP) {
			optoff++;
			continue;
		}
		/* no partial options */
		if (optoff + 1 == optend || optoff + op[1] > optend ||
		    op[1] < 2)
			return false;
		if (op[0] == TCPOPT_SACK &&
		    op[1] >= 2 + TCPOLEN_SACK_PERBLOCK &&
		    (op[1] - 2) % TCPOLEN_SACK_PERBLOCK == 0)
			for (unsigned b = 2; b < op[1];
			     b += TCPOLEN_SACK_PERBLOCK)
				sack_block_adjust(th, op + b, other);
		optoff += op[1];
	}
	return true;
}

bool
ut_ct_seq_adjust(struct ut_pkt *p, const struct ut_conn *ct, unsigned ctinfo,
		 unsigned protoff)
{
	enum ut_ct_dir dir = ut_ctinfo2dir(ctinfo);
	const struct ut_ct_seqadj_dir *this_way, *other_way;
	uint8_t *th;
	uint32_t seq, ack, nseq, nack;
	unsigned doff;

	if (!ct->seqadj)
		return true;
	if (protoff + 20 > p->len)
		return false;
	this_way = &ct->seqadj[dir];
	other_way = &ct->seqadj[!dir];
	th = p->ip + protoff;
	seq = ut_get32(th + 4);
	ack = ut_get32(th + 8);
	nseq = seq + (uint32_t)offset_at(this_way, seq);
	/* the acknowledgement is in the other direction's adjusted
	 * numbers: its unadjusted position decides */
	nack = ack - (uint32_t)(seq_after(ack -
					  (uint32_t)other_way->offset_before,
					  other_way->correction_pos) ?
				other_way->offset_after :
				other_way->offset_before);
	ut_csum_replace4(th + 16, seq, nseq);
	ut_csum_replace4(th + 16, ack, nack);
	ut_put32(th + 4, nseq);
	ut_put32(th + 8, nack);
	/* the options must be in the packet (skb_make_writable) */
	doff = (th[12] >> 4) * 4u;
	if (protoff + doff > p->len)
		return false;
	return sack_adjust(th, doff, other_way);
}
